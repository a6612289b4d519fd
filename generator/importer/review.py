"""The review report an editor works through after an import: ``_review.md`` next to the
issue (files starting with ``_`` are never published).

Items that need a decision come first, one by one; routine changes follow, grouped by
kind with counts in expandable sections. Every item names the source line, the content
file and line where the text ended up, and the text around it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from generator.importer.normalize import clean_inline
from generator.importer.source import Line, Note

REVIEW_FILE = "_review.md"

# What each kind of note is about, for the summary; the order is the report's order.
KINDS = {
    "suspicious": "text that may be missing or run together",
    "garbled": "garbled lines left out",
    "attachment": "attachment lists checked against the attachments",
    "image": "images the electronic edition does not have",
    "undated": "chronicle paragraphs without a date",
    "chronicle": "chronicle dates",
    "signature": "signature blocks (organs, dates)",
    "toc": "table of contents",
    "slug": "documents without a 文号",
    "metadata": "front matter left for the editor",
    "heading": "sibling items given one heading level",
    "merged-cell": "merged table cells restored as rowspan",
    "repeated": "repeated text dropped",
    "page-break": "paragraphs joined across page breaks",
    "structure": "structure split off paragraphs",
    "table": "tables continued across pages",
    "spacing": "OCR spaces removed from dates and times",
    "punctuation": "half-width punctuation made full-width",
    "personal-data": "private numbers masked",
    "markup": "stray OCR markup removed",
}
_ALWAYS_JUDGEMENT = {
    "suspicious",
    "garbled",
    "image",
    "undated",
    "chronicle",
    "signature",
    "toc",
    "slug",
    "metadata",
}


def needs_judgement(note: Note) -> bool:
    """Does the editor have to decide (rather than glance at) this item?"""
    if note.kind in _ALWAYS_JUDGEMENT:
        return True
    if note.kind == "attachment":
        return "differs" in note.message
    if note.kind == "heading":
        return note.message.startswith("kept")
    return False


@dataclass(frozen=True)
class Span:
    """Source lines ``first``–``last`` (1-based, inclusive) ended up in ``file``."""

    first: int
    last: int
    file: str


@dataclass(frozen=True)
class Item:
    note: Note
    file: str
    file_line: int | None
    file_text: str
    context: str


def locate(
    notes: tuple[Note, ...], spans: list[Span], files: dict[str, str], lines: list[Line]
) -> list[Item]:
    """Where each note's text ended up: file, line in it and the text around it."""
    items = []
    cursors: dict[str, int] = {}
    for note in sorted(notes):
        file = next((s.file for s in spans if s.first <= note.line <= s.last), "issue.yml")
        text = files.get(file, "")
        # Text keeps its order: look after the place the previous note in this file was found.
        source = _source_text(lines, note.line)
        file_line, file_text = _find_line(text, source, cursors.get(file, 0))
        if file_line is None:
            file_line, file_text = _find_line(text, source, 0)
        if file_line is not None:
            cursors[file] = file_line - 1
        items.append(Item(note, file, file_line, file_text, _context(lines, note.line)))
    return items


def _source_text(lines: list[Line], number: int) -> str:
    return clean_inline(lines[number - 1].text) if 0 < number <= len(lines) else ""


_MARKUP = re.compile(r"<[^>]+>|\{:[^}]*\}")
_NOT_TEXT = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def _letters(text: str) -> str:
    """Only Han characters, letters and digits: the form both sides are compared in."""
    return _NOT_TEXT.sub("", _MARKUP.sub("", text))


def _find_line(text: str, source: str, after: int) -> tuple[int | None, str]:
    """The line of ``text`` (after any front matter) that holds a piece of ``source``."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0] == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i] == "---"), 0)
    start = max(start, after)
    flat_lines = [_letters(line) for line in lines]
    flat = _letters(source)
    middle = len(flat) // 2
    for probe in (flat[:10], flat[-10:], flat[middle : middle + 8], flat[:5], flat[-5:]):
        if len(probe) < 3:
            continue
        for index in range(start, len(lines)):
            if probe in flat_lines[index]:
                return index + 1, lines[index]
    return None, ""


def _context(lines: list[Line], number: int) -> str:
    """The source line with the text lines just before and after it."""
    out = []
    for offset in (-1, 0, 1):
        index = _neighbour(lines, number, offset)
        if index is not None:
            text = clean_inline(lines[index - 1].text)
            text = text if len(text) <= 60 else (text[:28] + "…" + text[-28:])
            out.append(("→ " if offset == 0 else "  ") + f"{index}: {text}")
    return "\n".join(out)


def _neighbour(lines: list[Line], number: int, offset: int) -> int | None:
    if offset == 0:
        return number if 0 < number <= len(lines) else None
    index = number + offset
    while 0 < index <= len(lines):
        if not lines[index - 1].blank:
            return index
        index += offset
    return None


def summary(notes: tuple[Note, ...]) -> str:
    judgement = sum(1 for note in notes if needs_judgement(note))
    counts = Counter(note.kind for note in notes if not needs_judgement(note))
    routine = ", ".join(f"{kind} {counts[kind]}" for kind in _ordered(counts))
    return f"{judgement} item(s) need your judgement; {sum(counts.values())} routine change(s)" + (
        f" ({routine})" if routine else ""
    )


def _ordered(counts: Counter[str]) -> list[str]:
    known = [kind for kind in KINDS if counts.get(kind)]
    return known + sorted(kind for kind in counts if kind not in KINDS)


def render(title: str, source: str, items: list[Item]) -> str:
    """The report as Markdown (with ``<details>`` for the routine groups)."""
    notes = tuple(item.note for item in items)
    judgement = [item for item in items if needs_judgement(item.note)]
    routine = [item for item in items if not needs_judgement(item.note)]
    out = [
        f"# Review: {title}",
        "",
        f"Imported from `{source}`. {summary(notes)}.",
        "",
        "This file is never published (its name starts with `_`); delete it when the issue is "
        "checked.",
        "",
        f"## Needs your judgement ({len(judgement)})",
        "",
    ]
    if not judgement:
        out += ["Nothing.", ""]
    out.append("Check each place against the printed issue and fix the file by hand where needed.")
    out.append("")
    for number, item in enumerate(judgement, 1):
        out += [
            f"### {number}. [{item.note.kind}] {_where(item)}",
            "",
            item.note.message,
            "",
            "```text",
            item.context,
            "```",
            "",
        ]
        if item.file_text:
            out += [f"In `{item.file}`:", "", "```text", _short(item.file_text), "```", ""]
    out += [f"## Routine changes ({len(routine)})", "", "Expand a group to see every change.", ""]
    groups: dict[str, list[Item]] = {}
    for item in routine:
        groups.setdefault(item.note.kind, []).append(item)
    for kind in _ordered(Counter({k: len(v) for k, v in groups.items()})):
        group = groups[kind]
        out += [
            "<details>",
            f"<summary>{kind}: {len(group)} — {KINDS.get(kind, kind)}</summary>",
            "",
            "| source line | ended up in | what | text there |",
            "| --- | --- | --- | --- |",
        ]
        for item in group:
            out.append(
                f"| {item.note.line} | {_where(item, source=False)} | {_cell(item.note.message)} | "
                f"{_cell(_short(item.file_text))} |"
            )
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _where(item: Item, source: bool = True) -> str:
    place = f"`{item.file}:{item.file_line}`" if item.file_line else f"`{item.file}`"
    return f"source line {item.note.line} → {place}" if source else place


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:38] + "…" + text[-38:]


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")
