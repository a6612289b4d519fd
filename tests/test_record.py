"""The gazette of record, built from tests/fixtures/record (three issues over two years):
发布日期, permalinks by document number, validity and relations, withdrawal, completeness
and the bulk exports, each checked against exact values."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import generate

from .conftest import FIXTURES, build
from .contentkit import valid_content, write_issue
from .htmltools import page, parse, squash

RECORD = FIXTURES / "record"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def record_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(RECORD, tmp_path_factory.mktemp("record"))


def meta_of(site: Path, url: str) -> dict[str, str]:
    doc = page(site, url)
    return {squash(d.find("dt").text): squash(d.find("dd").text) for d in doc.find("dl", cls="gz-meta").find_all("div")}


def documents_json(site: Path) -> dict[str, dict[str, object]]:
    data = json.loads((site / "api/documents.json").read_text(encoding="utf-8"))["documents"]
    return {d["url"]: d for d in data}


# -- 发布日期 ------------------------------------------------------------------------------------


def test_published_date_beside_the_signing_date(record_site: Path) -> None:
    meta = meta_of(record_site, "2021/01/sdzf-2021-1/")
    assert (meta["成文日期"], meta["发布日期"]) == ("2021年1月10日", "2021年1月15日")  # published: overrides
    meta = meta_of(record_site, "2021/01/sdzf-2021-2/")
    assert (meta["成文日期"], meta["发布日期"]) == ("2021年1月18日", "2021年1月29日")  # the issue's date
    keys = list(meta_of(record_site, "2021/03/jiedu-2021-1/"))
    assert keys.index("发布日期") == keys.index("成文日期") + 1


def test_published_date_in_the_api_and_the_feed(record_site: Path) -> None:
    docs = documents_json(record_site)
    assert (docs["2021/01/sdzf-2021-1/"]["date"], docs["2021/01/sdzf-2021-1/"]["published"]) == (
        "2021-01-10", "2021-01-15")
    assert docs["2021/01/sdzf-2021-2/"]["published"] == "2021-01-29"
    assert docs["2021/01/chronicle/"]["published"] == "2021-01-29"
    feed = ET.parse(record_site / "documents.xml").getroot()
    entries = {e.find(f"{ATOM}link").get("href"): e for e in feed.findall(f"{ATOM}entry")}
    first = entries["http://127.0.0.1:8000/2021/01/sdzf-2021-1/"]
    assert first.find(f"{ATOM}published").text == "2021-01-15T00:00:00+08:00"
    assert first.find(f"{ATOM}summary").text == (
        "石大政发〔2021〕1号，大武口区人民政府，2021年1月10日成文，2021年1月15日发布。刊登于2021年第1期（总第30期）第1页。")
    second = entries["http://127.0.0.1:8000/2021/01/sdzf-2021-2/"]
    assert second.find(f"{ATOM}published").text == "2021-01-29T00:00:00+08:00"


# -- permalinks ----------------------------------------------------------------------------------


def test_permalink_leads_to_the_document(record_site: Path) -> None:
    html = (record_site / "d/sdzf-2021-1/index.html").read_text(encoding="utf-8")
    tree = page(record_site, "d/sdzf-2021-1/")
    assert tree.find("meta", **{"http-equiv": "refresh"}).attrs["content"] == "0; url=../../2021/01/sdzf-2021-1/"
    assert tree.find("link", rel="canonical").attrs["href"] == "http://127.0.0.1:8000/2021/01/sdzf-2021-1/"
    link = tree.find("body").find("a")
    assert (link.attrs["href"], squash(link.text)) == ("../../2021/01/sdzf-2021-1/", "大武口区人民政府关于印发城区停车管理办法的通知")
    assert squash(tree.find("body").text) == "石大政发〔2021〕1号：大武口区人民政府关于印发城区停车管理办法的通知"
    assert "data-pagefind-body" not in html
    assert sorted(p.parent.name for p in (record_site / "d").glob("*/index.html")) == [
        "sdzf-2021-1", "sdzf-2021-2", "sdzf-2021-8", "sdzf-2022-3"]
    sitemap = (record_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/d/" not in sitemap  # the document's own URL is the one to index


def test_document_page_shows_its_permalink(record_site: Path) -> None:
    link = page(record_site, "2022/01/sdzf-2022-3/").find("p", cls="gz-permalink").find("a")
    assert (link.attrs["href"], squash(link.text)) == ("../../../d/sdzf-2022-3/", "http://127.0.0.1:8000/d/sdzf-2022-3/")
    assert page(record_site, "2021/03/jiedu-2021-1/").find_all("p", cls="gz-permalink") == []  # no number


def test_docnumbers_json_maps_printed_numbers_to_pages(record_site: Path) -> None:
    data = json.loads((record_site / "api/docnumbers.json").read_text(encoding="utf-8"))
    assert data == {
        "石大政发〔2021〕1号": "2021/01/sdzf-2021-1/",
        "石大政发〔2021〕2号": "2021/01/sdzf-2021-2/",
        "石大政发〔2021〕8号": "2021/03/sdzf-2021-8/",
        "石大政发〔2022〕3号": "2022/01/sdzf-2022-3/",
    }


def test_numbers_sharing_a_permalink_get_a_page_that_lists_them(tmp_path: Path) -> None:
    content = valid_content(tmp_path)  # 石大政发 and 石党政发 both have the initials sdzf
    write_issue(content, 2021, 2, 23, "2021-02-26", [{"doc_number": "石大政发〔2021〕3号", "date": "2021-02-05"}])
    write_issue(content, 2021, 3, 24, "2021-03-26", [{"doc_number": "石党政发〔2021〕3号", "date": "2021-03-05"}])
    generate(content, tmp_path / "work", "http://x/")
    listing = parse((tmp_path / "work/docs/d/sdzf-2021-3/index.html").read_text(encoding="utf-8"))
    assert listing.find_all("meta", **{"http-equiv": "refresh"}) == []
    assert [(a.attrs["href"], squash(a.text)) for a in listing.find("ul").find_all("a")] == [
        ("../../2021/02/sdzf-2021-3/", "石大政发〔2021〕3号"), ("../../2021/03/sdzf-2021-3/", "石党政发〔2021〕3号")]
    single = parse((tmp_path / "work/docs/d/sdzbf-2021-3/index.html").read_text(encoding="utf-8"))
    assert single.find("meta", **{"http-equiv": "refresh"}).attrs["content"] == "0; url=../../2021/01/sdzbf-2021-3/"
