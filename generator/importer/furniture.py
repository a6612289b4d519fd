"""What a document's text is not: the section headings, page numbers and running heads
printed between its pages."""

from __future__ import annotations

import re

from generator.content.text import HAN, fullwidth_digits_to_ascii, squash
from generator.importer.front import SECTION
from generator.importer.normalize import clean_inline
from generator.importer.source import Line, Note

# Page furniture the OCR keeps between pages: a page number between dashes (— 12 —, -3-,
# 第12页) and the running head, the gazette's name and/or the issue (大武口区人民政府公报
# 2021年第02期). A line holding only these is no part of the document.
_DASH = "—–\\-－―~〜"
_PAGE_NUMBER = re.compile(rf"^(?:[{_DASH}]+\d{{1,3}}[{_DASH}]+|第\d{{1,3}}页)$")
_RUNNING_HEAD = re.compile(
    rf"^(?=.*(?:人民政府公报|年第\d))(?:[{HAN}]{{2,8}}人民政府公报)?"
    r"(?:\d{4}年第\d{1,2}期)?(?:[（(]总第\d{1,4}期[)）])?$"
)


def drop_page_furniture(body: list[Line], sections: list[str], notes: list[Note]) -> list[Line]:
    """A section heading printed in the body (【区人民政府文件】 before the section's first
    document) is not part of the document before it; nor are page numbers and running heads
    between its pages (the paragraph broken by the page is then joined as usual)."""
    names = {squash(section) for section in sections}
    kept: list[Line] = []
    furniture: list[Line] = []
    for line in body:
        text = squash(clean_inline(line.text))
        heading = SECTION.match(text)
        if not line.blank and (text in names or (heading and squash(heading[0][1:-1]) in names)):
            notes.append(
                Note(
                    line.number,
                    "structure",
                    f"left out the section heading {line.text.strip()!r} printed in the body",
                )
            )
            continue
        plain = fullwidth_digits_to_ascii(text)
        if text and (_PAGE_NUMBER.match(plain) or _RUNNING_HEAD.match(plain)):
            furniture.append(line)
            continue
        if furniture and "\t" in line.text:
            _join_table_over_break(kept, line, furniture[-1])
        kept.append(line)
    if furniture:
        shown = "、".join(sorted({repr(line.text.strip()) for line in furniture})[:3])
        notes.append(
            Note(
                furniture[0].number,
                "structure",
                f"left out {len(furniture)} page number or running head line(s) between "
                f"pages, such as {shown}",
            )
        )
    return kept


def _join_table_over_break(kept: list[Line], line: Line, last_furniture: Line) -> None:
    """When ``line``, a table row, is the first line after a page break, the table before the
    break goes on without the blank lines around the page number (a part that repeats the
    table's header is merged with it later, the header dropped)."""
    gap = len(kept)
    while gap and kept[gap - 1].blank:
        gap -= 1
    if not gap or last_furniture.number <= kept[gap - 1].number:
        return
    top = gap
    while top and "\t" in kept[top - 1].text:
        top -= 1
    if top < gap and squash(line.text) != squash(kept[top].text):
        del kept[gap:]
