"""An archive being filled in builds an honest site: an issue with no documents yet, an
issue with only its chronicle, an empty content folder."""

from __future__ import annotations

from pathlib import Path

from generator.__main__ import main
from tests.conftest import build
from tests.contentkit import write_issue


def test_issue_without_documents_says_so(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_issue(content, 2021, 3, 24, "2021-03-31", [], chronicle=False)
    site = build(content, tmp_path, search_index=False)
    issue = (site / "2021/03/index.html").read_text(encoding="utf-8")
    assert '<p class="gz-pending">本期文件整理中，稍后刊登。</p>' in issue
    assert (
        'content="《大武口区人民政府公报》2021年第3期（总第24期），2021年3月31日出版，本期文件整理'
        '中。"' in issue
    )
    assert '<p class="gz-pending">本期文件整理中，稍后刊登。</p>' in (
        site / "index.html"
    ).read_text(encoding="utf-8")


def test_issue_with_only_a_chronicle(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_issue(content, 2021, 3, 24, "2021-03-31", [], chronicle=True)
    site = build(content, tmp_path, search_index=False)
    issue = (site / "2021/03/index.html").read_text(encoding="utf-8")
    assert "目录共1篇：大武口区人民政府2021年3月大事记" in issue
    assert (site / "2021/03/chronicle/index.html").exists()


def test_empty_archive_builds_and_checks(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    site = build(content, tmp_path, search_index=False)
    assert "最新一期" not in (site / "index.html").read_text(encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 0
