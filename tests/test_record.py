"""The gazette of record, built from tests/fixtures/record (three issues over two years):
发布日期, permalinks by document number, validity and relations, withdrawal, completeness
and the bulk exports, each checked against exact values."""

from __future__ import annotations

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.build import generate
from generator.content.load import load_archive
from generator.content.printed import human_size
from generator.search.bundle import fragment_of
from generator.site.bulk import source_zips
from tests.conftest import FIXTURES, build, serve
from tests.contentkit import minimal_pdf, valid_content, write_issue, zip_bytes
from tests.htmltools import page, parse, squash
from tests.test_browser import search
from tests.test_searchindex import bundle

RECORD = FIXTURES / "record"
ATOM = "{http://www.w3.org/2005/Atom}"


PDF_PAGES = 10
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def complete_record(content: Path) -> Path:
    """The committed fixture plus what is made in code: 2021年第1期's print edition (10 pages,
    offset 2) and two attachments of 石大政发〔2021〕1号."""
    shutil.copytree(RECORD, content)
    issue = content / "2021/01"
    (issue / "issue.pdf").write_bytes(minimal_pdf(PDF_PAGES))
    (issue / "issue.yml").write_text(
        (issue / "issue.yml")
        .read_text(encoding="utf-8")
        .replace("date: 2021-01-29\n", "date: 2021-01-29\npdf_page_offset: 2\n"),
        encoding="utf-8",
    )
    (issue / "files").mkdir()
    (issue / "files/fujian-1.xlsx").write_bytes(XLSX)
    (issue / "files/fujian-2.pdf").write_bytes(minimal_pdf(2))
    doc = issue / "sdzf-2021-1.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "order: 1\n",
            (
                "order: 1\nattachments:\n  - file: fujian-1.xlsx\n    title: 附件1：城区停车收费标"
                "准\n"
                "  - file: fujian-2.pdf\n    title: 附件2：城区停车场分布图\n"
            ),
        ),
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def record_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return complete_record(tmp_path_factory.mktemp("record-content") / "content")


