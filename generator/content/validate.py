"""Rules that span files: a table of contents that holds together, and an archive
without duplicate issues or document numbers. Pure: model in, problems out."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict

from generator.content.model import Archive, Chronicle, Document, Issue, IssueKey
from generator.content.record import print_edition_problems, relation_problems
from generator.content.slugs import RESERVED_SLUGS, issue_dir
from generator.errors import Problem, warning

Entry = Document | Chronicle


def validate_archive(archive: Archive, today: datetime.date | None = None) -> list[Problem]:
    """Every rule that spans files; ``today`` (default: the clock) bounds issue dates."""
    problems: list[Problem] = []
    for issue in archive.issues:
        problems += validate_issue(issue)
        problems += print_edition_problems(issue)
    problems += _unique_issues(archive)
    problems += _total_numbers(archive)
    today = today or datetime.date.today()
    problems += _issue_dates(archive, today)
    problems += _document_dates(archive, today)
    problems += _unique_doc_numbers(archive)
    problems += relation_problems(archive)
    return sorted(problems)


def _issue_file(issue: Issue) -> str:
    return issue.file or f"{issue.source}/issue.yml"


def validate_issue(issue: Issue) -> list[Problem]:
    """Rules within one issue: sections, orders without gaps or repeats, page order, URLs."""
    problems: list[Problem] = []
    entries = issue.entries
    by_order: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_order[entry.order].append(entry)
        if entry.section not in issue.sections:
            problems.append(
                Problem(
                    entry.source,
                    entry.lines["section"],
                    f"section: {entry.section!r} is not one of the sections listed in "
                    f"issue.yml: {', '.join(issue.sections)}",
                )
            )
    for order, same in sorted(by_order.items()):
        if len(same) > 1:
            for entry in same:
                others = ", ".join(
                    other.source.rsplit("/", 1)[-1] for other in same if other is not entry
                )
                problems.append(
                    Problem(
                        entry.source,
                        entry.lines["order"],
                        f"order: {order} is used twice in the issue (also by {others})",
                    )
                )
    if not entries and issue.complete:
        problems.append(
            warning(
                _issue_file(issue),
                1,
                "the issue has no documents and no chronicle yet; "
                "its page says 本期文件整理中 until they are added",
            )
        )
    if entries and issue.complete:
        missing = sorted(set(range(1, max(by_order) + 1)) - set(by_order))
        for order in missing:
            problems.append(
                Problem(
                    _issue_file(issue),
                    issue.lines["sections"],
                    f"no TOC entry has order: {order}; orders must "
                    f"run 1..{max(by_order)} without gaps",
                )
            )
    problems += _toc_order(issue)
    problems += _unique_urls(issue)
    return problems


def _toc_order(issue: Issue) -> list[Problem]:
    """Pages and sections follow the order of the table of contents."""
    problems: list[Problem] = []
    previous: Entry | None = None
    for entry in issue.entries:
        if previous is not None and entry.order != previous.order:
            if entry.page < previous.page:
                problems.append(
                    Problem(
                        entry.source,
                        entry.lines["page"],
                        f"page: {entry.page} (order {entry.order}) goes back before page "
                        f"{previous.page} of order {previous.order} "
                        f"({previous.source.rsplit('/', 1)[-1]}); TOC pages must not go backwards",
                    )
                )
            rank = {name: index for index, name in enumerate(issue.sections)}
            if (
                entry.section in rank
                and previous.section in rank
                and rank[entry.section] < rank[previous.section]
            ):
                problems.append(
                    Problem(
                        entry.source,
                        entry.lines["section"],
                        f"section: {entry.section!r} comes before {previous.section!r} in "
                        f"issue.yml but order {entry.order} puts it after",
                    )
                )
        previous = entry
    return problems


def _unique_urls(issue: Issue) -> list[Problem]:
    """One URL, one source: a document may not take the URL of another document, of the
    issue's own pages or of a folder the site uses."""
    problems = []
    owners = {
        "index": _issue_file(issue),
        "chronicle": _issue_file(issue).rsplit("/", 1)[0] + "/chronicle.yml",
    }
    if issue.chronicle is not None:
        owners["chronicle"] = issue.chronicle.source
    slugs: dict[str, Document] = {}
    for doc in issue.documents:
        url = f"{issue_dir(issue.key)}/{doc.slug}/"
        line = doc.lines["slug" if "slug" in doc.lines else "doc_number"]
        if doc.slug in RESERVED_SLUGS:
            owner = f" ({owners[doc.slug]})" if doc.slug in owners else ""
            problems.append(
                Problem(
                    doc.source,
                    line,
                    f"slug: {doc.slug!r} is reserved for "
                    f"{RESERVED_SLUGS[doc.slug]}{owner}; choose another slug",
                )
            )
        elif doc.slug in slugs:
            problems.append(
                Problem(
                    doc.source,
                    line,
                    f"URL {url} is also used by {slugs[doc.slug].source}; set a different slug",
                )
            )
        slugs.setdefault(doc.slug, doc)
    return problems


