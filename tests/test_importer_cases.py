"""The importer on small hand-made OCR texts: one case per kind of noise, one per bad input."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator.__main__ import main
from generator.content.documents import split_front_matter
from generator.errors import ImportFailed
from generator.importer import ImportResult, import_issue

COVER = """大武口区人民政府公报

(月刊)

2022年第01期

(总第30期)

2022年01月28日

目录

【大武口区人民政府办公室文件】

{toc}

主 编：王生法

"""

DOC = """区人民政府办公室关于做好春节期间安全工作的通知

石大政办发〔2022〕3号

各街道办事处：

{body}

大武口区人民政府办公室

2022年1月5日
"""

TOC = "1、区人民政府办公室关于做好春节期间安全工作的通知\n\n石大政办发〔2022〕3号……………1"


def run(body: str, toc: str = TOC, tail: str = "") -> ImportResult:
    text = COVER.format(toc=toc) + DOC.format(body=body) + tail
    return import_issue(text.encode("utf-8"), "issue.txt")


def body_of(result: ImportResult) -> str:
    text = result.files["sdzbf-2022-3.md"]
    split = split_front_matter(text)
    assert not isinstance(split, str)
    return split[1].strip()


def meta_of(result: ImportResult) -> dict:
    split = split_front_matter(result.files["sdzbf-2022-3.md"])
    assert not isinstance(split, str)
    return yaml.safe_load(split[0])


def kinds(result: ImportResult) -> list[str]:
    return [note.kind for note in result.notes]


def test_sentence_split_by_page_break_is_joined() -> None:
    result = run(
        "为做好春节期间各项安全工作，确保人民群众过一个欢乐祥和的节日，现将有关\n\n事项通知如下。"
    )
    assert "现将有关事项通知如下。" in body_of(result)
    assert "page-break" in kinds(result)


def test_character_repeated_at_the_break_is_dropped() -> None:
    result = run("各街道要严格落实安全生产责任制，切实加强节日期间的巡查检\n\n检查，消除各类隐患。")
    assert "节日期间的巡查检查，消除各类隐患。" in body_of(result)
    assert any("repeated across the break" in note.message for note in result.notes)


def test_short_heading_is_not_joined_with_the_next_paragraph() -> None:
    result = run("一、总体要求\n\n坚持安全第一、预防为主。")
    assert body_of(result).split("\n\n")[1:3] == ["## 一、总体要求", "坚持安全第一、预防为主。"]


def test_spaces_inside_numbers_and_dates() -> None:
    text = COVER.format(toc=TOC) + DOC.format(body="全年检查不少于 4 次。").replace(
        "石大政办发〔2022〕3号", "石大政办发〔2022〕3 号"
    ).replace("2022年1月5日", "2022 年 1 月 5 日")
    result = import_issue(text.encode(), "issue.txt")
    assert meta_of(result)["doc_number"] == "石大政办发〔2022〕3号"
    assert meta_of(result)["date"] == datetime.date(2022, 1, 5)
    assert "全年检查不少于4次。" in body_of(result)


def test_title_broken_over_lines_in_the_toc() -> None:
    toc = "1、区人民政府办公室关于做好春节期间安全\n工作的通知\n石大政办发〔2022〕3号……………1"
    result = run("请遵照执行。", toc=toc)
    assert meta_of(result)["title"] == "区人民政府办公室关于做好春节期间安全工作的通知"
    assert meta_of(result)["page"] == 1


def test_repeated_paragraph_is_dropped() -> None:
    paragraph = "各单位要严格执行领导干部带班和值班制度，确保信息畅通。"
    result = run(f"{paragraph}\n\n{paragraph}")
    assert body_of(result).count(paragraph) == 1
    assert "repeated" in kinds(result)


def test_tab_table_becomes_a_markdown_table_and_checkboxes_become_boxes() -> None:
    table = (
        '序号\t单位\t是否完成\n1\t朝阳街道\t<input type="checkbox"/> 是\n'
        '2\t青山街道\t<input type="checkbox"/> 否'
    )
    result = run(f"请填写下表：\n\n{table}")
    assert (
        "| 序号 | 单位 | 是否完成 |\n| --- | --- | --- |\n| 1 | 朝阳街道 | ☐ 是 |\n| 2 | 青山街道 |"
        " ☐ 否 |" in body_of(result)
    )


def test_table_continued_on_the_next_page_is_merged() -> None:
    head = "序号\t单位"
    result = run(f"{head}\n1\t朝阳街道\n\n{head}\n2\t青山街道")
    body = body_of(result)
    assert body.count("| 序号 | 单位 |") == 1
    assert "| 1 | 朝阳街道 |\n| 2 | 青山街道 |" in body


def test_dropped_image_gets_a_placeholder() -> None:
    tail = "\n附件\n\n春节值班工作流程图\n\n\n\n"
    result = run("请遵照执行。\n\n附件：春节值班工作流程图", tail=tail)
    body = body_of(result)
    assert "## 附件\u3000春节值班工作流程图" in body
    assert "［图：春节值班工作流程图。印刷版此处为图片" in body
    assert "image" in kinds(result)


def test_body_repeating_its_own_title_is_dropped() -> None:
    body = (
        "（此件公开发布）\n\n区人民政府办公室关于做好春节期间安全 工作的通知\n\n"
        "各街道办事处：\n\n请遵照执行。"
    )
    text = COVER.format(toc=TOC) + (
        "区人民政府办公室关于做好春节期间安全工作的通知\n\n石大政办发〔2022〕3号\n\n各街道办事处："
        "\n\n现将通知印发给你们。\n\n"
        "大武口区人民政府办公室\n\n2022年1月5日\n\n" + body
    )
    result = import_issue(text.encode(), "issue.txt")
    assert "## 区人民政府办公室" not in body_of(result)
    assert "repeated" in kinds(result)


def test_private_numbers_and_addresses_are_masked_and_reported() -> None:
    result = run(
        "联系人：王海北 18152378870，值班电话：2033625，住朝阳小区2号楼3单元402室，"
        "身份证号640202198001011234，卡号6222 0212 3456 7890。"
    )
    assert (
        "联系人：王海北 181****8870，值班电话：203****，住朝阳小区*号楼*单元***室，"
        "身份证号**************1234，卡号**** **** **** 7890。"
    ) in body_of(result)
    assert [n.message for n in result.notes if n.kind == "personal-data"] == [
        "masked a private ID card number: **************1234",
        "masked a private bank card number: **** **** **** 7890",
        "masked a private home address: *号楼*单元***室",
        "masked a private landline number: 203****",
        "masked a private mobile number: 181****8870",
    ]


CHRONICLE_TOC = TOC + "\n\n【大武口区人民政府大事记】\n\n2、大武口区人民政府2022年1月大事记……………3"
CHRONICLE = """
大武口区人民政府大事记

