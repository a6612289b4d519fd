"""The build, in one straight line:

content/ → load + validate → indexes → bodies → pages (build/…/docs) → MkDocs → Pagefind → site/

All data is gathered and every page rendered before anything is written. The site is
built into a temporary folder next to the target and swapped in only when MkDocs and
Pagefind both succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import DiskCache
from generator.check import check_content
from generator.content.model import Archive
from generator.mkdocs_run import mkdocs_build
from generator.progress import Progress, counted, step
from generator.search.fulltext import index_site
from generator.search.quickfind import build_quickfind
from generator.site.bodies import render_bodies
from generator.site.bulk import print_files, source_zips
from generator.site.index import Indexes
from generator.site.render import SiteConfig, body_jobs, render_site
from generator.write import replace_dir, sync_tree

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Timings:
    """Wall time of each stage, in seconds (reported by ``make bench``)."""

    stages: dict[str, float] = field(default_factory=dict)

    def measure(self, name: str, started: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started


def default_work(site: Path) -> Path:
    digest = hashlib.sha1(str(site.resolve()).encode()).hexdigest()[:8]
    return ROOT / "build" / f"{site.name}-{digest}"


def source_date_epoch(archive: Archive) -> int:
    """Reproducible dates (sitemap, gzip headers): the latest issue's date, not the clock."""
    day = archive.updated
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())


def load_checked(content: Path, force: bool, today: datetime.date | None = None) -> Archive:
    """The content, checked as ``make check`` checks it (see
    :func:`generator.check.check_content`)."""
    return check_content(content, today, force=force)


def generate(
    content: Path,
    work: Path,
    site_url: str,
    force: bool = False,
    timings: Timings | None = None,
    today: datetime.date | None = None,
) -> Archive:
    """Check the content and write the generated pages into ``work/docs``."""
    timings = timings or Timings()
    started = time.perf_counter()
    archive = load_checked(content, force, today)
    indexes = Indexes.build(archive)
    jobs = body_jobs(indexes)
    cache = DiskCache(work / "cache" / "bodies")
    with Progress("Rendering document bodies", len(jobs)) as progress:
        bodies = render_bodies(jobs, cache)
        progress.advance(len(jobs))
    total_pages = len(archive.documents) + len(archive.issues) * 2
    with Progress("Generating pages", total_pages) as progress:
        pages = render_site(indexes, bodies, SiteConfig(site_url), progress=progress.advance)
    pages["search/search_index.json"] = build_quickfind(archive, indexes.organs, indexes.sections)
    stats = sync_tree(work / "docs", docs_files(content, archive, pages))
    cache.prune()
    step(f"Pages: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
    timings.measure("generate", started)
    return archive


def docs_files(content: Path, archive: Archive, pages: dict[str, str]) -> dict[str, bytes]:
    """Everything MkDocs gets: the rendered pages, each year's source zip and the print editions."""
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    return files | source_zips(content, archive) | print_files(content, archive)


def build_site(
    content: Path,
    site: Path,
    work: Path,
    site_url: str,
    search_index: bool = True,
    force: bool = False,
    timings: Timings | None = None,
    today: datetime.date | None = None,
    epoch: int | None = None,
) -> Archive:
    """The one build: ``content`` checked and rendered into ``work``, built and indexed into a
    temporary folder, which then replaces ``site``.

    ``today`` bounds issue dates (default: the clock; the synthetic archive reaches past it);
    ``epoch`` is the build date (default: the latest issue's date, see
    :func:`source_date_epoch`)."""
    timings = timings or Timings()
    archive = generate(content, work, site_url, force, timings, today)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = site.parent / f".{site.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        started = time.perf_counter()
        step("Building the site with MkDocs…")
        mkdocs_build(
            work / "docs",
            staging,
            site_url,
            epoch if epoch is not None else source_date_epoch(archive),
        )
        timings.measure("mkdocs", started)
        if search_index:
            started = time.perf_counter()
            step("Indexing full text with Pagefind…")
            index_site(staging, work)  # one Pagefind shard per year (see searchindex)
            timings.measure("search index", started)
        replace_dir(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return archive


def run_build(
    content: Path,
    site: Path,
    work: Path | None,
    site_url: str,
    search_index: bool = True,
    force: bool = False,
    today: datetime.date | None = None,
    epoch: int | None = None,
) -> int:
    archive = build_site(
        content,
        site,
        work or default_work(site),
        site_url,
        search_index,
        force,
        today=today,
        epoch=epoch,
    )
    print(
        f"Built {site}/ from {content}/: {counted(len(archive.issues), 'issue')}, "
        f"{counted(len(archive.documents), 'document')} ({site_url})"
    )
    return 0


def run_generate(content: Path, work: Path, site_url: str) -> int:
    generate(content, work, site_url)
    return 0
