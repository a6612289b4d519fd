"""``make bench [YEARS=10]``: build a synthetic archive from scratch and measure it.

Prints one figure a line and writes ``bench/results.json`` (one entry per archive
size). It is a benchmark, not a test: the machine is shared, so read medians and the
ratios between runs, not single timings.

1. ``synth`` writes YEARS × 12 issues made from the real issue (which is included once).
2. A full build from scratch (no caches): wall time of each stage, peak memory of the
   whole process tree, site size, HTML page sizes, index sizes.
3. One more issue is added and the site rebuilt with warm caches.
4. In headless Chromium against the site on loopback, for each query in a fixed list:
   the bytes transferred from typing to the first result and the time it took
   (a fresh browser context per query, so nothing is cached).
5. The real issue's documents must still come first for their numbers and unique words.
6. ``make serve`` on the same archive: start to first answer, edit to visible, problems
   shown (see :mod:`bench.serve`). ``--serve-only`` measures just this, ``--serve-root DIR``
   the code of another checkout (e.g. an older commit, for before/after figures).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.reader import measure_reader, report_reader
from bench.serve import measure_serve
from bench.serve import report as serve_report
from bench.synth import synth_archive
from generator.build import Timings, build_site
from generator.write import write_new_folder

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"
SOURCE = ROOT / "content" / "2021" / "02"

# Queries typed into the search page: document numbers, unique words, topics, names.
QUERIES = [
    "石大政办发〔2021〕5号",
    "石大党办综[2021]9号",
    "宁党办〔2020〕50号",
    "红黑榜",
    "顾铭",
    "凉皮",
    "食品药品安全",
    "危险化学品",
    "招商引资",
    "疫苗",
    "冷链",
    "法律顾问",
]
# Bracket styles a reader may type, cycled over the real documents' numbers.
BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）")]


class MemorySampler:
    """Peak resident memory of this process and all its descendants (read from /proc)."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        root = os.getpid()
        while not self._stop.is_set():
            sizes = [rss for pid, rss in _process_tree(root)]
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
            time.sleep(self.interval)


def _process_tree(root: int) -> list[tuple[int, int]]:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1]) * 1024
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return [(pid, rss.get(pid, 0)) for pid in tree]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def html_sizes(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.rglob("*.html") if "pagefind" not in p.parts)


def real_issue_kb(site: Path) -> float:
    """Total size of the real issue's pages: the same content in every archive, so any growth
    here would be navigation or other page furniture growing with the archive."""
    return round(sum(p.stat().st_size for p in (site / "2021" / "02").rglob("index.html")) / 1e3, 1)


def quality_queries(content: Path) -> list[tuple[str, str]]:
    """(query, URL that must come first) for the real issue inside the big archive: each real
    document's number (brackets typed four ways) and the name in its title, when that name
    occurs in no other document of the archive."""
    from generator.content.load import load_archive
    from generator.site.urls import document_page, page_url

    archive = load_archive(content).archive
    real = next(issue for issue in archive.issues if (issue.year, issue.number) == (2021, 2))
    others = "\n".join(doc.title + doc.body for doc in archive.documents if doc.issue != real.key)
    queries = []
    for index, doc in enumerate(real.documents):
        url = "/" + page_url(document_page(doc))
        if doc.doc_number is not None:
            left, right = BRACKETS[index % len(BRACKETS)]
            queries.append(
                (
                    f"{doc.doc_number.code}{left}{doc.doc_number.year}{right}"
                    f"{doc.doc_number.serial}号",
                    url,
                )
            )
        name = (
            doc.title.split("《")[1].split("》")[0]
            if "《" in doc.title
            else doc.title.split("关于")[-1]
        )
        name = name.removeprefix("大武口区")
        mentions = sum(name in other.title + other.body for other in real.documents)
        if name not in others and mentions == 1:
            queries.append((name, url))
    return queries


