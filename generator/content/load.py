"""content/ → model. Reads every issue folder, checks each field, and collects problems.

Only this module and :mod:`generator.write` touch the disk. The result is an
:class:`~generator.content.model.Archive` of everything that loaded, plus every problem found
(file, line, message); archive-wide rules live in :mod:`generator.content.validate`.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.docnumber import DocNumber, DocNumberError, parse_docnumber
from generator.content.model import (
    MASTHEAD_FIELDS,
    MASTHEAD_LISTS,
    RELATIONS,
    STATUSES,
    Archive,
    Attachment,
    Chronicle,
    ChronicleEvent,
    Document,
    Issue,
    IssueKey,
    Lines,
    Withdrawal,
)
from generator.content.printed import FILES_FOLDER, PDF_FILE, read_attachment, read_pdf
from generator.content.privacy import find_personal_data
from generator.content.sanitize import find_relative_links, find_unsafe_html
from generator.content.schema import Fields, describe
from generator.content.slugs import SLUG, docnumber_slug
from generator.content.yamlio import STR_TAG, Node, Scalar, Sequence, YamlError, parse
from generator.errors import Problem, warning
from generator.importer.normalize import fullwidth_punctuation

ISSUE_FILE = "issue.yml"
CHRONICLE_FILE = "chronicle.yml"
IGNORED_FILES = frozenset({"source.txt", "README.md"})

ISSUE_FIELDS = ("year", "number", "total_number", "date", "pdf_page_offset", "sections", "masthead")
DOCUMENT_FIELDS = ("title", "doc_number", "organs", "date", "published", "section", "page", "order", "slug",
                   "status", "repeals", "amends", "interprets", "corrects", "withdrawn", "attachments")
ATTACHMENT_FIELDS = ("file", "title")
WITHDRAWN_FIELDS = ("date", "reason")
CHRONICLE_FIELDS = ("title", "section", "order", "page", "start", "end", "events")
EVENT_FIELDS = ("date", "text")

_FOLDER = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True)
class Loaded:
    archive: Archive
    problems: tuple[Problem, ...]


def load_archive(content: Path) -> Loaded:
    """Load every issue under ``content``; problems are collected, not raised."""
    problems: list[Problem] = []
    issues = []
    if not content.is_dir():
        return Loaded(Archive(), (Problem(str(content), 1, "content folder does not exist"),))
    folders = sorted({p.parent for p in content.rglob(ISSUE_FILE)})
    for folder in folders:
        issue = load_issue(content, folder, problems)
        if issue is not None:
            issues.append(issue)
    _check_strays(content, set(folders), problems)
    issues.sort(key=lambda issue: (issue.year, issue.number))
    return Loaded(Archive(tuple(issues)), tuple(sorted(problems)))


def _check_strays(content: Path, folders: set[Path], problems: list[Problem]) -> None:
    for path in sorted(content.rglob("*")):
        if path.is_symlink() and path.is_dir():
            problems.append(Problem(_rel(content, path), 1, f"symbolic link to {os.readlink(path)}: folders "
                                                            "must be real folders inside the content folder"))
    for path in sorted(content.rglob("*.md")) + sorted(content.rglob("*.yml")):
        if path.parent not in folders and path.name not in IGNORED_FILES and not path.name.startswith("_"):
            problems.append(Problem(_rel(content, path), 1, f"file outside an issue folder: every issue "
                                                            f"folder needs an {ISSUE_FILE}"))


def _rel(content: Path, path: Path) -> str:
    """The path as the editor gave it (``--content``), shortened to the current folder when
    inside it: ``content/2021/02/x.md`` or ``/srv/gazette/content/2021/02/x.md``."""
    shown = content / path.relative_to(content)
    if shown.is_absolute():
        try:
            return shown.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return shown.as_posix()
    return shown.as_posix()


SIZE_WARNING = 1_000_000
"""Bytes above which a file is reported: a document this long is probably two documents,
or pasted by mistake, and slows every search that finds it."""
SIZE_LIMIT = 4_000_000
"""Bytes above which a file is refused."""


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    if path.is_symlink():
        problems.append(Problem(shown, 1, f"symbolic link to {os.readlink(path)}: content files must be "
                                          "real files inside the content folder; copy the file here"))
        return None
    size = path.stat().st_size
    if size > SIZE_LIMIT:
        problems.append(Problem(shown, 1, f"file is {size:,} bytes, over the limit of {SIZE_LIMIT:,}; "
                                          "split it or check that it holds one document"))
        return None
    if size > SIZE_WARNING:
        problems.append(warning(shown, 1, f"file is {size:,} bytes (over {SIZE_WARNING:,}); check that it "
                                          "holds one document, or split it"))
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]  # some editors save UTF-8 with a byte-order mark
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(shown, line, f"not UTF-8: byte 0x{data[error.start]:02x} at offset "
                                             f"{error.start}; save the file as UTF-8"))
        return None


def _read_yaml(path: Path, shown: str, problems: list[Problem]) -> Node | None:
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    try:
        return parse(text)
    except YamlError as error:
        problems.append(Problem(shown, error.line, str(error)))
        return None


def load_issue(content: Path, folder: Path, problems: list[Problem]) -> Issue | None:
    shown_folder = _rel(content, folder)
    issue_path = folder / ISSUE_FILE
    shown = _rel(content, issue_path)
    node = _read_yaml(issue_path, shown, problems)
    if node is None:
        return None
    fields = Fields(node, shown, problems, ISSUE_FILE, ISSUE_FIELDS)
    year = fields.integer("year", 2021, minimum=1900)
    number = fields.integer("number", 2)
    total = fields.integer("total_number", 23)
    date = fields.date("date")
    pdf_page_offset = fields.integer("pdf_page_offset", 2, required=False, minimum=0)
    sections = fields.text_list("sections", "大武口区人民政府办公室文件")
    masthead = _masthead(fields, shown, problems)
    if sections is not None and len(set(sections)) != len(sections):
        dupes = sorted({s for s in sections if sections.count(s) > 1})
        problems.append(Problem(shown, fields.line_of("sections"), f"sections: {dupes} listed twice"))

    relative = folder.relative_to(content).as_posix()
    folder_match = _FOLDER.match(relative)
    if year is not None and number is not None:
        expected = f"{year}/{number:02d}"
        if relative != expected:
            where = "year" if not relative.startswith(f"{year}/") else "number"
            problems.append(Problem(shown, fields.line_of(where),
                                    f"folder {relative}/ disagrees with year: {year}, number: {number} "
                                    f"in {ISSUE_FILE}; the folder must be {expected}/"))
    elif folder_match is None:
        problems.append(Problem(shown, 1, f"folder {relative}/ is not <year>/<two-digit number>/, e.g. 2021/02/"))

    # The entry files are checked even when issue.yml is broken: their issue is then named
    # after the folder.
    folder_year, folder_number = (int(folder_match[1]), int(folder_match[2])) if folder_match else (0, 0)
    key = IssueKey(folder_year if year is None else year, folder_number if number is None else number)
    documents = []
    chronicle = None
    pdf = None
    complete = True
    mentioned: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.name in (ISSUE_FILE, *IGNORED_FILES) or path.name.startswith((".", "_")) or path.is_dir():
            continue
        if path.name == PDF_FILE:
            pdf = read_pdf(path, _rel(content, path), problems)
            continue
        if path.name == CHRONICLE_FILE:
            chronicle = load_chronicle(content, path, key, problems)
            complete = complete and chronicle is not None
        elif path.suffix == ".md":
            doc = load_document(content, path, key, date, problems, mentioned)
            if doc is not None:
                documents.append(doc)
            complete = complete and doc is not None
        else:
            problems.append(Problem(_rel(content, path), 1, f"unexpected file in issue folder {shown_folder}/: "
                                                            "expected issue.yml, chronicle.yml, *.md, issue.pdf, files/"))
    if year is None or number is None or total is None or date is None or sections is None:
        return None
    documents.sort(key=lambda doc: doc.order)
    _unlisted_files(content, folder, mentioned, problems)
    if pdf_page_offset is not None and pdf is None and not (folder / PDF_FILE).exists():
        problems.append(warning(shown, fields.line_of("pdf_page_offset"), f"pdf_page_offset is set but the issue "
                                                                           f"folder has no {PDF_FILE}"))
    return Issue(year, number, total, date, tuple(sections), masthead, tuple(documents), chronicle,
                 relative, shown, Lines(fields.lines()), complete, pdf, pdf_page_offset or 0)


def _masthead(fields: Fields, shown: str, problems: list[Problem]) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    node = fields.node("masthead")
    if node is None:
        return ()
    sub = Fields(node, shown, problems, "masthead", tuple(MASTHEAD_FIELDS))
    values: dict[str, str | tuple[str, ...]] = {}
    for key in MASTHEAD_FIELDS:
        if not sub.has(key):
            continue
        if key in MASTHEAD_LISTS:
            names = sub.text_list(key, "邱再新")
            if names is not None:
                values[key] = tuple(names)
        else:
            item = sub.node(key)
            if isinstance(item, Scalar) and item.tag != STR_TAG and item.value:
                values[key] = item.value  # e.g. postcode: 753000 written without quotes
            else:
                value = sub.text(key, "大武口区人民政府办公室")
                if value is not None and _masthead_value_ok(sub, key, value):
                    values[key] = value
    return tuple((key, values[key]) for key in MASTHEAD_FIELDS if key in values)


_WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>]+$")
_EMAIL = re.compile(r"^[^\s@\"'<>]+@[^\s@\"'<>]+\.[^\s@\"'<>]+$")


def _masthead_value_ok(fields: Fields, key: str, value: str) -> bool:
    """The website is published as a link, so it must be a web address; the email an address."""
    if key == "website" and not _WEB_ADDRESS.match(value):
        fields.problem(fields.line_of(key), f"website: {value!r} is not a web address; write it with "
                                            "http:// or https://, e.g. website: http://www.dawukou.gov.cn")
        return False
    if key == "email" and not _EMAIL.match(value):
        fields.problem(fields.line_of(key), f"email: {value!r} is not an email address, e.g. "
                                            "email: dwkzfb@163.com")
        return False
    return True


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """``(front matter, body, line where the body starts)`` or an error message."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return "front matter missing: the file must start with a line --- followed by the fields"
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return "front matter not closed: add a line --- after the last field"


