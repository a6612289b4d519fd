"""Pagefind's files and the merge of the yearly shards into the one bundle the browser loads.

Pagefind's files are ``pagefind_dcd`` followed by CBOR, gzipped. The format is that of
the pinned Pagefind version (:data:`PAGEFIND_VERSION`): words are merged in Pagefind's
order (with page numbers shifted), filters and sort orders are combined, and index
chunks are cut by Pagefind's own rule; every file is written deterministically.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import io
import itertools
import json
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

from generator.errors import BuildError, Problem
from generator.search import phrases
from generator.search.cbor import array_length, item_head

PAGEFIND_VERSION = "1.5.2"
MAGIC = b"pagefind_dcd"
CHUNK_BYTES = 65000
"""Index chunk size in bytes before compression, about what Pagefind's own rule gives."""


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path} is not a Pagefind file")
    return cbor2.loads(data[len(MAGIC) :])


def fragment_of(data: bytes) -> dict[str, Any]:
    """A page's fragment (JSON after the magic, gzipped): its URL, text, meta, filters."""
    fragment: dict[str, Any] = json.loads(gzip.decompress(data)[len(MAGIC) :])
    return fragment


def pack(cbor: bytes) -> bytes:
    """A Pagefind file's bytes, gzipped deterministically (no timestamp)."""
    return gzip.compress(MAGIC + cbor, compresslevel=6, mtime=0)


def chunk_name(language: str, data: bytes, taken: set[str], length: int = 7) -> str:
    digest = hashlib.sha1(data).hexdigest()
    while f"{language}_{digest[:length]}" in taken and length < len(digest):
        length += 1
    name = f"{language}_{digest[:length]}"
    taken.add(name)
    return name


# -- merging -----------------------------------------------------------------------------------


@dataclass
class _Shard:
    path: Path
    language: str
    entry: dict[str, Any]
    meta: list[Any]
    offset: int

    @property
    def pages(self) -> list[list[Any]]:
        return self.meta[1]

    @property
    def chunks(self) -> list[list[str]]:
        return self.meta[2]

    @property
    def filters(self) -> list[list[str]]:
        return self.meta[3]

    @property
    def sorts(self) -> list[list[Any]]:
        return self.meta[4]

    @property
    def meta_fields(self) -> list[str]:
        return self.meta[5]


