"""The importer on hand-made issues laid out unlike 2021年第02期 (tests/fixtures/issues/).

Each fixture is the OCR text of a small issue with another layout: other sections and
issuing codes, a document without a 文号, TOC titles wrapped over two and three lines,
leaders of other lengths and characters, a document number on the title's line or before
the title in the body, a one-month chronicle with and without a printed range, none at all.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator.content.documents import split_front_matter
from generator.errors import ImportFailed
from generator.importer import ImportResult, import_issue

FIXTURES = Path(__file__).parent / "fixtures" / "issues"
D = datetime.date
GOV = ["大武口区人民政府"]
OFFICE = ["大武口区人民政府办公室"]


def imported(name: str, replace: tuple[tuple[str, str], ...] = ()) -> ImportResult:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    return import_issue(text.encode("utf-8"), name)


def metadata(result: ImportResult) -> dict[str, dict]:
    out = {}
    for name, text in result.files.items():
        if name.endswith(".md"):
            split = split_front_matter(text)
            assert not isinstance(split, str), name
            out[name] = yaml.safe_load(split[0])
    return out


def row(meta: dict) -> tuple:
    return (
        meta["order"],
        meta["section"],
        meta["page"],
        meta.get("doc_number"),
        meta["title"],
        meta["organs"],
        meta["date"],
        meta.get("slug"),
    )


def test_other_sections_codes_and_a_document_without_number() -> None:
    result = imported("2022-05-government.txt")
    issue = yaml.safe_load(result.files["issue.yml"])
    assert (issue["year"], issue["number"], issue["total_number"], issue["date"]) == (
        2022,
        5,
        34,
        D(2022, 5, 31),
    )
    assert issue["sections"] == [
        "区人民政府文件",
        "人事任免",
        "规范性文件",
        "大武口区人民政府大事记",
    ]
    assert {name: row(meta) for name, meta in metadata(result).items()} == {
        # TOC title wrapped over three lines, … leaders; body title wrapped over two lines.
        "sdzf-2022-12.md": (
            1,
            "区人民政府文件",
            3,
            "石大政发〔2022〕12号",
            "大武口区人民政府关于印发大武口区2022年城乡居民基本医疗保险参保缴费工作实施方案的通知",
            GOV,
            D(2022, 5, 6),
            None,
        ),
        # · leaders, 石大政任.
        "sdzr-2022-3.md": (
            2,
            "人事任免",
            9,
            "石大政任〔2022〕3号",
            "大武口区人民政府关于王晓明等同志职务任免的通知",
            GOV,
            D(2022, 5, 20),
            None,
        ),
        # No 文号: found by its title, slug from section, issue and position; ． leaders.
        "gfxwj-2022-05-3.md": (
            3,
            "规范性文件",
            11,
            None,
            "大武口区城市绿化管理办法",
            GOV,
            D(2022, 5, 25),
            "gfxwj-2022-05-3",
        ),
    }
    slug_notes = [note for note in result.notes if note.kind == "slug"]
    assert [(n.line, n.message) for n in slug_notes] == [
        (
            69,
            "'大武口区城市绿化管理办法' has no document number: its URL uses the slug "
            "'gfxwj-2022-05-3' "
            "(section, issue and TOC position); keep it or choose another before publishing",
        )
    ]
    body = result.files["sdzr-2022-3.md"].split("---\n", 2)[2]
    assert body.strip().endswith("大武口区人民政府<br>\n2022年5月20日\n{: .gz-signature }")
    assert "大武口区城市绿化管理办法" not in body  # the next document's title is not in this body


def test_one_month_chronicle_without_a_printed_range_takes_it_from_the_title() -> None:
    result = imported("2022-05-government.txt")
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert (chronicle["title"], chronicle["order"], chronicle["page"], chronicle["section"]) == (
        "大武口区人民政府2022年5月大事记",
        4,
        15,
        "大武口区人民政府大事记",
    )
    assert (chronicle["start"], chronicle["end"]) == (D(2022, 5, 1), D(2022, 5, 31))
    assert chronicle["events"] == [
        {"date": D(2022, 5, 6), "text": "召开区政府常务会议，汤瑞区长参加会议。"},
        {"date": D(2022, 5, 20), "text": "召开全区安全生产工作会议，周浩副区长参加会议。"},
    ]
    assert [(n.line, n.kind) for n in result.notes if n.kind == "chronicle"] == [(83, "chronicle")]


def test_no_chronicle_number_on_the_title_line_and_number_before_the_title() -> None:
    result = imported("2022-06-no-chronicle.txt")
    issue = yaml.safe_load(result.files["issue.yml"])
    assert (issue["number"], issue["total_number"]) == (
        6,
        35,
    )  # 第6期 and 总第35期 without brackets
    assert "chronicle.yml" not in result.files
    assert result.summary == "2022年第06期（总第35期，2022-06-30）: 3 TOC entries, 3 documents"
    assert {name: row(meta) for name, meta in metadata(result).items()} == {
        # Title's second line carries the number and a one-character … leader.
        "sdzh-2022-21.md": (
            1,
            "区人民政府文件",
            5,
            "石大政函〔2022〕21号",
            "大武口区人民政府关于同意设立大武口区第二实验小学的批复",
            GOV,
            D(2022, 6, 2),
            None,
        ),
        # Three-line TOC title, spaced - - - leaders; in the body the number comes first.
        "sdzf-2022-30.md": (
            2,
            "区人民政府文件",
            7,
            "石大政发〔2022〕30号",
            "大武口区人民政府关于表彰2021年度全区安全生产工作先进集体和先进个人的决定",
            GOV,
            D(2022, 6, 8),
            None,
        ),
        # No leaders: the page number stands alone on the next line.
        "sdzbf-2022-15.md": (
            3,
            "区人民政府办公室文件",
            12,
            "石大政办发〔2022〕15号",
            "区人民政府办公室关于做好2022年防汛工作的通知",
            OFFICE,
            D(2022, 6, 15),
            None,
        ),
    }
    first = result.files["sdzh-2022-21.md"]
    assert "石大政发" not in first and "表彰" not in first
    assert not [note for note in result.notes if note.kind == "toc"]
    # The section heading printed in the body before the section's first document is left out.
    assert "区人民政府办公室文件" not in result.files["sdzf-2022-30.md"].split("---\n", 2)[2]
    assert [(n.line, n.message) for n in result.notes if n.kind == "structure"] == [
        (59, "left out the section heading '【区人民政府办公室文件】' printed in the body")
    ]


def test_one_month_chronicle_with_the_second_year_left_out() -> None:
    result = imported("2022-07-one-month.txt")
    assert {name: row(meta) for name, meta in metadata(result).items()} == {
        "sdzbf-2022-18.md": (
            1,
            "区人民政府办公室文件",
            1,
            "石大政办发〔2022〕18号",
            "区人民政府办公室关于印发大武口区夏季安全生产大检查方案的通知",
            OFFICE,
            D(2022, 7, 4),
            None,
        ),
    }
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert (chronicle["order"], chronicle["page"], chronicle["start"], chronicle["end"]) == (
        2,
        6,
        D(2022, 6, 1),
        D(2022, 6, 30),
    )
    assert [(e["date"].day, e["text"]) for e in chronicle["events"]] == [
        (2, "召开区政府常务会议，汤瑞区长参加会议。"),
        (2, "区委主要领导调研防汛工作。"),
        (30, "召开全区半年工作总结会议。"),
    ]


def test_table_of_contents_without_entry_numbers() -> None:
    result = imported(
        "2022-07-one-month.txt",
        (
            ("1、区人民政府办公室", "区人民政府办公室"),
            ("2、大武口区人民政府2022年6月", "大武口区人民政府2022年6月"),
        ),
    )
    meta = metadata(result)["sdzbf-2022-18.md"]
    assert (meta["order"], meta["page"], meta["title"]) == (
        1,
        1,
        "区人民政府办公室关于印发大武口区夏季安全生产大检查方案的通知",
    )
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert (chronicle["order"], chronicle["page"]) == (2, 6)


@pytest.mark.parametrize(
    "leaders",
    [
        "......",
        "．．．",
        "…",
        "………………………………",
        "··········",
        "・・・・",
        "‥‥",
        "_____",
        " . . . . . ",
        "－－－－",
        "———",
        "\t",
        "    ",
    ],
)
def test_leaders_of_every_length_and_character(leaders: str) -> None:
    result = imported(
        "2022-07-one-month.txt",
        (
            ("石大政办发〔2022〕18号‥‥‥‥‥‥‥‥‥‥1", f"石大政办发〔2022〕18号{leaders}23"),
            ("2022年6月大事记……6", "2022年6月大事记……26"),
        ),
    )
    meta = metadata(result)["sdzbf-2022-18.md"]
    assert (meta["doc_number"], meta["page"]) == ("石大政办发〔2022〕18号", 23)


def test_title_dot_in_a_numbered_toc_is_not_a_leader() -> None:
    result = imported(
        "2022-07-one-month.txt", (("关于印发大武口区夏季", "关于印发2022年“3·15”大武口区夏季"),)
    )
    meta = metadata(result)["sdzbf-2022-18.md"]
    assert (
        meta["title"] == "区人民政府办公室关于印发2022年“3·15”大武口区夏季安全生产大检查方案的通知"
    )


def test_chronicle_range_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ImportFailed) as failure:
        imported("2022-07-one-month.txt", (("2022年6月1日—6月30日", "2022年6月30日—2022年6月1日"),))
    assert str(failure.value).startswith("2022-07-one-month.txt:")
    assert "the chronicle's date range ends (2022-06-01) before it starts (2022-06-30)" in str(
        failure.value
    )


def test_cover_with_issue_and_total_number_on_one_line() -> None:
    result = imported(
        "2022-07-one-month.txt",
        (
            (
                "2022年第07期\n\n(总第36期)\n\n2022年07月29日",
                "2022年第7期（总第36期）\n\n2022年7月29日出版",
            ),
        ),
    )
    issue = yaml.safe_load(result.files["issue.yml"])
    assert (issue["year"], issue["number"], issue["total_number"], issue["date"]) == (
        2022,
        7,
        36,
        D(2022, 7, 29),
    )
    assert result.issue_dir == "2022/07"


def test_number_missing_from_the_toc_is_taken_from_the_body() -> None:
    result = imported(
        "2022-05-government.txt", (("通知\n石大政任〔2022〕3号··········9", "通知··········9"),)
    )
    meta = metadata(result)["sdzr-2022-3.md"]
    assert row(meta) == (
        2,
        "人事任免",
        9,
        "石大政任〔2022〕3号",
        "大武口区人民政府关于王晓明等同志职务任免的通知",
        GOV,
        D(2022, 5, 20),
        None,
    )
    assert [(n.line, n.message) for n in result.notes if n.kind == "toc"] == [
        (54, "TOC entry 2 prints no 文号 but the document does: used 石大政任〔2022〕3号")
    ]
    assert "石大政任" not in result.files["sdzr-2022-3.md"].split("---\n", 2)[2]


def test_chronicle_days_written_with_the_year_or_without_the_month() -> None:
    result = imported(
        "2022-07-one-month.txt",
        (("6月2日，召开", "2日，召开"), ("6月30日，召开", "2022年6月30日，召开")),
    )
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert [(e["date"], e["text"]) for e in chronicle["events"]] == [
        (D(2022, 6, 2), "召开区政府常务会议，汤瑞区长参加会议。"),
        (D(2022, 6, 2), "区委主要领导调研防汛工作。"),
        (D(2022, 6, 30), "召开全区半年工作总结会议。"),
    ]


def test_chronicle_date_outside_its_range_is_reported() -> None:
    result = imported("2022-07-one-month.txt", (("6月30日，召开", "2022年7月3日，召开"),))
    chronicle = yaml.safe_load(result.files["chronicle.yml"])
    assert chronicle["events"][-1] == {"date": D(2022, 6, 2), "text": "召开全区半年工作总结会议。"}
    assert [n.message for n in result.notes if n.kind == "chronicle"] == [
        "date '2022年7月3日，' is not a day in 2022-06-01–2022-06-30; kept with the previous date"
    ]


def test_cover_with_the_year_and_the_issue_number_on_two_lines() -> None:
    result = imported(
        "2022-07-one-month.txt", (("2022年第07期\n\n(总第36期)", "2022年\n\n第7期\n\n(总第36期)"),)
    )
    issue = yaml.safe_load(result.files["issue.yml"])
    assert (issue["year"], issue["number"], issue["total_number"], issue["date"]) == (
        2022,
        7,
        36,
        D(2022, 7, 29),
    )
