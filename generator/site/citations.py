"""Citations: which documents each document cites (by number or by exact 《title》), who
cites each document, the most cited numbers, and the documents a 大事记 event names."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from generator.content.docnumber import Citation, DocNumber, find_docnumbers
from generator.content.model import Archive, ChronicleEvent, Document
from generator.content.text import squash
from generator.site.orderings import publication_key


@dataclass(frozen=True)
class Reference:
    """A document number cited in a body, resolved against the archive where possible."""

    number: DocNumber
    title: str | None
    """The 《title》 printed with the number, if any."""
    target: Document | None
    """The cited document when it is in the gazette."""


@dataclass(frozen=True)
class CitedNumber:
    """One row of the citations page: a number cited in the gazette's bodies."""

    number: str
    title: str | None
    """The 《title》 printed with it, else the cited document's title when the gazette has it."""
    target: Document | None
    citing: tuple[Document, ...]
    """The documents citing it, in publication order."""


@dataclass(frozen=True)
class Citations:
    cites: dict[Document, tuple[Reference, ...]]
    """What each document cites (its own number excluded), in order of first mention."""
    cited_by: dict[Document, tuple[Document, ...]]
    """Documents of the gazette that cite each document."""
    counts: tuple[CitedNumber, ...]
    """Every cited number, most cited first."""
    event_links: dict[ChronicleEvent, tuple[Document, ...]]
    """Chronicle events that name a document by number or exact title."""


def build_citations(archive: Archive) -> Citations:
    by_number = {doc.doc_number: doc for doc in archive.documents if doc.doc_number is not None}
    codes = frozenset(number.code for number in by_number)
    by_title = {_flat(doc.title): doc for doc in archive.documents}
    cites: dict[Document, tuple[Reference, ...]] = {}
    citing: dict[str, list[Document]] = defaultdict(list)
    titles: dict[str, str | None] = {}
    for doc in archive.documents:
        refs: dict[DocNumber, Reference] = {}
        for found in numbers_in(doc.body, codes):
            if found.number == doc.doc_number or found.number in refs:
                continue
            refs[found.number] = Reference(
                found.number, found.cited_title, by_number.get(found.number)
            )
            if titles.get(str(found.number)) is None:
                titles[str(found.number)] = found.cited_title
        for title_doc in _cited_titles(doc, by_title):
            if title_doc.doc_number is not None and title_doc.doc_number not in refs:
                refs[title_doc.doc_number] = Reference(
                    title_doc.doc_number, title_doc.title, title_doc
                )
        cites[doc] = tuple(refs.values())
        for ref in refs.values():
            citing[str(ref.number)].append(doc)
    cited_by: dict[Document, tuple[Document, ...]] = {}
    counts: list[CitedNumber] = []
    for number, docs in citing.items():
        target = next((ref.target for ref in cites[docs[0]] if str(ref.number) == number), None)
        citing_docs = tuple(sorted(set(docs), key=publication_key))
        if target is not None:
            cited_by[target] = citing_docs
        counts.append(
            CitedNumber(
                number,
                titles.get(number) or (target.title if target else None),
                target,
                citing_docs,
            )
        )
    counts.sort(key=lambda item: (-len(item.citing), item.number))
    return Citations(
        cites, cited_by, tuple(counts), _event_links(archive, by_number, by_title, codes)
    )


def _cited_titles(doc: Document, by_title: dict[str, Document]) -> list[Document]:
    """Documents cited by their exact title in 《》."""
    found = []
    text = doc.body
    start = text.find("《")
    while start != -1:
        end = text.find("》", start)
        if end == -1:
            break
        target = by_title.get(_flat(text[start + 1 : end]))
        if target is not None and target is not doc and target not in found:
            found.append(target)
        start = text.find("《", end)
    return found


_TITLE_HEAD = 8
"""Titles are found in chronicle events by their first characters, then compared whole."""


def _event_links(
    archive: Archive,
    by_number: dict[DocNumber, Document],
    by_title: dict[str, Document],
    codes: frozenset[str],
) -> dict[ChronicleEvent, tuple[Document, ...]]:
    links: dict[ChronicleEvent, tuple[Document, ...]] = {}
    by_head: dict[str, list[tuple[str, Document]]] = defaultdict(list)
    for title, doc in by_title.items():
        if len(title) >= _TITLE_HEAD:
            by_head[title[:_TITLE_HEAD]].append((title, doc))
    for chronicle in archive.chronicles:
        for event in chronicle.events:
            docs = [
                by_number[c.number] for c in numbers_in(event.text, codes) if c.number in by_number
            ]
            flat = _flat(event.text)
            for start in range(len(flat) - _TITLE_HEAD + 1):
                for title, doc in by_head.get(flat[start : start + _TITLE_HEAD], ()):
                    if flat.startswith(title, start):
                        docs.append(doc)
            unique = tuple(dict.fromkeys(docs))
            if unique:
                links[event] = unique
    return links


@functools.lru_cache(maxsize=32768)
def numbers_in(text: str, codes: frozenset[str]) -> tuple[Citation, ...]:
    """The document numbers printed in a body or event. Kept per text: the preview rebuilds
    the indexes at each save and so searches only the texts that changed."""
    return tuple(find_docnumbers(text, codes))


_flat = functools.lru_cache(maxsize=65536)(squash)
"""Titles and events without whitespace, kept per text like :func:`numbers_in`."""