def _unique_issues(archive: Archive) -> list[Problem]:
    problems = []
    seen: dict[IssueKey, Issue] = {}
    totals: dict[int, Issue] = {}
    for issue in archive.issues:
        if issue.key in seen:
            problems.append(
                Problem(
                    _issue_file(issue),
                    issue.lines["number"],
                    f"year {issue.year} number {issue.number} is also used by "
                    f"{_issue_file(seen[issue.key])}",
                )
            )
        seen.setdefault(issue.key, issue)
        if issue.total_number in totals:
            problems.append(
                Problem(
                    _issue_file(issue),
                    issue.lines["total_number"],
                    f"total_number: {issue.total_number} is also used "
                    f"by {_issue_file(totals[issue.total_number])}",
                )
            )
        totals.setdefault(issue.total_number, issue)
    return problems


def _total_numbers(archive: Archive) -> list[Problem]:
    problems = []
    for before, after in itertools.pairwise(archive.issues):
        if after.total_number < before.total_number:
            problems.append(
                Problem(
                    _issue_file(after),
                    after.lines["total_number"],
                    f"total_number: {after.total_number} of {after.year}年第{after.number}期 "
                    f"is smaller than {before.total_number} of the earlier "
                    f"{before.year}年第{before.number}期; total numbers only grow",
                )
            )
    return problems


def _issue_dates(archive: Archive, today: datetime.date) -> list[Problem]:
    """An issue is dated when it was printed: not in the future, and not before the issue
    printed before it (the feeds and the sitemap take the latest date as the site's)."""
    problems = []
    for issue in archive.issues:
        if issue.date > today:
            problems.append(
                Problem(
                    _issue_file(issue),
                    issue.lines["date"],
                    f"date: {issue.date} is in the future (today is {today}); "
                    "an issue is dated when it is printed",
                )
            )
    for before, after in itertools.pairwise(archive.issues):
        if after.date < before.date:
            problems.append(
                Problem(
                    _issue_file(after),
                    after.lines["date"],
                    f"date: {after.date} of {after.year}年第{after.number}期 (总第"
                    f"{after.total_number}期) is before {before.date} of the earlier "
                    f"{before.year}年第{before.number}期 (总第{before.total_number}期); "
                    "dates grow from issue to issue",
                )
            )
    return problems


def _document_dates(archive: Archive, today: datetime.date) -> list[Problem]:
    """A document is published (发布日期) and withdrawn on days that have come: a date
    ahead would print on its page, in its feed entry and in the API as if it had."""
    problems = []
    for doc in archive.documents:
        withdrawn = doc.withdrawn.date if doc.withdrawn else None
        for name, day in (("published", doc.published), ("withdrawn", withdrawn)):
            if day is not None and day > today:
                problems.append(
                    Problem(
                        doc.source,
                        doc.lines[name],
                        f"{name}: {day} is in the future (today is {today}); write the day "
                        "it happened",
                    )
                )
    return problems


def _unique_doc_numbers(archive: Archive) -> list[Problem]:
    by_number: dict[str, list[Document]] = defaultdict(list)
    for doc in archive.documents:
        if doc.doc_number is not None:
            by_number[str(doc.doc_number)].append(doc)
    problems = []
    for number, docs in sorted(by_number.items()):
        if len(docs) > 1:
            for doc in docs:
                others = ", ".join(other.source for other in docs if other is not doc)
                problems.append(
                    Problem(
                        doc.source,
                        doc.lines["doc_number"],
                        f"doc_number: {number} appears twice in the archive (also in {others})",
                    )
                )
    return problems