@pytest.fixture(scope="module")
def record_site(record_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(record_content, tmp_path_factory.mktemp("record"))


def meta_of(site: Path, url: str) -> dict[str, str]:
    doc = page(site, url)
    return {
        squash(d.find("dt").text): squash(d.find("dd").text)
        for d in doc.find("dl", cls="gz-meta").find_all("div")
    }


def documents_json(site: Path) -> dict[str, dict[str, object]]:
    data = json.loads((site / "api/documents.json").read_text(encoding="utf-8"))["documents"]
    return {d["url"]: d for d in data}


# -- 发布日期 ------------------------------------------------------------------------------------


def test_published_date_beside_the_signing_date(record_site: Path) -> None:
    meta = meta_of(record_site, "2021/01/sdzf-2021-1/")
    assert (meta["成文日期"], meta["发布日期"]) == (
        "2021年1月10日",
        "2021年1月15日",
    )  # published: overrides
    meta = meta_of(record_site, "2021/01/sdzf-2021-2/")
    assert (meta["成文日期"], meta["发布日期"]) == (
        "2021年1月18日",
        "2021年1月29日",
    )  # the issue's date
    keys = list(meta_of(record_site, "2021/03/jiedu-2021-1/"))
    assert keys.index("发布日期") == keys.index("成文日期") + 1


def test_published_date_in_the_api_and_the_feed(record_site: Path) -> None:
    docs = documents_json(record_site)
    assert (docs["2021/01/sdzf-2021-1/"]["date"], docs["2021/01/sdzf-2021-1/"]["published"]) == (
        "2021-01-10",
        "2021-01-15",
    )
    assert docs["2021/01/sdzf-2021-2/"]["published"] == "2021-01-29"
    assert docs["2021/01/chronicle/"]["published"] == "2021-01-29"
    feed = ET.parse(record_site / "documents.xml").getroot()
    entries = {e.find(f"{ATOM}link").get("href"): e for e in feed.findall(f"{ATOM}entry")}
    first = entries["http://127.0.0.1:8000/2021/01/sdzf-2021-1/"]
    assert first.find(f"{ATOM}published").text == "2021-01-15T00:00:00+08:00"
    assert first.find(f"{ATOM}summary").text == (
        "石大政发〔2021〕1号，大武口区人民政府，2021年1月10日成文，2021年1月15日发布。刊登于2021年"
        "第1期（总第30期）第1页。"
    )
    second = entries["http://127.0.0.1:8000/2021/01/sdzf-2021-2/"]
    assert second.find(f"{ATOM}published").text == "2021-01-29T00:00:00+08:00"


# -- permalinks ----------------------------------------------------------------------------------


def test_permalink_leads_to_the_document(record_site: Path) -> None:
    html = (record_site / "d/sdzf-2021-1/index.html").read_text(encoding="utf-8")
    tree = page(record_site, "d/sdzf-2021-1/")
    assert (
        tree.find("meta", **{"http-equiv": "refresh"}).attrs["content"]
        == "0; url=../../2021/01/sdzf-2021-1/"
    )
    assert (
        tree.find("link", rel="canonical").attrs["href"]
        == "http://127.0.0.1:8000/2021/01/sdzf-2021-1/"
    )
    link = tree.find("body").find("a")
    assert (link.attrs["href"], squash(link.text)) == (
        "../../2021/01/sdzf-2021-1/",
        "大武口区人民政府关于印发城区停车管理办法的通知",
    )
    assert (
        squash(tree.find("body").text)
        == "石大政发〔2021〕1号：大武口区人民政府关于印发城区停车管理办法的通知"
    )
    assert "data-pagefind-body" not in html
    assert sorted(p.parent.name for p in (record_site / "d").glob("*/index.html")) == [
        "sdzf-2021-1",
        "sdzf-2021-2",
        "sdzf-2021-3",
        "sdzf-2021-8",
        "sdzf-2022-3",
    ]
    sitemap = (record_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/d/" not in sitemap  # the document's own URL is the one to index


def test_document_page_shows_its_permalink(record_site: Path) -> None:
    link = page(record_site, "2022/01/sdzf-2022-3/").find("p", cls="gz-permalink").find("a")
    assert (link.attrs["href"], squash(link.text)) == (
        "../../../d/sdzf-2022-3/",
        "http://127.0.0.1:8000/d/sdzf-2022-3/",
    )
    assert (
        page(record_site, "2021/03/jiedu-2021-1/").find_all("p", cls="gz-permalink") == []
    )  # no number


def test_docnumbers_json_maps_printed_numbers_to_pages(record_site: Path) -> None:
    data = json.loads((record_site / "api/docnumbers.json").read_text(encoding="utf-8"))
    assert data == {
        "石大政发〔2021〕1号": "2021/01/sdzf-2021-1/",
        "石大政发〔2021〕2号": "2021/01/sdzf-2021-2/",
        "石大政发〔2021〕3号": "2021/01/sdzf-2021-3/",
        "石大政发〔2021〕8号": "2021/03/sdzf-2021-8/",
        "石大政发〔2022〕3号": "2022/01/sdzf-2022-3/",
    }


def test_numbers_sharing_a_permalink_get_a_page_that_lists_them(tmp_path: Path) -> None:
    content = valid_content(tmp_path)  # 石大政发 and 石党政发 both have the initials sdzf
    write_issue(
        content,
        2021,
        2,
        23,
        "2021-02-26",
        [{"doc_number": "石大政发〔2021〕3号", "date": "2021-02-05"}],
    )
    write_issue(
        content,
        2021,
        3,
        24,
        "2021-03-26",
        [{"doc_number": "石党政发〔2021〕3号", "date": "2021-03-05"}],
    )
    generate(content, tmp_path / "work", "http://x/")
    listing = parse((tmp_path / "work/docs/d/sdzf-2021-3/index.html").read_text(encoding="utf-8"))
    assert listing.find_all("meta", **{"http-equiv": "refresh"}) == []
    assert [(a.attrs["href"], squash(a.text)) for a in listing.find("ul").find_all("a")] == [
        ("../../2021/02/sdzf-2021-3/", "石大政发〔2021〕3号"),
        ("../../2021/03/sdzf-2021-3/", "石党政发〔2021〕3号"),
    ]
    single = parse((tmp_path / "work/docs/d/sdzbf-2021-3/index.html").read_text(encoding="utf-8"))
    assert (
        single.find("meta", **{"http-equiv": "refresh"}).attrs["content"]
        == "0; url=../../2021/01/sdzbf-2021-3/"
    )


# -- validity and relations ------------------------------------------------------------------------


def banner(site: Path, url: str) -> list[str]:
    return [
        squash(p.text)
        for div in page(site, url).find_all("div", cls="gz-banner")
        for p in div.find_all("p")
    ]


def relations(site: Path, url: str) -> list[tuple[str, str | None]]:
    found = page(site, url).find_all("section", cls="gz-relations")
    if not found:
        return []
    return [
        (squash(li.text), li.find("a").attrs["href"] if li.find_all("a") else None)
        for li in found[0].find_all("li")
    ]


def status_shown(site: Path, url: str) -> str | None:
    shown = page(site, url).find_all("p", cls="gz-relations__status")
    return squash(shown[0].text) if shown else None


def test_repealed_document_opens_with_a_banner(record_site: Path) -> None:
    assert banner(record_site, "2021/01/sdzf-2021-1/") == [
        "本文件已于2022年1月5日被石大政发〔2022〕3号废止"
    ]
    link = page(record_site, "2021/01/sdzf-2021-1/").find("div", cls="gz-banner").find("a")
    assert link.attrs["href"] == "../../../2022/01/sdzf-2022-3/"
    assert status_shown(record_site, "2021/01/sdzf-2021-1/") == "效力状态：已废止"
    assert relations(record_site, "2021/01/sdzf-2021-1/") == [
        (
            "被废止 石大政发〔2022〕3号 大武口区人民政府关于废止城区停车管理办法的决定",
            "../../../2022/01/sdzf-2022-3/",
        )
    ]


def test_repealing_document_lists_what_it_repeals(record_site: Path) -> None:
    assert banner(record_site, "2022/01/sdzf-2022-3/") == []
    assert status_shown(record_site, "2022/01/sdzf-2022-3/") is None
    assert relations(record_site, "2022/01/sdzf-2022-3/") == [
        (
            "废止 石大政发〔2021〕1号 大武口区人民政府关于印发城区停车管理办法的通知",
            "../../../2021/01/sdzf-2021-1/",
        ),
        ("废止 石政发〔2015〕9号 （未在本公报刊登）", None),
    ]


def test_amended_corrected_and_interpreted_documents(record_site: Path) -> None:
    assert banner(record_site, "2021/01/sdzf-2021-2/") == [
        "本文件已于2021年3月30日被石大政发〔2021〕8号修改"
    ]
    assert status_shown(record_site, "2021/01/sdzf-2021-2/") == "效力状态：已修改"
    # The front matter says 现行有效; a correction does not change it, but is announced.
    assert status_shown(record_site, "2021/03/sdzf-2021-8/") == "效力状态：现行有效"
    assert banner(record_site, "2021/03/sdzf-2021-8/") == [
        "本文件已于2022年1月5日被《关于《大武口区人民政府关于调整冬季供暖补贴标准的通知》的更正》更"
        "正"
    ]
    assert relations(record_site, "2021/03/sdzf-2021-8/") == [
        (
            "修改 石大政发〔2021〕2号 大武口区人民政府关于发放冬季供暖补贴的通知",
            "../../01/sdzf-2021-2/",
        ),
        ("政策解读 《关于调整冬季供暖补贴标准的通知》政策解读", "../jiedu-2021-1/"),
        (
            "被更正 关于《大武口区人民政府关于调整冬季供暖补贴标准的通知》的更正",
            "../../../2022/01/gengzheng-2022-1/",
        ),
    ]
    assert relations(record_site, "2021/03/jiedu-2021-1/") == [
        (
            "解读 石大政发〔2021〕8号 大武口区人民政府关于调整冬季供暖补贴标准的通知",
            "../sdzf-2021-8/",
        )
    ]
    assert banner(record_site, "2021/03/jiedu-2021-1/") == []


def test_status_on_the_docnumber_index_and_organ_pages(record_site: Path) -> None:
    serials = page(record_site, "docnumbers/shidazhengfa/2021/").find_all("li", cls="gz-serial")
    shown = {
        squash(li.find(cls="gz-serial__no").text): [
            squash(s.text) for s in li.find_all("span", cls="gz-status")
        ]
        for li in serials
        if "gz-serial--gap" not in li.attrs["class"]
    }
    assert shown == {"1号": ["已废止"], "2号": ["已修改"], "3号": [], "8号": ["现行有效"]}
    withdrawn = [
        squash(li.find(cls="gz-serial__no").text)
        for li in serials
        if li.find_all("span", cls="gz-withdrawn")
    ]
    assert withdrawn == ["3号"]
    items = page(record_site, "organs/dawukouqurenminzhengfu/2021/").find_all("li", cls="gz-item")
    assert [
        (squash(li.find("a").text), [squash(s.text) for s in li.find_all("span", cls="gz-status")])
        for li in items
    ] == [
        ("大武口区人民政府关于调整冬季供暖补贴标准的通知", ["现行有效"]),
        ("大武口区人民政府关于印发城区停车管理办法的通知", ["已废止"]),
        ("大武口区人民政府关于发放冬季供暖补贴的通知", ["已修改"]),
        ("大武口区人民政府关于开展城区道路占道经营整治的通告", []),
    ]


def test_search_filter_by_status(record_site: Path) -> None:
    filters = bundle(record_site / "pagefind")["filters"]
    assert filters["status"] == {
        "现行有效": ["/2021/03/sdzf-2021-8/"],
        "已修改": ["/2021/01/sdzf-2021-2/"],
        "已废止": ["/2021/01/sdzf-2021-1/"],
    }
    select = page(record_site, "search/").by_id("gz-status")
    assert [squash(o.text) for o in select.find_all("option")] == [
        "全部",
        "现行有效",
        "已修改",
        "已废止",
    ]


def test_status_and_relations_in_documents_json(record_site: Path) -> None:
    docs = documents_json(record_site)
    empty = {
        key: []
        for key in (
            "repeals",
            "amends",
            "interprets",
            "corrects",
            "repealed_by",
            "amended_by",
            "interpreted_by",
            "corrected_by",
        )
    }
    assert (docs["2021/01/sdzf-2021-1/"]["status"], docs["2021/01/sdzf-2021-1/"]["relations"]) == (
        "已废止",
        empty | {"repealed_by": ["石大政发〔2022〕3号"]},
    )
    assert docs["2022/01/sdzf-2022-3/"]["relations"] == empty | {
        "repeals": ["石大政发〔2021〕1号", "石政发〔2015〕9号"]
    }
    assert (docs["2021/03/sdzf-2021-8/"]["status"], docs["2021/03/sdzf-2021-8/"]["relations"]) == (
        "现行有效",
        empty
        | {
            "amends": ["石大政发〔2021〕2号"],
            "interpreted_by": ["2021/03/jiedu-2021-1/"],
            "corrected_by": ["2022/01/gengzheng-2022-1/"],
        },
    )
    assert (docs["2021/01/chronicle/"]["status"], docs["2021/01/chronicle/"]["relations"]) == (
        None,
        empty,
    )


# -- withdrawal ------------------------------------------------------------------------------------


def test_withdrawn_document_keeps_its_page_with_a_notice(record_site: Path) -> None:
    html = (record_site / "2021/01/sdzf-2021-3/index.html").read_text(encoding="utf-8")
    assert banner(record_site, "2021/01/sdzf-2021-3/") == [
        "本文件已于2021年2月1日撤回。该通告内容有误，予以撤回。"
    ]
    assert "data-pagefind-body" not in html
    assert "占道摊点一律取缔" in html  # the printed text stays on the record
    index = bundle(record_site / "pagefind")
    indexed = [url for url, _ in index["pages"]]
    assert "/2021/01/sdzf-2021-3/" not in indexed
    assert "/2021/01/sdzf-2021-2/" in indexed
    assert all(
        url != "/2021/01/sdzf-2021-3/" for pages in index["words"].values() for url, _ in pages
    )


def test_issue_toc_marks_the_withdrawn_document_and_keeps_its_order(record_site: Path) -> None:
    entries = page(record_site, "2021/01/").find_all("li", cls="gz-toc__entry")
    assert [
        (
            squash(e.find(cls="gz-toc__order").text),
            [squash(s.text) for s in e.find_all("span", cls="gz-withdrawn")],
        )
        for e in entries
    ] == [("1", []), ("2", []), ("3", ["已撤回"]), ("4", [])]


def test_withdrawal_in_documents_json(record_site: Path) -> None:
    docs = documents_json(record_site)
    assert docs["2021/01/sdzf-2021-3/"]["withdrawn"] == {
        "date": "2021-02-01",
        "reason": "该通告内容有误，予以撤回。",
    }
    assert docs["2021/01/sdzf-2021-2/"]["withdrawn"] is None


# -- completeness ---------------------------------------------------------------------------------


def test_archive_page_names_the_missing_issues_of_each_year(record_site: Path) -> None:
    archive = page(record_site, "issues/")
    assert [squash(h.text) for h in archive.find_all("h2")] == ["2022年", "2021年"]
    # 2021: 第1期 is 总第30期 and 第3期 总第32期; 2022年第1期 is 总第34期,
    # so 2021 ended with 总第33期.
    assert [squash(p.text) for p in archive.find_all("p", cls="gz-missing-issues")] == [
        "本站未收录本年的第2期（总第31期）、第4期（总第33期）。"
    ]


def test_missing_issue_runs_and_renumbered_years() -> None:
    from generator.content.record import missing_issues

    assert missing_issues(load_archive(FIXTURES / "site").archive) == {
        2020: ["第1—11期（总第10—20期）"],
        2021: [],
    }


def test_real_archive_names_the_issue_before_the_real_one(real_site: Path) -> None:
    archive = page(real_site, "issues/")
    assert [squash(p.text) for p in archive.find_all("p", cls="gz-missing-issues")] == [
        "本站未收录本年的第1期（总第22期）。"
    ]


# -- bulk data -------------------------------------------------------------------------------------


def jsonl(site: Path, year: int) -> list[dict[str, Any]]:
    text = (site / f"api/{year}/documents.jsonl").read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_yearly_jsonl_has_every_field_and_the_text(record_site: Path) -> None:
    rows = jsonl(record_site, 2021)
    assert [row["url"] for row in rows] == [
        "2021/01/sdzf-2021-1/",
        "2021/01/sdzf-2021-2/",
        "2021/01/sdzf-2021-3/",
        "2021/01/chronicle/",
        "2021/03/sdzf-2021-8/",
        "2021/03/jiedu-2021-1/",
    ]
    assert rows[0] == {
        "doc_number": "石大政发〔2021〕1号",
        "title": "大武口区人民政府关于印发城区停车管理办法的通知",
        "organs": ["大武口区人民政府"],
        "date": "2021-01-10",
        "published": "2021-01-15",
        "section": "大武口区人民政府文件",
        "page": 1,
        "order": 1,
        "issue": "2021-01",
        "issue_total_number": 30,
        "issue_date": "2021-01-29",
        "kind": "document",
        "url": "2021/01/sdzf-2021-1/",
        "permalink": "d/sdzf-2021-1/",
        "source": "2021/01/sdzf-2021-1.md",
        "start": None,
        "end": None,
        "status": "已废止",
        "relations": {
            "repeals": [],
            "amends": [],
            "interprets": [],
            "corrects": [],
            "repealed_by": ["石大政发〔2022〕3号"],
            "amended_by": [],
            "interpreted_by": [],
            "corrected_by": [],
        },
        "withdrawn": None,
        "pdf": {"url": "2021/01/issue.pdf", "page": 3},
        "attachments": [
            {
                "title": "附件1：城区停车收费标准",
                "url": "2021/01/files/fujian-1.xlsx",
                "type": "XLSX",
                "size": len(XLSX),
                "sha256": hashlib.sha256(XLSX).hexdigest(),
            },
            {
                "title": "附件2：城区停车场分布图",
                "url": "2021/01/files/fujian-2.pdf",
                "type": "PDF",
                "size": len(minimal_pdf(2)),
                "sha256": hashlib.sha256(minimal_pdf(2)).hexdigest(),
            },
        ],
        "text": "各街道办事处，区直各部门：\n现将《城区停车管理办法》印发给你们，请认真贯彻执行。\n"
        "大武口区人民政府\n2021年1月10日",
        "events": [],
    }
    assert rows[2]["withdrawn"] == {"date": "2021-02-01", "reason": "该通告内容有误，予以撤回。"}
    chronicle = rows[3]
    assert (
        chronicle["kind"],
        chronicle["start"],
        chronicle["end"],
        chronicle["text"],
        chronicle["permalink"],
    ) == ("chronicle", "2021-01-01", "2021-01-31", None, None)
    assert chronicle["events"] == [
        {"date": "2021-01-10", "text": "区政府常务会议审议城区停车管理办法。"},
        {"date": "2021-01-18", "text": "区政府研究冬季供暖补贴发放工作。"},
    ]
    assert [row["url"] for row in jsonl(record_site, 2022)] == [
        "2022/01/sdzf-2022-3/",
        "2022/01/gengzheng-2022-1/",
    ]


def test_yearly_zip_of_the_sources_is_deterministic(
    record_site: Path, record_content: Path
) -> None:
    with zipfile.ZipFile(record_site / "api/2021/sources.zip") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [
            "2021/01/chronicle.yml",
            "2021/01/issue.yml",
            "2021/01/sdzf-2021-1.md",
            "2021/01/sdzf-2021-2.md",
            "2021/01/sdzf-2021-3.md",
            "2021/03/issue.yml",
            "2021/03/jiedu-2021-1.md",
            "2021/03/sdzf-2021-8.md",
        ]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o644}
        for info in infos:
            assert archive.read(info) == (record_content / info.filename).read_bytes()
    with zipfile.ZipFile(record_site / "api/2022/sources.zip") as archive:
        assert archive.namelist() == [
            "2022/01/gengzheng-2022-1.md",
            "2022/01/issue.yml",
            "2022/01/sdzf-2022-3.md",
        ]
    again = source_zips(record_content, load_archive(record_content).archive)
    assert again["api/2021/sources.zip"] == (record_site / "api/2021/sources.zip").read_bytes()


EXPORTS = {
    "api/documents.json": "documents",
    "api/issues.json": "issues",
    "api/chronicle.json": "chronicle",
    "api/docnumbers.json": "docnumbers",
}


def validate_exports(site: Path) -> int:
    checked = 0
    for path, name in EXPORTS.items():
        schema = json.loads((site / f"api/schema/{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        Draft202012Validator(schema).validate(json.loads((site / path).read_text(encoding="utf-8")))
        checked += 1
    schema = json.loads(
        (site / "api/schema/documents-jsonl.schema.json").read_text(encoding="utf-8")
    )
    Draft202012Validator.check_schema(schema)
    for jsonl_file in sorted(site.glob("api/*/documents.jsonl")):
        for line in jsonl_file.read_text(encoding="utf-8").splitlines():
            Draft202012Validator(schema).validate(json.loads(line))
            checked += 1
    return checked


def test_exports_validate_against_their_schemas(
    record_site: Path, fixture_site: Path, real_site: Path
) -> None:
    assert validate_exports(record_site) == 4 + 8
    assert validate_exports(fixture_site) == 4 + 8
    assert validate_exports(real_site) == 4 + 13


def test_schemas_reject_what_they_should(record_site: Path) -> None:
    schema = json.loads(
        (record_site / "api/schema/documents-jsonl.schema.json").read_text(encoding="utf-8")
    )
    row = jsonl(record_site, 2021)[0]
    validator = Draft202012Validator(schema)
    assert validator.is_valid(row)
    assert not validator.is_valid(row | {"status": "有效"})
    assert not validator.is_valid(row | {"published": "2021-1-15"})
    assert not validator.is_valid({k: v for k, v in row.items() if k != "text"})
    assert not validator.is_valid(row | {"extra": 1})


# -- print edition and attachments -----------------------------------------------------------------


def fragment_content(site: Path, url: str) -> str:
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        fragment = fragment_of(path.read_bytes())
        if fragment["url"] == url:
            return str(fragment["content"]).replace("\u200b", "")  # Pagefind marks its word breaks
    raise AssertionError(f"{url} is not in the index")


def test_issue_page_offers_the_print_edition(record_site: Path) -> None:
    data = minimal_pdf(PDF_PAGES)
    offer = page(record_site, "2021/01/").find("p", cls="gz-print-edition")
    link = offer.find("a")
    assert (link.attrs["href"], squash(link.text)) == ("issue.pdf", "下载印刷版 PDF")
    assert (
        squash(offer.text) == f"下载印刷版 PDF 10页，{human_size(len(data))}SHA-256："
        f"{hashlib.sha256(data).hexdigest()}"
    )
    assert (record_site / "2021/01/issue.pdf").read_bytes() == data
    assert page(record_site, "2021/03/").find_all("p", cls="gz-print-edition") == []
    issues = json.loads((record_site / "api/issues.json").read_text(encoding="utf-8"))["issues"]
    assert [issue["pdf"] for issue in issues] == [
        {
            "url": "2021/01/issue.pdf",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "pages": 10,
            "page_offset": 2,
        },
        None,
        None,
    ]


def test_document_links_its_first_page_in_the_print_edition(record_site: Path) -> None:
    links = {
        url: [
            (a.attrs["href"], squash(a.text))
            for p in page(record_site, url).find_all("p", cls="gz-original")
            for a in p.find_all("a")
        ]
        for url in ["2021/01/sdzf-2021-1/", "2021/01/sdzf-2021-2/", "2021/03/sdzf-2021-8/"]
    }
    assert links == {
        "2021/01/sdzf-2021-1/": [("../issue.pdf#page=3", "查看原版第1页")],
        "2021/01/sdzf-2021-2/": [("../issue.pdf#page=6", "查看原版第4页")],
        "2021/03/sdzf-2021-8/": [],
    }


def test_attachments_are_listed_with_type_and_size_and_their_titles_searchable(
    record_site: Path,
) -> None:
    items = page(record_site, "2021/01/sdzf-2021-1/").find("section", cls="gz-files").find_all("li")
    assert [(li.find("a").attrs["href"], squash(li.text)) for li in items] == [
        ("../files/fujian-1.xlsx", f"附件1：城区停车收费标准 XLSX，{human_size(len(XLSX))}"),
        (
            "../files/fujian-2.pdf",
            f"附件2：城区停车场分布图 PDF，2页，{human_size(len(minimal_pdf(2)))}",
        ),
    ]
    assert (record_site / "2021/01/files/fujian-1.xlsx").read_bytes() == XLSX
    content = fragment_content(record_site, "/2021/01/sdzf-2021-1/")
    assert "附件1：城区停车收费标准" in content and "附件2：城区停车场分布图" in content
    assert "XLSX" not in content
    assert all(
        url.endswith("/") for url, _ in bundle(record_site / "pagefind")["pages"]
    )  # HTML pages only


# -- in the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def record_server(record_site: Path) -> Iterator[str]:
    url, server = serve(record_site)
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    ("name", "url"),
    [("record-repealed", "2021/01/sdzf-2021-1/"), ("record-issue-with-pdf", "2021/01/")],
)
def test_record_pages_render_without_horizontal_scrolling(
    browser: Any, record_server: str, artifacts: Path, name: str, url: str, width: int
) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(record_server + url)
    tab.wait_for_load_state("networkidle")
    tab.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    assert (
        tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        == 0
    )
    if name == "record-repealed":
        banner_box = tab.evaluate("""() => {
            const b = document.querySelector('.gz-banner').getBoundingClientRect();
            const h = document.querySelector('h1').getBoundingClientRect();
            return [b.top < h.top, b.width > 0]; }""")
        assert banner_box == [True, True]  # the banner comes first
    tab.close()


@pytest.mark.browser
def test_permalink_and_status_filter_in_the_browser(browser: Any, record_server: str) -> None:
    tab = browser.new_page()
    tab.goto(record_server + "d/sdzf-2021-1/")
    tab.wait_for_url("**/2021/01/sdzf-2021-1/")
    assert tab.text_content("h1").strip() == "大武口区人民政府关于印发城区停车管理办法的通知"
    assert {r["url"] for r in search(tab, record_server, "供暖补贴")} >= {
        "/2021/01/sdzf-2021-2/",
        "/2021/03/sdzf-2021-8/",
    }
    assert [r["url"] for r in search(tab, record_server, "供暖补贴", status="已修改")] == [
        "/2021/01/sdzf-2021-2/"
    ]
    assert tab.input_value("#gz-status") == "已修改"
    # withdrawn: struck from search (the index holds neither its title nor its text)
    assert "/2021/01/sdzf-2021-3/" not in {r["url"] for r in search(tab, record_server, "占道经营")}
    tab.close()
