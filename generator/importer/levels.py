"""Heading levels of a document's items: sibling items (一、 …, （一） …) read alike."""

from __future__ import annotations

import re

from generator.importer.blocks import Block, Para, is_heading_like, strip_emphasis
from generator.importer.patterns import HEADING_PART, HEADING_SUB
from generator.importer.source import Note

_HEAD_END = re.compile(r"[。]")
_LONGEST_HEAD = 50


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
    splits: dict[int, tuple[str, str]] = {}
    for items in _sibling_groups(blocks):
        if items:
            splits.update(_level_group(blocks, items, notes))
    return _split_lead_sentences(blocks, splits)


def _sibling_groups(blocks: list[Block]) -> list[list[int]]:
    """Indexes of sibling items: per document part, its 一、 items and the （一） items of each."""
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
    return groups


def _level_group(
    blocks: list[Block], items: list[int], notes: list[Note]
) -> dict[int, tuple[str, str]]:
    """The lead sentences to split off one group's paragraph items (none when the group stays
    paragraphs: then its heading items are marked as plain items)."""
    heads = [i for i in items if is_heading_like(_text_of(blocks[i]))]
    paras = [i for i in items if i not in heads]
    if not heads or not paras:
        return {}
    cuts = {i: _lead_sentence(_text_of(blocks[i])) for i in paras}
    splits: dict[int, tuple[str, str]] = {}
    if all(cut is not None for cut in cuts.values()):
        for i, cut in cuts.items():
            assert cut is not None
            splits[i] = cut
            para = blocks[i]
            assert isinstance(para, Para)
            notes.append(
                Note(
                    para.line,
                    "heading",
                    f"made the lead sentence {cut[0]!r} a heading like its sibling items",
                )
            )
    else:
        for i in heads:
            para = blocks[i]
            assert isinstance(para, Para)
            para.kind = "item"
            notes.append(
                Note(
                    para.line,
                    "heading",
                    f"kept {strip_emphasis(para.text)!r} a "
                    "paragraph like its sibling items, which have "
                    "no short lead sentence",
                )
            )
    return splits


def _split_lead_sentences(blocks: list[Block], splits: dict[int, tuple[str, str]]) -> list[Block]:
    """The blocks with each split item as a heading and the rest of its paragraph."""
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


def _item_kind(text: str) -> str | None:
    """``part`` for a 一、 item, ``sub`` for a （一） item, else None."""
    if HEADING_PART.match(text):
        return "part"
    if HEADING_SUB.match(text):
        return "sub"
    return None


def _text_of(block: Block) -> str:
    """A paragraph's text without bold markers; empty for a table."""
    return strip_emphasis(block.text) if isinstance(block, Para) else ""


def _lead_sentence(text: str) -> tuple[str, str] | None:
    """The first sentence (if short enough for a heading) and the rest of the text."""
    match = _HEAD_END.search(text)
    if match is None or match.start() > _LONGEST_HEAD:
        return None
    return text[: match.start()], text[match.end() :].strip()
