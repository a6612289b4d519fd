"""The built site in headless Chromium, as a reader uses it: layout at desktop and phone
widths, full-text search, quick find, accessibility (axe-core) and printing."""

from __future__ import annotations

import itertools
import re
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, serve

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def search(tab: Any, base: str, query: str, **params: str) -> list[dict[str, str]]:
    """Open the search page with ?q=… and return the rendered results in order."""
    query_string = urllib.parse.urlencode({"q": query, **params})
    tab.goto(f"{base}search/?{query_string}")
    tab.wait_for_function(
        "q => document.getElementById('search-results').getAttribute('data-query') === q"
        " || document.getElementById('gz-search-status').textContent.startsWith('没有')",
        arg=query,
        timeout=20000,
    )
    return tab.eval_on_selector_all(
        "#search-results .gz-result",
        """els => els.map(e => ({
        url: e.getAttribute('data-url'), href: e.querySelector('a').getAttribute('href'),
        title: e.querySelector('a').textContent,
        docnum: (e.querySelector('.gz-docnum') || {}).textContent || '',
        why: (e.querySelector('.gz-result__why') || {}).textContent || '',
        excerpt: e.querySelector('.gz-result__excerpt').innerHTML}))""",
    )


# -- layout ----------------------------------------------------------------------------------

LAYOUT_PAGES = {
    "home": "",
    "issue": "2021/02/",
    "document-with-table": "2021/02/sddbf-2021-2/",
    "chronicle": "2021/02/chronicle/",
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(LAYOUT_PAGES))
def test_pages_render_without_horizontal_scrolling(
    browser: Any, real_server: str, artifacts: Path, name: str, width: int
) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(real_server + LAYOUT_PAGES[name])
    tab.wait_for_load_state("networkidle")
    tab.screenshot(path=str(artifacts / f"{name}-{width}.png"))
    overflow = tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    heading = tab.text_content("h1")
    assert heading and heading.strip()
    if name == "document-with-table":
        # The wide table scrolls inside its own box, not the page.
        box = tab.evaluate("""() => { const w = document.querySelector('.gz-table');
            return w ? [w.clientWidth <= innerWidth, w.getAttribute('tabindex'),
                        w.getAttribute('role')] : null; }""")
        assert box == [True, "0", "region"]
    tab.close()


def test_a_page_load_fetches_no_sitemap(browser: Any, real_server: str) -> None:
    """The theme's script fetches and parses the whole sitemap.xml for every link it takes
    for another language of the site (once per feed link, when the feeds were linked as
    rel="alternate"): work on every page load that grows with the archive."""
    tab = browser.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(urllib.parse.urlsplit(request.url).path))
    for path in ("", "2021/02/", "2021/02/sddbf-2021-2/", "search/?q=%E5%87%89%E7%9A%AE"):
        tab.goto(real_server + path)
        tab.wait_for_load_state("networkidle")
    tab.close()
    assert "/2021/02/sddbf-2021-2/" in requested
    assert [path for path in requested if path.endswith("sitemap.xml")] == []


# -- full-text search ---------------------------------------------------------------------------

