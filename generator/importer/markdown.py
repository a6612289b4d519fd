"""A document's blocks as Markdown: headings by level, the signature, notes and attachment
lists as attribute lists, printed text escaped so Markdown does not read it as markup."""

from __future__ import annotations

import re

from generator.content.privacy import MASK_RUN
from generator.importer.blocks import Block, Para, Table, is_heading_like, strip_emphasis
from generator.importer.patterns import HEADING_PART
from generator.importer.source import Note
from generator.importer.structure import ATTACH_MARKER
from generator.importer.tables import render_table

_MD_LEADING = re.compile(r"^(\d{1,3})\. ")
_MD_SPECIAL_START = re.compile(r"^([#>+*-])(?=\s)")


def render_markdown(blocks: list[Block], notes: list[Note]) -> str:
    """The blocks of one document as its Markdown body."""
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
            lines = "<br>\n".join(escape_markdown(para.text) for para in run)
            out.append(lines + "\n{: .gz-signature }")
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
            marker = ATTACH_MARKER.match(block.text)
            assert marker is not None  # blocks of this kind were found by this pattern
            number = marker[1]
            title = blocks[index + 1]
            assert isinstance(title, Para)
            out.append(f"## 附件{number}\u3000{escape_markdown(title.text)}")
            base = 3
            index += 2
            continue
        elif block.kind == "image":
            out.append(
                f"［图：{escape_markdown(block.text)}。印刷版此处为图片，"
                "本电子版未收录，请以印刷版为准。］\n{: .gz-missing }"
            )
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
    """A text paragraph: a heading if it reads as one (or starts with one), else escaped."""
    text = _clean_emphasis(para, notes)
    plain = strip_emphasis(text)
    if is_heading_like(plain):
        level = base if HEADING_PART.match(plain) else base + 1
        return f"{'#' * level} {escape_markdown(plain.rstrip('。'))}"
    if HEADING_PART.match(plain) and "。" in plain:
        head, rest = plain.split("。", 1)
        if len(head) <= 30 and len(rest) > len(head):
            notes.append(
                Note(
                    para.line,
                    "structure",
                    f"split the heading {head!r} off the paragraph it was printed into",
                )
            )
            return f"{'#' * base} {escape_markdown(head)}\n\n{escape_markdown(rest)}"
    return escape_markdown(text)


def _clean_emphasis(para: Para, notes: list[Note]) -> str:
    """The paragraph's text, bold markers dropped when the OCR left them unbalanced (the
    stars of masked numbers are not markers)."""
    pieces = re.split(f"({MASK_RUN})", para.text)
    markers = sum(piece.count("**") for piece in pieces[::2])
    if markers % 2:
        notes.append(
            Note(para.line, "markup", "removed unbalanced bold markers (**) left by the OCR")
        )
        pieces[::2] = [piece.replace("**", "") for piece in pieces[::2]]
        return "".join(pieces)
    return para.text


def escape_markdown(text: str) -> str:
    """Keep Markdown from reading printed text as markup."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace("`", "\\`")
    # a printed [text](address) or ![…] is text, not a link or an image
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = _MD_LEADING.sub(r"\1\\. ", text)
    text = _MD_SPECIAL_START.sub(r"\\\1", text)
    return text.replace("\n<br>\n", "<br>\n")
