"""``make serve`` as an editor uses it: a saved edit is served, broken content is shown on the
page as ``path:line: message`` until it is fixed. (How fast is measured by ``make bench``,
never here: these waits are only upper bounds so a hang fails instead of blocking.)"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import generate
from generator.preview import MENU_PAGES, STATUS, Preview
from generator.preview_site import PreviewSite
from generator.serve import Serving
from tests.conftest import FIXTURES, ROOT
from tests.contentkit import valid_content

PAGE = "2021/01/sdzbf-2021-1/"
DOCUMENT = "content/2021/01/doc-1.md"
BOUND = 90.0
CAUGHT_UP = ["api/2021/documents.jsonl", "api/2021/sources.zip"]
"""What an edit to a body changes besides its page: the year's bulk exports."""
LATEST_PAGES = [
    "2021/01/index.md",
    "2021/01/chronicle/index.md",
    "2021/01/guizhang-2021-1/index.md",
    "2021/01/sddbf-2021-2/index.md",
    "2021/01/sdzbf-2021-4/index.md",
    "2021/01/sdzbf-2021-5/index.md",
]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"not within {BOUND:.0f} s: {what}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``python -m generator serve`` on two small issues, run from their folder as an editor
    would."""
    root = tmp_path_factory.mktemp("preview")
    valid_content(root)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (root / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--content",
            "content",
            "--work",
            "work",
            "--addr",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(
            lambda: process.poll() is not None or _get(base + PAGE)[0] == 200, "the preview answers"
        )
        assert process.poll() is None, (root / "serve.log").read_text(encoding="utf-8")
        yield base, root
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    assert "Traceback" not in (root / "serve.log").read_text(encoding="utf-8")


def test_a_saved_edit_is_served(preview: tuple[str, Path]) -> None:
    base, root = preview
    assert "请遵照执行。" in _get(base + PAGE)[1]
    document = root / DOCUMENT
    document.write_text(
        document.read_text(encoding="utf-8").replace("请遵照执行。", "请认真遵照执行。"),
        encoding="utf-8",
    )
    _until(lambda: "请认真遵照执行。" in _get(base + PAGE)[1], "the edited text is served")
    # Pages that list the document follow: the issue's page and its number's page.
    document.write_text(
        document.read_text(encoding="utf-8").replace(
            "关于做好安全工作的通知", "关于加强值守的通知", 1
        ),
        encoding="utf-8",
    )
    title = "区人民政府办公室关于加强值守的通知"
    _until(
        lambda: (
            title in _get(base + PAGE)[1]
            and title in _get(base + "2021/01/")[1]
            and title in _get(base + "docnumbers/shidazhengbanfa/2021/")[1]
        ),
        "the new title on the pages that list it",
    )


def test_broken_content_shows_an_overlay_until_fixed(
    preview: tuple[str, Path], browser: Any
) -> None:
    base, root = preview
    document = root / DOCUMENT
    good = document.read_text(encoding="utf-8")
    tab = browser.new_page()
    tab.goto(base + PAGE)
    assert tab.locator("#gz-preview-problems").count() == 0
    document.write_text(good.replace("\npage: 1\n", "\npage: one\n"), encoding="utf-8")
    problems = tab.locator("#gz-preview-problems li")
    problems.first.wait_for(timeout=BOUND * 1000)
    assert problems.all_inner_texts() == [
        f"{DOCUMENT}:8: page: expected a whole number, e.g. page: 57; found text 'one'"
    ]
    # The last good page stays, reloads and all.
    tab.reload()
    problems.first.wait_for(timeout=BOUND * 1000)
    assert "请认真遵照执行。" in tab.content()
    document.write_text(good, encoding="utf-8")
    tab.locator("#gz-preview-problems").wait_for(state="detached", timeout=BOUND * 1000)
    tab.close()


def test_built_pages_carry_no_preview_code(fixture_site: Path) -> None:
    for page in fixture_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "gz-preview" not in text and "_preview/" not in text, page


URL = "http://127.0.0.1:8000/"


def docs_of(work: Path) -> dict[str, bytes]:
    return {
        p.relative_to(work / "docs").as_posix(): p.read_bytes()
        for p in (work / "docs").rglob("*")
        if p.is_file()
    }


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", target)
    return target


def test_a_first_start_shows_the_latest_issue_at_once_and_others_when_asked(
    tmp_path: Path, content: Path
) -> None:
    work = tmp_path / "work"
    preview = Preview(content, work, URL)
    assert preview.start_quick()
    assert sorted(docs_of(work)) == sorted([*MENU_PAGES, *LATEST_PAGES])
    preview.write_status()
    assert (
        json.loads((work / "serve-site" / STATUS).read_text(encoding="utf-8"))["building"] is True
    )
    site = PreviewSite(preview.docs, preview.site, URL, preview.write_status)
    site.build(quiet=True)
    assert sorted(
        p.relative_to(site.site).as_posix() for p in site.site.glob("2*/*/*/index.html")
    ) == [
        "2021/01/chronicle/index.html",
        "2021/01/guizhang-2021-1/index.html",
        "2021/01/sddbf-2021-2/index.html",
        "2021/01/sdzbf-2021-4/index.html",
        "2021/01/sdzbf-2021-5/index.html",
    ]
    # A page of another issue is made when a browser asks for it.
    Serving(preview, site).ensure("2020/12/sdzbf-2020-18/")
    assert "2020/12/sdzbf-2020-18/index.md" in docs_of(work)
    assert "gz-preview" in (site.site / "2020/12/sdzbf-2020-18/index.html").read_text(
        encoding="utf-8"
    )
    assert not preview.show_issue("2020/12")  # shown already
    # The whole archive follows in the background: then the pages are exactly what a build writes.
    assert preview.complete_start()
    fresh = tmp_path / "fresh"
    generate(content, fresh, URL)
    assert docs_of(work) == docs_of(fresh)
    preview.write_status()
    assert (
        json.loads((work / "serve-site" / STATUS).read_text(encoding="utf-8"))["building"] is False
    )
    assert not preview.show_issue("2020/12")


def test_an_edit_goes_through_mkdocs_page_by_page(tmp_path: Path, content: Path) -> None:
    work = tmp_path / "work"
    preview = Preview(content, work, URL)
    assert preview.refresh()
    site = PreviewSite(preview.docs, preview.site, URL, lambda: None)
    site.build()
    preview.take_changed()
    other = site.site / "2020/12/sdzbf-2020-18/index.html"
    untouched = other.stat().st_mtime_ns
    doc = content / "2021/01/sdzbf-2021-4.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案印发", "春运工作方案（修订）印发"),
        encoding="utf-8",
    )
    assert preview.refresh()
    changed = preview.take_changed()
    assert changed == {"2021/01/sdzbf-2021-4/index.md"}
    assert site.update(changed)
    page = (site.site / "2021/01/sdzbf-2021-4/index.html").read_text(encoding="utf-8")
    assert "春运工作方案（修订）印发给你们" in page and "gz-preview-problems" in page
    assert other.stat().st_mtime_ns == untouched
    # What MkDocs makes of the page alone is what a whole build of the same pages makes of it.
    whole = PreviewSite(preview.docs, tmp_path / "whole", URL, lambda: None)
    whole.build()
    assert page == (tmp_path / "whole/2021/01/sdzbf-2021-4/index.html").read_text(encoding="utf-8")
    # A page MkDocs has not seen (a new document) takes a whole build.
    assert not site.update({"2021/01/new-page/index.md"})


def test_a_later_start_names_the_files_that_changed(tmp_path: Path, content: Path) -> None:
    work = tmp_path / "work"
    assert Preview(content, work, URL).refresh()
    again = Preview(content, work, URL)
    assert again.started_from_disk and again.refresh()
    assert again.take_changed() == set()
    doc = content / "2021/01/sdzbf-2021-4.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案印发", "春运工作方案（修订）印发"),
        encoding="utf-8",
    )
    assert again.refresh()
    assert again.take_changed() == {"2021/01/sdzbf-2021-4/index.md"}
    # The rest follows in the background, file by file: MkDocs is told which ones.
    assert not again.catch_up()
    assert sorted(again.take_changed()) == CAUGHT_UP
    fresh = tmp_path / "fresh"
    generate(content, fresh, URL)
    assert docs_of(work) == docs_of(fresh)
