"""OCR text of one issue → an issue folder in the content format.

The printed table of contents is the map: every entry is found in the body by its
document number (or title), checked against it, and written as one Markdown file with
front matter; the 大事记 becomes ``chronicle.yml``. Nothing here touches the disk: the
result is a dict of file contents plus the review report for the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.docnumber import try_parse_docnumber
from generator.content.model import MASTHEAD_FIELDS, IssueKey
from generator.content.slugs import docnumber_slug, initials_slug, issue_dir
from generator.content.text import squash
from generator.content.yamlio import dump
from generator.errors import ImportFailed, Problem
from generator.importer import review
from generator.importer.chronicle import ParsedChronicle, parse_chronicle
from generator.importer.document import parse_document
from generator.importer.front import (
    Front,
    IssueFacts,
    TocEntry,
    parse_front,
    parse_masthead,
)
from generator.importer.furniture import drop_page_furniture
from generator.importer.normalize import clean_inline, normalize_title
from generator.importer.numbers import note_numbers_inside, refuse_shared_numbers
from generator.importer.review import Span
from generator.importer.source import Line, Note, read_source

__all__ = ["ImportResult", "Note", "import_issue"]


@dataclass(frozen=True)
class ImportResult:
    """What an import produced: files for ``<out>/<year>/<nn>/`` and notes for the editor."""

    issue_dir: str
    """``2021/02``."""
    files: dict[str, str]
    """File name inside the issue folder → text."""
    notes: tuple[Note, ...]
    summary: str
    review: str = ""
    """The review report (Markdown) for ``_review.md`` next to the issue."""


@dataclass(frozen=True)
class _Located:
    entry: TocEntry
    title_index: int
    content_index: int
    title_lines: tuple[int, ...]
    """Indexes of the lines the printed title was found on."""


def import_issue(data: bytes, name: str) -> ImportResult:
    """Parse one issue's OCR export; raise :class:`ImportFailed` on input it cannot use."""
    lines = read_source(data, name)
    notes: list[Note] = []
    front = parse_front(lines, name, notes)
    refuse_shared_numbers(front.entries, name)
    located = _locate(lines, front.toc_end, front.entries, name)
    masthead = parse_masthead(front.masthead_lines + lines[front.toc_end : located[0].title_index])

    facts = front.facts
    key = IssueKey(facts.year, facts.number)
    files: dict[str, str] = {}
    spans: list[Span] = []
    events = days = 0
    for position, item in enumerate(located):
        end = located[position + 1].title_index if position + 1 < len(located) else len(lines)
        body_lines = drop_page_furniture(lines[item.content_index : end], front.sections, notes)
        entry = item.entry
        if entry.doc_number is None and not entry.is_chronicle:
            body_lines = _take_number_from_body(entry, body_lines, notes)
        is_chronicle = entry.is_chronicle and entry.doc_number is None
        file_name = "chronicle.yml" if is_chronicle else f"{_slug(entry, key)}.md"
        if file_name in files:
            # a 文号 taken from a body that another entry already has, or two 文号 whose
            # codes have the same initials
            refuse_shared_numbers([e.entry for e in located[: position + 1]], name)
            message = (
                f"TOC entry {entry.order} would be written to {file_name}, as an earlier "
                "entry is: their 文号 give the same file name; check both against the "
                "printed issue"
            )
            raise ImportFailed([Problem(name, entry.line, message)])
        spans.append(Span(lines[item.title_index].number, lines[end - 1].number, file_name))
        if is_chronicle:
            chronicle = parse_chronicle(body_lines, name, notes, entry.title, facts.year)
            files[file_name] = _chronicle_yaml(entry, chronicle)
            events, days = len(chronicle.events), len({e.date for e in chronicle.events})
            continue
        note_numbers_inside(entry, body_lines, file_name, notes)
        files[file_name] = _document_file(lines, item, body_lines, front.facts, key, notes)

    files["issue.yml"] = _issue_yml(front, masthead, name)
    files["source.txt"] = data.decode("utf-8")
    documents = sum(
        1 for item in located if not (item.entry.is_chronicle and item.entry.doc_number is None)
    )
    summary = (
        f"{facts.year}年第{facts.number:02d}期（总第{facts.total_number}期，{facts.date}）: "
        f"{len(located)} TOC entries, {documents} documents"
        + (f", chronicle with {events} events on {days} days" if "chronicle.yml" in files else "")
    )
    ordered_notes = tuple(sorted(notes))
    title = f"{facts.year}年第{facts.number:02d}期（总第{facts.total_number}期）"
    report = review.render(title, name, review.locate(ordered_notes, spans, files, lines))
    return ImportResult(issue_dir(key), files, ordered_notes, summary, report)


