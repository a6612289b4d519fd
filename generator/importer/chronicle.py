"""The 大事记 (chronicle): dated paragraphs, each resolved to the day it belongs to."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from generator.content.model import ChronicleEvent
from generator.content.text import squash
from generator.errors import ImportFailed, Problem
from generator.importer.blocks import join_text
from generator.importer.normalize import clean_inline, tidy
from generator.importer.source import Line, Note

_RANGE = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日?\s*[—\-–~～至到]+\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})"
    r"日?$"
)
_TITLE_MONTHS = re.compile(
    r"(\d{4})年(\d{1,2})月(?:\s*[、—\-–~～至到和及]+\s*(?:(\d{4})年)?(\d{1,2})月)?"
)
_DATED = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*[，,、：:]?\s*")
_FULL_DATED = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[，,、：:]?\s*")
_DAY_ONLY = re.compile(r"^(\d{1,2})\s*日\s*[，,、：:]\s*")
_SAME_DAY = re.compile(r"^同日\s*[，,、：:]?\s*")
_EVENT_END = set("。；;！!")
_PUNCTUATION = re.compile(r"[，,。；;、：:]")


@dataclass(frozen=True)
class ParsedChronicle:
    start: datetime.date
    end: datetime.date
    events: tuple[ChronicleEvent, ...]


@dataclass
class _Piece:
    text: str
    line: int
    date: datetime.date | None
    dated: bool


def parse_chronicle(
    lines: list[Line], name: str, notes: list[Note], title: str = "", year: int | None = None
) -> ParsedChronicle:
    """Parse the lines after the chronicle's heading: a date range, then the events.

    The range is printed in full (2021年2月1日—2021年3月31日), with the second year left
    out (2022年6月1日—6月30日 or 至30日), or not at all: then it comes from the title
    (…2022年5月大事记, …2021年2月、3月大事记) or, failing that, from the events' months in
    the issue's ``year``.
    """
    content = [line for line in lines if not line.blank]
    if not content:
        raise ImportFailed(
            [Problem(name, lines[0].number if lines else 1, "the chronicle has no text")]
        )
    start, end, content = _date_range(content, name, notes, title, year)
    if end < start:
        raise ImportFailed(
            [
                Problem(
                    name,
                    lines[0].number if lines else 1,
                    f"the chronicle's date range ends ({end}) before it starts ({start})",
                )
            ]
        )
    pieces = [_read_piece(line, start, end, notes) for line in content]
    return ParsedChronicle(start, end, tuple(_events(pieces, name, notes)))


def _date_range(
    content: list[Line], name: str, notes: list[Note], title: str, year: int | None
) -> tuple[datetime.date, datetime.date, list[Line]]:
    """The range printed on the first line (then left out of the lines), from the title or
    from the events' months; the range and the lines of the events."""
    printed = _printed_range(clean_inline(content[0].text).replace(" ", ""))
    if printed is not None:
        return printed[0], printed[1], content[1:]
    derived = _range_from_title(title) or _range_from_events(content, year)
    if derived is None:
        raise ImportFailed(
            [
                Problem(
                    name,
                    content[0].number,
                    "expected the chronicle's date range, e.g. "
                    "2021年2月1日—2021年3月31日, "
                    f"found {content[0].text.strip()!r}",
                )
            ]
        )
    start, end = derived
    source = "the title" if _range_from_title(title) else "the events' months"
    notes.append(
        Note(
            content[0].number,
            "chronicle",
            f"no date range printed before the first event; took {start}–{end} from {source}",
        )
    )
    return start, end, content


def _read_piece(line: Line, start: datetime.date, end: datetime.date, notes: list[Note]) -> _Piece:
    """One line of the chronicle: its text after the date, and the date it prints, if any."""
    # a tab in an event's line is OCR column spacing, not a table: one space
    text, kinds = tidy(clean_inline(line.text.replace("\t", " ")))
    for kind in kinds:
        notes.append(
            Note(line.number, kind, f"OCR {kind} fixed in a chronicle event: {text[:16]}…")
        )
    full = _FULL_DATED.match(text)
    one_month = (start.year, start.month) == (end.year, end.month)
    match = full or (_DAY_ONLY.match(text) if one_month else None)
    if match is not None:
        # 2022年6月30日，… or, in a one-month chronicle, 30日，…
        try:
            day = (
                datetime.date(int(match[1]), int(match[2]), int(match[3]))
                if full
                else datetime.date(start.year, start.month, int(match[1]))
            )
        except ValueError:
            day = None
        if day is not None and not start <= day <= end:
            day = None
        if day is None:
            notes.append(
                Note(
                    line.number,
                    "chronicle",
                    f"date {match[0].strip()!r} is not a day "
                    f"in {start}–{end}; kept with the "
                    "previous date",
                )
            )
        return _Piece(text[match.end() :], line.number, day, True)
    if dated := _DATED.match(text):
        day = _resolve(int(dated[1]), int(dated[2]), start, end)
        if day is None:
            notes.append(
                Note(
                    line.number,
                    "chronicle",
                    f"date {dated[0].strip()!r} is outside "
                    f"{start}–{end}; kept with the previous "
                    "date",
                )
            )
        return _Piece(text[dated.end() :], line.number, day, True)
    if same := _SAME_DAY.match(text):
        return _Piece(text[same.end() :], line.number, None, True)
    return _Piece(text, line.number, None, False)


