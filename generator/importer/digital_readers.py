"""Born-digital files read into pieces: the paragraphs (with alignment and type size) and
tables of a .docx file or of a PDF's text layer, in reading order, characters fixed."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any

from generator.errors import ImportFailed, Problem

# Fonts often map CJK characters to the look-alike radicals (⼤ ⺠ ⻔); turn them back.
_RADICALS = str.maketrans(
    "⺁⺇⺈⺊⺋⺍⺎⺏⺒⺓⺔⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺶⺷"
    "⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠"
    "⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "厂几刀卜卩小兀尢巳幺彑忄心扌攴旡日月歺母民氵氺灬爪爫丬牛犭王疋罒示礻竹糸纟网羊羊"
    "耂肀聿月臼艹艹艹虎衤覀西见角角讠贝足车辶辶辶阝金長镸长门阝阝雨青韦页风飞食食食饣"
    "饣马骨鬼鱼鸟卤麦黄黾齊齐齒齿竜龙龜亀龟",
)
_PAGE_NUMBER = re.compile(r"^[—\-－–]?\s*\d{1,3}\s*[—\-－–]?$")
_COMPATIBLE = re.compile(r"[\u2f00-\u2fdf\uf900-\ufaff]")

_PdfLine = tuple[float, float, float, str]
"""x0, x1, type size and text of a line of a PDF; a table as size -1 and its index as text."""


@dataclass
class Piece:
    """A paragraph (or a table) read from the file, numbered in reading order."""

    number: int
    text: str = ""
    align: str = "left"
    """left, center or right."""
    size: float = 0.0
    rows: list[list[str]] | None = None
    spans: dict[tuple[int, int], int] = field(default_factory=dict)


def fix_characters(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as the characters they stand for
    (NFKC for those only: full-width punctuation stays), and the radicals NFKC leaves alone."""
    text = _COMPATIBLE.sub(
        lambda m: unicodedata.normalize("NFKC", m.group(0)), text.translate(_RADICALS)
    )
    return text.replace("\u00a0", " ")


# -- .docx ------------------------------------------------------------------------------


DOCX_UNPACKED_LIMIT = 100_000_000
"""Bytes a .docx may unpack to: a long document with images is a few MB; more is a file
built to exhaust the machine (a zip bomb)."""


def _refuse_zip_bomb(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFailed(
            [Problem(name, 1, "not a readable .docx file: it is not a zip archive")]
        ) from None
    if unpacked > DOCX_UNPACKED_LIMIT:
        raise ImportFailed(
            [
                Problem(
                    name,
                    1,
                    f"the .docx unpacks to {unpacked:,} bytes, over the limit of "
                    f"{DOCX_UNPACKED_LIMIT:,}: save the document again from Word",
                )
            ]
        )


def read_docx(data: bytes, name: str) -> list[Piece]:
    """The paragraphs and tables of a .docx file, in the order of its body."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    _refuse_zip_bomb(data, name)
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a file that is not .docx
        raise ImportFailed(
            [Problem(name, 1, f"not a readable .docx file: {str(error).strip(chr(34))}")]
        ) from None
    pieces: list[Piece] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            align, size, texts = _docx_paragraph(Paragraph(child, document))
            for text in texts:
                if text.strip():
                    pieces.append(Piece(len(pieces) + 1, fix_characters(text), align, size))
        elif child.tag == qn("w:tbl"):
            rows, spans = _docx_table(DocxTable(child, document))
            pieces.append(Piece(len(pieces) + 1, rows=rows, spans=spans))
    return pieces


def _docx_paragraph(paragraph: Any) -> tuple[str, float, list[str]]:
    """Alignment, largest type size and lines of one .docx paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    alignment = paragraph.alignment
    if alignment is None and paragraph.style is not None:
        alignment = paragraph.style.paragraph_format.alignment
    align = (
        "center"
        if alignment == WD_ALIGN_PARAGRAPH.CENTER
        else "right"
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT
        else "left"
    )
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    if not sizes and paragraph.style is not None and paragraph.style.font.size is not None:
        sizes = [paragraph.style.font.size.pt]
    return align, max(sizes, default=0.0), paragraph.text.split("\n")


def _docx_table(table: Any) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    """Rows of a .docx table, a merged cell written once, and its cells merged downwards."""
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], int] = {}
    anchors: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        cells: list[str] = []
        previous = None
        for c, cell in enumerate(row.cells):
            above = table.rows[r - 1].cells[c] if r else None
            if above is not None and cell._tc is above._tc:
                cells.append("")
                anchor = anchors[c]
                spans[anchor] = spans.get(anchor, 1) + 1
            elif previous is not None and cell._tc is previous._tc:
                cells.append("")
            else:
                cells.append(fix_characters(cell.text.strip()))
                anchors[c] = (r, c)
            previous = cell
        rows.append(cells)
    return rows, spans


