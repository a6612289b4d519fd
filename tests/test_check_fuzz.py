"""Property: whatever an editor writes — random YAML, front matter and Markdown — the
loader and `check` end either clean or with `path:line: message` problems, never with a
traceback. Hypothesis builds the files from pieces of valid content broken at random."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.load import load_archive
from generator.content.validate import validate_archive
from generator.errors import Problem
from tests.contentkit import valid_content

KEYS = [
    "title",
    "doc_number",
    "organs",
    "date",
    "section",
    "page",
    "order",
    "slug",
    "year",
    "number",
    "total_number",
    "sections",
    "masthead",
    "events",
    "text",
    "start",
    "end",
    "website",
    "editors",
]
HOSTILE = [
    "<b>x</b>",
    "x<y",
    "a>b",
    "\u202e文",
    "文\t字",
    "159 1234 5678",
    "大武口区文鹏小区37-3-2",
    "javascript:alert(1)",
    "index",
    "chronicle",
]
ODD = [
    "",
    "~",
    "null",
    "2021-02-30",
    "2021-01-05",
    "0",
    "-1",
    "3",
    "1e3",
    "true",
    "[]",
    "{}",
    "石大政办发〔2021〕1号",
    "石大政办发2021年5号",
    "'",
    '"',
    "- a",
    "a: b",
    "&anchor x",
    "*anchor",
    "!!python/object:os.system",
    "http://x",
]
SCALARS = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(ODD), st.text(max_size=12))
MARKDOWN = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "## 标题",
                "<table>",
                "</table>",
                '<tr><td rowspan="x">a</td></tr>',
                "<script>x</script>",
                "{: .gz-note }",
                "{: #id .x }",
                "![a](b.png)",
                "[a](missing.md)",
                "[1]: javascript:x",
                "---",
                "1\\. 条",
                "| a | b |\n| - | - |\n| 1 | 2 |",
                "\ufeff",
                "&lt;img&gt;",
            ]
        ),
        st.text(max_size=20),
    ),
    max_size=8,
).map("\n\n".join)


@st.composite
def yaml_text(draw: st.DrawFn) -> str:
    """YAML-ish lines of known keys and hostile values."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indent = draw(st.sampled_from(["", "", "  ", "  - "]))
        lines.append(f"{indent}{draw(st.sampled_from(KEYS))}: {draw(SCALARS)}")
        if draw(st.booleans()):
            lines.append(f"  - {draw(SCALARS)}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n---\n", "\n..."]))


@st.composite
def mutated(draw: st.DrawFn, valid: str) -> str:
    """A valid file with a few lines broken: a value replaced, a line dropped, doubled or added."""
    lines = valid.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        operation = draw(
            st.sampled_from(["value", "value", "item", "item", "drop", "double", "insert"])
        )
        # A value is broken on a line that has one: a field, or an entry of a list.
        marker = {"value": ": ", "item": "- "}.get(operation, "")
        candidates = [i for i, line in enumerate(lines) if marker in line] or [0]
        at = draw(st.sampled_from(candidates))
        line = lines[at] if lines else ""
        if operation == "value" and ": " in line:
            lines[at] = line.split(": ", 1)[0] + ": " + draw(SCALARS)
        elif operation == "item" and line.lstrip().startswith("- "):
            lines[at] = line.split("- ", 1)[0] + "- " + draw(SCALARS)
        elif operation == "drop" and lines:
            del lines[at]
        elif operation == "double" and lines:
            lines.insert(at, line)
        else:
            lines.insert(at, f"{draw(st.sampled_from(KEYS))}: {draw(SCALARS)}")
    return "\n".join(lines)


def check(content: Path) -> list[Problem]:
    loaded = load_archive(content)
    return list(loaded.problems) + validate_archive(loaded.archive)


def assert_problems_name_a_line(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.line >= 1 and problem.path and problem.message, problem
        assert re.match(r"^\S.*:\d+: ", str(problem)), str(problem)


@settings(max_examples=250, deadline=None)
@given(
    data=st.data(),
    breaks=st.sets(st.sampled_from(["issue", "front", "chronicle", "body"]), min_size=1),
    random_files=st.booleans(),
)
def test_random_content_never_raises(
    tmp_path_factory,
    data: st.DataObject,
    breaks: set[str],
    random_files: bool,
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    content = valid_content(root)
    folder = content / "2021/01"
    doc = folder / "doc-1.md"
    _, front, body = doc.read_text(encoding="utf-8").split("---\n", 2)

    def broken(valid: str) -> str:
        return data.draw(yaml_text() if random_files else mutated(valid))

    for name in ("issue", "chronicle"):
        if name in breaks:
            path = folder / f"{name}.yml"
            path.write_text(broken(path.read_text(encoding="utf-8")), encoding="utf-8")
    if "front" in breaks:
        front = broken(front)
    if "body" in breaks:
        body = data.draw(MARKDOWN)
    doc.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    assert_problems_name_a_line(check(content))
    shutil.rmtree(root)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_in_a_document_never_raise(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("bytes")
    content = valid_content(root)
    (content / "2021/01/doc-1.md").write_bytes(b"---\ntitle: " + data + b"\n---\n" + data)
    assert_problems_name_a_line(check(content))
    shutil.rmtree(root)
