"""The 文号 of an issue's documents: none shared by two TOC entries, none standing on a line
of its own inside another document (a document the TOC does not list)."""

from __future__ import annotations

from generator.content.docnumber import DocNumber, try_parse_docnumber
from generator.errors import ImportFailed, Problem
from generator.importer.front import TocEntry
from generator.importer.normalize import clean_inline
from generator.importer.source import Line, Note


def note_numbers_inside(
    entry: TocEntry, body: list[Line], file_name: str, notes: list[Note]
) -> None:
    """A 文号 on a line of its own inside a document starts another document: one the TOC
    does not list (its text is then part of this one), or one this document encloses."""
    for line in body:
        number = try_parse_docnumber(clean_inline(line.text)) if not line.blank else None
        if number is not None and number != entry.doc_number:
            notes.append(
                Note(
                    line.number,
                    "toc",
                    f"{number} stands on a line of its own inside the document of TOC entry "
                    f"{entry.order} and was kept as part of {file_name}: if it is a document "
                    "the TOC does not list (not one this document encloses), add it to the "
                    "TOC and import again",
                )
            )


def refuse_shared_numbers(entries: list[TocEntry], name: str) -> None:
    """Two documents of one issue never share a 文号: one of them was misread (and its file
    would overwrite the other's)."""
    first: dict[DocNumber, TocEntry] = {}
    problems = []
    for entry in entries:
        if entry.doc_number is None:
            continue
        earlier = first.setdefault(entry.doc_number, entry)
        if earlier is not entry:
            problems.append(
                Problem(
                    name,
                    entry.line,
                    f"TOC entry {entry.order} has the 文号 {entry.doc_number} of entry "
                    f"{earlier.order} (line {earlier.line}); two documents cannot share one: "
                    "check both against the printed issue",
                )
            )
    if problems:
        raise ImportFailed(problems)