# -- PDF --------------------------------------------------------------------------------


def read_pdf(data: bytes, name: str) -> list[Piece]:
    """The paragraphs and tables of a PDF's text layer, lines of one paragraph joined."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises several kinds for a file that is not a PDF
        why = str(error).strip('"') or "it is damaged"
        raise ImportFailed([Problem(name, 1, f"not a readable PDF file: {why}")]) from None
    lines: list[_PdfLine] = []
    tables: list[list[list[str]]] = []
    spans: list[dict[tuple[int, int], int]] = []
    with pdf:
        for page in pdf.pages:
            lines += _page_lines(page, tables, spans)
    if not lines:
        raise ImportFailed(
            [Problem(name, 1, "the PDF has no text layer (a scan?); use the OCR import instead")]
        )
    return _pdf_pieces(lines, tables, spans)


def _page_lines(
    page: Any, tables: list[list[list[str]]], spans: list[dict[tuple[int, int], int]]
) -> list[_PdfLine]:
    """One page's text lines and tables (collected into ``tables``), top to bottom."""
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    items: list[tuple[float, _PdfLine]] = []
    for table in found:
        rows = [
            [fix_characters(re.sub(r"\s+", "", cell or "")) for cell in row]
            for row in table.extract()
        ]
        tables.append(rows)
        spans.append(_pdf_spans(table))
        items.append((table.bbox[1], (0.0, 0.0, -1.0, str(len(tables) - 1))))
    for line in page.extract_text_lines():
        middle = (line["top"] + line["bottom"]) / 2
        if any(box[1] <= middle <= box[3] and box[0] <= line["x0"] <= box[2] for box in boxes):
            continue
        text = fix_characters(line["text"]).strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        size = max(char["size"] for char in line["chars"])
        items.append((line["top"], (line["x0"], line["x1"], size, text)))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _pdf_pieces(
    lines: list[_PdfLine], tables: list[list[list[str]]], spans: list[dict[tuple[int, int], int]]
) -> list[Piece]:
    """Lines as paragraphs: aligned by position, a line that continues a paragraph joined."""
    text_lines = [line for line in lines if line[2] > 0]
    left = min(line[0] for line in text_lines)
    right = max(line[1] for line in text_lines)
    centre = (left + right) / 2
    pieces: list[Piece] = []
    previous: _PdfLine | None = None
    for x0, x1, size, text in lines:
        if size < 0:
            pieces.append(Piece(len(pieces) + 1, rows=tables[int(text)], spans=spans[int(text)]))
            previous = None
            continue
        if (
            abs((x0 + x1) / 2 - centre) < size * 1.5
            and x0 > left + size * 1.5
            and x1 < right - size * 1.5
        ):
            align = "center"
        elif x0 > centre - size and x1 > centre + size * 3:
            align = (
                "right"  # 署名 and 成文日期 start in the right half (GB/T 9704 right-indents them)
            )
        else:
            align = "left"
        last = pieces[-1] if pieces else None
        if (
            previous is not None
            and last is not None
            and _continues(previous, last, align, x0, size, left, right)
        ):
            last.text += text
        else:
            pieces.append(Piece(len(pieces) + 1, text, align, size))
        previous = (x0, x1, size, text)
    return pieces


def _continues(
    previous: _PdfLine, last: Piece, align: str, x0: float, size: float, left: float, right: float
) -> bool:
    """Whether a line continues the paragraph of the line before it (``previous``)."""
    return (
        last.rows is None
        and last.align == align
        and abs(previous[2] - size) < 0.5
        and (
            (align == "left" and previous[1] > right - size * 1.5 and x0 < left + size * 0.5)
            or (
                align == "center"
                and size >= 18
                and previous[1] - previous[0] > right - left - size * 4
            )
        )
    )


def _pdf_spans(table: Any) -> dict[tuple[int, int], int]:
    """Cells merged downwards: a missing cell under a cell whose box reaches into its row."""
    grid = [list(row.cells) for row in table.rows]
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        for c, box in enumerate(row):
            if box is not None or r == 0:
                continue
            above = next((k for k in range(r - 1, -1, -1) if grid[k][c] is not None), None)
            top = next((b for b in row if b is not None), None)
            if above is None or top is None:
                continue
            if grid[above][c][3] > top[1] + 1:  # the box above ends below this row's top
                spans[(above, c)] = spans.get((above, c), 1) + 1
    return spans
