"""One document of an issue: its structure (addressee, signature, enclosed text,
attachments) and its body as clean Markdown."""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass

from generator.content.docnumber import DocNumber
from generator.content.text import squash
from generator.importer.blocks import (
    Block,
    Para,
    Reader,
    Table,
    ends_sentence,
    is_heading_like,
    is_organ_line,
    join_text,
    joins_across_pages,
    starts_new_item,
    strip_emphasis,
)
from generator.importer.normalize import normalize_title
from generator.importer.patterns import DATE_LINE, HEADING_PART, HEADING_SUB
from generator.importer.source import Line, Note

_NOTE = re.compile(r"^[（(]此件公开发布[）)]$")
_ATTACH_MARKER = re.compile(r"^附件\s*(\d*)\s*[:：]?$")
_ATTACH_LIST = re.compile(r"^附件\s*[:：]\s*(\S.*)$")
_ATTACH_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_FUSED_ATTACH = re.compile(r"(?<=。)(?=附件\s*[:：])")
_ROSTER_LINE = re.compile(r"^(?!第[一二三四五六七八九十百]+条)[\u4e00-\u9fff]{2,3} [\u4e00-\u9fff]")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
_MD_LEADING = re.compile(r"^(\d{1,3})\. ")
_MD_SPECIAL_START = re.compile(r"^([#>+*-])(?=\s)")


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    doc_number: DocNumber | None
    organs: tuple[str, ...]
    date: datetime.date | None
    body: str
    date_line: int | None


def parse_document(title: str, number: DocNumber | None, lines: list[Line],
                   notes: list[Note]) -> ParsedDocument:
    """Parse the lines after a document's number line (or title line)."""
    reader = Reader(notes)
    blocks = reader.read(lines)
    blocks = _split_fused_attachment_lists(blocks, notes)
    organs, date, date_line = _mark_structure(blocks, title, notes)
    _mark_attachments(blocks, notes)
    blocks = _join_page_breaks(blocks, notes)
    blocks = _drop_repeats(blocks, notes)
    _note_fused_rosters(blocks, notes)
    for line, kind, before, after in reader.tidied:
        notes.append(Note(line, kind, _tidy_message(kind, before, after)))
    for line, label, masked in reader.masked:
        notes.append(Note(line, "personal-data", f"masked a private {label}: {masked}"))
    blocks = level_siblings(blocks, notes)
    body = render_markdown(blocks, notes)
    return ParsedDocument(title, number, tuple(organs), date, body, date_line)


def _tidy_message(kind: str, before: str, after: str) -> str:
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    was = before[max(0, start - 6): start + 10]
    now = after[max(0, start - 6): start + 10]
    what = "removed OCR spaces in a date or time" if kind == "spacing" else \
        "half-width punctuation in Chinese text made full-width"
    return f"{what}: {was!r} → {now!r}"


# -- structure -------------------------------------------------------------------------


def _split_fused_attachment_lists(blocks: list[Block], notes: list[Note]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Para) and (parts := _FUSED_ATTACH.split(block.text)) and len(parts) > 1:
            notes.append(Note(block.last_line, "structure", "split the attachment list (附件：…) "
                                                            "off the end of the paragraph"))
            out.append(Para(parts[0], block.line, block.last_line, block.block, block.marker))
            out.append(Para("".join(parts[1:]), block.last_line, block.last_line, block.block))
        else:
            out.append(block)
    return out


def _mark_structure(blocks: list[Block], title: str,
                    notes: list[Note]) -> tuple[list[str], datetime.date | None, int | None]:
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
        after = index + 1
        if after < len(paras) and _NOTE.match(paras[after].text):
            paras[after].kind = "note"
            after += 1
        if after < len(paras) and _title_like(paras[after]) and after + 1 < len(paras):
            candidate = paras[after]
            candidate.text = normalize_title(candidate.text)
            if squash(candidate.text) == squash(title):
                candidate.kind = "repeated-title"
                notes.append(Note(candidate.line, "repeated", "the body repeats the document's own "
                                                               "title here; dropped it"))
            else:
                candidate.kind = "title"
        break
    return organs, date, date_line


