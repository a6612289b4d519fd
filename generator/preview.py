"""The pages of ``make serve``: kept up to date in ``work/docs`` while editors edit ``content/``.

The serve process is long-lived, so it keeps what a build would redo from scratch
(:mod:`generator.preview_state`):

* **Loading.** Each issue folder is loaded once and kept with the size and mtime of its
  files; a change reloads only that folder. The loaded folders are also kept on disk, so
  the next ``make serve`` starts from the pages the last run left without reading the
  whole archive again.
* **Pages, in two steps.** After an edit, the pages of the changed issue (its documents,
  chronicle and issue page) are rendered and written at once (:meth:`Preview.refresh`).
  Then, in a background thread, the whole site is rendered as ``make build`` would and any
  other page that changed (indexes, citations, feeds, the quick-find index) is written
  (:meth:`Preview.catch_up`).
* **A first start** with nothing cached shows the latest issue, the home page and the
  menu's pages, rendered from that issue alone, within seconds; any other issue's pages
  are rendered when they are asked for (:meth:`Preview.show_issue`); the whole archive is
  loaded and rendered in the background (:meth:`Preview.complete_start`). Until then every
  page says that the preview is still being built.

Content with problems keeps the last good pages; the problems are printed in the terminal
and listed in ``_preview/status.json``, which the preview's pages poll (see
:mod:`generator.preview_site`).
"""

from __future__ import annotations

import datetime
import json
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.build import docs_files
from generator.cache import DiskCache
from generator.content.load import ISSUE_FILE, _check_strays, load_issue
from generator.content.model import Archive, Issue
from generator.content.validate import validate_archive
from generator.errors import Problem
from generator.preview_state import (
    MENU_PAGES,
    Bodies,
    Entries,
    LoadCache,
    code_version,
    issue_folders,
    pages_of,
    scan,
)
from generator.search.quickfind import build_quickfind
from generator.site.bodies import render_bodies
from generator.site.index import Indexes
from generator.site.render import SiteConfig, body_jobs, render_site
from generator.write import sync_tree, write_file

STATUS = "_preview/status.json"
"""Written into the served site only: the problems the open pages show, whether the preview
is still catching up (``busy``; ``make bench`` waits for it) and whether the first start is
still being built (``building``)."""

ANY_FILE = "*"
"""In :attr:`Preview.changed_files`: files changed that are not listed (MkDocs compares mtimes)."""
Load = tuple[Entries, Issue | None, list[Problem]]
"""One issue folder as loaded: its entries when loaded, the issue (None if broken), its problems."""


