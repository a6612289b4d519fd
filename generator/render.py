"""Model + indexes → the pages MkDocs builds, as ``{path: text}``.

Page layout lives in ``generator/templates/``; this module gathers what each
template needs. Links inside raw HTML are computed here (relative, so the site works
under any base path); the test suite checks every built link.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from . import urls
from .bodies import BodyJob, RenderedBody
from .bulk import render_bulk
from .errors import BuildError, Problem
from .escape import html_text, json_text
from .index import (
    AnnualYear,
    Citations,
    CodeIndex,
    Group,
    TimelineYear,
    build_annual_index,
    build_citations,
    build_docnumber_index,
    build_organ_index,
    build_section_index,
    build_timeline,
    chronicle_days,
    newest_first_key,
)
from .model import MASTHEAD_FIELDS, RELATIONS, STATUSES, Archive, Document, Issue, IssueKey
from .printed import human_size
from .record import (
    Relations,
    build_relations,
    docnumbers_json,
    issue_pdf_item,
    missing_issues,
    permalink_url,
    print_item,
    record_item,
    render_permalinks,
)
from .search.terms import search_terms_for
from .templating import render_template
from .text import first_sentence

GAZETTE = "大武口区人民政府公报"
HTML_KINDS = frozenset({"home", "issue", "document", "chronicle", "timeline-year", "docnumbers-code",
                        "docnumbers-year", "organ", "organ-year", "section", "section-year", "annual-year",
                        "citations", "search"})
"""Page kinds whose templates write finished HTML: MkDocs passes them through without
running Markdown (tests/test_build.py checks that Markdown would not change them)."""
FEED_SIZE = 50
LATEST_SHOWN = 10
"""Documents listed on an organ's or section's page; each year has a page of its own."""
CITATIONS_SHOWN = 200
"""Rows of the citations page: the most cited numbers."""


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    """Absolute URL of the site root, ending in /."""
    site_name: str = GAZETTE


@dataclass(frozen=True)
class Indexes:
    """Everything derived from the archive that more than one page needs."""

    archive: Archive
    codes: tuple[CodeIndex, ...]
    organs: tuple[Group, ...]
    sections: tuple[Group, ...]
    timeline: tuple[TimelineYear, ...]
    annual: tuple[AnnualYear, ...]
    citations: Citations
    issue_by_key: dict[IssueKey, Issue] = field(default_factory=dict)
    relations: Relations = field(default_factory=Relations)

    @classmethod
    def build(cls, archive: Archive) -> Indexes:
        return cls(
            archive=archive,
            codes=build_docnumber_index(archive),
            organs=build_organ_index(archive),
            sections=build_section_index(archive),
            timeline=build_timeline(archive),
            annual=build_annual_index(archive),
            citations=build_citations(archive),
            issue_by_key={issue.key: issue for issue in archive.issues},
            relations=build_relations(archive),
        )


# -- formatting helpers used by the templates ------------------------------------------------


def cn_date(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def issue_label(issue: Issue) -> str:
    return f"{issue.year}年第{issue.number}期（总第{issue.total_number}期）"


def citation_line(issue: Issue, page: int) -> str:
    return f"《{GAZETTE}》{issue_label(issue)}第{page}页"


def docnumber_label(doc: Document) -> str:
    return str(doc.doc_number) if doc.doc_number is not None else ""


def describe_document(doc: Document, plain_body: str) -> str:
    head = "，".join(part for part in (docnumber_label(doc), "、".join(doc.organs), cn_date(doc.date)) if part)
    return f"{head}。{first_sentence(plain_body, 90)}"


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
        "issue_label": issue_label,
        "citation_line": citation_line,
        "docnumber_label": docnumber_label,
        "issue_of": lambda entry: ctx.indexes.issue_by_key[entry.issue],
        "gazette": GAZETTE,
        "masthead_labels": MASTHEAD_FIELDS,
        "front_matter": front_matter,
        "days_toc": days_toc,
        "latest_shown": LATEST_SHOWN,
        "months_toc": months_toc,
        "status_of": lambda doc: ctx.indexes.relations.status.get(doc),
        "relation_labels": RELATIONS,
        "human_size": human_size,
    }


THEME_HTML_KEYS = ("title", "description")
"""Front-matter keys the theme writes into the page as HTML: they are escaped here."""


def front_matter(meta: dict[str, Any]) -> Markup:
    """Front matter for MkDocs: one key per line, each value as JSON (which YAML reads as is)."""
    meta = {key: html_text(value) if key in THEME_HTML_KEYS else value for key, value in meta.items()}
    lines = [f"{key}: {json_text(value, compact=True)}" for key, value in meta.items()]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


def days_toc(days: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Table-of-contents tokens (for the theme's sidebar) of a chronicle page."""
    return [{"level": 2, "id": day.date.isoformat(), "name": cn_date(day.date), "children": []} for day in days]