S = "/2021/02/"
# (query, expected document URL, must be first): topic words, two-character words, names (one
# printed with a space inside), document numbers in every bracket style, cited numbers, phrases
# with punctuation and two-word queries.
QUERIES = [
    ("食品药品安全", S + "sddbf-2021-7/", True),
    ("危险化学品", S + "sddbz-2021-9/", True),
    ("招商引资", S + "sddbz-2021-21/", True),
    ("就地过年", S + "sddbz-2021-11/", True),
    ("困难退役军人", S + "sddbf-2021-2/", True),
    ("义务教育", S + "sdzbf-2021-7/", True),
    ("重度残疾人护理补贴", S + "sdzbf-2021-8/", True),
    ("法律顾问", S + "sdzbf-2021-5/", True),
    ("红黑榜", S + "sddbf-2021-10/", True),
    ("工作要点", S + "sddf-2021-18/", False),
    ("疫苗", S + "chronicle/", False),
    ("凉皮", S + "sddf-2021-18/", True),
    ("冷链", S + "sddbf-2021-7/", True),
    ("春节", S + "sddbz-2021-11/", False),
    ("枸杞", S + "sddbz-2021-21/", False),
    ("汤瑞", S + "chronicle/", False),
    ("顾铭", S + "sdzbf-2021-4/", True),
    ("顾 铭", S + "sdzbf-2021-4/", True),
    ("吴建芳", S + "sdzbf-2021-4/", True),
    ("郑薇", S + "sdzbf-2021-5/", True),
    ("苏焕喜", S + "sddbz-2021-21/", False),
    ("石大政办发〔2021〕5号", S + "sdzbf-2021-5/", True),
    ("石大政办发[2021]5号", S + "sdzbf-2021-5/", True),
    ("石大政办发(2021)5号", S + "sdzbf-2021-5/", True),
    ("石大党办综〔2021〕21号", S + "sddbz-2021-21/", True),
    ("石大党发（2021）18", S + "sddf-2021-18/", True),
    ("石大政办发〔２０２１〕８号", S + "sdzbf-2021-8/", True),
    ("宁党办〔2020〕50号", S + "sddbz-2021-9/", True),
    ("石大党办发〔2018〕1号", S + "sddbf-2021-7/", True),
    ("宁政办发〔2017〕46号", S + "sdzbf-2021-8/", True),
    ("民办函〔2020〕114号", S + "sdzbf-2021-4/", True),
    ("3·15", S + "sdzbf-2021-6/", False),
    ("“红黑榜”制度", S + "sddbf-2021-10/", True),
    ("互联网+明厨亮灶", S + "sddbf-2021-7/", True),
    ("招商引资 高新区", S + "sddbz-2021-21/", False),
    ("危险化学品 运输", S + "sddbz-2021-9/", True),
    ("疫苗 接种", S + "chronicle/", False),
    ("中色东方", S + "chronicle/", True),
]


