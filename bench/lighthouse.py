"""``make lighthouse [RUNS=5]``: Lighthouse 12 (mobile, its defaults) on the home, issue,
longest document and search pages of the site built from ``content/``.

A benchmark, not a test. The site is served on loopback by a small server that
compresses text the way static hosts and CDNs do; Lighthouse runs Debian's chromium
(``CHROME_PATH``). Each page is measured RUNS times, the pages taking turns (Lighthouse's
own advice for a score that moves from run to run: take the median of five). Prints the
median and worst of the four category scores, the metrics behind the performance score
and the bytes transferred per page, and writes ``bench/lighthouse.json``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import socketserver
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from generator.build import build_site

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "lighthouse"
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "lighthouse.json"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as static hosts do)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in COMPRESSIBLE
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()


def serve(site: Path) -> tuple[str, socketserver.TCPServer]:
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def pages(site: Path) -> dict[str, str]:
    documents = [
        p
        for p in site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
        if p.parent.name != "chronicle"
    ]
    longest = max(documents, key=lambda p: p.stat().st_size)
    return {
        "home": "",
        "issue": "2021/02/",
        "document (longest)": longest.parent.relative_to(site).as_posix() + "/",
        "search": "search/?q=%E9%A3%9F%E5%93%81%E8%8D%AF%E5%93%81%E5%AE%89%E5%85%A8",
    }


def run_lighthouse(url: str) -> dict[str, Any]:
    output = WORK / "report.json"
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={output}",
        ],
        check=True,
        env=env,
    )
    report = json.loads(output.read_text(encoding="utf-8"))
    scores = {
        name: round(category["score"] * 100) for name, category in report["categories"].items()
    }
    failing = [
        audit_id
        for audit_id, audit in report["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    metrics = {
        label: round(report["audits"][audit]["numericValue"], 3 if label == "CLS" else 0)
        for audit, label in METRICS.items()
    }
    return {
        "scores": scores,
        "metrics": metrics,
        "transfer_kib": round(report["audits"]["total-byte-weight"]["numericValue"] / 1024),
        "not_perfect": failing,
    }


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median and worst of each score and metric over the runs of one page."""
    scores = {
        name: {
            "median": statistics.median(run["scores"][name] for run in runs),
            "worst": min(run["scores"][name] for run in runs),
        }
        for name in runs[0]["scores"]
    }
    metrics = {
        name: {
            "median": statistics.median(run["metrics"][name] for run in runs),
            "worst": max(run["metrics"][name] for run in runs),
        }
        for name in runs[0]["metrics"]
    }
    return {
        "runs": len(runs),
        "scores": scores,
        "metrics": metrics,
        "performance_each_run": [run["scores"]["performance"] for run in runs],
        "transfer_kib": max(run["transfer_kib"] for run in runs),
        "not_perfect": sorted({audit for run in runs for audit in run["not_perfect"]}),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    runs = int(argv[0]) if argv else 5
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE.parents[2],
            check=True,
        )
    site = WORK / "site"
    build_site(ROOT / "content", site, WORK / "build", "http://127.0.0.1:8000/")
    base, server = serve(site)
    measured: dict[str, list[dict[str, Any]]] = {name: [] for name in pages(site)}
    try:
        for _ in range(runs):
            for name, path in pages(site).items():
                measured[name].append(run_lighthouse(base + path))
    finally:
        server.shutdown()
    results = {
        name: summary(page_runs) | {"path": "/" + pages(site)[name]}
        for name, page_runs in measured.items()
    }
    for name, result in results.items():
        scores, metrics = result["scores"], result["metrics"]
        print(
            f"{name} {result['path']}: performance median {scores['performance']['median']:g}, "
            f"worst {scores['performance']['worst']} (runs: {result['performance_each_run']}); "
            f"accessibility {scores['accessibility']['worst']}, best practices "
            f"{scores['best-practices']['worst']}, SEO "
            f"{scores['seo']['worst']} (worst); "
            + ", ".join(
                f"{label} {value['median']:g} ({value['worst']:g})"
                for label, value in metrics.items()
            )
            + f"; {result['transfer_kib']} KiB transferred"
        )
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
