"""``make serve``: generate the pages, then let MkDocs serve them with live reload.

MkDocs watches ``content/`` as well as the generated pages; before every rebuild the
hooks regenerate the pages from ``content/`` (see :mod:`generator.mkdocs_hooks`), so
an editor's change shows up in the browser. Content with problems keeps the last good
pages and prints the problems.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .build import MKDOCS_YML, generate, site_url_from
from .errors import ContentError

SERVE_CONTENT = "GAZETTE_SERVE_CONTENT"
SERVE_WORK = "GAZETTE_SERVE_WORK"


def run_serve(content: Path, work: Path, addr: str) -> int:
    site_url = site_url_from(f"http://{addr}/")
    try:
        generate(content, work, site_url)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Fix the problems above, then run make serve again.", file=sys.stderr)
        return 1
    os.environ[SERVE_CONTENT] = str(content.resolve())
    os.environ[SERVE_WORK] = str(work.resolve())
    os.environ["SITE_URL"] = site_url
    from mkdocs.commands.serve import serve

    print(f"Serving on {site_url} — edit files under {content}/ and the browser reloads.")
    serve(config_file=str(MKDOCS_YML), livereload=True, watch=[str(content)], docs_dir=str(work / "docs"),
          dev_addr=addr, site_url=site_url)
    return 0


def regenerate_for_serve() -> None:
    """Called by the MkDocs hook before each rebuild while serving."""
    content = os.environ.get(SERVE_CONTENT)
    work = os.environ.get(SERVE_WORK)
    if not content or not work:
        return
    try:
        generate(Path(content), Path(work), site_url_from(None))
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Content has problems; still showing the last good pages.", file=sys.stderr)


def index_for_serve(site_dir: str) -> None:
    """Pagefind index for the served site, so the search page works while editing."""
    work = os.environ.get(SERVE_WORK)
    if not os.environ.get(SERVE_CONTENT) or not work:
        return
    from .build import pagefind_index

    pagefind_index(Path(site_dir), Path(work))
