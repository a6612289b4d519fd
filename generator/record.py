"""The gazette of record: permalinks by document number and the map from printed
numbers to pages. Pure: model in, ``{path: text}`` out."""

from __future__ import annotations

from collections import defaultdict

from . import urls
from .escape import json_text
from .model import Archive, Document
from .templating import render_template

PERMALINK_FOLDER = "d"


def permalink_slug(doc: Document) -> str | None:
    """``sdzbf-2021-5`` for 石大政办发〔2021〕5号: the last segment of ``/d/…/``; None without a number."""
    return urls.docnumber_slug(doc.doc_number) if doc.doc_number is not None else None


def permalink_url(doc: Document) -> str | None:
    """Site-relative URL of the document's permalink: ``d/sdzbf-2021-5/``."""
    slug = permalink_slug(doc)
    return f"{PERMALINK_FOLDER}/{slug}/" if slug else None


def permalink_groups(archive: Archive) -> dict[str, list[Document]]:
    """Documents by permalink slug. Two codes can share their initials (石大政发 and 石党政发
    are both ``sdzf``): such a slug lists the documents instead of leading to one."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in archive.documents:
        slug = permalink_slug(doc)
        if slug is not None:
            groups[slug].append(doc)
    return dict(sorted(groups.items()))


def render_permalinks(archive: Archive, site_url: str, gazette: str) -> dict[str, str]:
    """``d/<slug>/index.html`` for every document number: a small page that leads to the
    document (refresh and a link, canonical the document's own URL), or lists the documents
    when two numbers share the slug. Written as HTML, so MkDocs copies them unchanged."""
    pages = {}
    for slug, docs in permalink_groups(archive).items():
        targets = [(str(doc.doc_number), doc.title, "../../" + urls.page_url(urls.document_page(doc)),
                    site_url + urls.page_url(urls.document_page(doc))) for doc in docs]
        pages[f"{PERMALINK_FOLDER}/{slug}/index.html"] = render_template(
            "permalink.html.j2", targets=targets, gazette=gazette, slug=slug) + "\n"
    return pages


def docnumbers_json(archive: Archive) -> str:
    """``api/docnumbers.json``: printed document number → site-relative URL of its page."""
    numbers = sorted((doc.doc_number, urls.page_url(urls.document_page(doc)))
                     for doc in archive.documents if doc.doc_number is not None)
    return json_text({str(number): url for number, url in numbers}, indent=1) + "\n"
