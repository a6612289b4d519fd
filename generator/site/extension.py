"""The gazette's Python-Markdown extension: what a document body needs beyond Markdown.

Each step is a processor in Python-Markdown's own pipeline, in the order it runs:

- raw HTML tables (the importer's merged-cell tables) go to Markdown's HTML stash before
  block parsing, as Python-Markdown's own raw-HTML preprocessor would put them, only faster;
- citations of documents in the gazette become links (``a.gz-cite``), in text nodes after
  inline parsing and before the table of contents reads the headings, so a number inside
  a raw table, a link or code is left alone;
- the finished HTML is sanitized (:func:`~generator.content.sanitize.clean_body_html`), each
  table gets its scrolling box, and document numbers and dates are kept from breaking
  across lines.

Heading ids come from the ``toc`` extension with the slugify the theme uses. Bodies are
converted with the very extensions and settings ``mkdocs.yml`` gives every other page
(:func:`shared_extensions`), plus this one.
"""

from __future__ import annotations

import functools
import hashlib
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import config_options
from mkdocs.utils.yaml import yaml_load

from generator.content.docnumber import find_docnumbers
from generator.content.privacy import MASK_RUN
from generator.content.sanitize import clean_body_html

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


@functools.cache
def config_stamp() -> str:
    """Changes when mkdocs.yml does: cached bodies are rendered again after a change of it."""
    return hashlib.sha256(MKDOCS_YML.read_bytes()).hexdigest()[:16]


@functools.cache
def shared_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """``markdown_extensions`` of mkdocs.yml as MkDocs reads them (its built-in toc, tables
    and fenced_code included): the one Markdown configuration of the site."""
    raw = yaml_load(MKDOCS_YML.read_text(encoding="utf-8"))["markdown_extensions"]
    option = config_options.MarkdownExtensions(builtins=["toc", "tables", "fenced_code"])
    names = option.run_validation(raw)
    return names, option.configdata


Link = tuple[str, str, str]
"""(printed document number, URL relative to the page, title) of a cited document."""

_RAW_TABLE = re.compile(r"^<table>\n.*?\n</table>$", re.MULTILINE | re.DOTALL)
_SKIP = frozenset({"a", "code", "pre"})


class RawTables(Preprocessor):
    """Keep raw ``<table>`` blocks out of the block parser: they are HTML already."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<table>" not in text:
            return lines
        stash = self.md.htmlStash

        def store(match: re.Match[str]) -> str:
            # Stored with its line end, as Python-Markdown's own raw-HTML parser keeps it.
            return "\n" + stash.store(match.group(0) + "\n") + "\n"

        return _RAW_TABLE.sub(store, text).split("\n")


class Citations(Treeprocessor):
    """Printed numbers of documents in the gazette → links to their pages."""

    def __init__(self, md: markdown.Markdown, extension: GazetteExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        targets = {number: (url, title) for number, url, title in self.extension.links}
        if not targets:
            return
        codes = frozenset(number.split("〔")[0] for number in targets)
        self._walk(root, targets, codes)

    def _walk(
        self, parent: etree.Element, targets: dict[str, tuple[str, str]], codes: frozenset[str]
    ) -> None:
        for child in list(parent):
            if child.tag not in _SKIP:
                self._walk(child, targets, codes)
            if child.tail:
                index = list(parent).index(child) + 1
                child.tail = self._link(parent, index, child.tail, targets, codes)
        if parent.text and parent.tag not in _SKIP:
            parent.text = self._link(parent, 0, parent.text, targets, codes)

    @staticmethod
    def _link(
        parent: etree.Element,
        index: int,
        text: str,
        targets: dict[str, tuple[str, str]],
        codes: frozenset[str],
    ) -> str:
        """Insert a link for each cited number in ``text`` at ``index`` of ``parent``; return
        the text before the first link (or all of it when nothing is linked)."""
        found = [
            (c, targets[str(c.number)])
            for c in find_docnumbers(text, codes)
            if str(c.number) in targets
        ]
        if not found:
            return text
        links = []
        for position, (citation, (url, title)) in enumerate(found):
            link = etree.Element(
                "a", {"href": url, "title": title.replace('"', ""), "class": "gz-cite"}
            )
            link.text = text[citation.start : citation.end]
            end = found[position + 1][0].start if position + 1 < len(found) else len(text)
            link.tail = text[citation.end : end]
            links.append(link)
        for offset, link in enumerate(links):
            parent.insert(index + offset, link)
        return text[: found[0][0].start]


class Finish(Postprocessor):
    """Sanitize, box the tables, keep numbers and dates whole."""

    def run(self, text: str) -> str:
        return keep_whole(wrap_tables(clean_body_html(text)))


class MaskRun(InlineProcessor):
    """A run of masking stars stays stars (never emphasis)."""

    def handleMatch(  # noqa: N802 - Python-Markdown's name
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        return m.group(0), m.start(0), m.end(0)


class GazetteExtension(markdown.Extension):
    """Register the processors; ``links`` are set for each body before it is converted."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.links: tuple[Link, ...] = ()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.preprocessors.register(RawTables(md), "gz_raw_tables", 29)  # before html_block (20)
        md.inlinePatterns.register(MaskRun(MASK_RUN, md), "gz_mask_run", 65)  # before em (60)
        md.treeprocessors.register(
            Citations(md, self), "gz_citations", 10
        )  # after inline (20), before toc (5)
        md.postprocessors.register(
            Finish(md), "gz_finish", 0
        )  # after raw_html (30) and amp_substitute (20)

    def reset(self) -> None:
        self.links = ()


def converter() -> tuple[markdown.Markdown, GazetteExtension]:
    names, configs = shared_extensions()
    extension = GazetteExtension()
    md = markdown.Markdown(extensions=[*names, extension], extension_configs=configs)
    return md, extension


_TAG = re.compile(r"(<[^>]*>)")
_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|总第\d+期")


def keep_whole(html: str) -> str:
    """Document numbers and dates in the text never break across lines: each gets a
    ``gz-docnum`` or ``gz-nowrap`` span (links to cited documents already stay whole)."""
    parts = _TAG.split(html)
    in_link = 0
    for index, part in enumerate(parts):
        if index % 2:
            if part.startswith("<a ") or part == "<a>":
                in_link += 1
            elif part == "</a>":
                in_link = max(0, in_link - 1)
            continue
        if (
            in_link
            or not part
            or ("〔" not in part and "年" not in part and "月" not in part and "总第" not in part)
        ):
            continue
        parts[index] = _spans(part)
    return "".join(parts)


def _spans(part: str) -> str:
    spans = [(c.start, c.end, "gz-docnum") for c in find_docnumbers(part)]
    spans += [
        (m.start(), m.end(), "gz-nowrap")
        for m in _DATE.finditer(part)
        if not any(start <= m.start() < end for start, end, _ in spans)
    ]
    out = []
    position = 0
    for start, end, cls in sorted(spans):
        if start < position:
            continue
        out.append(part[position:start])
        out.append(f'<span class="{cls}">{part[start:end]}</span>')
        position = end
    out.append(part[position:])
    return "".join(out)


def wrap_tables(html: str) -> str:
    """Each table scrolls sideways in its own box, which keyboard users can reach.

    Done here rather than by the theme's script, so pages need no work after loading."""
    count = html.count("<table>")
    for number in range(1, count + 1):
        html = html.replace(
            "<table>",
            f'<div class="gz-table" role="region" tabindex="0" aria-label="表格{number}">'
            '<table class="gz-grid">',
            1,
        )
    return html.replace("</table>", "</table></div>")
