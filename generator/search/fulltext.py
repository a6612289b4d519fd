"""The full-text index: Pagefind, one shard per year, merged into one bundle.

Pagefind keeps the whole index in memory while it builds (about 80 MB per year of
gazette) and always starts from scratch. So each year's pages are indexed on their own
and the result is kept under ``work/pagefind/`` keyed by a fingerprint of those pages;
a rebuild after adding an issue re-indexes only its year. The shards are then merged
into the single bundle the browser loads, as if Pagefind had indexed the whole site at
once: words are merged in Pagefind's order (with page numbers shifted), filters and
sort orders are combined, and index chunks are cut by Pagefind's own rule. Every file
is written deterministically, so two builds are byte-identical.

The merge is :mod:`generator.search.bundle`; tests check that the merged bundle answers
queries like one built in a single run.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.errors import BuildError, Problem
from generator.progress import Progress, step
from generator.search import phrases
from generator.search.bundle import PAGEFIND_VERSION, fragment_of, merge, open_shards

BODY_MARKER = b"data-pagefind-body"


# -- shards ------------------------------------------------------------------------------------


def shard_pages(site: Path) -> dict[str, dict[str, bytes]]:
    """Pages to index with the SHA-256 of their bytes, grouped by their first path segment
    (the year for documents)."""
    shards: dict[str, dict[str, bytes]] = defaultdict(dict)
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        data = path.read_bytes()
        if BODY_MARKER in data:
            shards[rel.split("/", 1)[0] if "/" in rel else "_root"][rel] = hashlib.sha256(
                data
            ).digest()
    return dict(sorted(shards.items()))


def _fingerprint(pages: dict[str, bytes]) -> str:
    digest = hashlib.sha256(PAGEFIND_VERSION.encode())
    for rel, page_digest in pages.items():
        digest.update(rel.encode() + b"\0" + page_digest)
    return digest.hexdigest()[:20]


def _run_pagefind(site: Path, pattern: str, output: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        pattern,
        "--output-path",
        str(output),
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (output / "pagefind-entry.json").exists():
        raise BuildError(
            [Problem(str(site), 1, "Pagefind failed: " + (result.stderr or result.stdout).strip())]
        )


def index_site(site: Path, work: Path) -> list[str]:
    """Index ``site`` into ``site/pagefind``; returns the shards that had to be (re)built."""
    shards_dir = work / "pagefind"
    shards_dir.mkdir(parents=True, exist_ok=True)
    built, used = [], []
    shards = shard_pages(site)
    with Progress("Indexing full text by year", len(shards)) as progress:
        for key, pages in shards.items():
            shard = shards_dir / f"{key}-{_fingerprint(pages)}"
            if not (shard / "pagefind-entry.json").exists():
                staging = shards_dir / f".{shard.name}.tmp"
                if staging.exists():
                    shutil.rmtree(staging)
                pattern = f"{key}/**/*.html" if key != "_root" else "*.html"
                _run_pagefind(site, pattern, staging)
                staging.rename(shard)
                built.append(key)
            used.append(shard)
            progress.advance()
    missing = [shard for shard in used if not (shard / phrases.FILE).exists()]
    if missing:
        step(f"Indexing the phrases of {len(missing)} shards")
        spawn = multiprocessing.get_context("spawn")  # safe from the preview's threads
        with ProcessPoolExecutor(min(len(missing), os.cpu_count() or 1), mp_context=spawn) as pool:
            list(pool.map(_add_phrases, missing))
    for stale in shards_dir.iterdir():
        if stale not in used:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    names = merge(used, site / "pagefind")
    _write_phrases(used, names, site / "pagefind" / phrases.FOLDER)
    return built


def _write_phrases(used: list[Path], names: list[str], target: Path) -> None:
    """The phrase index of the merged bundle, from each shard's postings (see :mod:`.phrases`)."""
    shards, offset = [], 0
    for path in used:
        shard = phrases.load(path / phrases.FILE)
        shards.append((offset, shard))
        offset += len(shard["pages"])
    if offset != len(names):
        raise BuildError([Problem(str(target), 1, "phrase index and Pagefind disagree on pages")])
    phrases.write(shards, names, target)


def _add_phrases(path: Path) -> None:
    """Compute the shard's phrase postings (see :mod:`.phrases`) once, beside it."""
    shard = open_shards([path])[0]
    fragments = [
        fragment_of((path / "fragment" / f"{name}.pf_fragment").read_bytes())
        for name, _ in shard.pages
    ]
    phrases.save(phrases.shard_postings(fragments), path / phrases.FILE)
