"""The shape of generator/: small modules and functions, one-way imports, no hidden state.

Data flows content → site → search; the importer writes content; build, serve and the
command line sit on top. These tests read the source (no import side effects)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
MODULE_LINES = 400
FUNCTION_LINES = 60
ENVIRONMENT_READERS = {"generator/__main__.py", "generator/progress.py", "generator/mkdocs_run.py"}
"""Where the environment may be touched: SITE_URL is read at the command line, CI by the progress
display; mkdocs_run hands MkDocs the build date through SOURCE_DATE_EPOCH (MkDocs' only input
for it) for one build and restores the caller's value."""


def modules() -> dict[str, Path]:
    """``generator.site.pages`` → its file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, at any depth of its code."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1]
                    + ([base] if base else [])
                )
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def graph() -> dict[str, set[str]]:
    """Imports between the package's modules."""
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def test_mkdocs_runs_only_what_the_build_imports() -> None:
    """No ``hooks:`` in mkdocs.yml: the theme adapter is registered by the build, which
    imports it, so every module MkDocs runs is an edge of the import graph above."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith(("hooks:", "  - generator/"))] == []


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    too_long = []
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MODULE_LINES:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(f"{name}.{node.name}: {length} lines")
    assert too_long == []


def test_imports_form_no_cycle() -> None:
    edges = graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("generator.content", {"generator.content", "generator.errors"}),
        (
            "generator.site",
            {"generator.content", "generator.site", "generator.search", "generator.errors"},
        ),
        ("generator.importer", {"generator.content", "generator.importer", "generator.errors"}),
    ],
)
def test_each_folder_imports_only_what_comes_before_it(package: str, allowed: set[str]) -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name == package or name.startswith(package + ".")
        for target in targets
        if not any(target == a or target.startswith(a + ".") for a in allowed)
    )
    assert wrong == []


def test_the_environment_is_read_only_at_the_command_line() -> None:
    readers = []
    for path in modules().values():
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("environ", "getenv", "putenv", "unsetenv")
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                readers.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(readers) - ENVIRONMENT_READERS) == []


def test_the_architecture_checks_can_fail(tmp_path: Path) -> None:
    """The cycle finder and the import reader see relative and absolute imports alike."""
    package = tmp_path / "generator"
    package.mkdir()
    (package / "a.py").write_text("from generator.b import x\n", encoding="utf-8")
    (package / "b.py").write_text("def f():\n    from .a import y\n", encoding="utf-8")
    known = {"generator.a", "generator.b"}
    assert imports("generator.a", package / "a.py", known) == {"generator.b"}
    assert imports("generator.b", package / "b.py", known) == {"generator.a"}
