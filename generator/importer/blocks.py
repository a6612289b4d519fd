"""From OCR lines to paragraphs and tables.

The OCR export separates paragraphs with one blank line and also puts a blank line
where a page ended in the middle of a sentence. Lines inside one blank-separated block
are either wrapped text (narrow columns) or separate items (rosters, numbered lists).
This module decides which lines belong together and says so in the review report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.content.privacy import find_personal_data, mask_personal_data
from generator.content.text import HAN, squash
from generator.importer.normalize import clean_inline, join_wrapped_cell, tidy
from generator.importer.patterns import DATE_LINE, HEADING_PART, HEADING_SUB, ORGAN_SUFFIX
from generator.importer.source import Line, Note

_TERMINAL = set("。！？；：!?;:…）)】」』")
_QUOTE_CLOSE = set('”’"')
_LIST_MARKER = re.compile(r"^[-•]\s+")
_LABELS = (
    "责任领导|责任单位|牵头单位|配合单位|责任部门|完成时限|组长|副组长|成员|团长|副团长|"
    "联系人|联系电话|调查人|家庭成员代表|填报单位|填报日期|注"
)
_NEW_ITEM = re.compile(
    r"^(?:\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]+、"
    r"|第[一二三四五六七八九十百]+[条章节]|附件|[-•]\s"
    rf"|(?:{_LABELS})[：:]|\d{{4}}年\d{{1,2}}月\d{{1,2}}日$|[（(]此件"
    r"|[一二三四五六七八九十]是)"
)
_ROSTER = re.compile(rf"^[{HAN}]{{2,3}} [{HAN}]")


@dataclass
class Para:
    """A paragraph of running text with the source lines it came from."""

    text: str
    line: int
    last_line: int
    block: int
    marker: bool = False
    """The OCR put a list marker ("- ") before it."""
    kind: str = "text"
    """text, addressee, signature, date, note, title, repeated-title, attachment-list,
    attachment-marker, attachment-title, image, heading (an item's lead sentence made a
    heading), item (an item kept a paragraph though it reads like a heading)."""


@dataclass
class Table:
    """A tab-separated table; ``rows`` are lists of cell texts."""

    rows: list[list[str]]
    line: int
    last_line: int
    block: int
    kind: str = "table"
    header_rows: int = 1
    row_lines: list[int] = field(default_factory=list)
    """The source line of each row."""
    spans: dict[tuple[int, int], int] | None = None
    """Known merged cells ``(row, column) → rowspan`` (a born-digital table); None: infer them."""


Block = Para | Table


@dataclass
class Reader:
    """Turns a document's lines into blocks, noting every decision."""

    notes: list[Note]
    masked: list[tuple[int, str, str]] = field(default_factory=list)
    tidied: list[tuple[int, str, str, str]] = field(default_factory=list)
    """(line, kind, before, after) for each OCR spacing or punctuation fix."""

    def read(self, lines: list[Line]) -> list[Block]:
        blocks: list[Block] = []
        for index, run in enumerate(_runs(lines)):
            if "\t" in run[0].text:
                blocks.append(self._table(run, index))
            else:
                blocks.extend(self._paragraphs(run, index))
        blocks = self._merge_tables(blocks)
        return blocks

    # -- text -------------------------------------------------------------------------

    def clean(self, text: str, line: int) -> str:
        before = clean_inline(text)
        text, kinds = tidy(before)
        for kind in kinds:
            self.tidied.append((line, kind, before, text))
        for finding in find_personal_data(text):
            self.masked.append((line, finding.label, finding.masked))
        return mask_personal_data(text)

    def _paragraphs(self, run: list[Line], block: int) -> list[Para]:
        paras: list[Para] = []
        for line in run:
            raw = line.text.strip()
            marker = bool(_LIST_MARKER.match(raw))
            text = self.clean(_LIST_MARKER.sub("", raw), line.number)
            if not text:
                continue
            if paras and joins_in_block(paras[-1], text):
                prev = paras[-1]
                prev.text = join_text(prev.text, text, line.number, self.notes)
                prev.last_line = line.number
            else:
                paras.append(Para(text, line.number, line.number, block, marker))
        return paras

    # -- tables -----------------------------------------------------------------------

    def _table(self, run: list[Line], block: int) -> Table:
        rows = [
            [join_wrapped_cell(self.clean(cell, line.number)) for cell in line.text.split("\t")]
            for line in run
        ]
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        keep = [c for c in range(width) if any(row[c] for row in rows)]
        rows = [[row[c] for c in keep] for row in rows]
        return Table(
            rows,
            run[0].number,
            run[-1].number,
            block,
            header_rows=_header_rows(rows),
            row_lines=[line.number for line in run],
        )

    def _merge_tables(self, blocks: list[Block]) -> list[Block]:
        """A table continued on the next page repeats its header: merge the two parts."""
        merged: list[Block] = []
        for block in blocks:
            prev = merged[-1] if merged else None
            if isinstance(block, Table) and isinstance(prev, Table):
                head = prev.rows[: prev.header_rows]
                if [squash("".join(r)) for r in block.rows[: len(head)]] == [
                    squash("".join(r)) for r in head
                ]:
                    rest = block.rows[len(head) :]
                    width = (
                        max(len(prev.rows[0]), *(len(r) for r in rest))
                        if rest
                        else len(prev.rows[0])
                    )
                    prev.rows = [r + [""] * (width - len(r)) for r in prev.rows + rest]
                    prev.row_lines = prev.row_lines + block.row_lines[len(head) :]
                    prev.last_line = block.last_line
                    self.notes.append(
                        Note(
                            block.line,
                            "table",
                            "table continues after a page break: "
                            "repeated header row dropped, rows merged into the table "
                            f"that starts at line {prev.line}",
                        )
                    )
                    continue
            merged.append(block)
        return merged


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Blank-separated runs, split again where tab rows start or stop."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                runs.append(current)
            current = []
            continue
        if current and ("\t" in line.text) != ("\t" in current[-1].text):
            runs.append(current)
            current = []
        current.append(line)
    if current:
        runs.append(current)
    return runs