def load_document(content: Path, path: Path, key: IssueKey, issue_date: datetime.date | None,
                  problems: list[Problem], mentioned: set[str] | None = None) -> Document | None:
    """One document; the file names its ``attachments:`` mention are added to ``mentioned``."""
    shown = _rel(content, path)
    text = _read_text(path, shown, problems)
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
    fields = Fields(node, shown, problems, "the front matter", DOCUMENT_FIELDS, line=1)
    title = fields.text("title", "区人民政府办公室关于印发…的通知")
    organs = fields.text_list("organs", "大武口区人民政府办公室")
    date = fields.date("date")
    published = fields.date("published", required=False)
    section = fields.text("section", "大武口区人民政府办公室文件")
    page = fields.integer("page", 57)
    order = fields.integer("order", 8)
    slug = fields.text("slug", "sdzbf-2021-4", required=False)
    number = _doc_number(fields, shown, problems)
    status = fields.text("status", "现行有效", required=False)
    if status is not None and status not in STATUSES:
        problems.append(Problem(shown, fields.line_of("status"), f"status: {status!r} is not one of "
                                                                  f"{', '.join(STATUSES)}"))
        status = None
    relations = {name: _doc_number_list(fields, name, shown, problems) for name in RELATIONS}
    withdrawn = _withdrawal(fields, shown, problems, date)
    attachments = _attachments(fields, path.parent, shown, problems, mentioned if mentioned is not None else set())
    relation_lines = tuple((f"{name}#{index}", line) for name, (_, item_lines) in relations.items()
                           for index, line in enumerate(item_lines))

    if slug is not None and not SLUG.match(slug):
        problems.append(Problem(shown, fields.line_of("slug"), f"slug: {slug!r} must be lowercase ASCII "
                                                                "letters, digits and hyphens, e.g. guizhang-2021-1"))
        slug = None
    if number is None and slug is None and not fields.has("doc_number") and not fields.has("slug") \
            and not fields.unknown:
        problems.append(Problem(shown, fields.line, "a document without doc_number needs a slug for its "
                                                    "URL, e.g. slug: guizhang-2021-1"))
    if date is not None and issue_date is not None and date > issue_date:
        problems.append(Problem(shown, fields.line_of("date"), f"date: {date} is after the issue's date "
                                                               f"{issue_date}; a document is dated before it is published"))
    if published is not None and date is not None and published < date:
        problems.append(Problem(shown, fields.line_of("published"),
                                f"published: {published} is before date: {date}; a document is published "
                                "on or after the day it is signed (成文日期)"))
    if number is not None and date is not None and abs(number.year - date.year) > 1:
        problems.append(Problem(shown, fields.line_of("doc_number"),
                                f"doc_number: year {number.year} of {number} is more than a year away "
                                f"from date: {date}"))
    if not body.strip():
        problems.append(Problem(shown, body_line, "empty body: the document's text goes after the front matter"))
    for offset, message in find_unsafe_html(body):
        problems.append(Problem(shown, body_line + offset - 1, message))
    for offset, target in find_relative_links(body):
        exists = (path.parent / target.split("#")[0]).exists()
        why = ("is a file in content/, which is not published" if exists
               else "does not exist")
        problems.append(Problem(shown, body_line + offset - 1,
                                f"link to {target!r}: {why}; link a web address (https://…), or write the "
                                "document number, which is linked to its page automatically"))
    _check_personal_data(body, shown, body_line, problems)
    _check_halfwidth_punctuation(body, shown, body_line, problems)
    if title is not None:
        _check_personal_data(title, shown, fields.line_of("title"), problems)

    if None in (title, organs, date, section, page, order) or (number is None and slug is None):
        return None
    assert title and organs and date and section and page and order
    return Document(
        issue=key, source=shown, title=title, doc_number=number, organs=tuple(organs), date=date,
        section=section, page=page, order=order,
        slug=slug if slug is not None else docnumber_slug(number),  # type: ignore[arg-type]
        body=body.strip("\n") + "\n", body_line=body_line, lines=Lines(fields.lines() + relation_lines), published=published,
        repeals=relations["repeals"][0], amends=relations["amends"][0], interprets=relations["interprets"][0],
        corrects=relations["corrects"][0], status=status, withdrawn=withdrawn,
        attachments=attachments,
    )


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
        problems.append(Problem(shown, fields.line_of("doc_number"),
                                f"doc_number: write {raw!r} as {str(number)!r} (〔〕 brackets, no spaces, ending in 号)"))
    return number


