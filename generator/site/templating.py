"""The Jinja environment: page layout lives in ``generator/templates/``, not in Python.

Every template is autoescaped, macros included: a field of the content is text and is
written as text wherever it lands (HTML, Markdown pages, Atom feeds). Only finished,
sanitized HTML (rendered bodies, front matter) is marked safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2
import markupsafe

from generator.site.labels import issue_label

TEMPLATES = __package__ or "generator"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATES, "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["issue_label"] = issue_label
    env.filters["md_text"] = md_text
    return env


# The characters Python-Markdown lets a backslash escape (and | for tables): each one it
# could read as syntax becomes a literal character again.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(value: Any) -> markupsafe.Markup:
    """A content field written into Markdown (a table cell, a link's text): HTML-escaped,
    and every character Markdown could read as a link, an image, emphasis or code
    backslash-escaped, so that it stays the text it is."""
    escaped = str(markupsafe.escape(value))
    return markupsafe.Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", escaped))


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
