"""The thin adapter between the generator's pages and MkDocs + Material.

The generator does the work; this plugin only connects its output to the theme, and it
imports nothing from the generator (the build hands it what it needs):

* pages the generator wrote as finished HTML skip Python-Markdown, and their table of
  contents comes from the front matter (Markdown never sees their headings);
* the header search box gets the generator's small quick-find index instead of an
  index of every page's full text.

No event changes what a page says: the HTML of a generated page is the generator's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from mkdocs.config.base import LegacyConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import get_toc

INDEX = "search/search_index.json"
SEARCH_SETTINGS = ("lang", "separator", "pipeline", "fields")


class GazetteTheme(BasePlugin[LegacyConfig]):
    """Registered by :func:`generator.mkdocs_run.load_mkdocs_config` after the theme's plugins."""

    def __init__(self, html_kinds: Collection[str], dump_json: Callable[[Any], str]):
        super().__init__()
        self.html_kinds = frozenset(html_kinds)
        """Page kinds (front matter ``gazette.kind``) whose Markdown is finished HTML."""
        self.dump_json = dump_json
        """How the quick-find index is written (compact JSON, HTML-safe)."""

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Pages the generator wrote as finished HTML skip Markdown (which would return them
        unchanged)."""
        gazette = page.meta.get("gazette") or {}
        if gazette.get("kind") in self.html_kinds:
            page.gazette_html = markdown.strip()
            return ""
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        gazette = page.meta.get("gazette") or {}
        tokens = gazette.get("toc")
        if tokens:
            page.toc = get_toc(tokens)
        return str(getattr(page, "gazette_html", html))

    def on_post_build(self, config: Any) -> None:
        self.write_quickfind(config)

    def write_quickfind(self, config: Any) -> None:
        """The generator's quick-find entries with the search plugin's settings, for the theme."""
        import json

        source = Path(config["docs_dir"]) / INDEX
        if not source.exists():
            return
        docs = json.loads(source.read_text(encoding="utf-8"))["docs"]
        search = config["plugins"]["material/search"].config
        settings = {key: search[key] for key in SEARCH_SETTINGS}
        target = Path(config["site_dir"]) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.dump_json({"config": settings, "docs": docs}), encoding="utf-8")
