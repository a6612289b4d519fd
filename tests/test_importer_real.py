"""The importer on the real issue: 2021年第02期 (总第23期)."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest
import yaml

from generator.content.documents import split_front_matter
from generator.importer import ImportResult, import_issue
from tests.conftest import CONTENT, REAL_SOURCE

JOINT = ["中共大武口区委办公室", "大武口区人民政府办公室"]
GOV = ["大武口区人民政府办公室"]

# order: (doc_number, section, page, date, organs, title) — read off the printed TOC and signatures.
EXPECTED = {
    1: (
        "石大党发〔2021〕18号",
        "大武口区委文件",
        1,
        "2021-03-02",
        ["中共大武口区委员会"],
        "中共大武口区委员会关于印发《中共大武口区委2021年工作要点及任务分工》的通知",
    ),
    2: (
        "石大党办发〔2021〕2号",
        "党政办联合发文件",
        15,
        "2021-02-08",
        JOINT,
        "中共大武口区委办公室 区人民政府办公室关于印发《大武口区困难退役军人帮扶援助工作方案》的通"
        "知",
    ),
    3: (
        "石大党办发〔2021〕7号",
        "党政办联合发文件",
        21,
        "2021-03-24",
        JOINT,
        "中共大武口区委办公室 区人民政府办公室关于印发《大武口区创建“食品药品安全区”实施方案》的通"
        "知",
    ),
    4: (
        "石大党办综〔2021〕9号",
        "党政办联合发文件",
        30,
        "2021-02-08",
        JOINT,
        "中共大武口区委办公室 区人民政府办公室关于印发大武口区关于全面加强危险化学品安全生产工作的"
        "实施方案的通知",
    ),
    5: (
        "石大党办综〔2021〕11号",
        "党政办联合发文件",
        45,
        "2021-02-07",
        JOINT,
        "中共大武口区委办公室 区人民政府办公室关于进一步做好人民群众就地过年服务保障工作的通知",
    ),
    6: (
        "石大党办综〔2021〕21号",
        "党政办联合发文件",
        48,
        "2021-03-24",
        JOINT,
        "中共大武口区委办公室 区人民政府办公室关于印发大武口区2021年度招商引资工作实施方案的通知",
    ),
    7: (
        "石大党办发〔2021〕10号",
        "大武口区委办公室文件",
        55,
        "2021-03-31",
        ["中共大武口区委办公室"],
        "关于印发《大武口区重点项目推进“红黑榜”制度》的通知",
    ),
    8: (
        "石大政办发〔2021〕4号",
        "大武口区人民政府办公室文件",
        57,
        "2021-03-03",
        GOV,
        "区人民政府办公室关于印发《大武口区困难家庭救助帮扶综合评估试点工作实施方案》的通知",
    ),
    9: (
        "石大政办发〔2021〕5号",
        "大武口区人民政府办公室文件",
        68,
        "2021-03-09",
        GOV,
        "区人民政府办公室关于调整大武口区人民政府法律顾问团组成人员的通知",
    ),
    10: (
        "石大政办发〔2021〕6号",
        "大武口区人民政府办公室文件",
        69,
        "2021-03-10",
        GOV,
        "区人民政府办公室关于印发2021年“3·15”国际消费者权益保护日活动方案的通知",
    ),
    11: (
        "石大政办发〔2021〕7号",
        "大武口区人民政府办公室文件",
        75,
        "2021-03-16",
        GOV,
        "区人民政府办公室关于印发《大武口区推进义务教育质量优质均衡发展实施方案》的通知",
    ),
    12: (
        "石大政办发〔2021〕8号",
        "大武口区人民政府办公室文件",
        84,
        "2021-03-30",
        GOV,
        "区人民政府办公室关于印发《大武口区困难残疾人生活补贴和重度残疾人护理补贴工作方案》的通知",
    ),
}


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_issue(REAL_SOURCE.read_bytes(), "source.txt")


def documents(result: ImportResult) -> dict[int, tuple[dict, str]]:
    out = {}
    for name, text in result.files.items():
        if name.endswith(".md"):
            split = split_front_matter(text)
            assert not isinstance(split, str), name
            meta = yaml.safe_load(split[0])
            out[meta["order"]] = (meta, split[1])
    return out


def test_issue_facts_and_sections(result: ImportResult) -> None:
    issue = yaml.safe_load(result.files["issue.yml"])
    assert result.issue_dir == "2021/02"
    assert (issue["year"], issue["number"], issue["total_number"]) == (2021, 2, 23)
    assert issue["date"] == datetime.date(2021, 3, 31)
    assert issue["sections"] == [
        "大武口区委文件",
        "党政办联合发文件",
        "大武口区委办公室文件",
        "大武口区人民政府办公室文件",
        "大武口区人民政府大事记",
    ]
    masthead = issue["masthead"]
    assert masthead["editor_in_chief"] == "王生法"
    assert masthead["editors"] == ["邱再新", "赵正平", "朱立志", "马艳", "贾倩"]
    assert masthead["committee_members"] == [
        "王生法",
        "兰恩赦",
        "徐辉",
        "邱再新",
        "赵正平",
        "朱立志",
        "马艳",
        "贾倩",
    ]
    assert masthead["publisher"] == "大武口区人民政府政务公开办公室"
    assert masthead["address"] == "石嘴山市大武口区朝阳西街99号区政府办公楼2层202室"
    assert masthead["website"] == "http://www.dwk.gov.cn"


@pytest.mark.parametrize("order", sorted(EXPECTED))
def test_every_toc_entry_metadata(result: ImportResult, order: int) -> None:
    meta, _ = documents(result)[order]
    number, section, page, date, organs, title = EXPECTED[order]
    assert meta["doc_number"] == number
    assert meta["section"] == section
    assert meta["page"] == page
    assert meta["date"] == datetime.date.fromisoformat(date)
    assert meta["organs"] == organs
    assert meta["title"] == title


def test_twelve_documents_and_the_chronicle_as_entry_13(result: ImportResult) -> None:
    assert sorted(documents(result)) == list(range(1, 13))
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert (chronicle["order"], chronicle["page"], chronicle["section"]) == (
        13,
        87,
        "大武口区人民政府大事记",
    )
    assert chronicle["title"] == "大武口区人民政府2021年2月、3月大事记"


def test_chronicle_dates_and_events(result: ImportResult) -> None:
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    events = chronicle["events"]
    assert (chronicle["start"], chronicle["end"]) == (
        datetime.date(2021, 2, 1),
        datetime.date(2021, 3, 31),
    )
    # 85 printed paragraphs: one garbled line left out, one repeated paragraph dropped,
    # one event split by a page break joined.
    assert len(events) == 82
    days = sorted({event["date"] for event in events})
    assert len(days) == 32
    assert days[0] == datetime.date(2021, 2, 1) and days[-1] == datetime.date(2021, 3, 31)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    texts = [e["text"] for e in events]
    assert texts[0] == "召开自治区十二届人大四次会议。苏焕喜区长参加会议。"
    # 同日 resolved: the second event of 2月1日 starts without its 同日.
    assert events[1] == {
        "date": datetime.date(2021, 2, 1),
        "text": "自治区人社厅来石调研根治欠薪冬季专项行动及重大欠薪案件办理情况联合执法检查座谈会，"
        "李婧副区长参加会议。",
    }
    # An undated paragraph belongs to the date before it.
    undated = next(
        e
        for e in events
        if e["text"].startswith("市政府主要领导主持召开星海湖生态环境整治工程推进会")
    )
    assert undated["date"] == datetime.date(2021, 2, 18)
    # "3 月 31，" without 日 still parses.
    assert [e["text"][:6] for e in events if e["date"] == datetime.date(2021, 3, 31)] == [
        "自治区发改委",
        "自治区督查组",
        "自治区民政厅",
    ]
    # The event split across a page break is one event.
    assert "召开大武口区2021年政银税企对接会汤瑞、周浩参加会议。" in texts
    assert not any("行政建设工程研调办治毒区治自" in t for t in texts)
    assert sum(1 for t in texts if t.startswith("区委主要领导调研中色东方重点项目进展情况")) == 1


def test_review_report_lists_what_was_decided(result: ImportResult) -> None:
    by_kind: dict[str, list[int]] = {}
    for note in result.notes:
        by_kind.setdefault(note.kind, []).append(note.line)
    assert 2617 in by_kind["garbled"]
    assert 2627 in by_kind["repeated"]  # repeated chronicle paragraph
    assert 1483 in by_kind["repeated"]  # the notice repeating its own title
    assert 1986 in by_kind["image"]  # the 流程 image that was dropped
    assert 2667 in by_kind["page-break"]  # the chronicle event split by a page break
    assert 391 in by_kind["page-break"]  # 全面脱|脱贫攻坚: repeated character
    assert 753 in by_kind["suspicious"]  # "积极稳妥" cut off by the OCR
    masked = Counter(
        note.message.split(":")[0] for note in result.notes if note.kind == "personal-data"
    )
    assert masked == {
        "masked a private mobile number": 101,
        "masked a private home address": 47,
        "masked a private landline number": 1,
    }


def test_page_breaks_joined_with_repeated_character_dropped(result: ImportResult) -> None:
    body = documents(result)[1][1]
    assert "推动全面脱贫攻坚同乡村振兴有效衔接" in body
    assert "3\\. 按照中央、自治区党委、市委及区委统一部署，协同开展全面建成小康社会系统评估" in body
    assert "### 二、奋力争当先行区排头兵，基本建成宜业宜居宜游美丽大武口" in body
    red_black = documents(result)[7][1]
    assert "区委常委会、区政府常务会有关重点项目建设的决定事项" in red_black


def test_spaces_in_numbers_and_dates_removed(result: ImportResult) -> None:
    docs = documents(result)
    assert "2021年3月24日\n{: .gz-signature }" in docs[6][1]
    assert "全年招商引资实际到位资金85亿元" in docs[6][1]
    assert "（民办函〔2020〕114号）" in docs[8][1]
    assert "每年深入联系困难退役军人不少于2次，入户不少于2户" in docs[2][1]


def test_tables_become_tables(result: ImportResult) -> None:
    docs = documents(result)
    veterans = docs[2][1]
    # Two header rows with 帮扶单位 spanning 街道（镇） and 部门; three printed pages merged.
    assert '<th colspan="2">帮扶单位</th>' in veterans
    assert "<tr><th>街道（镇）</th><th>部门</th></tr>" in veterans
    assert veterans.count("<tr>") == 2 + 91
    assert veterans.count('<th rowspan="2">序号</th>') == 1
    # A plain table is a Markdown table.
    slogans = docs[10][1]
    assert (
        "| 序号 | 类别 | 单位 | 数量 |\n| --- | --- | --- | --- |\n| 1 | 组织普法活动 | 场次 |  |"
        in slogans
    )
    # Group rows span the table.
    investment = docs[6][1]
    assert '<tr><td colspan="3">1. 高新区</td></tr>' in investment
    assert "<tr><td>合计</td><td></td><td>850000</td></tr>" in investment


def test_checkboxes_images_and_repeated_title(result: ImportResult) -> None:
    docs = documents(result)
    survey = docs[8][1]
    assert "<input" not in "".join(body for _, body in docs.values())
    assert "☐ 城镇 ☐ 农村" in survey
    assert "［图：大武口区困难家庭救助帮扶综合评估流程。印刷版此处为图片" in survey
    assert "3\\. 大武口区困难家庭救助帮扶综合评估调查表" in survey  # truncated list entry completed
    notice = docs[5][1]
    title = EXPECTED[5][5]
    assert notice.count(title) == 1  # in 现将《…》 only; the repeated title line is gone
    assert "## 六、积极营造就地过年良好氛围\n\n宣传、网信等有关部门要加强舆论引导" in notice


def test_headings_signature_and_attachments(result: ImportResult) -> None:
    body = documents(result)[4][1].lstrip("\n")
    assert body.startswith(
        "区直各党委（党组）、党工委、总支、支部，各部门，驻地有关单位：\n{: .gz-addressee }"
    )
    assert (
        "中共大武口区委办公室<br>\n大武口区人民政府办公室<br>\n2021年2月8日\n{: .gz-signature }"
        in body
    )
    assert "## 大武口区关于全面加强危险化学品安全生产工作的实施方案" in body
    assert (
        "## 附件1\u3000大武口区全面加强危险化学品安全生产工作暨危险化学品专项整治三年行动工作相关制"
        "度" in body
    )
    assert "## 附件2\u3000《石嘴山市全面加强危险化学品安全生产工作实施方案》重点任务分工表" in body
    assert (
        body.index("### 一、重大意义")
        < body.index("#### （一）强化风险管控")
        < body.index("## 附件1")
    )


def test_letter_spaced_names_joined_and_private_numbers_masked(result: ImportResult) -> None:
    docs = documents(result)
    assert "顾铭 区退役军人事务局局长" in docs[8][1]
    assert "责任领导：苏焕喜、汤瑞" in docs[1][1]
    veterans = docs[2][1]
    assert "<td>159****2302</td>" in veterans
    assert "王海北 181****8870" in veterans
    assert "<td>大武口区文鹏小区**-*-*</td>" in veterans
    assert "<td>大武口区永康花园 **-*-***</td>" in veterans
    assert "<td>惠农区文景广场综合楼***</td>" in veterans
    everything = "".join(result.files[name] for name in result.files if name != "source.txt")
    assert re.search(r"(?<!\d)1[3-9]\d{8,9}(?!\d)", everything) is None


def test_committed_content_is_the_import_plus_the_editors_fix(result: ImportResult) -> None:
    """content/2021/02 is what the importer writes, plus one hand edit an editor made."""
    folder = CONTENT / "2021" / "02"
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
    assert sorted(committed) == sorted(result.files)
    for name, text in result.files.items():
        if name == "issue.yml":
            assert (
                committed[name].split("\n", 2)[2] == text.split("\n", 2)[2]
            )  # header names the source path
        elif name == "sdzbf-2021-5.md":
            fixed = text.replace("公职律师区人民政府法律顾问团", "公职律师\n\n区人民政府法律顾问团")
            assert committed[name] == fixed
        else:
            assert committed[name] == text, name


def test_fidelity_fixes_on_the_real_issue(result: ImportResult) -> None:
    docs = documents(result)
    hazchem = docs[4][1]
    # 四、工作要求: （一） was a paragraph while （二）（三） were headings.
    assert (
        "### 四、工作要求\n\n#### （一）提高政治站位，强化组织领导\n\n各有关部门充分认识做好危险化"
        "学品安全生产工作" in hazchem
    )
    assert (
        "<td>2022.10.31</td>" in hazchem
        and "<td>2021.1.31</td>" in hazchem
        and "2022. 10. 31" not in hazchem
    )
    assert '<td rowspan="3">深入开展安全风险排查</td>' in hazchem
    assert "《产业结构调整指导目录（2019年）》" in hazchem
    assert "区应急管理局、高新区应急管理局配合；长期坚持）" in hazchem
    food = docs[3][1]
    assert "（二）监管责任落实到位管理机制运行高效\n\n以食品安全、药品（含疫苗）安全为重点" in food
    assert "各部门（单位）" in food and "各部门(单位)" not in food and "加强统筹协调，" in food
    consumer = docs[10][1]
    assert (
        "#### （二）召开大武口区消费维权成员单位联席会议，安排部署大武口区“3·15”宣传活动具体事项\n"
        in consumer
    )
    assert "（一）高度重视，精心组织。" in consumer
    # Merged cells of the veterans' table: the contact and the leader written once, spanning
    # their rows.
    veterans = docs[2][1]
    assert (
        "<td>1992.11.</td><td>大武口区永康花园 **-*-***</td><td>159****2302</td>"
        '<td rowspan="26">王海北 181****8870</td><td rowspan="6">王志军</td><td>朝阳街道</td>'
        '<td rowspan="6">区司法局</td></tr>'
    ) in veterans
    assert (
        "<tr><td>2</td><td>彭鹏</td><td>男</td><td>53</td><td>1990.03.</td><td>大武口区文鹏小区**-*"
        "-*</td>"
        "<td>130****6887</td><td>朝阳街道</td></tr>"
    ) in veterans
    merged = [note for note in result.notes if note.kind == "merged-cell"]
    assert len(merged) == 40
    assert merged[0].line == 969 and merged[0].message.startswith(
        "column '帮扶区级领导': '王志军' spans 6 rows"
    )
    by_kind: dict[str, int] = {}
    for note in result.notes:
        by_kind[note.kind] = by_kind.get(note.kind, 0) + 1
    assert (by_kind["heading"], by_kind["spacing"], by_kind["punctuation"]) == (10, 61, 44)


def test_review_report_of_the_real_issue(result: ImportResult) -> None:
    report = result.review
    headings = [line for line in report.split("\n") if line.startswith("### ")]
    assert headings == [
        "### 1. [toc] source line 64 → `issue.yml`",
        "### 2. [suspicious] source line 753 → `sddf-2021-18.md:607`",
        "### 3. [attachment] source line 1356 → `sddbz-2021-9.md:130`",
        "### 4. [image] source line 1986 → `sdzbf-2021-4.md:177`",
        "### 5. [suspicious] source line 2094 → `sdzbf-2021-5.md:41`",
        "### 6. [undated] source line 2579 → `chronicle.yml:31`",
        "### 7. [garbled] source line 2617 → `chronicle.yml`",
        "### 8. [undated] source line 2637 → `chronicle.yml:85`",
        "### 9. [undated] source line 2659 → `chronicle.yml:107`",
        "### 10. [undated] source line 2661 → `chronicle.yml:109`",
    ]
    assert (
        "10 item(s) need your judgement; 407 routine change(s) (attachment 1, heading 10, "
        "merged-cell 40, "
        "repeated 2, page-break 89, structure 1, table 9, spacing 61, punctuation 44, personal-data"
        " 149, "
        "markup 1)." in report
    )
    assert report.index("## Needs your judgement (10)") < report.index("## Routine changes (407)")
    assert report.count("<details>") == 11
    image = result.files["sdzbf-2021-4.md"].split("\n")[176]
    assert image == "## 附件2\u3000大武口区困难家庭救助帮扶综合评估流程"
    chronicle = result.files["chronicle.yml"].split("\n")
    assert chronicle[108].startswith("  text: 市政府主要领导主持召开2021年")
