"""The print edition (``issue.pdf``) and attachments (``files/``): reading and checking the
files (called by the loader), and the figures the pages and exports show."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from generator.content.files import read_capped
from generator.content.model import Attachment, FileInfo
from generator.errors import Problem

PDF_FILE = "issue.pdf"
FILES_FOLDER = "files"
PDF_LIMIT = 100_000_000
"""Bytes above which the print edition is refused."""
ATTACHMENT_LIMIT = 20_000_000
"""Bytes above which an attachment is refused."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "ofd": (_ZIP,),
    "doc": (_OLE,),
    "docx": (_ZIP,),
    "xls": (_OLE,),
    "xlsx": (_ZIP,),
    "zip": (_ZIP,),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
"""Allowed attachment types by extension, with the bytes such a file starts with."""
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.([a-z0-9]+)$")


def _info(path: Path, name: str, data: bytes, pages: int | None) -> FileInfo:
    return FileInfo(
        name, len(data), hashlib.sha256(data).hexdigest(), path.suffix[1:].upper(), pages
    )


def read_pdf(path: Path, shown: str, problems: list[Problem]) -> FileInfo | None:
    """``issue.pdf``: a real PDF, not too large; its page count read with pypdf."""
    data = read_capped(
        path,
        shown,
        problems,
        PDF_LIMIT,
        "copy the PDF here",
        " for the print edition; save it with smaller images",
    )
    if data is None:
        return None
    if not data.startswith(b"%PDF-"):
        problems.append(
            Problem(
                shown,
                1,
                "not a PDF file (it does not start with %PDF-); export the print edition as PDF",
            )
        )
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        problems.append(Problem(shown, 1, f"the PDF cannot be read ({error}); export it again"))
        return None
    return _info(path, PDF_FILE, data, pages)


def read_attachment(
    folder: Path, name: str, title: str, shown: str, line: int, problems: list[Problem]
) -> Attachment | None:
    """One ``{file, title}`` of ``attachments:``: a file of an allowed type in ``files/``."""
    read = _attachment_bytes(folder, name)
    if isinstance(read, str):
        problems.append(Problem(shown, line, f"attachments: {read}"))
        return None
    path, kind, data = read
    pages = None
    if kind == "pdf":
        pdf_problems: list[Problem] = []
        info = read_pdf(path, shown, pdf_problems)
        if info is None:
            reasons = "; ".join(p.message for p in pdf_problems)
            problems.append(Problem(shown, line, f"attachments: {FILES_FOLDER}/{name}: {reasons}"))
            return None
        pages = info.pages
    return Attachment(title, _info(path, f"{FILES_FOLDER}/{name}", data, pages))


def _attachment_bytes(folder: Path, name: str) -> tuple[Path, str, bytes] | str:
    """The file's path, type and bytes, or why it cannot be published."""
    match = FILE_NAME.match(name)
    if not match:
        return (
            f"file {name!r} must be a lowercase ASCII name with an extension, "
            "e.g. file: fujian-1.xlsx (it becomes part of a URL)"
        )
    kind = match[1]
    if kind not in ATTACHMENT_TYPES:
        return f"{name!r} is a .{kind} file; allowed types: " + ", ".join(ATTACHMENT_TYPES)
    path = folder / FILES_FOLDER / name
    if path.is_symlink() or not path.is_file():
        return f"{FILES_FOLDER}/{name} does not exist in the issue folder; put the file there"
    size = path.stat().st_size
    if size > ATTACHMENT_LIMIT:
        return f"{FILES_FOLDER}/{name} is {size:,} bytes, over the limit of {ATTACHMENT_LIMIT:,}"
    data = path.read_bytes()
    if not data.startswith(ATTACHMENT_TYPES[kind]):
        return (
            f"{FILES_FOLDER}/{name} is not a .{kind} file "
            "(its content does not match the extension)"
        )
    return path, kind, data


def human_size(size: int) -> str:
    """12 B, 3.4 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
