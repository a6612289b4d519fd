"""The phrase index: where every Han character pair and every Latin or digit word of every
page occurs, by character position, so the search page finds an exact phrase by looking up
a few tokens and checking their positions, with no word segmenter on either side.

A page's text is Pagefind's fragment content made *flat* (:func:`flat`): Pagefind's word
breaks (U+200B) dropped, full-width Latin letters and digits made ASCII and lower case,
spaces between two Han characters dropped and other runs of spaces made one. Its tokens
(:func:`tokens`) are every pair of neighbouring Han characters (大武口区: 大武 武口 口区,
the way Lucene's CJK analyzer cuts) and every run of ASCII letters and digits (2021,
the hidden document-number tokens gzdn…), each at the position of its first character.
The search page's engine (``site/templates/_search_engine.j2``) cuts the query the same way:
a phrase is on a page where its tokens occur at the same distances as in the query.

Files, under ``pagefind/phrases/`` beside Pagefind's bundle (whose fragments the search
page shows):

- ``pages.json``: the build's id, the number of buckets; for each page (Pagefind's page
  numbers) its fragment, the length of its title in flat characters (a match there is a
  title match), its date as days since 1970 (for sorting) and the pages of each filter value.
- ``<bucket>.bin``: the postings of the tokens whose hash (FNV-1a over code points, modulo
  the number of buckets, :func:`generator.site.phrasebuckets.bucket_count` of the issues)
  is the bucket, gzipped: ``GZP1``, the build id (8 bytes), then per token its UTF-8 bytes
  and its segments, one per yearly shard that has it: the shard's first page number, the
  segment's length in bytes and, for each page, the page (delta), the number of positions
  and the positions (deltas). Integers are LEB128 varints. A shard's segments are computed
  once per shard (:func:`shard_postings`) and kept beside it, so a rebuild re-reads only the
  shards that changed and the merge copies bytes.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import pickle
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.site.escape import json_text
from generator.site.phrasebuckets import bucket_count

FOLDER = "phrases"
VERSION = 2
"""Of the cut and the files: a change to either must change it, so that the postings kept
beside the shards are computed again."""
KEPT_PREFIX = "gz-"
"""What the build keeps beside a Pagefind shard starts with this (and is not Pagefind's)."""
FILE = f"{KEPT_PREFIX}phrases-{VERSION}.pickle"
"""A shard's postings, beside it."""
FORMAT = b"GZP1"
MAX_WORD = 48
"""Longer runs of letters and digits are not indexed (the document-number tokens are ~30)."""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
_WORD = re.compile(r"[0-9a-z]+")
SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""What the browser's ``\\s`` matches (Python's differs in a few characters): the page cuts
the query with ``\\s``."""
_SPACE_IN_HAN = re.compile(f"(?<=[{HAN}])[{SPACE}]+(?=[{HAN}])")
_SPACES = re.compile(f"[{SPACE}]+")
_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_ASCII.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_ASCII.update({code: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})
_EPOCH = datetime.date(1970, 1, 1)


def flat(text: str) -> str:
    """The text positions count in (the query is made flat the same way)."""
    text = text.replace("\u200b", "").translate(_ASCII)
    return _SPACES.sub(" ", _SPACE_IN_HAN.sub("", text))


def tokens(text: str) -> dict[str, list[int]]:
    """Token → its positions in the flat ``text``, in order."""
    found: dict[str, list[int]] = defaultdict(list)
    for run in _HAN_RUN.finditer(text):
        chars, start = run.group(), run.start()
        for i in range(len(chars) - 1):
            found[chars[i : i + 2]].append(start + i)
    for word in _WORD.finditer(text):
        if len(word.group()) <= MAX_WORD:
            found[word.group()].append(word.start())
    return found


def bucket(token: str, buckets: int) -> int:
    """FNV-1a (32 bits) over the token's code points, modulo ``buckets``; the search page
    computes the same."""
    value = 0x811C9DC5
    for char in token:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


# -- one shard ---------------------------------------------------------------------------------


def page_facts(fragment: dict[str, Any]) -> dict[str, Any]:
    """What the page table keeps of a page: its title's flat length (0 when its text does
    not start with the title), its date in days, its filter values."""
    text = flat(fragment.get("content", ""))
    title = flat(fragment.get("meta", {}).get("title", "")).strip()
    date = fragment.get("meta", {}).get("date", "")
    try:
        day = (datetime.date.fromisoformat(date) - _EPOCH).days
    except ValueError:
        day = 0
    return {
        "title": len(title) if title and text.startswith(title) else 0,
        "day": day,
        "filters": fragment.get("filters", {}),
    }


def shard_postings(fragments: list[dict[str, Any]]) -> dict[str, Any]:
    """A shard's pages (in Pagefind's order) and, per token, the encoded segment body:
    for each page that has the token, the page (delta), the count and the positions."""
    postings: dict[str, bytearray] = {}
    last: dict[str, int] = {}
    for page, fragment in enumerate(fragments):
        for token, spots in tokens(flat(fragment.get("content", ""))).items():
            out = postings.get(token)
            if out is None:
                out = postings[token] = bytearray()
            varint(page - last.get(token, 0), out)
            last[token] = page
            varint(len(spots), out)
            previous = 0
            for spot in spots:
                varint(spot - previous, out)
                previous = spot
    return {
        "pages": [page_facts(fragment) for fragment in fragments],
        "postings": {token: bytes(body) for token, body in postings.items()},
    }


def save(shard: dict[str, Any], path: Path) -> None:
    path.write_bytes(pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))


def load(path: Path) -> dict[str, Any]:
    shard: dict[str, Any] = pickle.loads(path.read_bytes())
    return shard


# -- the whole index ---------------------------------------------------------------------------


def write(shards: list[tuple[int, dict[str, Any]]], names: list[str], target: Path) -> None:
    """Write ``target`` (``pagefind/phrases``) from each shard's first page number and
    postings; ``names`` are the merged bundle's fragment names by page number."""
    pages = [facts for _, shard in shards for facts in shard["pages"]]
    table = _table(pages, names)
    count = bucket_count(len(table["filters"].get("issue", {})))
    table["buckets"] = count
    build = hashlib.sha256(json.dumps(table, sort_keys=True).encode()).digest()[:8]
    table["build"] = build.hex()
    buckets: list[dict[str, list[tuple[int, bytes]]]] = [defaultdict(list) for _ in range(count)]
    for offset, shard in shards:
        for token, body in shard["postings"].items():
            buckets[bucket(token, count)][token].append((offset, body))
    target.mkdir(parents=True, exist_ok=True)
    for number, held in enumerate(buckets):
        out = bytearray(FORMAT + build)
        for token in sorted(held):
            raw = token.encode()
            varint(len(raw), out)
            out += raw
            varint(len(held[token]), out)
            for offset, body in held[token]:
                varint(offset, out)
                varint(len(body), out)
                out += body
        (target / f"{number:x}.bin").write_bytes(gzip.compress(bytes(out), 6, mtime=0))
    (target / "pages.json").write_text(json_text(table, compact=True), encoding="utf-8")


def _table(pages: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """The page table: columns, days as deltas, each filter value's pages as deltas."""
    filters: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for page, facts in enumerate(pages):
        for name, values in sorted(facts["filters"].items()):
            for value in values:
                filters[name][value].append(page)
    days, previous = [], 0
    for facts in pages:
        days.append(facts["day"] - previous)
        previous = facts["day"]
    return {
        "fragments": names,
        "titles": [facts["title"] for facts in pages],
        "days": days,
        "filters": {
            name: {value: _deltas(found) for value, found in sorted(values.items())}
            for name, values in sorted(filters.items())
        },
    }


def _deltas(numbers: list[int]) -> list[int]:
    out, previous = [], 0
    for number in numbers:
        out.append(number - previous)
        previous = number
    return out
