"""Born-digital documents (.docx, text-layer PDF) → one document's Markdown with front matter.

A 公文 laid out after GB/T 9704 has, in order: the 发文机关标志 (issuing organ(s) and
文件, printed red), the 发文字号, the title, the 主送机关 (addressee, ending in ：), the
body, the 附件说明 (附件：1. … 2. …), the 署名 (organ lines) and the 成文日期, then any
（此件公开发布） note and the attachments (附件1 and a title). Both readers turn the file
into the same list of pieces (paragraphs with alignment and size, and tables); one
recogniser finds the parts. Nothing here touches the disk.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.content.docnumber import DocNumber
from generator.content.privacy import find_personal_data, mask_personal_data
from generator.content.slugs import docnumber_slug, initials_slug
from generator.content.yamlio import dump
from generator.errors import ImportFailed, Problem
from generator.importer import review
from generator.importer.blocks import Block
from generator.importer.digital_parts import Head, body_blocks, mark_parts, read_head
from generator.importer.digital_readers import Piece, fix_characters, read_docx, read_pdf
from generator.importer.levels import level_siblings
from generator.importer.markdown import render_markdown
from generator.importer.normalize import clean_inline, tidy
from generator.importer.review import Span
from generator.importer.source import Line, Note, masking_note

__all__ = ["DigitalDocument", "Piece", "convert", "fix_characters", "read_docx", "read_pdf"]

_TODO = {
    "date": "成文日期 not found: fill it in",
    "section": "栏目: one of issue.yml's sections",
    "page": "first page in the printed issue",
    "order": "position in the table of contents",
}
"""The comment written for a front matter field left empty."""


@dataclass(frozen=True)
class DigitalDocument:
    """One born-digital document converted: its Markdown file, review report and facts."""

    file_name: str
    """``sdzbf-2022-25.md``."""
    text: str
    review: str
    notes: tuple[Note, ...]
    title: str
    doc_number: DocNumber | None
    organs: tuple[str, ...]
    date: datetime.date | None


def convert(
    pieces: list[Piece],
    name: str,
    issue: tuple[int, int],
    section: str | None = None,
    page: int | None = None,
    order: int | None = None,
) -> DigitalDocument:
    """Recognise the GB/T 9704 parts and write the Markdown file and its review report."""
    notes: list[Note] = []
    texts = [p for p in pieces if p.rows is None]
    if not texts:
        raise ImportFailed([Problem(name, 1, "the file has no text")])
    _tidy_texts(texts, notes)
    _mask_personal_data(pieces, notes)
    head = read_head(texts, name)
    first_body = texts[head.end].number if head.end < len(texts) else pieces[-1].number + 1
    blocks = body_blocks([p for p in pieces if p.number >= first_body])
    aligns = {p.number: p.align for p in pieces}
    organs, date = _signature(blocks, aligns, head, first_body, notes)
    blocks = level_siblings(blocks, notes)
    body = render_markdown(blocks, notes)
    year, issue_number = issue
    slug = (
        docnumber_slug(head.number)
        if head.number
        else f"{initials_slug(section or 'wenjian') or 'doc'}-{year}-{issue_number:02d}-"
        f"{order or 0}"
    )
    meta = _front_matter(
        head,
        organs,
        date,
        slug,
        {"section": section, "page": page, "order": order},
        first_body,
        notes,
    )
    file_name = f"{slug}.md"
    content = f"---\n{_with_todos(dump(meta))}---\n\n{body}"
    ordered = tuple(sorted(notes))
    lines = [Line(p.number, p.text if p.rows is None else "\t".join(p.rows[0])) for p in pieces]
    located = review.locate(ordered, [Span(1, len(pieces), file_name)], {file_name: content}, lines)
    report = review.render(f"{head.title} ({name})", name, located)
    return DigitalDocument(
        file_name, content, report, ordered, head.title, head.number, tuple(organs), date
    )


def _tidy_texts(texts: list[Piece], notes: list[Note]) -> None:
    """Inline clean-up and OCR-style fixes of every text piece, each fix noted."""
    for piece in texts:
        before = clean_inline(piece.text)
        piece.text, kinds = tidy(before)
        for kind in kinds:
            notes.append(Note(piece.number, kind, f"{kind} fixed: {before[:20]!r}"))


def _mask_personal_data(pieces: list[Piece], notes: list[Note]) -> None:
    """Private numbers and addresses masked in paragraphs and table cells, each noted, as the
    OCR import does (generator.content.privacy)."""

    def masked(text: str, number: int) -> str:
        for finding in find_personal_data(text):
            notes.append(masking_note(number, finding.label, finding.masked))
        return mask_personal_data(text)

    for piece in pieces:
        if piece.rows is None:
            piece.text = masked(piece.text, piece.number)
        else:
            piece.rows = [[masked(cell, piece.number) for cell in row] for row in piece.rows]


def _signature(
    blocks: list[Block], aligns: dict[int, str], head: Head, first_body: int, notes: list[Note]
) -> tuple[list[str], datetime.date | None]:
    """The organs and the 成文日期; without a 署名 the organs of the mark or of the title."""
    organs, date = mark_parts(blocks, aligns, notes)
    if not organs:
        organs = head.mark_organs
        if organs:
            notes.append(
                Note(
                    first_body,
                    "signature",
                    f"no 署名 before the 成文日期; took the "
                    f"organs {organs} from the 发文机关标志 "
                    "— check",
                )
            )
    if not organs:
        organs = [head.title.split("关于")[0]] if "关于" in head.title else []
        notes.append(
            Note(
                first_body,
                "signature",
                f"no issuing organ found; took {organs} from the title — check",
            )
        )
    if date is None:
        notes.append(
            Note(first_body, "signature", "no 成文日期 found: the date is left for the editor")
        )
    return organs, date


def _front_matter(
    head: Head,
    organs: list[str],
    date: datetime.date | None,
    slug: str,
    placing: dict[str, object],
    first_body: int,
    notes: list[Note],
) -> dict[str, object]:
    """The front matter fields in order; a slug without a 文号, a note for each missing one."""
    meta: dict[str, object] = {"title": head.title}
    if head.number is not None:
        meta["doc_number"] = str(head.number)
    meta["organs"] = organs
    meta["date"] = date
    meta.update(placing)
    if head.number is None:
        meta["slug"] = slug
        notes.append(
            Note(
                first_body,
                "slug",
                f"{head.title!r} has no document number: its URL "
                f"uses the slug {slug!r}; keep it or choose another "
                "before publishing",
            )
        )
    for key, what in (
        ("section", "栏目: one of issue.yml's sections"),
        ("page", "first page in the printed issue"),
        ("order", "position in the table of contents"),
    ):
        if meta[key] is None:
            notes.append(Note(1, "metadata", f"{key} was not given (--{key}); fill it in: {what}"))
    return meta


def _with_todos(text: str) -> str:
    """The dumped front matter with each empty field left blank and a TODO comment."""
    for key, comment in _TODO.items():
        text = text.replace(f"\n{key}: null\n", f"\n{key}:   # TODO {comment}\n")
        if text.startswith(f"{key}: null\n"):
            text = f"{key}:   # TODO {comment}\n" + text[len(f"{key}: null\n") :]
    return text
