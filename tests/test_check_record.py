"""`check` rules of the gazette-of-record fields (发布日期, relations, status, withdrawal,
print edition, attachments): one broken fixture per rule, exact path:line and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from .contentkit import valid_content
from .test_check import DOC, check, edit


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return valid_content(tmp_path)


def test_published_on_or_after_the_signing_date_passes(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05\n", "date: 2021-01-05\npublished: 2021-01-05\n")
    assert check(content, capsys) == (0, [])


def test_published_before_the_signing_date(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05\n", "date: 2021-01-05\npublished: 2021-01-04\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:7: published: 2021-01-04 is before date: 2021-01-05; a document is published "
                     "on or after the day it is signed (成文日期)"]


def test_published_that_is_not_a_date(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05\n", "date: 2021-01-05\npublished: soon\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:7: published: 'soon' is not a date in YYYY-MM-DD form, e.g. 2021-03-09"]
