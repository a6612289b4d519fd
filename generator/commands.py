"""The editor-facing commands: import, check, new-issue."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentError, ImportFailed, Problem
from .importer import Note, import_issue
from .importer.review import REVIEW_FILE, needs_judgement, summary
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
        write_new_folder(target, {**result.files, REVIEW_FILE: result.review}, force=force)
    except WriteRefused as error:
        raise ImportFailed([Problem(str(target), 1, str(error))]) from None
    print(f"Imported {result.summary}")
    print(f"Wrote {target}/ ({len(result.files)} files).")
    print()
    print(review_report(result.notes, shown))
    print(f"Review report: {target / REVIEW_FILE} (never published; judgement items first)")
    return 0


def review_report(notes: tuple[Note, ...], source: str) -> str:
    """The summary for the terminal: counts, then the items that need a decision."""
    if not notes:
        return "Review: nothing to check."
    lines = [f"Review: {summary(notes)}."]
    judgement = [note for note in notes if needs_judgement(note)]
    if judgement:
        lines.append("Needs your judgement (check against the printed issue):")
        lines += [f"{source}:{note.line}: [{note.kind}] {note.message}" for note in judgement]
    return "\n".join(lines)


def check_content(content: Path) -> Archive:
    """Load and validate; raise :class:`ContentError` with every problem found."""
    loaded = load_archive(content)
    problems = list(loaded.problems) + validate_archive(loaded.archive)
    if problems:
        raise ContentError(problems)
    return loaded.archive


def run_check(content: Path) -> int:
    archive = check_content(content)
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