@pytest.mark.parametrize(("query", "expected", "first"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_full_text_search_ranks_the_expected_document(
    page: Any, real_server: str, query: str, expected: str, first: bool
) -> None:
    results = search(page, real_server, query)
    urls = [r["url"] for r in results]
    assert expected in urls[: 1 if first else 3], urls[:5]


def test_query_table_is_large_enough() -> None:
    assert len(QUERIES) >= 30


def test_document_number_results_say_why(page: Any, real_server: str) -> None:
    results = search(page, real_server, "石大政办发[2021]5号")
    assert (results[0]["docnum"], results[0]["why"]) == ("石大政办发〔2021〕5号", "文号完全匹配")
    cited = search(page, real_server, "宁党办(2020)50号")
    assert (cited[0]["docnum"], cited[0]["why"]) == ("石大党办综〔2021〕9号", "正文引用此文号")


def test_results_show_metadata_and_highlighted_excerpt(page: Any, real_server: str) -> None:
    result = search(page, real_server, "法律顾问")[0]
    assert result["title"] == "区人民政府办公室关于调整大武口区人民政府法律顾问团组成人员的通知"
    assert result["docnum"] == "石大政办发〔2021〕5号"
    assert "<mark>法律</mark>" in result["excerpt"] or "<mark>法律顾问</mark>" in result["excerpt"]
    meta = page.text_content("#search-results .gz-result .gz-item__meta")
    assert "2021年3月9日" in meta and "2021年第2期（总第23期）" in meta


def test_chronicle_results_link_to_the_day(page: Any, real_server: str) -> None:
    result = search(page, real_server, "中色东方")[0]
    assert result["href"].endswith("/2021/02/chronicle/#2021-03-04")


def test_search_runs_as_the_reader_types(page: Any, real_server: str) -> None:
    page.goto(real_server + "search/")
    page.wait_for_function("document.getElementById('gz-search-status').textContent.length > 0")
    page.click("#gz-q")
    page.locator("#gz-q").press_sequentially("红黑榜")
    page.keyboard.press("End")
    page.wait_for_function(
        "document.getElementById('search-results').getAttribute('data-query') === '红黑榜'"
    )
    first = page.get_attribute("#search-results .gz-result", "data-url")
    assert first == S + "sddbf-2021-10/"
    assert "q=%E7%BA%A2%E9%BB%91%E6%A6%9C" in page.url


WHOLE_EQUALS_WORDS = """async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const ids = async (term) => (await pf.search(term)).results.map((r) => r.id).sort();
  const out = {};
  for (const query of queries) {
    const words = [...segmenter.segment(query)].filter((s) => s.isWordLike).map((s) => s.segment);
    const each = await Promise.all(words.map(ids));
    const common = each.reduce((a, b) => a.filter((id) => b.includes(id)));
    out[query] = { words, whole: await ids(query), common };
  }
  return out;
}"""


def test_whole_query_search_equals_the_words_found_together(page: Any, real_server: str) -> None:
    # gz-search.js skips the whole-query search when every piece of the query has two or more
    # characters, taking the pages found by every piece instead; this holds only while Pagefind
    # cuts the query the same way and ANDs the pieces.
    page.goto(real_server + "search/")
    found = page.evaluate(
        WHOLE_EQUALS_WORDS, ["食品药品安全", "法律顾问团", "安全生产", "城市管理综合执法"]
    )
    assert found["食品药品安全"]["words"] == ["食品", "药品", "安全"]
    for query, entry in found.items():
        assert all(len(word) >= 2 for word in entry["words"]), (query, entry["words"])
        assert entry["whole"] == entry["common"], query
    assert {query: len(entry["whole"]) for query, entry in found.items()} == {
        "食品药品安全": 3,
        "法律顾问团": 1,
        "安全生产": 6,
        "城市管理综合执法": 5,
    }


def test_no_private_number_in_the_full_text_index(page: Any, real_server: str) -> None:
    for number in ["1590952302", "18152378870"]:
        results = search(page, real_server, number)
        assert all(number not in r["excerpt"] for r in results)
    table = search(page, real_server, "熊伟")[0]
    assert table["url"] == S + "sddbf-2021-2/"


def test_no_console_errors(page: Any) -> None:
    assert [e for e in page.errors if "favicon" not in e] == []


# -- filters and sorting, on the two-year fixture site ---------------------------------------------


@pytest.fixture(scope="module")
def fixture_server(fixture_site: Path) -> Iterator[str]:
    url, server = serve(fixture_site)
    yield url
    server.shutdown()


def test_filters_by_year_issue_section_and_organ(page: Any, fixture_server: str) -> None:
    everything = {r["url"] for r in search(page, fixture_server, "供暖")}
    assert {
        "/2020/12/sdzbf-2020-18/",
        "/2021/01/sdzbf-2021-5/",
        "/2021/01/sddbf-2021-2/",
    } <= everything
    assert {r["url"] for r in search(page, fixture_server, "供暖", year="2020")} <= {
        "/2020/12/sdzbf-2020-18/",
        "/2020/12/chronicle/",
    }
    assert "/2020/12/sdzbf-2020-18/" in {
        r["url"] for r in search(page, fixture_server, "供暖", year="2020")
    }
    assert {r["url"] for r in search(page, fixture_server, "供暖", issue="2021年第1期")} == {
        "/2021/01/sdzbf-2021-5/",
        "/2021/01/sddbf-2021-2/",
        "/2021/01/chronicle/",
    }
    assert [r["url"] for r in search(page, fixture_server, "供暖", section="党政办联合发文件")] == [
        "/2021/01/sddbf-2021-2/"
    ]
    assert [
        r["url"] for r in search(page, fixture_server, "供暖", organ="中共大武口区委办公室")
    ] == ["/2021/01/sddbf-2021-2/"]
    assert page.input_value("#gz-organ") == "中共大武口区委办公室"


def test_sort_by_date(page: Any, fixture_server: str) -> None:
    results = search(page, fixture_server, "通知", sort="date")
    metas = page.eval_on_selector_all(
        "#search-results .gz-result .gz-item__meta", "els => els.map(e => e.textContent)"
    )
    dates = [
        tuple(int(x) for x in re.search(r"(\d+)年(\d+)月(\d+)日", meta).groups()) for meta in metas
    ]
    assert len(results) >= 4
    assert dates == sorted(dates, reverse=True)


def test_search_under_a_sub_path(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import FIXTURES, build

    site = build(
        FIXTURES / "site",
        tmp_path_factory.mktemp("subpath"),
        site_url="https://example.org/gazette/",
    )
    base, server = serve(site, prefix="/gazette/")
    try:
        tab = browser.new_page()
        results = search(tab, base, "石大政办发〔2020〕18号")
        assert results[0]["href"] == "/gazette/2020/12/sdzbf-2020-18/"
        tab.click("#search-results .gz-result a")
        tab.wait_for_load_state()
        assert tab.url.endswith("/gazette/2020/12/sdzbf-2020-18/")
        tab.close()
    finally:
        server.shutdown()


# -- quick find ------------------------------------------------------------------------------------


def quick_find(tab: Any, base: str, query: str) -> list[str]:
    tab.goto(base + "2021/02/")
    tab.click(".md-search__input") if tab.is_visible(".md-search__input") else tab.click(
        "label[for='__search']"
    )
    field = tab.locator(".md-search__input")
    field.press_sequentially(query)
    tab.keyboard.press("End")
    tab.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && "
        "!m.textContent.includes('初始化') && !m.textContent.includes('键入'); }",
        timeout=20000,
    )
    tab.wait_for_timeout(300)
    return tab.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(a => new URL(a.href).pathname)"
    )


def test_quick_find_puts_the_document_number_first(page: Any, real_server: str) -> None:
    for query in ["石大政办发〔2021〕5号", "石大政办发[2021]5号", "石大政办发(2021)5号"]:
        results = quick_find(page, real_server, query)
        assert results[0] == "/2021/02/sdzbf-2021-5/", (query, results[:3])


def test_quick_find_offers_full_text_search_even_when_empty(page: Any, real_server: str) -> None:
    results = quick_find(page, real_server, "顾铭")
    assert results == []
    link = page.locator(".gz-fulltext-link")
    assert link.is_visible()
    assert link.text_content() == "在全文检索中查找“顾铭”"
    link.click()
    page.wait_for_function(
        "document.getElementById('search-results') && "
        "document.getElementById('search-results').getAttribute('data-query') === '顾铭'"
    )
    assert page.get_attribute("#search-results .gz-result", "data-url") == S + "sdzbf-2021-4/"


# -- accessibility ---------------------------------------------------------------------------------

AXE_PAGES = [
    "",
    "2021/02/",
    "2021/02/sddbz-2021-9/",
    "docnumbers/",
    "docnumbers/shidazhengbanfa/",
    "chronicle/2021/",
    "2021/02/chronicle/",
    "search/?q=%E7%96%AB%E8%8B%97",
    "organs/",
    "annual/2021/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Any, real_server: str, path: str, scheme: str
) -> None:
    tab = browser.new_page(color_scheme=scheme)
    tab.goto(real_server + path)
    tab.wait_for_load_state("networkidle")
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate("""async () => (await axe.run(document,
        {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
    tab.close()
    assert violations == []


def test_headings_in_order_and_inputs_labelled(browser: Any, real_server: str) -> None:
    tab = browser.new_page()
    for path in ["", "2021/02/", "2021/02/sddbz-2021-9/", "search/", "chronicle/2021/"]:
        tab.goto(real_server + path)
        levels = tab.eval_on_selector_all(
            ".md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content h5",
            "els => els.map(e => Number(e.tagName[1]))",
        )
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        unlabelled = tab.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && e.type !== 'checkbox'
                && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.id || e.name)""")
        assert unlabelled == [], path
    tab.close()


# -- print -----------------------------------------------------------------------------------------


def test_document_prints_without_navigation(
    browser: Any, real_server: str, artifacts: Path
) -> None:
    tab = browser.new_page()
    tab.goto(real_server + "2021/02/sdzbf-2021-5/")
    tab.wait_for_load_state("networkidle")
    pdf = artifacts / "document-print.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=False)
    tab.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "区人民政府办公室关于调整大武口区人民政府法律顾问团组成人员的通知" in flat
    assert "石大政办发〔2021〕5号" in flat and "团长：丁惠军区人民政府副区长" in flat
    for chrome in [
        "往期",
        "文号索引",
        "年度总目录",
        "快速查找",
        "上一篇",
        "下一篇",
        "复制",
        "切换到深色模式",
    ]:
        assert chrome not in flat, chrome
