"""The gazette of record on the site: print-edition and attachment links, relations and
validity in the JSON exports, permalinks by document number (``/d/<slug>/``) and the map
from printed numbers to pages."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.model import Archive, Chronicle, Document, Issue
from generator.content.record import INCOMING_KEYS, RELATION_KEYS, Relations
from generator.content.slugs import docnumber_slug
from generator.site import urls
from generator.site.escape import json_text
from generator.site.templating import render_template


def print_item(issue: Issue, entry: Document | Chronicle) -> dict[str, Any]:
    """``pdf`` (the page of the print edition, or null) and ``attachments`` of an entry in the JSON
    exports."""
    base = urls.page_url(urls.issue_page(issue.key))
    pdf = (
        {"url": f"{base}{issue.pdf.name}", "page": issue.pdf_page(entry.page)}
        if issue.pdf
        else None
    )
    attachments = (
        [
            {
                "title": a.title,
                "url": f"{base}{a.file.name}",
                "type": a.file.kind,
                "size": a.file.size,
                "sha256": a.file.sha256,
            }
            for a in entry.attachments
        ]
        if isinstance(entry, Document)
        else []
    )
    return {"pdf": pdf, "attachments": attachments}


def issue_pdf_item(issue: Issue) -> dict[str, Any] | None:
    """``pdf`` of an issue in ``api/issues.json``."""
    if issue.pdf is None:
        return None
    return {
        "url": urls.page_url(urls.issue_page(issue.key)) + issue.pdf.name,
        "size": issue.pdf.size,
        "sha256": issue.pdf.sha256,
        "pages": issue.pdf.pages,
        "page_offset": issue.pdf_page_offset,
    }


def record_item(relations: Relations, entry: Document | Chronicle) -> dict[str, Any]:
    """``status``, ``relations`` and ``withdrawn`` of an entry in the JSON exports: each
    relation the entry lists (``repeals``…) and each one that names it (``repealed_by``…), as
    printed numbers (or the URL of a document without one)."""
    if not isinstance(entry, Document):
        return {
            "status": None,
            "relations": {name: [] for name in RELATION_KEYS},
            "withdrawn": None,
        }
    out: dict[str, list[str]] = {name: [] for name in RELATION_KEYS}
    for link in relations.outgoing.get(entry, []):
        out[link.kind].append(str(link.number))
    for notice in relations.incoming.get(entry, []):
        by = notice.by
        out[INCOMING_KEYS[notice.kind]].append(
            str(by.doc_number) if by.doc_number else urls.page_url(urls.document_page(by))
        )
    withdrawn = entry.withdrawn and {
        "date": entry.withdrawn.date.isoformat(),
        "reason": entry.withdrawn.reason,
    }
    return {"status": relations.status.get(entry), "relations": out, "withdrawn": withdrawn}


PERMALINK_FOLDER = "d"


def permalink_slug(doc: Document) -> str | None:
    """``sdzbf-2021-5`` for 石大政办发〔2021〕5号: the last segment of ``/d/…/``; None without a
    number."""
    return docnumber_slug(doc.doc_number) if doc.doc_number is not None else None


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
        targets = [
            (
                str(doc.doc_number),
                doc.title,
                "../../" + urls.page_url(urls.document_page(doc)),
                site_url + urls.page_url(urls.document_page(doc)),
            )
            for doc in docs
        ]
        pages[f"{PERMALINK_FOLDER}/{slug}/index.html"] = (
            render_template("permalink.html.j2", targets=targets, gazette=gazette, slug=slug) + "\n"
        )
    return pages


def docnumbers_json(archive: Archive) -> str:
    """``api/docnumbers.json``: printed document number → site-relative URL of its page."""
    numbers = sorted(
        (doc.doc_number, urls.page_url(urls.document_page(doc)))
        for doc in archive.documents
        if doc.doc_number is not None
    )
    return json_text({str(number): url for number, url in numbers}, indent=1) + "\n"
