"""The editor-facing commands: import, check, new-issue."""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from pathlib import Path

from .errors import ContentError, ImportFailed, Problem
from .importer import import_issue
from .load import load_archive
from .model import Archive
from .progress import counted
from .templating import render_template
from .validate import validate_archive
from .write import WriteRefused, write_new_folder


def run_import(source: Path, out: Path, force: bool) -> int:
    shown = str(source)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportFailed([Problem(shown, 1, f"cannot read the file: {error.strerror}")]) from None
    result = import_issue(data, shown)
    target = out / result.issue_dir
    try:
        write_new_folder(target, result.files, force=force)
    except WriteRefused as error:
        raise ImportFailed([Problem(str(target), 1, str(error))]) from None
    print(f"Imported {result.summary}")
    print(f"Wrote {target}/ ({len(result.files)} files).")
    print()
    print(review_report(result.notes, shown))
    return 0


def review_report(notes: tuple, source: str) -> str:  # type: ignore[type-arg]
    """The editor's checklist: every place the importer changed or could not decide."""
    if not notes:
        return "Review: nothing to check."
    counts = Counter(note.kind for note in notes)
    lines = [f"Review: {len(notes)} notes — " + ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())),
             "Check these against the printed issue, fix the files by hand where needed, then run make serve:"]
    lines += [f"{source}:{note.line}: [{note.kind}] {note.message}" for note in notes]
    return "\n".join(lines)


def check_content(content: Path, today: datetime.date | None = None) -> Archive:
    """Load and validate; raise :class:`ContentError` with every problem found (warnings
    are printed and do not stop). ``today`` bounds issue dates (default: the clock)."""
    loaded = load_archive(content)
    problems = list(loaded.problems) + validate_archive(loaded.archive, today)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise ContentError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    return loaded.archive


def run_check(content: Path, today: datetime.date | None = None) -> int:
    archive = check_content(content, today)
    documents = len(archive.documents)
    events = sum(len(c.events) for c in archive.chronicles)
    print(f"{content}: OK — {counted(len(archive.issues), 'issue')}, {counted(documents, 'document')}, "
          f"{counted(events, 'chronicle event')}")
    return 0


def run_new_issue(content: Path, year: int, number: int) -> int:
    target = content / f"{year}" / f"{number:02d}"
    files = {
        "issue.yml": render_template("scaffold/issue.yml.j2", year=year, number=number),
        "_document.md": render_template("scaffold/document.md.j2", year=year, number=number),
        "_chronicle.yml": render_template("scaffold/chronicle.yml.j2", year=year, number=number),
    }
    try:
        write_new_folder(target, files)
    except WriteRefused as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Created {target}/ with commented templates. Fill in issue.yml; copy _document.md to "
          "<slug>.md for each document and _chronicle.yml to chronicle.yml (files starting with _ "
          "are ignored); then run: make check")
    return 0
