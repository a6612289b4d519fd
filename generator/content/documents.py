"""One document file: front matter (title, number, organs, dates, relations, attachments)
and body, each field checked, every problem with its file and line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.content.docnumber import DocNumber
from generator.content.files import read_text, shown_path
from generator.content.model import (
    Document,
    IssueKey,
    Lines,
)
from generator.content.privacy import find_personal_data
from generator.content.recordfields import doc_number, read_record
from generator.content.sanitize import find_relative_links, find_unsafe_html
from generator.content.schema import Fields, control_problems
from generator.content.slugs import SLUG, docnumber_slug
from generator.content.text import fullwidth_punctuation
from generator.content.yamlio import YamlError, parse
from generator.errors import Problem, warning

DOCUMENT_FIELDS = (
    "title",
    "doc_number",
    "organs",
    "date",
    "published",
    "section",
    "page",
    "order",
    "slug",
    "status",
    "repeals",
    "amends",
    "interprets",
    "corrects",
    "withdrawn",
    "attachments",
)


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """``(front matter, body, line where the body starts)`` or an error message."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return "front matter missing: the file must start with a line --- followed by the fields"
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "front matter not closed: add a line --- after the last field"


def _read_front_matter(
    path: Path, shown: str, problems: list[Problem]
) -> tuple[Fields, str, int] | None:
    """The front matter's fields, the body and the line the body starts on."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    split = split_front_matter(text)
    if isinstance(split, str):
        problems.append(Problem(shown, 1, split))
        return None
    front, body, body_line = split
    try:
        node = parse(front, first_line=2)
    except YamlError as error:
        problems.append(Problem(shown, error.line, str(error)))
        return None
    return (
        Fields(node, shown, problems, "the front matter", DOCUMENT_FIELDS, line=1),
        body,
        body_line,
    )


def load_document(
    content: Path,
    path: Path,
    key: IssueKey,
    issue_date: datetime.date | None,
    problems: list[Problem],
    mentioned: set[str] | None = None,
) -> Document | None:
    """One document; the file names its ``attachments:`` mention are added to ``mentioned``."""
    shown = shown_path(content, path)
    read = _read_front_matter(path, shown, problems)
    if read is None:
        return None
    fields, body, body_line = read
    title = fields.text("title", "区人民政府办公室关于印发…的通知")
    organs = fields.text_list("organs", "大武口区人民政府办公室")
    date = fields.date("date")
    published = fields.date("published", required=False)
    section = fields.text("section", "大武口区人民政府办公室文件")
    page = fields.integer("page", 57)
    order = fields.integer("order", 8)
    number = doc_number(fields, shown, problems)
    slug = _slug(fields, shown, problems, number)
    record = read_record(fields, path, shown, problems, date, mentioned)
    _check_dates(fields, shown, problems, number, date, published, issue_date)
    check_body(body, path, shown, body_line, problems)
    if None in (title, organs, date, section, page, order) or (number is None and slug is None):
        return None
    assert title and organs and date and section and page and order
    return Document(
        issue=key,
        source=shown,
        title=title,
        doc_number=number,
        organs=tuple(organs),
        date=date,
        section=section,
        page=page,
        order=order,
        slug=slug if slug is not None else docnumber_slug(number),  # type: ignore[arg-type]  # number is set here
        body=body.strip("\n") + "\n",
        body_line=body_line,
        lines=Lines(fields.lines() + record.relation_lines),
        published=published,
        repeals=record.relations["repeals"],
        amends=record.relations["amends"],
        interprets=record.relations["interprets"],
        corrects=record.relations["corrects"],
        status=record.status,
        withdrawn=record.withdrawn,
        attachments=record.attachments,
    )


def _slug(
    fields: Fields, shown: str, problems: list[Problem], number: DocNumber | None
) -> str | None:
    """``slug``: the URL's last part; a document without a number must have one."""
    slug = fields.text("slug", "sdzbf-2021-4", required=False)
    if slug is not None and not SLUG.match(slug):
        problems.append(
            Problem(
                shown,
                fields.line_of("slug"),
                f"slug: {slug!r} must be lowercase ASCII "
                "letters, digits and hyphens, e.g. guizhang-2021-1",
            )
        )
        return None
    missing = not fields.has("doc_number") and not fields.has("slug") and not fields.unknown
    if number is None and slug is None and missing:
        problems.append(
            Problem(
                shown,
                fields.line,
                "a document without doc_number needs a slug for its URL, "
                "e.g. slug: guizhang-2021-1",
            )
        )
    return slug


