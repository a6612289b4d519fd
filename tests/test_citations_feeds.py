"""Citations and backlinks, Atom feeds and the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.htmltools import page, parse, squash

ATOM = "{http://www.w3.org/2005/Atom}"


def refs(site: Path, url: str) -> dict[str, list[tuple[str, str | None]]]:
    """本文引用 / 被引用 lists of a document page as (text, href)."""
    doc = page(site, url)
    out: dict[str, list[tuple[str, str | None]]] = {}
    sections = doc.find_all("section", cls="gz-refs")
    if not sections:
        return out
    heading = None
    for node in sections[0].iter():
        if node.tag == "h3":
            heading = squash(node.text)
            out[heading] = []
        elif node.tag == "li" and heading:
            links = node.find_all("a")
            out[heading].append((squash(node.text), links[0].attrs["href"] if links else None))
    return out


def test_citation_links_and_backlinks_both_ways(fixture_site: Path) -> None:
    citing = refs(fixture_site, "2021/01/sddbf-2021-2/")
    assert citing == {
        "本文引用": [
            (
                "石大政办发〔2020〕18号 区人民政府办公室关于印发《大武口区冬季供暖保障工作方案》的"
                "通知",
                "../../../2020/12/sdzbf-2020-18/",
            ),
            ("宁政办发〔2020〕9号 《关于做好冬季供暖工作的通知》 （未在本公报刊登）", None),
        ]
    }
    cited = refs(fixture_site, "2020/12/sdzbf-2020-18/")
    assert cited == {
        "被引用": [
            (
                "石大党办发〔2021〕2号 中共大武口区委办公室 区人民政府办公室关于做好春节期间供暖保"
                "障工作的通知",
                "../../../2021/01/sddbf-2021-2/",
            ),
            (
                "石大政办发〔2021〕5号 区人民政府办公室关于调整供暖投诉处理流程的通知",
                "../../../2021/01/sdzbf-2021-5/",
            ),
        ]
    }
    # The number in the body is a link to the cited document, in any bracket style.
    body = page(fixture_site, "2021/01/sdzbf-2021-5/").find(cls="gz-body")
    link = body.find("a", cls="gz-cite")
    assert (squash(link.text), link.attrs["href"]) == (
        "石大政办发[2020]18号",
        "../../../2020/12/sdzbf-2020-18/",
    )


def test_citations_page_lists_most_cited_first(fixture_site: Path) -> None:
    table = page(fixture_site, "citations/").find("tbody")
    rows = [[squash(td.text) for td in tr.find_all("td")] for tr in table.find_all("tr")]
    assert rows == [
        [
            "石大政办发〔2020〕18号",
            "《大武口区冬季供暖保障工作方案》",
            "2",
            "石大党办发〔2021〕2号、石大政办发〔2021〕5号",
        ],
        [
            "宁政办发〔2020〕9号",
            "《关于做好冬季供暖工作的通知》（未在本公报刊登）",
            "1",
            "石大党办发〔2021〕2号",
        ],
    ]


def test_issue_feed_is_valid_atom(fixture_site: Path) -> None:
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert (
        feed.find(f"{ATOM}updated").text == "2021-01-29T00:00:00+08:00"
    )  # from content, not the clock
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        "tag:dwk.gov.cn,2019:gazette/2021/01",
        "tag:dwk.gov.cn,2019:gazette/2020/12",
    ]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "http://127.0.0.1:8000/2021/01/",
        "http://127.0.0.1:8000/2020/12/",
    ]
    for entry in entries:
        for required in ("id", "title", "updated", "link", "content"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    toc = entries[0].find(f"{ATOM}content").text
    assert toc.count("<li>") == 5 and "石大政办发〔2021〕5号 第3页" in toc


def test_documents_feed_is_valid_atom_newest_first(fixture_site: Path) -> None:
    feed = ET.parse(fixture_site / "documents.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][:2] == [
        "中共大武口区委办公室 区人民政府办公室关于做好春节期间供暖保障工作的通知",
        "区人民政府办公室关于调整供暖投诉处理流程的通知",
    ]
    assert len(entries) == 6
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 6 and ids[0] == "tag:dwk.gov.cn,2019:gazette/2021/01/sddbf-2021-2"
    for entry in entries:
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}updated").text.endswith("+08:00")


def test_every_page_links_the_feeds(fixture_site: Path) -> None:
    """Feed readers find the feeds by rel's token "alternate" and the Atom type; the exact
    value rel="alternate" is left out, because the theme's script fetches and parses the
    whole sitemap.xml once for each such link, on every page load."""
    pages = 0
    for html in fixture_site.rglob("index.html"):
        if html.relative_to(fixture_site).parts[0] == "d":
            continue  # permalinks only lead on to the document's page
        head = parse(html.read_text(encoding="utf-8")).find("head")
        feeds = [
            (found.attrs["href"].rsplit("/", 1)[-1], found.attrs["rel"].split())
            for found in head.find_all("link", type="application/atom+xml")
        ]
        assert feeds == [
            ("feed.xml", ["alternate", "feed"]),
            ("documents.xml", ["alternate", "feed"]),
        ], html
        assert head.find_all("link", rel="alternate") == [], html
        pages += 1
    assert pages > 20


def test_sitemap_lists_every_built_page(fixture_site: Path) -> None:
    sitemap = ET.parse(fixture_site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = {loc.text for loc in sitemap.iter(f"{ns}loc")}
    built = {
        "http://127.0.0.1:8000/" + p.relative_to(fixture_site).as_posix()[: -len("index.html")]
        for p in fixture_site.rglob("index.html")
        if not p.relative_to(fixture_site).as_posix().startswith(("pagefind", "d/"))
    }
    assert listed == built
    assert {lastmod.text for lastmod in sitemap.iter(f"{ns}lastmod")} == {"2021-01-29"}


def test_real_issue_citations(real_site: Path) -> None:
    nine = refs(real_site, "2021/02/sddbz-2021-9/")
    assert [text.split(" ")[0] for text, _ in nine["本文引用"]] == [
        "厅字〔2020〕3号",
        "宁党办〔2020〕50号",
        "石党办发〔2021〕2号",
    ]
    assert all(href is None for _, href in nine["本文引用"])
    seven = refs(real_site, "2021/02/sddbf-2021-7/")
    assert [text.split(" ")[0] for text, _ in seven["本文引用"]] == [
        "宁党厅字〔2020〕20号",
        "石党办综〔2020〕73号",
        "石大党办发〔2018〕1号",
    ]
