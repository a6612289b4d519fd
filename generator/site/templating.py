"""The Jinja environment: page layout lives in ``generator/templates/``, not in Python.

Every template is autoescaped, macros included: a field of the content is text and is
written as text wherever it lands (HTML, Markdown pages, Atom feeds). Only finished,
sanitized HTML (rendered bodies, front matter) is marked safe.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

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
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