def _take_number_from_body(
    entry: TocEntry, body_lines: list[Line], notes: list[Note]
) -> list[Line]:
    """A TOC entry printed without its 文号 takes the one on the document's first line; the
    body then starts after that line."""
    first = next((i for i, line in enumerate(body_lines) if not line.blank), None)
    number = (
        try_parse_docnumber(clean_inline(body_lines[first].text)) if first is not None else None
    )
    if first is not None and number is not None:
        entry.doc_number = number
        notes.append(
            Note(
                body_lines[first].number,
                "toc",
                f"TOC entry {entry.order} prints no 文号 but the document does: used {number}",
            )
        )
        body_lines = body_lines[first + 1 :]
    return body_lines


def _document_file(
    lines: list[Line],
    item: _Located,
    body_lines: list[Line],
    facts: IssueFacts,
    key: IssueKey,
    notes: list[Note],
) -> str:
    """One document's Markdown file: front matter from the TOC entry and the body's signature."""
    entry = item.entry
    _check_title(lines, item, notes)
    parsed = parse_document(entry.title, entry.doc_number, body_lines, notes)
    title_line = lines[item.title_index].number
    organs = _organs(entry.title, parsed.organs, title_line, notes)
    front_matter: dict[str, object] = {"title": entry.title}
    if entry.doc_number is not None:
        front_matter["doc_number"] = str(entry.doc_number)
    front_matter["organs"] = organs
    date_comment = ""
    if parsed.date is None:
        front_matter["date"] = facts.date
        date_comment = "  # 未找到成文日期，暂用本期出版日期：请核对印刷版"
        notes.append(
            Note(
                title_line,
                "signature",
                f"no signature date found for {entry.title!r}; wrote the issue date",
            )
        )
    else:
        front_matter["date"] = parsed.date
    front_matter.update(section=entry.section, page=entry.page, order=entry.order)
    slug = _slug(entry, key)
    if entry.doc_number is None:
        front_matter["slug"] = slug
        notes.append(
            Note(
                title_line,
                "slug",
                f"{entry.title!r} has no document number: its URL "
                f"uses the slug {slug!r} (section, issue and TOC "
                "position); keep it or choose another before "
                "publishing",
            )
        )
    text = dump(front_matter)
    if date_comment:
        text = text.replace(
            f"date: {facts.date.isoformat()}\n",
            f"date: {facts.date.isoformat()}{date_comment}\n",
            1,
        )
    return f"---\n{text}---\n\n{parsed.body}"


def _organs(title: str, signed: tuple[str, ...], line: int, notes: list[Note]) -> list[str]:
    """The organs of the signature block, else those the title starts with (noted)."""
    if signed:
        return list(signed)
    organs = [organ for organ in title.split("关于")[0].split() if organ]
    notes.append(
        Note(
            line,
            "signature",
            f"no issuing organ found in a signature block of {title!r}; "
            f"took {organs} from the title — check",
        )
    )
    return organs


def _issue_yml(front: Front, masthead: dict[str, str | list[str]], name: str) -> str:
    """``issue.yml``: the issue's facts, sections and masthead, under a comment naming it."""
    facts = front.facts
    issue = {
        "year": facts.year,
        "number": facts.number,
        "total_number": facts.total_number,
        "date": facts.date,
        "sections": front.sections,
    }
    ordered = {k: masthead[k] for k in MASTHEAD_FIELDS if k in masthead}
    if ordered:
        issue["masthead"] = ordered
    header = (
        f"# 大武口区人民政府公报 {facts.year}年第{facts.number:02d}期"
        f"（总第{facts.total_number}期）\n# imported from {name}\n"
    )
    return header + dump(issue)


def _slug(entry: TocEntry, key: IssueKey) -> str:
    return (
        docnumber_slug(entry.doc_number) if entry.doc_number else _slug_without_number(entry, key)
    )


def _slug_without_number(entry: TocEntry, key: IssueKey) -> str:
    """规范性文件, entry 3 of 2022年第05期 → ``gfxwj-2022-05-3``: unique in the archive."""
    return f"{initials_slug(entry.section) or 'doc'}-{key.year}-{key.number:02d}-{entry.order}"


