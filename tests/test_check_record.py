"""`check` rules of the gazette-of-record fields (发布日期, relations, status, withdrawal,
print edition, attachments): one broken fixture per rule, exact path:line and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contentkit import minimal_pdf, valid_content, zip_bytes
from tests.test_check import DOC, check, edit


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return valid_content(tmp_path)


def test_published_on_or_after_the_signing_date_passes(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "date: 2021-01-05\n",
        "date: 2021-01-05\npublished: 2021-01-05\n",
    )
    assert check(content, capsys) == (0, [])


def test_published_before_the_signing_date(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "date: 2021-01-05\n",
        "date: 2021-01-05\npublished: 2021-01-04\n",
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:7: published: 2021-01-04 is before date: 2021-01-05; a document is published "
        "on or after the day it is signed (成文日期)"
    ]


def test_published_that_is_not_a_date(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05\n", "date: 2021-01-05\npublished: soon\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:7: published: 'soon' is not a date in YYYY-MM-DD form, e.g. 2021-03-09"
    ]


# -- validity and relations ----------------------------------------------------------------------

DOC2 = "content/2021/01/doc-2.md"
OLD = "content/2020/12/doc-1.md"


def add_fields(path: Path, fields: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(f"{head}\n{fields}---\n{rest}", encoding="utf-8")


def test_relations_to_documents_of_the_archive_pass(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_fields(
        content / "2021/01/doc-2.md",
        "repeals:\n  - 石大政办发〔2020〕30号\namends:\n  - 石大政办发〔2021〕1号\n"
        "status: 现行有效\n",
    )
    assert check(content, capsys) == (0, [])


def test_unknown_number_in_a_relation_is_a_warning(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_fields(content / "2021/01/doc-2.md", "interprets:\n  - 石政发〔2015〕9号\n")
    assert check(content, capsys) == (
        0,
        [
            f"{DOC2}:11: warning: interprets: 石政发〔2015〕9号 is not in the archive; it is listed"
            f" as "
            f"printed elsewhere "
            "(check the number)"
        ],
    )


def test_a_document_repealing_itself(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(
        content / "2021/01/doc-2.md",
        "repeals:\n  - 石大政办发〔2020〕30号\n  - 石大政办发〔2021〕3号\n",
    )
    assert check(content, capsys) == (
        1,
        [
            f"{DOC2}:12: repeals: 石大政办发〔2021〕3号 is this document's own number; a document "
            f"cannot "
            f"repeal itself (废止)"
        ],
    )


def test_relations_that_form_a_cycle(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-2.md", "amends:\n  - 石大政办发〔2021〕1号\n")
    add_fields(content / "2021/01/doc-1.md", "corrects:\n  - 石大政办发〔2020〕30号\n")
    add_fields(content / "2020/12/doc-1.md", "repeals:\n  - 石大政办发〔2021〕3号\n")
    cycle = (
        "石大政办发〔2020〕30号 → 石大政办发〔2021〕3号 → 石大政办发〔2021〕1号 → "
        "石大政办发〔2020〕30号"
    )
    why = "a document cannot be repealed, amended, interpreted or corrected by one it names"
    assert check(content, capsys) == (
        1,
        [
            f"{OLD}:10: repeals: the relations form a cycle ({cycle}); {why}",
            f"{DOC}:10: corrects: the relations form a cycle ({cycle}); {why}",
            f"{DOC2}:10: amends: the relations form a cycle ({cycle}); {why}",
        ],
    )


def test_status_not_in_the_list(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_fields(content / "2021/01/doc-1.md", "status: 有效\n")
    assert check(content, capsys) == (
        1,
        [f"{DOC}:10: status: '有效' is not one of 现行有效, 已修改, 已废止, 已失效"],
    )


def test_relation_entries_must_be_document_numbers(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_fields(
        content / "2021/01/doc-1.md",
        "repeals:\n  - 停车管理办法\n  - 石大政办发[2020]30号\n  - 7\n"
        "amends: 石大政办发〔2020〕30号\n",
    )
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: repeals: '停车管理办法' is not a document number; expected "
            f"code〔year〕serial号, "
            "e.g. 石大政办发〔2021〕4号",
            f"{DOC}:12: repeals: write '石大政办发[2020]30号' as '石大政办发〔2020〕30号' (〔〕 "
            f"brackets, no spaces"
            f", ending in 号)",
            f"{DOC}:13: repeals: every entry must be a document number, e.g. - 石大政发〔2021〕1号;"
            f" found "
            f"a number '7'",
            f"{DOC}:14: amends: expected a list of document numbers, e.g.",
            "  amends:",
            "    - 石大政发〔2021〕1号",
            "found text '石大政办发〔2020〕30号'",
        ],
    )


# -- withdrawal ------------------------------------------------------------------------------------


def test_withdrawn_document_passes_and_keeps_its_order(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_fields(
        content / "2021/01/doc-1.md",
        "withdrawn:\n  date: 2021-02-01\n  reason: 内容有误，予以撤回。\n",
    )
    assert check(content, capsys) == (0, [])


def test_withdrawal_needs_a_date_and_a_reason(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_fields(content / "2021/01/doc-1.md", "withdrawn:\n  date: 2021-01-01\n  reasn: 有误\n")
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: date: 2021-01-01 is before date: 2021-01-05 (成文日期); a document is "
            f"withdrawn"
            f" after it is signed",
            f"{DOC}:11: missing required field 'reason' in withdrawn (e.g. reason: 该文件已被撤回，"
            f"停止执行)",
            f"{DOC}:12: unknown field 'reasn' in withdrawn (did you mean 'reason'?); known fields: "
            f"date, reason",
        ],
    )


# -- print edition and attachments -----------------------------------------------------------------

ISSUE = "content/2021/01/issue.yml"


def test_print_edition_whose_pages_hold_every_document(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # doc-1 starts on printed page 1, doc-2 on 4, the chronicle on 7: PDF pages 3, 6 and 9.
    (content / "2021/01/issue.pdf").write_bytes(minimal_pdf(9))
    edit(
        content / "2021/01/issue.yml",
        "date: 2021-01-29\n",
        "date: 2021-01-29\npdf_page_offset: 2\n",
    )
    assert check(content, capsys) == (0, [])


def test_document_page_beyond_the_print_edition(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "2021/01/issue.pdf").write_bytes(minimal_pdf(8))
    edit(
        content / "2021/01/issue.yml",
        "date: 2021-01-29\n",
        "date: 2021-01-29\npdf_page_offset: 2\n",
    )
    assert check(content, capsys) == (
        1,
        [
            "content/2021/01/chronicle.yml:4: page: 7 is page 9 of issue.pdf (pdf_page_offset 2), "
            "which has 8 pages; "
            "check page and pdf_page_offset"
        ],
    )


def test_print_edition_that_is_not_a_pdf(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "2021/01/issue.pdf").write_bytes(b"<html>not a pdf</html>")
    assert check(content, capsys) == (
        1,
        [
            "content/2021/01/issue.pdf:1: not a PDF file (it does not start with %PDF-); export the"
            " print edition as PDF"
        ],
    )


def test_print_edition_that_does_not_parse(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "2021/01/issue.pdf").write_bytes(b"%PDF-1.4\nbroken")
    code, lines = check(content, capsys)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(
        "content/2021/01/issue.pdf:1: the PDF cannot be read ("
    )


def test_page_offset_without_a_pdf_is_a_warning(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/issue.yml",
        "date: 2021-01-29\n",
        "date: 2021-01-29\npdf_page_offset: 2\n",
    )
    assert check(content, capsys) == (
        0,
        [f"{ISSUE}:5: warning: pdf_page_offset is set but the issue folder has no issue.pdf"],
    )


def test_other_files_in_an_issue_folder_are_still_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "2021/01/notes.docx").write_bytes(b"PK\x03\x04")
    assert check(content, capsys) == (
        1,
        [
            "content/2021/01/notes.docx:1: unexpected file in issue folder content/2021/01/: "
            "expected issue.yml, "
            "chronicle.yml, *.md, issue.pdf, files/"
        ],
    )


def attach(content: Path, name: str, data: bytes | None, title: str = "附件1：项目表") -> None:
    if data is not None:
        (content / "2021/01/files").mkdir(exist_ok=True)
        (content / "2021/01/files" / name).write_bytes(data)
    add_fields(
        content / "2021/01/doc-1.md", f"attachments:\n  - file: {name}\n    title: {title}\n"
    )


def test_attachments_of_allowed_types_pass(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = content / "2021/01/files"
    files.mkdir()
    (files / "fujian-1.xlsx").write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook/>"}))
    (files / "fujian-2.pdf").write_bytes(minimal_pdf(1))
    (files / "fujian-3.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    add_fields(
        content / "2021/01/doc-1.md",
        "attachments:\n"
        + "".join(
            f"  - file: {name}\n    title: 附件{index}\n"
            for index, name in enumerate(["fujian-1.xlsx", "fujian-2.pdf", "fujian-3.png"], 1)
        ),
    )
    assert check(content, capsys) == (0, [])


def test_attachment_missing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attach(content, "fujian-1.xlsx", None)
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: attachments: files/fujian-1.xlsx does not exist in the issue folder; put "
            f"the file there"
        ],
    )


def test_attachment_of_another_type(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attach(content, "setup.exe", b"MZ")
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: attachments: 'setup.exe' is a .exe file; allowed types: pdf, ofd, doc, docx"
            f", xls, xlsx, zip, "
            "jpg, png"
        ],
    )


def test_attachment_whose_content_is_not_its_type(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attach(content, "fujian-1.pdf", b"MZ not a pdf")
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: attachments: files/fujian-1.pdf is not a .pdf file (its content does not "
            f"match the extension)"
        ],
    )


def test_attachment_over_the_size_limit(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.content.printed.ATTACHMENT_LIMIT", 100)
    attach(content, "fujian-1.zip", zip_bytes({"a.txt": bytes(200)}))
    size = len(zip_bytes({"a.txt": bytes(200)}))
    assert check(content, capsys) == (
        1,
        [f"{DOC}:11: attachments: files/fujian-1.zip is {size:,} bytes, over the limit of 100"],
    )


def test_attachment_name_that_cannot_be_a_url(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attach(content, "附件 1.xlsx", None)
    assert check(content, capsys) == (
        1,
        [
            f"{DOC}:11: attachments: file '附件 1.xlsx' must be a lowercase ASCII name with an "
            f"extension, "
            f"e.g. "
            "file: fujian-1.xlsx (it becomes part of a URL)"
        ],
    )


def test_attachment_title_is_plain_text(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attach(content, "fujian-1.xlsx", zip_bytes({"a": b""}), title="附件<b>1</b>")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:12: title: plain text only, found '<' in '附件<b>1</b>'; markup is not allowed "
        f"outside "
        "bodies (write 《》 for titles of documents)"
    ]


def test_file_no_document_lists_is_a_warning(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attach(content, "fujian-1.xlsx", zip_bytes({"a": b""}))
    (content / "2021/01/files/fujian-2.pdf").write_bytes(minimal_pdf(1))
    assert check(content, capsys) == (
        0,
        [
            "content/2021/01/files/fujian-2.pdf:1: warning: no document lists this file under "
            "attachments:, so it is not "
            "published"
        ],
    )
