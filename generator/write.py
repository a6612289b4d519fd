"""Writing to disk: the only module besides the loader that touches files.

Everything is all-or-nothing: a new issue folder appears complete or not at all, the
generated pages are updated in place (unchanged files keep their bytes and mtime so
MkDocs and editors' tools see no change), and a built site replaces the old one only
once it is complete.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path


class WriteRefused(Exception):
    """The target exists and overwriting was not asked for, or it cannot be written."""


def _cannot(error: OSError, target: Path) -> WriteRefused:
    where = error.filename if error.filename else target
    return WriteRefused(f"cannot write {target}: {where}: {error.strerror or error}")


def write_new_folder(target: Path, files: dict[str, str], force: bool = False) -> None:
    """Create ``target`` with ``files``; refuse to touch an existing folder unless ``force``."""
    if target.exists() and not force:
        raise WriteRefused(f"{target} already exists; use --force to replace it")
    if target.exists() and not target.is_dir():
        raise WriteRefused(f"{target} is a file, not an issue folder; move it away first")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A plain mkdir (not mkdtemp's 0700): the folder gets the editor's usual permissions.
        staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
        staging.mkdir()
    except OSError as error:
        raise _cannot(error, target) from None
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        replace_dir(staging, target)
    except OSError as error:
        raise _cannot(error, target) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def write_new_files(folder: Path, files: dict[str, str], force: bool = False) -> None:
    """Add ``files`` to ``folder`` (created if missing); refuse to replace one unless ``force``.

    Each file is written to a temporary name and renamed into place."""
    for name in files:
        if (folder / name).exists() and not force:
            raise WriteRefused(f"{folder / name} already exists; use --force to replace it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            temporary = folder / f".{name}.tmp"
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, folder / name)
    except OSError as error:
        raise _cannot(error, folder) from None


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old)


@dataclass(frozen=True)
class SyncStats:
    written: int
    unchanged: int
    removed: int


def sync_tree(root: Path, files: dict[str, bytes]) -> SyncStats:
    """Make ``root`` hold exactly ``files``: write what changed, delete what is gone."""
    root.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for name, data in files.items():
        path = root / name
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        write_file(path, data)
        written += 1
    removed = 0
    wanted = set(files)
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return SyncStats(written, unchanged, removed)


def write_file(target: Path, data: bytes) -> None:
    """One file, replaced in one step: a reader sees the old bytes or the new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