def _title_like(para: Para) -> bool:
    text = strip_emphasis(para.text)
    return (para.kind == "text" and len(text) <= 60 and not ends_sentence(text)
            and not starts_new_item(text) and not re.search(r"[，。；：]", text))


def _join_page_breaks(blocks: list[Block], notes: list[Note]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Para) and isinstance(prev, Para) and prev.block != block.block
                and joins_across_pages(prev, block)):
            notes.append(Note(block.line, "page-break", f"joined a paragraph split by a page break "
                                                         f"(lines {prev.last_line} and {block.line}): "
                                                         f"…{prev.text[-8:]}|{block.text[:8]}…"))
            prev.text = join_text(prev.text, block.text, block.line, notes)
            prev.last_line = block.last_line
            continue
        if (isinstance(block, Para) and isinstance(prev, Para) and block.kind == "text"
                and prev.kind == "text" and _reads_as_cut_sentence(prev.text)
                and starts_new_item(block.text)):
            notes.append(Note(prev.last_line, "suspicious", f"paragraph ends mid-sentence and the next "
                                                             f"one starts a new item; text may be "
                                                             f"missing: …{prev.text[-12:]}"))
        out.append(block)
    return out


def _note_fused_rosters(blocks: list[Block], notes: list[Note]) -> None:
    """A roster line ("郑薇 区司法局…公职律师") that runs on into a sentence lost a line break."""
    for block in blocks:
        if (isinstance(block, Para) and block.kind == "text" and _ROSTER_LINE.match(block.text)
                and "。" in block.text and len(block.text) > 40):
            notes.append(Note(block.line, "suspicious", "a roster line runs on into a sentence; a line "
                                                         f"break may be missing: {block.text[:24]}…"))


def _reads_as_cut_sentence(text: str) -> bool:
    """Running text (not a label line, roster line or heading) that stops without punctuation."""
    plain = strip_emphasis(text)
    return (not ends_sentence(plain) and "，" in plain and not is_heading_like(plain)
            and not _LABEL_LINE.match(plain) and re.search(r"[\u4e00-\u9fff]$", plain) is not None)


def _drop_repeats(blocks: list[Block], notes: list[Note]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Para) and isinstance(prev, Para) and block.kind == prev.kind == "text"
                and squash(block.text) == squash(prev.text) and len(block.text) > 10):
            notes.append(Note(block.line, "repeated", f"paragraph repeats the one at line {prev.line}; "
                                                       "dropped it"))
            continue
        out.append(block)
    return out


def _mark_attachments(blocks: list[Block], notes: list[Note]) -> None:
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
        marker = _ATTACH_MARKER.match(block.text)
        if inline or (marker and isinstance(nxt, Para) and _ATTACH_ITEM.match(nxt.text)):
            block.kind = "attachment-list"
            if inline:
                first = _ATTACH_ITEM.match(inline[1])
                listed.append((block, first[2] if first else inline[1]))
            index += 1
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
            continue
        if marker and isinstance(nxt, Para) and nxt.kind == "text":
            block.kind = "attachment-marker"
            nxt.kind = "attachment-title"
            nxt.text = normalize_title(nxt.text)
            _check_listed(listed, marker[1], nxt, notes)
            after = blocks[index + 2] if index + 2 < len(blocks) else None
            if after is None or (isinstance(after, Para) and _ATTACH_MARKER.match(after.text)):
                blocks.insert(index + 2, Para(nxt.text, nxt.line, nxt.last_line, nxt.block, kind="image"))
                notes.append(Note(nxt.line, "image", f"attachment {nxt.text!r} has no text: the printed "
                                                     "issue has an image here; a placeholder was put in"))
            index += 2
            continue
        index += 1


def _check_listed(listed: list[tuple[Para, str]], number: str, title: Para, notes: list[Note]) -> None:
    position = int(number) - 1 if number else 0
    if not 0 <= position < len(listed):
        return
    para, item = listed[position]
    if squash(item) == squash(title.text):
        return
    if squash(title.text).startswith(squash(item)):
        para.text = para.text.replace(item, title.text)
        notes.append(Note(para.line, "attachment", f"completed the truncated attachment list entry "
                                                   f"{item!r} from the attachment's title {title.text!r}"))
    else:
        notes.append(Note(para.line, "attachment", f"attachment list entry {item!r} differs from the "
                                                   f"title of attachment {number or 1}: {title.text!r} "
                                                   f"(line {title.line}); check the printed issue"))