def months_toc(year: TimelineYear) -> list[dict[str, Any]]:
    return [{"level": 2, "id": f"m{year.year}-{month.month:02d}", "name": f"{month.month}月", "children": []}
            for month in year.months]


def _page(template: str, page: str, indexes: Indexes, config: SiteConfig, **context: Any) -> str:
    ctx = PageContext(page, indexes, config)
    return render_template(template, **_globals(ctx), **context)


# -- bodies ----------------------------------------------------------------------------------


def body_jobs(indexes: Indexes) -> dict[str, BodyJob]:
    """One rendering job per document page, with the links its citations get."""
    jobs = {}
    for doc in indexes.archive.documents:
        page = urls.document_page(doc)
        links = tuple(
            (str(ref.number), urls.relative_url(page, urls.page_url(urls.document_page(ref.target))), ref.target.title)
            for ref in indexes.citations.cites.get(doc, ())
            if ref.target is not None
        )
        jobs[page] = BodyJob(doc.body, links)
    return jobs


# -- pages -----------------------------------------------------------------------------------


def render_site(indexes: Indexes, bodies: dict[str, RenderedBody], config: SiteConfig,
                progress: Callable[[int], None] | None = None,
                only: Collection[str] | None = None) -> dict[str, str]:
    """Every generated page and data file, keyed by its path in the docs folder.

    ``only`` (``make serve``) renders just those pages, so an edit is shown before the rest
    of the site has been brought up to date; ``bodies`` then needs only theirs."""
    archive = indexes.archive
    pages: dict[str, str] = {}

    def add(path: str, template: str, **context: Any) -> None:
        if only is not None and path not in only:
            return
        # `check` gives every URL one source; this keeps a forced build from overwriting a page.
        if path in pages:
            raise BuildError([Problem(path, 1, f"two sources write the page {path} (template {template}); "
                                               "run make check")])
        pages[path] = _page(template, path, indexes, config, **context)

    add("index.md", "home.md.j2", latest=archive.latest, issues=archive.issues)
    add("issues.md", "archive.md.j2", years=_issues_by_year(archive), missing=missing_issues(archive))
    for issue in archive.issues:
        add(urls.issue_page(issue.key), "issue.md.j2", issue=issue)
        entries = issue.entries
        for position, entry in enumerate(entries):
            prev_entry = entries[position - 1] if position > 0 else None
            next_entry = entries[position + 1] if position + 1 < len(entries) else None
            if isinstance(entry, Document):
                path = urls.document_page(entry)
                if only is not None and path not in only:
                    continue
                body = bodies[path]
                refs = indexes.citations.cites.get(entry, ())
                add(path, "document.md.j2", doc=entry, issue=issue, body=body,
                    toc=_toc_tokens(body.toc), prev=prev_entry, next=next_entry,
                    description=describe_document(entry, _plain(body.html)), refs=refs,
                    cited_by=indexes.citations.cited_by.get(entry, ()),
                    search_terms=search_terms_for(entry, refs), permalink=permalink_url(entry),
                    status=indexes.relations.status.get(entry), notices=indexes.relations.notices(entry),
                    links=indexes.relations.outgoing.get(entry, []),
                    incoming=indexes.relations.incoming.get(entry, []))
            else:
                add(urls.chronicle_page(entry), "chronicle.md.j2", chronicle=entry, issue=issue,
                    days=chronicle_days(entry), prev=prev_entry, next=next_entry,
                    event_links=indexes.citations.event_links)
        if progress:
            progress(len(issue.entries) + 1)
    add("chronicle/index.md", "timeline_index.md.j2", timeline=indexes.timeline)
    for year in indexes.timeline:
        add(urls.timeline_page(year.year), "timeline_year.md.j2", year=year,
            event_links=indexes.citations.event_links)
    add("docnumbers/index.md", "docnumbers_index.md.j2", codes=indexes.codes)
    for code in indexes.codes:
        add(urls.code_page(code.code), "docnumbers_code.md.j2", code=code)
        for code_year in code.years:
            add(urls.code_page(code.code, code_year.year), "docnumbers_year.md.j2", code=code, year=code_year)
    for kind, folder, title, groups, page_of in (
        ("organ", "organs", "发文机关", indexes.organs, urls.organ_page),
        ("section", "sections", "栏目", indexes.sections, urls.section_page),
    ):
        add(f"{folder}/index.md", "groups_index.md.j2", groups=groups, kind=kind, title=title, page_of=page_of)
        for group in groups:
            add(page_of(group.name), "group.md.j2", group=group, kind=kind, page_of=page_of)
            for number, docs in group.years:
                add(page_of(group.name, number), "group_year.md.j2", group=group, kind=kind, year=number,
                    docs=docs, page_of=page_of)
    add("annual/index.md", "annual_index.md.j2", years=indexes.annual)
    for annual in indexes.annual:
        add(urls.annual_page(annual.year), "annual_year.md.j2", year=annual)
    add("citations/index.md", "citations.md.j2", counts=indexes.citations.counts[:CITATIONS_SHOWN],
        total=len(indexes.citations.counts))
    add("search/index.md", "search.md.j2", codes=indexes.codes, issues=archive.issues,
        organs=indexes.organs, sections=indexes.sections,
        statuses=[status for status in STATUSES if status in indexes.relations.status.values()])
    add("about.md", "about.md.j2", latest=archive.latest)
    updated = f"{archive.updated.isoformat()}T00:00:00+08:00"
    add("feed.xml", "feed_issues.xml.j2", issues=list(reversed(archive.issues)), updated=updated)
    add("documents.xml", "feed_documents.xml.j2", docs=sorted(archive.documents, key=newest_first_key)[:FEED_SIZE],
        updated=updated)
    if only is None:
        pages.update(render_api(indexes))
        pages.update(render_permalinks(archive, config.site_url, GAZETTE))
        pages.update(render_bulk(archive, indexes.relations, bodies))
        pages["api/docnumbers.json"] = docnumbers_json(archive)
    return pages


