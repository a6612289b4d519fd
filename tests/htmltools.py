"""Reading built pages in tests: links, text, and elements by id or class (stdlib parser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and cls not in node.attrs.get("class", "").split():
                continue
            if any(node.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls} {attrs}>"
        return found[0]

    def by_id(self, ident: str) -> Node:
        return self.find(id=ident)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(site: Path, url_path: str) -> Node:
    path = (
        site / url_path.strip("/") / "index.html"
        if not url_path.endswith(".html")
        else site / url_path
    )
    return parse(path.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def local_links(html_file: Path, site: Path, base_path: str = "/") -> list[tuple[str, str]]:
    """Every href/src of a built page that stays on the site: (as written, resolved path)."""
    rel = html_file.relative_to(site).as_posix()
    page_url = (
        "http://site"
        + base_path
        + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    )
    out = []
    for node in parse(html_file.read_text(encoding="utf-8")).iter():
        for attr in ("href", "src"):
            value = node.attrs.get(attr)
            if value is None or value.startswith(("mailto:", "javascript:", "data:", "#")):
                continue
            resolved = urlsplit(urljoin(page_url, value))
            if resolved.netloc != "site":
                continue
            out.append((value, resolved.path))
    return out


def target_exists(site: Path, path: str, base_path: str = "/") -> bool:
    if not path.startswith(base_path):
        return False
    rel = path[len(base_path) :]
    target = site / rel
    if path.endswith("/"):
        target = target / "index.html"
    return target.is_file()
