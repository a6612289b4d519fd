"""Full-text search as a reader meets it, beside Pagefind's bare engine on the same site.

The site is served like a static host: gzip for text, the theme's assets cacheable. For
each query, a fresh browser profile opens the home page (the theme's CSS, scripts and
fonts are then in the cache), and then:

- **search page**: navigates to ``/search/?q=…``; the figures are the bytes the server
  sent for every request that reached it from that navigation until the first result was
  on screen (the page's ``gz-first-result`` mark), and the time from the navigation to
  that mark;
- **bare engine**: on the home page, imports ``pagefind.js``, searches the query as typed
  and loads the first result's data (what Pagefind's own API costs for one result); bytes
  and time from the import to the data.

Recall: phrases sampled from the real issue's pages (``tests/searchmeasure.py``) typed
into the search page of the whole archive.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import socketserver
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".mjs")


class _Log:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[float, int, str]] = []
        """(time the request arrived, bytes sent, path)"""

    def between(self, start: float, end: float) -> tuple[int, list[str]]:
        with self.lock:
            chosen = [(size, path) for at, size, path in self.sent if start <= at <= end]
        return sum(size for size, _ in chosen), [path for _, path in chosen]


class _Handler(http.server.SimpleHTTPRequestHandler):
    log: _Log

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802  (the http.server API)
        arrived = time.time()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        encoded = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if encoded:
            data = gzip.compress(data, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(data)
        with self.log.lock:
            self.log.sent.append((arrived, len(data), urllib.parse.urlsplit(self.path).path))


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@contextmanager
def static_host(site: Path) -> Iterator[tuple[str, _Log]]:
    log = _Log()
    handler = type("Handler", (_Handler,), {"log": log})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()


def _from_the_home_page(browser: Any, base: str) -> tuple[Any, Any]:
    """A fresh browser profile that has opened the home page: the theme's assets are cached."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base)
    tab.wait_for_load_state("networkidle")
    return context, tab


def _search_page(browser: Any, base: str, log: _Log, query: str) -> dict[str, Any]:
    context, tab = _from_the_home_page(browser, base)
    started = time.time()
    tab.goto(f"{base}search/?q={urllib.parse.quote(query)}")
    tab.wait_for_function(
        "performance.getEntriesByName('gz-first-result').length > 0", timeout=60000
    )
    marks = tab.evaluate("""() => ({origin: performance.timeOrigin,
        shown: performance.getEntriesByName('gz-first-result')[0].startTime})""")
    shown = (marks["origin"] + marks["shown"]) / 1000
    first = tab.get_attribute("#search-results .gz-result", "data-url")
    tab.wait_for_timeout(200)
    sent, paths = log.between(started, shown)
    context.close()
    return {
        "query": query,
        "bytes": sent,
        "ms": round(marks["shown"]),
        "requests": len(paths),
        "first": first,
    }


_BARE = """async (q) => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({ baseUrl: '/' });
  const search = await pf.search(q);
  const data = search.results.length ? await search.results[0].data() : null;
  return { ms: performance.now() - t0, first: data ? data.url : null,
           end: performance.timeOrigin + performance.now() };
}"""


def _bare_engine(browser: Any, base: str, log: _Log, query: str) -> dict[str, Any]:
    context, tab = _from_the_home_page(browser, base)
    started = time.time()
    out = tab.evaluate(_BARE, query)
    tab.wait_for_timeout(200)
    sent, paths = log.between(started, out["end"] / 1000)
    context.close()
    return {
        "query": query,
        "bytes": sent,
        "ms": round(out["ms"]),
        "requests": len(paths),
        "first": out["first"],
    }


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "median_bytes": statistics.median(r["bytes"] for r in rows),
        "max_bytes": max(r["bytes"] for r in rows),
        "median_ms": statistics.median(r["ms"] for r in rows),
        "max_ms": max(r["ms"] for r in rows),
    }


def measure_reader(site: Path, queries: list[str], recall_count: int = 200) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.searchmeasure import measure, sample_phrases, visible_texts

    page_rows, bare_rows = [], []
    texts = visible_texts(site)
    real = {url: text for url, text in texts.items() if url.startswith("/2021/02/")}
    phrases = sample_phrases(real, recall_count, seed=2021)
    with static_host(site) as (base, log), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for query in queries:
            page_rows.append(_search_page(browser, base, log, query))
            bare_rows.append(_bare_engine(browser, base, log, query))
        tab = browser.new_page()
        outcomes = measure(tab, base, texts, phrases)
        browser.close()
    return {
        "search_page": _summary(page_rows) | {"queries": page_rows},
        "bare_engine": _summary(bare_rows) | {"queries": bare_rows},
        "recall": {
            "phrases": len(outcomes),
            "top10_misses": sum(not o.in_top_ten for o in outcomes),
            "first_has_it": sum(o.first_has_it for o in outcomes),
            "missed": [o.phrase for o in outcomes if not o.in_top_ten],
            "wrong_first": [o.phrase for o in outcomes if not o.first_has_it],
        },
    }


def report_reader(figures: dict[str, Any]) -> list[str]:
    page, bare, recall = figures["search_page"], figures["bare_engine"], figures["recall"]
    return [
        "search page as a reader meets it, median (worst) bytes: "
        f"{page['median_bytes'] / 1e3:.1f} KB "
        f"({page['max_bytes'] / 1e3:.1f} KB); bare engine: {bare['median_bytes'] / 1e3:.1f} KB "
        f"({bare['max_bytes'] / 1e3:.1f} KB); ratio of medians "
        f"{page['median_bytes'] / bare['median_bytes']:.2f}",
        f"search page, median (worst) time to first result: {page['median_ms']} ms ("
        f"{page['max_ms']} ms); "
        f"bare engine: {bare['median_ms']} ms ({bare['max_ms']} ms)",
        f"recall, phrases from the real issue: {recall['phrases'] - recall['top10_misses']}/"
        f"{recall['phrases']} "
        f"in the first ten, first result holds it for {recall['first_has_it']}/{recall['phrases']}",
    ]
