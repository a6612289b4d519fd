"""The parts of a document in OCR text: addressee, signature (organs and date), publication
note, enclosed title and attachments; paragraphs split by page breaks and repeated ones."""

from __future__ import annotations

import datetime
import re

from generator.content.text import squash
from generator.importer.blocks import (
    Block,
    Para,
    ends_sentence,
    is_heading_like,
    is_organ_line,
    join_text,
    joins_across_pages,
    starts_new_item,
    strip_emphasis,
)
from generator.importer.normalize import normalize_title
from generator.importer.patterns import DATE_LINE
from generator.importer.source import Note

ATTACH_MARKER = re.compile(r"^附件\s*(\d*)\s*[:：]?$")
"""附件 or 附件2 alone on its line: an attachment starts."""
_NOTE = re.compile(r"^[（(]此件公开发布[）)]$")
_ATTACH_LIST = re.compile(r"^附件\s*[:：]\s*(\S.*)$")
_ATTACH_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_FUSED_ATTACH = re.compile(r"(?<=。)(?=附件\s*[:：])")
_ROSTER_LINE = re.compile(r"^(?!第[一二三四五六七八九十百]+条)[\u4e00-\u9fff]{2,3} [\u4e00-\u9fff]")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")


def split_fused_attachment_lists(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Split an attachment list (附件：…) off the end of the paragraph it was run into."""
    out: list[Block] = []
    for block in blocks:
        if (
            isinstance(block, Para)
            and (parts := _FUSED_ATTACH.split(block.text))
            and len(parts) > 1
        ):
            notes.append(
                Note(
                    block.last_line,
                    "structure",
                    "split the attachment list (附件：…) off the end of the paragraph",
                )
            )
            out.append(Para(parts[0], block.line, block.last_line, block.block, block.marker))
            out.append(Para("".join(parts[1:]), block.last_line, block.last_line, block.block))
        else:
            out.append(block)
    return out


def mark_structure(
    blocks: list[Block], title: str, notes: list[Note]
) -> tuple[list[str], datetime.date | None, int | None]:
    """Addressee, signature (organs and date), publication note, enclosed title."""
    paras = [b for b in blocks if isinstance(b, Para)]
    if paras and strip_emphasis(paras[0].text).endswith("：") and len(paras[0].text) <= 80:
        paras[0].kind = "addressee"
    organs: list[str] = []
    date = None
    date_line = None
    for index, para in enumerate(paras):
        match = DATE_LINE.match(para.text)
        if not match:
            continue
        try:
            date = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            notes.append(Note(para.line, "signature", f"{para.text!r} is not a real date"))
            continue
        para.kind = "date"
        date_line = para.line
        back = index - 1
        while back >= 0 and paras[back].kind == "text" and is_organ_line(paras[back].text):
            paras[back].kind = "signature"
            organs.insert(0, paras[back].text)
            back -= 1
        _mark_after_signature(paras, index + 1, title, notes)
        break
    return organs, date, date_line


def _mark_after_signature(paras: list[Para], after: int, title: str, notes: list[Note]) -> None:
    """The publication note after the date, then the title of an enclosed text."""
    if after < len(paras) and _NOTE.match(paras[after].text):
        paras[after].kind = "note"
        after += 1
    if after < len(paras) and _title_like(paras[after]) and after + 1 < len(paras):
        candidate = paras[after]
        candidate.text = normalize_title(candidate.text)
        if squash(candidate.text) == squash(title):
            candidate.kind = "repeated-title"
            notes.append(
                Note(
                    candidate.line,
                    "repeated",
                    "the body repeats the document's own title here; dropped it",
                )
            )
        else:
            candidate.kind = "title"


def _title_like(para: Para) -> bool:
    """A short line, no sentence, no item: may be the title of an enclosed text."""
    text = strip_emphasis(para.text)
    return (
        para.kind == "text"
        and len(text) <= 60
        and not ends_sentence(text)
        and not starts_new_item(text)
        and not re.search(r"[，。；：]", text)
    )


def join_page_breaks(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Join paragraphs split by a page break; report those that stop mid-sentence."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Para)
            and isinstance(prev, Para)
            and prev.block != block.block
            and joins_across_pages(prev, block)
        ):
            notes.append(
                Note(
                    block.line,
                    "page-break",
                    f"joined a paragraph split by a page break (lines {prev.last_line} "
                    f"and {block.line}): …{prev.text[-8:]}|{block.text[:8]}…",
                )
            )
            prev.text = join_text(prev.text, block.text, block.line, notes)
            prev.last_line = block.last_line
            continue
        if (
            isinstance(block, Para)
            and isinstance(prev, Para)
            and block.kind == "text"
            and prev.kind == "text"
            and _reads_as_cut_sentence(prev.text)
            and starts_new_item(block.text)
        ):
            notes.append(
                Note(
                    prev.last_line,
                    "suspicious",
                    "paragraph ends mid-sentence and the next one starts a new item; "
                    f"text may be missing: …{prev.text[-12:]}",
                )
            )
        out.append(block)
    return out


def note_fused_rosters(blocks: list[Block], notes: list[Note]) -> None:
    """A roster line ("郑薇 区司法局…公职律师") that runs on into a sentence lost a line break."""
    for block in blocks:
        if (
            isinstance(block, Para)
            and block.kind == "text"
            and _ROSTER_LINE.match(block.text)
            and "。" in block.text
            and len(block.text) > 40
        ):
            notes.append(
                Note(
                    block.line,
                    "suspicious",
                    "a roster line runs on into a sentence; "
                    "a line break may be missing: "
                    f"{block.text[:24]}…",
                )
            )


def _reads_as_cut_sentence(text: str) -> bool:
    """Running text (not a label line, roster line or heading) that stops without punctuation."""
    plain = strip_emphasis(text)
    return (
        not ends_sentence(plain)
        and "，" in plain
        and not is_heading_like(plain)
        and not _LABEL_LINE.match(plain)
        and re.search(r"[\u4e00-\u9fff]$", plain) is not None
    )


def drop_repeats(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Drop a paragraph that repeats the one before it (the OCR read it twice)."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Para)
            and isinstance(prev, Para)
            and block.kind == prev.kind == "text"
            and squash(block.text) == squash(prev.text)
            and len(block.text) > 10
        ):
            notes.append(
                Note(
                    block.line,
                    "repeated",
                    f"paragraph repeats the one at line {prev.line}; dropped it",
                )
            )
            continue
        out.append(block)
    return out


def mark_attachments(blocks: list[Block], notes: list[Note]) -> None:
    """附件 lists, 附件N markers and the titles that follow them."""
    listed: list[tuple[Para, str]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if not isinstance(block, Para) or block.kind != "text":
            index += 1
            continue
        inline = _ATTACH_LIST.match(block.text)
        marker = ATTACH_MARKER.match(block.text)
        if inline or (marker and isinstance(nxt, Para) and _ATTACH_ITEM.match(nxt.text)):
            block.kind = "attachment-list"
            if inline:
                first = _ATTACH_ITEM.match(inline[1])
                listed.append((block, first[2] if first else inline[1]))
            index = _mark_list_items(blocks, index + 1, listed)
            continue
        if marker and isinstance(nxt, Para) and nxt.kind == "text":
            _mark_attachment(blocks, index, marker[1], listed, notes)
            index += 2
            continue
        index += 1


def _mark_list_items(blocks: list[Block], index: int, listed: list[tuple[Para, str]]) -> int:
    """Mark the numbered items of an attachment list from ``index`` on; the index after them."""
    while index < len(blocks):
        item = blocks[index]
        if not isinstance(item, Para) or item.kind != "text":
            break
        match = _ATTACH_ITEM.match(item.text)
        if not match:
            break
        item.kind = "attachment-list"
        listed.append((item, match[2]))
        index += 1
    return index


def _mark_attachment(
    blocks: list[Block], index: int, number: str, listed: list[tuple[Para, str]], notes: list[Note]
) -> None:
    """Mark the 附件N marker at ``index`` and its title; an image placeholder if no text follows."""
    block, nxt = blocks[index], blocks[index + 1]
    assert isinstance(block, Para) and isinstance(nxt, Para)
    block.kind = "attachment-marker"
    nxt.kind = "attachment-title"
    nxt.text = normalize_title(nxt.text)
    _check_listed(listed, number, nxt, notes)
    after = blocks[index + 2] if index + 2 < len(blocks) else None
    if after is None or (isinstance(after, Para) and ATTACH_MARKER.match(after.text)):
        blocks.insert(index + 2, Para(nxt.text, nxt.line, nxt.last_line, nxt.block, kind="image"))
        notes.append(
            Note(
                nxt.line,
                "image",
                f"attachment {nxt.text!r} has no text: the printed "
                "issue has an image here; a placeholder was put in",
            )
        )


def _check_listed(
    listed: list[tuple[Para, str]], number: str, title: Para, notes: list[Note]
) -> None:
    """Check the attachment list entry of attachment ``number`` against its title; complete
    a truncated entry, report one that differs."""
    position = int(number) - 1 if number else 0
    if not 0 <= position < len(listed):
        return
    para, item = listed[position]
    if squash(item) == squash(title.text):
        return
    if squash(title.text).startswith(squash(item)):
        para.text = para.text.replace(item, title.text)
        notes.append(
            Note(
                para.line,
                "attachment",
                f"completed the truncated attachment list entry "
                f"{item!r} from the attachment's title "
                f"{title.text!r}",
            )
        )
    else:
        notes.append(
            Note(
                para.line,
                "attachment",
                f"attachment list entry {item!r} differs from "
                f"the title of attachment {number or 1}: "
                f"{title.text!r} (line {title.line}); check "
                "the printed issue",
            )
        )
