"""Pure text helpers shared by the importer, the loader and the renderer.

Everything here is a function of its arguments: no I/O, no global state.
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Character class body for Han characters (CJK unified ideographs and extensions A)."""

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")

# A run of single Han characters separated by single spaces: "汤 瑞", "副 组 长".
# Chinese rosters pad two-character names to the width of three; the OCR keeps the padding.
_LETTER_SPACED = re.compile(rf"(?<![{HAN}])[{HAN}](?: [{HAN}])+(?![{HAN}])")
# Blank date fields of forms ("年 月 日") are spaced on purpose: leave them alone.
_FORM_BLANKS = set("年月日")

# Long digit runs (phone numbers) keep their space: "王海北 18152378870".
_SPACE_BEFORE_DIGIT = re.compile(rf"(?<=[{HAN}，。、：；（）《》“”〔〕])[ \u3000]+(?=[0-9]{{1,6}}(?![0-9]))")
_SPACE_AFTER_DIGIT = re.compile(rf"(?<=[0-9%])(?<![0-9]{{7}})[ \u3000]+(?=[{HAN}，。、：；（）《》“”〔〕])")
_HALFWIDTH_ORDINAL = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*")
_SPACE_INSIDE_BRACKETS = re.compile(r"(?<=[〔\[［])\s+|\s+(?=[〕\]］])")



def fullwidth_digits_to_ascii(text: str) -> str:
    """Turn full-width digits (０-９) into ASCII digits."""
    # str.translate looks up every character in Python; most texts have no full-width digit.
    if _FULLWIDTH_DIGIT.search(text) is None:
        return text
    return text.translate(_FULLWIDTH_DIGITS)


def collapse_letter_spacing(text: str) -> str:
    """Join single Han characters that typesetting spread apart: "汤 瑞" → "汤瑞".

    >>> collapse_letter_spacing("责任领导：苏焕喜、汤 瑞")
    '责任领导：苏焕喜、汤瑞'
    >>> collapse_letter_spacing("填报日期: 年 月 日")
    '填报日期: 年 月 日'
    """

    def join(match: re.Match[str]) -> str:
        chars = match.group(0).split(" ")
        if set(chars) <= _FORM_BLANKS:
            return match.group(0)
        return "".join(chars)

    return _LETTER_SPACED.sub(join, text)


def normalize_spacing(text: str) -> str:
    """Remove the spaces OCR puts between Han text and numbers: "2021 年 3 月" → "2021年3月"."""
    text = _SPACE_BEFORE_DIGIT.sub("", text)
    text = _SPACE_AFTER_DIGIT.sub("", text)
    return _SPACE_INSIDE_BRACKETS.sub("", text)


def clean_inline(text: str) -> str:
    """The spacing clean-up every imported line gets; "(一) " becomes "（一）"."""
    text = _HALFWIDTH_ORDINAL.sub(r"（\1）", text.strip())
    return collapse_letter_spacing(normalize_spacing(text))


def join_wrapped_cell(text: str) -> str:
    """A short table cell wrapped inside its box: "帮扶区 级领导" → "帮扶区级领导"."""
    if len(squash(text)) > 12:
        return text
    return re.sub(rf"(?<=[{HAN}])\s+(?=[{HAN}])", "", text)


def squash(text: str) -> str:
    """Drop all whitespace: the form used to compare titles printed with different wrapping."""
    return re.sub(r"\s+", "", text)


_ORGAN_SUFFIX = re.compile(r"(?:办公室|委员会|人民政府|政府|委|局|厅|部|院|办)$")


def normalize_title(text: str) -> str:
    """One-line title without stray spaces.

    Spaces left by line breaks disappear; the one space printed between the issuing
    organs of a joint document ("中共大武口区委办公室 区人民政府办公室关于…") stays.
    """
    parts = fullwidth_digits_to_ascii(text).split()
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        next_organ = part.split("关于")[0]
        in_organ_list = "关于" not in out and _is_organ_name(out.split(" ")[-1])
        out += (" " if in_organ_list and _is_organ_name(next_organ) else "") + part
    return out


def _is_organ_name(text: str) -> bool:
    return bool(text) and bool(_ORGAN_SUFFIX.search(text)) and not re.search(r"[《“（(，。]", text)


def first_sentence(text: str, limit: int) -> str:
    """Plain text cut at a sentence end near ``limit`` characters, for descriptions."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind("。"), cut.rfind("；"))
    if end >= limit // 2:
        return cut[: end + 1]
    return cut.rstrip("，、：；") + "…"
