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


# -- validity and relations ----------------------------------------------------------------------

DOC2 = "content/2021/01/doc-2.md"
OLD = "content/2020/12/doc-1.md"


def add_fields(path: Path, fields: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(f"{head}\n{fields}---\n{rest}", encoding="utf-8")


def test_relations_to_documents_of_the_archive_pass(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-2.md", "repeals:\n  - 石大政办发〔2020〕30号\namends:\n  - 石大政办发〔2021〕1号\n"
                                             "status: 现行有效\n")
    assert check(content, capsys) == (0, [])


def test_unknown_number_in_a_relation_is_a_warning(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-2.md", "interprets:\n  - 石政发〔2015〕9号\n")
    assert check(content, capsys) == (0, [
        f"{DOC2}:11: warning: interprets: 石政发〔2015〕9号 is not in the archive; it is listed as printed elsewhere "
        "(check the number)"])


def test_a_document_repealing_itself(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-2.md", "repeals:\n  - 石大政办发〔2020〕30号\n  - 石大政办发〔2021〕3号\n")
    assert check(content, capsys) == (1, [
        f"{DOC2}:12: repeals: 石大政办发〔2021〕3号 is this document's own number; a document cannot repeal itself (废止)"])


def test_relations_that_form_a_cycle(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-2.md", "amends:\n  - 石大政办发〔2021〕1号\n")
    add_fields(content / "2021/01/doc-1.md", "corrects:\n  - 石大政办发〔2020〕30号\n")
    add_fields(content / "2020/12/doc-1.md", "repeals:\n  - 石大政办发〔2021〕3号\n")
    cycle = "石大政办发〔2020〕30号 → 石大政办发〔2021〕3号 → 石大政办发〔2021〕1号 → 石大政办发〔2020〕30号"
    why = "a document cannot be repealed, amended, interpreted or corrected by one it names"
    assert check(content, capsys) == (1, [
        f"{OLD}:10: repeals: the relations form a cycle ({cycle}); {why}",
        f"{DOC}:10: corrects: the relations form a cycle ({cycle}); {why}",
        f"{DOC2}:10: amends: the relations form a cycle ({cycle}); {why}"])


def test_status_not_in_the_list(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-1.md", "status: 有效\n")
    assert check(content, capsys) == (1, [f"{DOC}:10: status: '有效' is not one of 现行有效, 已修改, 已废止, 已失效"])


def test_relation_entries_must_be_document_numbers(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-1.md", "repeals:\n  - 停车管理办法\n  - 石大政办发[2020]30号\n  - 7\n"
                                             "amends: 石大政办发〔2020〕30号\n")
    assert check(content, capsys) == (1, [
        f"{DOC}:11: repeals: '停车管理办法' is not a document number; expected code〔year〕serial号, "
        "e.g. 石大政办发〔2021〕4号",
        f"{DOC}:12: repeals: write '石大政办发[2020]30号' as '石大政办发〔2020〕30号' (〔〕 brackets, no spaces, ending in 号)",
        f"{DOC}:13: repeals: every entry must be a document number, e.g. - 石大政发〔2021〕1号; found a number '7'",
        f"{DOC}:14: amends: expected a list of document numbers, e.g.",
        "  amends:",
        "    - 石大政发〔2021〕1号",
        "found text '石大政办发〔2020〕30号'"])


# -- withdrawal ----------------------------------------------------------------------------------------


def test_withdrawn_document_passes_and_keeps_its_order(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-1.md", "withdrawn:\n  date: 2021-02-01\n  reason: 内容有误，予以撤回。\n")
    assert check(content, capsys) == (0, [])


def test_withdrawal_needs_a_date_and_a_reason(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-1.md", "withdrawn:\n  date: 2021-01-01\n  reasn: 有误\n")
    assert check(content, capsys) == (1, [
        f"{DOC}:11: date: 2021-01-01 is before date: 2021-01-05 (成文日期); a document is withdrawn after it is signed",
        f"{DOC}:11: missing required field 'reason' in withdrawn (e.g. reason: 该文件已被撤回，停止执行)",
        f"{DOC}:12: unknown field 'reasn' in withdrawn (did you mean 'reason'?); known fields: date, reason"])