def open_shards(paths: list[Path]) -> list[_Shard]:
    shards = []
    offset = 0
    for path in paths:
        entry = json.loads((path / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry["version"] != PAGEFIND_VERSION or len(entry["languages"]) != 1:
            raise BuildError([Problem(str(path), 1, f"unexpected Pagefind bundle: {entry}")])
        language, info = next(iter(entry["languages"].items()))
        meta = read(path / f"pagefind.{info['hash']}.pf_meta")
        if meta[0] != PAGEFIND_VERSION or len(meta) != 6:
            raise BuildError([Problem(str(path), 1, "unexpected Pagefind metadata layout")])
        shards.append(_Shard(path, language, entry, meta, offset))
        offset += len(meta[1])
    languages = {shard.language for shard in shards}
    if len(languages) > 1:
        raise BuildError(
            [Problem(str(paths[0]), 1, f"shards in several languages: {sorted(languages)}")]
        )
    return shards


@dataclass
class _Word:
    """One word of one shard: decoded (for page numbers) and as its original bytes."""

    word: str
    shard: _Shard
    item: list[Any]
    raw: bytes


def shard_words(shard: _Shard) -> Iterator[tuple[str, int, _Word]]:
    """The words of a shard in Pagefind's order, each with its bytes as written."""
    files = [shard.path / "index" / f"{name}.pf_index" for _, _, name in shard.chunks]
    return (word for path in files for word in _stream(shard, path))


def _stream(shard: _Shard, path: Path) -> Iterator[tuple[str, int, _Word]]:
    """The items of one index file (``[[word, …]]``)."""
    data = gzip.decompress(path.read_bytes())[len(MAGIC) :]
    count, start = array_length(data, 1)
    stream = io.BytesIO(data)
    stream.seek(start)
    decoder = cbor2.CBORDecoder(stream)
    for _ in range(count):
        begin = stream.tell()
        item = decoder.decode()
        yield item[0], shard.offset, _Word(item[0], shard, item, data[begin : stream.tell()])


def merge(paths: list[Path], target: Path) -> list[str]:
    """Write one Pagefind bundle at ``target`` that holds every shard's pages; returns
    their fragments' names by page number."""
    if target.exists():
        shutil.rmtree(target)
    if not paths:
        return []
    shards = open_shards(paths)
    language = shards[0].language
    target.mkdir(parents=True)
    for item in sorted(shards[0].path.iterdir()):
        # Pagefind's scripts and WebAssembly; not its entry and metadata (written below) nor
        # what the build keeps beside a shard (gz-…: phrase postings, of any version).
        if (
            item.is_file()
            and item.name != "pagefind-entry.json"
            and not item.name.startswith(phrases.KEPT_PREFIX)
            and not item.name.endswith(".pf_meta")
        ):
            shutil.copy2(item, target / item.name)
    for folder in ("fragment", "index", "filter"):
        (target / folder).mkdir()

    fields = sorted({field for shard in shards for field in shard.meta_fields})
    pages = _merge_fragments(shards, target, language)
    chunks = _merge_words(shards, target, language, fields)
    filters = _merge_filters(shards, target, language)
    sorts = _merge_sorts(shards, pages, target)

    meta = [
        PAGEFIND_VERSION,
        [[name, count] for name, count, _ in pages],
        chunks,
        filters,
        sorts,
        fields,
    ]
    data = pack(cbor2.dumps(meta))
    meta_hash = f"{language}_{hashlib.sha1(data).hexdigest()[:13]}"
    (target / f"pagefind.{meta_hash}.pf_meta").write_bytes(data)
    entry = dict(shards[0].entry)
    info = dict(entry["languages"][language], hash=meta_hash, page_count=len(pages))
    entry["languages"] = {language: info}
    (target / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return [name for name, _, _ in pages]


def _merge_fragments(
    shards: list[_Shard], target: Path, language: str
) -> list[tuple[str, int, dict[str, Any]]]:
    """Copy every page's fragment; returns (fragment name, word count, page meta) by page number."""
    pages = []
    taken: set[str] = set()
    for shard in shards:
        for name, count in shard.pages:
            data = (shard.path / "fragment" / f"{name}.pf_fragment").read_bytes()
            new = (
                name
                if name not in taken
                else chunk_name(language, data, taken, len(name) - len(language))
            )
            taken.add(new)
            (target / "fragment" / f"{new}.pf_fragment").write_bytes(data)
            fragment = fragment_of(data)
            pages.append((new, count, fragment.get("meta", {})))
    return pages


def _merge_words(
    shards: list[_Shard], target: Path, language: str, fields: list[str]
) -> list[list[str]]:
    """Words of all shards in order, each written once with the pages of every shard.

    A word's page entries keep their original bytes; only the first entry of each shard
    gets a new page delta (page numbers are delta-encoded), and an entry's metadata
    positions are renumbered only if a shard lists different metadata fields."""
    renumber = {shard.offset: _renumbering(shard, fields) for shard in shards}
    chunks: list[list[str]] = []
    taken: set[str] = set()
    current: list[bytes] = []
    first_word = last_word = ""
    size = 0

    def flush() -> None:
        nonlocal current, size
        if not current:
            return
        data = pack(b"\x81" + item_head(4, len(current)) + b"".join(current))
        name = chunk_name(language, data, taken)
        (target / "index" / f"{name}.pf_index").write_bytes(data)
        chunks.append([first_word, last_word, name])
        current, size = [], 0

    merged = heapq.merge(
        *(shard_words(shard) for shard in shards), key=lambda item: (item[0], item[1])
    )
    for word, same in itertools.groupby(merged, key=lambda item: item[0]):
        encoded = _merge_word([entry for _, _, entry in same], renumber)
        if not current:
            first_word = word
        current.append(encoded)
        last_word = word
        size += len(encoded)
        if size >= CHUNK_BYTES:
            flush()
    flush()
    for left, right in itertools.pairwise(chunks):
        left[1], right[0] = _prefixes(left[1], right[0])
    return chunks


def _renumbering(shard: _Shard, fields: list[str]) -> dict[int, int] | None:
    """Metadata positions are marked -(field number + 1); None if the numbers stay."""
    mapping = {-(old + 1): -(fields.index(name) + 1) for old, name in enumerate(shard.meta_fields)}
    return None if all(old == new for old, new in mapping.items()) else mapping


def _merge_word(group: list[_Word], renumber: dict[int, dict[int, int] | None]) -> bytes:
    if len(group) == 1 and group[0].shard.offset == 0 and renumber[0] is None:
        return group[0].raw
    word = group[0].word
    parts = []
    total = 0
    previous = 0  # absolute page of the last entry written
    extra: list[Any] = []
    for part in group:
        _, entries, part_extra = part.item
        shard = part.shard
        mapping = renumber[shard.offset]
        if mapping is None:
            head = len(cbor2.dumps(word)) + len(item_head(4, len(entries))) + 1
            body = part.raw[head : len(part.raw) - len(cbor2.dumps(part_extra))]
            first = entries[0][0]
            body = (
                b"\x83"
                + item_head(0, first + shard.offset - previous)
                + body[1 + len(item_head(0, first)) :]
            )
        else:
            rewritten = [
                [delta, locations, [mapping.get(i, i) if i < 0 else i for i in meta_locations]]
                for delta, locations, meta_locations in entries
            ]
            rewritten[0][0] = entries[0][0] + shard.offset - previous
            body = b"".join(cbor2.dumps(entry) for entry in rewritten)
        parts.append(body)
        total += len(entries)
        previous = shard.offset + sum(entry[0] for entry in entries)
        extra.extend(item for item in part_extra if item not in extra)
    return b"\x83" + cbor2.dumps(word) + item_head(4, total) + b"".join(parts) + cbor2.dumps(extra)


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's chunk bounds: the shortest prefixes that still tell two words apart."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def _merge_filters(shards: list[_Shard], target: Path, language: str) -> list[list[str]]:
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for shard in shards:
        for _filter, file in shard.filters:
            filter_name, pairs = read(shard.path / "filter" / f"{file}.pf_filter")
            for value, pages in pairs:
                values[filter_name][value].extend(page + shard.offset for page in pages)
    out = []
    taken: set[str] = set()
    for name in sorted(values):
        pairs = [[value, sorted(pages)] for value, pages in sorted(values[name].items())]
        data = pack(cbor2.dumps([name, pairs]))
        file = chunk_name(language, data, taken)
        (target / "filter" / f"{file}.pf_filter").write_bytes(data)
        out.append([name, file])
    return out


def _merge_sorts(
    shards: list[_Shard], pages: list[tuple[str, int, dict[str, Any]]], target: Path
) -> list[list[Any]]:
    """Sort orders across shards. The site gives every sort key a meta field of the same
    value (data-pagefind-sort and data-pagefind-meta), which is what orders pages here."""
    names = sorted({sort[0] for shard in shards for sort in shard.sorts})
    out = []
    for name in names:
        ordered: list[tuple[str, int]] = []
        for shard in shards:
            order: list[int] = next((sort[1] for sort in shard.sorts if sort[0] == name), [])
            keyed = []
            for page in order:
                value = pages[page + shard.offset][2].get(name)
                if not isinstance(value, str):
                    break
                keyed.append((value, page + shard.offset))
            if len(keyed) != len(order) or [v for v, _ in keyed] != sorted(v for v, _ in keyed):
                raise BuildError(
                    [
                        Problem(
                            str(shard.path),
                            1,
                            f"sort {name!r} needs a meta field of the same "
                            "value on every page (data-pagefind-meta)",
                        )
                    ]
                )
            ordered.extend(keyed)
        ordered.sort(key=lambda item: item[0])
        out.append([name, [page for _, page in ordered]])
    return out
