"""Typed reading of YAML fields with problems that name the file, the line and the value."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable

from generator.content.privacy import find_personal_data
from generator.content.yamlio import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    TIMESTAMP_TAG,
    Mapping,
    Node,
    Scalar,
    Sequence,
)
from generator.errors import Problem

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Control characters (C0, DEL, C1) and the bidirectional overrides that make text read
# differently from how it is stored; none belongs in a title, a name or an event.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_problems(
    text: str, shown: str, first_line: int, advice: str, pattern: re.Pattern[str] = CONTROL
) -> list[Problem]:
    """One problem for each line of ``text`` that holds a character of ``pattern`` (tabs
    aside): its code point, its column and the line; ``advice`` ends the message."""
    problems = []
    for index, line in enumerate(text.split("\n")):
        found = pattern.search(line.replace("\t", " "))
        if found:
            problems.append(
                Problem(
                    shown,
                    first_line + index,
                    f"control character U+{ord(found[0]):04X} at column {found.start() + 1} "
                    f"in {line.strip()[:40]!r}{advice}",
                )
            )
    return problems


_PUBLIC_NUMBERS = {("masthead", "phone"), ("masthead", "fax")}
_DECIMAL = re.compile(r"^[-+]?[0-9]{1,9}$")
_LARGEST = 99_999
"""No page, order, year or serial number of the gazette comes near it."""


def plain_text_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not plain text (markup, control characters), or None.

    Fields that are not bodies are text on every page, feed and index they reach; angle
    brackets would be markup in some of them, so they are refused outright."""
    markup = re.search(r"[<>]", value)
    if markup:
        return (
            f"{name}: plain text only, found {markup[0]!r} in {value!r}; "
            "markup is not allowed outside bodies (write 《》 for titles of documents)"
        )
    control = CONTROL.search(value)
    if control:
        return (
            f"{name}: control character U+{ord(control[0]):04X} in {value!r}; "
            "retype the text without it"
        )
    return None


_TYPE_NAMES = {
    INT_TAG: "a number",
    FLOAT_TAG: "a decimal number",
    BOOL_TAG: "true/false",
    NULL_TAG: "nothing (null)",
    TIMESTAMP_TAG: "a date",
    STR_TAG: "text",
}


def describe(node: Node) -> str:
    if isinstance(node, Scalar):
        kind = _TYPE_NAMES.get(node.tag, "a value")
        return f"{kind} {node.value!r}" if node.tag != NULL_TAG else kind
    return "a list" if isinstance(node, Sequence) else "a mapping"


