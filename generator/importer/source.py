"""The OCR export as numbered lines, and the review report the importer builds up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.files import decode_text
from generator.errors import ImportFailed, Problem

_CHECKBOX = re.compile(r"<input\s+type=\"checkbox\"\s*/?>", re.IGNORECASE)


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


def read_source(data: bytes, name: str) -> list[Line]:
    """Decode the export; a file that is not UTF-8 or holds no text is refused."""
    text = decode_text(data, name, "export the OCR text as UTF-8")
    if isinstance(text, Problem):
        raise ImportFailed([text])
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailed(
            [Problem(name, 1, "the file is empty; expected the OCR text of one issue")]
        )
    return [Line(number, _CHECKBOX.sub("☐", raw)) for number, raw in enumerate(text.split("\n"), 1)]