def _check_halfwidth_punctuation(body: str, shown: str, first_line: int, problems: list[Problem]) -> None:
    """Warn where half-width , ; ( ) sit in Chinese text (the importer converts them)."""
    for index, line in enumerate(body.split("\n")):
        fixed = fullwidth_punctuation(line)
        if fixed == line:
            continue
        at = next(i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b)
        start = max(0, at - 8)
        problems.append(warning(shown, first_line + index,
                                f"half-width punctuation in Chinese text: {line[start:at + 8]!r} reads "
                                f"{fixed[start:at + 8]!r} with ，；（）"))


def _unlisted_files(content: Path, folder: Path, mentioned: set[str], problems: list[Problem]) -> None:
    """A file in ``files/`` that no document lists is not published: say so."""
    files = folder / FILES_FOLDER
    if not files.is_dir():
        return
    for path in sorted(files.iterdir()):
        if path.name not in mentioned and not path.name.startswith("."):
            problems.append(warning(_rel(content, path), 1, "no document lists this file under attachments:, "
                                                            "so it is not published"))


def _attachments(fields: Fields, folder: Path, shown: str, problems: list[Problem],
                 mentioned: set[str]) -> tuple[Attachment, ...]:
    """``attachments:``: a list of ``{file, title}``, files kept in the issue folder's ``files/``."""
    node = fields.node("attachments")
    if node is None:
        return ()
    if not isinstance(node, Sequence) or not node.items:
        problems.append(Problem(shown, node.line, "attachments: expected a list of - file: fujian-1.xlsx / "
                                                  f"title: 附件1…, found {describe(node)}"))
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
            problems.append(Problem(shown, sub.line_of("file"), f"attachments: {name} is listed twice"))
            continue
        attachment = read_attachment(folder, name, title, shown, sub.line_of("file"), problems)
        if attachment is not None:
            attachments.append(attachment)
    return tuple(attachments)


