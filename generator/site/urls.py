"""Where each page lives: stable, lowercase ASCII paths derived from content only
(slugs and issue folders come from ``generator.content.slugs``)."""

from __future__ import annotations

import posixpath

from generator.content.model import Chronicle, Document, IssueKey
from generator.content.slugs import issue_dir, pinyin_slug


def issue_page(key: IssueKey) -> str:
    return f"{issue_dir(key)}/index.md"


def document_page(doc: Document) -> str:
    return f"{issue_dir(doc.issue)}/{doc.slug}.md"


def chronicle_page(chronicle: Chronicle | IssueKey) -> str:
    key = chronicle if isinstance(chronicle, IssueKey) else chronicle.issue
    return f"{issue_dir(key)}/chronicle.md"


def entry_page(entry: Document | Chronicle) -> str:
    return document_page(entry) if isinstance(entry, Document) else chronicle_page(entry)


def _named_page(folder: str, name: str, year: int | None) -> str:
    """``folder/<pinyin>.md``, or one year of it: ``folder/<pinyin>/2021.md``."""
    base = f"{folder}/{pinyin_slug(name)}"
    return f"{base}.md" if year is None else f"{base}/{year}.md"


def code_page(code: str, year: int | None = None) -> str:
    """``docnumbers/shidazhengbanfa.md``, or one year of the code: ``…/shidazhengbanfa/2021.md``."""
    return _named_page("docnumbers", code, year)


def organ_page(organ: str, year: int | None = None) -> str:
    return _named_page("organs", organ, year)


def section_page(section: str, year: int | None = None) -> str:
    return _named_page("sections", section, year)


def timeline_page(year: int) -> str:
    return f"chronicle/{year}.md"


def annual_page(year: int) -> str:
    return f"annual/{year}.md"


def page_url(page: str) -> str:
    """Site-relative URL of a generated page: ``2021/02/index.md`` → ``2021/02/``."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def relative_link(from_page: str, to_page: str) -> str:
    """Link between two generated pages, as MkDocs resolves Markdown links: ``../x.md``."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def relative_url(from_page: str, to_url: str) -> str:
    """Browser URL from a built page to a site-relative URL (for links in raw HTML)."""
    here = page_url(from_page)
    rel = (
        posixpath.relpath("/" + to_url, "/" + here)
        if to_url
        else posixpath.relpath("/", "/" + here)
    )
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") and not rel.endswith("/") else rel
