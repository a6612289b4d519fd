"""The generated site, built from two small hand-made issues across two years
(tests/fixtures/site): pages, sorting, grouping, gaps, previous/next, stable URLs and
the JSON exports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generator.build import generate
from generator.site.pages import HTML_KINDS
from tests.conftest import FIXTURES
from tests.htmltools import local_links, page, squash, target_exists

DOC_URLS = [
    "2020/12/sdzbf-2020-18/",
    "2020/12/sdzbf-2020-4/",
    "2020/12/chronicle/",
    "2021/01/sddbf-2021-2/",
    "2021/01/sdzbf-2021-5/",
    "2021/01/sdzbf-2021-4/",
    "2021/01/guizhang-2021-1/",
    "2021/01/chronicle/",
]


def test_every_page_exists(fixture_site: Path) -> None:
    for url in [
        "",
        "issues/",
        "2020/12/",
        "2021/01/",
        *DOC_URLS,
        "docnumbers/",
        "docnumbers/shidazhengbanfa/",
        "docnumbers/shidadangbanfa/",
        "docnumbers/shidazhengbanfa/2020/",
        "organs/",
        "organs/dawukouqurenminzhengfubangongshi/",
        "organs/dawukouqurenminzhengfubangongshi/2021/",
        "sections/",
        "chronicle/",
        "chronicle/2020/",
        "chronicle/2021/",
        "annual/",
        "annual/2020/",
        "annual/2021/",
        "citations/",
        "search/",
        "about/",
    ]:
        assert (fixture_site / url / "index.html").is_file(), url


def test_no_internal_link_is_broken(fixture_site: Path) -> None:
    broken = []
    for html in fixture_site.rglob("*.html"):
        for written, path in local_links(html, fixture_site):
            if not target_exists(fixture_site, path):
                broken.append(f"{html.relative_to(fixture_site)}: {written}")
    assert broken == []


def test_issue_page_lists_the_toc_by_section_with_pages(fixture_site: Path) -> None:
    issue = page(fixture_site, "2021/01/")
    sections = [squash(s.find("h3").text) for s in issue.find_all("section", cls="gz-toc-section")]
    assert sections == ["党政办联合发文件", "大武口区人民政府办公室文件", "大武口区人民政府大事记"]
    entries = issue.find_all("li", cls="gz-toc__entry")
    assert [squash(e.find(cls="gz-toc__order").text) for e in entries] == ["1", "2", "3", "4", "5"]
    assert [squash(e.find(cls="gz-toc__page").text) for e in entries] == [
        "第1页",
        "第3页",
        "第4页",
        "第6页",
        "第8页",
    ]
    assert [e.find("a").attrs["href"] for e in entries] == [
        "sddbf-2021-2/",
        "sdzbf-2021-5/",
        "sdzbf-2021-4/",
        "guizhang-2021-1/",
        "chronicle/",
    ]
    assert "石大政办发〔2021〕5号" in squash(entries[1].text)
    masthead = squash(issue.find("dl", cls="gz-masthead").text)
    assert masthead == "主编王生法"


def test_document_page_metadata_and_citation_line(fixture_site: Path) -> None:
    doc = page(fixture_site, "2021/01/sddbf-2021-2/")
    assert (
        squash(doc.find("h1").text)
        == "中共大武口区委办公室 区人民政府办公室关于做好春节期间供暖保障工作的通知"
    )
    meta = {
        squash(d.find("dt").text): squash(d.find("dd").text)
        for dl in doc.find_all("dl", cls="gz-meta")
        for d in dl.find_all("div")
    }
    assert meta == {
        "发文字号": "石大党办发〔2021〕2号",
        "发文机关": "中共大武口区委办公室、大武口区人民政府办公室",
        "成文日期": "2021年1月8日",
        "发布日期": "2021年1月29日",
        "刊登期次": "2021年第1期（总第22期）",
        "页码": "第1页",
        "栏目": "党政办联合发文件",
    }
    assert squash(doc.by_id("gz-citation-text").text) == (
        "中共大武口区委办公室 区人民政府办公室关于做好春节期间供暖保障工作的通知（石大党办发〔2021"
        "〕2号，2021年1月8日）。"
        "《大武口区人民政府公报》2021年第1期（总第22期）第1页"
    )
    description = doc.find("meta", name="description").attrs["content"]
    assert description.startswith(
        "石大党办发〔2021〕2号，中共大武口区委办公室、大武口区人民政府办公室，2021年1月8日。各街道"
        "办事处，各部门："
    )


def test_previous_and_next_follow_the_toc(fixture_site: Path) -> None:
    def neighbours(url: str) -> tuple[str | None, str | None]:
        nav = page(fixture_site, url).find_all("nav", cls="gz-prevnext")
        if not nav:
            return None, None
        prev = nav[0].find_all("a", rel="prev")
        nxt = nav[0].find_all("a", rel="next")
        return (prev[0].attrs["href"] if prev else None, nxt[0].attrs["href"] if nxt else None)

    assert neighbours("2021/01/sddbf-2021-2/") == (None, "../sdzbf-2021-5/")
    assert neighbours("2021/01/sdzbf-2021-5/") == ("../sddbf-2021-2/", "../sdzbf-2021-4/")
    assert neighbours("2021/01/chronicle/") == ("../guizhang-2021-1/", None)


def test_docnumber_index_sorts_serials_as_numbers_and_shows_gaps(fixture_site: Path) -> None:
    code = page(fixture_site, "docnumbers/shidazhengbanfa/")
    # the code's page lists the numbers themselves, newest year first
    assert [squash(h.text) for h in code.find_all("h2")] == [
        "石大政办发〔2021〕 2件，最大序号5号，3个未在公报刊登",
        "石大政办发〔2020〕 2件，最大序号18号，16个未在公报刊登",
    ]
    assert [a.attrs["href"] for h in code.find_all("h2") for a in h.find_all("a")] == [
        "2021/",
        "2020/",
    ]
    assert [
        [squash(li.find(cls="gz-serial__no").text) for li in ol.find_all("li")]
        for ol in code.find_all("ol", cls="gz-serials")
    ] == [["1—3号", "4号", "5号"], ["1—3号", "4号", "5—17号", "18号"]]

    def serials(year: int) -> list[str]:
        listing = page(fixture_site, f"docnumbers/shidazhengbanfa/{year}/").find(
            "ol", cls="gz-serials"
        )
        return [squash(li.find(cls="gz-serial__no").text) for li in listing.find_all("li")]

    assert serials(2021) == ["1—3号", "4号", "5号"]
    assert serials(2020) == ["1—3号", "4号", "5—17号", "18号"]
    year = page(fixture_site, "docnumbers/shidazhengbanfa/2020/")
    gaps = [li for li in year.find_all("li") if "gz-serial--gap" in li.attrs.get("class", "")]
    assert [squash(li.text) for li in gaps] == ["1—3号未在公报刊登", "5—17号未在公报刊登"]
    assert year.find("a", cls=None, href="../../../2020/12/sdzbf-2020-18/").text == (
        "区人民政府办公室关于印发《大武口区冬季供暖保障工作方案》的通知"
    )
    index = page(fixture_site, "docnumbers/")
    rows = [squash(tr.text) for tr in index.find("tbody").find_all("tr")]
    assert rows == ["石大党办发 1 2021", "石大政办发 4 2021、2020"]


def test_organ_and_section_pages(fixture_site: Path) -> None:
    organs = page(fixture_site, "organs/")
    rows = [squash(tr.text) for tr in organs.find("tbody").find_all("tr")]
    assert rows == [
        "大武口区人民政府办公室 5 2021年第1期",
        "大武口区人民政府 1 2021年第1期",
        "中共大武口区委办公室 1 2021年第1期",
    ]
    office = page(fixture_site, "organs/dawukouqurenminzhengfubangongshi/")
    assert [squash(li.text) for li in office.find("ul", cls="gz-years").find_all("li")] == [
        "2021年 3件",
        "2020年 2件",
    ]
    # 最近刊登: newest date first (not the order of the issues' tables of contents)
    assert [a.attrs["href"] for a in office.find_all("a", cls="gz-item__title")] == [
        "../../2021/01/sdzbf-2021-5/",
        "../../2021/01/sdzbf-2021-4/",
        "../../2021/01/sddbf-2021-2/",
        "../../2020/12/sdzbf-2020-4/",
        "../../2020/12/sdzbf-2020-18/",
    ]
    dates = [
        re.search(r"\d+年\d+月\d+日", squash(li.find("span", cls="gz-item__meta").text)).group()
        for li in office.find("ul", cls="gz-list").find_all("li")
    ]
    assert dates == [
        "2021年1月12日",
        "2021年1月10日",
        "2021年1月8日",
        "2020年12月15日",
        "2020年12月10日",
    ]
    year = page(fixture_site, "organs/dawukouqurenminzhengfubangongshi/2020/")
    assert squash(year.find("h1").text) == "大武口区人民政府办公室 2020年"
    assert [a.attrs["href"] for a in year.find_all("a", cls="gz-item__title")] == [
        "../../../2020/12/sdzbf-2020-18/",
        "../../../2020/12/sdzbf-2020-4/",
    ]


def test_archive_groups_issues_by_year_newest_first(fixture_site: Path) -> None:
    archive = page(fixture_site, "issues/")
    assert [squash(h.text) for h in archive.find_all("h2")] == ["2021年", "2020年"]
    rows = [squash(tr.text) for tr in archive.find_all("tr") if tr.find_all("td")]
    assert rows == [
        "第1期 总第22期 2021年1月29日 4 + 大事记",
        "第12期 总第21期 2020年12月30日 2 + 大事记",
    ]
    assert [squash(p.text) for p in archive.find_all("p", cls="gz-missing-issues")] == [
        "本站未收录本年的第1—11期（总第10—20期）。"
    ]


def test_chronicle_timeline_by_year_month_day(fixture_site: Path) -> None:
    year = page(fixture_site, "chronicle/2020/")
    assert [squash(h.text) for h in year.find_all("h2")] == ["12月"]
    days = year.find_all("h3")
    assert [(d.attrs["id"], squash(d.text)) for d in days] == [
        ("2020-12-02", "2020年12月2日"),
        ("2020-12-28", "2020年12月28日"),
    ]
    first_day = year.find_all("section", cls="gz-day")[0]
    events = [squash(li.text) for li in first_day.find_all("li")]
    # the issue is named once per month, not after every event
    assert events == [
        "召开区政府常务会议，研究冬季供暖工作。",
        "区委主要领导调研供暖企业，周浩副区长陪同调研。",
    ]
    assert first_day.find_all("a", cls="gz-event-src") == []
    sources = year.find_all("p", cls="gz-month__src")
    assert [squash(p.text) for p in sources] == ["本月记事刊登于2020年第12期大事记"]
    assert [a.attrs["href"] for a in sources[0].find_all("a")] == [
        "../../2020/12/chronicle/#2020-12-02"
    ]
    assert len(year.find_all("a", cls="gz-event-src")) == 1
    overview = page(fixture_site, "chronicle/")
    assert [squash(tr.text) for tr in overview.find("tbody").find_all("tr")] == [
        "2021年 1月 2 2",
        "2020年 12月 2 3",
    ]


def test_chronicle_events_link_the_documents_they_name(fixture_site: Path) -> None:
    year = page(fixture_site, "chronicle/2020/")
    links = [(squash(a.text), a.attrs["href"]) for a in year.find_all("a", cls="gz-event-doc")]
    assert links == [("石大政办发〔2020〕4号", "../../2020/12/sdzbf-2020-4/")]
    issue_chronicle = page(fixture_site, "2021/01/chronicle/")
    links = [
        (squash(a.text), a.attrs["href"]) for a in issue_chronicle.find_all("a", cls="gz-event-doc")
    ]
    assert links == [("石大政办发〔2021〕5号", "../sdzbf-2021-5/")]


def test_annual_index_by_section(fixture_site: Path) -> None:
    annual = page(fixture_site, "annual/2021/")
    assert [squash(h.text) for h in annual.find_all("h2")] == [
        "党政办联合发文件",
        "大武口区人民政府办公室文件",
        "大事记",
    ]
    office = annual.find_all("ul", cls="gz-list")[1]
    assert [squash(a.text) for a in office.find_all("a", cls="gz-item__title")] == [
        "区人民政府办公室关于调整供暖投诉处理流程的通知",
        "区人民政府办公室关于印发2021年春运工作方案的通知",
        "大武口区人民政府关于公布规范性文件清理结果的决定",
    ]


def test_api_exports(fixture_site: Path) -> None:
    documents = json.loads((fixture_site / "api/documents.json").read_text(encoding="utf-8"))[
        "documents"
    ]
    assert [d["url"] for d in documents] == DOC_URLS
    assert documents[6] == {
        "doc_number": None,
        "title": "大武口区人民政府关于公布规范性文件清理结果的决定",
        "organs": ["大武口区人民政府"],
        "date": "2021-01-20",
        "published": "2021-01-29",
        "section": "大武口区人民政府办公室文件",
        "page": 6,
        "order": 4,
        "issue": "2021-01",
        "kind": "document",
        "url": "2021/01/guizhang-2021-1/",
        "status": None,
        "relations": {
            "repeals": [],
            "amends": [],
            "interprets": [],
            "corrects": [],
            "repealed_by": [],
            "amended_by": [],
            "interpreted_by": [],
            "corrected_by": [],
        },
        "withdrawn": None,
        "pdf": None,
        "attachments": [],
    }
    assert [d["kind"] for d in documents].count("chronicle") == 2
    issues = json.loads((fixture_site / "api/issues.json").read_text(encoding="utf-8"))["issues"]
    assert [
        (i["year"], i["number"], i["total_number"], i["date"], i["url"], len(i["documents"]))
        for i in issues
    ] == [(2020, 12, 21, "2020-12-30", "2020/12/", 3), (2021, 1, 22, "2021-01-29", "2021/01/", 5)]
    events = json.loads((fixture_site / "api/chronicle.json").read_text(encoding="utf-8"))["events"]
    assert len(events) == 5
    assert events[0] == {
        "date": "2020-12-02",
        "text": "召开区政府常务会议，研究冬季供暖工作。",
        "issue": "2020-12",
        "url": "chronicle/2020/#2020-12-02",
    }


def test_urls_come_from_content_not_from_file_names_or_bodies(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    before = generate(content, tmp_path / "a", "http://x/")
    pages_before = sorted(
        p.relative_to(tmp_path / "a/docs").as_posix() for p in (tmp_path / "a/docs").rglob("*.md")
    )
    doc = content / "2021/01/sdzbf-2021-5.md"
    doc.rename(content / "2021/01/renamed.md")
    (content / "2021/01/renamed.md").write_text(
        (content / "2021/01/renamed.md")
        .read_text(encoding="utf-8")
        .replace("供暖投诉统一", "供暖投诉今后统一"),
        encoding="utf-8",
    )
    generate(content, tmp_path / "b", "http://x/")
    pages_after = sorted(
        p.relative_to(tmp_path / "b/docs").as_posix() for p in (tmp_path / "b/docs").rglob("*.md")
    )
    assert pages_after == pages_before
    assert "2021/01/sdzbf-2021-5/index.md" in pages_after
    assert len(before.documents) == 6


def test_every_page_written_as_html_is_the_index_of_its_url_folder(tmp_path: Path) -> None:
    """Links in raw HTML are relative to the built URL (MkDocs keeps them as written); other
    engines resolve them from the source file. With each such page at ``<url>/index.md``
    both readings are the same link."""
    generate(FIXTURES / "site", tmp_path / "work", "http://x/")
    docs = tmp_path / "work" / "docs"
    html_pages, others = [], []
    for path in sorted(docs.rglob("*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        kind = re.search(r'^gazette: \{"kind":"([a-z-]+)"', front, re.M)
        assert kind, path
        page = path.relative_to(docs).as_posix()
        (html_pages if kind[1] in HTML_KINDS else others).append(page)
    assert [
        page for page in html_pages if not page.endswith("/index.md") and page != "index.md"
    ] == []
    assert "2021/01/sdzbf-2021-5/index.md" in html_pages
    assert "docnumbers/shidazhengbanfa/2021/index.md" in html_pages
    assert sorted(others) == [
        "about.md",
        "annual/index.md",
        "chronicle/index.md",
        "docnumbers/index.md",
        "issues.md",
        "organs/index.md",
        "sections/index.md",
    ]
