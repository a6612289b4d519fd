"""How the site orders documents: every ordering has a named key function (numbers sort
as numbers: 4 < 18)."""

from __future__ import annotations

from generator.content.model import Document
from generator.content.slugs import pinyin_slug


def docnumber_key(doc: Document) -> tuple[str, int, int]:
    """Code, then year, then serial as a number."""
    assert doc.doc_number is not None
    return (pinyin_slug(doc.doc_number.code), doc.doc_number.year, doc.doc_number.serial)


def publication_key(doc: Document) -> tuple[int, int, int]:
    """Issue, then position in the issue's table of contents."""
    return (doc.issue.year, doc.issue.number, doc.order)


def newest_first_key(doc: Document) -> tuple[int, int, int]:
    year, number, order = publication_key(doc)
    return (-year, -number, order)
