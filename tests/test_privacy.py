"""The personal-data rule (generator/privacy.py): what is masked, how, and what is left alone."""

from __future__ import annotations

import random

import pytest

from generator.content.privacy import find_personal_data, mask_personal_data

MASKED = [
    ("王海北 18152378870", "王海北 181****8870", "mobile"),
    ("王海北 1815237887", "王海北 181****7887", "mobile"),  # OCR dropped a digit
    ("电话139 1234 5678", "电话139 **** 5678", "mobile"),
    ("电话139-1234-5678", "电话139-****-5678", "mobile"),
    ("手机１３９１２３４５６７８", "手机１３９****５６７８", "mobile"),
    ("+86 139 1234 5678", "+86 139 **** 5678", "mobile"),
    ("电话139.1234.5678", "电话139.****.5678", "mobile"),
    ("电话139．1234．5678", "电话139．****．5678", "mobile"),
    ("电话139–1234–5678", "电话139–****–5678", "mobile"),  # en dash
    ("电话139\u00a01234\u00a05678", "电话139\u00a0****\u00a05678", "mobile"),
    ("电话1391234\u200b5678", "电话139****\u200b5678", "mobile"),
    ("电话：0952-2012345", "电话：0952-201****", "landline"),
    ("（0952）2033625", "（0952）203****", "landline"),
    ("联系电话:2019315,邮箱", "联系电话:201****,邮箱", "landline"),
    ("身份证号640202198001011234", "身份证号**************1234", "id-card"),
    ("身份证号64020219800101123x", "身份证号**************123x", "id-card"),
    ("身份证号 640202 19800101 123X", "身份证号 ****** ******** 123X", "id-card"),
    ("身份证号 640202 1980 0101 123X", "身份证号 ****** **** **** 123X", "id-card"),
    ("身份证号110105491231002", "身份证号***********1002", "id-card"),  # 15 digits, 1949-12-31
    ("卡号6222021234567890", "卡号************7890", "bank-card"),
    ("卡号6222 0212 3456 7890", "卡号**** **** **** 7890", "bank-card"),
    ("大武口区文鹏小区37-3-2", "大武口区文鹏小区**-*-*", "address"),
    ("大武口区永康花园 A4-7-101", "大武口区永康花园 **-*-***", "address"),
    ("大武口区天盛隆4-1014", "大武口区天盛隆*-****", "address"),
    ("大武口区建设西街2-1", "大武口区建设西街*-*", "address"),
    ("惠农区文景广场综合楼405", "惠农区文景广场综合楼***", "address"),
    ("朝阳小区2号楼3单元402室", "朝阳小区*号楼*单元***室", "address"),
    ("星海镇3栋2单元501", "星海镇*栋*单元***", "address"),
]

KEPT = [
    "2021年3月9日下午18:00前",
    "注册号640200000012345",  # 15 digits without a birth date: a business registration
    "2021.6.30",
    "２０２１．６．３０",
    "版本1.13.1234.5678",
    "2021-03-09",
    "于2021-3-9召开",
    "2020-2022年",
    "表2-1",
    "附件1-2021年宣传用语",
    "第1-3-5条",
    "GB/T 9704-2012",
    "共计12345678元",
    "“3·15”活动",
    "159****2302",
    "文鹏小区**-*-*",
    "石大政办发〔2021〕5号",
    "大武口区星海镇枣香村羊场",
    "邮政编码753000",
]


@pytest.mark.parametrize(("text", "masked", "kind"), MASKED)
def test_masked(text: str, masked: str, kind: str) -> None:
    assert mask_personal_data(text) == masked
    assert [finding.kind for finding in find_personal_data(text)] == [kind]
    assert mask_personal_data(masked) == masked
    assert find_personal_data(masked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text: str) -> None:
    assert find_personal_data(text) == []


def test_random_numbers_in_every_spelling_are_masked() -> None:
    rng = random.Random(7)
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    for _ in range(300):
        mobile = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        spelled = rng.choice(
            [
                mobile,
                f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}",
                f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
                mobile.translate(fullwidth),
            ]
        )
        text = f"联系人王某{spelled}，请联系。"
        masked = mask_personal_data(text)
        digits = [
            c
            for c in masked.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            if c.isdigit()
        ]
        assert "".join(digits) == mobile[:3] + mobile[-4:], (text, masked)
        flat = f"{rng.randrange(1, 99)}-{rng.randrange(1, 9)}-{rng.randrange(101, 2502)}"
        assert mask_personal_data(f"住大武口区某某小区{flat}") == "住大武口区某某小区" + "".join(
            "*" if c.isdigit() else c for c in flat
        )


def test_findings_in_a_long_text_are_where_they_are_on_their_lines() -> None:
    """A body is searched line by line (only lines that may hold a number): each finding's
    place in the whole text is its place on its line plus the lines before it."""
    lines = [
        "第一行没有号码。",
        "联系电话：13912345678，",
        "",
        "住址：3号楼2单元402室",
        "2021年3月",
    ]
    text = "\n".join(lines)
    found = [(f.kind, f.start, f.end, f.text) for f in find_personal_data(text)]
    assert found == [
        ("mobile", 14, 25, "13912345678"),
        ("address", 31, 41, "3号楼2单元402室"),
    ]
    assert [text[start:end] for _, start, end, _ in found] == ["13912345678", "3号楼2单元402室"]
    assert mask_personal_data(text).split("\n")[1] == "联系电话：139****5678，"
