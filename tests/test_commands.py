"""new-issue scaffolding and the live regeneration behind `make serve`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.build import generate
from generator.serve import STATUS, Preview
from tests.conftest import FIXTURES


def test_new_issue_scaffold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    assert main(["new-issue", "--year", "2021", "--number", "3", "--content", str(content)]) == 0
    folder = content / "2021" / "03"
    assert sorted(p.name for p in folder.iterdir()) == [
        "_chronicle.yml",
        "_document.md",
        "issue.yml",
    ]
    issue = (folder / "issue.yml").read_text(encoding="utf-8")
    assert "year: 2021\nnumber: 3\n" in issue and issue.startswith(
        "# 大武口区人民政府公报 2021年第03期"
    )
    assert main(["new-issue", "--year", "2021", "--number", "3", "--content", str(content)]) == 1
    capsys.readouterr()
    # The scaffold tells the editor what is still to fill in.
    assert main(["check", "--content", str(content)]) == 1
    assert (
        "content/2021/03/issue.yml:6: total_number: 0 is too small; expected 1 or more"
        in capsys.readouterr().err
    )
    # The templates are valid once copied into place.
    shutil.copy(folder / "_document.md", folder / "sdzbf-2021-1.md")
    shutil.copy(folder / "_chronicle.yml", folder / "chronicle.yml")
    (folder / "issue.yml").write_text(
        issue.replace("total_number: 0", "total_number: 24"), encoding="utf-8"
    )
    assert main(["check", "--content", str(content)]) == 0


def test_serve_regenerates_pages_when_content_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    work = tmp_path / "work"
    preview = Preview(content, work, "http://127.0.0.1:8000/")
    assert preview.refresh()
    page = work / "docs/2021/01/sdzbf-2021-4/index.md"
    assert "春运工作方案印发给你们" in page.read_text(encoding="utf-8")
    # The first step writes the changed issue's pages, byte for byte what a build writes.
    doc = content / "2021/01/sdzbf-2021-4.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案印发", "春运工作方案（修订）印发"),
        encoding="utf-8",
    )
    assert preview.refresh()
    assert "春运工作方案（修订）印发给你们" in page.read_text(encoding="utf-8")
    # The background step brings the rest of the site up to date: then it equals a fresh generate.
    Preview.catch_up(preview)
    fresh = tmp_path / "fresh"
    generate(content, fresh, "http://127.0.0.1:8000/")
    assert {
        p.relative_to(work / "docs"): p.read_bytes()
        for p in (work / "docs").rglob("*")
        if p.is_file()
    } == {
        p.relative_to(fresh / "docs"): p.read_bytes()
        for p in (fresh / "docs").rglob("*")
        if p.is_file()
    }
    # The next run starts from those pages when nothing changed in between.
    again = Preview(content, work, "http://127.0.0.1:8000/")
    assert again.refresh() and again.started_from_disk
    # Broken content keeps the last good pages and says why, on the pages too (status.json).
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("page: 4", "page: four"), encoding="utf-8"
    )
    assert not preview.refresh()
    assert "春运工作方案（修订）印发给你们" in page.read_text(encoding="utf-8")
    assert "page: expected a whole number" in capsys.readouterr().err
    status = json.loads((work / "serve-site" / STATUS).read_text(encoding="utf-8"))
    assert status["problems"] == [
        f"{doc}:8: page: expected a whole number, e.g. page: 57; found text 'four'"
    ]
