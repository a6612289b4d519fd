"""The gazette of record as content: the print edition's pages, missing issues, and the
relations between documents (repeals, amends…) with the validity they decide. Pure:
model in, problems or relations out."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from generator.content.docnumber import DocNumber
from generator.content.model import RELATIONS, Archive, Document, Issue
from generator.errors import Problem, warning

# -- print edition ---------------------------------------------------------------------------------


def print_edition_problems(issue: Issue) -> list[Problem]:
    """Every TOC entry's first page must be a page of ``issue.pdf`` (printed page + offset)."""
    if issue.pdf is None or issue.pdf.pages is None:
        return []
    problems = []
    for entry in issue.entries:
        pdf_page = issue.pdf_page(entry.page)
        if pdf_page > issue.pdf.pages:
            problems.append(
                Problem(
                    entry.source,
                    entry.lines["page"],
                    f"page: {entry.page} is page {pdf_page} of issue.pdf (pdf_page_offset "
                    f"{issue.pdf_page_offset}), which has {issue.pdf.pages} pages; check page "
                    "and pdf_page_offset",
                )
            )
    return problems


# -- completeness ----------------------------------------------------------------------------------


def missing_issues(archive: Archive) -> dict[int, list[str]]:
    """Per year, the issues (期) the archive lacks, found from ``total_number``: 第2期（总第31期）,
    runs as 第1—11期（总第10—20期）. A year starts at its first issue's total minus its number;
    it ends at its last issue, or where the next year's numbering starts when that year
    follows directly. Years without any issue are not guessed."""
    by_year: dict[int, list[Issue]] = defaultdict(list)
    for issue in sorted(archive.issues, key=lambda issue: issue.total_number):
        by_year[issue.year].append(issue)
    years = sorted(by_year)
    out: dict[int, list[str]] = {}
    for position, year in enumerate(years):
        issues = by_year[year]
        base = issues[0].total_number - issues[0].number
        end = issues[-1].total_number
        if position + 1 < len(years) and years[position + 1] == year + 1:
            following = by_year[year + 1][0]
            end = max(end, following.total_number - following.number)
        present = {issue.total_number: issue for issue in issues}
        gaps: list[tuple[int, int]] = []
        for total in range(base + 1, end + 1):
            if total in present:
                base = total - present[total].number
            elif total - base >= 1:
                gaps.append((total - base, total))
        out[year] = [_run(run) for run in _runs(gaps)]
    return out


