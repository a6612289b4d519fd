"""Front-matter fields that place a document in the record: its number, validity
(``status``), relations to other documents, withdrawal and attachments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator.content.docnumber import DocNumber, DocNumberError, parse_docnumber
from generator.content.model import RELATIONS, STATUSES, Attachment, Withdrawal
from generator.content.printed import read_attachment
from generator.content.schema import Fields, describe
from generator.content.yamlio import STR_TAG, Scalar, Sequence
from generator.errors import Problem

ATTACHMENT_FIELDS = ("file", "title")
WITHDRAWN_FIELDS = ("date", "reason")


@dataclass(frozen=True)
class Record:
    """The fields that place a document in the record: validity, relations, attachments."""

    status: str | None
    relations: dict[str, tuple[DocNumber, ...]]
    relation_lines: tuple[tuple[str, int], ...]
    """``("repeals#0", line)``: the line of each relation, for messages about it."""
    withdrawn: Withdrawal | None
    attachments: tuple[Attachment, ...]


def read_record(
    fields: Fields,
    path: Path,
    shown: str,
    problems: list[Problem],
    date: datetime.date | None,
    mentioned: set[str] | None,
) -> Record:
    """Status, relations, withdrawal and attachments; attachment file names go to ``mentioned``."""
    relations = {name: _doc_number_list(fields, name, shown, problems) for name in RELATIONS}
    return Record(
        status=_status(fields, shown, problems),
        relations={name: numbers for name, (numbers, _) in relations.items()},
        relation_lines=tuple(
            (f"{name}#{index}", line)
            for name, (_, item_lines) in relations.items()
            for index, line in enumerate(item_lines)
        ),
        withdrawn=_withdrawal(fields, shown, problems, date),
        attachments=_attachments(
            fields, path.parent, shown, problems, mentioned if mentioned is not None else set()
        ),
    )


def doc_number(fields: Fields, shown: str, problems: list[Problem]) -> DocNumber | None:
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
