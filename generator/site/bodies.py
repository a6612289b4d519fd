"""Document bodies: Markdown → sanitized HTML with citation links and a table of contents.

Bodies are the bulk of the archive's text, so they are rendered here once, in
parallel, and cached by content hash; MkDocs then only wraps them in the theme.
The cache is a plain mapping supplied by the caller (the build keeps it on disk).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import MutableMapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import markdown

from generator.content.privacy import mask_personal_data
from generator.site.extension import GazetteExtension, config_stamp, converter

RENDERER_VERSION = "8"
"""Bump when the output of :func:`render_body` changes for the same input."""

_PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class BodyJob:
    """Everything :func:`render_body` needs: the Markdown and where its citations link to."""

    markdown: str
    links: tuple[tuple[str, str, str], ...]
    """(printed document number, URL relative to the page, title) for cited documents in the
    gazette."""
    id_prefix: str = ""

    @property
    def key(self) -> str:
        data = json.dumps(
            [RENDERER_VERSION, config_stamp(), self.markdown, self.links, self.id_prefix],
            ensure_ascii=False,
        )
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: list[dict[str, Any]]
    """Python-Markdown toc tokens (level, id, name, children) for the page's table of contents."""


_converter: tuple[markdown.Markdown, GazetteExtension] | None = None


def prepare() -> tuple[markdown.Markdown, GazetteExtension]:
    """The converter of this process, made on first use (the preview makes it ahead of time)."""
    global _converter
    if _converter is None:
        _converter = converter()
    return _converter


def render_body(job: BodyJob) -> RenderedBody:
    """Markdown → finished HTML and its table of contents, through
    :mod:`generator.site.extension`."""
    md, extension = prepare()
    md.reset()
    extension.links = job.links
    html = md.convert(mask_personal_data(job.markdown))
    return RenderedBody(html, getattr(md, "toc_tokens", []))


def _render_payload(job: BodyJob) -> tuple[str, list[dict[str, Any]]]:
    body = render_body(job)
    return body.html, body.toc


def render_bodies(
    jobs: dict[str, BodyJob],
    cache: MutableMapping[str, Any] | None = None,
    workers: int | None = None,
) -> dict[str, RenderedBody]:
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
