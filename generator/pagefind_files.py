"""Make Pagefind's output reproducible.

Pagefind writes its filter files with values in hash-map order, which changes from
run to run, and names files by a hash of their content; so two builds of the same
content differ. This module rewrites the filter files with their values sorted,
renames them by their new content, and updates the metadata file and
``pagefind-entry.json`` to match. The files are ``pagefind_dcd`` + CBOR, gzipped; the
small CBOR subset Pagefind uses (unsigned integers, text, arrays) is handled here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

MAGIC = b"pagefind_dcd"


# -- a minimal CBOR codec: integers (0, 1), byte strings (2), text (3), arrays (4) ---------


def _decode(data: bytes, offset: int) -> tuple[Any, int]:
    head = data[offset]
    major, info = head >> 5, head & 0x1F
    offset += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[offset:offset + size], "big")
        offset += size
    else:
        raise ValueError(f"unsupported CBOR item 0x{head:02x} at {offset - 1}")
    if major == 0:
        return value, offset
    if major == 1:
        return -1 - value, offset
    if major in (2, 3):
        raw = data[offset:offset + value]
        return (raw.decode("utf-8") if major == 3 else bytes(raw)), offset + value
    if major == 4:
        items = []
        for _ in range(value):
            item, offset = _decode(data, offset)
            items.append(item)
        return items, offset
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"unsupported value {value!r}")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise ValueError(f"unsupported value {value!r}")


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path} is not a Pagefind file")
    value, end = _decode(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path}: {len(data) - end} trailing bytes")
    return value


def encode_file(value: Any) -> bytes:
    return gzip.compress(MAGIC + _encode(value), compresslevel=9, mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha1(data).hexdigest()[:length]


def normalize(pagefind: Path) -> None:
    """Rewrite the filter and metadata files of a Pagefind bundle deterministically."""
    entry_path = pagefind / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        renamed: dict[str, str] = {}
        for path in sorted((pagefind / "filter").glob(f"{language}_*.pf_filter")):
            name, values = read(path)
            data = encode_file([name, sorted(values, key=lambda item: item[0])])
            new = f"{language}_{_digest(data, 7)}"
            path.unlink()
            (pagefind / "filter" / f"{new}.pf_filter").write_bytes(data)
            renamed[path.name[: -len(".pf_filter")]] = new
        meta_path = pagefind / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        meta = [_rename_filters(item, renamed) for item in meta]
        data = encode_file(meta)
        new_hash = f"{language}_{_digest(data, 13)}"
        meta_path.unlink()
        (pagefind / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _rename_filters(item: Any, renamed: dict[str, str]) -> Any:
    """The metadata's filter list: [[filter name, file], …], sorted by name."""
    if (isinstance(item, list) and item and all(isinstance(pair, list) and len(pair) == 2
                                                and isinstance(pair[1], str) and pair[1] in renamed
                                                for pair in item)):
        return sorted(([name, renamed[file]] for name, file in item), key=lambda pair: pair[0])
    return item
