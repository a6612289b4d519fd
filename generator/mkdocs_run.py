"""MkDocs through its Python API, with an explicit configuration and nothing left behind.

``mkdocs.yml`` holds the theme's settings; the folders, the site's address and strictness
are arguments, and the generator's theme adapter (:mod:`generator.mkdocs_hooks`) is added
here. What MkDocs only reads from the process — the build date (``SOURCE_DATE_EPOCH``) and
the level of its logger — is set for one build and restored after it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import BuildError, Problem
from generator.mkdocs_hooks import GazetteTheme
from generator.site.escape import json_text
from generator.site.extension import MKDOCS_YML
from generator.site.pages import HTML_KINDS

ROOT = MKDOCS_YML.parent


def load_mkdocs_config(docs: Path, site_dir: Path, site_url: str, strict: bool = False) -> Any:
    """The configuration of one build: ``mkdocs.yml`` with these folders and this address."""
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(MKDOCS_YML),
        docs_dir=str(docs),
        site_dir=str(site_dir),
        site_url=site_url,
        strict=strict,
    )
    config.plugins["gazette"] = GazetteTheme(HTML_KINDS, lambda data: json_text(data, compact=True))
    return config


@contextmanager
def build_date(epoch: int) -> Iterator[None]:
    """MkDocs takes the date it writes (sitemap, gzip headers) from ``SOURCE_DATE_EPOCH`` only."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@contextmanager
def mkdocs_log(level: int, handler: logging.Handler | None = None) -> Iterator[None]:
    """MkDocs' logger at ``level`` (and with ``handler``) for one build, as it was afterwards."""
    logger = logging.getLogger("mkdocs")
    saved = logger.level
    logger.setLevel(level)
    if handler is not None:
        logger.addHandler(handler)
    try:
        yield
    finally:
        if handler is not None:
            logger.removeHandler(handler)
        logger.setLevel(saved)


def mkdocs_build(docs: Path, site_dir: Path, site_url: str, epoch: int) -> None:
    """A strict build of ``docs`` into ``site_dir``; MkDocs' warnings become the build's
    problems."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collector()
    with build_date(epoch), mkdocs_log(logging.INFO, collector):
        try:
            build(load_mkdocs_config(docs, site_dir, site_url, strict=True))
        except (Abort, MkDocsException) as error:
            problems = [
                Problem(str(MKDOCS_YML), 1, f"MkDocs: {message}") for message in collector.messages
            ]
            raise BuildError(
                problems + [Problem(str(MKDOCS_YML), 1, f"MkDocs failed: {error}")]
            ) from None


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
