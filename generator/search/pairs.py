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
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PREFIX = "gzb"
DEFAULT_WEIGHT = -25
"""Pagefind's marker for text of ordinary weight in a word's locations."""
FILE = "gz-pairs.pf_index"
"""A shard's pairs, beside it, in the form of one Pagefind index chunk."""
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPLIT = re.compile(r"[\s\u200b]+")
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def pair_token(first: str, second: str) -> str:
    """``gzb`` + two code points of four hex digits each, spelled a–p: every token has the
    same length, so no token is a prefix of another."""
    return PREFIX + f"{ord(first):04x}{ord(second):04x}".translate(_LETTERS)


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


_PAIR = re.compile(f"(?=({_HAN.pattern})\x00?({_HAN.pattern}))")
_TOKENS: dict[str, str] = {}


def _token(pair: str) -> str:
    token = _TOKENS.get(pair)
    if token is None:
        token = _TOKENS[pair] = pair_token(pair[0], pair[1])
    return token


def positions(words: list[str]) -> dict[str, list[int]]:
    """Pair token → the positions (word numbers) where the pair starts, in order. A pair
    inside a word is at that word; a pair across two neighbouring words at the first."""
    found: dict[str, list[int]] = defaultdict(list)
    text = "\x00".join(words)
    starts = list(itertools.accumulate(len(word) + 1 for word in words))  # where word i + 1 starts
    index = 0
    for match in _PAIR.finditer(text):
        at = match.start()
        while starts[index] <= at:
            index += 1
        spots = found[_token(match.group(1) + match.group(2))]
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
    weights = _weights(words)
    items: dict[str, list[list[Any]]] = defaultdict(list)
    for page, fragment in enumerate(fragments):
        weighted = weights.get(page)
        for token, spots in positions(page_words(fragment["content"])).items():
            if weighted is None or weighted.keys().isdisjoint(spots):
                located = [DEFAULT_WEIGHT, spots[0], *(b - a for a, b in itertools.pairwise(spots))]
            else:
                located = encode((weighted.get(spot, DEFAULT_WEIGHT), spot) for spot in spots)
            items[token].append([page, located, []])
    out = []
    for token in sorted(items):
        entries = items[token]
        previous = 0
        for entry in entries:
            entry[0], previous = entry[0] - previous, entry[0]
        out.append([token, entries, []])
    return out


def _weights(words: Iterable[list[Any]]) -> dict[int, dict[int, int]]:
    """Page → position → weight marker, for the words of more than ordinary weight."""
    weights: dict[int, dict[int, int]] = defaultdict(dict)
    for word, entries, _extra in words:
        page = 0
        for delta, locations, _meta in entries:
            page += delta
            if locations and min(locations) < DEFAULT_WEIGHT and _HAN.search(word):
                for weight, position in decode(locations):
                    if weight != DEFAULT_WEIGHT:
                        weights[page][position] = weight
    return weights


def read_fragment(path: Path, magic: bytes) -> dict[str, Any]:
    fragment: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes())[len(magic) :])
    return fragment
