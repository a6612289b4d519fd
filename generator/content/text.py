"""Text helpers the loader, the importer and the site share: the Han character class,
full-width digits and punctuation, whitespace-free comparison.

Everything here is a function of its arguments: no I/O, no global state.
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Character class body for Han characters (CJK unified ideographs and extensions A)."""

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")
_CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】…—"
_CHINESE = re.compile(rf"[{HAN}{_CJK_PUNCT}]")
_COMMA_SEMICOLON = re.compile(r"\s*([,;])\s*")
_PAIR = re.compile(r"\(([^()]{0,400})\)")
_FULL = {",": "，", ";": "；", "(": "（", ")": "）"}


def fullwidth_digits_to_ascii(text: str) -> str:
    """Turn full-width digits (０-９) into ASCII digits."""
    # str.translate looks up every character in Python; most texts have no full-width digit.
    if _FULLWIDTH_DIGIT.search(text) is None:
        return text
    return text.translate(_FULLWIDTH_DIGITS)


def squash(text: str) -> str:
    """Drop all whitespace: the form used to compare titles printed with different wrapping."""
    return re.sub(r"\s+", "", text)


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
        after = text[match.end() :][:1]
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
