"""YAML in and out.

Reading keeps the line of every key and list item so that errors can say
``path:line``; scalars keep their raw text and resolved tag so the schema can tell
``15`` from ``"15"`` and report an impossible date such as ``2021-02-30`` instead of
crashing on it. Writing produces the readable, stable YAML editors commit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import yaml

INT_TAG = "tag:yaml.org,2002:int"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
FLOAT_TAG = "tag:yaml.org,2002:float"


@dataclass(frozen=True)
class Scalar:
    """A YAML scalar as written: its text, resolved tag and line (1-based)."""

    value: str
    tag: str
    line: int
    quoted: bool


@dataclass(frozen=True)
class Mapping:
    items: dict[str, tuple[int, Any]]
    """key → (line of the key, node)."""
    line: int


@dataclass(frozen=True)
class Sequence:
    items: tuple[Any, ...]
    line: int


Node = Scalar | Mapping | Sequence


class YamlError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse YAML text into line-annotated nodes; ``first_line`` is the line of the text's first
    line."""
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return _parse_slowly(text, first_line)
    return None if root is None else _convert(root, first_line)


def _parse_slowly(text: str, first_line: int) -> Node | None:
    """The pure-Python parser, for its clearer error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        # Report where the broken structure starts (an unclosed [ or a bad key), and say
        # where the parser noticed it.
        mark = error.context_mark or error.problem_mark
        line = (mark.line if mark else 0) + first_line
        message = f"YAML does not parse: {error.problem or error}"
        if (
            error.context_mark
            and error.problem_mark
            and error.problem_mark.line != error.context_mark.line
        ):
            message += f" (noticed on line {error.problem_mark.line + first_line})"
        raise YamlError(line, message) from None
    except yaml.YAMLError as error:
        raise YamlError(first_line, f"YAML does not parse: {error}") from None
    return None if root is None else _convert(root, first_line)


_DEEPEST = 20
"""Levels of nesting no content file needs (a document's front matter has three)."""


def _convert(node: yaml.Node, offset: int, seen: set[int] | None = None, depth: int = 0) -> Node:
    """Line-annotated nodes. An anchor's value used again (``*name``) is refused, as is
    nesting deeper than any content file needs: either can make a small file expand without
    end."""
    seen = set() if seen is None else seen
    seen.add(id(node))
    line = node.start_mark.line + offset
    if depth > _DEEPEST:
        raise YamlError(line, f"nested more than {_DEEPEST} levels deep")
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, node.tag, line, node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        return Sequence(
            tuple(_child(child, line, offset, seen, depth) for child in node.value), line
        )
    assert isinstance(node, yaml.MappingNode)
    items: dict[str, tuple[int, Any]] = {}
    for key, value in node.value:
        key_line = key.start_mark.line + offset
        if not isinstance(key, yaml.ScalarNode):
            raise YamlError(key_line, "a key must be a plain name, not a list or a mapping")
        name = key.value
        if name in items:
            raise YamlError(key_line, f"key {name!r} appears twice")
        items[name] = (key_line, _child(value, key_line, offset, seen, depth))
    return Mapping(items, line)


def _child(node: yaml.Node, line: int, offset: int, seen: set[int], depth: int) -> Node:
    """A value inside a list or mapping at ``line``; the same node twice is an alias."""
    if id(node) in seen:
        raise YamlError(
            line, "anchors and aliases (&name, *name) are not allowed: write the value out"
        )
    return _convert(node, offset, seen, depth + 1)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar(STR_TAG, data, style=style)


def _date_representer(dumper: yaml.SafeDumper, data: datetime.date) -> yaml.ScalarNode:
    return dumper.represent_scalar(TIMESTAMP_TAG, data.isoformat())


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(datetime.date, _date_representer)


def dump(data: Any) -> str:
    """YAML with Chinese as is, keys in the given order, lists indented under their key."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
        indent=2,
    )
