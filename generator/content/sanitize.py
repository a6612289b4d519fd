"""Raw HTML in document bodies: what `check` rejects and what the renderer lets through.

Editors may write a few HTML tags where Markdown cannot say it (tables with merged
cells, line breaks, super- and subscripts). Anything else — scripts, event handlers,
``javascript:`` links, frames, styles — is reported by ``check`` with its line, and a
forced build still removes it: rendered bodies go through the nh3 (ammonia) sanitizer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

RAW_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "th", "td", "br", "sup", "sub"})
"""Tags an editor may write by hand in a body."""
RAW_ATTRIBUTES = {"th": {"rowspan", "colspan"}, "td": {"rowspan", "colspan"}}

BODY_CLASSES = frozenset(
    {"gz-addressee", "gz-signature", "gz-note", "gz-attachments", "gz-missing"}
)
"""Classes a body may set with an attribute list such as ``{: .gz-signature }``."""

# What Markdown itself produces from a body, plus the raw tags above.
RENDERED_TAGS = RAW_TAGS | {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "a",
    "code",
    "pre",
    "hr",
    "caption",
    "span",
}
RENDERED_ATTRIBUTES = {
    "th": {"rowspan", "colspan"},
    "td": {"rowspan", "colspan"},
    "p": {"class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "a": {"href", "title", "class"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_ATTR_LIST = re.compile(r"\{:?\s*([^}]*)\}\s*$", re.MULTILINE)
# Inline links [text](javascript:…) and reference definitions [1]: javascript:…
_UNSAFE_LINK = re.compile(
    r"(?:\]\(\s*<?|^ {0,3}\[[^\]\n]+\]:\s*<?)(?P<scheme>javascript|data|vbscript):",
    re.IGNORECASE | re.MULTILINE,
)
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\s*[(\[][^)\]\n]*[)\]]")

LINK_TARGETS = re.compile(
    r"(?<!!)\[[^\[\]\n]*\]\(\s*<?(?P<inline>[^)\s>]+)|^ {0,3}\[[^\[\]\n]+\]:\s*<?(?P<ref>[^\s>]+)",
    re.MULTILINE,
)
"""Targets of Markdown links in a body: inline ``[text](target)`` and ``[label]: target``."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in RAW_TAGS:
            self.found.append(
                (
                    line,
                    f"raw HTML <{tag}> is not allowed in a body; allowed tags: "
                    + ", ".join(sorted(RAW_TAGS)),
                )
            )
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (line, f"event-handler attribute {name}= on <{tag}> is not allowed")
                )
            elif name not in RAW_ATTRIBUTES.get(tag, set()):
                allowed = ", ".join(sorted(RAW_ATTRIBUTES.get(tag, set()))) or "none"
                self.found.append(
                    (line, f"attribute {name}= on <{tag}> is not allowed (allowed: {allowed})")
                )
            elif value is not None and not value.strip().isdigit():
                self.found.append((line, f"{name}={value!r} on <{tag}> must be a number"))


# Tags exactly as the importer writes them. A body whose tags all look like this needs no
# parser; anything else goes through the real HTML parser for an exact verdict.
_PLAIN_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|th|td|br|sup|sub)(?:\s+(?:rowspan|colspan)=\"\d+\")*\s*/?>"
)
_ANY_TAG_START = re.compile(r"<[!/?a-zA-Z]")


def _only_plain_tags(body: str) -> bool:
    return len(_ANY_TAG_START.findall(body)) == len(_PLAIN_TAG.findall(body))


def find_unsafe_html(body: str) -> list[tuple[int, str]]:
    """Problems in a Markdown body as ``(line within the body, message)``."""
    found: list[tuple[int, str]] = []
    if not _only_plain_tags(body):
        scanner = _Scanner()
        scanner.feed(body)
        scanner.close()
        found = scanner.found
    for match in _UNSAFE_LINK.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        found.append((line, f"a {match['scheme'].lower()}: link is not allowed in a body"))
    for match in _IMAGE.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        found.append(
            (
                line,
                f"image {match[0][:40]!r}: bodies have no images; describe the printed image "
                "in a paragraph marked {: .gz-missing }",
            )
        )
    for match in _ATTR_LIST.finditer(body):
        tokens = match[1].split()
        bad = [t for t in tokens if not (t.startswith(".") and t[1:] in BODY_CLASSES)]
        if bad and (
            match[0].startswith("{:") or all(t.startswith((".", "#")) or "=" in t for t in tokens)
        ):
            line = body.count("\n", 0, match.start()) + 1
            found.append(
                (
                    line,
                    f"attribute list {match[0].strip()!r} may only set one of the classes "
                    + ", ".join("." + c for c in sorted(BODY_CLASSES)),
                )
            )
    return sorted(found)


def find_relative_links(body: str) -> list[tuple[int, str]]:
    """``(line within the body, target)`` of every link that is not a web or mail address or
    an anchor on the page: such a link would point into ``content/``, which is not published."""
    found = []
    for match in LINK_TARGETS.finditer(body):
        target = match["inline"] or match["ref"]
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", target)
        if target.startswith("#") or (scheme and scheme[1].lower() in URL_SCHEMES):
            continue
        if scheme is None:
            found.append((body.count("\n", 0, match.start()) + 1, target))
    return found


def clean_body_html(html: str) -> str:
    """Sanitize a rendered body: only the tags and attributes bodies need survive."""
    return nh3.clean(
        html,
        tags=set(RENDERED_TAGS),
        attributes={tag: set(names) for tag, names in RENDERED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
