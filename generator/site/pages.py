"""Every page of the site as a typed record: its path, kind, title, description and the data
its template lays out.

The page's kind decides its template and whether the template writes finished HTML;
titles and descriptions (which the theme puts in ``<title>`` and ``<meta>``) are composed
when the page is planned (:mod:`generator.site.plan`), so templates only lay out data;
:mod:`generator.site.render` renders them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.site.escape import html_text, json_text

FEED_SIZE = 50
LATEST_SHOWN = 10
"""Documents listed on an organ's or section's page; each year has a page of its own."""
CITATIONS_SHOWN = 200
"""Rows of the citations page: the most cited numbers."""


class PageKind(enum.Enum):
    """What a page is; the value is the name the theme and tests see in the front matter."""

    HOME = "home"
    ARCHIVE = "archive"
    ISSUE = "issue"
    DOCUMENT = "document"
    CHRONICLE = "chronicle"
    TIMELINE = "timeline"
    TIMELINE_YEAR = "timeline-year"
    DOCNUMBERS = "docnumbers"
    DOCNUMBERS_CODE = "docnumbers-code"
    DOCNUMBERS_YEAR = "docnumbers-year"
    ORGANS = "organs"
    ORGAN = "organ"
    ORGAN_YEAR = "organ-year"
    SECTIONS = "sections"
    SECTION = "section"
    SECTION_YEAR = "section-year"
    ANNUAL = "annual"
    ANNUAL_YEAR = "annual-year"
    CITATIONS = "citations"
    SEARCH = "search"
    ABOUT = "about"
    FEED_ISSUES = "feed-issues"
    FEED_DOCUMENTS = "feed-documents"

    @property
    def template(self) -> str:
        return _TEMPLATES.get(self, self.value.replace("-", "_") + ".md.j2")

    @property
    def html(self) -> bool:
        """The template writes finished HTML: MkDocs passes it through without running Markdown
        (tests/test_build.py checks that Markdown would not change it)."""
        return self in _HTML

    @property
    def feed(self) -> bool:
        return self in (PageKind.FEED_ISSUES, PageKind.FEED_DOCUMENTS)


_TEMPLATES = {
    PageKind.ARCHIVE: "archive.md.j2",
    PageKind.TIMELINE: "timeline_index.md.j2",
    PageKind.DOCNUMBERS: "docnumbers_index.md.j2",
    PageKind.ORGANS: "groups_index.md.j2",
    PageKind.SECTIONS: "groups_index.md.j2",
    PageKind.ORGAN: "group.md.j2",
    PageKind.SECTION: "group.md.j2",
    PageKind.ORGAN_YEAR: "group_year.md.j2",
    PageKind.SECTION_YEAR: "group_year.md.j2",
    PageKind.ANNUAL: "annual_index.md.j2",
    PageKind.FEED_ISSUES: "feed_issues.xml.j2",
    PageKind.FEED_DOCUMENTS: "feed_documents.xml.j2",
}
_HTML = frozenset(
    {
        PageKind.HOME,
        PageKind.ISSUE,
        PageKind.DOCUMENT,
        PageKind.CHRONICLE,
        PageKind.TIMELINE_YEAR,
        PageKind.DOCNUMBERS_CODE,
        PageKind.DOCNUMBERS_YEAR,
        PageKind.ORGAN,
        PageKind.ORGAN_YEAR,
        PageKind.SECTION,
        PageKind.SECTION_YEAR,
        PageKind.ANNUAL_YEAR,
        PageKind.CITATIONS,
        PageKind.SEARCH,
    }
)
HTML_KINDS = frozenset(kind.value for kind in _HTML)
"""Names of the kinds whose pages are finished HTML."""
THEME_HTML_KEYS = ("title", "description")
"""Front-matter keys the theme writes into the page as HTML: they are escaped."""


@dataclass(frozen=True)
class Page:
    path: str
    """Path in the docs folder: ``2021/02/sdzbf-2021-5.md``."""
    kind: PageKind
    title: str = ""
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template lays out."""
    toc: list[dict[str, Any]] | None = None
    """Table-of-contents tokens for the theme's sidebar, when the page has one."""
    hide: tuple[str, ...] = ()
    """Parts of the theme the page hides (``navigation``, ``toc``)."""

    def front_matter(self) -> Markup:
        """For MkDocs: one key per line, each value as JSON (which YAML reads as is)."""
        meta: dict[str, Any] = {
            "title": self.title,
            "description": self.description,
            "search": {"exclude": True},
        }
        if self.hide:
            meta["hide"] = list(self.hide)
        meta["gazette"] = {"kind": self.kind.value} | (
            {"toc": self.toc} if self.toc is not None else {}
        )
        meta = {
            key: html_text(value) if key in THEME_HTML_KEYS else value
            for key, value in meta.items()
        }
        lines = [f"{key}: {json_text(value, compact=True)}" for key, value in meta.items()]
        return Markup("---\n" + "\n".join(lines) + "\n---\n")
