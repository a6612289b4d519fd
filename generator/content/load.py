"""content/ → model. Reads every issue folder, checks each field, and collects problems.

The result is an :class:`~generator.content.model.Archive` of everything that loaded,
plus every problem found (file, line, message). One document is read by
:mod:`~generator.content.documents`, the 大事记 by :mod:`~generator.content.chronicle`, the
print edition and attachments by :mod:`~generator.content.printed`; archive-wide rules live
in :mod:`generator.content.validate`.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.chronicle import CHRONICLE_FILE, load_chronicle
from generator.content.documents import load_document
from generator.content.files import read_yaml, shown_path
from generator.content.model import (
    MASTHEAD_FIELDS,
    MASTHEAD_LISTS,
    Archive,
    Chronicle,
    Document,
    FileInfo,
    Issue,
    IssueKey,
    Lines,
)
from generator.content.printed import FILES_FOLDER, PDF_FILE, read_pdf
from generator.content.schema import Fields
from generator.content.yamlio import STR_TAG, Scalar
from generator.errors import Problem, warning

ISSUE_FILE = "issue.yml"
IGNORED_FILES = frozenset({"source.txt", "README.md"})
ISSUE_FIELDS = ("year", "number", "total_number", "date", "pdf_page_offset", "sections", "masthead")

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
            problems.append(
                Problem(
                    shown_path(content, path),
                    1,
                    f"symbolic link to {os.readlink(path)}: folders "
                    "must be real folders inside the content folder",
                )
            )
    for path in sorted(content.rglob("*.md")) + sorted(content.rglob("*.yml")):
        if (
            path.parent not in folders
            and path.name not in IGNORED_FILES
            and not path.name.startswith("_")
        ):
            problems.append(
                Problem(
                    shown_path(content, path),
                    1,
                    f"file outside an issue folder: every issue folder needs an {ISSUE_FILE}",
                )
            )


def load_issue(content: Path, folder: Path, problems: list[Problem]) -> Issue | None:
    issue_path = folder / ISSUE_FILE
    shown = shown_path(content, issue_path)
    node = read_yaml(issue_path, shown, problems)
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
        problems.append(
            Problem(shown, fields.line_of("sections"), f"sections: {dupes} listed twice")
        )
    relative = folder.relative_to(content).as_posix()
    key = _issue_key(relative, year, number, fields, shown, problems)
    mentioned: set[str] = set()
    entries = _load_entries(content, folder, key, date, problems, mentioned)
    if year is None or number is None or total is None or date is None or sections is None:
        return None
    _unlisted_files(content, folder, mentioned, problems)
    if pdf_page_offset is not None and entries.pdf is None and not (folder / PDF_FILE).exists():
        problems.append(
            warning(
                shown,
                fields.line_of("pdf_page_offset"),
                f"pdf_page_offset is set but the issue folder has no {PDF_FILE}",
            )
        )
    return Issue(
        year,
        number,
        total,
        date,
        tuple(sections),
        masthead,
        entries.documents,
        entries.chronicle,
        relative,
        shown,
        Lines(fields.lines()),
        entries.complete,
        entries.pdf,
        pdf_page_offset or 0,
    )


def _issue_key(
    relative: str,
    year: int | None,
    number: int | None,
    fields: Fields,
    shown: str,
    problems: list[Problem],
) -> IssueKey:
    """The issue's key, checked against its folder. The entry files are checked even when
    issue.yml is broken: their issue is then named after the folder."""
    folder_match = _FOLDER.match(relative)
    if year is not None and number is not None:
        expected = f"{year}/{number:02d}"
        if relative != expected:
            where = "year" if not relative.startswith(f"{year}/") else "number"
            problems.append(
                Problem(
                    shown,
                    fields.line_of(where),
                    f"folder {relative}/ disagrees with year: {year}, number: {number} "
                    f"in {ISSUE_FILE}; the folder must be {expected}/",
                )
            )
    elif folder_match is None:
        problems.append(
            Problem(
                shown, 1, f"folder {relative}/ is not <year>/<two-digit number>/, e.g. 2021/02/"
            )
        )
    folder_year, folder_number = (
        (int(folder_match[1]), int(folder_match[2])) if folder_match else (0, 0)
    )
    return IssueKey(
        folder_year if year is None else year, folder_number if number is None else number
    )


@dataclass(frozen=True)
class _Entries:
    documents: tuple[Document, ...]
    chronicle: Chronicle | None
    pdf: FileInfo | None
    complete: bool
    """False when an entry file failed to load."""


def _load_entries(
    content: Path,
    folder: Path,
    key: IssueKey,
    date: datetime.date | None,
    problems: list[Problem],
    mentioned: set[str],
) -> _Entries:
    """The issue folder's documents (in TOC order), 大事记 and print edition; the attachment
    files the documents list are added to ``mentioned``."""
    documents = []
    chronicle = None
    pdf = None
    complete = True
    for path in sorted(folder.iterdir()):
        if (
            path.name in (ISSUE_FILE, *IGNORED_FILES)
            or path.name.startswith((".", "_"))
            or path.is_dir()
        ):
            continue
        if path.name == PDF_FILE:
            pdf = read_pdf(path, shown_path(content, path), problems)
        elif path.name == CHRONICLE_FILE:
            chronicle = load_chronicle(content, path, key, problems)
            complete = complete and chronicle is not None
        elif path.suffix == ".md":
            doc = load_document(content, path, key, date, problems, mentioned)
            if doc is not None:
                documents.append(doc)
            complete = complete and doc is not None
        else:
            problems.append(
                Problem(
                    shown_path(content, path),
                    1,
                    f"unexpected file in issue folder {shown_path(content, folder)}/: "
                    "expected issue.yml, chronicle.yml, *.md, issue.pdf, files/",
                )
            )
    documents.sort(key=lambda doc: doc.order)
    return _Entries(tuple(documents), chronicle, pdf, complete)


def _masthead(
    fields: Fields, shown: str, problems: list[Problem]
) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
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
        fields.problem(
            fields.line_of(key),
            f"website: {value!r} is not a web address; write it with "
            "http:// or https://, e.g. website: http://www.dawukou.gov.cn",
        )
        return False
    if key == "email" and not _EMAIL.match(value):
        fields.problem(
            fields.line_of(key),
            f"email: {value!r} is not an email address, e.g. email: dwkzfb@163.com",
        )
        return False
    return True


def _unlisted_files(
    content: Path, folder: Path, mentioned: set[str], problems: list[Problem]
) -> None:
    """A file in ``files/`` that no document lists is not published: say so."""
    files = folder / FILES_FOLDER
    if not files.is_dir():
        return
    for path in sorted(files.iterdir()):
        if path.name not in mentioned and not path.name.startswith("."):
            problems.append(
                warning(
                    shown_path(content, path),
                    1,
                    "no document lists this file under attachments:, so it is not published",
                )
            )
