"""Bulk data: per year, every TOC entry as one JSON line with its plain text
(``api/<year>/documents.jsonl``) and the year's source files as a zip
(``api/<year>/sources.zip``); the JSON Schemas of the exports (``api/schema/``).

Both files are reproducible: the same content gives the same bytes (sorted entries,
fixed timestamps and permissions in the zip)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

from generator.content.model import Archive, Chronicle, Document, Issue
from generator.content.record import Relations
from generator.site import urls
from generator.site.bodies import RenderedBody
from generator.site.escape import json_text
from generator.site.record import permalink_url, print_item, record_item

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp of every file in the zips (the earliest a zip can hold): the bytes depend on the
content only."""


def html_to_text(markup: str) -> str:
    """Plain text of a rendered body: one line per paragraph, heading, list item or table row
    (cells separated by a tab)."""
    text = re.sub(r"<br\s*/?>", "\n", markup)
    text = re.sub(r"</(?:p|h[1-6]|li|tr|div|table|ul|ol|blockquote)>", "\n", text)
    text = re.sub(r"</t[dh]>", "\t", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    lines = (
        re.sub(r"[ \t]*\t[ \t]*", "\t", re.sub(r" +", " ", line)).strip()
        for line in text.split("\n")
    )
    return "\n".join(line for line in lines if line)


def source_name(issue: Issue, entry: Document | Chronicle) -> str:
    """Path of the entry's source file in content/ and in the zip: ``2021/02/sdzbf-2021-5.md``."""
    return f"{issue.source}/{PurePosixPath(entry.source).name}"


def bulk_record(
    issue: Issue, entry: Document | Chronicle, relations: Relations, bodies: dict[str, RenderedBody]
) -> dict[str, Any]:
    doc = entry if isinstance(entry, Document) else None
    chronicle = entry if isinstance(entry, Chronicle) else None
    record: dict[str, Any] = {
        "doc_number": str(doc.doc_number) if doc and doc.doc_number else None,
        "title": entry.title,
        "organs": list(doc.organs) if doc else [],
        "date": (entry.date if isinstance(entry, Document) else entry.end).isoformat(),
        "published": (doc.published_on(issue.date) if doc else issue.date).isoformat(),
        "section": entry.section,
        "page": entry.page,
        "order": entry.order,
        "issue": str(issue.key),
        "issue_total_number": issue.total_number,
        "issue_date": issue.date.isoformat(),
        "kind": "document" if doc else "chronicle",
        "url": urls.page_url(urls.entry_page(entry)),
        "permalink": permalink_url(doc) if doc else None,
        "source": source_name(issue, entry),
        "start": chronicle.start.isoformat() if chronicle else None,
        "end": chronicle.end.isoformat() if chronicle else None,
        **record_item(relations, entry),
        **print_item(issue, entry),
        "text": html_to_text(bodies[urls.document_page(doc)].html) if doc else None,
        "events": [
            {"date": event.date.isoformat(), "text": event.text} for event in chronicle.events
        ]
        if chronicle
        else [],
    }
    return record


def render_bulk(
    archive: Archive, relations: Relations, bodies: dict[str, RenderedBody]
) -> dict[str, str]:
    """``api/<year>/documents.jsonl`` for every year, and the schemas under ``api/schema/``."""
    lines: dict[int, list[str]] = defaultdict(list)
    for issue in archive.issues:
        for entry in issue.entries:
            lines[issue.year].append(
                json_text(bulk_record(issue, entry, relations, bodies), compact=True)
            )
    pages = {
        f"api/{year}/documents.jsonl": "\n".join(rows) + "\n"
        for year, rows in sorted(lines.items())
    }
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        pages[f"api/schema/{schema.name}"] = schema.read_text(encoding="utf-8")
    return pages


def print_files(content: Path, archive: Archive) -> dict[str, bytes]:
    """The print editions and attachments, copied as they are: ``2021/02/issue.pdf``,
    ``2021/02/files/fujian-1.xlsx``."""
    files = {}
    for issue in archive.issues:
        infos = [issue.pdf] if issue.pdf else []
        infos += [attachment.file for doc in issue.documents for attachment in doc.attachments]
        for info in infos:
            files[f"{issue.source}/{info.name}"] = (content / issue.source / info.name).read_bytes()
    return files


def source_zips(content: Path, archive: Archive) -> dict[str, bytes]:
    """``api/<year>/sources.zip``: the year's issue.yml, chronicle.yml and Markdown files, as
    ``<year>/<nn>/<file>``, sorted, with fixed timestamps and permissions."""
    names: dict[int, list[str]] = defaultdict(list)
    for issue in archive.issues:
        names[issue.year].append(f"{issue.source}/issue.yml")
        names[issue.year] += [source_name(issue, entry) for entry in issue.entries]
    zips = {}
    for year, files in sorted(names.items()):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_zip:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                archive_zip.writestr(info, (content / name).read_bytes())
        zips[f"api/{year}/sources.zip"] = buffer.getvalue()
    return zips
