"""The OCR export as numbered lines, and the review report the importer builds up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.files import SIZE_LIMIT, decode_text
from generator.content.schema import control_problems
from generator.errors import ImportFailed, Problem

_CHECKBOX = re.compile(r"<input\s+type=\"checkbox\"\s*/?>", re.IGNORECASE)
# Spaces word processors write in other forms: a no-break space, the typographic spaces;
# each becomes a plain space (tabs stay: they separate a table's cells). Invisible marks
# (zero-width space, soft hyphen, a byte-order mark inside the text) go.
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
_INVISIBLE = re.compile(r"[\u200b\u00ad\ufeff]")
# Control characters are not text: a file holding one is damaged (form feeds, page
# breaks of some exports, are kept: they read as blank).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Line:
    """One line of the source, numbered from 1."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, order=True)
class Note:
    """One entry of the review report: what the importer changed or could not decide."""

    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: [{self.kind}] {self.message}"


def masking_note(line: int, label: str, masked: str) -> Note:
    """The review note for private data the import masked (OCR text and .docx/PDF alike)."""
    return Note(line, "personal-data", f"masked a private {label}: {masked}")


def read_source(data: bytes, name: str) -> list[Line]:
    """Decode the export; a file that is not UTF-8, holds no text or is too long to be one
    issue's text (the copy kept in the issue folder would be refused by check) is refused."""
    if len(data) > SIZE_LIMIT:
        raise ImportFailed(
            [
                Problem(
                    name,
                    1,
                    f"file is {len(data):,} bytes, over the limit of {SIZE_LIMIT:,} for one "
                    "issue's text; export one issue at a time",
                )
            ]
        )
    text = decode_text(data, name, "export the OCR text as UTF-8")
    if isinstance(text, Problem):
        raise ImportFailed([text])
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailed(
            [Problem(name, 1, "the file is empty; expected the OCR text of one issue")]
        )
    advice = ": the file is damaged; export the OCR text again or delete the character"
    problems = control_problems(text, name, 1, advice, _CONTROL)
    if problems:
        raise ImportFailed(problems)
    text = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    return [Line(number, _CHECKBOX.sub("☐", raw)) for number, raw in enumerate(text.split("\n"), 1)]