class Preview:
    """The pages of ``content`` kept up to date in ``work/docs`` while serving."""

    def __init__(
        self, content: Path, work: Path, site_url: str, today: datetime.date | None = None
    ):
        self.content = content
        self.work = work = work.resolve()
        self.docs = work / "docs"
        self.site = work / "serve-site"
        self.config = SiteConfig(site_url)
        self.site_url = site_url
        self.today = today
        self.lock = threading.RLock()
        self.loads: dict[str, Load] = {}
        self.names: Any = None
        self.strays: list[Problem] = []
        self.load_cache = LoadCache(
            work / "cache" / "preview-load.pickle",
            (code_version(), str(content.resolve()), site_url),
        )
        self.written: dict[str, bytes] = {}
        self.changed_files: set[str] = set()
        """Files of ``work/docs`` written or removed since MkDocs last took them."""
        self.bodies = Bodies(DiskCache(work / "cache" / "bodies"))
        self.problems: list[str] = []
        self.generation = 0
        self.pending: tuple[int, Indexes] | None = None
        self.busy = True
        self.shown: set[str] = set()
        """Issue folders whose pages a first start wrote before the whole archive was loaded."""
        restored = self.load_cache.restore() if self.docs.is_dir() else None
        self.started_from_disk = restored is not None
        """The pages were left by the last run, for exactly the loads restored from its cache."""
        self.complete = self.started_from_disk
        """``work/docs`` holds every page of the archive as loaded (else a first start is under
        way)."""
        self.loads = restored or {}
        self.building_site = False
        """MkDocs is building the whole site after a first start (set by :mod:`generator.serve`)."""
        self.request_rebuild: Callable[[], None] = lambda: None

    # -- loading -----------------------------------------------------------------------------

    def _reload(self) -> set[str]:
        """Reload the issue folders whose files changed; returns them (removed ones too)."""
        tree = scan(self.content) if self.content.is_dir() else {}
        folders = issue_folders(tree)
        names = {folder: tuple(entry[0] for entry in entries) for folder, entries in tree.items()}
        if names != self.names:  # files were added, removed or renamed: look for strays again
            self.names = names
            self.strays = []
            _check_strays(self.content, {self.content / folder for folder in folders}, self.strays)
        changed = set(self.loads) - set(folders)
        for gone in changed:
            del self.loads[gone]
        for folder in folders:
            if self._load(folder, tree[folder]):
                changed.add(folder)
        return changed

    def _load(self, folder: str, entries: Entries) -> bool:
        """(Re)load one issue folder unless it is loaded with these entries; True if it was."""
        kept = self.loads.get(folder)
        if kept is not None and kept[0] == entries:
            return False
        problems: list[Problem] = []
        issue = load_issue(self.content, self.content / folder, problems)
        self.loads[folder] = (entries, issue, problems)
        return True

    def _archive(self) -> tuple[Archive, list[Problem]]:
        if not self.content.is_dir():
            return Archive(), [Problem(str(self.content), 1, "content folder does not exist")]
        problems = [
            problem for _, _, found in self.loads.values() for problem in found
        ] + self.strays
        archive = self._loaded_archive(self.loads)
        return archive, sorted(problems) + validate_archive(archive, self.today)

    def _loaded_archive(self, folders: Iterable[str]) -> Archive:
        issues = (self.loads[folder][1] for folder in folders if folder in self.loads)
        return Archive(
            tuple(
                sorted(
                    (issue for issue in issues if issue is not None),
                    key=lambda issue: (issue.year, issue.number),
                )
            )
        )

    def _accept(self, problems: list[Problem]) -> bool:
        """Show the errors (the last good pages stay) or clear them; True when there are none."""
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
        return True

    # -- pages -------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Bring the pages of what changed up to date; False when the content has problems."""
        with self.lock:
            if not self.complete and self.shown:
                return self._refresh_shown()
            changed = self._reload()
            if not changed and self.generation:
                return not self.problems
            self.busy = True
            self.generation += 1
            archive, problems = self._archive()
            if not self._accept(problems):
                return False
            if self.complete and not changed:
                return True
            indexes = Indexes.build(archive)
            if not self.complete:
                self._write(self._render_all(indexes), complete=True)
                self._finish_start()
                return True
            only = pages_of(issue for issue in archive.issues if issue.source in changed)
            self._write(self._render(indexes, only))
            self.pending = (self.generation, indexes)
            return True

    def _render(self, indexes: Indexes, only: set[str]) -> dict[str, str]:
        """Just these pages (with their bodies), each as the whole site's render would make it."""
        jobs = {page: job for page, job in body_jobs(indexes).items() if page in only}
        return render_site(
            indexes, render_bodies(jobs, self.bodies, workers=1), self.config, only=only
        )

    def _render_all(self, indexes: Indexes) -> dict[str, bytes]:
        """Every file of the docs folder, as ``make build`` writes it."""
        pages = render_site(indexes, render_bodies(body_jobs(indexes), self.bodies), self.config)
        pages["search/search_index.json"] = build_quickfind(
            indexes.archive, indexes.organs, indexes.sections
        )
        return docs_files(self.content, indexes.archive, pages)

    def _finish_start(self) -> None:
        """``work/docs`` now holds every page of exactly these loads: kept for the next run."""
        self.complete = True
        self.shown = set()
        self.load_cache.save(self.loads)

    def _write(self, pages: Mapping[str, str | bytes], complete: bool = False) -> int:
        """Write the pages whose text changed (compared with what this run wrote, or with the disk
        for pages the last run left); with ``complete``, remove pages no longer made."""
        files = {
            path: text.encode("utf-8") if isinstance(text, str) else text
            for path, text in pages.items()
        }
        if complete and not self.complete:
            stats = sync_tree(self.docs, files)  # the first whole site of a first start
            self.changed_files.add(ANY_FILE)
            self.written = files
            return stats.written + stats.removed
        count = 0
        for path, data in files.items():
            known = self.written.get(path)
            if known is None and self.started_from_disk:
                known = self._on_disk(path)
            self.written[path] = data
            if known != data:
                write_file(self.docs / path, data)
                self.changed_files.add(path)
                count += 1
        if complete:
            stale = set(self.written) - set(files)
            if self.started_from_disk:  # what the last run left and nothing makes any more
                stale |= {
                    p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*") if p.is_file()
                } - set(files)
                self.started_from_disk = False
            for path in sorted(stale):
                (self.docs / path).unlink(missing_ok=True)
                self.written.pop(path, None)
                self.changed_files.add(path)
                count += 1
        return count

    def _on_disk(self, path: str) -> bytes | None:
        try:
            return (self.docs / path).read_bytes()
        except FileNotFoundError:
            return None

    def take_changed(self) -> set[str]:
        """The files of ``work/docs`` MkDocs has not seen yet (and forget them)."""
        with self.lock:
            changed, self.changed_files = self.changed_files, set()
            return changed

    # -- a first start -----------------------------------------------------------------------

    def start_quick(self) -> bool:
        """A first start: the latest issue's pages, the home page and the menu's, from that issue
        alone. False when there is nothing to show that way (then :meth:`refresh` does it all)."""
        folders = issue_folders(scan(self.content)) if self.content.is_dir() else []
        if self.complete or not folders:
            return False
        if (
            self.docs.is_dir()
        ):  # pages of another run (or of other code): MkDocs would build them all
            shutil.rmtree(self.docs)
        self.show_issue(folders[-1])
        return bool(self.shown)

    def show_issue(self, folder: str) -> bool:
        """Write the pages of one more issue folder while a first start is under way, rendered
        from the issues loaded so far; False when there is nothing (more) to write."""
        with self.lock:
            if (
                self.complete
                or folder in self.shown
                or not (self.content / folder / ISSUE_FILE).is_file()
            ):
                return False
            self._load(folder, scan(self.content / folder).get(".", ()))
            _, issue, problems = self.loads[folder]
            if issue is None or any(not problem.warning for problem in problems):
                self._accept(problems)
                return False
            self.shown.add(folder)
            self._write_shown()
            return True

    def _refresh_shown(self) -> bool:
        """An edit while a first start is under way: the shown issues' pages again."""
        changed = {
            folder
            for folder in self.shown
            if self._load(folder, scan(self.content / folder).get(".", ()))
        }
        if changed:
            self.busy = True
            self.generation += 1
        problems = [problem for folder in self.shown for problem in self.loads[folder][2]]
        if not self._accept(problems):
            return False
        if changed:
            self._write_shown()
        return True

    def _write_shown(self) -> None:
        archive = self._loaded_archive(self.loads)
        indexes = Indexes.build(archive)
        shown = [issue for issue in archive.issues if issue.source in self.shown]
        self._write(self._render(indexes, pages_of(shown) | set(MENU_PAGES)))

    def complete_start(self) -> bool:
        """Load the whole archive and write every page, as :meth:`refresh` does on a first start,
        but without holding the lock while rendering (pages asked for meanwhile are shown).
        True once ``work/docs`` is complete; False when the content has problems."""
        folders = issue_folders(scan(self.content))
        for folder in folders:
            with self.lock:
                self._load(folder, scan(self.content / folder).get(".", ()))
        while True:
            with self.lock:
                self._reload()
                generation = self.generation
                archive, problems = self._archive()
                if not self._accept(problems):
                    return False
            pages = self._render_all(Indexes.build(archive))
            with self.lock:
                if generation == self.generation and not self._reload():
                    self._write(pages, complete=True)
                    self._finish_start()
                    return True

    # -- background work -------------------------------------------------------------------

    def warm_up(self) -> None:
        """Build the indexes once, so that the first edit after a later start finds the
        citations of every other text already known (see ``site.citations.numbers_in``)."""
        with self.lock:
            archive = self._loaded_archive(self.loads)
        Indexes.build(archive)

    def catch_up(self) -> bool:
        """Render the whole site and write what the first step left out. True when every page
        is up to date (then the full-text index may follow); False when newer work came in."""
        with self.lock:
            pending, self.pending = self.pending, None
        if pending is not None:
            pages = self._render_all(pending[1])
            with self.lock:
                if self.generation != pending[0]:
                    return False  # a newer edit came in; its own catch-up follows
                written = self._write(pages, complete=True)
                self.load_cache.save(self.loads)
            if written:
                self.request_rebuild()
                return False
        return True

    # -- status ------------------------------------------------------------------------------

    def _set_problems(self, problems: list[str]) -> None:
        self.problems = problems
        self.write_status()

    def write_status(self) -> None:
        target = self.site / STATUS
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        status = {
            "problems": self.problems,
            "busy": self.busy,
            "building": not self.complete or self.building_site,
            "generation": self.generation,
        }
        tmp.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)

    def done(self, generation: int) -> None:
        """The background work of ``generation`` is finished (unless newer work came in)."""
        with self.lock:
            if self.generation == generation:
                self.busy = False
                self.write_status()
