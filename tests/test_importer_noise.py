"""The importer on the real issue with the noise other months' OCR brings: page numbers and
running heads between pages, odd spaces, a TOC without leaders; and the input it must
refuse with the file, the line and the value: a shared 文号, a control character, an output
path it cannot write."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.errors import ImportFailed
from generator.importer import ImportResult, import_issue
from tests.conftest import REAL_SOURCE

REAL = REAL_SOURCE.read_text(encoding="utf-8")
LINES = REAL.split("\n")
# the first document's title: page furniture goes in after the table of contents
BODY_START = LINES.index(
    "中共大武口区委员会关于印发 《中共大武口区委2021年工作要点 及任务分工》的通知"
)


@pytest.fixture(scope="module")
def clean() -> ImportResult:
    return import_issue(REAL.encode("utf-8"), "issue.txt")


def published(result: ImportResult) -> dict[str, str]:
    return {
        name: text
        for name, text in result.files.items()
        if name.endswith((".md", ".yml")) and not name.startswith("_")
    }


def with_page_furniture(every: int, furniture: list[str]) -> str:
    """The real issue with a page break every ``every`` lines of the body: blank lines around
    ``furniture`` ({n} is the page number)."""
    out = []
    for index, line in enumerate(LINES):
        out.append(line)
        if index > BODY_START and index % every == 0:
            out += ["", *(f.format(n=index // every) for f in furniture), ""]
    return "\n".join(out)


@pytest.mark.parametrize(
    ("every", "furniture"),
    [
        (40, ["— {n} —", "", "大武口区人民政府公报"]),
        (37, ["-{n}-"]),
        (53, ["大武口区人民政府公报 2021年第02期"]),
        (29, ["－ {n} －", "大武口区人民政府公报（总第23期）"]),
        (31, ["第 {n} 页"]),
    ],
)
def test_page_numbers_and_running_heads_leave_the_documents_as_without_them(
    clean: ImportResult, every: int, furniture: list[str]
) -> None:
    text = with_page_furniture(every, furniture)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert published(result) == published(clean)
    notes = [n for n in result.notes if "page number or running head" in n.message]
    dropped = sum(int(n.message.split("left out ")[1].split(" ")[0]) for n in notes)
    breaks = sum(1 for index in range(BODY_START + 1, len(LINES)) if index % every == 0)
    assert dropped == breaks * sum(1 for f in furniture if f)


def test_a_document_may_still_mention_the_gazette_and_a_page() -> None:
    """Only a line that holds nothing but page furniture goes."""
    sentence = "请于2021年3月前报送，刊登于大武口区人民政府公报第12页。"
    anchor = "区直各党委（党组）、党工委、总支、支部、各部门、驻地各单位："
    assert anchor in REAL
    text = REAL.replace(anchor, anchor + "\n\n" + sentence, 1)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert sentence in result.files["sddf-2021-18.md"]


def test_odd_spaces_and_invisible_marks_read_as_plain_text(clean: ImportResult) -> None:
    text = (
        REAL.replace(" ", "\u00a0")
        .replace("区直各党委", "区直\u200b各党委")
        .replace("工作要点", "工作\u00ad要点")
    )
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert published(result) == published(clean)


@pytest.mark.parametrize("separator", [" ", "", "\u3000"])
def test_toc_page_number_after_the_number_without_leaders(
    clean: ImportResult, separator: str
) -> None:
    toc_line = "石大党办发〔2021〕2号.....15"
    assert toc_line in REAL
    text = REAL.replace(toc_line, f"石大党办发〔2021〕2号{separator}15", 1)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert published(result) == published(clean)


def test_two_entries_with_one_number_are_refused_with_both_lines() -> None:
    text = REAL.replace("石大政办发〔2021〕6号", "石大政办发〔2021〕5号")
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    first = next(i for i, line in enumerate(LINES, 1) if line.lstrip("- ").startswith("9、"))
    second = next(i for i, line in enumerate(LINES, 1) if line.lstrip("- ").startswith("10、"))
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:{second}: TOC entry 10 has the 文号 石大政办发〔2021〕5号 of entry 9 "
        f"(line {first}); two documents cannot share one: check both against the printed issue"
    ]


def test_a_control_character_is_refused_with_line_column_and_code_point() -> None:
    anchor = "区直各党委（党组）"
    line = next(i for i, text in enumerate(LINES, 1) if anchor in text)
    text = REAL.replace(anchor, "区直各党委\x00（党组）", 1)
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    (problem,) = failed.value.problems
    column = LINES[line - 1].index(anchor) + len("区直各党委") + 1
    assert (problem.line, problem.message) == (
        line,
        f"control character U+0000 at column {column} in '区直各党委\\x00（党组）、党工委、"
        "总支、支部、各部门、驻地各单位：': the file is damaged; export the OCR text again or "
        "delete the character",
    )


def test_an_output_path_that_is_a_file_is_refused_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "content"
    out.write_text("not a folder")
    code = main(["import", str(REAL_SOURCE), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"{out}/2021/02:1: cannot write {out}/2021/02: {out}/2021: Not a directory",
        "1 problem(s); nothing was changed.",
    ]
    assert out.read_text() == "not a folder"


def test_an_empty_output_path_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(REAL_SOURCE), "--out", ""])
    assert exit_.value.code == 2
    assert "argument --out: an empty path; name a file or folder" in capsys.readouterr().err


def test_the_issue_folder_gets_the_editors_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        assert main(["import", str(REAL_SOURCE), "--out", str(tmp_path / "content")]) == 0
    finally:
        os.umask(mask)
    folder = tmp_path / "content" / "2021" / "02"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "issue.yml").stat().st_mode) == 0o644


def test_a_tab_in_a_chronicle_line_is_a_space(clean: ImportResult) -> None:
    event = "召开市政府第 78 次常务会议"
    assert event in REAL
    text = REAL.replace(event, "召开市政府第\t78\t次常务会议", 1)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert result.files["chronicle.yml"] == clean.files["chronicle.yml"]


def test_a_document_the_toc_does_not_list_is_named_for_the_editor() -> None:
    entry = (
        "- 9、区人民政府办公室关于调整大武口区人民政府法律顾问团组成\n人员的通知\n"
        "石大政办发〔2021〕5号……………68\n\n"
    )
    assert entry in REAL
    text = REAL.replace(entry, "")
    for order in (10, 11, 12, 13):
        text = text.replace(f"- {order}、", f"- {order - 1}、", 1)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert "sdzbf-2021-5.md" not in result.files
    body_line = text.split("\n").index("石大政办发〔2021〕5 号") + 1
    assert [(n.line, n.kind, n.message) for n in result.notes if "stands on" in n.message] == [
        (
            body_line,
            "toc",
            "石大政办发〔2021〕5号 stands on a line of its own inside the document of TOC entry 8 "
            "and was kept as part of sdzbf-2021-4.md: if it is a document the TOC does not list "
            "(not one this document encloses), add it to the TOC and import again",
        )
    ]
    assert "Needs your judgement" in result.review.split("stands on")[0]


def test_the_real_issue_has_no_number_inside_another_document(clean: ImportResult) -> None:
    assert [n for n in clean.notes if "stands on" in n.message] == []


@pytest.mark.parametrize(("opening", "closing"), [("〖", "〗"), ("[", "]"), ("［", "］")])
def test_section_headings_in_other_brackets(
    clean: ImportResult, opening: str, closing: str
) -> None:
    text = REAL.replace("【", opening).replace("】", closing)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    assert published(result) == published(clean)


def test_a_heading_that_is_not_read_as_one_is_named_in_the_error() -> None:
    text = REAL.replace("【大武口区委文件】", "《大武口区委文件》", 1)
    heading = LINES.index("【大武口区委文件】") + 1
    entry = next(i for i, line in enumerate(LINES, 1) if line.startswith("1、"))
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:{entry}: TOC entry '1、中共大武口区委员会关于印发《中共大武口区委2021年"
        "工作要点及任务分工》的通知' comes before any section heading such as "
        f"【大武口区委文件】; line {heading}, '《大武口区委文件》', was not read as one"
    ]


COVER_END = LINES.index("目录")


@pytest.mark.parametrize(
    ("old", "new", "lacks"),
    [
        ("(总第23期)", "", "its total number (a line such as (总第23期))"),
        (
            "2021年第02期",
            "2021年第O2期",
            "the issue's year and number (a line such as 2021年第02期)",
        ),
        ("2021年03月31日", "", "its date after the number (a line such as 2021年03月31日)"),
    ],
)
def test_a_cover_without_its_facts_names_only_what_is_missing(
    old: str, new: str, lacks: str
) -> None:
    text = REAL.replace(old, new, 1)
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:{COVER_END}: the cover before 目录 lacks {lacks}"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "2021年第02期",
            "2021年第00期",
            "issue number 0 in '2021年第00期': an issue's number counts from 1 within its year",
        ),
        (
            "(总第23期)",
            "(总第0期)",
            "total number 0 in '(总第0期)': the total number counts issues from 1 (总第1期)",
        ),
    ],
)
def test_a_cover_numbered_0_is_refused_at_its_line(old: str, new: str, message: str) -> None:
    line = LINES.index(old) + 1
    with pytest.raises(ImportFailed) as failed:
        import_issue(REAL.replace(old, new, 1).encode("utf-8"), "issue.txt")
    assert [str(p) for p in failed.value.problems] == [f"issue.txt:{line}: {message}"]


def test_a_chronicle_whose_title_and_events_disagree_says_which() -> None:
    text = REAL.replace("2021年2月、3月大事记", "2021年3月大事记", 1).replace(
        "2021 年 2 月 1 日 — 2021 年 3 月 31 日\n", "", 1
    )
    first = (
        text.split("\n").index("2 月 1 日召开自治区十二届人大四次会议。苏焕喜区长参加会议；") + 1
    )
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:{first}: the first chronicle paragraph: the date it prints is outside "
        "the chronicle's range (its printed range, or the months of its TOC title): check the "
        "range against the printed issue"
    ]


def test_toc_pages_going_back_are_refused_at_the_entry() -> None:
    text = REAL.replace("石大政办发〔2021〕5号……………68", "石大政办发〔2021〕5号……………6", 1)
    entry = next(i for i, line in enumerate(LINES, 1) if line.lstrip("- ").startswith("9、"))
    with pytest.raises(ImportFailed) as failed:
        import_issue(text.encode("utf-8"), "issue.txt")
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:{entry}: TOC entry 9 starts on page 6, before entry 8 (page 57): check the "
        "page numbers against the printed issue"
    ]


def test_a_file_too_long_for_one_issue_is_refused_before_it_is_read() -> None:
    data = REAL.encode("utf-8") + b"\n" + "很长的一行".encode() * 300_000
    with pytest.raises(ImportFailed) as failed:
        import_issue(data, "issue.txt")
    assert [str(p) for p in failed.value.problems] == [
        f"issue.txt:1: file is {len(data):,} bytes, over the limit of 4,000,000 for one issue's "
        "text; export one issue at a time"
    ]


NUMBERED_HEADING = re.compile(
    r"^#+ ((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）))"
)


def numbered_headings(result: ImportResult) -> dict[str, list[str]]:
    return {
        name: [
            line.lstrip("#").strip() for line in text.split("\n") if NUMBERED_HEADING.match(line)
        ]
        for name, text in published(result).items()
        if name.endswith(".md")
    }


def test_an_export_without_blank_lines_keeps_the_numbered_headings(clean: ImportResult) -> None:
    """Some exports put every paragraph on one line with no blank line between: a heading
    such as 一、指导思想 must not run into the paragraph under it."""
    text = re.sub(r"\n\s*\n+", "\n", REAL)
    result = import_issue(text.encode("utf-8"), "issue.txt")
    expected = numbered_headings(clean)
    assert sum(len(h) for h in expected.values()) == 108
    assert numbered_headings(result) == expected


def test_output_piped_into_a_command_that_stops_reading_ends_without_a_traceback(
    tmp_path: Path,
) -> None:
    """``… | head`` closes the pipe early; ``true`` closes it before the import has printed."""
    root = Path(__file__).parent.parent
    command = f"{sys.executable} -m generator import {REAL_SOURCE} --out {tmp_path / 'c'} | true"
    done = subprocess.run(
        command, shell=True, cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stderr == ""
    assert (tmp_path / "c" / "2021" / "02" / "sdzbf-2021-5.md").exists()
