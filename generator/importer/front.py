"""The front of an issue: cover facts (期, 总期, date), masthead and table of contents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.content.docnumber import DocNumber, try_parse_docnumber
from generator.content.model import MASTHEAD_LISTS
from generator.content.text import squash
from generator.errors import ImportFailed, Problem
from generator.importer.cover import IssueFacts, parse_cover
from generator.importer.normalize import clean_inline, fullwidth_punctuation, normalize_title
from generator.importer.source import Line, Note

_ISSUE = re.compile(r"^(\d{4})年第(\d{1,2})期$")
_TOTAL = re.compile(r"^[（(]?总第(\d+)期[）)]?$")
# The cover may print 期 and 总期 on one line: 2022年第5期（总第34期）.
_FREQUENCY = re.compile(r"^[（(]([月旬周季]刊|半月刊|双月刊)[）)]$")
# A section heading: 【区人民政府文件】, also printed 〖…〗 or […].
SECTION = re.compile(r"^(?:【(.+)】|〖(.+)〗|［(.+)］|\[(.+)\])$")
_ENTRY = re.compile(r"^(?:[-•]\s*)?(\d{1,3})\s*[、.．]\s*(?!\d)(.*)$")
# Dotted leaders before the page number: any run of two or more leader characters
# (. ． · ・ • … ⋯ ‥ _ - － —), possibly spaced, or one ellipsis; a page number may
# also follow the text after a tab or a wide gap.
_LEADER_CHARS = r"[.．·・•‧∙⋅…⋯‥_\-－—]"
_LEADERS = re.compile(
    rf"\s*(?:(?:{_LEADER_CHARS}\s*){{2,}}|…\s*)(\d{{1,4}})?\s*$|(?:\t|\s{{2,}}|\u3000+)(\d{{1,4}})"
    rf"\s*$"
)
_ENTRY_PREFIX = re.compile(r"^(?:[-•]\s*)?\d{1,3}\s*[、.．]\s*")
_NUMBER_THEN_PAGE = re.compile(r"^(.*号)\s*(\d{1,4})$")
# A title and its document number printed on one line: "…的通知 石大政发〔2022〕12号".
_TITLE_THEN_NUMBER = re.compile(
    r"^(?P<title>.+?(?:通知|通报|意见|办法|决定|方案|规定|细则|批复|报告|函|公告|通告|决议|纪要|规"
    r"划|要点|"
    r"制度|条例|命令|请示|任免|规则|准则|守则|清单|目录|标准|计划|安排|答复|复函)[)）》”]?)\s*"
    r"(?P<number>[\u4e00-\u9fff]{2,8}\s*[〔\[［(（【﹝]\s*(?:19|20)\d\d\s*[〕\]］)）】﹞]\s*\d{1,4}"
    r"\s*号?)$"
)
_LABEL = re.compile(r"^([\u4e00-\u9fff ]{1,8}?)\s*[:：]\s*(.*)$")

MASTHEAD_LABELS = {
    "主任": "committee_director",
    "副主任": "committee_deputy_directors",
    "委员": "committee_members",
    "主编": "editor_in_chief",
    "责任编辑": "editors",
    "主管": "supervisor",
    "主办": "sponsor",
    "编辑出版": "publisher",
    "地址": "address",
    "邮政编码": "postcode",
    "电话": "phone",
    "传真": "fax",
    "邮箱": "email",
    "网址": "website",
    "印刷": "printer",
}


@dataclass
class TocEntry:
    """One numbered entry of the printed table of contents."""

    order: int
    section: str
    line: int
    title_parts: list[str] = field(default_factory=list)
    doc_number: DocNumber | None = None
    page: int | None = None

    @property
    def title(self) -> str:
        return normalize_title(" ".join(self.title_parts))

    @property
    def is_chronicle(self) -> bool:
        return "大事记" in self.title or "大事记" in self.section


@dataclass
class Front:
    facts: IssueFacts
    sections: list[str]
    entries: list[TocEntry]
    toc_end: int
    """Index (into the line list) of the first line after the table of contents."""
    masthead_lines: list[Line]
    """Cover lines before the table of contents; the block after it is parsed later."""


def parse_front(lines: list[Line], name: str, notes: list[Note]) -> Front:
    """Find the cover facts and parse the table of contents."""
    start = next((i for i, line in enumerate(lines) if clean_inline(line.text) == "目录"), None)
    if start is None:
        raise ImportFailed(
            [
                Problem(
                    name,
                    1,
                    "no table of contents: expected a line 目录 "
                    "followed by entries such as 1、…通知 / 石大政办发〔2021〕4号……57",
                )
            ]
        )
    facts = parse_cover(lines[:start], name)
    sections, entries, end = _parse_toc(lines, start, name, notes)
    return Front(facts, sections, entries, end, lines[:start])


def _parse_toc(
    lines: list[Line], start: int, name: str, notes: list[Note]
) -> tuple[list[str], list[TocEntry], int]:
    """Sections, entries and the index of the first line after the table of contents.

    Entries are numbered (1、 1. 1．) or, in a TOC without numbers, start with the first
    line after a complete entry. A title may wrap over any number of lines; the document
    number follows on its own line or at the end of the title's last line; the page number
    follows dotted leaders of any length and character, a wide gap, or stands alone.
    """
    sections: list[str] = []
    entries: list[TocEntry] = []
    current: TocEntry | None = None
    numbered: bool | None = None
    unread: Line | None = None
    index = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        text = clean_inline(line.text)
        if not text or text == "目录":
            continue
        if entries and _ends_toc(text, entries):
            break
        if match := SECTION.match(text):
            _drop_unfinished(entries, numbered, notes)
            sections.append(next(group for group in match.groups() if group).strip())
            current = None
            continue
        entry_match = _ENTRY.match(text)
        if numbered is None and sections:
            numbered = entry_match is not None
        if entry_match and numbered:
            current = TocEntry(int(entry_match[1]), sections[-1], line.number)
            entries.append(current)
            _take_title(current, _strip_entry_number(line.text))
        elif numbered is False and (current is None or current.page is not None):
            current = TocEntry(len(entries) + 1, sections[-1], line.number)
            entries.append(current)
            _take_title(current, line.text)
        elif not sections and entry_match:
            message = (
                f"TOC entry {text!r} comes before any section heading such as 【大武口区委文件】"
            )
            if unread is not None:
                message += f"; line {unread.number}, {unread.text.strip()!r}, was not read as one"
            raise ImportFailed([Problem(name, line.number, message)])
        elif current is not None and current.page is None:
            _continue_entry(current, line, text, notes)
        else:
            if not sections:
                unread = line
            notes.append(
                Note(line.number, "toc", f"ignored line in the table of contents: {text!r}")
            )
    else:
        index = len(lines)
    _drop_unfinished(entries, numbered, notes)
    _check_entries(entries, lines[start].number, name)
    return sections, entries, index


def _continue_entry(current: TocEntry, line: Line, text: str, notes: list[Note]) -> None:
    """A line that goes on with the entry before it: its 文号, its page number or its title."""
    left, page = _split_leaders(line.text)
    if current.doc_number is None:
        if (number := _toc_docnumber(left)) is not None:
            current.doc_number, current.page = number, page
        elif (both := _NUMBER_THEN_PAGE.match(left)) and (number := _toc_docnumber(both[1])):
            current.doc_number, current.page = number, int(both[2])
        elif left.isdigit() and current.title_parts:
            current.page = int(left)
        else:
            _take_title(current, line.text)
    elif left.isdigit():
        current.page = int(left)
    else:
        notes.append(Note(line.number, "toc", f"ignored line in the table of contents: {text!r}"))


def _check_entries(entries: list[TocEntry], line: int, name: str) -> None:
    """Refuse a table of contents without entries, or with entries misnumbered, without a
    page number or with pages going back."""
    if not entries:
        raise ImportFailed(
            [
                Problem(
                    name,
                    line,
                    "no recognisable table of contents after 目录: expected "
                    "【section】 headings and numbered entries such as 1、…的通知",
                )
            ]
        )
    problems = []
    for position, entry in enumerate(entries, 1):
        if entry.order != position:
            problems.append(
                Problem(name, entry.line, f"TOC entry numbered {entry.order}, expected {position}")
            )
        if entry.page is None:
            problems.append(
                Problem(
                    name, entry.line, f"TOC entry {entry.order} ({entry.title}) has no page number"
                )
            )
        before = entries[position - 2] if position > 1 else None
        if before and before.page and entry.page and entry.page < before.page:
            problems.append(
                Problem(
                    name,
                    entry.line,
                    f"TOC entry {entry.order} starts on page {entry.page}, before entry "
                    f"{before.order} (page {before.page}): check the page numbers against the "
                    "printed issue",
                )
            )
    if problems:
        raise ImportFailed(problems)


_LONGEST_CODE = 8


def _toc_docnumber(text: str) -> DocNumber | None:
    """A line that is only a document number; a title wrapped onto it is not a code."""
    number = try_parse_docnumber(text)
    return number if number is not None and len(number.code) <= _LONGEST_CODE else None


def _strip_entry_number(raw: str) -> str:
    return _ENTRY_PREFIX.sub("", raw.strip(), count=1)


def _drop_unfinished(entries: list[TocEntry], numbered: bool | None, notes: list[Note]) -> None:
    """In a TOC without numbers, a line that never got a page number was not an entry."""
    if numbered is False and entries and entries[-1].page is None:
        stray = entries.pop()
        notes.append(
            Note(stray.line, "toc", f"ignored line in the table of contents: {stray.title!r}")
        )


def _take_title(entry: TocEntry, raw: str) -> None:
    left, page = _split_leaders(raw)
    if entry.doc_number is None and (both := _TITLE_THEN_NUMBER.match(left)):
        number = _toc_docnumber(both["number"])
        if number is not None:
            entry.title_parts.append(both["title"])
            entry.doc_number = number
            entry.page = page
            return
    if left:
        entry.title_parts.append(left)
    if page is not None:
        entry.page = page


def _split_leaders(raw: str) -> tuple[str, int | None]:
    """Text and page number of a TOC line, the leaders between them dropped."""
    raw = raw.strip()
    match = _LEADERS.search(raw)
    if not match:
        return fullwidth_punctuation(clean_inline(raw)), None
    page = match[1] or match[2]
    return fullwidth_punctuation(clean_inline(raw[: match.start()])), int(page) if page else None


def _ends_toc(text: str, entries: list[TocEntry]) -> bool:
    """The masthead block or the first document's title (or its first line) follows the TOC."""
    label = _LABEL.match(text)
    if label and squash(label[1]) in MASTHEAD_LABELS:
        return True
    first = entries[0]
    if not first.title_parts:
        return False
    flat, title = squash(text), squash(first.title)
    if flat == title:
        return True
    complete = all(entry.page is not None for entry in entries)
    return complete and len(flat) >= 8 and title.startswith(flat) and not _ENTRY.match(text)


def parse_masthead(lines: list[Line]) -> dict[str, str | list[str]]:
    """Label: value lines, with values continued on the lines that follow."""
    masthead: dict[str, str | list[str]] = {}
    key: str | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        label = _LABEL.match(text)
        if label and squash(label[1]) in MASTHEAD_LABELS:
            key = MASTHEAD_LABELS[squash(label[1])]
            masthead[key] = [] if key in MASTHEAD_LISTS else ""
            _append(masthead, key, label[2])
        elif match := _FREQUENCY.match(squash(text)):
            masthead["frequency"] = match[1]
            key = None
        elif key is not None and not (_ISSUE.match(squash(text)) or _TOTAL.match(squash(text))):
            _append(masthead, key, text)
        else:
            key = None
    return masthead


def _append(masthead: dict[str, str | list[str]], key: str, text: str) -> None:
    text = text.strip()
    if not text:
        return
    value = masthead[key]
    if isinstance(value, list):
        tokens = text.split()
        names = ["".join(tokens)] if all(len(token) == 1 for token in tokens) else tokens
        value.extend(names)
    else:
        text = text.strip("<>") if key == "website" else text
        masthead[key] = value + squash(text)
