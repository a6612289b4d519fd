"""MkDocs' side of ``make serve``: ``work/docs`` built into ``work/serve-site``.

* **One page at a time.** MkDocs' configuration, files, navigation and theme environment
  are kept from the last build; after an edit only the pages whose Markdown changed go
  through MkDocs again (read, converted, laid out in the theme, written), and other changed
  files are copied. A page that MkDocs has not seen yet (a new document) or a removed one
  makes a whole *dirty* build (MkDocs renders only pages whose Markdown is newer than their
  HTML).
* **The output** stays in ``work/serve-site`` between runs; a clean build happens only when
  the theme, ``mkdocs.yml``, the theme adapter or this module changed.
* **The preview's pages, and only those,** carry a small script that polls
  ``_preview/status.json`` and shows the content's problems (``path:line: message``) in a
  red banner until they are fixed, and a note while a first start is still being built.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Collection
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.base import LegacyConfig
from mkdocs.plugins import BasePlugin

from generator.mkdocs_hooks import INDEX
from generator.mkdocs_run import MKDOCS_YML, ROOT, load_mkdocs_config, mkdocs_log
from generator.preview import ANY_FILE, STATUS
from generator.preview_state import digest_files


def site_version(site_url: str) -> str:
    """Changes with whatever shapes MkDocs' output besides the pages: then a clean build."""
    files = [
        MKDOCS_YML,
        ROOT / "generator" / "mkdocs_hooks.py",
        ROOT / "generator" / "mkdocs_run.py",
        Path(__file__).resolve(),
    ]
    files += sorted(p for p in (ROOT / "overrides").rglob("*") if p.is_file())
    return digest_files(files) + f"{version('mkdocs')} {version('mkdocs-material')} {site_url}"


class PreviewSite:
    """MkDocs builds of the preview, whole or page by page; one at a time (:attr:`lock`)."""

    def __init__(self, docs: Path, site: Path, site_url: str, built: Callable[[], None]):
        self.docs = docs
        self.site = site
        self.site_url = site_url
        self.built = built
        """Called after each build (a clean build removes the status file, for one)."""
        self.lock = threading.RLock()
        self.stamp = site.with_name(site.name + ".version")
        self.version = site_version(site_url)
        self.session: tuple[Any, Any, Any, Any] | None = None
        """MkDocs' config, files, navigation and theme environment of the last whole build."""
        self.overlay = _OVERLAY.replace("STATUS_URL", json.dumps(urlsplit(site_url).path + STATUS))

    def config(self) -> Any:
        config = load_mkdocs_config(self.docs, self.site, self.site_url)
        config.plugins["gazette-preview"] = _PreviewPlugin(self)
        return config

    def is_current(self) -> bool:
        """The output was built by this version (then builds may be dirty)."""
        return (
            self.stamp.exists()
            and self.stamp.read_text(encoding="utf-8") == self.version
            and self.site.is_dir()
        )

    def build(self, quiet: bool = False) -> None:
        """A whole build: dirty when the output is this version's, else clean. ``quiet`` drops
        MkDocs' warnings (a first start's pages link to pages not written yet)."""
        from mkdocs.commands.build import build

        with self.lock:
            dirty = self.is_current()
            if not dirty:
                self.stamp.unlink(missing_ok=True)
            with mkdocs_log(logging.ERROR if quiet else logging.INFO):
                build(self.config(), serve_url=self.site_url, dirty=dirty)
            self.stamp.write_text(self.version, encoding="utf-8")
        self.built()

    def update(self, changed: Collection[str]) -> bool:
        """Build just these files of ``work/docs`` (see the module's docstring); False when
        MkDocs must do a whole build for them."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        with self.lock:
            if self.session is None or ANY_FILE in changed:
                return False
            config, files, nav, env = self.session
            targets = [files.get_file_from_path(path) for path in sorted(changed)]
            if any(
                target is None or not (self.docs / target.src_uri).is_file() for target in targets
            ):
                return False
            pages = [target for target in targets if target.is_documentation_page()]
            for target in targets:
                if not target.is_documentation_page():
                    target.copy_file()
            for target in pages:
                _populate_page(target.page, config, files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for target in pages:
                _build_page(target.page, config, doc_files, nav, env)
            if INDEX in changed:
                config.plugins["gazette"].write_quickfind(config)
        self.built()
        return True

    def bring_up_to_date(self, changed: Collection[str], quiet: bool = False) -> None:
        if changed and not self.update(changed):
            self.build(quiet)


class _PreviewPlugin(BasePlugin[LegacyConfig]):
    """Keeps what a whole build made for :meth:`PreviewSite.update`, and adds the overlay."""

    def __init__(self, site: PreviewSite):
        super().__init__()
        self.preview_site = site
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def on_files(self, files: Any, config: Any) -> Any:
        self.files = files
        return files

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.env = env
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """The preview's pages (never ``make build``'s) poll the status and show it."""
        if "</body>" not in output:
            return output
        head, tail = output.rsplit("</body>", 1)
        return head + self.preview_site.overlay + "</body>" + tail

    def on_post_build(self, config: Any) -> None:
        self.preview_site.session = (config, self.files, self.nav, self.env)


class QuietDirty(logging.Filter):
    """MkDocs warns at every dirty build; the preview knows what a dirty build leaves out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_OVERLAY = """<script>(() => {
  const url = STATUS_URL;
  let shown = "", building = false;
  function box(id, css) {
    let element = document.getElementById(id);
    if (!element) {
      element = document.createElement("div");
      element.id = id;
      element.style.cssText = "position:fixed;z-index:10000;left:0;right:0;overflow:auto;" +
        "padding:.8em 1.2em;font:14px/1.5 monospace;white-space:pre-wrap;" + css;
      document.body.prepend(element);
    }
    return element;
  }
  function showBuilding(now) {
    if (now === building) return;
    building = now;
    const note = document.getElementById("gz-preview-building");
    if (!now) { if (note) note.remove(); return; }
    const element = box("gz-preview-building", "bottom:0;background:#1f3a5f;color:#fff");
    element.setAttribute("role", "status");
    element.textContent = "预览仍在生成全站（首次启动）：" +
      "本页的引用、索引与检索可能尚不完整，完成后自动刷新。";
  }
  async function poll() {
    try {
      const response = await fetch(url + "?" + Date.now(), {cache: "no-store"});
      const status = await response.json();
      showBuilding(Boolean(status.building));
      const problems = status.problems;
      const text = problems.join("\\n");
      if (text !== shown) {
        shown = text;
        if (!problems.length) {
          const old = document.getElementById("gz-preview-problems");
          if (old) old.remove();
        } else {
          const element = box("gz-preview-problems",
                              "top:0;max-height:50vh;background:#b00020;color:#fff");
          element.setAttribute("role", "alert");
          const title = document.createElement("strong");
          title.textContent = "内容有问题，页面仍是上一次正确的版本。请修改：";
          const list = document.createElement("ul");
          for (const problem of problems) {
            const item = document.createElement("li");
            item.textContent = problem;
            list.append(item);
          }
          element.replaceChildren(title, list);
        }
      }
    } catch (error) {}
    setTimeout(poll, 1000);
  }
  poll();
})();</script>"""
