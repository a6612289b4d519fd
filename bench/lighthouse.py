"""``make lighthouse [RUNS=5]``: Lighthouse 12 (mobile, its defaults) on the home, issue,
longest document and search pages of the site built from ``content/``.

A benchmark, not a test. The site is served on loopback by the static host of
``bench.reader`` (gzip for text, as static hosts and CDNs do); Lighthouse runs Debian's chromium
(``CHROME_PATH``). Each page is measured RUNS times, the pages taking turns (Lighthouse's
own advice for a score that moves from run to run: take the median of five). Prints the
median and worst of the four category scores, the metrics behind the performance score
and the bytes transferred per page, and writes ``bench/lighthouse.json``.

``make lighthouse AGAINST=<site>`` also measures another built site (say, the same
content built by an earlier commit), page by page in turn with this one, so that the two
are compared under the same load of the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.reader import static_host
from generator.build import build_site

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "lighthouse"
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "lighthouse.json"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


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


def measure(sites: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    """Every page of every site RUNS times, the pages and the sites taking turns (so a
    comparison is made under the same machine load)."""
    paths = pages(next(iter(sites.values())))
    measured = {label: {name: [] for name in paths} for label in sites}
    with contextlib.ExitStack() as stack:
        bases = {label: stack.enter_context(static_host(site))[0] for label, site in sites.items()}
        for _ in range(runs):
            for name, path in paths.items():
                for label, base in bases.items():
                    measured[label][name].append(run_lighthouse(base + path))
    return {
        label: {
            name: summary(page_runs) | {"path": "/" + paths[name]}
            for name, page_runs in by_page.items()
        }
        for label, by_page in measured.items()
    }


def report(label: str, results: dict[str, Any]) -> None:
    for name, result in results.items():
        scores, metrics = result["scores"], result["metrics"]
        print(
            f"{label}{name} {result['path']}: performance median "
            f"{scores['performance']['median']:g}, "
            f"worst {scores['performance']['worst']} (runs: {result['performance_each_run']}); "
            f"accessibility {scores['accessibility']['worst']}, best practices "
            f"{scores['best-practices']['worst']}, SEO "
            f"{scores['seo']['worst']} (worst); "
            + ", ".join(
                f"{metric} {value['median']:g} ({value['worst']:g})"
                for metric, value in metrics.items()
            )
            + f"; {result['transfer_kib']} KiB transferred"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument(
        "--against",
        type=Path,
        metavar="SITE",
        help="also measure this built site (e.g. one built by an earlier version), taking turns",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE.parents[2],
            check=True,
        )
    site = WORK / "site"
    build_site(ROOT / "content", site, WORK / "build", "http://127.0.0.1:8000/")
    sites = {"this version": site}
    if args.against:
        sites["against"] = args.against.resolve()
    results = measure(sites, args.runs)
    for label, by_page in results.items():
        report(f"[{label}] " if args.against else "", by_page)
    written = results["this version"]
    if args.against:
        written = written | {"against": {"site": str(args.against), **results["against"]}}
    RESULTS.write_text(json.dumps(written, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
