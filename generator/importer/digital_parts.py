"""The GB/T 9704 parts of a born-digital document: the head (发文机关标志, 发文字号, title)
and, in the body, 主送机关, 附件说明, 署名, 成文日期, the publication note and attachments."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.content.docnumber import DocNumber, find_docnumbers, try_parse_docnumber
from generator.content.text import squash
from generator.errors import ImportFailed, Problem
from generator.importer.blocks import Block, Para, Table, is_organ_line, strip_emphasis
from generator.importer.digital_readers import Piece
from generator.importer.normalize import normalize_title
from generator.importer.patterns import DATE_LINE
from generator.importer.source import Note

_MARK = re.compile(r"^(.*?)\s*文件$")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DATE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年"
    r"([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_ATTACH_LIST = re.compile(r"^附件\s*[:：]\s*(.*)$")
_ATTACH_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_ATTACH_MARKER = re.compile(r"^附件\s*(\d*)$")
_NOTE = re.compile(r"^[（(]此件(?:公开发布|依申请公开|不予公开)[）)]$")
_SIGNER = re.compile(r"\s*签发人\s*[:：].*$")


@dataclass(frozen=True)
class Head:
    """What precedes the body: the organs of the 发文机关标志, the 发文字号 and the title."""

    mark_organs: list[str]
    number: DocNumber | None
    title: str
    end: int
    """Index (into the text pieces) of the first piece of the body."""


def read_head(texts: list[Piece], name: str) -> Head:
    """The 发文机关标志, the 发文字号 and the title at the top of the text pieces."""
    mark_organs, index = _mark_organs(texts)
    number, index = _doc_number(texts, index)
    title_parts, index = _title_parts(texts, index)
    if not title_parts:
        raise ImportFailed(
            [
                Problem(
                    name,
                    texts[min(index, len(texts) - 1)].number,
                    "no title found: expected a centred title after the 发文字号, "
                    "e.g. 区人民政府办公室关于…的通知",
                )
            ]
        )
    return Head(mark_organs, number, normalize_title(" ".join(title_parts)), index)


def _mark_organs(texts: list[Piece]) -> tuple[list[str], int]:
    """发文机关标志: lines up to the one ending in 文件 (a joint mark may put each organ on a
    line); the organs and the index after the mark (0 without one)."""
    mark_organs: list[str] = []
    for probe in range(min(4, len(texts))):
        text = texts[probe].text
        if _MARK.match(squash(text)) and try_parse_docnumber(text) is None:
            for piece in texts[: probe + 1]:
                mark = _MARK.match(piece.text.strip())
                words = (mark[1] if mark else piece.text).split()
                mark_organs += [w for w in words if w]
            return mark_organs, probe + 1
    return mark_organs, 0


def _doc_number(texts: list[Piece], index: int) -> tuple[DocNumber | None, int]:
    """发文字号 (maybe with 签发人 on the same line) at ``index``, and the index after it."""
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
    return number, index


def _title_parts(texts: list[Piece], index: int) -> tuple[list[str], int]:
    """Title: the centred lines (or the largest type) up to the addressee or the body."""
    title_parts: list[str] = []
    body_size = _body_size(texts)
    while index < len(texts):
        piece = texts[index]
        is_title_line = piece.align == "center" or (
            piece.size and body_size and piece.size > body_size + 1
        )
        if (
            not is_title_line
            or piece.text.endswith("：")
            or (title_parts and piece.rows is not None)
        ):
            break
        title_parts.append(piece.text)
        index += 1
    return title_parts, index


def _body_size(texts: list[Piece]) -> float:
    """The median type size: that of the body text."""
    sizes = sorted(p.size for p in texts if p.size)
    return sizes[len(sizes) // 2] if sizes else 0.0


def body_blocks(pieces: list[Piece]) -> list[Block]:
    """The body's pieces as paragraphs and tables (rows padded to one width)."""
    blocks: list[Block] = []
    for piece in pieces:
        if piece.rows is not None:
            width = max(len(row) for row in piece.rows)
            rows = [row + [""] * (width - len(row)) for row in piece.rows]
            blocks.append(
                Table(
                    rows,
                    piece.number,
                    piece.number,
                    piece.number,
                    row_lines=[piece.number] * len(rows),
                    spans=piece.spans or None,
                )
            )
        else:
            blocks.append(Para(piece.text, piece.number, piece.number, piece.number))
    return blocks


def mark_parts(
    blocks: list[Block], aligns: dict[int, str], notes: list[Note]
) -> tuple[list[str], datetime.date | None]:
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
            for item in paras[position + 1 :]:
                if not _ATTACH_ITEM.match(item.text):
                    break
                item.kind = "attachment-list"
            continue
        found = _date(para.text)
        if found is not None and date is None and aligns.get(para.line) != "left":
            date = found
            para.kind = "date"
            back = position - 1
            while (
                back >= 0
                and paras[back].kind == "text"
                and is_organ_line(strip_emphasis(paras[back].text))
            ):
                paras[back].kind = "signature"
                organs.insert(0, paras[back].text)
                back -= 1
            continue
        if date is not None and _NOTE.match(para.text):
            para.kind = "note"
            continue
        marker = _ATTACH_MARKER.match(squash(para.text))
        if (
            date is not None
            and marker
            and position + 1 < len(paras)
            and paras[position + 1].kind == "text"
        ):
            para.kind = "attachment-marker"
            para.text = f"附件{marker[1]}"
            paras[position + 1].kind = "attachment-title"
            paras[position + 1].text = normalize_title(paras[position + 1].text)
    if date is None:
        for para in paras:
            if para.kind == "text" and (found := _date(para.text)) is not None:
                date = found
                para.kind = "date"
                notes.append(
                    Note(
                        para.line,
                        "signature",
                        f"took {para.text!r} as the 成文日期 (not set right) — check",
                    )
                )
                break
    return organs, date


def _date(text: str) -> datetime.date | None:
    """A 成文日期 in Arabic (2022年1月10日) or Chinese numerals (二〇二二年五月二十五日)."""
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
    """A number below 100 in Chinese numerals (一, 十, 十二, 二十, 二十五): a month or a day."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    return _CN_DIGITS[text]
