"""Safe and repeatable builds: a failed build keeps the previous site, two builds of the
same content are byte-identical, a sub-path deployment keeps every link inside it, and
a forced build never lets unsafe HTML reach a page."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build_site
from generator.errors import BuildError, ContentError, Problem
from generator.site import pages as site_pages
from tests.conftest import CONTENT, FIXTURES
from tests.htmltools import local_links, target_exists


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", target)
    return target


def test_two_builds_are_byte_identical(tmp_path: Path, content: Path) -> None:
    first = tmp_path / "one" / "site"
    second = tmp_path / "two" / "site"
    build_site(content, first, tmp_path / "one" / "work", "https://example.org/")
    build_site(content, second, tmp_path / "two" / "work", "https://example.org/")
    assert snapshot(first) == snapshot(second)
    assert "pagefind/pagefind-entry.json" in snapshot(first)


def test_pages_written_as_html_are_what_markdown_would_make_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The MkDocs adapter skips Python-Markdown for the page kinds in
    # generator.site.pages.HTML_KINDS; that is
    # only safe while Markdown would leave those pages exactly as they are.
    skipped = tmp_path / "skipped" / "site"
    build_site(
        CONTENT, skipped, tmp_path / "skipped" / "work", "https://example.org/", search_index=False
    )
    monkeypatch.setattr(site_pages, "HTML_KINDS", frozenset())
    through = tmp_path / "through" / "site"
    build_site(
        CONTENT, through, tmp_path / "through" / "work", "https://example.org/", search_index=False
    )
    pages = snapshot(skipped)
    assert pages == snapshot(through)
    assert "2021/02/sddbz-2021-9/index.html" in pages  # a document with tables
    assert "2021/02/chronicle/index.html" in pages


def test_rebuild_with_warm_caches_is_identical(tmp_path: Path, content: Path) -> None:
    site = tmp_path / "site"
    work = tmp_path / "work"
    build_site(content, site, work, "https://example.org/")
    before = snapshot(site)
    build_site(content, site, work, "https://example.org/")
    assert snapshot(site) == before


def test_invalid_content_leaves_the_previous_site_untouched(tmp_path: Path, content: Path) -> None:
    site = tmp_path / "site"
    build_site(content, site, tmp_path / "work", "https://example.org/")
    before = snapshot(site)
    doc = content / "2021/01/sdzbf-2021-5.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("date: 2021-01-12", "date: 2021-02-30"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError):
        build_site(content, site, tmp_path / "work", "https://example.org/")
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_failure_in_a_late_step_leaves_the_previous_site_untouched(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_site(content, site, tmp_path / "work", "https://example.org/")
    before = snapshot(site)
    doc = content / "2021/01/sdzbf-2021-4.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案", "春运方案"), encoding="utf-8"
    )

    def broken_index(site_dir: Path, work: Path) -> None:
        raise BuildError([Problem(str(site_dir), 1, "Pagefind failed: disk full")])

    monkeypatch.setattr(build_module, "index_site", broken_index)
    with pytest.raises(BuildError):
        build_site(content, site, tmp_path / "work", "https://example.org/")
    assert snapshot(site) == before


def test_sub_path_build_keeps_every_link_inside_it(tmp_path: Path, content: Path) -> None:
    site = build_site_at(tmp_path, content, "https://example.org/gazette/")
    escaped, broken = [], []
    for html in site.rglob("*.html"):
        for written, path in local_links(html, site, base_path="/gazette/"):
            if not path.startswith("/gazette/"):
                escaped.append(f"{html.relative_to(site)}: {written}")
            elif not target_exists(site, path, base_path="/gazette/"):
                broken.append(f"{html.relative_to(site)}: {written}")
    assert escaped == []
    assert broken == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/gazette/">' in home
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://example.org/gazette/2021/01/"' in feed
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/gazette/2020/12/sdzbf-2020-18/</loc>" in sitemap


def build_site_at(tmp_path: Path, content: Path, url: str) -> Path:
    site = tmp_path / "site"
    build_site(content, site, tmp_path / "work", url, search_index=False)
    return site


def test_forced_build_strips_unsafe_html(tmp_path: Path, content: Path) -> None:
    doc = content / "2021/01/sdzbf-2021-4.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "现将2021年春运工作方案印发给你们。",
            "现将2021年春运工作方案印发给你们。<script>alert(1)</script>\n\n"
            '<table><tr><td onclick="steal()" colspan="2">甲</td></tr></table>\n\n'
            '[点此](javascript:alert(2))\n\n<iframe src="https://example.org"></iframe><style>p{}</'
            "style>",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as failure:
        build_site(
            content,
            tmp_path / "site",
            tmp_path / "work",
            "https://example.org/",
            search_index=False,
        )
    assert len(failure.value.problems) == 5
    site = tmp_path / "site"
    build_site(
        content, site, tmp_path / "work", "https://example.org/", search_index=False, force=True
    )
    html = (site / "2021/01/sdzbf-2021-4/index.html").read_text(encoding="utf-8")
    body = html.split('<div class="gz-body">')[1].split("</div>")[0]
    for bad in ("<script", "onclick", "javascript:", "<iframe", "<style"):
        assert bad not in body
    assert '<td colspan="2">甲</td>' in body
