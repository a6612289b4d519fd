"""The gazette of record, built from tests/fixtures/record (three issues over two years):
发布日期, permalinks by document number, validity and relations, withdrawal, completeness
and the bulk exports, each checked against exact values."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import FIXTURES, build
from .htmltools import page, squash

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
    assert (meta["成文日期"], meta["发布日期"]) == ("2021年1月18日", "2021年1月29日")  # the date
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
