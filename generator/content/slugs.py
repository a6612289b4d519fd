"""Names that content fixes: a document's slug and an issue's folder.

A document's URL comes from its document number (石大政办发〔2021〕5号 →
``2021/02/sdzbf-2021-5/``), never from file names or order, so editing a body never
moves a page. The names the site keeps for itself are listed here too, so that `check`
can refuse a slug that would take one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

from generator.content.docnumber import DocNumber
from generator.content.model import IssueKey

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ISSUE_PAGES = {"index": "the issue's table of contents", "chronicle": "the issue's 大事记"}
"""Pages of an issue folder that are not documents: their names are taken."""
RESERVED_SLUGS = ISSUE_PAGES | {
    name: "a folder of the site"
    for name in (
        "api",
        "assets",
        "pagefind",
        "search",
        "feed",
        "documents",
        "sitemap",
        "404",
        "d",
        "files",
    )
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
