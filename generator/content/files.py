"""Reading content files safely: real files only (no symbolic links), size limits, UTF-8
with or without a byte-order mark. Problems name the file as the editor gave it."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from generator.content.yamlio import Node, YamlError, parse
from generator.errors import Problem, warning

SIZE_WARNING = 1_000_000
"""Bytes above which a file is reported: a document this long is probably two documents,
or pasted by mistake, and slows every search that finds it."""
SIZE_LIMIT = 4_000_000
"""Bytes above which a file is refused."""


def shown_path(content: Path, path: Path) -> str:
    """The path as the editor gave it (``--content``), shortened to the current folder when
    inside it: ``content/2021/02/x.md`` or ``/srv/gazette/content/2021/02/x.md``."""
    shown = content / path.relative_to(content)
    if shown.is_absolute():
        try:
            return shown.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return shown.as_posix()
    return shown.as_posix()


def read_capped(
    path: Path,
    shown: str,
    problems: list[Problem],
    limit: int,
    symlink_advice: str,
    size_advice: str,
) -> bytes | None:
    """The file's bytes, or None with a problem when it is a symbolic link or over ``limit``
    bytes."""
    if path.is_symlink():
        problems.append(
            Problem(shown, 1, f"symbolic link to {os.readlink(path)}: {symlink_advice}")
        )
        return None
    if not path.is_file():
        # a pipe, a device or a socket: reading one may never end
        problems.append(Problem(shown, 1, "not a regular file (a pipe, device or socket)"))
        return None
    size = path.stat().st_size
    if size > limit:
        problems.append(
            Problem(shown, 1, f"file is {size:,} bytes, over the limit of {limit:,}{size_advice}")
        )
        return None
    return path.read_bytes()


def decode_text(data: bytes, shown: str, advice: str) -> str | Problem:
    """UTF-8 text without its byte-order mark (some editors save one), or the problem that
    names the line and offset of the first byte that is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            shown,
            line,
            f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}; {advice}",
        )


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    data = read_capped(
        path,
        shown,
        problems,
        SIZE_LIMIT,
        "content files must be real files inside the content folder; copy the file here",
        "; split it or check that it holds one document",
    )
    if data is None:
        return None
    if len(data) > SIZE_WARNING:
        problems.append(
            warning(
                shown,
                1,
                f"file is {len(data):,} bytes (over {SIZE_WARNING:,}); check that it "
                "holds one document, or split it",
            )
        )
    text = decode_text(data, shown, "save the file as UTF-8")
    if isinstance(text, Problem):
        problems.append(text)
        return None
    # Windows (CRLF) and old Mac (CR) line endings are line breaks like any other.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> Node | None:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    try:
        node = parse(text)
    except YamlError as error:
        problems.append(Problem(shown, error.line, str(error)))
        return None
    if node is None:
        # an empty issue.yml would silently drop its issue; an empty chronicle.yml, the 大事记
        problems.append(
            Problem(shown, 1, f"{path.name} is empty (or only comments): fill in its fields")
        )
    return node
