"""The gazette's Markdown extension: citation links, raw tables, table boxes, whole numbers."""

from __future__ import annotations

from generator.site.bodies import BodyJob, render_body
from generator.site.extension import converter, shared_extensions

CITED = ("石大政发〔2021〕1号", "../sdzf-2021-1/", "关于“某某”的通知")
OTHER = ("石大政办发〔2020〕18号", "../../2020/12/sdzbf-2020-18/", "供暖方案")


def html(markdown: str, *links: tuple[str, str, str]) -> str:
    return render_body(BodyJob(markdown, tuple(links))).html


def test_every_cited_number_in_text_becomes_one_link_and_the_text_between_stays() -> None:
    out = html(
        "根据石大政发〔2021〕1号和石大政办发〔2020〕18号，再按石大政发〔2021〕1号执行。",
        CITED,
        OTHER,
    )
    assert out == (
        '<p>根据<a class="gz-cite" href="../sdzf-2021-1/" title="关于“某某”的通知">石大政发〔2021〕'
        "1号</a>和"
        '<a class="gz-cite" href="../../2020/12/sdzbf-2020-18/" title="供暖方案">石大政办发〔2020〕'
        "18号</a>，再按"
        '<a class="gz-cite" href="../sdzf-2021-1/" title="关于“某某”的通知">石大政发〔2021〕1号</a>'
        "执行。</p>"
    )


def test_numbers_not_in_the_gazette_code_and_links_are_left_alone() -> None:
    out = html(
        "根据石大政发〔2019〕3号、`石大政发〔2021〕1号`与[石大政发〔2021〕1号](https://example.org/"
        ")。",
        CITED,
    )
    assert 'class="gz-cite"' not in out
    assert '<span class="gz-docnum">石大政发〔2019〕3号</span>' in out
    assert '<code><span class="gz-docnum">石大政发〔2021〕1号</span></code>' in out
    assert '<a href="https://example.org/">石大政发〔2021〕1号</a>' in out


def test_a_number_after_emphasis_and_in_a_heading_is_linked_and_the_heading_keeps_its_id() -> None:
    out = html("## 关于石大政发〔2021〕1号\n\n**依据**石大政发〔2021〕1号办理。", CITED)
    assert out.startswith('<h2 id="关于石大政发20211号">关于<a class="gz-cite"')
    assert '<strong>依据</strong><a class="gz-cite"' in out


def test_raw_tables_pass_through_boxed_and_numbered_and_unlinked() -> None:
    table = '<table>\n<tr><td rowspan="2">石大政发〔2021〕1号</td></tr>\n</table>'
    out = html(f"前言。\n\n{table}\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n后记。", CITED)
    assert out.count('<div class="gz-table" role="region" tabindex="0"') == 2
    assert (
        'aria-label="表格1"><table class="gz-grid">\n<tbody><tr><td rowspan="2"><span class="gz-doc'
        "nu"
        'm">石大政发〔2021〕1号</span></td>' in out
    )
    assert 'aria-label="表格2"><table class="gz-grid">\n<thead>' in out
    assert 'class="gz-cite"' not in out
    assert out.endswith("</table></div>\n<p>后记。</p>")


def test_bodies_use_the_markdown_configuration_of_mkdocs_yml() -> None:
    names, configs = shared_extensions()
    assert names == ["toc", "tables", "fenced_code", "attr_list", "sane_lists"]
    assert configs["toc"]["slugify"]("一、重大意义", "-") == "一重大意义"
    md, _ = converter()
    assert [type(e).__module__ for e in md.registeredExtensions] == [
        "markdown.extensions.toc",
        "markdown.extensions.fenced_code",
        "markdown.extensions.attr_list",
        "generator.site.extension",
    ]  # the extensions that register themselves; tables and sane_lists are checked by effect
    assert "<table" in html("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |")
    # sane_lists: a numbered list does not swallow the bulleted one after it
    assert html("1. 甲\n\n* 乙").count("<ul>") == 1


def test_masked_numbers_and_addresses_stay_stars_and_bold_stays_bold() -> None:
    out = html(
        "住文鹏小区*号楼*单元***室，电话139 **** 5678、181****8870，"
        "卡号**** **** **** 7890，身份证**************002X，文鹏小区**-*-*。\n\n"
        "**1. 农业产业招商一组**\n"
    )
    assert out == (
        "<p>住文鹏小区*号楼*单元***室，电话139 **** 5678、181****8870，"
        "卡号**** **** **** 7890，身份证**************002X，文鹏小区**-*-*。</p>\n"
        "<p><strong>1. 农业产业招商一组</strong></p>"
    )
