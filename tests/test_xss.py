"""Defence in depth: even if markup got past `check` into the model, no page, feed, JSON
file or search index of the built site carries it as markup, and no script runs in the
browser on any page or search. The archive is made hostile after loading, the way a bug
in the checks would let it through."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import generator.build
from generator.content.load import load_archive
from generator.content.model import Archive
from tests.conftest import build, serve
from tests.contentkit import valid_content

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
# Markdown is plain text to check (no angle brackets): an organ or section named like this
# must not become an image fetched from elsewhere, bold text or code on any page.
MARKDOWN = "![跟踪](http://tracker.example/x.png)**粗**`码`[点](javascript:alert(6))"
RAW = (
    "<script>alert(",
    "<img src=x",
    "onerror=alert(2)>",
    'tracker.example/x.png"',
    "<strong>粗",
    "<code>码",
    'href="javascript:',
)


def hostile(archive: Archive) -> Archive:
    """Every plain-text field of the two-issue fixture carries the payload."""
    issues = []
    for issue in archive.issues:
        section = issue.sections[0]
        bad_section = f"办公室文件{PAYLOAD}{MARKDOWN}"
        documents = tuple(
            dataclasses.replace(
                doc,
                title=f"关于{PAYLOAD}的通知",
                organs=(f"区政府{PAYLOAD}", f"区委{MARKDOWN}"),
                section=bad_section if doc.section == section else doc.section,
                body=doc.body
                + "\n正文&lt;img src=x onerror=alert(3)&gt;\n\n## 标题&lt;img src=x onerror=alert(4"
                ")&gt"
                ";\n\n结尾。\n",
            )
            for doc in issue.documents
        )
        chronicle = issue.chronicle and dataclasses.replace(
            issue.chronicle,
            title=f"大事记{PAYLOAD}",
            events=tuple(
                dataclasses.replace(event, text=f"召开{PAYLOAD}会议。")
                for event in issue.chronicle.events
            ),
        )
        issues.append(
            dataclasses.replace(
                issue,
                sections=tuple(bad_section if s == section else s for s in issue.sections),
                masthead=(
                    ("editor_in_chief", PAYLOAD),
                    ("editors", (PAYLOAD, "邱再新")),
                    ("website", "javascript:alert(5)"),
                ),
                documents=documents,
                chronicle=chronicle,
            )
        )
    return Archive(tuple(issues))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hostile")
    content = valid_content(root)
    archive = hostile(load_archive(content).archive)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.build, "load_checked", lambda *args: archive)
        yield build(content, root)


def published_files(site: Path) -> list[Path]:
    return [
        path
        for path in sorted(site.rglob("*"))
        if path.suffix in (".html", ".xml", ".json")
        and "assets" not in path.relative_to(site).parts
    ]


def test_payload_reaches_pages_only_as_text(hostile_site: Path) -> None:
    files = published_files(hostile_site)
    assert len(files) > 30
    leaks = {
        str(path.relative_to(hostile_site)): raw
        for path in files
        for raw in RAW
        if raw in path.read_text(encoding="utf-8")
    }
    assert leaks == {}
    document = (hostile_site / "2021/01/sdzbf-2021-1/index.html").read_text(encoding="utf-8")
    assert (
        "<title>关于&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x "
        "onerror=alert(2)&gt;&#34;&#39;"
        "&amp;的通知" in document.replace("&quot;", "&#34;").replace("&#x27;", "&#39;")
    )
    assert 'href="javascript:' not in (hostile_site / "index.html").read_text(encoding="utf-8")


def test_json_and_feeds_carry_the_text_exactly(hostile_site: Path) -> None:
    documents = json.loads((hostile_site / "api/documents.json").read_text(encoding="utf-8"))[
        "documents"
    ]
    assert documents[0]["title"] == f"关于{PAYLOAD}的通知"
    assert documents[0]["organs"] == [f"区政府{PAYLOAD}", f"区委{MARKDOWN}"]
    quick = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    titles = [doc["title"] for doc in quick]
    assert not any("<" in title for title in titles)
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    toc_html = feed.find("a:entry/a:content", ns).text
    assert toc_html is not None and "关于&lt;script&gt;alert(1)&lt;/script&gt;" in toc_html
    assert "<script>" not in toc_html
    newest = ET.parse(hostile_site / "documents.xml").getroot().find("a:entry/a:title", ns)
    assert newest is not None and newest.text == f"关于{PAYLOAD}的通知"


def test_no_script_runs_on_any_page_or_search(hostile_site: Path, browser: Any) -> None:
    base, server = serve(hostile_site)
    pages = [
        path.relative_to(hostile_site).as_posix().removesuffix("index.html")
        for path in sorted(hostile_site.rglob("index.html"))
        if "assets" not in path.parts
    ]
    dialogs: list[str] = []
    tab = browser.new_page()
    tab.on(
        "dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss())
    )
    try:
        for page in pages:
            tab.goto(base + page)
            if page.startswith("d/"):  # a permalink refreshes to its document at once: let it land
                tab.wait_for_url(lambda url: "/d/" not in url)
            tab.wait_for_load_state("load")
        assert len(pages) >= 25
        tab.goto(base + "search/?q=" + "召开")
        tab.wait_for_function("document.querySelectorAll('#search-results .gz-result').length > 0")
        tab.goto(base + "search/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(6)%3E")
        tab.wait_for_function("document.getElementById('gz-search-status').textContent.length > 0")
        tab.goto(base)
        tab.click(".md-search__input")
        tab.locator(".md-search__input").press_sequentially("通知")
        tab.keyboard.press("End")
        tab.wait_for_selector(".md-search-result__item", timeout=10000)
        tab.wait_for_timeout(300)
    finally:
        tab.close()
        server.shutdown()
    assert dialogs == []
