"""Reading the real issue as its readers do: on a phone (390×844), on a desktop (1280×800),
on A4 paper, with large text and in high contrast. Geometry is measured in headless
Chromium; the printed PDF is read back with pdftotext."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.htmltools import page, squash

GAZETTE = "大武口区人民政府公报"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"390": PHONE, "1280": DESKTOP}
WIDE_TABLE_DOC = "2021/02/sddbf-2021-2/"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# One page of every type the reader meets.
PAGE_TYPES = {
    "home": "",
    "issue": "2021/02/",
    "document": WIDE_TABLE_DOC,
    "longest-document": "2021/02/sddbz-2021-9/",
    "chronicle": "2021/02/chronicle/",
    "timeline": "chronicle/2021/",
    "docnumbers": "docnumbers/",
    "docnumbers-code": "docnumbers/shidazhengbanfa/",
    "organ": "organs/dawukouqurenminzhengfubangongshi/",
    "annual": "annual/2021/",
    "citations": "citations/",
    "search": "search/?q=%E7%96%AB%E8%8B%97",
    "404": "404.html",
}


def real_documents(real_site: Path) -> list[str]:
    documents = json.loads((real_site / "api/documents.json").read_text(encoding="utf-8"))[
        "documents"
    ]
    return [d["url"] for d in documents if d["kind"] == "document" and d["issue"] == "2021-02"]


@pytest.fixture
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context (its own localStorage) at the viewport the test asks for."""
    options = getattr(request, "param", {}) or {}
    context = browser.new_context(
        viewport=options.get("viewport", DESKTOP), color_scheme=options.get("scheme", "light")
    )
    if options.get("modes"):
        context.add_init_script(
            "".join(f"localStorage.setItem('gz-{mode}', '1');" for mode in options["modes"])
        )
    opened = context.new_page()
    yield opened
    context.close()


def open_page(tab: Any, url: str) -> None:
    tab.goto(url)
    tab.wait_for_load_state("networkidle")


LINES = """(e => { const range = document.createRange(); range.selectNodeContents(e);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    const spread = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
    return spread > 2 * parseFloat(getComputedStyle(e).fontSize) ? 2 : 1; })"""
"""How many lines the text of an element takes (1 or more), in the page's JavaScript."""


def overflow(tab: Any) -> int:
    return int(
        tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


# -- phone: the text starts on the first screen ---------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("tab", [{"viewport": PHONE}], indirect=True)
def test_first_paragraph_is_on_the_first_screen_of_every_document(
    tab: Any, real_server: str, real_site: Path
) -> None:
    documents = real_documents(real_site)
    assert len(documents) == 12
    tops = {}
    for url in documents:
        open_page(tab, real_server + url)
        tops[url] = tab.evaluate("""() => {
            const p = document.querySelector('.gz-body > p');
            return Math.round(p.getBoundingClientRect().top + window.scrollY); }""")
    assert {url: top for url, top in tops.items() if top >= PHONE["height"]} == {}
    # the title is smaller on phones than on the desktop, and the rest of the metadata is one tap
    # away
    phone_title = tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
    )
    summary = tab.locator("details.gz-meta-more > summary")
    assert (
        summary.is_visible()
        and not tab.locator("details.gz-meta-more dt", has_text="页码").is_visible()
    )
    summary.click()
    assert tab.locator("details.gz-meta-more dt", has_text="页码").is_visible()
    tab.set_viewport_size(DESKTOP)
    desktop_title = tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
    )
    assert phone_title <= desktop_title * 0.7


def test_every_document_ends_with_a_link_back_to_the_issue(real_site: Path) -> None:
    for url in [*real_documents(real_site), "2021/02/chronicle/"]:
        links = [
            a for a in page(real_site, url).find_all("p", cls="gz-back") for a in a.find_all("a")
        ]
        assert [(squash(a.text), a.attrs["href"]) for a in links] == [
            ("返回本期目录", "../#toc")
        ], url


