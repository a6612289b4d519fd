"""Document numbers (发文字号): parsing every printed variant into one form, and finding
the numbers a text cites.

The one form is ``code〔year〕serial号`` with ASCII digits and no spaces, e.g.
``石大政办发〔2021〕5号``. Readers and OCR write the brackets as 〔〕 [] () ［］ （） 【】,
digits full-width, with spaces, and sometimes drop the final 号; all of those parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.text import HAN, fullwidth_digits_to_ascii

_OPEN = "〔[［(（【﹝"
_CLOSE = "〕]］)）】﹞"
_BRACKETED_YEAR = rf"[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]"
_SERIAL = r"\s*(?P<serial>\d{1,4})\s*(?P<hao>号)?"

_EXACT = re.compile(
    rf"^\s*(?P<code>[{HAN}](?:[{HAN} ]{{0,14}}[{HAN}])?)\s*{_BRACKETED_YEAR}{_SERIAL}\s*$"
)
# Cheap anchor: a bracketed year followed by a serial; the code is then read backwards.
_ANCHOR = re.compile(rf"{_BRACKETED_YEAR}{_SERIAL}")
_CODE_BEFORE = re.compile(rf"(?P<code>[{HAN}]{{1,12}})\s*$")

# Words that can stand right before a cited code and are not part of it. In a run too
# long to be a code alone (codes have 2–6 characters), everything up to the last such
# character goes.
_LEADING_WORDS = re.compile(r"^.*(?:根据|按照|依据|依照|对照|参照|贯彻|落实|执行|印发|转发|文件)")
_LEADING_CHAR = re.compile(r"^.*[和及与或的见即为是由按据对以把被等如照并]")
_LONGEST_CODE = 6
# One such character at the start of a shorter run ("见石大政办发", "经宁政发"): never the
# first character of a code, so it goes whenever a code of two characters is left ...
_NEVER_FIRST = re.compile(rf"^[见经由及与或的为是按据对以把被等如照并](?=[{HAN}]{{2}})")
# ... except the ones that also begin place names (和田, 同心, 即墨): those go only when a
# whole code of place, organ and kind (four characters) is left ("和石大政发").
_SOMETIMES_FIRST = re.compile(rf"^[和同即](?=[{HAN}]{{4}})")


@dataclass(frozen=True, order=True)
class DocNumber:
    """A parsed document number: issuing code, year and serial number."""

    code: str
    """Issuing code, the part before the bracketed year: 石大政办发."""
    year: int
    """The bracketed year: 2021."""
    serial: int
    """The serial number within the code and year: 5."""

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.serial}号"


class DocNumberError(ValueError):
    """A string that is not a document number."""


def parse_docnumber(text: str) -> DocNumber:
    """Parse one printed document number in any bracket style.

    >>> str(parse_docnumber("石大政办发(2021) 5"))
    '石大政办发〔2021〕5号'
    """
    match = _EXACT.match(fullwidth_digits_to_ascii(text))
    if not match:
        raise DocNumberError(
            f"{text!r} is not a document number; expected code〔year〕serial号, "
            "e.g. 石大政办发〔2021〕4号"
        )
    code = re.sub(r"\s+", "", match["code"])
    return DocNumber(code, int(match["year"]), int(match["serial"]))


def try_parse_docnumber(text: str) -> DocNumber | None:
    try:
        return parse_docnumber(text)
    except DocNumberError:
        return None


@dataclass(frozen=True)
class Citation:
    """A document number found in running text."""

    number: DocNumber
    start: int
    """Offset of the first character of the printed number in the text."""
    end: int
    """Offset just after the printed number."""
    cited_title: str | None
    """The 《title》 printed right before the number, if any."""


def find_docnumbers(text: str, known_codes: frozenset[str] = frozenset()) -> list[Citation]:
    """Every document number printed in ``text``, in order of appearance.

    A run of Han characters before the bracketed year may carry words that are not part
    of the code ("根据石大党办发〔2018〕1号"). The longest known code that ends the run
    wins; otherwise common leading words are cut off.
    """
    plain = fullwidth_digits_to_ascii(text)
    found = []
    for anchor in _ANCHOR.finditer(plain):
        before = _CODE_BEFORE.search(plain, max(0, anchor.start() - 20), anchor.start())
        if before is None:
            continue
        run = before["code"]
        code = _trim_code(run, known_codes)
        start = before.start("code") + len(run) - len(code)
        found.append(
            Citation(
                number=DocNumber(code, int(anchor["year"]), int(anchor["serial"])),
                start=start,
                end=anchor.end(),
                cited_title=_title_before(plain, start),
            )
        )
    return found


def _trim_code(run: str, known_codes: frozenset[str]) -> str:
    suffixes = [code for code in known_codes if run.endswith(code)]
    if suffixes:
        return max(suffixes, key=len)
    trimmed = _LEADING_WORDS.sub("", run) or run
    if len(trimmed) > _LONGEST_CODE:
        trimmed = _LEADING_CHAR.sub("", trimmed) or trimmed
    return _SOMETIMES_FIRST.sub("", _NEVER_FIRST.sub("", trimmed))


def _title_before(text: str, start: int) -> str | None:
    head = text[:start].rstrip()
    head = head[:-1].rstrip() if head.endswith(("（", "(")) else head
    if not head.endswith("》"):
        return None
    depth = 0
    for index in range(len(head) - 1, -1, -1):
        char = head[index]
        if char == "》":
            depth += 1
        elif char == "《":
            depth -= 1
            if depth == 0:
                return head[index + 1 : -1]
    return None
