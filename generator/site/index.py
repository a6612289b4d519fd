"""Indexes over the archive: document numbers, organs, sections, the chronicle
timeline and the annual index (citations: :mod:`generator.site.citations`), gathered in
:class:`Indexes`. Pure functions of the model."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from generator.content.model import Archive, Chronicle, ChronicleEvent, Document, Issue, IssueKey
from generator.content.record import Relations, build_relations
from generator.content.slugs import pinyin_slug
from generator.site.citations import Citations, build_citations
from generator.site.orderings import docnumber_key, newest_first_key, publication_key

# -- document numbers ---------------------------------------------------------------------


@dataclass(frozen=True)
class SerialRun:
    """A stretch of a code's yearly sequence: one published document, or a gap."""

    first: int
    last: int
    doc: Document | None
    """The document with serial ``first`` (== ``last``), or None for numbers not in the gazette."""


@dataclass(frozen=True)
class CodeYear:
    code: str
    year: int
    documents: tuple[Document, ...]
    runs: tuple[SerialRun, ...]
    """Serials 1…highest published, published ones and gaps, in order."""

    @property
    def missing(self) -> int:
        return sum(run.last - run.first + 1 for run in self.runs if run.doc is None)


@dataclass(frozen=True)
class CodeIndex:
    code: str
    years: tuple[CodeYear, ...]
    """Newest year first."""

    @property
    def count(self) -> int:
        return sum(len(year.documents) for year in self.years)