def _withdrawal(fields: Fields, shown: str, problems: list[Problem],
                signed: datetime.date | None) -> Withdrawal | None:
    """``withdrawn: {date, reason}``: when and why the document was withdrawn (撤回)."""
    node = fields.node("withdrawn")
    if node is None:
        return None
    sub = Fields(node, shown, problems, "withdrawn", WITHDRAWN_FIELDS, line=node.line)
    date = sub.date("date")
    reason = sub.text("reason", "该文件已被撤回，停止执行")
    if date is not None and signed is not None and date < signed:
        problems.append(Problem(shown, sub.line_of("date"), f"date: {date} is before date: {signed} (成文日期); "
                                                            "a document is withdrawn after it is signed"))
        return None
    if date is None or reason is None:
        return None
    return Withdrawal(date, reason)


def _doc_number_list(fields: Fields, name: str, shown: str,
                     problems: list[Problem]) -> tuple[tuple[DocNumber, ...], tuple[int, ...]]:
    """A relation field: a list of document numbers in the normal form, with the line of each."""
    node = fields.node(name)
    if node is None:
        return (), ()
    if not isinstance(node, Sequence) or not node.items:
        problems.append(Problem(shown, node.line, f"{name}: expected a list of document numbers, e.g.\n"
                                                  f"  {name}:\n    - 石大政发〔2021〕1号\nfound {describe(node)}"))
        return (), ()
    numbers: list[DocNumber] = []
    lines: list[int] = []
    for item in node.items:
        if not isinstance(item, Scalar) or item.tag != STR_TAG or not item.value.strip():
            problems.append(Problem(shown, item.line, f"{name}: every entry must be a document number, e.g. "
                                                      f"- 石大政发〔2021〕1号; found {describe(item)}"))
            continue
        raw = item.value.strip()
        try:
            number = parse_docnumber(raw)
        except DocNumberError as error:
            problems.append(Problem(shown, item.line, f"{name}: {error}"))
            continue
        if str(number) != raw:
            problems.append(Problem(shown, item.line, f"{name}: write {raw!r} as {str(number)!r} "
                                                      "(〔〕 brackets, no spaces, ending in 号)"))
            continue
        if number in numbers:
            problems.append(Problem(shown, item.line, f"{name}: {number} is listed twice"))
            continue
        numbers.append(number)
        lines.append(item.line)
    return tuple(numbers), tuple(lines)


