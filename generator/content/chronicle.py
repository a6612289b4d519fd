"""The issue's 大事记 (``chronicle.yml``): its title, time span and dated events."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.content.files import read_yaml, shown_path
from generator.content.model import Chronicle, ChronicleEvent, IssueKey, Lines
from generator.content.schema import Fields, describe
from generator.content.yamlio import Sequence
from generator.errors import Problem

CHRONICLE_FILE = "chronicle.yml"
CHRONICLE_FIELDS = ("title", "section", "order", "page", "start", "end", "events")
EVENT_FIELDS = ("date", "text")


def load_chronicle(
    content: Path, path: Path, key: IssueKey, problems: list[Problem]
) -> Chronicle | None:
    shown = shown_path(content, path)
    node = read_yaml(path, shown, problems)
    if node is None:
        return None
    fields = Fields(node, shown, problems, CHRONICLE_FILE, CHRONICLE_FIELDS)
    title = fields.text("title", "大武口区人民政府2021年2月、3月大事记")
    section = fields.text("section", "大武口区人民政府大事记")
    order = fields.integer("order", 13)
    page = fields.integer("page", 87)
    start = fields.date("start")
    end = fields.date("end")
    if start is not None and end is not None and start > end:
        problems.append(
            Problem(shown, fields.line_of("end"), f"end: {end} is before start: {start}")
        )
    events = _events(fields, shown, problems, start, end)
    if None in (title, section, order, page, start, end, events):
        return None
    assert title and section and order and page and start and end and events is not None
    return Chronicle(
        key, shown, title, section, page, order, start, end, tuple(events), Lines(fields.lines())
    )


def _events(
    fields: Fields,
    shown: str,
    problems: list[Problem],
    start: datetime.date | None,
    end: datetime.date | None,
) -> list[ChronicleEvent] | None:
    node = fields.node("events")
    if node is None:
        fields.problem(
            fields.line,
            "missing required field 'events' in chronicle.yml "
            "(a list of - date: 2021-02-01 / text: …)",
        )
        return None
    if not isinstance(node, Sequence) or not node.items:
        fields.problem(
            node.line,
            f"events: expected a list of events (- date: … text: …), found {describe(node)}",
        )
        return None
    events: list[ChronicleEvent] = []
    previous: ChronicleEvent | None = None
    for item in node.items:
        event_fields = Fields(item, shown, problems, "an event", EVENT_FIELDS, line=item.line)
        date = event_fields.date("date")
        text = event_fields.text("text", "召开区委常委会，班子成员参加会议。")
        if date is None or text is None:
            continue
        line = item.line
        if start is not None and end is not None and not start <= date <= end:
            problems.append(
                Problem(
                    shown,
                    event_fields.line_of("date"),
                    f"event date {date} is outside the chronicle's start–end ({start} – {end})",
                )
            )
        if previous is not None and date < previous.date:
            problems.append(
                Problem(
                    shown,
                    event_fields.line_of("date"),
                    f"events out of date order: {date} comes after {previous.date} "
                    f"(line {previous.line}); events are listed by date as printed",
                )
            )
        event = ChronicleEvent(date, text, line)
        events.append(event)
        previous = event
    return events