def build_docnumber_index(archive: Archive) -> tuple[CodeIndex, ...]:
    by_code: dict[str, dict[int, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for doc in archive.documents:
        if doc.doc_number is not None:
            by_code[doc.doc_number.code][doc.doc_number.year].append(doc)
    codes = []
    for code in sorted(by_code, key=pinyin_slug):
        years = []
        for year in sorted(by_code[code], reverse=True):
            docs = tuple(sorted(by_code[code][year], key=docnumber_key))
            years.append(CodeYear(code, year, docs, _runs(docs)))
        codes.append(CodeIndex(code, tuple(years)))
    return tuple(codes)


def _runs(docs: tuple[Document, ...]) -> tuple[SerialRun, ...]:
    runs = []
    expected = 1
    for doc in docs:
        assert doc.doc_number is not None
        serial = doc.doc_number.serial
        if serial > expected:
            runs.append(SerialRun(expected, serial - 1, None))
        runs.append(SerialRun(serial, serial, doc))
        expected = serial + 1
    return tuple(runs)


# -- organs and sections -------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Documents sharing an organ or a section, newest issue first."""

    name: str
    documents: tuple[Document, ...]
    years: tuple[tuple[int, tuple[Document, ...]], ...]
    """The same documents by year, newest year first."""


def _group(name: str, docs: list[Document]) -> Group:
    documents = tuple(sorted(docs, key=newest_first_key))
    by_year: dict[int, list[Document]] = defaultdict(list)
    for doc in documents:
        by_year[doc.issue.year].append(doc)
    return Group(
        name,
        documents,
        tuple((year, tuple(by_year[year])) for year in sorted(by_year, reverse=True)),
    )


def build_organ_index(archive: Archive) -> tuple[Group, ...]:
    by_organ: dict[str, list[Document]] = defaultdict(list)
    for doc in archive.documents:
        for organ in doc.organs:
            by_organ[organ].append(doc)
    return tuple(
        _group(organ, docs)
        for organ, docs in sorted(
            by_organ.items(), key=lambda item: (-len(item[1]), pinyin_slug(item[0]))
        )
    )


def build_section_index(archive: Archive) -> tuple[Group, ...]:
    by_section: dict[str, list[Document]] = defaultdict(list)
    first_seen: dict[str, tuple[int, int, int]] = {}
    for issue in archive.issues:
        for position, section in enumerate(issue.sections):
            first_seen.setdefault(section, (issue.year, issue.number, position))
    for doc in archive.documents:
        by_section[doc.section].append(doc)
    return tuple(
        _group(section, docs)
        for section, docs in sorted(
            by_section.items(), key=lambda item: first_seen.get(item[0], (0, 0, 0))
        )
    )


# -- chronicle timeline ---------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: datetime.date
    events: tuple[tuple[ChronicleEvent, Chronicle], ...]
    """Events of the day in printed order, each with the chronicle (issue) it comes from."""


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    days: tuple[Day, ...]


@dataclass(frozen=True)
class TimelineYear:
    year: int
    months: tuple[Month, ...]

    @property
    def event_count(self) -> int:
        return sum(len(day.events) for month in self.months for day in month.days)

    @property
    def day_count(self) -> int:
        return sum(len(month.days) for month in self.months)


def _days(chronicles: tuple[Chronicle, ...]) -> tuple[Day, ...]:
    """The chronicles' events by day, oldest first; a day's events keep their printed order."""
    by_day: dict[datetime.date, list[tuple[ChronicleEvent, Chronicle]]] = defaultdict(list)
    for chronicle in chronicles:
        for event in chronicle.events:
            by_day[event.date].append((event, chronicle))
    return tuple(Day(date, tuple(events)) for date, events in sorted(by_day.items()))


def build_timeline(archive: Archive) -> tuple[TimelineYear, ...]:
    """Year → month → day, oldest first."""
    years: dict[int, dict[int, list[Day]]] = defaultdict(lambda: defaultdict(list))
    for day in _days(archive.chronicles):
        years[day.date.year][day.date.month].append(day)
    return tuple(
        TimelineYear(
            year, tuple(Month(year, month, tuple(days)) for month, days in sorted(months.items()))
        )
        for year, months in sorted(years.items())
    )


def chronicle_days(chronicle: Chronicle) -> tuple[Day, ...]:
    return _days((chronicle,))


# -- annual index ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualYear:
    year: int
    issues: tuple[Issue, ...]
    sections: tuple[tuple[str, tuple[Document, ...]], ...]
    """Sections in the order they first appear that year; documents by issue and TOC order."""
    chronicles: tuple[Chronicle, ...]


def build_annual_index(archive: Archive) -> tuple[AnnualYear, ...]:
    by_year: dict[int, list[Issue]] = defaultdict(list)
    for issue in archive.issues:
        by_year[issue.year].append(issue)
    out = []
    for year, issues in sorted(by_year.items(), reverse=True):
        sections: dict[str, list[Document]] = {}
        for issue in issues:
            for name in issue.sections:
                sections.setdefault(name, [])
            for doc in issue.documents:
                sections.setdefault(doc.section, []).append(doc)
        out.append(
            AnnualYear(
                year,
                tuple(issues),
                tuple(
                    (name, tuple(sorted(docs, key=publication_key)))
                    for name, docs in sections.items()
                    if docs
                ),
                tuple(issue.chronicle for issue in issues if issue.chronicle is not None),
            )
        )
    return tuple(out)


# -- all of them ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indexes:
    """Everything derived from the archive that more than one page needs."""

    archive: Archive
    codes: tuple[CodeIndex, ...]
    organs: tuple[Group, ...]
    sections: tuple[Group, ...]
    timeline: tuple[TimelineYear, ...]
    annual: tuple[AnnualYear, ...]
    citations: Citations
    issue_by_key: dict[IssueKey, Issue] = field(default_factory=dict)
    relations: Relations = field(default_factory=Relations)

    @classmethod
    def build(cls, archive: Archive) -> Indexes:
        return cls(
            archive=archive,
            codes=build_docnumber_index(archive),
            organs=build_organ_index(archive),
            sections=build_section_index(archive),
            timeline=build_timeline(archive),
            annual=build_annual_index(archive),
            citations=build_citations(archive),
            issue_by_key={issue.key: issue for issue in archive.issues},
            relations=build_relations(archive),
        )