def measure_search(site: Path, quality_set: list[tuple[str, str]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve

    base, server = serve(site)
    rows = []
    quality = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for query in QUERIES:
                rows.append(_one_query(browser, base, query))
            for query, expected in quality_set:
                tab = browser.new_page()
                tab.goto(f"{base}search/?q={urllib.parse.quote(query)}")
                tab.wait_for_function(
                    "q => document.getElementById('search-results').getAttribute('data-query') === "
                    "q",
                    arg=query,
                    timeout=60000,
                )
                found = tab.query_selector("#search-results .gz-result")
                first = found.get_attribute("data-url") if found else None
                quality.append(
                    {"query": query, "expected": expected, "first": first, "ok": first == expected}
                )
                tab.close()
            browser.close()
    finally:
        server.shutdown()
    return {
        "queries": rows,
        "median_bytes_to_first_result": statistics.median(r["bytes"] for r in rows),
        "median_ms_to_first_result": statistics.median(r["ms"] for r in rows),
        "median_ms_from_first_key": statistics.median(r["ms_from_first_key"] for r in rows),
        "max_bytes_to_first_result": max(r["bytes"] for r in rows),
        "quality": quality,
    }


def _one_query(browser: Any, base: str, query: str) -> dict[str, Any]:
    """Type the query into a freshly loaded search page (cold cache) and time it in the page:
    from the last keystroke to the first result on screen (the page marks gz-first-result),
    and the bytes of every resource received between the first keystroke and that moment."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base + "search/")
    tab.wait_for_load_state("networkidle")
    finished: list[tuple[float, float, int]] = []

    def record(request: Any) -> None:
        # Requests of the search worker are reported here too (the page's own resource
        # timing does not see them).
        timing = request.timing
        sizes = request.sizes()
        finished.append(
            (
                timing["startTime"],
                timing["startTime"] + timing["responseEnd"],
                sizes["responseBodySize"] + sizes["responseHeadersSize"],
            )
        )

    tab.on("requestfinished", record)
    tab.evaluate("""() => {
        window.gzKeys = [];
        document.getElementById('gz-q')
            .addEventListener('input', () => window.gzKeys.push(performance.now()));
    }""")
    tab.locator("#gz-q").press_sequentially(query)
    tab.keyboard.press("End")
    tab.wait_for_function(
        "performance.getEntriesByName('gz-first-result').length > 0", timeout=60000
    )
    marks = tab.evaluate("""() => ({origin: performance.timeOrigin,
        shown: performance.getEntriesByName('gz-first-result')[0].startTime,
        first: window.gzKeys[0], last: window.gzKeys[window.gzKeys.length - 1]})""")
    tab.wait_for_timeout(300)  # let the events of requests that already finished arrive
    first_key = marks["origin"] + marks["first"]
    shown = marks["origin"] + marks["shown"]
    transferred = sum(
        size for start, end, size in finished if start >= first_key and end <= shown + 1
    )
    first = tab.get_attribute("#search-results .gz-result", "data-url")
    context.close()
    return {
        "query": query,
        "bytes": transferred,
        "ms": round(marks["shown"] - marks["last"]),
        "ms_from_first_key": round(marks["shown"] - marks["first"]),
        "first": first,
    }


SYNTHETIC_TODAY = datetime.date.max
"""The synthetic archive runs years past today's date, which `check` would refuse."""


def run(years: int, seed: int, serve: bool = True) -> dict[str, Any]:
    work = WORK / f"{years}y"
    if work.exists():
        shutil.rmtree(work)
    content = work / "content"
    issues = synth_archive(SOURCE, years, seed, extra=1)
    *base_issues, (last_folder, last_files) = issues.items()
    for folder, files in base_issues:
        write_new_folder(content / folder, files)
    documents = sum(1 for _, files in base_issues for name in files if name.endswith(".md"))
    markdown_bytes = sum(p.stat().st_size for p in content.rglob("*.md"))

    site = work / "site"
    timings = Timings()
    started = time.perf_counter()
    with MemorySampler() as memory:
        build_site(
            content,
            site,
            work / "build",
            "http://127.0.0.1:8000/",
            timings=timings,
            today=SYNTHETIC_TODAY,
        )
    total = time.perf_counter() - started

    html = html_sizes(site)
    result: dict[str, Any] = {
        "years": years,
        "issues": len(base_issues),
        "documents": documents,
        "markdown_mb": round(markdown_bytes / 1e6, 1),
        "build_s": {name: round(value, 1) for name, value in timings.stages.items()}
        | {"total": round(total, 1)},
        "peak_memory_mb": {
            "process_tree": round(memory.peak_total / 1e6),
            "largest_process": round(memory.peak_single / 1e6),
        },
        "site_mb": round(folder_size(site) / 1e6, 1),
        "html_pages": len(html),
        "median_html_kb": round(statistics.median(html) / 1e3, 1),
        "largest_html_kb": round(html[-1] / 1e3, 1),
        "real_issue_pages_kb": real_issue_kb(site),
        "quickfind_index_kb": round((site / "search/search_index.json").stat().st_size / 1e3, 1),
        "fulltext_index_mb": round(folder_size(site / "pagefind") / 1e6, 1),
    }

    write_new_folder(content / last_folder, last_files)
    timings = Timings()
    started = time.perf_counter()
    build_site(
        content,
        site,
        work / "build",
        "http://127.0.0.1:8000/",
        timings=timings,
        today=SYNTHETIC_TODAY,
    )
    result["rebuild_one_more_issue_s"] = {
        name: round(v, 1) for name, v in timings.stages.items()
    } | {"total": round(time.perf_counter() - started, 1)}
    result["search"] = measure_search(site, quality_queries(content))
    result["reader"] = measure_reader(site, QUERIES)
    if serve:
        result["serve"] = measure_serve(ROOT, content, work / "serve")
    return result


def run_serve_only(years: int, seed: int, root: Path) -> dict[str, Any]:
    content = WORK / f"{years}y-serve" / "content"
    if not (content / "2021" / "02").is_dir():
        for folder, files in synth_archive(SOURCE, years, seed).items():
            write_new_folder(content / folder, files, force=True)
    return measure_serve(root, content, WORK / f"{years}y-serve" / root.name)


def report(result: dict[str, Any]) -> None:
    search = result["search"]
    lines = [
        f"archive: {result['years']} years, {result['issues']} issues, {result['documents']} "
        f"documents, "
        f"{result['markdown_mb']} MB of Markdown",
        *(f"build {name}: {value} s" for name, value in result["build_s"].items()),
        f"peak memory (process tree): {result['peak_memory_mb']['process_tree']} MB",
        f"peak memory (largest process): {result['peak_memory_mb']['largest_process']} MB",
        f"site size: {result['site_mb']} MB in {result['html_pages']} HTML pages",
        f"median HTML page: {result['median_html_kb']} KB",
        f"largest HTML page: {result['largest_html_kb']} KB",
        f"the real issue's 14 pages: {result['real_issue_pages_kb']} KB",
        f"quick-find index: {result['quickfind_index_kb']} KB",
        f"full-text index: {result['fulltext_index_mb']} MB",
        *(
            f"rebuild after one more issue, {name}: {value} s"
            for name, value in result["rebuild_one_more_issue_s"].items()
        ),
        f"full-text search, median bytes to first result: "
        f"{search['median_bytes_to_first_result'] / 1e3:.1f} KB",
        f"full-text search, largest bytes to first result: "
        f"{search['max_bytes_to_first_result'] / 1e3:.1f} KB",
        f"full-text search, median time to first result (after the last keystroke): "
        f"{search['median_ms_to_first_result']} ms",
        f"full-text search, median time to first result (from the first keystroke): "
        f"{search['median_ms_from_first_key']} ms",
        f"search quality: {sum(q['ok'] for q in search['quality'])}/{len(search['quality'])} real "
        f"documents first",
        *report_reader(result["reader"]),
        *(
            serve_report(result["serve"])
            if "serve" in result
            else ["make serve: not measured in this run"]
        ),
    ]
    print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--serve-only", action="store_true", help="measure make serve only")
    parser.add_argument(
        "--serve-root",
        type=Path,
        default=ROOT,
        help="with --serve-only: the checkout whose make serve is measured",
    )
    parser.add_argument(
        "--label", default="serve", help="with --serve-only: the key of the figures in results.json"
    )
    parser.add_argument("--no-serve", action="store_true", help="leave out the make serve figures")
    parser.add_argument(
        "--search-only",
        type=Path,
        metavar="SITE",
        help="measure only the search page and the bare engine on a built site "
        "(e.g. one built by another engine)",
    )
    args = parser.parse_args()
    if args.search_only:
        figures = measure_reader(args.search_only, QUERIES)
        print("\n".join(report_reader(figures)))
        results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        results.setdefault(f"{args.years}y", {})[f"reader_{args.label}"] = figures
        RESULTS.write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return 0
    if args.serve_only:
        serve = run_serve_only(args.years, args.seed, args.serve_root.resolve())
        print("\n".join(serve_report(serve, args.label)))
        results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        results.setdefault(f"{args.years}y", {})[args.label] = serve
        RESULTS.write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"written to {RESULTS.relative_to(ROOT)}")
        return 0
    result = run(args.years, args.seed, serve=not args.no_serve)
    report(result)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[f"{args.years}y"] = result | {
        key: value
        for key, value in results.get(f"{args.years}y", {}).items()
        if key.startswith("serve") and key not in result
    }
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
