"""`check` as a hostile or careless editor meets it: markup in plain-text fields, pages
claimed twice, empty issues, dates from the future, images, dead links, symlinks, a BOM,
oversized files. Each case asserts the exact path:line and message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.content.files import SIZE_LIMIT, SIZE_WARNING
from generator.content.slugs import RESERVED_SLUGS
from tests.contentkit import valid_content, write_issue
from tests.test_check import DOC, ISSUE, check, edit

PAYLOAD = "<script>alert(1)</script>"
PLAIN = (
    "plain text only, found '<' in {shown!r}; markup is not allowed outside bodies "
    "(write 《》 for titles of documents)"
)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return valid_content(tmp_path)


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "field", "shown"),
    [
        (
            "2021/01/doc-1.md",
            "title: 区人民政府",
            f"title: 关于{PAYLOAD}区人民政府",
            2,
            "title",
            "关于<script>alert(1)</script>区人民政府办公室关于做好安全工作的通知",
        ),
        (
            "2021/01/doc-1.md",
            "  - 大武口区人民政府办公室\n",
            f"  - 区政府{PAYLOAD}\n",
            5,
            "organs",
            "区政府<script>alert(1)</script>",
        ),
        (
            "2021/01/chronicle.yml",
            "text: 召开区委常委会",
            f"text: 召开{PAYLOAD}区委常委会",
            9,
            "text",
            "召开<script>alert(1)</script>区委常委会，班子成员参加会议。",
        ),
        (
            "2021/01/chronicle.yml",
            "title: 大武口区",
            "title: 大武口区<b>",
            1,
            "title",
            "大武口区<b>人民政府2021年1月大事记",
        ),
    ],
)
def test_markup_in_a_plain_text_field_is_refused(
    content: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    line: int,
    field: str,
    shown: str,
) -> None:
    edit(content / file, old, new)
    code, lines = check(content, capsys)
    assert code == 1
    assert lines[0] == f"content/{file}:{line}: {field}: " + PLAIN.format(shown=shown)


def test_markup_in_sections_and_masthead_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content / "2021/01/issue.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + f"masthead:\n  editor_in_chief: 王生法{PAYLOAD}\n"
        "  website: javascript:alert(1)\n  email: dwk<at>163.com\n",
        encoding="utf-8",
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{ISSUE}:9: editor_in_chief: " + PLAIN.format(shown=f"王生法{PAYLOAD}"),
        f"{ISSUE}:10: website: 'javascript:alert(1)' is not a web address; write it with http:// or"
        f" https://, "
        "e.g. website: http://www.dawukou.gov.cn",
        f"{ISSUE}:11: email: " + PLAIN.format(shown="dwk<at>163.com"),
    ]


def test_control_characters_are_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "title: 区人民政府", 'title: "区人民政府\\u202e')
    edit(content / "2021/01/doc-1.md", "的通知\n", '的通知"\n')
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{DOC}:2: title: control character U+202E in '区人民政府\\u202e办公室关于做好安全工作的通"
        f"知'; "
        "retype the text without it"
    ]


# -- one URL, one source ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_reserved_slug_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str], slug: str
) -> None:
    edit(content / "2021/01/doc-1.md", "doc_number: 石大政办发〔2021〕1号\n", f'slug: "{slug}"\n')
    code, lines = check(content, capsys)
    assert code == 1
    owner = {"index": f" ({ISSUE})", "chronicle": " (content/2021/01/chronicle.yml)"}.get(slug, "")
    assert lines == [
        f"{DOC}:3: slug: {slug!r} is reserved for {RESERVED_SLUGS[slug]}{owner}; choose another "
        f"slug"
    ]


def test_two_documents_with_one_url(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "doc_number: 石大政办发〔2021〕1号\n",
        "slug: guizhang-2021-1\n",
    )
    edit(
        content / "2021/01/doc-2.md",
        "doc_number: 石大政办发〔2021〕3号\n",
        "slug: guizhang-2021-1\n",
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        "content/2021/01/doc-2.md:3: URL 2021/01/guizhang-2021-1/ is also used by "
        f"{DOC}; set a different slug"
    ]


# -- empty states ----------------------------------------------------------------------------------


def test_an_issue_without_documents_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_issue(tmp_path / "content", 2021, 3, 24, "2021-03-31", [], chronicle=False)
    assert main(["check", "--content", "content"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "content/2021/03/issue.yml:1: warning: the issue has no documents and no chronicle "
        "yet; its page says 本期文件整理中 until they are added\n"
    )
    assert captured.out == "content: OK — 1 issue, 0 documents, 0 chronicle events\n"


def test_new_issue_scaffold_checks_once_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-issue", "--year", "2021", "--number", "3", "--content", "content"]) == 0
    code, lines = check(tmp_path / "content", capsys)
    assert (code, lines) == (
        1,
        ["content/2021/03/issue.yml:6: total_number: 0 is too small; expected 1 or more"],
    )
    edit(tmp_path / "content/2021/03/issue.yml", "total_number: 0", "total_number: 24")
    assert main(["check", "--content", "content"]) == 0


# -- dates -----------------------------------------------------------------------------------------


def test_issue_dated_in_the_future(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/issue.yml", "date: 2021-01-29", "date: 2099-01-29")
    edit(content / "2021/01/doc-1.md", "date: 2021-01-05", "date: 2021-01-05")
    code = main(["check", "--content", str(content), "--today", "2026-11-30"])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert (
        lines[0]
        == f"{ISSUE}:4: date: 2099-01-29 is in the future (today is 2026-11-30); an issue is dated "
        "when it is printed"
    )


def test_issue_dates_run_against_their_order(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content / "2021/01/issue.yml", "date: 2021-01-29", "date: 2020-12-29")
    for name in ("doc-1.md", "doc-2.md"):
        edit(content / "2021/01" / name, "date: 2021-01-", "date: 2020-12-")
    edit(content / "2021/01/chronicle.yml", "start: 2021-01-01", "start: 2020-12-01")
    edit(content / "2021/01/chronicle.yml", "date: 2021-01-01", "date: 2020-12-01")
    edit(content / "2021/01/chronicle.yml", "end: 2021-01-29", "end: 2020-12-29")
    edit(content / "2021/01/chronicle.yml", "date: 2021-01-29", "date: 2020-12-29")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"{ISSUE}:4: date: 2020-12-29 of 2021年第1期 (总第22期) is before 2020-12-30 of the earlier"
        f" "
        "2020年第12期 (总第21期); dates grow from issue to issue"
    ]


# -- bodies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "见下图。\n\n![示意图](map.png)",
            17,
            "image '![示意图](map.png)': bodies have no images; describe the printed image in a "
            "paragraph "
            "marked "
            "{: .gz-missing }",
        ),
        (
            "详见[说明][1]。\n\n[1]: javascript:alert(1)",
            17,
            "a javascript: link is not allowed in a body",
        ),
        (
            "详见[附件](missing.md)。",
            15,
            "link to 'missing.md': does not exist; link a web address (https://…), or write the "
            "document number, "
            "which is linked to its page automatically",
        ),
        (
            "详见[另一件](doc-2.md)。",
            15,
            "link to 'doc-2.md': is a file in content/, which is not published; link a web address "
            "(https://…), or "
            "write the document number, which is linked to its page automatically",
        ),
    ],
)
def test_body_images_and_links(
    content: Path, capsys: pytest.CaptureFixture[str], body: str, line: int, message: str
) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", body)
    code, lines = check(content, capsys)
    assert (code, lines) == (1, [f"{DOC}:{line}: {message}"])


def test_web_and_anchor_links_pass(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "请遵照执行。",
        "见[网站](https://www.dwk.gov.cn)和[邮箱](mailto:a@b.cn)。",
    )
    assert main(["check", "--content", str(content)]) == 0


# -- files -----------------------------------------------------------------------------------------


def test_symlinked_file_and_folder_are_refused(
    content: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.md"
    (content / "2021/01/doc-2.md").rename(outside)
    os.symlink(outside, content / "2021/01/doc-2.md")
    os.symlink(content / "2020", content / "2019")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        f"content/2019:1: symbolic link to {content / '2020'}: folders must be real folders inside "
        f"the content "
        "folder",
        f"content/2021/01/doc-2.md:1: symbolic link to {outside}: content files must be real files "
        f"inside the "
        "content folder; copy the file here",
    ]


def test_byte_order_mark_is_accepted(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("doc-1.md", "issue.yml"):
        path = content / "2021/01" / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["check", "--content", str(content)]) == 0


def test_paths_are_shown_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = valid_content(tmp_path / "srv")
    monkeypatch.chdir(tmp_path / "srv")
    edit(content / "2021/01/doc-1.md", "page: 1", "page: one")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, lines = check(content, capsys)
    assert lines == [
        f"{content}/2021/01/doc-1.md:8: page: expected a whole number, e.g. page: 57; found text "
        f"'one'"
    ]


def test_large_document_warns_and_huge_one_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paragraph = "各街道办事处要按照要求认真落实各项工作任务。\n\n"
    edit(
        content / "2021/01/doc-1.md",
        "请遵照执行。",
        paragraph * (SIZE_WARNING // len(paragraph.encode()) + 1),
    )
    assert main(["check", "--content", str(content)]) == 0
    size = (content / "2021/01/doc-1.md").stat().st_size
    assert capsys.readouterr().err == (
        f"{DOC}:1: warning: file is {size:,} bytes (over {SIZE_WARNING:,}); check "
        "that it holds one document, or split it\n"
    )
    edit(
        content / "2021/01/doc-2.md",
        "请遵照执行。",
        paragraph * (SIZE_LIMIT // len(paragraph.encode()) + 1),
    )
    code, lines = check(content, capsys)
    size2 = (content / "2021/01/doc-2.md").stat().st_size
    assert code == 1
    assert (
        f"content/2021/01/doc-2.md:1: file is {size2:,} bytes, over the limit of {SIZE_LIMIT:,}; "
        f"split it "
        "or check that it holds one document" in lines
    )


# -- personal data ---------------------------------------------------------------------------------


def test_personal_data_in_any_spelling_and_place_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/doc-1.md",
        "title: 区人民政府办公室关于",
        "title: 区人民政府办公室关于联系18152378870",
    )
    edit(
        content / "2021/01/doc-1.md",
        "请遵照执行。",
        "联系人：139 1234 5678、１３９１２３４５６７８；住文鹏小区37-3-2。",
    )
    edit(
        content / "2021/01/chronicle.yml",
        "班子成员参加会议。",
        "班子成员参加会议，联系人139-1234-5678。",
    )
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [
        "content/2021/01/chronicle.yml:9: unmasked mobile number 139…: write it as 139-****-5678",
        f"{DOC}:2: unmasked mobile number 181…: write it as 181****8870",
        f"{DOC}:15: unmasked home address 37-…: write it as **-*-*",
        f"{DOC}:15: unmasked mobile number 139…: write it as 139 **** 5678",
        f"{DOC}:15: unmasked mobile number １３９…: write it as １３９****５６７８",
    ]


def test_halfwidth_punctuation_in_chinese_text_is_a_warning(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/doc-1.md", "请遵照执行。", "各部门(单位)要加强协调,确保实效；共1,000人。"
    )
    assert main(["check", "--content", str(content)]) == 0
    assert capsys.readouterr().err == (
        f"{DOC}:15: warning: half-width punctuation in Chinese text: '各部门(单位)要加强协' "
        "reads '各部门（单位）要加强协' with ，；（）\n"
    )


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\u202e", "U+202E")]
)
def test_a_control_character_in_a_body_is_refused_with_line_and_column(
    content: Path, capsys: pytest.CaptureFixture[str], char: str, code: str
) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", f"请遵照{char}执行。")
    assert main(["check", "--content", str(content)]) == 1
    assert capsys.readouterr().err == (
        f"{DOC}:15: control character {code} at column 4 in {'请遵照' + char + '执行。'!r}; "
        "retype the text without it\n1 problem(s); nothing was changed.\n"
    )


def test_a_tab_in_a_body_is_text(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", "请遵照\t执行。")
    assert main(["check", "--content", str(content)]) == 0


MOBILE_137 = "unmasked mobile number 137…: write it as 137****5678"
MOBILE_133 = "unmasked mobile number 133…: write it as 133****5678"
MOBILE_139 = "unmasked mobile number 139…: write it as 139****5678"
ID_CARD = "unmasked ID card number 110…: write it as **************002X"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "2021/01/doc-1.md",
            "  - 大武口区人民政府办公室\n",
            "  - 大武口区人民政府办公室\n  - 张三13712345678\n",
            f"6: {MOBILE_137}",
        ),
        (
            "2021/01/chronicle.yml",
            "title: 大武口区人民政府2021年1月大事记",
            "title: 大事记13312345678",
            f"1: {MOBILE_133}",
        ),
        (
            "2021/01/issue.yml",
            "  - 大武口区人民政府大事记",
            "  - 大事记 11010519491231002X",
            f"7: {ID_CARD}",
        ),
        (
            "2021/01/issue.yml",
            "sections:",
            "masthead:\n  editor_in_chief: 王生法 13912345678\nsections:",
            f"6: {MOBILE_139}",
        ),
        (
            "2021/01/doc-1.md",
            "doc_number: 石大政办发〔2021〕1号",
            "slug: zhangsan-13312345678",
            f"3: {MOBILE_133}",
        ),
    ],
)
def test_personal_data_in_any_plain_text_field_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, expected: str
) -> None:
    """Every plain-text field reaches pages, feeds and indexes, not only titles and bodies."""
    edit(content / file, old, new)
    code, lines = check(content, capsys)
    assert code == 1
    assert [x for x in lines if "unmasked" in x] == [f"content/{file}:{expected}"]


def test_the_mastheads_office_telephone_is_public(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        content / "2021/01/issue.yml",
        "sections:",
        "masthead:\n  phone: 0952-2012345\n  fax: 0952-2012346\nsections:",
    )
    assert check(content, capsys) == (0, [])


LAUGHS = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("year: 2021\n", LAUGHS + "year: 2021\n", "2: anchors and aliases (&name, *name) are not"),
        (
            "sections:\n",
            "sections: &s\n  - *s\n",
            "5: anchors and aliases (&name, *name) are not",
        ),
        ("year: 2021\n", "deep: " + "[" * 3000 + "]" * 3000 + "\nyear: 2021\n", "1: nested more"),
        ("year: 2021\n", "? [a, b]\n: 1\nyear: 2021\n", "1: a key must be a plain name"),
        ("number: 1\n", "number: 0x1\n", "2: number: expected a whole number, e.g. number: 2"),
        ("number: 1\n", "number: 1:30\n", "2: number: expected a whole number, e.g. number: 2"),
        ("number: 1\n", "number: 6_8\n", "2: number: expected a whole number, e.g. number: 2"),
        ("number: 1\n", "number: " + "9" * 5000 + "\n", "2: number: expected a whole number"),
        ("number: 1\n", "number: 100000\n", "2: number: 100000 is too large; expected at most"),
    ],
)
def test_yaml_that_would_expand_or_crash_is_refused_at_its_line(
    content: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    edit(content / "2021/01/issue.yml", old, new)
    code, lines = check(content, capsys)
    assert code == 1
    assert any(line.startswith(f"{ISSUE}:{expected}") for line in lines), lines
    assert not any("Traceback" in line for line in lines)


def test_a_pipe_named_like_a_document_is_refused_not_read(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(content / "2021/01/doc-3.md")
    code, lines = check(content, capsys)
    assert code == 1
    assert "content/2021/01/doc-3.md:1: not a regular file (a pipe, device or socket)" in lines


@pytest.mark.parametrize("file", ["issue.yml", "chronicle.yml"])
def test_an_empty_yaml_file_is_refused_not_skipped(
    content: Path, capsys: pytest.CaptureFixture[str], file: str
) -> None:
    (content / "2021/01" / file).write_text("# to be filled in\n", encoding="utf-8")
    code, lines = check(content, capsys)
    assert code == 1
    assert f"content/2021/01/{file}:1: {file} is empty (or only comments): fill in its fields" in (
        lines
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("order: 1\n", "order: 1\npublished: 9999-12-31\n", "published: 9999-12-31"),
        (
            "order: 1\n",
            "order: 1\nwithdrawn:\n  date: 2099-01-01\n  reason: 已被新文件代替。\n",
            "withdrawn: 2099-01-01",
        ),
    ],
)
def test_a_publication_or_withdrawal_in_the_future_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    edit(content / "2021/01/doc-1.md", old, new)
    assert main(["check", "--content", str(content), "--today", "2026-11-30"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{DOC}:10: {field} is in the future (today is 2026-11-30); write the day it happened"
    )


def test_a_body_of_invisible_characters_is_empty(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content / "2021/01/doc-1.md"
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(head + "\n---\n\u200b\u3000\u00a0\n\u200d\n", encoding="utf-8")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:11: empty body: the document's text goes after the front matter"]


def test_windows_line_endings_read_as_line_breaks(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (content / "2021/01").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert check(content, capsys) == (0, [])


def test_a_raw_table_left_open_is_refused_at_its_line(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content / "2021/01/doc-1.md", "请遵照执行。", "<table><tr><td>未闭合\n\n请遵照执行。")
    code, lines = check(content, capsys)
    assert code == 1
    assert lines == [f"{DOC}:15: <table> is never closed: end it with </table>"]