def _check_dates(
    fields: Fields,
    shown: str,
    problems: list[Problem],
    number: DocNumber | None,
    date: datetime.date | None,
    published: datetime.date | None,
    issue_date: datetime.date | None,
) -> None:
    """成文日期 before the issue, 发布日期 on or after it, the number's year near the date."""
    if date is not None and issue_date is not None and date > issue_date:
        problems.append(
            Problem(
                shown,
                fields.line_of("date"),
                f"date: {date} is after the issue's date "
                f"{issue_date}; a document is dated before it is published",
            )
        )
    if published is not None and date is not None and published < date:
        problems.append(
            Problem(
                shown,
                fields.line_of("published"),
                f"published: {published} is before date: {date}; a document is published "
                "on or after the day it is signed (成文日期)",
            )
        )
    if number is not None and date is not None and abs(number.year - date.year) > 1:
        problems.append(
            Problem(
                shown,
                fields.line_of("doc_number"),
                f"doc_number: year {number.year} of {number} is more than a year away "
                f"from date: {date}",
            )
        )


# Characters that take no room: a body of these and spaces is empty.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def check_body(body: str, path: Path, shown: str, body_line: int, problems: list[Problem]) -> None:
    """An empty body, unsafe HTML, links to files, personal data, half-width punctuation,
    control characters."""
    if not _INVISIBLE.sub("", body).strip():
        problems.append(
            Problem(shown, body_line, "empty body: the document's text goes after the front matter")
        )
    for offset, message in find_unsafe_html(body):
        problems.append(Problem(shown, body_line + offset - 1, message))
    for offset, target in find_relative_links(body):
        exists = (path.parent / target.split("#")[0]).exists()
        why = "is a file in content/, which is not published" if exists else "does not exist"
        problems.append(
            Problem(
                shown,
                body_line + offset - 1,
                f"link to {target!r}: {why}; link a web address (https://…), or write the "
                "document number, which is linked to its page automatically",
            )
        )
    check_personal_data(body, shown, body_line, problems)
    check_halfwidth_punctuation(body, shown, body_line, problems)
    check_control_characters(body, shown, body_line, problems)
    check_tables_closed(body, shown, body_line, problems)


_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)


def check_tables_closed(body: str, shown: str, first_line: int, problems: list[Problem]) -> None:
    """Every raw ``<table>`` is closed: the rest of the document would land in its last cell."""
    opened: list[int] = []
    for tag in _TABLE_TAG.finditer(body):
        line = first_line + body.count("\n", 0, tag.start())
        if not tag[1]:
            opened.append(line)
        elif opened:
            opened.pop()
        else:
            problems.append(Problem(shown, line, "</table> without a <table> before it"))
    for line in opened:
        problems.append(Problem(shown, line, "<table> is never closed: end it with </table>"))


def check_control_characters(
    body: str, shown: str, first_line: int, problems: list[Problem]
) -> None:
    """The control characters and direction overrides refused in plain text, except tabs (a
    body may hold them: tables, indented code)."""
    problems += control_problems(body, shown, first_line, "; retype the text without it")


def check_halfwidth_punctuation(
    body: str, shown: str, first_line: int, problems: list[Problem]
) -> None:
    """Warn where half-width , ; ( ) sit in Chinese text (the importer converts them)."""
    for index, line in enumerate(body.split("\n")):
        fixed = fullwidth_punctuation(line)
        if fixed == line:
            continue
        at = next(i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b)
        start = max(0, at - 8)
        problems.append(
            warning(
                shown,
                first_line + index,
                f"half-width punctuation in Chinese text: {line[start : at + 8]!r} reads "
                f"{fixed[start : at + 8]!r} with ，；（）",
            )
        )


def check_personal_data(text: str, shown: str, first_line: int, problems: list[Problem]) -> None:
    """Refuse unmasked personal data (see :mod:`generator.content.privacy`), each at its line."""
    for finding in find_personal_data(text):
        line = first_line + text.count("\n", 0, finding.start)
        problems.append(Problem(shown, line, finding.refusal))
