"""``make serve``: a preview that keeps up with the whole archive while editors edit ``content/``.

The serve process is long-lived, so it keeps what a build would redo from scratch:

* **Loading.** Each issue folder is loaded once and kept with the size and mtime of its
  files; a change reloads only that folder. The loaded folders are also kept on disk
  (``work/cache/preview-load.pickle``, tied to the generator's source), so the next
  ``make serve`` starts without reading the whole archive again.
* **Pages, in two steps.** After an edit, the pages of the changed issue (its documents,
  chronicle and issue page) are rendered and written at once, and MkDocs rebuilds just
  those (a *dirty* build: it renders only pages whose Markdown is newer than their HTML;
  the generator writes only pages whose text changed, so the others keep their mtime).
  Then, in a background thread, the whole site is rendered as ``make build`` would and any
  other page that changed (indexes, citations, feeds, the quick-find index) is written,
  which triggers one more dirty rebuild.
* **Full-text search.** Pagefind runs in the background once the pages are up to date,
  re-indexing only the years whose pages changed (see :mod:`generator.search.fulltext`).
* **MkDocs' output** stays in ``work/serve-site`` between runs; a clean build happens only
  when the theme, ``mkdocs.yml``, the hooks or this module changed.

Content with problems keeps the last good pages; the problems are printed in the terminal
and shown on every open page (``path:line: message``) until they are fixed: the pages of
the preview, and only those, carry a small script that polls ``_preview/status.json``.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .bodies import render_bodies
from .build import MKDOCS_YML, ROOT, docs_files, site_url_from
from .cache import DiskCache
from .errors import GazetteError, Problem
from .load import ISSUE_FILE, _check_strays, load_issue
from .model import Archive, Document, Issue
from .render import Indexes, SiteConfig, body_jobs, render_site
from .search.fulltext import index_site
from .search.quickfind import build_quickfind
from .validate import validate_archive
from .write import sync_tree

STATUS = "_preview/status.json"
"""Written into the served site only: the problems the open pages show, and whether the
preview is still catching up (``busy``; ``make bench`` waits for it)."""
QUIET = 1.0
"""Seconds without a new build before the background work starts."""

_active: Preview | None = None


def active() -> Preview | None:
    return _active


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _code_version() -> str:
    """Changes with the generator's source: cached loads from older code are not reused."""
    return _digest(sorted((ROOT / "generator").rglob("*.py")))


def _site_version(site_url: str) -> str:
    """Changes with whatever shapes MkDocs' output besides the pages: then a clean build."""
    from importlib.metadata import version

    files = [MKDOCS_YML, ROOT / "generator" / "mkdocs_hooks.py", Path(__file__).resolve()]
    files += sorted(p for p in (ROOT / "overrides").rglob("*") if p.is_file())
    return _digest(files) + f"{version('mkdocs')} {version('mkdocs-material')} {site_url}"