def _runs(gaps: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    for gap in gaps:
        if runs and runs[-1][-1][0] + 1 == gap[0] and runs[-1][-1][1] + 1 == gap[1]:
            runs[-1].append(gap)
        else:
            runs.append([gap])
    return runs


def _run(run: list[tuple[int, int]]) -> str:
    (first, first_total), (last, last_total) = run[0], run[-1]
    if first == last:
        return f"第{first}期（总第{first_total}期）"
    return f"第{first}—{last}期（总第{first_total}—{last_total}期）"


# -- validity and relations ----------------------------------------------------------------------

STATUS_BY_RELATION = {"repeals": "已废止", "amends": "已修改"}
"""Relations that decide the status of the document they name; a repeal wins over an amendment."""
INCOMING_KEYS = {
    "repeals": "repealed_by",
    "amends": "amended_by",
    "interprets": "interpreted_by",
    "corrects": "corrected_by",
}
RELATION_KEYS = (*RELATIONS, *INCOMING_KEYS.values())
"""Keys of ``relations`` in the JSON exports."""
NOTICE_RELATIONS = ("repeals", "amends", "corrects")
"""Relations announced by a banner on the page of the document they name."""


@dataclass(frozen=True)
class Link:
    """A relation as the document that states it lists it."""

    kind: str
    """A key of :data:`~generator.content.model.RELATIONS`: repeals, amends, interprets,
    corrects."""
    number: DocNumber
    target: Document | None
    """The named document, when the gazette printed it."""


@dataclass(frozen=True)
class Notice:
    """A relation seen from the document it names: 被石大政发〔2022〕3号废止."""

    kind: str
    by: Document
    date: datetime.date
    """发布日期 of ``by``: the day the relation took effect on the record."""


@dataclass
class Relations:
    outgoing: dict[Document, list[Link]] = field(default_factory=dict)
    incoming: dict[Document, list[Notice]] = field(default_factory=dict)
    status: dict[Document, str] = field(default_factory=dict)
    """Validity of each document that has one: derived from later documents, else the front
    matter's."""

    def notices(self, doc: Document) -> list[Notice]:
        """What the banner of ``doc`` announces, in order of publication."""
        return [notice for notice in self.incoming.get(doc, []) if notice.kind in NOTICE_RELATIONS]


def relation_numbers(doc: Document) -> list[tuple[str, int, DocNumber]]:
    """``(field, index, number)`` of every relation the document lists, in field order."""
    return [
        (kind, index, number)
        for kind in RELATIONS
        for index, number in enumerate(getattr(doc, kind))
    ]


def build_relations(archive: Archive) -> Relations:
    dates = {issue.key: issue.date for issue in archive.issues}
    by_number = _by_number(archive)
    relations = Relations()
    for doc in archive.documents:  # in publication order, so every list below is too
        for kind, _, number in relation_numbers(doc):
            target = by_number.get(number)
            relations.outgoing.setdefault(doc, []).append(Link(kind, number, target))
            if target is not None and target is not doc:
                relations.incoming.setdefault(target, []).append(
                    Notice(kind, doc, doc.published_on(dates[doc.issue]))
                )
    for doc in archive.documents:
        kinds = {notice.kind for notice in relations.incoming.get(doc, [])}
        derived = next(
            (STATUS_BY_RELATION[kind] for kind in STATUS_BY_RELATION if kind in kinds), None
        )
        status = derived or doc.status
        if status is not None:
            relations.status[doc] = status
    return relations


def _by_number(archive: Archive) -> dict[DocNumber, Document]:
    by_number: dict[DocNumber, Document] = {}
    for doc in archive.documents:
        if doc.doc_number is not None:
            by_number.setdefault(doc.doc_number, doc)
    return by_number


def relation_problems(archive: Archive) -> list[Problem]:
    """Numbers the archive does not hold are warnings (printed elsewhere); a document naming
    itself, or relations that lead back to where they started, are errors."""
    by_number = _by_number(archive)
    problems: list[Problem] = []
    edges: dict[Document, list[Document]] = defaultdict(list)
    for doc in archive.documents:
        for kind, index, number in relation_numbers(doc):
            line = doc.lines[f"{kind}#{index}"]
            verb = RELATIONS[kind][0]
            if number == doc.doc_number:
                problems.append(
                    Problem(
                        doc.source,
                        line,
                        f"{kind}: {number} is this document's own number; "
                        f"a document cannot {kind[:-1]} itself ({verb})",
                    )
                )
            elif number not in by_number:
                problems.append(
                    warning(
                        doc.source,
                        line,
                        f"{kind}: {number} is not in the archive; it is "
                        "listed as printed elsewhere (check the number)",
                    )
                )
            else:
                edges[doc].append(by_number[number])
    reported: set[Document] = set()
    for start in archive.documents:
        cycle = _cycle_from(start, edges)
        if cycle is None or start in reported:
            continue
        reported.update(cycle)
        path = " → ".join(str(doc.doc_number) for doc in [*cycle, cycle[0]])
        for doc in cycle:
            kind = next(
                kind
                for kind, _, number in relation_numbers(doc)
                if by_number.get(number) in cycle and number != doc.doc_number
            )
            problems.append(
                Problem(
                    doc.source,
                    doc.lines[kind],
                    f"{kind}: the relations form a cycle "
                    f"({path}); a document cannot be repealed, "
                    "amended, interpreted or corrected by "
                    "one it names",
                )
            )
    return problems


def _cycle_from(start: Document, edges: dict[Document, list[Document]]) -> list[Document] | None:
    """The documents of a cycle through ``start``, in the order the relations lead, or None."""
    stack: list[tuple[Document, list[Document]]] = [(start, [start])]
    seen: set[Document] = set()
    while stack:
        doc, path = stack.pop()
        for nxt in edges.get(doc, []):
            if nxt is start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
