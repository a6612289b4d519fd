"""Stable, lowercase ASCII names for pages, derived from content only.

A document's URL comes from its document number (石大政办发〔2021〕5号 →
``2021/02/sdzbf-2021-5/``), never from file names or order, so editing a body never
moves a page.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

from generator.content.docnumber import DocNumber
from generator.content.model import Chronicle, Document, IssueKey

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ISSUE_PAGES = {"index": "the issue's table of contents", "chronicle": "the issue's 大事记"}
"""Pages of an issue folder that are not documents: their names are taken."""
RESERVED_SLUGS = ISSUE_PAGES | {
    name: "a folder of the site" for name in ("api", "assets", "pagefind", "search", "feed", "documents",
                                              "sitemap", "404", "d", "files")
}
"""Names a document's slug may not take: the issue's own pages, and the site's folders and
files (kept free everywhere, so no page can ever shadow or be mistaken for them)."""


def _no_pinyin(chars: str) -> Any:
    """Characters pypinyin does not know become their code point: 𠀀 → u20000."""
    return [f"u{ord(c):x}" for c in chars]


@lru_cache(maxsize=4096)
def pinyin_slug(text: str) -> str:
    """Toneless pinyin of the Han characters, other ASCII letters and digits kept.

    >>> pinyin_slug("石大政办发")
    'shidazhengbanfa'
    """
    out = []
    for syllable in lazy_pinyin(text, errors=_no_pinyin):
        out.append(re.sub(r"[^a-z0-9]", "", syllable.lower()))
    return "".join(out)


@lru_cache(maxsize=4096)
def initials_slug(text: str) -> str:
    """First letters of the toneless pinyin: 石大政办发 → ``sdzbf``."""
    out = []
    for syllable in lazy_pinyin(text, errors=_no_pinyin):
        letters = re.sub(r"[^a-z0-9]", "", syllable.lower())
        # No pinyin syllable starts with u: "u5b57" is a character without pinyin, kept whole.
        out.append(letters if letters.startswith("u") else letters[:1])
    return "".join(out)


def docnumber_slug(number: DocNumber) -> str:
    """石大政办发〔2021〕5号 → ``sdzbf-2021-5``: the code's pinyin initials, year and serial."""
    return f"{initials_slug(number.code)}-{number.year}-{number.serial}"


def issue_dir(key: IssueKey) -> str:
    """``2021/02``: the issue's folder in content/ and its URL path."""
    return f"{key.year}/{key.number:02d}"


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
    rel = posixpath.relpath("/" + to_url, "/" + here) if to_url else posixpath.relpath("/", "/" + here)
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") and not rel.endswith("/") else rel