# -- no page wider than the screen; screenshots of every page type ---------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_page_is_wider_than_the_viewport(
    browser: Any, real_server: str, artifacts: Path, name: str, width: str
) -> None:
    tab = browser.new_page(viewport=VIEWPORTS[width])
    open_page(tab, real_server + PAGE_TYPES[name])
    tab.screenshot(path=str(artifacts / f"reading-{name}-{width}.png"))
    assert overflow(tab) == 0
    # nothing that should stay whole (document numbers, dates, 总第N期) is broken across lines
    broken = tab.evaluate(
        """() => [...document.querySelectorAll(
            '.md-content .gz-docnum, .md-content .gz-nowrap, .md-content time')]
        .filter(e => e.getClientRects().length > 0 && text_lines(e) > 1)
        .map(e => e.textContent)""".replace("text_lines", LINES)
    )
    assert broken == []
    tab.close()


def test_document_numbers_and_dates_in_bodies_are_kept_whole(real_site: Path) -> None:
    from generator.site.extension import keep_whole

    html = keep_whole(
        "<p>根据石大党办发〔2018〕1号和（宁政办发〔2017〕46号），于2021年2月8日起。"
        '<a href="x">石大政办发〔2021〕5号</a></p>'
    )
    assert html == (
        '<p>根据<span class="gz-docnum">石大党办发〔2018〕1号</span>和（<span class="gz-docnum">'
        '宁政办发〔2017〕46号</span>），于<span class="gz-nowrap">2021年2月8日</span>起。'
        '<a href="x">石大政办发〔2021〕5号</a></p>'
    )
    body = (real_site / "2021/02/sddbz-2021-9/index.html").read_text(encoding="utf-8")
    assert '<span class="gz-docnum">宁党办〔2020〕50号</span>' in body


# -- tables ----------------------------------------------------------------------------------------

