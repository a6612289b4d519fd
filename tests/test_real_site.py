"""The site built from the committed content: 2021年第02期 (总第23期)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml

from generator.content.privacy import find_personal_data
from tests.conftest import CONTENT, REAL_SOURCE
from tests.htmltools import local_links, page, squash, target_exists

NUMBERS = {
    "shidadangfa": ["18号"],
    "shidadangbanfa": ["2号", "7号", "10号"],
    "shidadangbanzong": ["9号", "11号", "21号"],
    "shidazhengbanfa": ["4号", "5号", "6号", "7号", "8号"],
}


def test_issue_toc_has_13_entries_with_pages(real_site: Path) -> None:
    issue = page(real_site, "2021/02/")
    entries = issue.find_all("li", cls="gz-toc__entry")
    assert len(entries) == 13
    assert [squash(e.find(cls="gz-toc__page").text) for e in entries] == [
        f"第{n}页" for n in (1, 15, 21, 30, 45, 48, 55, 57, 68, 69, 75, 84, 87)
    ]
    assert entries[12].find("a").attrs["href"] == "chronicle/"
    assert (
        squash(issue.find("h1").text) == "2021年第2期（总第23期）"
    )  # 第2期, as on every other page
    masthead = {
        squash(d.find("dt").text): squash(d.find("dd").text)
        for d in issue.find("dl", cls="gz-masthead").find_all("div")
    }
    assert masthead["主编"] == "王生法"
    assert masthead["编辑出版"] == "大武口区人民政府政务公开办公室"


def test_docnumber_index_has_all_twelve_in_numeric_order(real_site: Path) -> None:
    index = page(real_site, "docnumbers/")
    codes = [squash(tr.find_all("td")[0].text) for tr in index.find("tbody").find_all("tr")]
    assert codes == ["石大党办发", "石大党办综", "石大党发", "石大政办发"]
    published = 0
    for slug, serials in NUMBERS.items():
        code = page(real_site, f"docnumbers/{slug}/2021/")
        rows = code.find("ol", cls="gz-serials").find_all("li")
        shown = [
            squash(li.find(cls="gz-serial__no").text)
            for li in rows
            if "gz-serial--gap" not in li.attrs["class"]
        ]
        assert shown == serials
        published += len(shown)
    assert published == 12


def test_chronicle_has_32_days_and_every_event(real_site: Path) -> None:
    events = yaml.safe_load((CONTENT / "2021/02/chronicle.yml").read_text(encoding="utf-8"))[
        "events"
    ]
    chronicle = page(real_site, "2021/02/chronicle/")
    days = chronicle.find_all("section", cls="gz-day")
    assert len(days) == 32
    shown = [squash(li.text) for day in days for li in day.find_all("li")]
    assert shown == [event["text"] for event in events]
    timeline = page(real_site, "chronicle/2021/")
    assert [squash(h.text) for h in timeline.find_all("h2")] == ["2月", "3月"]
    assert len(timeline.find_all("h3")) == 32
    assert sum(len(d.find_all("li")) for d in timeline.find_all("section", cls="gz-day")) == 82


def test_document_with_tables_and_attachments(real_site: Path) -> None:
    doc = page(real_site, "2021/02/sddbz-2021-9/")
    body = doc.find(cls="gz-body")
    tables = body.find_all("table")
    assert len(tables) == 1
    assert [squash(th.text) for th in tables[0].find("thead").find_all("th")] == [
        "序号",
        "项目",
        "任务名称",
        "工作内容",
        "工作参考依据",
        "责任单位",
        "完成时限",
    ]
    assert (
        len(tables[0].find("tbody").find_all("tr")) == 32
    )  # 31 numbered rows and one printed without a number
    headings = [squash(h.text) for h in body.find_all("h2")]
    assert headings == [
        "大武口区关于全面加强危险化学品安全生产工作的实施方案",
        "附件1 大武口区全面加强危险化学品安全生产工作暨危险化学品专项整治三年行动工作相关制度",
        "附件2 《石嘴山市全面加强危险化学品安全生产工作实施方案》重点任务分工表",
    ]
    sidebar = (Path(real_site) / "2021/02/sddbz-2021-9/index.html").read_text(encoding="utf-8")
    assert (
        'href="#附件1-大武口区全面加强危险化学品安全生产工作暨危险化学品专项整治三年行动工作相关制'
        '度"' in sidebar
    )
    assert (
        'id="附件1-大武口区全面加强危险化学品安全生产工作暨危险化学品专项整治三年行动工作相关制度"'
        in sidebar
    )


def published_texts(site: Path) -> dict[str, str]:
    """Every page, feed and JSON file, and every page of the full-text index as Pagefind
    stores it (gzip-compressed fragments with the page's text)."""
    texts = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            texts[name] = path.read_text(encoding="utf-8")
        elif path.is_file() and path.suffix == ".pf_fragment":
            texts[name] = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return texts


def test_no_page_or_index_holds_personal_data_of_the_ocr_text(real_site: Path) -> None:
    """Every mobile, ID and house-level address the OCR text holds is masked wherever the
    site publishes the text; the OCR text is the unmasked original."""
    private = {
        finding.text.replace(" ", "")
        for line in REAL_SOURCE.read_text(encoding="utf-8").splitlines()
        for finding in find_personal_data(line)
        if finding.kind in ("mobile", "id-card", "address")
    }
    assert len(private) >= 140
    texts = published_texts(real_site)
    assert sum(name.endswith(".pf_fragment") for name in texts) == 13
    # Short numbers such as 2-1 (建设西街2-1) also occur as text elsewhere: look for the rest.
    leaks = sorted(
        {
            (name, value)
            for name, text in texts.items()
            for value in private
            if len(value) >= 6 and value in text
        }
    )
    assert leaks == []
    assert all(
        find_personal_data(text) == []
        for name, text in texts.items()
        if name.endswith(".pf_fragment")
    )
    table = (real_site / "2021/02/sddbf-2021-2/index.html").read_text(encoding="utf-8")
    assert "<td>159****2302</td>" in table
    assert "<td>大武口区文鹏小区**-*-*</td>" in table


def test_no_internal_link_is_broken(real_site: Path) -> None:
    broken = [
        f"{html.relative_to(real_site)}: {written}"
        for html in real_site.rglob("*.html")
        for written, path in local_links(html, real_site)
        if not target_exists(real_site, path)
    ]
    assert broken == []


def test_navigation_stays_small(real_site: Path) -> None:
    home = page(real_site, "")
    tabs = [squash(a.text) for a in home.find("nav", cls="md-tabs").find_all("a")]
    assert tabs == [
        "首页",
        "往期",
        "文号索引",
        "发文机关",
        "年度总目录",
        "大事记",
        "全文检索",
        "关于",
    ]
    doc = (real_site / "2021/02/sddf-2021-18/index.html").read_text(encoding="utf-8")
    primary = page(real_site, "2021/02/sddf-2021-18/").find("nav", cls="md-nav--primary")
    assert [squash(a.text) for a in primary.find_all("a", cls="md-nav__link")] == tabs
    assert len(doc) < 120_000


def test_html_lang_and_descriptions(real_site: Path) -> None:
    for url in [
        "",
        "2021/02/",
        "2021/02/sdzbf-2021-5/",
        "search/",
        "docnumbers/",
        "chronicle/2021/",
    ]:
        html = (real_site / url / "index.html").read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, url
        tree = page(real_site, url)
        description = tree.find("meta", name="description").attrs["content"]
        assert (
            len(description) >= 20
            and description
            != "大武口区人民政府公报电子版：文件、文号索引、发文机关、年度总目录、大事记与全文检索"
            "。"
        ), url
        assert len(tree.find_all("h1")) == 1, url
    doc = page(real_site, "2021/02/sdzbf-2021-5/").find("meta", name="description").attrs["content"]
    assert doc.startswith(
        "石大政办发〔2021〕5号，大武口区人民政府办公室，2021年3月9日。星海镇、区直各部门、各街道办"
        "事处、驻地有关单位："
    )


def test_quick_find_index_is_small_and_has_no_body_text(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert len(docs) == 1 + 13 + 3 + 4  # issue, entries, organs, sections
    assert (
        index["config"]["separator"]
        == r"[\s\u200b\u3000\-、。，．？！；：:“”‘’《》〈〉「」『』〔〕［］\[\]()（）【】]+"
    )
    assert all(len(d["text"]) < 80 for d in docs)
