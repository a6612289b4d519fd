"""The phrase index (generator/search/phrases.py) and the engine the search page runs on it
(templates/_search_engine.j2): the same cut of text on both sides, the files as written,
and what the page does when the index cannot answer or comes from two builds."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from generator.search import phrases
from generator.search.bundle import fragment_of
from generator.site.phrasebuckets import bucket_count
from tests.conftest import ROOT, serve

TEMPLATE = ROOT / "generator" / "site" / "templates" / "_search_engine.j2"


def fragment(content: str, title: str, date: str, **filters: list[str]) -> dict[str, Any]:
    return {"content": content, "meta": {"title": title, "date": date}, "filters": filters}


def test_flat_text_and_its_tokens() -> None:
    text = phrases.flat("大武\u200b口区 委员会. \u200bＡＢ１２ Cd\n\n 区")
    assert text == "大武口区委员会. ab12 cd 区"
    assert phrases.tokens(text) == {
        "大武": [0],
        "武口": [1],
        "口区": [2],
        "区委": [3],
        "委员": [4],
        "员会": [5],
        "ab12": [9],
        "cd": [14],
    }


def buckets_of(target: Path) -> int:
    count: int = json.loads((target / "pages.json").read_text(encoding="utf-8"))["buckets"]
    return count


def decode(target: Path, token: str) -> dict[int, list[int]]:
    """A token's postings, read back from its bucket as the browser reads them."""
    name = f"{phrases.bucket(token, buckets_of(target)):x}.bin"
    data = gzip.decompress((target / name).read_bytes())
    assert data[:4] == phrases.FORMAT
    at = 12

    def number() -> int:
        nonlocal at
        value, shift = 0, 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    found: dict[int, list[int]] = {}
    while at < len(data):
        length = number()
        name = data[at : at + length].decode()
        at += length
        for _ in range(number()):
            page, size = number(), number()
            end = at + size
            while at < end:
                page += number()
                spots, spot = [], 0
                for _ in range(number()):
                    spot += number()
                    spots.append(spot)
                if name == token:
                    found[page] = spots
    return found


def test_the_index_as_written(tmp_path: Path) -> None:
    first = [
        fragment("食品安全. 食品\u200b药品\u200b安全", "食品安全", "2021-03-02", issue=["a"]),
        fragment("药品安全. 安全 2021", "药品安全", "2021-01-05", issue=["a"], organ=["区政府"]),
    ]
    second = [fragment("通知. 食品安全", "通知", "2020-12-31", issue=["b"])]
    shards = [(0, phrases.shard_postings(first)), (2, phrases.shard_postings(second))]
    target = tmp_path / "phrases"
    phrases.write(shards, ["en_a", "en_b", "en_c"], target)
    assert decode(target, "食品") == {0: [0, 6], 2: [4]}
    assert decode(target, "安全") == {0: [2, 10], 1: [2, 6], 2: [6]}
    assert decode(target, "2021") == {1: [9]}
    assert decode(target, "品药") == {0: [7]}
    assert decode(target, "全食") == {}  # the block break between them is not crossed
    table = json.loads((target / "pages.json").read_text(encoding="utf-8"))
    assert table["fragments"] == ["en_a", "en_b", "en_c"]
    assert table["titles"] == [4, 4, 2]
    assert table["days"] == [18688, -56, -5]  # 2021-03-02 as days since 1970, then deltas
    assert table["filters"] == {"issue": {"a": [0, 1], "b": [2]}, "organ": {"区政府": [1]}}
    assert table["buckets"] == 64  # two issues: the fewest buckets
    assert len(list(target.glob("*.bin"))) == 64
    # every bucket says which build it belongs to, as the page table does
    build = bytes.fromhex(table["build"])
    assert {gzip.decompress(p.read_bytes())[4:12] for p in target.glob("*.bin")} == {build}


def test_buckets_grow_with_the_archive() -> None:
    assert [bucket_count(n) for n in (0, 1, 4, 5, 121, 241, 10**6)] == [
        64,
        64,
        64,
        128,
        2048,
        4096,
        65536,
    ]


def test_the_search_page_expects_the_index_s_number_of_buckets(real_site: Path) -> None:
    page = (real_site / "search/index.html").read_text(encoding="utf-8")
    expected = re.search(r"let count = (\d+);", page)
    assert expected and int(expected.group(1)) == buckets_of(real_site / "pagefind/phrases") == 64


