"""Writing content text into outputs that are not Jinja templates.

Fields that are not bodies are plain text; ``check`` refuses markup in them, and every
output escapes them anyway, so a bug in one layer is not an exploit:

* the theme writes a page's ``title`` and ``description`` from the front matter into the
  page unescaped, so the front matter carries them HTML-escaped;
* the theme's search box shows quick-find titles as HTML, so they are escaped too;
* JSON files spell ``<``, ``>`` and ``&`` as ``\\u003c``, ``\\u003e`` and ``\\u0026``: the
  same data for any JSON reader, and inert if a page ever inlines the file.
"""

from __future__ import annotations

import html
import json
from typing import Any

_JSON_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def html_text(text: str) -> str:
    """Plain text as HTML: ``<``, ``>``, ``&`` and both quotes as character references."""
    return html.escape(text, quote=True)


def json_text(data: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """JSON (UTF-8, not ASCII-escaped) with ``<``, ``>`` and ``&`` escaped inside strings.

    Outside strings JSON has none of these characters, so the translation is safe on the
    whole text."""
    separators = (",", ":") if compact else None
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators).translate(
        _JSON_HTML
    )
