"""The cover of an issue's OCR text: its year and number, total number and date."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.content.text import squash
from generator.errors import ImportFailed, Problem
from generator.importer.normalize import clean_inline
from generator.importer.patterns import DATE_LINE
from generator.importer.source import Line

_ISSUE_IN_LINE = re.compile(r"^(?:[（(])?(\d{4})年第(\d{1,3})期")
_YEAR_ALONE = re.compile(r"^(\d{4})年$")
_NUMBER_ALONE = re.compile(r"^第(\d{1,3})期")
_TOTAL_IN_LINE = re.compile(r"(?:^|期)[（(]?总第(\d+)期[）)]?$")


@dataclass(frozen=True)
class IssueFacts:
    year: int
    number: int
    total_number: int
    date: datetime.date


def parse_cover(cover: list[Line], name: str) -> IssueFacts:
    """The issue's year, number, total number and date, from the lines before 目录."""
    year = number = total = None
    year_alone: int | None = None
    printed: dict[str, Line] = {}
    date = None
    for line in cover:
        text = clean_inline(line.text)
        flat = squash(text)
        if match := _ISSUE_IN_LINE.search(flat):
            year, number = int(match[1]), int(match[2])
            printed["number"] = line
        elif match := _YEAR_ALONE.match(flat):
            year_alone = int(match[1])  # 2022年 / 第5期 on two lines
        elif (match := _NUMBER_ALONE.match(flat)) and year_alone is not None and number is None:
            year, number = year_alone, int(match[1])
            printed["number"] = line
        if match := _TOTAL_IN_LINE.search(flat):
            total = int(match[1])
            printed["total"] = line
        if (
            (match := DATE_LINE.match(flat.removesuffix("出版")))
            and number is not None
            and date is None
        ):
            date = _date(match, name, line)
    # The date is looked for only after the issue's number, so it is not named missing
    # when the number is: the examples show the form, not this issue's values.
    date_if_looked_for = date if number is not None else True
    missing = [
        what
        for what, value in (
            ("the issue's year and number (a line such as 2021年第02期)", number),
            ("its total number (a line such as (总第23期))", total),
            ("its date after the number (a line such as 2021年03月31日)", date_if_looked_for),
        )
        if value is None
    ]
    if missing:
        raise ImportFailed(
            [
                Problem(
                    name,
                    cover[-1].number if cover else 1,
                    "the cover before 目录 lacks " + "; ".join(missing),
                )
            ]
        )
    assert year is not None and number is not None and total is not None and date is not None
    zero = [
        Problem(name, printed[key].number, f"{label} 0 in {printed[key].text.strip()!r}: {why}")
        for key, label, value, why in (
            ("number", "issue number", number, "an issue's number counts from 1 within its year"),
            ("total", "total number", total, "the total number counts issues from 1 (总第1期)"),
        )
        if value == 0
    ]
    if zero:
        raise ImportFailed(zero)
    return IssueFacts(year, number, total, date)


def _date(match: re.Match[str], name: str, line: Line) -> datetime.date:
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ImportFailed(
            [Problem(name, line.number, f"{line.text.strip()!r} is not a real date")]
        ) from None
