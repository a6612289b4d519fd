"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml).

The generator does the work; these hooks only connect its output to the theme:

* pages the generator wrote as finished HTML skip Python-Markdown, and their table of
  contents comes from the front matter (Markdown never sees their headings);
* the header search box gets the generator's small quick-find index instead of an
  index of every page's full text;
* while ``make serve`` runs, pages are regenerated before each build and carry the
  problems overlay (see :mod:`generator.serve`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from generator.site.escape import json_text

INDEX = "search/search_index.json"


def on_pre_build(config: Any) -> None:
    """While ``make serve`` runs, regenerate the pages of what changed in content/ before each rebuild."""
    from generator.serve import refresh_for_serve

    refresh_for_serve()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Pages the generator wrote as finished HTML skip Markdown (which would return them unchanged)."""
    from generator.site.pages import HTML_KINDS

    gazette = page.meta.get("gazette") or {}
    if gazette.get("kind") in HTML_KINDS:
        page.gazette_html = markdown.strip()
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    gazette = page.meta.get("gazette") or {}
    tokens = gazette.get("toc")
    if tokens:
        page.toc = get_toc(tokens)
    return getattr(page, "gazette_html", html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """While ``make serve`` runs (never in ``make build``), pages show content problems as an overlay."""
    from generator.serve import active

    preview = active()
    if preview is None or "</body>" not in output:
        return output
    head, tail = output.rsplit("</body>", 1)
    return head + preview.overlay_script() + "</body>" + tail


def on_post_build(config: Any) -> None:
    source = Path(config["docs_dir"]) / INDEX
    if not source.exists():
        return
    docs = json.loads(source.read_text(encoding="utf-8"))["docs"]
    search = config["plugins"]["material/search"].config
    settings = {key: search[key] for key in ("lang", "separator", "pipeline", "fields")}
    data = json_text({"config": settings, "docs": docs}, compact=True)
    target = Path(config["site_dir"]) / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(data, encoding="utf-8")

    from generator.serve import built_for_serve

    built_for_serve()