def _events(pieces: list[_Piece], name: str, notes: list[Note]) -> list[ChronicleEvent]:
    """The dated events: undated lines join the event a page break split or take its date."""
    events: list[ChronicleEvent] = []
    current: datetime.date | None = None
    previous: _Piece | None = None
    for piece in pieces:
        if not piece.dated and previous is not None and previous.text[-1:] not in _EVENT_END:
            notes.append(
                Note(
                    piece.line,
                    "page-break",
                    f"joined an event split by a page break "
                    f"(lines {previous.line} and {piece.line}): "
                    f"…{previous.text[-6:]}|{piece.text[:6]}…",
                )
            )
            previous.text = join_text(previous.text, piece.text, piece.line, notes)
            events[-1] = ChronicleEvent(events[-1].date, _finish(previous.text), events[-1].line)
            continue
        if not piece.dated and not _PUNCTUATION.search(piece.text):
            notes.append(
                Note(
                    piece.line, "garbled", f"left out a line that is not a sentence: {piece.text!r}"
                )
            )
            continue
        current = _date_of(piece, current, name, notes)
        text = _finish(piece.text)
        if events and events[-1].date == current and squash(events[-1].text) == squash(text):
            notes.append(
                Note(
                    piece.line,
                    "repeated",
                    f"event repeats the one at line {events[-1].line}; dropped it",
                )
            )
            previous = None
            continue
        events.append(ChronicleEvent(current, text, piece.line))
        previous = piece
    return events


def _date_of(
    piece: _Piece, current: datetime.date | None, name: str, notes: list[Note]
) -> datetime.date:
    """The date a paragraph is filed under: its own, else the one before it (noted)."""
    if piece.date is not None:
        if current is not None and piece.date < current:
            notes.append(
                Note(
                    piece.line,
                    "chronicle",
                    f"date {piece.date} comes after {current}: out of order in the printed issue",
                )
            )
        return piece.date
    if current is None:
        why = (
            "the date it prints is outside the chronicle's range (its printed range, or the "
            "months of its TOC title): check the range against the printed issue"
            if piece.dated
            else "it has no date; expected e.g. 2月1日，召开…"
        )
        raise ImportFailed([Problem(name, piece.line, f"the first chronicle paragraph: {why}")])
    if not piece.dated:
        notes.append(
            Note(
                piece.line,
                "undated",
                f"paragraph without a date assigned to {current}: {piece.text[:16]}…",
            )
        )
    return current


def _printed_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    match = _RANGE.match(text)
    if not match:
        return None
    start_year, start_month = int(match[1]), int(match[2])
    end_year = int(match[4]) if match[4] else start_year
    end_month = int(match[5]) if match[5] else start_month
    try:
        return (
            datetime.date(start_year, start_month, int(match[3])),
            datetime.date(end_year, end_month, int(match[6])),
        )
    except ValueError:
        return None


def _month_range(
    year: int, first: int, end_year: int, last: int
) -> tuple[datetime.date, datetime.date] | None:
    try:
        start = datetime.date(year, first, 1)
        end = datetime.date(end_year, last, calendar.monthrange(end_year, last)[1])
    except (ValueError, calendar.IllegalMonthError):
        return None
    return (start, end) if start <= end else None


def _range_from_title(title: str) -> tuple[datetime.date, datetime.date] | None:
    match = _TITLE_MONTHS.search(title.replace(" ", ""))
    if not match:
        return None
    year, first = int(match[1]), int(match[2])
    end_year = int(match[3]) if match[3] else year
    last = int(match[4]) if match[4] else first
    return _month_range(year, first, end_year, last)


def _range_from_events(
    content: list[Line], year: int | None
) -> tuple[datetime.date, datetime.date] | None:
    months = [int(m[1]) for line in content if (m := _DATED.match(clean_inline(line.text)))]
    if year is None or not months:
        return None
    return _month_range(year, min(months), year, max(months))


def _resolve(
    month: int, day: int, start: datetime.date, end: datetime.date
) -> datetime.date | None:
    """The date with this month and day inside the chronicle's range."""
    for year in range(start.year, end.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if start <= candidate <= end:
            return candidate
    return None


def _finish(text: str) -> str:
    """Events are printed as list items ending in ；or ，; on the site each is a sentence."""
    text = text.strip().rstrip("；;，,、")
    return text if text.endswith(("。", "！", "？")) else text + "。"
