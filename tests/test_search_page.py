"""The search page's excerpts, document numbers in every spelling, and hostile or odd
queries, on the real issue in Chromium."""

from __future__ import annotations

import random
import re
import shutil
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import serve
from tests.htmltools import squash
from tests.test_browser import S, quick_find, search

pytestmark = pytest.mark.browser

LABELS = ("发文字号", "发文机关", "成文日期", "刊登期次", "页码", "栏目")


def body_phrases(site: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """``(page url, phrase)``: runs of 4–8 Han characters from the documents' paragraphs."""
    rng = random.Random(seed)
    found = []
    for html in sorted(site.glob("2021/02/*/index.html")):
        if html.parent.name == "chronicle":
            continue
        paragraphs = re.findall(r"<p>([^<]{12,})</p>", html.read_text(encoding="utf-8"))
        for paragraph in paragraphs:
            for run in re.findall(r"[\u4e00-\u9fff]{6,}", paragraph):
                found.append((f"/2021/02/{html.parent.name}/", run))
    chosen = rng.sample(found, count)
    return [(url, run[: rng.randint(4, min(8, len(run)))]) for url, run in chosen]


def test_excerpts_are_chinese_text_with_the_query_marked_as_one(
    page: Any,
    real_server: str,  # noqa: F811
    real_site: Path,
) -> None:
    for _, phrase in body_phrases(real_site, 12, seed=11):
        results = search(page, real_server, phrase)
        assert results, phrase
        for result in results:
            excerpt = result["excerpt"]
            assert not re.search(r"gz(dn|ct)[a-p]", excerpt), (phrase, excerpt)
            assert not any(label in excerpt for label in LABELS), (phrase, excerpt)
            assert ". " not in excerpt and "\u200b" not in excerpt, (phrase, excerpt)
        first = results[0]["excerpt"]
        if phrase in squash(re.sub(r"<[^>]+>", "", first)):
            assert f"<mark>{phrase}</mark>" in first, (phrase, first)


def test_cut_excerpts_say_so(page: Any, real_server: str) -> None:  # noqa: F811
    results = search(page, real_server, "食品药品安全")
    assert results
    for result in results:
        text = result["excerpt"]
        assert text.startswith("…") or not text.startswith(("，", "、", "。")), text
    assert "<mark>食品药品安全</mark>" in results[0]["excerpt"]


@pytest.mark.parametrize(
    "spelling",
    [
        "石大政办发〔2021〕5号",
        "石大政办发[2021]5号",
        "石大政办发(2021)5号",
        "石大政办发（2021）5号",
        "石大政办发【2021】5号",
        "石大政办发〔２０２１〕５号",
        "石大政办发 〔2021〕 5 号",
        "石大政办发2021年5号",
        "石大政办发〔2021〕第5号",
        "石大政办发2021年第5号",
        "石大政办发〔2021〕5",
    ],
)
def test_document_number_in_every_spelling_comes_first(
    page: Any, real_server: str, spelling: str
) -> None:  # noqa: F811
    results = search(page, real_server, spelling)
    assert results[0]["url"] == S + "sdzbf-2021-5/"
    assert results[0]["why"] == "文号完全匹配"


def test_odd_queries_give_a_sensible_page(page: Any, real_server: str) -> None:  # noqa: F811
    dialogs: list[str] = []

    def note(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note)
    page.goto(real_server + "search/?q=")
    page.wait_for_function("document.getElementById('gz-search-status').textContent.length > 0")
    assert page.text_content("#gz-search-status") == "输入检索词，或选择筛选条件。"
    assert search(page, real_server, "，。、！") == []
    assert page.text_content("#gz-search-status") == "请输入文字、人名或文号。"
    single = search(page, real_server, "税")
    assert single and all(
        "税" in squash(re.sub(r"<[^>]+>", "", r["excerpt"])) or r["title"] for r in single
    )
    search(page, real_server, "<img src=x onerror=alert(1)>")
    long_query = "大武口区" * 125
    page.goto(real_server + "search/?" + urllib.parse.urlencode({"q": long_query}))
    page.wait_for_function(
        "document.getElementById('gz-search-status').textContent.startsWith('找到')"
        " || document.getElementById('gz-search-status').textContent.startsWith('没有')",
        timeout=20000,
    )
    unknown = search(page, real_server, "法律顾问", organ="不存在的机关", year="1900")
    assert unknown and unknown[0]["url"] == S + "sdzbf-2021-5/"
    page.remove_listener("dialog", note)
    assert dialogs == []


@pytest.mark.parametrize(
    "spelling",
    [
        "石大政办发〔2021〕5号",
        "石大政办发[2021]5号",
        "石大政办发（2021）5号",
        "石大政办发【2021】5号",
    ],
)
def test_quick_find_shows_only_the_document_for_its_number(
    page: Any,
    real_server: str,  # noqa: F811
    spelling: str,
) -> None:
    quick_find(page, real_server, spelling)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.includes('完全匹配')"
    )
    shown = page.eval_on_selector_all(
        ".md-search-result__item:not([hidden]) > a", "els => els.map(a => new URL(a.href).pathname)"
    )
    assert shown == ["/2021/02/sdzbf-2021-5/"]
    assert (
        page.eval_on_selector_all(
            ".md-search-result__item:not([hidden]) .md-search-result__terms", "els => els.length"
        )
        == 0
    )
    assert page.text_content(".md-search-result__meta") == "找到 1 个完全匹配的结果"


def test_a_missing_index_is_said_on_the_page(browser: Any, real_site: Path, tmp_path: Path) -> None:
    """The preview serves pages before Pagefind has indexed them: the search page says that
    the index could not be loaded instead of searching for ever."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site, ignore=shutil.ignore_patterns("pagefind"))
    base, server = serve(site)
    tab = browser.new_page()
    try:
        tab.goto(base + "search/?q=%E5%87%89%E7%9A%AE")
        tab.wait_for_function(
            "!document.getElementById('gz-search-status').textContent.startsWith('正在')"
            " && document.getElementById('gz-search-status').textContent.length > 0"
        )
        status = tab.text_content("#gz-search-status")
        results = tab.locator("#search-results .gz-result").count()
    finally:
        tab.close()
        server.shutdown()
    assert (status, results) == ("全文检索暂时无法使用（检索索引未能加载），请稍后再试。", 0)
