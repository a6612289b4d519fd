"""Model + indexes → the pages MkDocs builds, as ``{path: text}``.

Page layout lives in ``generator/templates/``; this module gathers what each
template needs. Links inside raw HTML are computed here (relative, so the site works
under any base path); the test suite checks every built link.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from generator.content.model import MASTHEAD_FIELDS, RELATIONS, Chronicle, Document, Issue
from generator.content.printed import human_size
from generator.errors import BuildError, Problem
from generator.site import urls
from generator.site.bodies import BodyJob, RenderedBody
from generator.site.bulk import render_bulk
from generator.site.escape import json_text
from generator.site.index import (
    Indexes,
)
from generator.site.labels import GAZETTE, citation_line, cn_date, docnumber_label
from generator.site.pages import LATEST_SHOWN, Page, PageKind
from generator.site.plan import site_pages
from generator.site.record import (
    docnumbers_json,
    issue_pdf_item,
    print_item,
    record_item,
    render_permalinks,
)
from generator.site.templating import render_template


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    """Absolute URL of the site root, ending in /."""
    site_name: str = GAZETTE


class PageContext:
    """Helpers bound to the page being rendered: relative links to other pages."""

    def __init__(self, page: str, indexes: Indexes, config: SiteConfig):
        self.page = page
        self.indexes = indexes
        self.config = config

    def url(self, target: str) -> str:
        """Relative browser URL from this page to another generated page (``x/y.md``)."""
        return urls.relative_url(self.page, urls.page_url(target))

    def md(self, target: str) -> str:
        """Relative Markdown link (MkDocs checks and rewrites these)."""
        return urls.relative_link(self.page, target)

    def asset(self, path: str) -> str:
        """Relative URL of a static file such as ``api/issues.json``."""
        return urls.relative_url(self.page, path)

    def absolute(self, target: str) -> str:
        return self.config.site_url + urls.page_url(target)


def _globals(ctx: PageContext) -> dict[str, Any]:
    return {
        "ctx": ctx,
        "url": ctx.url,
        "md": ctx.md,
        "asset": ctx.asset,
        "urls": urls,
        "cn_date": cn_date,
        "citation_line": citation_line,
        "docnumber_label": docnumber_label,
        "issue_of": lambda entry: ctx.indexes.issue_by_key[entry.issue],
        "gazette": GAZETTE,
        "masthead_labels": MASTHEAD_FIELDS,
        "latest_shown": LATEST_SHOWN,
        "status_of": lambda doc: ctx.indexes.relations.status.get(doc),
        "relation_labels": RELATIONS,
        "human_size": human_size,
    }


# -- bodies ----------------------------------------------------------------------------------


def body_jobs(indexes: Indexes) -> dict[str, BodyJob]:
    """One rendering job per document page, with the links its citations get."""
    jobs = {}
    for doc in indexes.archive.documents:
        page = urls.document_page(doc)
        links = tuple(
            (
                str(ref.number),
                urls.relative_url(page, urls.page_url(urls.document_page(ref.target))),
                ref.target.title,
            )
            for ref in indexes.citations.cites.get(doc, ())
            if ref.target is not None
        )
        jobs[page] = BodyJob(doc.body, links)
    return jobs


# -- pages -----------------------------------------------------------------------------------


def render_site(
    indexes: Indexes,
    bodies: dict[str, RenderedBody],
    config: SiteConfig,
    progress: Callable[[int], None] | None = None,
    only: Collection[str] | None = None,
) -> dict[str, str]:
    """Every generated page and data file, keyed by its path in the docs folder.

    ``only`` (``make serve``) renders just those pages, so an edit is shown before the rest
    of the site has been brought up to date; ``bodies`` then needs only theirs."""
    archive = indexes.archive
    pages: dict[str, str] = {}
    for page in site_pages(indexes, bodies, only):
        if only is not None and page.path not in only:
            continue
        # `check` gives every URL one source; this keeps a forced build from overwriting a page.
        if page.path in pages:
            raise BuildError(
                [
                    Problem(
                        page.path,
                        1,
                        f"two sources write the page {page.path} (template "
                        f"{page.kind.template}); run make check",
                    )
                ]
            )
        pages[page.path] = render_page(page, indexes, config)
        if progress and page.kind in (PageKind.ISSUE, PageKind.DOCUMENT, PageKind.CHRONICLE):
            progress(1)
    if only is None:
        pages.update(render_api(indexes))
        pages.update(render_permalinks(archive, config.site_url, GAZETTE))
        pages.update(render_bulk(archive, indexes.relations, bodies))
        pages["api/docnumbers.json"] = docnumbers_json(archive)
    return pages


def render_page(page: Page, indexes: Indexes, config: SiteConfig) -> str:
    """The page's text: front matter for MkDocs, then what its template lays out."""
    text = render_template(
        page.kind.template, **_globals(PageContext(page.path, indexes, config)), **page.context
    )
    return text if page.kind.feed else f"{page.front_matter()}\n{text}"


# -- machine-readable exports -------------------------------------------------------------------


def render_api(indexes: Indexes) -> dict[str, str]:
    """``api/issues.json``, ``api/documents.json`` and ``api/chronicle.json``."""
    archive = indexes.archive
    documents: list[dict[str, Any]] = []
    issues = []
    for issue in archive.issues:
        entries = [_api_entry(indexes, issue, entry) for entry in issue.entries]
        documents += entries
        issues.append(
            {
                "year": issue.year,
                "number": issue.number,
                "total_number": issue.total_number,
                "date": issue.date.isoformat(),
                "url": urls.page_url(urls.issue_page(issue.key)),
                "pdf": issue_pdf_item(issue),
                "documents": [
                    {k: e[k] for k in ("doc_number", "title", "kind", "page", "order", "url")}
                    for e in entries
                ],
            }
        )
    events = []
    for chronicle in archive.chronicles:
        for event in chronicle.events:
            events.append(
                {
                    "date": event.date.isoformat(),
                    "text": event.text,
                    "issue": str(chronicle.issue),
                    "url": urls.page_url(urls.timeline_page(event.date.year))
                    + "#"
                    + event.date.isoformat(),
                }
            )
    events.sort(key=lambda e: e["date"])

    def dumps(data: Any) -> str:
        return json_text(data, indent=1) + "\n"

    return {
        "api/issues.json": dumps({"issues": issues}),
        "api/documents.json": dumps({"documents": documents}),
        "api/chronicle.json": dumps({"events": events}),
    }


def _api_entry(indexes: Indexes, issue: Issue, entry: Document | Chronicle) -> dict[str, Any]:
    document = isinstance(entry, Document)
    return {
        "doc_number": (
            str(entry.doc_number) if isinstance(entry, Document) and entry.doc_number else None
        ),
        "title": entry.title,
        "organs": list(entry.organs) if isinstance(entry, Document) else [],
        "date": (entry.date if isinstance(entry, Document) else entry.end).isoformat(),
        "published": (
            entry.published_on(issue.date) if isinstance(entry, Document) else issue.date
        ).isoformat(),
        "section": entry.section,
        "page": entry.page,
        "order": entry.order,
        "issue": str(issue.key),
        "kind": "document" if document else "chronicle",
        "url": urls.page_url(urls.entry_page(entry)),
        **record_item(indexes.relations, entry),
        **print_item(issue, entry),
    }