WIDEST_TABLE = """() => {
  const boxes = [...document.querySelectorAll('.gz-table')];
  const box = boxes.reduce((a, b) =>
    b.querySelectorAll('thead th').length > a.querySelectorAll('thead th').length ? b : a);
  return box;
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "tab", [{"viewport": PHONE}, {"viewport": DESKTOP}], indirect=True, ids=["390", "1280"]
)
def test_widest_table_shows_its_last_column(tab: Any, real_server: str) -> None:
    open_page(tab, real_server + WIDE_TABLE_DOC)
    box = tab.evaluate_handle(WIDEST_TABLE)
    box.scroll_into_view_if_needed()
    tab.wait_for_timeout(200)
    width = tab.viewport_size["width"]
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    if width == DESKTOP["width"]:
        # the whole table fits the text column: no left sidebar taking the width
        assert sizes[0] <= sizes[1], sizes
        assert (
            tab.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).display")
            == "none"
        )
    else:
        # on a phone it scrolls in its own box, and says so
        assert sizes[0] > sizes[1]
        hint = box.evaluate("b => b.previousElementSibling && b.previousElementSibling.className")
        assert hint == "gz-table-hint"
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    tab.wait_for_timeout(100)
    last = box.evaluate("""b => {
        const th = [...b.querySelectorAll('thead tr:first-child th')].pop();
        const r = th.getBoundingClientRect(), o = b.getBoundingClientRect();
        const hit = document.elementFromPoint(Math.min(r.left + 8, innerWidth - 1),
                                             r.top + r.height / 2);
        return {text: th.textContent.trim(), left: r.left, right: r.right, boxLeft: o.left,
                boxRight: o.right,
                shown: th.contains(hit)};
    }""")
    assert last["text"] == "帮扶单位"
    assert last["boxLeft"] - 1 <= last["left"] and last["right"] <= last["boxRight"] + 1, last
    assert last["shown"], last
    # the header stays in view while the rows scroll in the box
    box.evaluate("b => { b.scrollTop = 600; }")
    tab.wait_for_timeout(100)
    tops = box.evaluate(
        "b => [b.querySelector('thead').getBoundingClientRect().top, b.getBoundingClientRect().top]"
    )
    assert abs(tops[0] - tops[1]) <= 1, tops


@pytest.mark.browser
@pytest.mark.parametrize("tab", [{"viewport": PHONE}], indirect=True)
def test_citations_fit_a_phone_with_numbers_whole(tab: Any, real_server: str) -> None:
    open_page(tab, real_server + "citations/")
    assert overflow(tab) == 0
    numbers = tab.evaluate("""() => [...document.querySelectorAll('table.gz-cites .gz-docnum')]
        .map(e => {
        const r = e.getBoundingClientRect();
        return {text: e.textContent, lines: e.getClientRects().length, right: r.right,
                tall: r.height};
    })""")
    assert len(numbers) >= 10
    assert [n for n in numbers if n["right"] > PHONE["width"]] == []
    assert [n["text"] for n in numbers if n["tall"] > 45] == []
    assert any(n["text"] == "石大党办综〔2021〕9号" for n in numbers)


# -- paper -----------------------------------------------------------------------------------------


def pdf_text(pdf: Path, *pages: int) -> str:
    args = (
        ["pdftotext"]
        + (["-f", str(pages[0]), "-l", str(pages[-1])] if pages else [])
        + [str(pdf), "-"]
    )
    return "".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.browser
def test_printed_document_keeps_every_column_and_names_the_gazette(
    browser: Any, real_server: str, artifacts: Path
) -> None:
    tab = browser.new_page()
    open_page(tab, real_server + WIDE_TABLE_DOC)
    headers = tab.evaluate(
        f"""() => [...({WIDEST_TABLE})().querySelectorAll('thead th')]
            .map(th => th.textContent.trim())"""
    )
    assert {"帮扶区级领导", "帮扶单位", "联系方式", "家庭住址"} <= set(headers) and len(
        headers
    ) >= 9
    tab.emulate_media(media="print")
    style = tab.evaluate("""() => {
        const p = document.querySelector('.gz-body > p'),
            a = document.querySelector('.gz-meta a');
        return [getComputedStyle(p).fontFamily, getComputedStyle(a).textDecorationLine];
    }""")
    assert "Serif" in style[0] and style[1] == "none"
    pdf = artifacts / "reading-print-sddbf-2021-2.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=False)
    tab.close()
    everything = pdf_text(pdf)
    # a header may wrap in its narrow printed cell ("街道" / "(镇)"): each of its words must be
    # there
    assert [
        h for h in headers if not all(w in everything for w in re.split(r"[\s()（）]+", h) if w)
    ] == []
    assert "帮扶区级领导" in everything and "帮扶单位" in everything
    assert (
        "159****2302" in everything and "区司法局" in everything
    )  # cells of the first and last columns
    first = pdf_text(pdf, 1, 1)
    assert first.startswith(GAZETTE)
    assert "2021年第2期（总第23期）" in first and "第15页" in first
    assert f"本页网址：http://127.0.0.1:8000/{WIDE_TABLE_DOC}" in everything
    for chrome in ["返回本期目录", "大字", "高对比度", "表格较宽"]:
        assert chrome not in everything


# -- theme leftovers -------------------------------------------------------------------------------


def test_footer_names_the_publisher_only_and_titles_do_not_repeat(real_site: Path) -> None:
    for url in ["", "2021/02/", WIDE_TABLE_DOC, "search/", "docnumbers/"]:
        footer = squash(page(real_site, url).find("div", cls="md-copyright").text)
        assert footer == "大武口区人民政府办公室 主办 · 正文以印刷版为准", url
    assert squash(page(real_site, "").find("title").text) == GAZETTE
    assert squash(page(real_site, "2021/02/").find("title").text) == f"2021年第2期 - {GAZETTE}"
    for html in real_site.rglob("*.html"):
        title = re.search(r"<title>(.*?)</title>", html.read_text(encoding="utf-8"), re.S)
        assert title and title.group(1).count(GAZETTE) == 1, html


@pytest.mark.browser
def test_not_found_page_is_chinese_and_leads_back(
    browser: Any, real_server: str, real_site: Path
) -> None:
    html = (real_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in html
    tab = browser.new_page()
    open_page(tab, real_server + "404.html")
    assert squash(tab.text_content("h1")) == "页面不存在"
    tab.wait_for_function(
        "document.querySelector('.gz-notfound__latest').getAttribute('href').endsWith('2021/02/')"
    )
    assert tab.get_attribute(".gz-notfound__latest", "href") == "/2021/02/"
    assert tab.get_by_role("link", name=re.compile("往期公报")).get_attribute("href") == "/issues/"
    tab.fill("#gz-404-q", "法律顾问")
    tab.press("#gz-404-q", "Enter")
    tab.wait_for_function(
        "document.getElementById('search-results') && "
        "document.getElementById('search-results').getAttribute('data-query') === '法律顾问'"
    )
    assert tab.get_attribute("#search-results .gz-result", "data-url") == "/2021/02/sdzbf-2021-5/"
    tab.close()


# -- navigation ------------------------------------------------------------------------------------

TABS = {
    "": "首页",
    "2021/02/": "往期",
    WIDE_TABLE_DOC: "往期",
    "2021/02/chronicle/": "往期",
    "issues/": "往期",
    "docnumbers/": "文号索引",
    "docnumbers/shidazhengbanfa/": "文号索引",
    "docnumbers/shidazhengbanfa/2021/": "文号索引",
    "citations/": "文号索引",
    "organs/dawukouqurenminzhengfubangongshi/": "发文机关",
    "annual/2021/": "年度总目录",
    "chronicle/2021/": "大事记",
    "search/": "全文检索",
    "about/": "关于",
}


def test_the_active_tab_is_kept_on_sub_pages(real_site: Path) -> None:
    active = {
        url: [
            squash(li.text)
            for li in page(real_site, url).find_all("li", cls="md-tabs__item--active")
        ]
        for url in TABS
    }
    assert active == {url: [tab] for url, tab in TABS.items()}


def test_timeline_names_the_issue_once_per_month(real_site: Path) -> None:
    timeline = page(real_site, "chronicle/2021/")
    sources = [squash(a.text) for a in timeline.find_all("a", cls="gz-event-src")]
    assert sources == [
        "2021年第2期大事记",
        "2021年第2期大事记",
    ]  # February and March, not after each of 82 events


@pytest.mark.browser
@pytest.mark.parametrize(
    "tab", [{"viewport": PHONE}, {"viewport": DESKTOP}], indirect=True, ids=["390", "1280"]
)
def test_search_filters_are_laid_out_in_rows_with_labels_above(tab: Any, real_server: str) -> None:
    open_page(tab, real_server + "search/")
    filters = tab.evaluate("""() => [...document.querySelectorAll('.gz-search__filter')].map(f => {
        const l = f.querySelector('label').getBoundingClientRect(),
          s = f.querySelector('select').getBoundingClientRect();
        return {top: Math.round(s.top), left: Math.round(s.left), labelLeft: Math.round(l.left),
                labelBottom: l.bottom, selectTop: s.top, right: s.right, width: s.width};
    })""")
    assert len(filters) == 5
    width = tab.viewport_size["width"]
    assert all(
        f["labelBottom"] <= f["selectTop"] + 1 and f["labelLeft"] == f["left"] for f in filters
    )
    assert all(f["right"] <= width for f in filters)
    rows = sorted({f["top"] for f in filters})
    assert len(rows) == (1 if width == DESKTOP["width"] else 3)
    # the selects of a row are equally wide
    for row in rows:
        widths = {round(f["width"]) for f in filters if f["top"] == row}
        assert max(widths) - min(widths) <= 1
    if width == DESKTOP["width"]:
        assert (
            tab.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).display")
            == "none"
        )


# -- large text and high contrast ------------------------------------------------------------------

BODY_FONT = "parseFloat(getComputedStyle(document.querySelector('.gz-body > p')).fontSize)"


@pytest.mark.browser
def test_large_text_makes_the_body_larger_and_is_remembered(tab: Any, real_server: str) -> None:
    open_page(tab, real_server + "2021/02/sdzbf-2021-5/")
    base = tab.evaluate(BODY_FONT)
    button = tab.get_by_role("button", name="大字")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert tab.evaluate(BODY_FONT) / base >= 1.2
    # another page: larger from the start, the switch shown pressed
    open_page(tab, real_server + WIDE_TABLE_DOC)
    assert tab.evaluate("document.documentElement.classList.contains('gz-large')")
    assert tab.evaluate(BODY_FONT) / base >= 1.2
    assert tab.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
    # by keyboard: focus it and press Space to turn it off again
    tab.get_by_role("button", name="大字").focus()
    tab.keyboard.press("Space")
    assert tab.evaluate(BODY_FONT) == pytest.approx(base)
    assert tab.evaluate("localStorage.getItem('gz-large')") is None
    open_page(tab, real_server + "2021/02/sdzbf-2021-5/")
    assert tab.evaluate(BODY_FONT) == pytest.approx(base)


@pytest.mark.browser
@pytest.mark.parametrize("tab", [{"viewport": PHONE, "modes": ["large"]}], indirect=True)
def test_large_text_on_a_phone_stays_within_the_screen(tab: Any, real_server: str) -> None:
    for url in ["", "2021/02/", WIDE_TABLE_DOC, "search/", "citations/"]:
        open_page(tab, real_server + url)
        assert overflow(tab) == 0, url
        assert tab.get_by_role("button", name="高对比度").is_visible()


def colours(tab: Any) -> list[str]:
    return tab.evaluate("""() => {
        const p = document.querySelector('.gz-body > p'), a = document.querySelector('.gz-meta a');
        return [getComputedStyle(p).color, getComputedStyle(document.body).backgroundColor,
                getComputedStyle(a).textDecorationLine]; }""")


@pytest.mark.browser
@pytest.mark.parametrize(
    "tab", [{"scheme": "light"}, {"scheme": "dark"}], indirect=True, ids=["light", "dark"]
)
def test_high_contrast_switches_the_palette_and_is_remembered(tab: Any, real_server: str) -> None:
    open_page(tab, real_server + "2021/02/sdzbf-2021-5/")
    before = colours(tab)
    tab.get_by_role("button", name="高对比度").press("Enter")
    assert tab.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    dark = tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    expected = (
        ["rgb(255, 255, 255)", "rgb(0, 0, 0)", "underline"]
        if dark
        else ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "underline"]
    )
    assert colours(tab) == expected != before
    open_page(tab, real_server + "2021/02/")
    assert tab.evaluate("document.documentElement.classList.contains('gz-contrast')")
    assert tab.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"


def test_reading_options_are_applied_before_the_first_paint(real_site: Path) -> None:
    html = (real_site / "2021/02/sdzbf-2021-5/index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert (
        'localStorage.getItem("gz-large")' in head and 'localStorage.getItem("gz-contrast")' in head
    )
    assert (
        "<script src" not in head[: head.index('localStorage.getItem("gz-large")')]
    )  # nothing to wait for first
    buttons = re.findall(r'<button type="button" class="gz-pref"[^>]*aria-pressed="false"', html)
    assert len(buttons) == 2


@pytest.mark.browser
@pytest.mark.parametrize(
    "tab", [{"scheme": "light"}, {"scheme": "dark"}], indirect=True, ids=["light", "dark"]
)
def test_light_or_dark_follows_the_system_until_the_reader_switches(
    tab: Any, real_server: str
) -> None:
    system_dark = tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    # Set by the page's own script, before the theme's script at the end of the page runs.
    tab.add_init_script(
        "document.addEventListener('readystatechange', () => { if (document.readyState"
        " === 'interactive') window.gzFirst = document.body.getAttribute('data-md-color-scheme');"
        " });"
    )
    open_page(tab, real_server + "2021/02/sdzbf-2021-5/")
    first = "slate" if system_dark else "default"
    other = "default" if system_dark else "slate"
    assert tab.evaluate("window.gzFirst") == first == tab.evaluate(scheme)
    button = tab.get_by_role("button", name="深色模式")
    assert button.get_attribute("aria-pressed") == ("true" if system_dark else "false")
    assert tab.locator("[data-md-component=palette]").count() == 0
    button.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate(scheme) == other
    assert button.get_attribute("aria-pressed") == ("false" if system_dark else "true")
    open_page(tab, real_server + "2021/02/")
    assert tab.evaluate("window.gzFirst") == other == tab.evaluate(scheme)
    assert tab.get_by_role("button", name="深色模式").get_attribute("aria-pressed") == (
        "false" if system_dark else "true"
    )


AXE_RUN = """async () => (await axe.run(document,
    {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))
    .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"""


# Every mode in both schemes, each on the pages where it matters most (axe takes seconds per page).
AXE_CASES = [
    (WIDE_TABLE_DOC, ("large",)),
    (WIDE_TABLE_DOC, ("contrast",)),
    ("search/?q=%E7%96%AB%E8%8B%97", ("contrast",)),
    ("", ("large", "contrast")),
    ("404.html", ()),
]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("path", "modes"),
    AXE_CASES,
    ids=[f"{p or 'home'}-{'+'.join(m) or 'default'}" for p, m in AXE_CASES],
)
def test_axe_is_clean_in_every_reading_mode(
    browser: Any, real_server: str, path: str, modes: tuple[str, ...], scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script("".join(f"localStorage.setItem('gz-{mode}', '1');" for mode in modes))
    tab = context.new_page()
    open_page(tab, real_server + path)
    assert all(
        tab.evaluate(f"document.documentElement.classList.contains('gz-{mode}')") for mode in modes
    )
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate(AXE_RUN)
    context.close()
    assert violations == []
