"""The build, in one straight line:

content/ → load + validate → indexes → bodies → pages (build/…/docs) → MkDocs → Pagefind → site/

All data is gathered and every page rendered before anything is written. The site is
built into a temporary folder next to the target and swapped in only when MkDocs and
Pagefind both succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import render_bodies
from .bulk import print_files, source_zips
from .cache import DiskCache
from .commands import check_content
from .errors import BuildError, Problem
from .load import load_archive
from .model import Archive
from .progress import Progress, counted, step
from .render import Indexes, SiteConfig, body_jobs, render_site
from .search.fulltext import index_site
from .search.quickfind import build_quickfind
from .validate import validate_archive
from .write import replace_dir, sync_tree

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
_CALLER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")


@dataclass
class Timings:
    """Wall time of each stage, in seconds (reported by ``make bench``)."""

    stages: dict[str, float] = field(default_factory=dict)

    def measure(self, name: str, started: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started


def site_url_from(override: str | None) -> str:
    """The one setting for the public address: --site-url, else SITE_URL, else the local server."""
    url = override or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def default_work(site: Path) -> Path:
    digest = hashlib.sha1(str(site.resolve()).encode()).hexdigest()[:8]
    return ROOT / "build" / f"{site.name}-{digest}"


def source_date_epoch(archive: Archive) -> int:
    """Reproducible dates (sitemap, gzip headers): the latest issue's date, not the clock."""
    day = archive.updated
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())


def load_checked(content: Path, force: bool, today: datetime.date | None = None) -> Archive:
    if not force:
        return check_content(content, today)
    loaded = load_archive(content)
    problems = list(loaded.problems) + validate_archive(loaded.archive, today)
    for problem in problems:
        print(f"warning (--force): {problem}", file=sys.stderr)
    return loaded.archive


def generate(content: Path, work: Path, site_url: str, force: bool = False,
             timings: Timings | None = None, today: datetime.date | None = None) -> Archive:
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


def mkdocs_build(docs: Path, site_dir: Path, site_url: str, archive: Archive) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    # A SOURCE_DATE_EPOCH given by the caller wins; otherwise dates come from the content.
    # Set only for this build: the next build in the same process gets its own.
    epoch = _CALLER_EPOCH or str(source_date_epoch(archive))
    saved = {name: os.environ.get(name) for name in ("SOURCE_DATE_EPOCH", "SITE_URL")}
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    os.environ["SITE_URL"] = site_url
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(site_dir),
                             site_url=site_url, strict=True)
        build(config)
    except (Abort, MkDocsException) as error:
        problems = [Problem(str(MKDOCS_YML), 1, f"MkDocs: {message}") for message in collector.messages]
        raise BuildError(problems + [Problem(str(MKDOCS_YML), 1, f"MkDocs failed: {error}")]) from None
    finally:
        logger.removeHandler(collector)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pagefind_index(site_dir: Path, work: Path) -> None:
    """Full-text index in ``site_dir/pagefind``, one Pagefind shard per year (see search.fulltext)."""
    index_site(site_dir, work)


def build_site(content: Path, site: Path, work: Path, site_url: str, search_index: bool = True,
               force: bool = False, timings: Timings | None = None,
               today: datetime.date | None = None) -> Archive:
    """Generate, build and index into a temporary folder; then replace ``site``.

    ``today`` bounds issue dates (default: the clock; the synthetic archive reaches past it)."""
    timings = timings or Timings()
    archive = generate(content, work, site_url, force, timings, today)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = site.parent / f".{site.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        started = time.perf_counter()
        step("Building the site with MkDocs…")
        mkdocs_build(work / "docs", staging, site_url, archive)
        timings.measure("mkdocs", started)
        if search_index:
            started = time.perf_counter()
            step("Indexing full text with Pagefind…")
            pagefind_index(staging, work)
            timings.measure("search index", started)
        replace_dir(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return archive


def run_build(content: Path, site: Path, work: Path | None = None, site_url: str | None = None,
              search_index: bool = True, force: bool = False, today: datetime.date | None = None) -> int:
    url = site_url_from(site_url)
    archive = build_site(content, site, work or default_work(site), url, search_index, force, today=today)
    print(f"Built {site}/ from {content}/: {counted(len(archive.issues), 'issue')}, "
          f"{counted(len(archive.documents), 'document')} ({url})")
    return 0


def run_generate(content: Path, work: Path, site_url: str | None = None) -> int:
    generate(content, work, site_url_from(site_url))
    return 0