def _check_personal_data(text: str, shown: str, first_line: int, problems: list[Problem]) -> None:
    """Refuse unmasked personal data (see :mod:`generator.content.privacy`), line by line."""
    for index, line in enumerate(text.split("\n")):
        for finding in find_personal_data(line):
            problems.append(Problem(shown, first_line + index,
                                    f"unmasked {finding.label} {finding.text[:3]}…: write it as {finding.masked}"))


def load_chronicle(content: Path, path: Path, key: IssueKey, problems: list[Problem]) -> Chronicle | None:
    shown = _rel(content, path)
    node = _read_yaml(path, shown, problems)
    if node is None:
        return None
    fields = Fields(node, shown, problems, CHRONICLE_FILE, CHRONICLE_FIELDS)
    title = fields.text("title", "大武口区人民政府2021年2月、3月大事记")
    section = fields.text("section", "大武口区人民政府大事记")
    order = fields.integer("order", 13)
    page = fields.integer("page", 87)
    start = fields.date("start")
    end = fields.date("end")
    if start is not None and end is not None and start > end:
        problems.append(Problem(shown, fields.line_of("end"), f"end: {end} is before start: {start}"))
    events = _events(fields, shown, problems, start, end)
    if None in (title, section, order, page, start, end, events):
        return None
    assert title and section and order and page and start and end and events is not None
    return Chronicle(key, shown, title, section, page, order, start, end, tuple(events),
                     Lines(fields.lines()))


def _events(fields: Fields, shown: str, problems: list[Problem], start: datetime.date | None,
            end: datetime.date | None) -> list[ChronicleEvent] | None:
    node = fields.node("events")
    if node is None:
        fields.problem(fields.line, "missing required field 'events' in chronicle.yml "
                                    "(a list of - date: 2021-02-01 / text: …)")
        return None
    if not isinstance(node, Sequence) or not node.items:
        fields.problem(node.line, f"events: expected a list of events (- date: … text: …), found {describe(node)}")
        return None
    events: list[ChronicleEvent] = []
    previous: ChronicleEvent | None = None
    for item in node.items:
        event_fields = Fields(item, shown, problems, "an event", EVENT_FIELDS, line=item.line)
        date = event_fields.date("date")
        text = event_fields.text("text", "召开区委常委会，班子成员参加会议。")
        if date is None or text is None:
            continue
        line = item.line
        if start is not None and end is not None and not start <= date <= end:
            problems.append(Problem(shown, event_fields.line_of("date"),
                                    f"event date {date} is outside the chronicle's start–end "
                                    f"({start} – {end})"))
        if previous is not None and date < previous.date:
            problems.append(Problem(shown, event_fields.line_of("date"),
                                    f"events out of date order: {date} comes after {previous.date} "
                                    f"(line {previous.line}); events are listed by date as printed"))
        _check_personal_data(text, shown, event_fields.line_of("text"), problems)
        event = ChronicleEvent(date, text, line)
        events.append(event)
        previous = event
    return events

