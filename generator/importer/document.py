"""One document of an issue: its structure (addressee, signature, enclosed text,
attachments) and its body as clean Markdown."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.content.docnumber import DocNumber
from generator.importer.blocks import Reader
from generator.importer.levels import level_siblings
from generator.importer.markdown import render_markdown
from generator.importer.source import Line, Note, masking_note
from generator.importer.structure import (
    drop_repeats,
    join_page_breaks,
    mark_attachments,
    mark_structure,
    note_fused_rosters,
    split_fused_attachment_lists,
)


@dataclass(frozen=True)
class ParsedDocument:
    """One document read from the OCR text: its facts and its Markdown body."""

    title: str
    doc_number: DocNumber | None
    organs: tuple[str, ...]
    date: datetime.date | None
    body: str
    date_line: int | None


def parse_document(
    title: str, number: DocNumber | None, lines: list[Line], notes: list[Note]
) -> ParsedDocument:
    """Parse the lines after a document's number line (or title line)."""
    reader = Reader(notes)
    blocks = reader.read(lines)
    blocks = split_fused_attachment_lists(blocks, notes)
    organs, date, date_line = mark_structure(blocks, title, notes)
    mark_attachments(blocks, notes)
    blocks = join_page_breaks(blocks, notes)
    blocks = drop_repeats(blocks, notes)
    note_fused_rosters(blocks, notes)
    for line, kind, before, after in reader.tidied:
        notes.append(Note(line, kind, _tidy_message(kind, before, after)))
    for line, label, masked in reader.masked:
        notes.append(masking_note(line, label, masked))
    blocks = level_siblings(blocks, notes)
    body = render_markdown(blocks, notes)
    return ParsedDocument(title, number, tuple(organs), date, body, date_line)


def _tidy_message(kind: str, before: str, after: str) -> str:
    """The review note for a tidied paragraph: what changed, shown around the first change."""
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    was = before[max(0, start - 6) : start + 10]
    now = after[max(0, start - 6) : start + 10]
    what = (
        "removed OCR spaces in a date or time"
        if kind == "spacing"
        else "half-width punctuation in Chinese text made full-width"
    )
    return f"{what}: {was!r} → {now!r}"
