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
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.content.docnumber import DocNumber, find_docnumbers, try_parse_docnumber
from generator.content.slugs import docnumber_slug, initials_slug
from generator.content.text import squash
from generator.content.yamlio import dump
from generator.errors import ImportFailed, Problem
from generator.importer import review
from generator.importer.blocks import Block, Para, Table, is_organ_line, strip_emphasis
from generator.importer.levels import level_siblings
from generator.importer.markdown import render_markdown
from generator.importer.normalize import clean_inline, normalize_title, tidy
from generator.importer.patterns import DATE_LINE
from generator.importer.review import Span
from generator.importer.source import Line, Note

# Fonts often map CJK characters to the look-alike radicals (⼤ ⺠ ⻔); turn them back.
_RADICALS = str.maketrans("".join([
    "⺁⺇⺈⺊⺋⺍⺎⺏⺒⺓⺔⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺶⺷⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    ]), "".join([
    "厂几刀卜卩小兀尢巳幺彑忄心扌攴旡日月歺母民氵氺灬爪爫丬牛犭王疋罒示礻竹糸纟网羊羊耂肀聿月臼艹艹艹虎衤覀西见角角讠贝足车辶辶辶阝金長镸长门阝阝雨青韦页风飞食食食饣饣马骨鬼鱼鸟卤麦黄黾齊齐齒齿竜龙龜亀龟",
]))
_PAGE_NUMBER = re.compile(r"^[—\-－–]?\s*\d{1,3}\s*[—\-－–]?$")
_MARK = re.compile(r"^(.*?)\s*文件$")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_ATTACH_LIST = re.compile(r"^附件\s*[:：]\s*(.*)$")
_ATTACH_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_ATTACH_MARKER = re.compile(r"^附件\s*(\d*)$")
_NOTE = re.compile(r"^[（(]此件(?:公开发布|依申请公开|不予公开)[）)]$")
_SIGNER = re.compile(r"\s*签发人\s*[:：].*$")


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


_COMPATIBLE = re.compile(r"[\u2f00-\u2fdf\uf900-\ufaff]")