class Fields:
    """Reads the fields of one YAML mapping; every problem is collected, none raised."""

    def __init__(
        self,
        node: Node | None,
        path: str,
        problems: list[Problem],
        where: str,
        known: Iterable[str],
        line: int = 1,
    ):
        self.path = path
        self.problems = problems
        self.where = where
        self.known = tuple(known)
        if not isinstance(node, Mapping):
            found = "nothing" if node is None else describe(node)
            self.problem(
                node.line if node is not None else line,
                f"{where} must be a mapping of fields such as {self.known[0]}: …, found {found}",
            )
            self.items: dict[str, tuple[int, Node]] = {}
            self.line = line
        else:
            self.items = node.items
            self.line = node.line
        self.unknown: list[str] = []
        for name, (key_line, _) in self.items.items():
            if name not in self.known:
                self.unknown.append(name)
                guess = difflib.get_close_matches(name, self.known, n=1)
                hint = f" (did you mean {guess[0]!r}?)" if guess else ""
                self.problem(
                    key_line,
                    f"unknown field {name!r} in {where}{hint}; known fields: "
                    + ", ".join(self.known),
                )

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line_of(self, name: str) -> int:
        return self.items[name][0] if name in self.items else self.line

    def has(self, name: str) -> bool:
        return name in self.items

    def _get(self, name: str, required: bool, example: str) -> Node | None:
        if name not in self.items:
            if required:
                self.problem(
                    self.line,
                    f"missing required field {name!r} in {self.where} (e.g. {name}: {example})",
                )
            return None
        return self.items[name][1]

    def text(self, name: str, example: str, required: bool = True) -> str | None:
        node = self._get(name, required, example)
        if node is None:
            return None
        if not isinstance(node, Scalar) or node.tag != STR_TAG or not node.value.strip():
            what = (
                "empty text" if isinstance(node, Scalar) and node.tag == STR_TAG else describe(node)
            )
            self.problem(node.line, f"{name}: expected text, e.g. {name}: {example}; found {what}")
            return None
        if "\n" in node.value.strip():
            self.problem(
                node.line, f"{name}: must be one line, found a line break in {node.value!r}"
            )
            return None
        return self._plain(name, node.value.strip(), node.line)

    def _plain(self, name: str, value: str, line: int) -> str | None:
        problem = plain_text_problem(name, value)
        if problem is not None:
            self.problem(line, problem)
            return None
        # Every plain-text field reaches pages, feeds and indexes: none may hold a private
        # person's number or address (the masthead's office telephone and fax are public).
        if (self.where, name) not in _PUBLIC_NUMBERS:
            for finding in find_personal_data(value):
                self.problem(line, finding.refusal)
        return value

    def integer(
        self, name: str, example: int, required: bool = True, minimum: int = 1
    ) -> int | None:
        node = self._get(name, required, str(example))
        if node is None:
            return None
        # Plain decimal digits only: YAML also reads 0x9, 0b101, 1:30 (base 60) and 6_8 as
        # whole numbers, which no editor means by a page or an order.
        if not isinstance(node, Scalar) or node.tag != INT_TAG or not _DECIMAL.match(node.value):
            self.problem(
                node.line,
                f"{name}: expected a whole number, e.g. {name}: {example}; found {describe(node)}",
            )
            return None
        value = int(node.value)
        if value < minimum:
            self.problem(node.line, f"{name}: {value} is too small; expected {minimum} or more")
            return None
        if value > _LARGEST:
            self.problem(node.line, f"{name}: {value} is too large; expected at most {_LARGEST}")
            return None
        return value

    def date(self, name: str, required: bool = True) -> datetime.date | None:
        node = self._get(name, required, "2021-03-09")
        if node is None:
            return None
        return read_date(node, name, self.problem)

    def text_list(self, name: str, example: str, required: bool = True) -> list[str] | None:
        node = self._get(name, required, f"[{example}]")
        if node is None:
            return None
        if not isinstance(node, Sequence) or not node.items:
            self.problem(
                node.line,
                f"{name}: expected a list with at least one entry, e.g.\n"
                f"  {name}:\n    - {example}\nfound {describe(node)}",
            )
            return None
        values = []
        for item in node.items:
            if not isinstance(item, Scalar) or item.tag != STR_TAG or not item.value.strip():
                self.problem(
                    item.line,
                    f"{name}: every entry must be text, e.g. - {example}; found {describe(item)}",
                )
                continue
            value = self._plain(name, item.value.strip(), item.line)
            if value is not None:
                values.append(value)
        return values if len(values) == len(node.items) else None

    def lines(self) -> tuple[tuple[str, int], ...]:
        return tuple((name, line) for name, (line, _) in self.items.items())

    def node(self, name: str) -> Node | None:
        return self.items[name][1] if name in self.items else None


def read_date(node: Node, name: str, report: Callable[[int, str], object]) -> datetime.date | None:
    """A YYYY-MM-DD date that exists; anything else is reported with its line."""
    if not isinstance(node, Scalar) or node.tag not in (TIMESTAMP_TAG, STR_TAG):
        report(
            node.line,
            f"{name}: expected a date YYYY-MM-DD, e.g. 2021-03-09; found {describe(node)}",
        )
        return None
    if not _ISO_DATE.match(node.value):
        report(
            node.line, f"{name}: {node.value!r} is not a date in YYYY-MM-DD form, e.g. 2021-03-09"
        )
        return None
    try:
        return datetime.date.fromisoformat(node.value)
    except ValueError:
        report(node.line, f"{name}: {node.value} is not a real date (no such day in the calendar)")
        return None