# -- in the browser ----------------------------------------------------------------------------


def sample_texts(site: Path, count: int) -> list[str]:
    """Pieces of the real issue's pages, and text made to trip the cut."""
    rng = random.Random(11)
    texts = []
    for html in sorted(site.glob("2021/02/*/index.html")):
        text = re.sub(r"<[^>]+>", "", html.read_text(encoding="utf-8"))
        for _ in range(count):
            start = rng.randrange(max(1, len(text) - 40))
            texts.append(text[start : start + rng.randint(2, 40)])
    return texts + [
        "大武 口区",
        "ＡＢＣ１２３ 食品",
        "𠀀大武口区",
        "石大政办发〔２０２１〕５号",
        "食品\u3000安全\t药品",
        "大\x85武 \ufeff口区 a\u2029b",  # where Python's and the browser's spaces differ
        "x" * 60 + "食品",
        "gzdnhhpdfjchfbfkfcjofdnbxhofxfz",
    ]


@pytest.mark.browser
def test_the_page_cuts_text_as_the_index_does(page: Any, real_server: str, real_site: Path) -> None:
    page.goto(real_server + "search/")
    texts = sample_texts(real_site, 8)
    cut = page.evaluate(
        """texts => texts.map(t => {
             const flat = gzPhrases.flat(t);
             const plan = gzPhrases.plan(t);
             return [flat, plan && plan.map(w => [w.token, w.at, gzPhrases.bucketOf(w.token)])];
           })""",
        texts,
    )
    for text, (flat, plan) in zip(texts, cut, strict=True):
        assert flat == phrases.flat(text), text
        if plan is None:
            continue
        indexed = phrases.tokens(flat)
        points = list(flat)  # positions count code points on both sides
        for token, at, bucket in plan:
            assert bucket == phrases.bucket(token, 64), token
            assert at in indexed[token] and "".join(points[at : at + len(token)]) == token, (
                text,
                token,
            )


def _run(browser: Any, base: str, query: str) -> tuple[list[str], list[str]]:
    """The results' URLs and the index files the page fetched."""
    tab = browser.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url.removeprefix(base)))
    try:
        tab.goto(base + "search/?q=" + urllib.parse.quote(query))
        tab.wait_for_function(
            "!document.getElementById('gz-search-status').textContent.startsWith('正在')"
            " && document.getElementById('gz-search-status').textContent.length > 0"
        )
        urls = tab.eval_on_selector_all(
            "#search-results .gz-result", "items => items.map(i => i.dataset.url)"
        )
    finally:
        tab.close()
    return urls, [path for path in fetched if path.startswith("pagefind/")]


@pytest.mark.browser
def test_a_phrase_needs_only_its_buckets(browser: Any, real_server: str) -> None:
    urls, fetched = _run(browser, real_server, "两项补贴")
    assert urls[0] == "/2021/02/sdzbf-2021-8/"
    buckets = sorted({f"pagefind/phrases/{phrases.bucket(t, 64):x}.bin" for t in ("两项", "补贴")})
    assert sorted(p for p in fetched if p.endswith(".bin")) == buckets
    assert not [path for path in fetched if path.endswith(".js") or ".pf_index" in path]


@pytest.mark.browser
def test_a_lone_character_is_searched_with_pagefind(browser: Any, real_server: str) -> None:
    """第5号 cuts to two lone characters around a digit: the phrase index has no single
    characters, so Pagefind's word index answers, loaded only now."""
    urls, fetched = _run(browser, real_server, "残疾人 补")
    assert "pagefind/pagefind.js" in fetched
    assert urls and urls[0] == "/2021/02/sdzbf-2021-8/"


def first_result(tab: Any, base: str, query: str) -> str | None:
    """The first result's URL on the search page for ``query``; closes the tab."""
    try:
        tab.goto(base + "search/?q=" + urllib.parse.quote(query))
        tab.wait_for_selector("#search-results .gz-result")
        first: str | None = tab.get_attribute("#search-results .gz-result", "data-url")
        return first
    finally:
        tab.close()


