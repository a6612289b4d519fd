"""A folder of JSON files used as a mapping: the body cache between builds."""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any


class DiskCache(MutableMapping[str, Any]):
    """Keys are hex digests; values are JSON. Entries not used by a build can be pruned."""

    def __init__(self, root: Path):
        self.root = root
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def __getitem__(self, key: str) -> Any:
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            raise KeyError(key) from None
        self.used.add(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        self.used.add(key)

    def __delitem__(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return (path.stem for path in self.root.glob("*/*.json"))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def prune(self) -> int:
        """Remove entries this build did not use; returns how many."""
        removed = 0
        for key in list(self):
            if key not in self.used:
                del self[key]
                removed += 1
        return removed