2022 年 1 月 1 日 — 2022 年 1 月 31 日

1 月 4 日，召开区委常委会，班子成员参加会议；

同日，区委主要领导调研安全生产工作，汤瑞区长陪同调研；

政府区长调研研办治自

市政府主要领导调研供暖工作，汤瑞区长陪同调研；

1 月 6 日，召开区政府常务会议，汤瑞区长、周

浩副区长参加会议；
"""


def test_chronicle_same_day_undated_garbled_and_split_events() -> None:
    toc = CHRONICLE_TOC.replace("【大武口区人民政府办公室文件】", "")
    text = COVER.format(toc=toc).replace(
        "【大武口区人民政府办公室文件】\n\n", "【大武口区人民政府办公室文件】\n\n"
    )
    text += DOC.format(body="请遵照执行。") + CHRONICLE
    result = import_issue(text.encode(), "issue.txt")
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert [(e["date"].day, e["text"]) for e in chronicle["events"]] == [
        (4, "召开区委常委会，班子成员参加会议。"),
        (4, "区委主要领导调研安全生产工作，汤瑞区长陪同调研。"),
        (4, "市政府主要领导调研供暖工作，汤瑞区长陪同调研。"),
        (6, "召开区政府常务会议，汤瑞区长、周浩副区长参加会议。"),
    ]
    assert sorted(set(kinds(result)) & {"garbled", "undated", "page-break"}) == [
        "garbled",
        "page-break",
        "undated",
    ]


# -- bad input: a clear error naming the file and line, and nothing written -------------------


def import_cli(tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    source = tmp_path / "issue.txt"
    source.write_bytes(data)
    out = tmp_path / "content"
    code = main(["import", str(source), "--out", str(out)])
    assert not out.exists() or not any(out.rglob("*")), "nothing may be written on error"
    return code, capsys.readouterr().err


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = "目录\n\n第一行\n".encode() + "第二行".encode("gbk")
    code, err = import_cli(tmp_path, data, capsys)
    assert code == 1
    assert f"{tmp_path / 'issue.txt'}:4: not UTF-8: byte 0xb5 at offset 18" in err


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = import_cli(tmp_path, b"\n\n  \n", capsys)
    assert code == 1
    assert f"{tmp_path / 'issue.txt'}:1: the file is empty" in err


def test_no_table_of_contents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = import_cli(
        tmp_path, "大武口区人民政府公报\n\n2022年第01期\n\n正文\n".encode(), capsys
    )
    assert code == 1
    assert f"{tmp_path / 'issue.txt'}:1: no table of contents: expected a line 目录" in err


def test_toc_entry_without_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toc = TOC + "\n\n2、区人民政府办公室关于调整值班安排的通知\n\n石大政办发〔2022〕4号……………2"
    text = COVER.format(toc=toc) + DOC.format(body="请遵照执行。")
    code, err = import_cli(tmp_path, text.encode(), capsys)
    assert code == 1
    line = text.split("\n").index("2、区人民政府办公室关于调整值班安排的通知") + 1
    assert (
        f"{tmp_path / 'issue.txt'}:{line}: TOC entry 2 (石大政办发〔2022〕4号) has no matching "
        "document in the body"
    ) in err


def test_existing_issue_is_not_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "issue.txt"
    source.write_text(COVER.format(toc=TOC) + DOC.format(body="请遵照执行。"), encoding="utf-8")
    out = tmp_path / "content"
    assert main(["import", str(source), "--out", str(out)]) == 0
    marker = out / "2022" / "01" / "sdzbf-2022-3.md"
    marker.write_text("edited by hand", encoding="utf-8")
    assert main(["import", str(source), "--out", str(out)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert marker.read_text(encoding="utf-8") == "edited by hand"
    assert main(["import", str(source), "--out", str(out), "--force"]) == 0
    assert marker.read_text(encoding="utf-8").startswith(
        "---\ntitle: 区人民政府办公室关于做好春节期间安全工作的通知"
    )


def test_import_raises_for_library_callers() -> None:
    with pytest.raises(ImportFailed) as failure:
        import_issue(b"", "x.txt")
    assert str(failure.value) == "x.txt:1: the file is empty; expected the OCR text of one issue"


# -- fidelity: sibling levels, OCR spaces in dates, half-width punctuation, merged cells ------


def test_sibling_items_get_one_level_by_splitting_the_lead_sentence() -> None:
    body = (
        "一、工作要求\n\n（一）提高站位，强化领导。各单位要高度重视。\n\n（二）细化工作措施\n\n"
        "请各单位细化措施。\n\n（三）强化督导检查\n\n确保取得实效。"
    )
    result = run(body)
    assert body_of(result).split("\n\n")[1:9] == [
        "## 一、工作要求",
        "### （一）提高站位，强化领导",
        "各单位要高度重视。",
        "### （二）细化工作措施",
        "请各单位细化措施。",
        "### （三）强化督导检查",
        "确保取得实效。",
        "大武口区人民政府办公室<br>\n2022年1月5日\n{: .gz-signature }",
    ]
    assert [(n.kind, n.message) for n in result.notes if n.kind == "heading"] == [
        (
            "heading",
            "made the lead sentence '（一）提高站位，强化领导' a heading like its sibling items",
        )
    ]


def test_sibling_items_stay_paragraphs_when_one_has_no_short_lead_sentence() -> None:
    long_lead = "（二）" + "统筹推进" * 14 + "。其他。"
    result = run(f"二、工作措施\n\n（一）加强领导\n\n请各单位加强领导。\n\n{long_lead}")
    parts = body_of(result).split("\n\n")
    assert parts[1:5] == ["## 二、工作措施", "（一）加强领导", "请各单位加强领导。", long_lead]
    assert [n.line for n in result.notes if n.kind == "heading"] == [29]


def test_siblings_under_different_parents_are_levelled_separately() -> None:
    body = (
        "一、目标\n\n（一）总体目标。到年底完成。\n\n（二）具体目标。分三步走。\n\n"
        "二、措施\n\n（一）加强领导\n\n（二）落实责任"
    )
    parts = body_of(run(body)).split("\n\n")
    assert parts[1:7] == [
        "## 一、目标",
        "（一）总体目标。到年底完成。",
        "（二）具体目标。分三步走。",
        "## 二、措施",
        "### （一）加强领导",
        "### （二）落实责任",
    ]


def test_ocr_spaces_inside_dotted_dates_and_times_are_removed() -> None:
    result = run("完成时限：2022. 10. 31，出生年月1992. 11.，会议于9 : 30开始，共1,000人参加。")
    assert "完成时限：2022.10.31，出生年月1992.11.，会议于9:30开始，共1,000人参加。" in body_of(
        result
    )
    assert [n.kind for n in result.notes if n.kind in ("spacing", "punctuation")] == ["spacing"]


def test_halfwidth_punctuation_in_chinese_text_becomes_fullwidth() -> None:
    result = run(
        "各部门(单位)要加强统筹协调,确保实效;电话(0952)2033625,网址http://www.dwk.gov.cn/a,b,"
        "数量1,000 (A)。"
    )
    assert (
        "各部门（单位）要加强统筹协调，确保实效；电话(0952)203****，网址http://www.dwk.gov.cn/a,b，"
        "数量1,000 (A)。"
    ) in body_of(result)
    notes = [n for n in result.notes if n.kind == "punctuation"]
    assert [(n.line, n.message) for n in notes] == [
        (
            27,
            "half-width punctuation in Chinese text made full-width: '各部门(单位)要加强统筹协' → '"
            "各部门（单位）要加强统筹协'",
        )
    ]


def test_merged_cells_left_empty_by_the_ocr_become_rowspan() -> None:
    table = (
        "序号\t姓名\t街道\t联系人\n1\t熊伟\t朝阳街道\t王海北\n2\t彭鹏\t朝阳街道\t\n3\t潘瑞全\t朝阳"
        "街道\t\n"
        "4\t李宏喜\t星海镇\t刘冰瑶\n5\t万生俊\t星海镇\t"
    )
    result = run(f"帮扶名单如下：\n\n{table}")
    assert body_of(result).split("\n\n")[2] == "\n".join(
        [
            "<table>",
            "<thead>",
            "<tr><th>序号</th><th>姓名</th><th>街道</th><th>联系人</th></tr>",
            "</thead>",
            "<tbody>",
            '<tr><td>1</td><td>熊伟</td><td>朝阳街道</td><td rowspan="3">王海北</td></tr>',
            "<tr><td>2</td><td>彭鹏</td><td>朝阳街道</td></tr>",
            "<tr><td>3</td><td>潘瑞全</td><td>朝阳街道</td></tr>",
            '<tr><td>4</td><td>李宏喜</td><td>星海镇</td><td rowspan="2">刘冰瑶</td></tr>',
            "<tr><td>5</td><td>万生俊</td><td>星海镇</td></tr>",
            "</tbody>",
            "</table>",
        ]
    )
    assert [(n.line, n.message) for n in result.notes if n.kind == "merged-cell"] == [
        (
            30,
            "column '联系人': '王海北' spans 3 rows (the OCR left the 2 cells below empty); written"
            " as rowspan",
        ),
        (
            33,
            "column '联系人': '刘冰瑶' spans 2 rows (the OCR left the 1 cells below empty); written"
            " as rowspan",
        ),
    ]


def test_columns_that_are_blank_or_mostly_filled_are_not_merged() -> None:
    table = "序号\t类别\t数量\t备注\n1\t场次\t\t\n2\t人次\t\t\n3\t份数\t\t补报\n4\t条数\t5\t"
    result = run(f"请填写下表：\n\n{table}")
    assert "| 1 | 场次 |  |  |\n| 2 | 人次 |  |  |" in body_of(result)
    assert "merged-cell" not in kinds(result)


# -- the review report ------------------------------------------------------------------------


REVIEW_BODY = (
    "一、工作要求\n\n各单位要严格落实安全生产责任制，切实加强节日期间的巡\n\n查，消除各类隐患。\n\n"
    "值班电话：王海北 18152378870。\n\n请各街道加强巡查，积极稳妥\n\n1. 成立工作专班。"
)


def test_review_report_puts_judgement_first_and_points_into_the_files() -> None:
    result = run(REVIEW_BODY)
    report = result.review
    assert report.startswith(
        "# Review: 2022年第01期（总第30期）\n\nImported from `issue.txt`. 1 item(s) need your "
        "judgement; 2 routine change(s) (page-break 1, personal-data 1).\n"
    )
    judgement = report.index("## Needs your judgement (1)")
    routine = report.index("## Routine changes (2)")
    assert judgement < routine
    assert report[judgement:routine] == "\n".join(
        [
            "## Needs your judgement (1)",
            "",
            "Check each place against the printed issue and fix the file by hand where needed.",
            "",
            "### 1. [suspicious] source line 35 → `sdzbf-2022-3.md:21`",
            "",
            "paragraph ends mid-sentence and the next one starts a new item; text may be missing: …"
            "各街道加强巡查，积极稳妥",
            "",
            "```text",
            "  33: 值班电话：王海北 18152378870。",
            "→ 35: 请各街道加强巡查，积极稳妥",
            "  37: 1. 成立工作专班。",
            "```",
            "",
            "In `sdzbf-2022-3.md`:",
            "",
            "```text",
            "请各街道加强巡查，积极稳妥",
            "```",
            "",
            "",
        ]
    )
    assert "<summary>page-break: 1 — paragraphs joined across page breaks</summary>" in report
    assert "<summary>personal-data: 1 — private numbers masked</summary>" in report
    assert (
        "| 31 | `sdzbf-2022-3.md:17` | joined a paragraph split by a page break (lines 29 and 31): "
        "…加强节日期间的巡\\|查，消除各类隐患… "
        "| 各单位要严格落实安全生产责任制，切实加强节日期间的巡查，消除各类隐患。 |"
    ) in report
    assert (
        "| 33 | `sdzbf-2022-3.md:19` | masked a private mobile number: 181****8870 | 值班电话：王海"
        "北 181****8870。 |" in report
    )
    assert report.index("page-break: 1") < report.index("personal-data: 1")
    lines = result.files["sdzbf-2022-3.md"].split("\n")
    assert (lines[16], lines[18], lines[20]) == (
        "各单位要严格落实安全生产责任制，切实加强节日期间的巡查，消除各类隐患。",
        "值班电话：王海北 181****8870。",
        "请各街道加强巡查，积极稳妥",
    )


def test_import_writes_the_review_next_to_the_issue_and_prints_its_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "issue.txt"
    source.write_text(COVER.format(toc=TOC) + DOC.format(body=REVIEW_BODY), encoding="utf-8")
    out = tmp_path / "content"
    assert main(["import", str(source), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    review = out / "2022" / "01" / "_review.md"
    assert (
        review.read_text(encoding="utf-8") == import_issue(source.read_bytes(), str(source)).review
    )
    assert (
        "Review: 1 item(s) need your judgement; 2 routine change(s) (page-break 1, personal-data 1)"
        ".\n" in printed
    )
    assert f"{source}:35: [suspicious] paragraph ends mid-sentence" in printed
    assert "masked a private" not in printed  # routine items are only in the file
    assert printed.rstrip().endswith(
        f"Review report: {review} (never published; judgement items first)"
    )
    # The report is never published: the loader skips it and the issue checks clean.
    assert main(["check", "--content", str(out)]) == 0
    from generator.content.load import load_archive

    loaded = load_archive(out)
    assert not loaded.problems and len(loaded.archive.documents) == 1
