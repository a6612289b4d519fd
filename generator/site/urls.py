"""Where each page lives: stable, lowercase ASCII paths derived from content only
(slugs and issue folders come from ``generator.content.slugs``).

Every page written as HTML is an ``index.md`` in the folder of its URL
(``2021/02/sdzbf-2021-5/index.md`` → ``2021/02/sdzbf-2021-5/``), so a link relative to the
page's source file and a link relative to its built URL are the same link: MkDocs leaves
links in raw HTML as written, other engines (Zensical) resolve them from the source file,
and both arrive at one target. Pages written in Markdown (``issues.md``, ``about.md``) link
with Markdown links, which every engine resolves from the source file.
"""

from __future__ import annotations

import hashlib
import posixpath

from generator.content.model import Chronicle, Document, IssueKey
from generator.content.slugs import issue_dir, pinyin_slug


def issue_page(key: IssueKey) -> str:
    return f"{issue_dir(key)}/index.md"


def document_page(doc: Document) -> str:
    return f"{issue_dir(doc.issue)}/{doc.slug}/index.md"


def chronicle_page(chronicle: Chronicle | IssueKey) -> str:
    key = chronicle if isinstance(chronicle, IssueKey) else chronicle.issue
    return f"{issue_dir(key)}/chronicle/index.md"


def entry_page(entry: Document | Chronicle) -> str:
    return document_page(entry) if isinstance(entry, Document) else chronicle_page(entry)


_LONGEST_SLUG = 60
"""Characters of a name's folder: long names (or names of characters without pinyin, each
spelled u<code point>) are cut and told apart by a hash, within file systems' 255 bytes."""


def _named_page(folder: str, name: str, year: int | None) -> str:
    """``folder/<pinyin>/index.md``, or one year of it: ``folder/<pinyin>/2021/index.md``."""
    slug = pinyin_slug(name)
    if len(slug) > _LONGEST_SLUG:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[: _LONGEST_SLUG - 11]}-{digest}"
    base = f"{folder}/{slug}"
    return f"{base}/index.md" if year is None else f"{base}/{year}/index.md"


def code_page(code: str, year: int | None = None) -> str:
    """``docnumbers/shidazhengbanfa/index.md``, or one year of the code: ``…/2021/index.md``."""
    return _named_page("docnumbers", code, year)


def organ_page(organ: str, year: int | None = None) -> str:
    return _named_page("organs", organ, year)


def section_page(section: str, year: int | None = None) -> str:
    return _named_page("sections", section, year)


def timeline_page(year: int) -> str:
    return f"chronicle/{year}/index.md"


def annual_page(year: int) -> str:
    return f"annual/{year}/index.md"


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