@pytest.mark.browser
def test_a_bucket_of_another_build_is_fetched_again(browser: Any, real_server: str) -> None:
    """A cache between the reader and the site may hold a bucket of the previous build:
    the page sees that the build ids differ and fetches both files again, past the cache."""
    tab = browser.new_page()
    seen: list[str] = []
    stale = {"left": 1}

    def old_build(route: Any) -> None:
        seen.append(route.request.url.rsplit("/", 1)[1])
        if stale["left"]:
            stale["left"] -= 1
            body = bytearray(gzip.decompress(route.fetch().body()))
            body[4:12] = bytes(8)
            route.fulfill(body=gzip.compress(bytes(body)))
        else:
            route.continue_()

    tab.route("**/phrases/*.bin", old_build)
    assert first_result(tab, real_server, "区人民法院") == "/2021/02/sdzbf-2021-6/"
    assert len(seen) == len(set(seen)) + 1  # one bucket twice, each other once


@pytest.mark.browser
def test_a_page_expecting_other_buckets_reads_the_right_ones(
    browser: Any, real_server: str
) -> None:
    """Were the page's count of buckets and the index's ever to differ, the page table's
    count wins: the query's right buckets are fetched, and the right page found."""
    tab = browser.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[1]))

    def other_count(route: Any) -> None:
        html = route.fetch().text().replace("let count = 64;", "let count = 128;")
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    tab.route("**/search/?q=*", other_count)
    assert first_result(tab, real_server, "两项补贴") == "/2021/02/sdzbf-2021-8/"
    right = {f"{phrases.bucket(t, 64):x}.bin" for t in ("两项", "补贴")}
    assert right <= set(fetched)
    assert "pagefind.js" not in fetched  # the phrase index answered, not Pagefind


@pytest.mark.browser
def test_without_the_phrase_index_pagefind_answers(
    browser: Any, real_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(real_site, site, ignore=shutil.ignore_patterns(phrases.FOLDER))
    base, server = serve(site)
    try:
        urls, fetched = _run(browser, base, "两项补贴")
    finally:
        server.shutdown()
    assert "pagefind/pagefind.js" in fetched
    assert urls[0] == "/2021/02/sdzbf-2021-8/"


@pytest.mark.browser
def test_pages_holding_only_pieces_say_so(page: Any, real_server: str) -> None:
    """两项补贴 as typed is in one document; another holds 两项 and 补贴 apart: it comes
    second, marked, and the count says how many are such."""
    page.goto(real_server + "search/?q=" + urllib.parse.quote("两项补贴"))
    page.wait_for_function(
        "document.getElementById('gz-search-status').textContent.startsWith('找到')"
    )
    status = page.text_content("#gz-search-status")
    marks = page.eval_on_selector_all(
        "#search-results .gz-result",
        """items => items.map(i => [i.dataset.url,
             [...i.querySelectorAll('.gz-result__why')].map(s => s.textContent).join()])""",
    )
    assert status == "找到 2 条结果（其中 1 条只含部分检索词）。"
    assert marks == [["/2021/02/sdzbf-2021-8/", ""], ["/2021/02/sdzbf-2021-7/", "只含部分检索词"]]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["大武口区", "人民政府", "实施方案", "安全", "工作"])
def test_results_are_in_the_order_the_ranking_promises(
    page: Any, real_server: str, real_site: Path, query: str
) -> None:
    """Pages holding the phrase before pages holding its pieces; among them a title holding
    it first, then more occurrences: checked against the pages' own text."""
    bundle = real_site / "pagefind"
    table = json.loads((bundle / "phrases/pages.json").read_text(encoding="utf-8"))
    rank = {}
    for number, name in enumerate(table["fragments"]):
        fragment = fragment_of((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
        text = phrases.flat(fragment["content"])
        starts = [m.start() for m in re.finditer(f"(?={re.escape(query)})", text)]
        titled = bool(starts) and starts[0] < table["titles"][number]
        rank[fragment["url"]] = (bool(starts), titled, len(starts))
    page.goto(real_server + "search/?q=" + urllib.parse.quote(query))
    page.wait_for_function(
        "document.getElementById('gz-search-status').textContent.startsWith('找到')"
    )
    shown = page.eval_on_selector_all(
        "#search-results .gz-result", "items => items.map(i => i.dataset.url)"
    )
    holding = sorted((key for key in rank.values() if key[0]), reverse=True)
    pieces_only = [(False, False, 0)] * max(0, len(shown) - len(holding))
    assert [rank[url] for url in shown] == (holding + pieces_only)[: len(shown)]
    assert len(holding) >= 2  # the order among them is tested
