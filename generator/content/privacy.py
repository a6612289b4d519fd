"""What counts as personal data in the gazette, and how it is masked.

A gazette publishes names; it must not publish how to reach a private person. One rule,
used by the importer (mask, and report each masking), by ``check`` (refuse what is not
masked) and by the renderer (mask again, in case a forced build lets something through):

* mobile numbers, in any spelling (``139 1234 5678``, ``139-1234-5678``, ``+86``, full-width
  digits): the first three and last four digits stay, ``139****5678``;
* landline numbers with an area code (``0952-2012345``, ``（0952）2012345``) or after 电话/
  手机/座机/联系方式: the area code and the first three digits stay, ``0952-201****``;
* resident ID numbers (18 characters, the last may be X, also spaced 6-8-4 or 6-4-4-4; or the
  first generation's 15 digits with a real birth date): the last four stay;
* bank card numbers (16–19 digits, also in groups of four): the last four stay;
* home addresses below the residential compound: building-unit-flat numbers
  (``文鹏小区37-3-2``, ``天盛隆3-303``, ``2号楼3单元402``, ``综合楼405``): the compound and the
  street stay, every digit and letter of the number becomes ``*`` (``文鹏小区**-*-*``).

Masked text contains no digits where the number was, so masking is idempotent and ``check``
never flags its own output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.content.text import HAN

KINDS = {
    "id-card": "ID card number",
    "bank-card": "bank card number",
    "mobile": "mobile number",
    "landline": "landline number",
    "address": "home address",
}
"""Kinds of personal data, in the order they are looked for (earlier kinds win an overlap)."""

# Detection runs on a copy with full-width digits, letters, hyphens and spaces made ASCII,
# one character for one, so positions are the same in the original text.
_NORMAL = str.maketrans(
    "０１２３４５６７８９ＸｘＡＢＣＤＥＦ－—–　\u00a0\u2009\u200b（）＋．",
    "0123456789XxABCDEF---    ()+.",
)
_SEP = r"[ .-]?"
# 附件1-2、表2-1、图3-102、第1-3条 number parts of the document, not flats.
_NOT_A_REFERENCE = "(?<!附件)(?<!表)(?<!图)(?<!第)(?<!条)(?<!款)(?<!项)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "id-card": re.compile(
        r"(?<![0-9A-Za-z])[1-9][0-9]{5}[ -]?(?:[0-9]{8}|[0-9]{4}[ -][0-9]{4})[ -]?[0-9]{3}[0-9Xx]"
        r"(?![0-9A-Za-z])"
        # the first-generation number: 15 digits, the birth date as YYMMDD after the area
        r"|(?<![0-9A-Za-z])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
        r"[0-9]{3}(?![0-9A-Za-z])"
    ),
    "bank-card": re.compile(r"(?<![0-9])(?:[0-9]{4}[ -]?){3}[0-9]{4}(?:[ -]?[0-9]{1,3})?(?![0-9])"),
    # 11 digits from 13–19 (OCR sometimes drops one: 10 are taken too), optionally +86.
    "mobile": re.compile(
        rf"(?<![0-9])(?:\+?86{_SEP})?1[3-9][0-9](?:{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}}|[0-9]{{7}})"
        r"(?![0-9])"
    ),
    "landline": re.compile(
        r"(?:(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3}[ -]?)"
        r"|(?:电话|手机|座机|联系方式|传真|[Tt][Ee][Ll])[:： ]*)"
        r"[2-9][0-9]{2}[ -]?[0-9]{4,5}(?![0-9])"
    ),
    "address": re.compile(
        rf"{_NOT_A_REFERENCE}(?<=[{HAN}]) ?[A-Za-z]?[0-9]{{1,3}}"
        rf"(?:-[A-Za-z]?[0-9]{{1,4}}){{2,3}}(?![0-9-]|年)"
        # 3-303, 4-1014
        rf"|{_NOT_A_REFERENCE}(?<=[{HAN}]) ?[A-Za-z]?[0-9]{{1,3}}-[0-9]{{3,4}}(?![0-9-]|年)"
        r"|(?<=[街路巷道院村队东西南北]) ?[0-9]{1,4}-[0-9]{1,4}(?![0-9-])"  # 建设西街2-1
        # 2号楼402
        r"|[0-9]{1,4}(?:号楼|栋|幢|座)(?:[0-9]{1,2}单元)?[0-9]{1,2}0[0-9]{1,2}(?:室|号)?(?![0-9])"
        r"|[0-9]{1,4}(?:号楼|栋|幢|座|号院)[0-9]{1,2}单元[0-9]{1,4}(?:室|号)?"  # 2号楼3单元402
        r"|[0-9]{1,2}单元[0-9]{1,4}(?:室|号)"  # 3单元402室
        r"|(?<=楼)[0-9]{3,4}(?:室)?(?![0-9])"  # 综合楼405
    ),
}


@dataclass(frozen=True)
class Finding:
    """One piece of unmasked personal data in a text."""

    kind: str
    start: int
    end: int
    text: str
    masked: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def refusal(self) -> str:
        """What ``check`` says of it: ``unmasked mobile number 181…: write it as 181****8870``."""
        return f"unmasked {self.label} {self.text[:3]}…: write it as {self.masked}"


def _stars(text: str, keep_start: int = 0, keep_end: int = 0) -> str:
    """Digits and letters between the kept ends become ``*``; separators stay."""
    positions = [
        i
        for i, char in enumerate(text)
        if char.isalnum() and char.isascii() or "０" <= char <= "９"
    ]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hidden else char for i, char in enumerate(text))


def _mask(kind: str, text: str) -> str:
    if kind == "mobile":
        # The first three digits (after +86) and the last four stay; what is between them
        # becomes **** whatever its length, as the gazette prints it: 159****2302.
        digits = [i for i, char in enumerate(text.translate(_NORMAL)) if char.isdigit()]
        prefix = 2 if len(digits) > 11 else 0
        start, end = digits[prefix + 2] + 1, digits[-4]
        return text[:start] + re.sub(r"[0-9０-９]+", "****", text[start:end]) + text[end:]
    if kind == "landline":
        local = re.search(r"[2-9][0-9]{2}[ -]?[0-9]{4,5}$", text.translate(_NORMAL))
        assert local is not None
        return text[: local.start() + 3] + _stars(text[local.start() + 3 :])
    if kind in ("id-card", "bank-card"):
        return _stars(text, keep_end=4)
    # An address keeps the Chinese words (号楼, 单元, 室) and masks every number in it.
    return re.sub(r"[0-9A-Za-z０-９]", "*", text)


# Every kind above needs one of these: seven digits in a row, digits joined by a space or a
# hyphen, or a building word. Most lines of a body have none, and are passed over at once.
_MAYBE = re.compile(
    r"[0-9０-９]{7}|[0-9０-９][ \-－—–.．\u00a0\u2009\u200b][0-9０-９]"
    r"|号楼|栋|幢|单元|楼[0-9０-９]{3}|[0-9０-９]座"
)


def find_personal_data(text: str) -> list[Finding]:
    """Every unmasked piece of personal data in ``text``, in order of position.

    No kind spans a line break, so a long text is searched line by line, and only the
    lines that may hold something (:data:`_MAYBE`) are searched at all."""
    if _MAYBE.search(text) is None:
        return []
    if "\n" not in text:
        return _find_in_line(text)
    found: list[Finding] = []
    offset = 0
    for line in text.split("\n"):
        if _MAYBE.search(line) is not None:
            found.extend(
                replace(finding, start=finding.start + offset, end=finding.end + offset)
                for finding in _find_in_line(line)
            )
        offset += len(line) + 1
    return found


def _find_in_line(text: str) -> list[Finding]:
    normal = text.translate(_NORMAL)
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS.items():
        for match in pattern.finditer(normal):
            start, end = match.span()
            while start < end and normal[start] == " ":
                start += 1
            if kind == "landline":
                start = _landline_start(normal, start, end)
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            original = text[start:end]
            found.append(Finding(kind, start, end, original, _mask(kind, original)))
    return sorted(found, key=lambda finding: finding.start)


def _landline_start(normal: str, start: int, end: int) -> int:
    """A number found after 电话 starts at its first digit or bracket, not at the keyword."""
    number = re.search(r"[(0-9]", normal[start:end])
    return start + number.start() if number else start


def mask_personal_data(text: str) -> str:
    """``text`` with every piece of personal data masked; idempotent."""
    out = []
    position = 0
    for finding in find_personal_data(text):
        out.append(text[position : finding.start])
        out.append(finding.masked)
        position = finding.end
    out.append(text[position:])
    return "".join(out)


# Masking stars as the privacy rule writes them (139****5678, **-*-*, *号楼*单元***室,
# **** **** **** 7890, **************002X): a whole run of stars after a kept digit or
# letter, before a separator or an address word, or (three or more: ** is bold) before kept
# digits. Markdown would read them as emphasis and eat them.
MASK_RUN = (
    r"(?:(?<=[0-9０-９A-Za-z\-－.．])|(?<=[0-9０-９A-Za-z*] ))(?<![*\\])\*+(?!\*)"
    r"|(?<![*\\])\*{3,}(?!\*)(?=\s?[0-9０-９A-Za-z*])"
    r"|(?<![*\\])\*+(?!\*)(?=[-－.．]|号楼|栋|幢|单元|室|座)"
)
"""The masking stars in a text (a regular expression), for Markdown to leave them stars."""