def _scan(content: Path) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Every folder under ``content`` (relative, ``.`` for the top) with its files' names,
    sizes and mtimes: one walk, a stat per file."""
    tree = {}
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        entries = []
        for name in sorted(files + dirs):
            try:
                stat = os.stat(os.path.join(folder, name), follow_symlinks=False)
            except FileNotFoundError:
                continue
            entries.append((name, stat.st_mtime_ns, stat.st_size))
        tree[Path(folder).relative_to(content).as_posix()] = tuple(entries)
    return tree


class _Bodies(MutableMapping[str, Any]):
    """Rendered bodies kept in memory in front of the on-disk cache of ``make build``."""

    def __init__(self, disk: DiskCache):
        self.disk = disk
        self.memory: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self.memory:
            self.memory[key] = self.disk[key]
        return self.memory[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.memory[key] = value
        self.disk[key] = value

    def __delitem__(self, key: str) -> None:
        self.memory.pop(key, None)
        del self.disk[key]

    def __iter__(self) -> Any:
        return iter(self.memory)

    def __len__(self) -> int:
        return len(self.memory)


class Preview:
    """The pages of ``content`` kept up to date in ``work/docs`` while serving."""

    def __init__(self, content: Path, work: Path, site_url: str, today: datetime.date | None = None):
        self.content = content
        self.work = work = work.resolve()
        self.docs = work / "docs"
        self.site = work / "serve-site"
        self.config = SiteConfig(site_url)
        self.site_url = site_url
        self.today = today
        self.lock = threading.RLock()
        self.loads: dict[str, tuple[Any, Issue | None, list[Problem]]] = {}
        self.names: Any = None
        self.strays: list[Problem] = []
        self.unchanged_since_last_run = False
        self.load_cache = work / "cache" / "preview-load.pickle"
        self.code = _code_version()
        self.written: dict[str, bytes] = {}
        self.started_from_disk = False
        """The pages were left by the last run and not rendered in this one (yet)."""
        self.bodies = _Bodies(DiskCache(work / "cache" / "bodies"))
        self.problems: list[str] = []
        self.generation = 0
        self.pending: tuple[int, Indexes] | None = None
        self.busy = True
        self.request_rebuild: Callable[[], None] = lambda: None
        self._kick = threading.Event()
        self._restore_loads()

    # -- loading -----------------------------------------------------------------------------

    def _key(self) -> tuple[str, str, str]:
        return self.code, str(self.content.resolve()), self.site_url

    def _restore_loads(self) -> None:
        try:
            with self.load_cache.open("rb") as file:
                key, loads, complete = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
            return
        if key == self._key():
            self.loads = loads
            self.unchanged_since_last_run = complete

    def _save_loads(self) -> None:
        """Kept for the next run, once ``work/docs`` holds every page of exactly these loads."""
        self.load_cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.load_cache.with_suffix(".tmp")
        with tmp.open("wb") as file:
            pickle.dump((self._key(), dict(self.loads), True), file, pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.load_cache)

    def _reload(self) -> set[str]:
        """Reload the issue folders whose files changed; returns them (removed ones too)."""
        tree = _scan(self.content) if self.content.is_dir() else {}
        folders = sorted(folder for folder, entries in tree.items() if any(e[0] == ISSUE_FILE for e in entries))
        names = {folder: tuple(entry[0] for entry in entries) for folder, entries in tree.items()}
        if names != self.names:  # files were added, removed or renamed: look for strays again
            self.names = names
            self.strays = []
            _check_strays(self.content, {self.content / folder for folder in folders}, self.strays)
        changed = set(self.loads) - set(folders)
        for gone in changed:
            del self.loads[gone]
        for folder in folders:
            kept = self.loads.get(folder)
            if kept is not None and kept[0] == tree[folder]:
                continue
            problems: list[Problem] = []
            issue = load_issue(self.content, self.content / folder, problems)
            self.loads[folder] = (tree[folder], issue, problems)
            changed.add(folder)
        if changed:
            self.unchanged_since_last_run = False
        return changed

    def _archive(self) -> tuple[Archive, list[Problem]]:
        if not self.content.is_dir():
            return Archive(), [Problem(str(self.content), 1, "content folder does not exist")]
        problems = [problem for _, _, found in self.loads.values() for problem in found] + self.strays
        issues = sorted((issue for _, issue, _ in self.loads.values() if issue is not None),
                        key=lambda issue: (issue.year, issue.number))
        archive = Archive(tuple(issues))
        return archive, sorted(problems) + validate_archive(archive, self.today)

    # -- pages -------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Bring the pages of what changed up to date; False when the content has problems."""
        with self.lock:
            changed = self._reload()
            if not changed and self.generation:
                return not self.problems
            self.busy = True
            self.generation += 1
            archive, problems = self._archive()
            errors = [problem for problem in problems if not problem.warning]
            if errors:
                self._set_problems([str(problem) for problem in errors])
                for problem in problems:
                    print(problem, file=sys.stderr)
                print("Content has problems; still showing the last good pages.", file=sys.stderr)
                return False
            if self.problems:
                print("Content is fine again; pages updated.", file=sys.stderr)
            self._set_problems([])
            if self.unchanged_since_last_run and self.docs.is_dir():
                # Nothing changed since the last run left every page written: start from those.
                self.unchanged_since_last_run = False
                self.written = {}
                self.started_from_disk = True
                return True
            indexes = Indexes.build(archive)
            if not self.written and not self.started_from_disk:
                self._write(self._render_all(indexes), complete=True)
                self._save_loads()
                return True
            only = _pages_of([issue for issue in archive.issues if issue.source in changed])
            jobs = {page: job for page, job in body_jobs(indexes).items() if page in only}
            pages = render_site(indexes, render_bodies(jobs, self.bodies, workers=1), self.config, only=only)
            self._write(pages)
            self.pending = (self.generation, indexes)
            return True

    def _render_all(self, indexes: Indexes) -> dict[str, bytes]:
        """Every file of the docs folder, as ``make build`` writes it."""
        pages = render_site(indexes, render_bodies(body_jobs(indexes), self.bodies), self.config)
        pages["search/search_index.json"] = build_quickfind(indexes.archive, indexes.organs, indexes.sections)
        return docs_files(self.content, indexes.archive, pages)

    def _write(self, pages: Mapping[str, str | bytes], complete: bool = False) -> int:
        """Write the pages whose text changed; with ``complete``, remove pages no longer made."""
        files = {path: text.encode("utf-8") if isinstance(text, str) else text for path, text in pages.items()}
        if complete and (not self.written or self.started_from_disk):
            stats = sync_tree(self.docs, files)  # compares with what an earlier run left on disk
            self.written = files
            self.started_from_disk = False
            return stats.written + stats.removed
        count = 0
        for path, data in files.items():
            known = self.written.get(path)
            if known is None and self.started_from_disk:
                try:
                    known = (self.docs / path).read_bytes()
                except FileNotFoundError:
                    pass
            if known == data:
                continue
            target = self.docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
            self.written[path] = data
            count += 1
        if complete:
            for path in sorted(set(self.written) - set(files)):
                (self.docs / path).unlink(missing_ok=True)
                del self.written[path]
                count += 1
        return count

    def _set_problems(self, problems: list[str]) -> None:
        self.problems = problems
        self.write_status()

    def write_status(self) -> None:
        target = self.site / STATUS
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(json.dumps({"problems": self.problems, "busy": self.busy, "generation": self.generation},
                                  ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)

    # -- background work -------------------------------------------------------------------

    def built(self) -> None:
        """Called after each MkDocs build: the rest of the work waits for a quiet moment."""
        self.write_status()
        self._kick.set()

    def start_worker(self) -> None:
        threading.Thread(target=self._worker, name="preview", daemon=True).start()

    def _worker(self) -> None:
        from .bodies import _converter

        _converter()  # built once, before the first edit needs it
        while True:
            self._kick.wait()
            self._kick.clear()
            while self._kick.wait(QUIET):
                self._kick.clear()
            try:
                self.catch_up()
            except Exception as error:  # the preview goes on; the editor sees one line, not a traceback
                print(f"preview: background update failed: {type(error).__name__}: {error}", file=sys.stderr)

    def catch_up(self) -> None:
        """Render the whole site and write what the first step left out; then index full text."""
        with self.lock:
            pending, self.pending = self.pending, None
            generation = self.generation
        if pending is not None:
            pages = self._render_all(pending[1])
            with self.lock:
                if self.generation != pending[0]:
                    return  # a newer edit came in; its own catch-up follows
                written = self._write(pages, complete=True)
                self._save_loads()
            if written:
                self.request_rebuild()
                return
        if self._kick.is_set():
            return
        if self.problems:
            with self.lock:
                self.busy = False
                self.write_status()
            return
        index_site(self.site, self.work)
        with self.lock:
            if self.generation == generation and not self._kick.is_set():
                self.busy = False
                self.write_status()

    # -- the served pages ------------------------------------------------------------------

    def overlay_script(self) -> str:
        status = json.dumps(urlsplit(self.site_url).path + STATUS)
        return _OVERLAY.replace("STATUS_URL", status)


def _pages_of(issues: list[Issue]) -> set[str]:
    from . import urls

    pages = set()
    for issue in issues:
        pages.add(urls.issue_page(issue.key))
        for entry in issue.entries:
            pages.add(urls.document_page(entry) if isinstance(entry, Document) else urls.chronicle_page(entry))
    return pages


_OVERLAY = """<script>(() => {
  const url = STATUS_URL;
  let shown = "";
  async function poll() {
    try {
      const response = await fetch(url + "?" + Date.now(), {cache: "no-store"});
      const problems = (await response.json()).problems;
      const text = problems.join("\\n");
      if (text !== shown) {
        shown = text;
        let box = document.getElementById("gz-preview-problems");
        if (!problems.length) {
          if (box) box.remove();
        } else {
          if (!box) {
            box = document.createElement("div");
            box.id = "gz-preview-problems";
            box.setAttribute("role", "alert");
            box.style.cssText = "position:fixed;z-index:10000;top:0;left:0;right:0;max-height:50vh;overflow:auto;" +
              "background:#b00020;color:#fff;padding:.8em 1.2em;font:14px/1.5 monospace;white-space:pre-wrap";
            document.body.prepend(box);
          }
          const title = document.createElement("strong");
          title.textContent = "内容有问题，页面仍是上一次正确的版本。请修改：";
          const list = document.createElement("ul");
          for (const problem of problems) {
            const item = document.createElement("li");
            item.textContent = problem;
            list.append(item);
          }
          box.replaceChildren(title, list);
        }
      }
    } catch (error) {}
    setTimeout(poll, 1000);
  }
  poll();
})();</script>"""


class _QuietDirty(logging.Filter):
    """MkDocs warns at every dirty build; the preview knows what a dirty build leaves out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run_serve(content: Path, work: Path, addr: str, today: datetime.date | None = None) -> int:
    global _active
    site_url = site_url_from(f"http://{addr}/")
    preview = Preview(content, work, site_url, today)
    try:
        ok = preview.refresh()
    except GazetteError as error:
        ok = False
        preview.problems = [str(problem) for problem in error.problems]
        for problem in error.problems:
            print(problem, file=sys.stderr)
    if not ok:
        print("Fix the problems above, then run make serve again.", file=sys.stderr)
        return 1
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    _active = preview
    os.environ["SITE_URL"] = site_url
    # Citations are looked for in every body and chronicle event at each change (Indexes.build);
    # this process keeps the numbers found per text, so only edited texts are searched again.
    from . import index

    index.find_docnumbers = functools.lru_cache(maxsize=32768)(index.find_docnumbers)  # type: ignore[assignment]
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())
    stamp = preview.work / "serve-site.version"
    version = _site_version(site_url)

    def get_config() -> Any:
        return load_config(config_file=str(MKDOCS_YML), docs_dir=str(preview.docs), site_dir=str(preview.site),
                           site_url=site_url)

    def builder(config: Any = None) -> None:
        dirty = stamp.exists() and stamp.read_text(encoding="utf-8") == version and preview.site.is_dir()
        if not dirty:
            stamp.unlink(missing_ok=True)
        build(config or get_config(), serve_url=site_url, dirty=dirty)
        stamp.write_text(version, encoding="utf-8")

    host, port = addr.rsplit(":", 1)
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(preview.site),
                              mount_path=urlsplit(site_url).path)

    def request_rebuild() -> None:
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    def error_page(code: int) -> bytes | None:
        page = preview.site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    preview.request_rebuild = request_rebuild
    try:
        builder(config)
        server.watch(str(content))
        server.watch(str(MKDOCS_YML))
        preview.start_worker()
        preview.built()
        print(f"Serving on {site_url} — edit files under {content}/ and the browser reloads.", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Stopped.")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        _active = None
    return 0


def refresh_for_serve() -> None:
    """Called by the MkDocs hook before each build while serving."""
    preview = _active
    if preview is None:
        return
    try:
        preview.refresh()
    except GazetteError as error:
        preview._set_problems([str(problem) for problem in error.problems])
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except Exception as error:  # no traceback for the editor; the problem is shown on the page too
        message = f"{preview.content}:1: the preview could not be updated: {type(error).__name__}: {error}"
        preview._set_problems([message])
        print(message, file=sys.stderr)


def built_for_serve() -> None:
    """Called by the MkDocs hook after each build while serving."""
    if _active is not None:
        _active.built()
