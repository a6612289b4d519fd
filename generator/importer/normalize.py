"""Typographic clean-up of imported text: OCR spaces inside dates and times, and
half-width punctuation inside Chinese text.

Each function returns the new text; :func:`tidy` also says which kinds of change it made,
so the review report can count them.
"""

from __future__ import annotations

import re

from generator.content.text import HAN

# 2022. 10. 31 / 1992. 11. / 2021 .6: a year, then one or two dotted parts.
_DOTTED_DATE = re.compile(r"(?<![0-9.．])(?:19|20)\d\d(?:\s*[.．]\s*\d{1,2}(?![0-9])){1,2}(?:\s*[.．](?![0-9]))?")
# 10 : 30 / 8: 00 — a time of day.
_TIME = re.compile(r"(?<![0-9])(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?![0-9])")

_CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】…—"
_CHINESE = re.compile(rf"[{HAN}{_CJK_PUNCT}]")
_COMMA_SEMICOLON = re.compile(r"\s*([,;])\s*")
_PAIR = re.compile(r"\(([^()]{0,400})\)")
_FULL = {",": "，", ";": "；", "(": "（", ")": "）"}


def tidy(text: str) -> tuple[str, list[str]]:
    """The cleaned text and the kinds of change made (``spacing``, ``punctuation``)."""
    kinds = []
    spaced = join_spaced_numbers(text)
    if spaced != text:
        kinds.append("spacing")
    punctuated = fullwidth_punctuation(spaced)
    if punctuated != spaced:
        kinds.append("punctuation")
    return punctuated, kinds


def join_spaced_numbers(text: str) -> str:
    """``2022. 10. 31`` → ``2022.10.31``; ``10 : 30`` → ``10:30``."""

    def join(match: re.Match[str]) -> str:
        return re.sub(r"\s+", "", match.group(0))

    return _TIME.sub(join, _DOTTED_DATE.sub(join, text))


def _chinese(char: str) -> bool:
    return bool(char) and _CHINESE.match(char) is not None


def fullwidth_punctuation(text: str) -> str:
    """Half-width ``, ; ( )`` next to Chinese text become ``，；（）``.

    A comma or semicolon turns when the character before or after it (spaces aside) is
    Chinese, so ``1,000``, ``a,b`` and URLs keep theirs; a bracket pair turns when it
    encloses Chinese text (``(单位)``), so ``(0952)`` and ``A(1)`` keep theirs.

    >>> fullwidth_punctuation("各部门(单位), 要在2021年(含)前完成; 电话(0952)2033625, 共1,000人")
    '各部门（单位），要在2021年（含）前完成；电话(0952)2033625，共1,000人'
    """

    if not any(char in text for char in ",;()"):
        return text

    def comma(match: re.Match[str]) -> str:
        before = text[: match.start()].rstrip()[-1:]
        after = text[match.end():][:1]
        if _chinese(before) or _chinese(after):
            return _FULL[match[1]]
        return match.group(0)

    text = _COMMA_SEMICOLON.sub(comma, text)

    def pair(match: re.Match[str]) -> str:
        if _CHINESE.search(match[1]):
            return f"\x00（{match[1].strip()}）\x01"
        return match.group(0)

    previous = None
    while previous != text:
        previous, text = text, _PAIR.sub(pair, text)
    # Full-width brackets carry their own spacing: "街道 (乡镇)" → "街道（乡镇）".
    text = re.sub(r"\s*\x00", "", re.sub(r"\x01\s*", "", text))
    # A bracket whose partner is on another line: turn it when Chinese text is inside it.
    text = re.sub(rf"\((?=\s*[{HAN}])(?![^()（）]*\))", "（", text)
    return re.sub(rf"(?<=[{HAN}])\)", "）", text)
