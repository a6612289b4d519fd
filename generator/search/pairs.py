"""Overlapping Han character pairs, added to the Pagefind index as words.

Pagefind finds a page when every piece of the query begins a word of the page's index,
but the index is cut into words at build time and the query by the browser, and the two
disagree (大武|口区 in the index, 大|武口|区 in the query; 欠 inside 清欠). So every page's
text is also indexed as overlapping pairs of Han characters, the way Lucene's CJK
analyzer does it: 大武口区 gives 大武, 武口, 口区, each at the position of the word it
starts in. A phrase is then searched as its pairs, which every page holding the phrase
has, however either side cut it into words.

A pair is written as one ASCII word, ``gzb`` and the two code points in hexadecimal
spelled with the letters a–p (:func:`pair_token`; ``gz-search.js`` computes the same),
so neither Pagefind nor the browser cuts it again. The pairs are added to the index
only (when the shards are merged), never to the pages: the result fragments Pagefind
serves for excerpts stay as they were.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cbor2

PREFIX = "gzb"
DEFAULT_WEIGHT = -25
"""Pagefind's marker for text of ordinary weight in a word's locations."""
FILE = "gz-pairs.cbor.gz"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPLIT = re.compile(r"[\s\u200b]+")
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def pair_token(first: str, second: str) -> str:
    """``gzb`` + two code points of four hex digits each, spelled a–p: every token has the
    same length, so no token is a prefix of another."""
    return PREFIX + f"{ord(first):04x}{ord(second):04x}".translate(_LETTERS)


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


def positions(words: list[str]) -> dict[str, list[int]]:
    """Pair token → the positions (word numbers) where the pair starts, in order. A pair
    inside a word is at that word; a pair across two neighbouring words at the first."""
    found: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        for a, b in zip(word, word[1:] + (words[index + 1][:1] if index + 1 < len(words) else ""), strict=False):
            if is_han(a) and is_han(b):
                spots = found[pair_token(a, b)]
                if not spots or spots[-1] != index:
                    spots.append(index)
    return found


def page_words(content: str) -> list[str]:
    """A fragment's text as Pagefind numbers its words (U+200B and spaces between them)."""
    return [word for word in _SPLIT.split(content) if word]


def decode(locations: list[int]) -> list[tuple[int, int]]:
    """Pagefind's locations: a negative weight marker, then delta-coded positions."""
    out = []
    weight, position = DEFAULT_WEIGHT, 0
    for value in locations:
        if value < 0:
            weight, position = value, 0
        else:
            position += value
            out.append((weight, position))
    return out


def encode(spots: Iterable[tuple[int, int]]) -> list[int]:
    groups: dict[int, list[int]] = defaultdict(list)
    for weight, position in spots:
        groups[weight].append(position)
    out: list[int] = []
    for weight in sorted(groups, reverse=True):
        out.append(weight)
        previous = 0
        for position in sorted(groups[weight]):
            out.append(position - previous)
            previous = position
    return out


def shard_pairs(fragments: list[dict[str, Any]], words: Iterable[list[Any]]) -> list[list[Any]]:
    """The pair words of one shard, as Pagefind index items ``[word, [[page delta,
    locations, []], …], []]`` sorted by word. ``words`` are the shard's own index items:
    a pair's weight is the weight of the word it is in (a title counts more)."""
    weights: dict[tuple[int, int], int] = {}
    for word, entries, _extra in words:
        if not any(is_han(char) for char in word):
            continue
        page = 0
        for delta, locations, _meta in entries:
            page += delta
            for weight, position in decode(locations):
                weights[(page, position)] = weight
    items: dict[str, list[list[Any]]] = defaultdict(list)
    for page, fragment in enumerate(fragments):
        for token, spots in positions(page_words(fragment["content"])).items():
            located = [(weights.get((page, spot), DEFAULT_WEIGHT), spot) for spot in spots]
            items[token].append([page, encode(located), []])
    out = []
    for token in sorted(items):
        entries = items[token]
        previous = 0
        for entry in entries:
            entry[0], previous = entry[0] - previous, entry[0]
        out.append([token, entries, []])
    return out


def write_pairs(shard: Path, fragments: list[dict[str, Any]], words: Iterable[list[Any]]) -> None:
    data = cbor2.dumps(shard_pairs(fragments, words))
    (shard / FILE).write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def read_pairs(shard: Path) -> list[list[Any]]:
    items: list[list[Any]] = cbor2.loads(gzip.decompress((shard / FILE).read_bytes()))
    return items


def read_fragment(path: Path, magic: bytes) -> dict[str, Any]:
    fragment: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes())[len(magic):])
    return fragment
