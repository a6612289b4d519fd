"""`python -m generator check`: one broken fixture per rule, asserting the exit code, the
path:line and the wording of the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import main
from tests.conftest import CONTENT
from tests.contentkit import valid_content, write_issue

DOC = "content/2021/01/doc-1.md"
ISSUE = "content/2021/01/issue.yml"
CHRONICLE = "content/2021/01/chronicle.yml"


def check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--content", str(content)])
    captured = capsys.readouterr()
    lines = [
        line for line in captured.err.splitlines() if not line.endswith("nothing was changed.")
    ]
    return code, lines


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return valid_content(tmp_path)


def test_valid_content_passes(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content)]) == 0
    assert "OK — 2 issues, 3 documents, 4 chronicle events" in capsys.readouterr().out


def test_the_real_issue_passes_and_counts_read_as_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--content", str(CONTENT)]) == 0
    assert capsys.readouterr().out.endswith("OK — 1 issue, 12 documents, 82 chronicle events\n")


def test_every_problem_is_reported_at_once(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content / "2021/01/doc-1.md", "page: 1", "page: first")
    edit(content / "2021/01/doc-2.md", "date: 2021-01-20", "date: 2021-01-32")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:8: page: expected a whole number, e.g. page: 57; found text 'first'",
        "content/2021/01/doc-2.md:6: date: 2021-01-32 is not a real date (no such day in the "
        "calendar)",
    ]


# -- files and syntax -----------------------------------------------------------------------


def test_yaml_that_does_not_parse(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/issue.yml", "sections:\n", "sections: [unclosed\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{ISSUE}:5: YAML does not parse: expected ',' or ']', but got '<stream end>' "
        "(noticed on line 8)"
    ]


def test_front_matter_missing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "2021/01/doc-1.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:1: front matter missing: the file must start with a line --- followed by the fields"
    ]


def test_front_matter_not_closed(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "2021/01/doc-1.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("order: 1\n---\n", "order: 1\n"), encoding="utf-8"
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:1: front matter not closed: add a line --- after the last field"]


def test_file_not_utf8(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "2021/01/doc-1.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    code, lines = check(content, capsys)
    assert code == 1
    assert lines[0].startswith(
        f"{DOC}:2: not UTF-8: byte 0xc7 at offset 11; save the file as UTF-8"
    )


def test_empty_body(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "2021/01/doc-1.md"
    path.write_text(
        path.read_text(encoding="utf-8").split("---\n\n")[0] + "---\n\n  \n", encoding="utf-8"
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:11: empty body: the document's text goes after the front matter"]


# -- fields ------------------------------------------------------------------------------------


def test_missing_required_field(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "section: 大武口区人民政府办公室文件\n", "")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:2: missing required field 'section' in the front matter "
        "(e.g. section: 大武口区人民政府办公室文件)"
    ]


def test_unknown_field_with_suggestion(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "doc_number:", "doc_numer:")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines[0] == (
        f"{DOC}:3: unknown field 'doc_numer' in the front matter (did you mean 'doc_number'?); "
        "known fields: title, doc_number, organs, date, published, section, page, order, slug, "
        "status, repeals, amends, interprets, corrects, withdrawn, attachments"
    )


def test_wrong_type(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "organs:\n  - 大武口区人民政府办公室\n",
        "organs: 大武口区人民政府办公室\n",
    )
    edit(content / "2021/01/issue.yml", "total_number: 22", 'total_number: "22"')
    code, lines = check(content, capsys)
    assert code == 1
    assert f"{DOC}:4: organs: expected a list with at least one entry, e.g." in "\n".join(lines)
    assert (
        f"{ISSUE}:3: total_number: expected a whole number, e.g. total_number: 23; found text '22'"
        in lines
    )


# -- dates --------------------------------------------------------------------------------------


def test_date_that_does_not_exist(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05", "date: 2021-02-30")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:6: date: 2021-02-30 is not a real date (no such day in the calendar)"]


def test_date_not_iso(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05", "date: 2021/1/5")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:6: date: '2021/1/5' is not a date in YYYY-MM-DD form, e.g. 2021-03-09"]


def test_document_dated_after_its_issue(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05", "date: 2021-02-05")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:6: date: 2021-02-05 is after the issue's date 2021-01-29; "
        "a document is dated before it is published"
    ]


def test_chronicle_event_outside_its_range(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content / "2021/01/chronicle.yml", "  - date: 2021-01-29", "  - date: 2021-02-03")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{CHRONICLE}:10: event date 2021-02-03 is outside the chronicle's start–end "
        "(2021-01-01 – 2021-01-29)"
    ]


def test_chronicle_events_out_of_order(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/chronicle.yml", "  - date: 2021-01-01", "  - date: 2021-01-20")
    edit(content / "2021/01/chronicle.yml", "  - date: 2021-01-29", "  - date: 2021-01-10")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{CHRONICLE}:10: events out of date order: 2021-01-10 comes after 2021-01-20 "
        "(line 8); events are listed by date as printed"
    ]


# -- issues --------------------------------------------------------------------------------------


def test_folder_disagrees_with_issue_yml(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/issue.yml", "number: 1\n", "number: 2\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{ISSUE}:2: folder 2021/01/ disagrees with year: 2021, number: 2 in issue.yml; "
        "the folder must be 2021/02/"
    ]


def test_two_issues_with_the_same_year_and_number(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_issue(
        content,
        2021,
        2,
        23,
        "2021-02-26",
        [{"doc_number": "石大政办发〔2021〕5号", "date": "2021-02-05"}],
    )
    edit(content / "2021/02/issue.yml", "number: 2\n", "number: 1\n")
    code, lines = check(content, capsys)
    assert code == 1
    assert (
        "content/2021/02/issue.yml:2: year 2021 number 1 is also used by content/2021/01/issue.yml"
        in lines
    )


def test_two_issues_with_the_same_total_number(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_issue(
        content,
        2021,
        2,
        22,
        "2021-02-26",
        [{"doc_number": "石大政办发〔2021〕5号", "date": "2021-02-05"}],
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert (
        "content/2021/02/issue.yml:3: total_number: 22 is also used by content/2021/01/issue.yml"
        in lines
    )


def test_total_numbers_go_backwards(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_issue(
        content,
        2021,
        2,
        20,
        "2021-02-26",
        [{"doc_number": "石大政办发〔2021〕5号", "date": "2021-02-05"}],
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        "content/2021/02/issue.yml:3: total_number: 20 of 2021年第2期 is smaller than 22 of the "
        "earlier 2021年第1期; total numbers only grow"
    ]


# -- document numbers ------------------------------------------------------------------------------


def test_doc_number_that_does_not_parse(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "石大政办发〔2021〕1号", "石大政办发2021-1")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:3: doc_number: '石大政办发2021-1' is not a document number; expected "
        "code〔year〕serial号, e.g. 石大政办发〔2021〕4号"
    ]


def test_doc_number_not_in_normal_form(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "石大政办发〔2021〕1号", "石大政办发[2021] 1号")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:3: doc_number: write '石大政办发[2021] 1号' as '石大政办发〔2021〕1号' "
        "(〔〕 brackets, no spaces, ending in 号)"
    ]


def test_doc_number_year_far_from_date(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "石大政办发〔2021〕1号", "石大政办发〔2018〕1号")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:3: doc_number: year 2018 of 石大政办发〔2018〕1号 is more than a year away "
        "from date: 2021-01-05"
    ]


def test_doc_number_twice_in_the_archive(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2020/12/doc-1.md", "石大政办发〔2020〕30号", "石大政办发〔2021〕1号")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"content/2020/12/doc-1.md:3: doc_number: 石大政办发〔2021〕1号 appears twice in the "
        f"archive "
        f"(also in {DOC})",
        f"{DOC}:3: doc_number: 石大政办发〔2021〕1号 appears twice in the archive (also in content/"
        f"2020/12/"
        f"doc-1.md)",
    ]


# -- table of contents -----------------------------------------------------------------------------


def test_section_not_in_issue_yml(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "section: 大武口区人民政府办公室文件",
        "section: 大武口区委文件",
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:7: section: '大武口区委文件' is not one of the sections listed in issue.yml: "
        "大武口区人民政府办公室文件, 大武口区人民政府大事记"
    ]


def test_duplicate_order(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-2.md", "order: 2", "order: 1")
    code, lines = check(content, capsys)
    assert code == 1
    assert f"{DOC}:9: order: 1 is used twice in the issue (also by doc-2.md)" in lines
    assert (
        "content/2021/01/doc-2.md:9: order: 1 is used twice in the issue (also by doc-1.md)"
        in lines
    )
    assert f"{ISSUE}:5: no TOC entry has order: 2; orders must run 1..3 without gaps" in lines


def test_missing_order(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/chronicle.yml", "order: 3", "order: 4")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{ISSUE}:5: no TOC entry has order: 3; orders must run 1..4 without gaps"]


def test_toc_pages_go_backwards(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-2.md", "page: 4", "page: 1")
    edit(content / "2021/01/doc-1.md", "page: 1", "page: 2")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        "content/2021/01/doc-2.md:8: page: 1 (order 2) goes back before page 2 of order 1 "
        "(doc-1.md); TOC pages must not go backwards"
    ]


# -- raw HTML --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            "<script>alert(1)</script>",
            "raw HTML <script> is not allowed in a body; allowed tags: br, sub, sup, "
            "table, tbody, td, tfoot, th, thead, tr",
        ),
        (
            '<table><tr><td onclick="steal()">1</td></tr></table>',
            "event-handler attribute onclick= on <td> is not allowed",
        ),
        ("[查看](javascript:alert(1))", "a javascript: link is not allowed in a body"),
        (
            '<iframe src="https://example.org"></iframe>',
            "raw HTML <iframe> is not allowed in a body; allowed tags: br, "
            "sub, sup, table, tbody, td, tfoot, th, thead, tr",
        ),
        (
            "<style>body{display:none}</style>",
            "raw HTML <style> is not allowed in a body; allowed tags: br, sub, sup, "
            "table, tbody, td, tfoot, th, thead, tr",
        ),
        (
            '段落\n{: onclick="x()" }',
            "attribute list '{: onclick=\"x()\" }' may only set one of the classes "
            ".gz-addressee, .gz-attachments, .gz-missing, .gz-note, .gz-signature",
        ),
    ],
)
def test_unsafe_html_in_a_body(
    content: Path, capsys: pytest.CaptureFixture[str], html: str, message: str
) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", f"请遵照执行。\n\n{html}")
    code, lines = check(content, capsys)
    assert code == 1
    line = 18 if message.startswith("attribute list") else 17
    assert lines == [f"{DOC}:{line}: {message}"]


def test_allowed_html_passes(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = (
        '<table>\n<tr><th colspan="2">单位</th></tr>\n'
        '<tr><td rowspan="2">1</td><td>H<sub>2</sub>O<br>m<sup>2</sup></td></tr>\n</table>'
    )
    edit(content / "2021/01/doc-1.md", "请遵照执行。", f"请遵照执行。\n\n{table}")
    assert check(content, capsys)[0] == 0


def test_unmasked_mobile_number(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", "请遵照执行。联系人：王海北 18152378870")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:15: unmasked mobile number 181…: write it as 181****8870"]