def _toc_tokens(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only what the theme's table of contents needs."""
    return [{"level": t["level"], "id": t["id"], "name": t["name"], "children": _toc_tokens(t["children"])}
            for t in tokens]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _issues_by_year(archive: Archive) -> list[tuple[int, list[Issue]]]:
    years: dict[int, list[Issue]] = {}
    for issue in reversed(archive.issues):
        years.setdefault(issue.year, []).append(issue)
    return list(years.items())


# -- machine-readable exports -------------------------------------------------------------------


def render_api(indexes: Indexes) -> dict[str, str]:
    archive = indexes.archive
    documents: list[dict[str, Any]] = []
    issues = []
    for issue in archive.issues:
        entries = []
        for entry in issue.entries:
            item = {
                "doc_number": str(entry.doc_number) if isinstance(entry, Document) and entry.doc_number else None,
                "title": entry.title,
                "organs": list(entry.organs) if isinstance(entry, Document) else [],
                "date": (entry.date if isinstance(entry, Document) else entry.end).isoformat(),
                "published": (entry.published_on(issue.date) if isinstance(entry, Document)
                              else issue.date).isoformat(),
                "section": entry.section,
                "page": entry.page,
                "order": entry.order,
                "issue": str(issue.key),
                "kind": "document" if isinstance(entry, Document) else "chronicle",
                "url": urls.page_url(urls.entry_page(entry)),
                **record_item(indexes.relations, entry),
                **print_item(issue, entry),
            }
            documents.append(item)
            entries.append(item)
        issues.append({
            "year": issue.year, "number": issue.number, "total_number": issue.total_number,
            "date": issue.date.isoformat(), "url": urls.page_url(urls.issue_page(issue.key)),
            "pdf": issue_pdf_item(issue),
            "documents": [{k: e[k] for k in ("doc_number", "title", "kind", "page", "order", "url")} for e in entries],
        })
    events = []
    for chronicle in archive.chronicles:
        for event in chronicle.events:
            events.append({
                "date": event.date.isoformat(), "text": event.text, "issue": str(chronicle.issue),
                "url": urls.page_url(urls.timeline_page(event.date.year)) + "#" + event.date.isoformat(),
            })
    events.sort(key=lambda e: e["date"])

    def dumps(data: Any) -> str:
        return json_text(data, indent=1) + "\n"

    return {
        "api/issues.json": dumps({"issues": issues}),
        "api/documents.json": dumps({"documents": documents}),
        "api/chronicle.json": dumps({"events": events}),
    }


__all__ = ["Indexes", "SiteConfig", "body_jobs", "render_site"]