# -- heading levels ----------------------------------------------------------------------

_HEAD_END = re.compile(r"[。]")
_LONGEST_HEAD = 50


def _item_kind(text: str) -> str | None:
    if HEADING_PART.match(text):
        return "part"
    if HEADING_SUB.match(text):
        return "sub"
    return None


def level_siblings(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Give sibling items one level: the 一、 items of a document part, and the （一） items
    under one 一、.

    The OCR keeps a short item (（二）细化工作措施) as a line of its own, which reads as a
    heading, while an item printed with its first sentence run into the text
    (（一）提高政治站位，强化组织领导。各有关部门…) reads as a paragraph. Within each part of
    a document (the letter, the enclosed text, each 附件), when items of one kind are mixed,
    the paragraph items get their lead sentence split off as a heading; if one of them has
    no short lead sentence, all the siblings stay paragraphs instead.
    """
    scopes: list[list[int]] = [[]]
    for index, block in enumerate(blocks):
        if isinstance(block, Para) and block.kind in ("title", "attachment-marker"):
            scopes.append([])
        elif isinstance(block, Para) and block.kind == "text":
            scopes[-1].append(index)
    groups: list[list[int]] = []
    for scope in scopes:
        groups.append([i for i in scope if _item_kind(_text_of(blocks[i])) == "part"])
        under: list[int] = []
        for i in scope:
            kind = _item_kind(_text_of(blocks[i]))
            if kind == "part":
                groups.append(under)
                under = []
            elif kind == "sub":
                under.append(i)
        groups.append(under)
    splits: dict[int, tuple[str, str]] = {}
    for items in groups:
        if items:
            heads = [i for i in items if is_heading_like(_text_of(blocks[i]))]
            paras = [i for i in items if i not in heads]
            if not heads or not paras:
                continue
            cuts = {i: _lead_sentence(_text_of(blocks[i])) for i in paras}
            if all(cut is not None for cut in cuts.values()):
                for i, cut in cuts.items():
                    assert cut is not None
                    splits[i] = cut
                    para = blocks[i]
                    assert isinstance(para, Para)
                    notes.append(Note(para.line, "heading", f"made the lead sentence {cut[0]!r} a heading "
                                                            "like its sibling items"))
            else:
                for i in heads:
                    para = blocks[i]
                    assert isinstance(para, Para)
                    para.kind = "item"
                    notes.append(Note(para.line, "heading", f"kept {strip_emphasis(para.text)!r} a paragraph "
                                                            "like its sibling items, which have no short "
                                                            "lead sentence"))
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if index in splits and isinstance(block, Para):
            head, rest = splits[index]
            out.append(Para(head, block.line, block.line, block.block, kind="heading"))
            if rest:
                out.append(Para(rest, block.line, block.last_line, block.block))
        else:
            out.append(block)
    return out


def _text_of(block: Block) -> str:
    return strip_emphasis(block.text) if isinstance(block, Para) else ""


def _lead_sentence(text: str) -> tuple[str, str] | None:
    match = _HEAD_END.search(text)
    if match is None or match.start() > _LONGEST_HEAD:
        return None
    return text[: match.start()], text[match.end():].strip()


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(blocks: list[Block], notes: list[Note]) -> str:
    out: list[str] = []
    base = 2  # level of 一、 headings until an enclosed title or attachment opens a level
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Table):
            out.append(render_table(block, notes))
        elif block.kind == "addressee":
            out.append(f"{escape_markdown(block.text)}\n{{: .gz-addressee }}")
        elif block.kind == "signature":
            run = _run(blocks, index, ("signature", "date"))
            out.append("<br>\n".join(escape_markdown(para.text) for para in run) + "\n{: .gz-signature }")
            index += len(run)
            continue
        elif block.kind == "date":
            out.append(f"{escape_markdown(block.text)}\n{{: .gz-signature }}")
        elif block.kind == "note":
            out.append(f"{escape_markdown(block.text)}\n{{: .gz-note }}")
        elif block.kind == "title":
            out.append(f"## {escape_markdown(block.text)}")
            base = 3
        elif block.kind == "attachment-list":
            run = _run(blocks, index, ("attachment-list",))
            items = [escape_markdown(_clean_emphasis(para, notes)) for para in run]
            out.append("<br>\n".join(items) + "\n{: .gz-attachments }")
            index += len(run)
            continue
        elif block.kind == "attachment-marker":
            number = _ATTACH_MARKER.match(block.text)[1]  # type: ignore[index]
            title = blocks[index + 1]
            assert isinstance(title, Para)
            out.append(f"## 附件{number}\u3000{escape_markdown(title.text)}")
            base = 3
            index += 2
            continue
        elif block.kind == "image":
            out.append(f"［图：{escape_markdown(block.text)}。印刷版此处为图片，本电子版未收录，"
                       "请以印刷版为准。］\n{: .gz-missing }")
        elif block.kind == "repeated-title":
            pass
        elif block.kind == "heading":
            level = base if HEADING_PART.match(block.text) else base + 1
            out.append(f"{'#' * level} {escape_markdown(block.text)}")
        elif block.kind == "item":
            out.append(escape_markdown(_clean_emphasis(block, notes)))
        else:
            out.append(_render_text(block, base, notes))
        index += 1
    return "\n\n".join(part for part in out if part) + "\n"


def _run(blocks: list[Block], start: int, kinds: tuple[str, ...]) -> list[Para]:
    """The paragraphs of the given kinds from ``start`` on, up to the first other block."""
    run = []
    for block in blocks[start:]:
        if not isinstance(block, Para) or block.kind not in kinds:
            break
        run.append(block)
    return run


def _render_text(para: Para, base: int, notes: list[Note]) -> str:
    text = _clean_emphasis(para, notes)
    plain = strip_emphasis(text)
    if is_heading_like(plain):
        level = base if HEADING_PART.match(plain) else base + 1
        return f"{'#' * level} {escape_markdown(plain.rstrip('。'))}"
    if HEADING_PART.match(plain) and "。" in plain:
        head, rest = plain.split("。", 1)
        if len(head) <= 30 and len(rest) > len(head):
            notes.append(Note(para.line, "structure", f"split the heading {head!r} off the paragraph "
                                                      "it was printed into"))
            return f"{'#' * base} {escape_markdown(head)}\n\n{escape_markdown(rest)}"
    return escape_markdown(text)


def _clean_emphasis(para: Para, notes: list[Note]) -> str:
    if para.text.count("**") % 2:
        notes.append(Note(para.line, "markup", "removed unbalanced bold markers (**) left by the OCR"))
        return para.text.replace("**", "")
    return para.text


def escape_markdown(text: str) -> str:
    """Keep Markdown from reading printed text as markup."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace("`", "\\`")
    text = _MD_LEADING.sub(r"\1\\. ", text)
    text = _MD_SPECIAL_START.sub(r"\\\1", text)
    return text.replace("\n<br>\n", "<br>\n")


def render_table(table: Table, notes: list[Note] | None = None) -> str:
    rows = table.rows
    width = len(rows[0])
    group_rows = {i for i, row in enumerate(rows[table.header_rows:], table.header_rows)
                  if width >= 3 and row[0] and not any(row[1:])}
    spans = merged_cells(rows, table.header_rows, group_rows) if table.spans is None else table.spans
    if notes is not None and table.spans is None:
        for (r, c), span in sorted(spans.items(), key=lambda item: (item[0][1], item[0][0])):
            line = table.row_lines[r] if r < len(table.row_lines) else table.line
            name = rows[table.header_rows - 1][c] or rows[0][c] or str(c + 1)
            notes.append(Note(line, "merged-cell", f"column {name!r}: {rows[r][c][:16]!r} spans "
                                                   f"{span} rows (the OCR left the {span - 1} cells below "
                                                   "empty); written as rowspan"))
    if table.header_rows == 1 and not group_rows and not spans:
        return _pipe_table(rows)
    return _html_table(rows, table.header_rows, group_rows, spans)


def merged_cells(rows: list[list[str]], header_rows: int,
                 group_rows: set[int]) -> dict[tuple[int, int], int]:
    """Cells the printed table merged down a column, as ``(row, column) → rowspan``.

    The OCR writes a merged cell once and leaves the cells below it empty. A column is
    read as merged when its pattern shows it: its first body row is filled, it is filled
    in at most half of the body rows, and every row where it is empty is a real row (at
    least half of its other cells filled). A merge never crosses
    a group row (a row spanning the table) and ends at the next filled cell.
    """
    body = [r for r in range(header_rows, len(rows)) if r not in group_rows]
    if len(body) < 3:
        return {}
    width = len(rows[0])
    spans: dict[tuple[int, int], int] = {}
    for c in range(width):
        filled = [r for r in body if rows[r][c]]
        empty = [r for r in body if not rows[r][c]]
        if not empty or not rows[body[0]][c] or len(filled) * 2 > len(body):
            continue
        if any(sum(1 for k, cell in enumerate(rows[r]) if k != c and cell) * 2 < width - 1 for r in empty):
            continue
        column: dict[tuple[int, int], int] = {}
        anchor: tuple[int, int] | None = None
        for r in range(header_rows, len(rows)):
            if r in group_rows:
                anchor = None
            elif rows[r][c]:
                anchor = (r, c)
                column[anchor] = 1
            elif anchor is not None:
                column[anchor] += 1
        merged = {cell: span for cell, span in column.items() if span > 1}
        if merged:
            spans.update(merged)
    return spans


def _pipe_table(rows: list[list[str]]) -> str:
    def cells(row: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|").replace("<", "&lt;") for cell in row) + " |"

    lines = [cells(rows[0]), "|" + "|".join(" --- " for _ in rows[0]) + "|"]
    lines += [cells(row) for row in rows[1:]]
    return "\n".join(lines)


def _html_table(rows: list[list[str]], header_rows: int, group_rows: set[int],
                spans: dict[tuple[int, int], int]) -> str:
    width = len(rows[0])
    out = ["<table>", "<thead>"]
    if header_rows == 2:
        top, sub = rows[0], rows[1]
        cells = []
        covered: set[int] = set()
        for c in range(width):
            if c in covered:
                continue
            span = 1
            while c + span < width and not top[c + span] and sub[c + span]:
                covered.add(c + span)
                span += 1
            if span > 1 or (not sub[c]):
                attrs = f' colspan="{span}"' if span > 1 else ' rowspan="2"'
            else:
                attrs = ""
            cells.append(f"<th{attrs}>{html.escape(top[c], quote=False)}</th>")
            if span > 1:
                covered.add(c)
        out.append("<tr>" + "".join(cells) + "</tr>")
        spanned = _spanned_columns(top, sub)
        out.append("<tr>" + "".join(f"<th>{html.escape(sub[c], quote=False)}</th>" for c in spanned) + "</tr>")
    else:
        out.append("<tr>" + "".join(f"<th>{html.escape(cell, quote=False)}</th>" for cell in rows[0]) + "</tr>")
    out += ["</thead>", "<tbody>"]
    hidden = {(r + k, c) for (r, c), span in spans.items() for k in range(1, span)}
    for index, row in enumerate(rows[header_rows:], header_rows):
        if index in group_rows:
            out.append(f'<tr><td colspan="{width}">{html.escape(row[0], quote=False)}</td></tr>')
        else:
            cells = []
            for c, cell in enumerate(row):
                if (index, c) in hidden:
                    continue
                span = spans.get((index, c), 1)
                attrs = f' rowspan="{span}"' if span > 1 else ""
                cells.append(f"<td{attrs}>{html.escape(cell, quote=False)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _spanned_columns(top: list[str], sub: list[str]) -> list[int]:
    """Columns whose second header row is shown: those under a spanning top cell."""
    columns = []
    for c in range(len(top)):
        start = c
        while start > 0 and not top[start]:
            start -= 1
        span_end = start + 1
        while span_end < len(top) and not top[span_end] and sub[span_end]:
            span_end += 1
        if span_end - start > 1 and start <= c < span_end:
            columns.append(c)
    return columns

