"""Document bodies: Markdown → sanitized HTML with citation links and a table of contents.

Bodies are the bulk of the archive's text, so they are rendered here once, in
parallel, and cached by content hash; MkDocs then only wraps them in the theme.
The cache is a plain mapping supplied by the caller (the build keeps it on disk).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, MutableMapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import markdown
from pymdownx.slugs import slugify

from generator.content.docnumber import find_docnumbers
from generator.content.privacy import mask_personal_data
from generator.content.sanitize import clean_body_html

RENDERER_VERSION = "6"
"""Bump when the output of :func:`render_body` changes for the same input."""

_EXTENSIONS: list[Any] = ["tables", "attr_list", "sane_lists", "toc"]
_EXTENSION_CONFIGS = {"toc": {"slugify": slugify(case="lower"), "toc_depth": "2-4"}}
_PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class BodyJob:
    """Everything :func:`render_body` needs: the Markdown and where its citations link to."""

    markdown: str
    links: tuple[tuple[str, str, str], ...]
    """(printed document number, URL relative to the page, title) for cited documents in the gazette."""
    id_prefix: str = ""

    @property
    def key(self) -> str:
        data = json.dumps([RENDERER_VERSION, self.markdown, self.links, self.id_prefix], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: list[dict[str, Any]]
    """Python-Markdown toc tokens (level, id, name, children) for the page's table of contents."""


_md: markdown.Markdown | None = None


def _converter() -> markdown.Markdown:
    global _md
    if _md is None:
        _md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    return _md


def link_citations(text: str, links: Iterable[tuple[str, str, str]]) -> str:
    """Turn printed document numbers of documents in the gazette into Markdown links."""
    targets = {number: (url, title) for number, url, title in links}
    if not targets:
        return text
    out = []
    position = 0
    for found in find_docnumbers(text, frozenset(n.split("〔")[0] for n in targets)):
        target = targets.get(str(found.number))
        if target is None or _inside_html(text, found.start):
            continue
        url, title = target
        out.append(text[position:found.start])
        printed = text[found.start:found.end]
        out.append(f'[{printed}]({url} "{title.replace(chr(34), "")}"){{: .gz-cite }}')
        position = found.end
    out.append(text[position:])
    return "".join(out)


def _inside_html(text: str, offset: int) -> bool:
    """Inside a raw HTML table, Markdown links would stay literal."""
    opened = text.rfind("<table", 0, offset)
    return opened != -1 and text.rfind("</table>", opened, offset) == -1


_RAW_TABLE = re.compile(r"^<table>\n.*?\n</table>$", re.MULTILINE | re.DOTALL)


def render_body(job: BodyJob) -> RenderedBody:
    """Markdown → HTML. Raw HTML tables skip the Markdown parser (they are HTML already);
    Python-Markdown would pass them through unchanged, only slower."""
    md = _converter()
    md.reset()
    source = link_citations(mask_personal_data(job.markdown), job.links)
    tables: list[str] = []

    def stash(match: re.Match[str]) -> str:
        tables.append(match.group(0))
        return f"GZTABLE{len(tables) - 1:05d}"

    source = _RAW_TABLE.sub(stash, source)
    html = md.convert(source)
    for index, table in enumerate(tables):
        placeholder = f"<p>GZTABLE{index:05d}</p>"
        # Exactly what Python-Markdown writes for a raw block: a blank line after it unless last.
        html = html.replace(placeholder + "\n", table + "\n\n", 1).replace(placeholder, table, 1)
    toc = getattr(md, "toc_tokens", [])
    return RenderedBody(keep_whole(wrap_tables(clean_body_html(html))), toc)


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
        if in_link or not part or ("〔" not in part and "年" not in part and "月" not in part and "总第" not in part):
            continue
        spans = [(c.start, c.end, "gz-docnum") for c in find_docnumbers(part)]
        spans += [(m.start(), m.end(), "gz-nowrap") for m in _DATE.finditer(part)
                  if not any(start <= m.start() < end for start, end, _ in spans)]
        out = []
        position = 0
        for start, end, cls in sorted(spans):
            if start < position:
                continue
            out.append(part[position:start])
            out.append(f'<span class="{cls}">{part[start:end]}</span>')
            position = end
        out.append(part[position:])
        parts[index] = "".join(out)
    return "".join(parts)


def wrap_tables(html: str) -> str:
    """Each table scrolls sideways in its own box, which keyboard users can reach.

    Done here rather than by the theme's script, so pages need no work after loading."""
    count = html.count("<table>")
    for number in range(1, count + 1):
        html = html.replace("<table>", f'<div class="gz-table" role="region" tabindex="0" aria-label="表格{number}">'
                                       '<table class="gz-grid">', 1)
    return html.replace("</table>", "</table></div>")


def _render_payload(job: BodyJob) -> tuple[str, list[dict[str, Any]]]:
    body = render_body(job)
    return body.html, body.toc


def render_bodies(jobs: dict[str, BodyJob], cache: MutableMapping[str, Any] | None = None,
                  workers: int | None = None) -> dict[str, RenderedBody]:
    """Render every job (keyed by page); cached results are reused, new ones stored."""
    cache = {} if cache is None else cache
    out: dict[str, RenderedBody] = {}
    todo: dict[str, tuple[str, BodyJob]] = {}
    for page, job in jobs.items():
        key = job.key
        hit = cache.get(key)
        if hit is not None:
            out[page] = RenderedBody(hit["html"], hit["toc"])
        else:
            todo[page] = (key, job)
    if not todo:
        return out
    workers = workers if workers is not None else (os.cpu_count() or 1)
    pages = list(todo)
    if len(todo) >= _PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_render_payload, [todo[p][1] for p in pages], chunksize=16))
    else:
        results = [_render_payload(todo[p][1]) for p in pages]
    for page, (html, toc) in zip(pages, results, strict=True):
        out[page] = RenderedBody(html, toc)
        cache[todo[page][0]] = {"html": html, "toc": toc}
    return out
