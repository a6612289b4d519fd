"""Clean-up of imported text: the spaces OCR and typesetting leave (letter-spaced names,
spaces around numbers, inside dates and times), title lines, and half-width punctuation
inside Chinese text.

Each function returns the new text; :func:`tidy` also says which kinds of change it made,
so the review report can count them.
"""

from __future__ import annotations

import re

from generator.content.text import HAN, fullwidth_digits_to_ascii, fullwidth_punctuation, squash
from generator.importer.patterns import ORGAN_SUFFIX

# A run of single Han characters separated by single spaces: "汤 瑞", "副 组 长".
# Chinese rosters pad two-character names to the width of three; the OCR keeps the padding.
_LETTER_SPACED = re.compile(rf"(?<![{HAN}])[{HAN}](?: [{HAN}])+(?![{HAN}])")
# Blank date fields of forms ("年 月 日") are spaced on purpose: leave them alone.
_FORM_BLANKS = set("年月日")

# Long digit runs (phone numbers) keep their space: "王海北 18152378870".
_SPACE_BEFORE_DIGIT = re.compile(
    rf"(?<=[{HAN}，。、：；（）《》“”〔〕])[ \u3000]+(?=[0-9]{{1,6}}(?![0-9]))"
)
_SPACE_AFTER_DIGIT = re.compile(
    rf"(?<=[0-9%])(?<![0-9]{{7}})[ \u3000]+(?=[{HAN}，。、：；（）《》“”〔〕])"
)
_HALFWIDTH_ORDINAL = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*")
_SPACE_INSIDE_BRACKETS = re.compile(r"(?<=[〔\[［])\s+|\s+(?=[〕\]］])")
# 2022. 10. 31 / 1992. 11. / 2021 .6: a year, then one or two dotted parts.
_DOTTED_DATE = re.compile(
    r"(?<![0-9.．])(?:19|20)\d\d(?:\s*[.．]\s*\d{1,2}(?![0-9])){1,2}(?:\s*[.．](?![0-9]))?"
)
# 10 : 30 / 8: 00 — a time of day.
_TIME = re.compile(r"(?<![0-9])(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?![0-9])")


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
    return bool(text) and bool(ORGAN_SUFFIX.search(text)) and not re.search(r"[《“（(，。]", text)
