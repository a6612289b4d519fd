"""``make serve``: a preview that keeps up with the whole archive while editors edit ``content/``.

Three pieces: :class:`generator.preview.Preview` keeps the generated pages (``work/docs``)
up to date, :class:`generator.preview_site.PreviewSite` has MkDocs build them into
``work/serve-site``, and this module serves that folder with MkDocs' live-reload server:

* a save in ``content/`` → the changed issue's pages written and built one by one →
  the browser reloads (the server's build thread);
* then, after a quiet moment, the rest of the site and the full-text index of the years
  that changed (a background thread);
* on a first start, the pages of an issue nobody has shown yet are written and built when
  a browser asks for them, while the background thread builds the whole site.
"""

from __future__ import annotations

import datetime
import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer

from generator.errors import GazetteError
from generator.mkdocs_run import MKDOCS_YML
from generator.preview import STATUS, Preview
from generator.preview_site import PreviewSite, QuietDirty
from generator.search.fulltext import index_site

__all__ = ["STATUS", "Preview", "run_serve"]

QUIET = 1.0
"""Seconds without a new build before the background work starts."""
_ISSUE_URL = re.compile(r"(\d{4})/(\d{2})/")


class _Server(LiveReloadServer):
    """MkDocs' live-reload server that first makes sure a requested page exists (first start)."""

    def __init__(self, *args: Any, ensure: Callable[[str], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.ensure = ensure

    def _serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(self.mount_path):
            self.ensure(path[len(self.mount_path) :])
        return super()._serve_request(environ, start_response)

    def request_rebuild(self) -> None:
        """Have the build thread run (it reloads the open pages when done)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


class Serving:
    """The preview and its MkDocs builds, driven by the server and one background thread."""

    def __init__(self, preview: Preview, site: PreviewSite):
        self.preview = preview
        self.site = site
        self._kick = threading.Event()
        self.building_all = False

    def rebuild(self) -> None:
        """The server's builder: after a change in ``content/`` (or a background step)."""
        try:
            self.preview.refresh()
        except GazetteError as error:
            self.preview._set_problems([str(problem) for problem in error.problems])
            for problem in error.problems:
                print(problem, file=sys.stderr)
        except Exception as error:  # no traceback for the editor; the page shows the problem too
            message = (
                f"{self.preview.content}:1: the preview could not be updated: "
                f"{type(error).__name__}: {error}"
            )
            self.preview._set_problems([message])
            print(message, file=sys.stderr)
        self.site.bring_up_to_date(self.preview.take_changed(), quiet=not self.preview.complete)
        self.built()

    def built(self) -> None:
        self.preview.write_status()
        self._kick.set()

    def ensure(self, path: str) -> None:
        """Before a page is served on a first start: write and build its issue's pages."""
        preview = self.preview
        match = _ISSUE_URL.match(path)
        if preview.complete and not self.building_all or match is None:
            return
        target = (
            self.site.site / path / "index.html" if path.endswith("/") else self.site.site / path
        )
        if target.exists():
            return
        if preview.show_issue(f"{match[1]}/{match[2]}"):
            self.site.bring_up_to_date(preview.take_changed(), quiet=True)
        source = preview.docs / (path.rstrip("/") + ".md")
        made = source.exists() or (source.with_suffix("") / "index.md").exists()
        deadline = time.monotonic() + 60
        while made and self.building_all and not target.exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the whole site is being built: the page comes with it

    def start_worker(self, request_rebuild: Callable[[], None]) -> None:
        self.preview.request_rebuild = request_rebuild
        threading.Thread(target=self._worker, name="preview", daemon=True).start()

    def _worker(self) -> None:
        from generator.site.bodies import prepare

        prepare()  # built once, before the first edit needs it
        while True:
            self._kick.wait()
            self._kick.clear()
            while self._kick.wait(QUIET):
                self._kick.clear()
            try:
                self.background()
            except (
                Exception
            ) as error:  # the preview goes on; the editor sees one line, not a traceback
                print(
                    f"preview: background update failed: {type(error).__name__}: {error}",
                    file=sys.stderr,
                )

    def background(self) -> None:
        """The whole site after a first start, or what an edit's first step left out; then
        the full-text index of the years whose pages changed."""
        preview = self.preview
        generation = preview.generation
        if not preview.complete:
            self.build_all()
            return
        if (
            self.site.session is None
        ):  # a later start: the pages of the last run are served meanwhile
            preview.take_changed()
            self.site.build()
            preview.request_rebuild()
            preview.warm_up()
            return
        if not preview.catch_up() or self._kick.is_set():
            return
        if not preview.problems:
            index_site(preview.site, preview.work)
        preview.done(generation)

    def build_all(self) -> None:
        """A first start's second step: every page, built by MkDocs (the shown pages stay
        served)."""
        self.building_all = self.preview.building_site = True
        try:
            if not self.preview.complete_start():
                return
            with self.site.lock:
                self.preview.take_changed()
                self.site.build()
        finally:
            self.building_all = self.preview.building_site = False
        self.preview.request_rebuild()


def run_serve(content: Path, work: Path, site_url: str, today: datetime.date | None = None) -> int:
    preview = Preview(content, work, site_url, today)
    serving = Serving(
        preview, PreviewSite(preview.docs, preview.site, site_url, lambda: serving.built())
    )
    try:
        ok = preview.start_quick() or preview.refresh()
    except GazetteError as error:
        ok = False
        for problem in error.problems:
            print(problem, file=sys.stderr)
    if not ok:
        print("Fix the problems above, then run make serve again.", file=sys.stderr)
        return 1
    logging.getLogger("mkdocs.commands.build").addFilter(QuietDirty())
    return _serve(serving, content, site_url)


def _serve(serving: Serving, content: Path, site_url: str) -> int:
    host, port = urlsplit(site_url).netloc.rsplit(":", 1)
    site = serving.site
    config = site.config()
    config.plugins.on_startup(command="serve", dirty=True)
    server = _Server(
        builder=serving.rebuild,
        host=host,
        port=int(port),
        root=str(site.site),
        mount_path=urlsplit(site_url).path,
        ensure=serving.ensure,
    )

    def error_page(code: int) -> bytes | None:
        page = site.site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        if serving.preview.complete and site.is_current():
            serving.built()  # served as the last run left them; MkDocs catches up in the background
        else:
            site.build(quiet=not serving.preview.complete)
        server.watch(str(content))
        server.watch(str(MKDOCS_YML))
        serving.start_worker(server.request_rebuild)
        print(
            f"Serving on {site_url} — edit files under {content}/ and the browser reloads.",
            flush=True,
        )
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Stopped.")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
    return 0