def fix_characters(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as the characters they stand for
    (NFKC for those only: full-width punctuation stays), and the radicals NFKC leaves alone."""
    text = _COMPATIBLE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text.translate(_RADICALS))
    return text.replace("\u00a0", " ")


# -- readers ----------------------------------------------------------------------------


def read_docx(data: bytes, name: str) -> list[Piece]:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a file that is not .docx
        raise ImportFailed([Problem(name, 1, f"not a readable .docx file ({type(error).__name__}: {error})")]) \
            from None
    pieces: list[Piece] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            alignment = paragraph.alignment
            if alignment is None and paragraph.style is not None:
                alignment = paragraph.style.paragraph_format.alignment
            align = ("center" if alignment == WD_ALIGN_PARAGRAPH.CENTER
                     else "right" if alignment == WD_ALIGN_PARAGRAPH.RIGHT else "left")
            sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
            if not sizes and paragraph.style is not None and paragraph.style.font.size is not None:
                sizes = [paragraph.style.font.size.pt]
            for text in paragraph.text.split("\n"):
                if text.strip():
                    pieces.append(Piece(len(pieces) + 1, fix_characters(text), align, max(sizes, default=0.0)))
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
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
            pieces.append(Piece(len(pieces) + 1, rows=rows, spans=spans))
    return pieces


def read_pdf(data: bytes, name: str) -> list[Piece]:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises several kinds for a file that is not a PDF
        raise ImportFailed([Problem(name, 1, f"not a readable PDF file ({type(error).__name__}: {error})")]) \
            from None
    lines: list[tuple[float, float, float, str]] = []  # x0, x1, size, text; tables as size -1
    tables: list[list[list[str]]] = []
    spans: list[dict[tuple[int, int], int]] = []
    with pdf:
        for page in pdf.pages:
            found = page.find_tables()
            boxes = [table.bbox for table in found]
            items: list[tuple[float, tuple[float, float, float, str]]] = []
            for table in found:
                rows = [[fix_characters(re.sub(r"\s+", "", cell or "")) for cell in row] for row in table.extract()]
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
            lines += [item for _, item in sorted(items, key=lambda pair: pair[0])]
    if not lines:
        raise ImportFailed([Problem(name, 1, "the PDF has no text layer (a scan?); use the OCR import instead")])
    text_lines = [line for line in lines if line[2] > 0]
    left = min(line[0] for line in text_lines)
    right = max(line[1] for line in text_lines)
    centre = (left + right) / 2
    pieces: list[Piece] = []
    previous: tuple[float, float, float, str] | None = None
    for x0, x1, size, text in lines:
        if size < 0:
            pieces.append(Piece(len(pieces) + 1, rows=tables[int(text)], spans=spans[int(text)]))
            previous = None
            continue
        if abs((x0 + x1) / 2 - centre) < size * 1.5 and x0 > left + size * 1.5 and x1 < right - size * 1.5:
            align = "center"
        elif x0 > centre - size and x1 > centre + size * 3:
            align = "right"  # 署名 and 成文日期 start in the right half (GB/T 9704 right-indents them)
        else:
            align = "left"
        last = pieces[-1] if pieces else None
        continues = (previous is not None and last is not None and last.rows is None and last.align == align
                     and abs(previous[2] - size) < 0.5 and (
                         (align == "left" and previous[1] > right - size * 1.5 and x0 < left + size * 0.5)
                         or (align == "center" and size >= 18
                             and previous[1] - previous[0] > right - left - size * 4)))
        if continues and last is not None:
            last.text += text
        else:
            pieces.append(Piece(len(pieces) + 1, text, align, size))
        previous = (x0, x1, size, text)
    return pieces


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


# -- recognising the parts ------------------------------------------------------------------


@dataclass(frozen=True)
class DigitalDocument:
    file_name: str
    """``sdzbf-2022-25.md``."""
    text: str
    review: str
    notes: tuple[Note, ...]
    title: str
    doc_number: DocNumber | None
    organs: tuple[str, ...]
    date: datetime.date | None


def _date(text: str) -> datetime.date | None:
    text = squash(text)
    try:
        if match := DATE_LINE.match(text):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _CN_DATE.match(text):
            year = int("".join(str(_CN_DIGITS[c]) for c in match[1]))
            return datetime.date(year, _cn_number(match[2]), _cn_number(match[3]))
    except ValueError:
        return None
    return None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    return _CN_DIGITS[text]


def convert(pieces: list[Piece], name: str, issue: tuple[int, int], section: str | None = None,
            page: int | None = None, order: int | None = None) -> DigitalDocument:
    """Recognise the GB/T 9704 parts and write the Markdown file and its review report."""
    notes: list[Note] = []
    texts = [p for p in pieces if p.rows is None]
    if not texts:
        raise ImportFailed([Problem(name, 1, "the file has no text")])
    for piece in texts:
        before = clean_inline(piece.text)
        piece.text, kinds = tidy(before)
        for kind in kinds:
            notes.append(Note(piece.number, kind, f"{kind} fixed: {before[:20]!r}"))
    index = 0
    # 发文机关标志: lines up to the one ending in 文件 (a joint mark may put each organ on a line).
    mark_organs: list[str] = []
    for probe in range(min(4, len(texts))):
        if _MARK.match(squash(texts[probe].text)) and try_parse_docnumber(texts[probe].text) is None:
            for piece in texts[: probe + 1]:
                mark = _MARK.match(piece.text.strip())
                words = (mark[1] if mark else piece.text).split()
                mark_organs += [w for w in words if w]
            index = probe + 1
            break
    # 发文字号 (maybe with 签发人 on the same line).
    number: DocNumber | None = None
    if index < len(texts):
        candidate = _SIGNER.sub("", texts[index].text)
        number = try_parse_docnumber(candidate)
        if number is None:
            cited = find_docnumbers(candidate)
            if len(cited) == 1 and len(squash(candidate)) <= len(str(cited[0].number)) + 2:
                number = cited[0].number
        if number is not None:
            index += 1
    # Title: the centred lines (or the largest type) up to the addressee or the body.
    title_parts: list[str] = []
    body_size = _body_size(texts)
    while index < len(texts):
        piece = texts[index]
        is_title_line = piece.align == "center" or (piece.size and body_size and piece.size > body_size + 1)
        if not is_title_line or piece.text.endswith("：") or (title_parts and piece.rows is not None):
            break
        title_parts.append(piece.text)
        index += 1
    if not title_parts:
        raise ImportFailed([Problem(name, texts[min(index, len(texts) - 1)].number,
                                    "no title found: expected a centred title after the 发文字号, e.g. "
                                    "区人民政府办公室关于…的通知")])
    title = normalize_title(" ".join(title_parts))
    first_body = texts[index].number if index < len(texts) else pieces[-1].number + 1
    blocks = _blocks([p for p in pieces if p.number >= first_body])
    aligns = {p.number: p.align for p in pieces}
    organs, date = _mark_parts(blocks, aligns, notes)
    if not organs:
        organs = mark_organs
        if organs:
            notes.append(Note(first_body, "signature", f"no 署名 before the 成文日期; took the organs {organs} "
                                                       "from the 发文机关标志 — check"))
    if not organs:
        organs = [title.split("关于")[0]] if "关于" in title else []
        notes.append(Note(first_body, "signature", f"no issuing organ found; took {organs} from the title — check"))
    if date is None:
        notes.append(Note(first_body, "signature", "no 成文日期 found: the date is left for the editor"))
    blocks = level_siblings(blocks, notes)
    body = render_markdown(blocks, notes)

    year, issue_number = issue
    slug = docnumber_slug(number) if number else \
        f"{initials_slug(section or 'wenjian') or 'doc'}-{year}-{issue_number:02d}-{order or 0}"
    meta: dict[str, object] = {"title": title}
    if number is not None:
        meta["doc_number"] = str(number)
    meta["organs"] = organs
    meta["date"] = date
    meta.update(section=section, page=page, order=order)
    if number is None:
        meta["slug"] = slug
        notes.append(Note(first_body, "slug", f"{title!r} has no document number: its URL uses the slug "
                                              f"{slug!r}; keep it or choose another before publishing"))
    for key, what in (("section", "栏目: one of issue.yml's sections"), ("page", "first page in the printed issue"),
                      ("order", "position in the table of contents")):
        if meta[key] is None:
            notes.append(Note(1, "metadata", f"{key} was not given (--{key}); fill it in: {what}"))
    text = dump(meta)
    comments = {"date": "成文日期 not found: fill it in", "section": "栏目: one of issue.yml's sections",
                "page": "first page in the printed issue", "order": "position in the table of contents"}
    for key, comment in comments.items():
        text = text.replace(f"\n{key}: null\n", f"\n{key}:   # TODO {comment}\n")
        if text.startswith(f"{key}: null\n"):
            text = f"{key}:   # TODO {comment}\n" + text[len(f"{key}: null\n"):]
    file_name = f"{slug}.md"
    content = f"---\n{text}---\n\n{body}"
    ordered = tuple(sorted(notes))
    lines = [Line(p.number, p.text if p.rows is None else "\t".join(p.rows[0])) for p in pieces]
    report = review.render(f"{title} ({name})", name,
                           review.locate(ordered, [Span(1, len(pieces), file_name)], {file_name: content}, lines))
    return DigitalDocument(file_name, content, report, ordered, title, number, tuple(organs), date)


def _body_size(texts: list[Piece]) -> float:
    sizes = sorted(p.size for p in texts if p.size)
    return sizes[len(sizes) // 2] if sizes else 0.0


def _blocks(pieces: list[Piece]) -> list[Block]:
    blocks: list[Block] = []
    for piece in pieces:
        if piece.rows is not None:
            width = max(len(row) for row in piece.rows)
            rows = [row + [""] * (width - len(row)) for row in piece.rows]
            blocks.append(Table(rows, piece.number, piece.number, piece.number,
                                row_lines=[piece.number] * len(rows), spans=piece.spans or None))
        else:
            blocks.append(Para(piece.text, piece.number, piece.number, piece.number))
    return blocks


def _mark_parts(blocks: list[Block], aligns: dict[int, str],
                notes: list[Note]) -> tuple[list[str], datetime.date | None]:
    """主送机关, 附件说明, 署名, 成文日期, the publication note and the attachments."""
    paras = [b for b in blocks if isinstance(b, Para)]
    if paras and paras[0].text.endswith("：") and len(paras[0].text) <= 80:
        paras[0].kind = "addressee"
    organs: list[str] = []
    date = None
    for position, para in enumerate(paras):
        if (listed := _ATTACH_LIST.match(para.text)) and date is None:
            para.kind = "attachment-list"
            para.text = "附件：" + listed[1].strip()
            for item in paras[position + 1:]:
                if not _ATTACH_ITEM.match(item.text):
                    break
                item.kind = "attachment-list"
            continue
        found = _date(para.text)
        if found is not None and date is None and aligns.get(para.line) != "left":
            date = found
            para.kind = "date"
            back = position - 1
            while back >= 0 and paras[back].kind == "text" and is_organ_line(strip_emphasis(paras[back].text)):
                paras[back].kind = "signature"
                organs.insert(0, paras[back].text)
                back -= 1
            continue
        if date is not None and _NOTE.match(para.text):
            para.kind = "note"
            continue
        marker = _ATTACH_MARKER.match(squash(para.text))
        if date is not None and marker and position + 1 < len(paras) and paras[position + 1].kind == "text":
            para.kind = "attachment-marker"
            para.text = f"附件{marker[1]}"
            paras[position + 1].kind = "attachment-title"
            paras[position + 1].text = normalize_title(paras[position + 1].text)
    if date is None:
        for para in paras:
            if para.kind == "text" and (found := _date(para.text)) is not None:
                date = found
                para.kind = "date"
                notes.append(Note(para.line, "signature", f"took {para.text!r} as the 成文日期 (not set right) "
                                                          "— check"))
                break
    return organs, date