def _header_rows(rows: list[list[str]]) -> int:
    """Two header rows when the second only fills columns under a spanning first-row cell."""
    if len(rows) < 3 or rows[1][0]:
        return 1
    under_gap = [c for c, cell in enumerate(rows[1]) if cell and not rows[0][c]]
    return 2 if under_gap else 1


# -- joining decisions ------------------------------------------------------------------


def strip_emphasis(text: str) -> str:
    return text.replace("**", "").strip()


def ends_sentence(text: str) -> bool:
    text = strip_emphasis(text)
    if not text:
        return True
    last = text[-1]
    if last in _QUOTE_CLOSE:
        return len(text) > 1 and text[-2] in "。！？；…!?"
    if last in "：:":
        # "责任单位：…，完成时限：" continues with the value on the next line.
        return text[:-1].count("：") + text[:-1].count(":") == 0
    return last in _TERMINAL


def starts_new_item(text: str) -> bool:
    text = strip_emphasis(text)
    return bool(_NEW_ITEM.match(text) or _ROSTER.match(text))


def is_heading_like(text: str) -> bool:
    text = strip_emphasis(text)
    core = text.rstrip("。")
    return (
        bool(HEADING_PART.match(text) or HEADING_SUB.match(text))
        and len(text) <= 40
        and "。" not in core
    )


def is_organ_line(text: str) -> bool:
    text = strip_emphasis(text)
    return (
        len(text) <= 25
        and bool(ORGAN_SUFFIX.search(text))
        and not re.search(r"[，。、：；（）《》\s]", text)
    )


def joins_in_block(prev: Para, text: str) -> bool:
    """Does ``text`` continue ``prev`` (wrapped in a narrow column) rather than start a new item?"""
    p = strip_emphasis(prev.text)
    if prev.marker and len(p) <= 12 and not re.search(r"[，。；：]", p):
        return False
    if ends_sentence(p) or starts_new_item(text):
        return False
    if is_organ_line(p) and is_organ_line(text):
        return False
    if is_heading_like(p):
        # A numbered heading goes on only when wrapped: a full line, then a short rest
        # (an export without blank lines puts the paragraph right under its heading).
        return len(p) >= 18 and len(strip_emphasis(text)) <= 15
    return not DATE_LINE.match(p)


def joins_across_pages(prev: Para, nxt: Para) -> bool:
    """Does ``nxt`` continue ``prev`` across a page break?"""
    if prev.kind != "text" or nxt.kind != "text":
        return False
    p = strip_emphasis(prev.text)
    if ends_sentence(p) or starts_new_item(nxt.text):
        return False
    if is_heading_like(p):
        # A heading wrapped at the page end: a full line, then a short rest.
        return len(p) >= 18 and len(strip_emphasis(nxt.text)) <= 15
    return len(p) >= 15


def join_text(prev: str, nxt: str, line: int, notes: list[Note]) -> str:
    """Join two pieces of one sentence; a character the OCR repeated at the break goes."""
    a, b = prev.rstrip(), nxt.lstrip()
    a_core = a[:-2] if a.endswith("**") else a
    if a_core and b and a_core[-1] == b[0] and re.match(rf"[{HAN}]", b[0]):
        notes.append(
            Note(
                line,
                "page-break",
                f"dropped the character {b[0]!r} repeated across the "
                f"break: …{a_core[-6:]}|{b[:6]}…",
            )
        )
        b = b[1:]
    return a + b