def _locate(lines: list[Line], start: int, entries: list[TocEntry], name: str) -> list[_Located]:
    """Find where each TOC entry's text starts in the body, in TOC order.

    A document with a number is found by its number line; its title is the line or lines
    just before it (or, laid out the other way round, just after it). One without a number
    is found by its title, which may be wrapped over several lines.
    """
    located: list[_Located] = []
    problems: list[Problem] = []
    cursor = start
    for entry in entries:
        found = None
        for index in range(cursor, len(lines)):
            text = clean_inline(lines[index].text)
            if not text:
                continue
            if entry.doc_number is not None:
                if try_parse_docnumber(text) == entry.doc_number:
                    found = _around_number(lines, index, cursor, entry)
                    break
            elif (span := _title_span(lines, index, entry)) is not None:
                found = _Located(
                    entry,
                    index,
                    _skip_headings(lines, span, entry),
                    tuple(i for i in _text_lines(lines, index, 1, 0, _TITLE_LINES) if i < span),
                )
                break
        if found is None:
            what = str(entry.doc_number) if entry.doc_number else entry.title
            problems.append(
                Problem(
                    name,
                    entry.line,
                    f"TOC entry {entry.order} ({what}) has no matching document in the body",
                )
            )
            continue
        located.append(found)
        cursor = found.content_index
    if problems:
        raise ImportFailed(problems)
    return located


_TITLE_LINES = 4
"""A printed title wraps over at most this many lines."""


def _text_lines(lines: list[Line], index: int, step: int, floor: int, count: int) -> list[int]:
    """Indexes of up to ``count`` non-blank lines from ``index`` on, going by ``step``."""
    found: list[int] = []
    while floor <= index < len(lines) and len(found) < count:
        if not lines[index].blank:
            found.append(index)
        index += step
    return found


def _joined(lines: list[Line], indexes: list[int]) -> str:
    return squash("".join(clean_inline(lines[i].text) for i in sorted(indexes)))


def _around_number(lines: list[Line], index: int, floor: int, entry: TocEntry) -> _Located:
    title = squash(entry.title)
    before = _text_lines(lines, index - 1, -1, floor, _TITLE_LINES)
    best = None
    for taken in range(1, len(before) + 1):
        joined = _joined(lines, before[:taken])
        if not title.endswith(joined):
            break
        best = before[:taken]
        if joined == title:
            break
    if best is not None:
        return _Located(entry, min(best), index + 1, tuple(sorted(best)))
    after = _text_lines(lines, index + 1, 1, 0, _TITLE_LINES)
    for taken in range(1, len(after) + 1):
        joined = _joined(lines, after[:taken])
        if joined == title:
            return _Located(entry, index, after[taken - 1] + 1, tuple(after[:taken]))
        if not title.startswith(joined):
            break
    return _Located(entry, before[0] if before else index, index + 1, tuple(before[:1]))


def _title_span(lines: list[Line], index: int, entry: TocEntry) -> int | None:
    """The index after the title that starts at ``index``, if the entry's title (or, for
    a chronicle, its heading) starts there."""
    flat = squash(clean_inline(lines[index].text))
    if _is_heading_of(flat, entry):
        return index + 1
    title = squash(entry.title)
    if not title.startswith(flat):
        return None
    following = _text_lines(lines, index, 1, 0, _TITLE_LINES)
    for taken in range(2, len(following) + 1):
        joined = _joined(lines, following[:taken])
        if joined == title:
            return following[taken - 1] + 1
        if not title.startswith(joined):
            break
    return None


def _skip_headings(lines: list[Line], index: int, entry: TocEntry) -> int:
    """A chronicle may print its section heading and its title one after the other."""
    while index < len(lines):
        if lines[index].blank:
            index += 1
            continue
        span = _title_span(lines, index, entry) if entry.is_chronicle else None
        if span is None:
            return index
        index = span
    return index


def _is_heading_of(flat: str, entry: TocEntry) -> bool:
    if flat == squash(entry.title):
        return True
    if not entry.is_chronicle:
        return False
    return flat == squash(entry.section) or (flat.endswith("大事记") and len(flat) <= 30)


def _check_title(lines: list[Line], item: _Located, notes: list[Note]) -> None:
    if not item.title_lines:
        return
    printed = normalize_title(" ".join(clean_inline(lines[i].text) for i in item.title_lines))
    if squash(printed) != squash(item.entry.title):
        notes.append(
            Note(
                lines[item.title_lines[0]].number,
                "toc",
                f"title in the body {printed!r} differs from the TOC title "
                f"{item.entry.title!r}; the TOC title was used",
            )
        )


def _chronicle_yaml(entry: TocEntry, chronicle: ParsedChronicle) -> str:
    data = {
        "title": entry.title,
        "section": entry.section,
        "order": entry.order,
        "page": entry.page,
        "start": chronicle.start,
        "end": chronicle.end,
        "events": [{"date": event.date, "text": event.text} for event in chronicle.events],
    }
    return dump(data)
