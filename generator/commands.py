"""The editor-facing commands: import, check, new-issue."""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from generator.check import check_content
from generator.errors import ImportFailed, Problem
from generator.importer import Note, import_issue
from generator.importer.review import REVIEW_FILE, needs_judgement, summary
from generator.progress import counted
from generator.site.templating import render_template
from generator.write import WriteRefused, write_new_files, write_new_folder


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


def run_add(
    source: Path,
    issue: str,
    out: Path,
    section: str | None,
    page: int | None,
    order: int | None,
    force: bool,
) -> int:
    """One born-digital document (.docx or a PDF with a text layer) into an issue folder."""
    from generator.importer.digital import convert, read_docx, read_pdf

    shown = str(source)
    year, number = _issue_key(issue, shown)
    reader = {".docx": read_docx, ".pdf": read_pdf}.get(source.suffix.lower())
    if reader is None:
        raise ImportFailed(
            [
                Problem(
                    shown,
                    1,
                    f"cannot add a {source.suffix or 'file without extension'!r}: "
                    "expected a .docx file or a PDF with a text layer",
                )
            ]
        )
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportFailed([Problem(shown, 1, f"cannot read the file: {error.strerror}")]) from None
    document = convert(reader(data, shown), shown, (year, number), section, page, order)
    folder = out / f"{year}" / f"{number:02d}"
    review_name = f"_review-{Path(document.file_name).stem}.md"
    try:
        write_new_files(
            folder, {document.file_name: document.text, review_name: document.review}, force=force
        )
    except WriteRefused as error:
        raise ImportFailed([Problem(str(folder / document.file_name), 1, str(error))]) from None
    print(
        f"Added {document.title} ({document.doc_number or 'no 文号'}) → "
        f"{folder / document.file_name}"
    )
    print(review_report(document.notes, shown))
    print(f"Review report: {folder / review_name} (never published)")
    if not (folder / "issue.yml").exists():
        print(
            f"Note: {folder}/issue.yml does not exist yet; "
            f"create it with make new-issue YEAR={year} NUMBER={number}"
        )
    return 0


def _issue_key(issue: str, shown: str) -> tuple[int, int]:
    """``--issue 2021/03`` → (2021, 3)."""
    match = re.fullmatch(r"(\d{4})/(\d{1,2})", issue)
    if not match or not 1 <= int(match[2]) <= 99:
        message = f"--issue {issue!r} is not an issue: expected YEAR/NN, e.g. 2021/03"
        raise ImportFailed([Problem(shown, 1, message)])
    return int(match[1]), int(match[2])


def run_check(content: Path, today: datetime.date | None = None) -> int:
    archive = check_content(content, today)
    documents = len(archive.documents)
    events = sum(len(c.events) for c in archive.chronicles)
    print(
        f"{content}: OK — {counted(len(archive.issues), 'issue')}, "
        f"{counted(documents, 'document')}, {counted(events, 'chronicle event')}"
    )
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
    print(
        f"Created {target}/ with commented templates. Fill in issue.yml; copy _document.md to "
        "<slug>.md for each document and _chronicle.yml to chronicle.yml (files starting with _ "
        "are ignored); then run: make check"
    )
    return 0
