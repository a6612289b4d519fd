"""Document numbers: every printed spelling parses to one form, and the numbers a text cites
are found without the words printed before them."""

from __future__ import annotations

import pytest

from generator.content.docnumber import (
    DocNumber,
    DocNumberError,
    find_docnumbers,
    parse_docnumber,
)
from generator.site.bodies import BodyJob, render_body


@pytest.mark.parametrize(
    "printed",
    [
        "石大政办发〔2021〕5号",
        "石大政办发[2021]5号",
        "石大政办发［2021］5号",
        "石大政办发(2021)5号",
        "石大政办发（2021）5号",
        "石大政办发【2021】5号",
        "石大政办发〔２０２１〕５号",
        "石大政办发 〔 2021 〕 5 号",
        "石大政办发(2021) 5",
        " 石 大 政 办 发〔2021〕5号 ",
    ],
)
def test_every_spelling_parses_to_the_one_form(printed: str) -> None:
    number = parse_docnumber(printed)
    assert number == DocNumber("石大政办发", 2021, 5)
    assert str(number) == "石大政办发〔2021〕5号"


@pytest.mark.parametrize(
    "printed",
    ["", "〔2021〕5号", "石大政办发2021年5号", "石大政办发〔21〕5号", "<b>石大政发</b>〔2021〕5号"],
)
def test_what_is_not_a_document_number_is_refused_with_the_value(printed: str) -> None:
    with pytest.raises(DocNumberError) as error:
        parse_docnumber(printed)
    assert repr(printed) in str(error.value)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("根据石大党办发〔2018〕1号", ["石大党办发〔2018〕1号"]),
        ("详见石大政办发〔2021〕5号文件", ["石大政办发〔2021〕5号"]),
        ("见石大政办发〔2021〕5号", ["石大政办发〔2021〕5号"]),
        ("见国发〔2020〕3号", ["国发〔2020〕3号"]),
        ("经石大政发〔2021〕7号批准", ["石大政发〔2021〕7号"]),
        ("由宁政发〔2021〕7号", ["宁政发〔2021〕7号"]),
        ("按照国办发[2019]12号要求", ["国办发〔2019〕12号"]),
        (
            "《关于印发的通知》（石大政办发〔2021〕5号）和石大政发〔2021〕6号",
            ["石大政办发〔2021〕5号", "石大政发〔2021〕6号"],
        ),
        # codes that begin like a leading word keep it: 和政县, 同心县, 即墨区
        ("和政发〔2021〕1号", ["和政发〔2021〕1号"]),
        ("同政发〔2021〕1号", ["同政发〔2021〕1号"]),
        ("即墨政发〔2021〕2号", ["即墨政发〔2021〕2号"]),
        ("宁经信发〔2021〕4号", ["宁经信发〔2021〕4号"]),
    ],
)
def test_cited_numbers_are_found_without_the_words_before_them(
    text: str, numbers: list[str]
) -> None:
    found = find_docnumbers(text)
    assert [str(c.number) for c in found] == numbers
    for citation, number in zip(found, numbers, strict=True):
        printed = text[citation.start : citation.end]
        assert parse_docnumber(printed) == parse_docnumber(number)


def test_a_known_code_wins_over_the_cutting_of_leading_words() -> None:
    found = find_docnumbers("即厅字〔2020〕3号", frozenset({"厅字"}))
    assert [str(c.number) for c in found] == ["厅字〔2020〕3号"]


def test_a_number_after_a_leading_word_is_kept_whole_on_one_line_without_the_word() -> None:
    out = render_body(BodyJob("详见石大政办发〔2021〕5号，见宁政发〔2020〕3号。", ())).html
    assert out == (
        '<p>详见<span class="gz-docnum">石大政办发〔2021〕5号</span>，'
        '见<span class="gz-docnum">宁政发〔2020〕3号</span>。</p>'
    )
