"""One document file: front matter (title, number, organs, dates, relations, attachments)
and body, each field checked, every problem with its file and line."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.content.docnumber import DocNumber, DocNumberError, parse_docnumber
from generator.content.files import read_text, shown_path
from generator.content.model import (
    RELATIONS,
    STATUSES,
    Attachment,
    Document,
    IssueKey,
    Lines,
    Withdrawal,
)
from generator.content.printed import read_attachment
from generator.content.privacy import find_personal_data
from generator.content.sanitize import find_relative_links, find_unsafe_html
from generator.content.schema import Fields, describe
from generator.content.slugs import SLUG, docnumber_slug
from generator.content.text import fullwidth_punctuation
from generator.content.yamlio import STR_TAG, Scalar, Sequence, YamlError, parse
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
ATTACHMENT_FIELDS = ("file", "title")
WITHDRAWN_FIELDS = ("date", "reason")


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
    slug = _slug(fields, shown, problems)
    number = _doc_number(fields, shown, problems)
    status = _status(fields, shown, problems)
    relations = {name: _doc_number_list(fields, name, shown, problems) for name in RELATIONS}
    withdrawn = _withdrawal(fields, shown, problems, date)
    attachments = _attachments(
        fields, path.parent, shown, problems, mentioned if mentioned is not None else set()
    )
    relation_lines = tuple(
        (f"{name}#{index}", line)
        for name, (_, item_lines) in relations.items()
        for index, line in enumerate(item_lines)
    )
    if (
        number is None
        and slug is None
        and not fields.has("doc_number")
        and not fields.has("slug")
        and not fields.unknown
    ):
        problems.append(
            Problem(
                shown,
                fields.line,
                "a document without doc_number needs a slug for its "
                "URL, e.g. slug: guizhang-2021-1",
            )
        )
    _check_dates(fields, shown, problems, number, date, published, issue_date)
    check_body(body, path, shown, body_line, problems)
    if title is not None:
        check_personal_data(title, shown, fields.line_of("title"), problems)
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
        lines=Lines(fields.lines() + relation_lines),
        published=published,
        repeals=relations["repeals"][0],
        amends=relations["amends"][0],
        interprets=relations["interprets"][0],
        corrects=relations["corrects"][0],
        status=status,
        withdrawn=withdrawn,
        attachments=attachments,
    )


def _slug(fields: Fields, shown: str, problems: list[Problem]) -> str | None:
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
    return slug


def _status(fields: Fields, shown: str, problems: list[Problem]) -> str | None:
    status = fields.text("status", "现行有效", required=False)
    if status is not None and status not in STATUSES:
        problems.append(
            Problem(
                shown,
                fields.line_of("status"),
                f"status: {status!r} is not one of {', '.join(STATUSES)}",
            )
        )
        return None
    return status


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


def check_body(body: str, path: Path, shown: str, body_line: int, problems: list[Problem]) -> None:
    """An empty body, unsafe HTML, links to files, personal data, half-width punctuation."""
    if not body.strip():
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


def _doc_number(fields: Fields, shown: str, problems: list[Problem]) -> DocNumber | None:
    raw = fields.text("doc_number", "石大政办发〔2021〕4号", required=False)
    if raw is None:
        return None
    try:
        number = parse_docnumber(raw)
    except DocNumberError as error:
        problems.append(Problem(shown, fields.line_of("doc_number"), f"doc_number: {error}"))
        return None
    if str(number) != raw:
        problems.append(
            Problem(
                shown,
                fields.line_of("doc_number"),
                f"doc_number: write {raw!r} as {str(number)!r} "
                "(〔〕 brackets, no spaces, ending in 号)",
            )
        )
    return number


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


def _attachments(
    fields: Fields, folder: Path, shown: str, problems: list[Problem], mentioned: set[str]
) -> tuple[Attachment, ...]:
    """``attachments:``: a list of ``{file, title}``, files kept in the issue folder's
    ``files/``."""
    node = fields.node("attachments")
    if node is None:
        return ()
    if not isinstance(node, Sequence) or not node.items:
        problems.append(
            Problem(
                shown,
                node.line,
                "attachments: expected a list of - file: fujian-1.xlsx / "
                f"title: 附件1…, found {describe(node)}",
            )
        )
        return ()
    attachments: list[Attachment] = []
    for item in node.items:
        sub = Fields(item, shown, problems, "an attachment", ATTACHMENT_FIELDS, line=item.line)
        name = sub.text("file", "fujian-1.xlsx")
        title = sub.text("title", "附件1：2021年重点项目表")
        if name is not None:
            mentioned.add(name)
        if name is None or title is None:
            continue
        if any(other.file.name == f"files/{name}" for other in attachments):
            problems.append(
                Problem(shown, sub.line_of("file"), f"attachments: {name} is listed twice")
            )
            continue
        attachment = read_attachment(folder, name, title, shown, sub.line_of("file"), problems)
        if attachment is not None:
            attachments.append(attachment)
    return tuple(attachments)


def _withdrawal(
    fields: Fields, shown: str, problems: list[Problem], signed: datetime.date | None
) -> Withdrawal | None:
    """``withdrawn: {date, reason}``: when and why the document was withdrawn (撤回)."""
    node = fields.node("withdrawn")
    if node is None:
        return None
    sub = Fields(node, shown, problems, "withdrawn", WITHDRAWN_FIELDS, line=node.line)
    date = sub.date("date")
    reason = sub.text("reason", "该文件已被撤回，停止执行")
    if date is not None and signed is not None and date < signed:
        problems.append(
            Problem(
                shown,
                sub.line_of("date"),
                f"date: {date} is before date: {signed} (成文日期); "
                "a document is withdrawn after it is signed",
            )
        )
        return None
    if date is None or reason is None:
        return None
    return Withdrawal(date, reason)


def _doc_number_list(
    fields: Fields, name: str, shown: str, problems: list[Problem]
) -> tuple[tuple[DocNumber, ...], tuple[int, ...]]:
    """A relation field: a list of document numbers in the normal form, with the line of each."""
    node = fields.node(name)
    if node is None:
        return (), ()
    if not isinstance(node, Sequence) or not node.items:
        problems.append(
            Problem(
                shown,
                node.line,
                f"{name}: expected a list of document numbers, e.g.\n"
                f"  {name}:\n    - 石大政发〔2021〕1号\nfound {describe(node)}",
            )
        )
        return (), ()
    numbers: list[DocNumber] = []
    lines: list[int] = []
    for item in node.items:
        if not isinstance(item, Scalar) or item.tag != STR_TAG or not item.value.strip():
            problems.append(
                Problem(
                    shown,
                    item.line,
                    f"{name}: every entry must be a document number, e.g. "
                    f"- 石大政发〔2021〕1号; found {describe(item)}",
                )
            )
            continue
        raw = item.value.strip()
        try:
            number = parse_docnumber(raw)
        except DocNumberError as error:
            problems.append(Problem(shown, item.line, f"{name}: {error}"))
            continue
        if str(number) != raw:
            problems.append(
                Problem(
                    shown,
                    item.line,
                    f"{name}: write {raw!r} as {str(number)!r} "
                    "(〔〕 brackets, no spaces, ending in 号)",
                )
            )
            continue
        if number in numbers:
            problems.append(Problem(shown, item.line, f"{name}: {number} is listed twice"))
            continue
        numbers.append(number)
        lines.append(item.line)
    return tuple(numbers), tuple(lines)


def check_personal_data(text: str, shown: str, first_line: int, problems: list[Problem]) -> None:
    """Refuse unmasked personal data (see :mod:`generator.content.privacy`), line by line."""
    for index, line in enumerate(text.split("\n")):
        for finding in find_personal_data(line):
            problems.append(
                Problem(
                    shown,
                    first_line + index,
                    f"unmasked {finding.label} {finding.text[:3]}…: write it as {finding.masked}",
                )
            )
