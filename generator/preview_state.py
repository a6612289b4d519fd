"""What ``make serve`` keeps between edits and between runs (see :mod:`generator.preview`).

* the content tree as names, sizes and mtimes (one walk, a stat per file), to tell which
  issue folders changed;
* the loaded issue folders, on disk in ``work/cache/preview-load.pickle`` (tied to the
  generator's source, the content folder and the site's address);
* rendered bodies, in memory in front of the on-disk cache that ``make build`` uses.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from generator.cache import DiskCache
from generator.content.load import ISSUE_FILE
from generator.content.model import Issue
from generator.site import urls

ROOT = Path(__file__).resolve().parent.parent

MENU_PAGES = (
    "index.md",
    "issues.md",
    "docnumbers/index.md",
    "organs/index.md",
    "annual/index.md",
    "chronicle/index.md",
    "search/index.md",
    "about.md",
)
"""Pages a first start shows at once besides an issue's: the home page and the menu's."""

Entries = tuple[tuple[str, int, int], ...]
"""A folder's files and subfolders: (name, mtime in ns, size), sorted by name."""


def digest_files(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_version() -> str:
    """Changes with the generator's source: cached loads from older code are not reused."""
    return digest_files(sorted((ROOT / "generator").rglob("*.py")))


def scan(content: Path) -> dict[str, Entries]:
    """Every folder under ``content`` (relative, ``.`` for the top) with its entries."""
    tree = {}
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        entries = []
        for name in sorted(files + dirs):
            try:
                stat = os.stat(os.path.join(folder, name), follow_symlinks=False)
            except FileNotFoundError:
                continue
            entries.append((name, stat.st_mtime_ns, stat.st_size))
        tree[Path(folder).relative_to(content).as_posix()] = tuple(entries)
    return tree


class LoadCache:
    """The loaded issue folders of the last run that wrote every page, under a key."""

    def __init__(self, path: Path, key: tuple[str, ...]):
        self.path = path
        self.key = key

    def restore(self) -> dict[str, Any] | None:
        try:
            with self.path.open("rb") as file:
                key, loads, complete = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
            return None
        return dict(loads) if key == self.key and complete else None

    def save(self, loads: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as file:
            pickle.dump((self.key, dict(loads), True), file, pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.path)


class Bodies(MutableMapping[str, Any]):
    """Rendered bodies kept in memory in front of the on-disk cache of ``make build``."""

    def __init__(self, disk: DiskCache):
        self.disk = disk
        self.memory: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self.memory:
            self.memory[key] = self.disk[key]
        return self.memory[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.memory[key] = value
        self.disk[key] = value

    def __delitem__(self, key: str) -> None:
        self.memory.pop(key, None)
        del self.disk[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.memory)

    def __len__(self) -> int:
        return len(self.memory)


def pages_of(issues: Iterable[Issue]) -> set[str]:
    """The pages of these issues: the issue page, its documents and its chronicle."""
    pages = set()
    for issue in issues:
        pages.add(urls.issue_page(issue.key))
        pages.update(urls.entry_page(entry) for entry in issue.entries)
    return pages


def issue_folders(tree: Mapping[str, Entries]) -> list[str]:
    return sorted(
        folder for folder, entries in tree.items() if any(e[0] == ISSUE_FILE for e in entries)
    )
