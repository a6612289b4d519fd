"""Recall of the search page, measured as a reader meets it: phrases sampled from the
visible text of the built pages, typed into /search/ in Chromium, and the results
compared with the pages that contain each phrase verbatim."""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.search.quickfind import _jieba

_ARTICLE = re.compile(r'<article class="gz-(?:document|chronicle)"[^>]*>(.*?)</article>', re.S)
_HIDDEN = [
    re.compile(pattern, re.S)
    for pattern in (
        r'<(p|dl|details) class="gz-(?:kicker|meta|citation|permalink)[^"]*".*?</\1>',
        r'<span class="gz-terms".*?</span>',
        r"<span hidden[^>]*></span>",
        r'<section class="gz-refs".*?</section>',
        r"<nav.*?</nav>",
    )
]


def visible_texts(site: Path, under: str = "") -> dict[str, str]:
    """Site URL → the text a reader sees in the article (no metadata, no hidden tokens)."""
    texts = {}
    for path in sorted(site.glob(f"{under}**/index.html")):
        found = _ARTICLE.search(path.read_text(encoding="utf-8"))
        if found is None:
            continue
        body = found.group(1)
        for pattern in _HIDDEN:
            body = pattern.sub(" ", body)
        texts["/" + path.parent.relative_to(site).as_posix() + "/"] = html.unescape(
            re.sub(r"<[^>]+>", "\n", body)
        )
    return texts


def sample_phrases(texts: dict[str, str], count: int, seed: int) -> list[str]:
    """``count`` phrases of 1–3 whole words (jieba), 2–8 Han characters, never across
    punctuation."""
    jieba = _jieba()
    candidates = set()
    for text in texts.values():
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            words = list(jieba.cut(run, HMM=False))
            for start in range(len(words)):
                for size in (1, 2, 3):
                    phrase = "".join(words[start : start + size])
                    if start + size <= len(words) and 2 <= len(phrase) <= 8:
                        candidates.add(phrase)
    return random.Random(seed).sample(sorted(candidates), count)


@dataclass(frozen=True)
class Outcome:
    phrase: str
    results: tuple[str, ...]
    """The first ten result URLs, in order."""
    having: frozenset[str]
    """Pages whose visible text contains the phrase verbatim."""

    @property
    def in_top_ten(self) -> bool:
        return bool(self.having & set(self.results))

    @property
    def first_has_it(self) -> bool:
        return bool(self.results) and self.results[0] in self.having


def measure(tab: Any, base: str, texts: dict[str, str], phrases: list[str]) -> list[Outcome]:
    """Type each phrase into the search page (one page load, like a reader refining a query)."""
    flat = {url: re.sub(r"\s+", "", text) for url, text in texts.items()}
    tab.goto(base + "search/")
    tab.wait_for_function("document.getElementById('gz-search-status').textContent.length > 0")
    outcomes = []
    for phrase in phrases:
        tab.fill("#gz-q", phrase)
        tab.wait_for_function(
            "q => document.getElementById('search-results').getAttribute('data-query') === q",
            arg=phrase,
            timeout=30000,
        )
        urls = tab.eval_on_selector_all(
            "#search-results .gz-result", "els => els.map(e => e.getAttribute('data-url'))"
        )
        having = frozenset(url for url, text in flat.items() if phrase in text)
        outcomes.append(Outcome(phrase, tuple(urls[:10]), having))
    return outcomes
