"""Quick find (the header search box): the theme's lunr search over the generator's small
index, queried with lunr.py the way the browser's search worker does it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import stemmer

from generator.search.quickfind import SEPARATOR
from tests.conftest import ROOT


class QuickFind:
    """The theme's search worker in Python: same fields and boosts, same tokenizer
    (the configured separator), same query handling (Han runs cut into words found in
    the index, every term a prefix, terms OR-ed)."""

    def __init__(self, index_file: Path):
        data = json.loads(index_file.read_text(encoding="utf-8"))
        self.separator = re.compile(data["config"]["separator"])
        self.docs = {doc["location"]: doc for doc in data["docs"]}
        builder = Builder()
        builder.b(0)  # the theme turns off field-length normalisation
        builder.pipeline.add(stemmer)
        builder.search_pipeline.add(stemmer)
        builder.ref("location")
        for name, spec in data["config"]["fields"].items():
            builder.field(name, boost=spec.get("boost", 1), extractor=self._extract(name))
        for doc in data["docs"]:
            builder.add(doc, {"boost": doc.get("boost", 1)})
        self.index: Index = builder.build()

    def _extract(self, name: str):
        return lambda doc: (
            [t for t in self.separator.split(doc.get(name, "")) if t] if name in doc else None
        )

    def _segment(self, run: str) -> list[str]:
        """Material's segment(): longest words of the index, the query's last character excluded."""
        vocabulary = self.index.inverted_index
        cuts = [0] * len(run)
        for i in range(len(run)):
            for j in range(i + 1, len(run)):
                if run[i:j] in vocabulary:
                    cuts[i] = j - i
        segments: dict[str, None] = {}
        stack = [0]
        while stack:
            p = stack.pop()
            for q in range(1, cuts[p]):
                if cuts[p + q] > cuts[p] - q:
                    segments[run[p : p + q]] = None
                    stack.append(p + q)
            q = p + cuts[p]
            if q < len(run) and cuts[q] and q < len(run) - 1:
                stack.append(q)
            segments[run[p:q]] = None
        return [run] if "" in segments else list(segments)

    def search(self, text: str) -> list[str]:
        text = re.sub(r"[\u4e00-\u9fff]+", lambda m: "* ".join(self._segment(m.group(0))), text)
        terms = [t for part in text.split() for t in self.separator.split(part.strip("*")) if t]
        query = self.index.create_query()
        for term in terms:
            query.term(term.lower(), wildcard=Query.WILDCARD_TRAILING)
        # The theme boosts each result by the share of query terms it matched.
        ranked = []
        for result in self.index.query(query):
            matched = {
                t
                for t in terms
                if any(token.startswith(t.lower()) for token in result["match_data"].metadata)
            }
            boost = 1 + len(matched) / len(terms)
            ranked.append((-result["score"] * (1 + boost**2), result["ref"]))
        return [ref for _, ref in sorted(ranked)]


@pytest.fixture(scope="module")
def quickfind(real_site: Path) -> QuickFind:
    return QuickFind(real_site / "search" / "search_index.json")


@pytest.mark.parametrize(
    "query",
    [
        "石大政办发〔2021〕5号",
        "石大政办发[2021]5号",
        "石大政办发(2021)5号",
        "石大政办发（2021）5号",
        "石大政办发〔2021〕5",
    ],
)
def test_document_number_comes_first_in_any_bracket_style(quickfind: QuickFind, query: str) -> None:
    assert quickfind.search(query)[0] == "2021/02/sdzbf-2021-5/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("石大党办综〔2021〕21号", "2021/02/sddbz-2021-21/"),
        ("石大党发〔2021〕18号", "2021/02/sddf-2021-18/"),
        ("石大政办发〔2021〕8号", "2021/02/sdzbf-2021-8/"),
    ],
)
def test_other_numbers(quickfind: QuickFind, query: str, expected: str) -> None:
    assert quickfind.search(query)[0] == expected


def test_title_words_organs_sections_and_issues(quickfind: QuickFind) -> None:
    assert quickfind.search("红黑榜")[0] == "2021/02/sddbf-2021-10/"
    assert quickfind.search("法律顾问团")[0] == "2021/02/sdzbf-2021-5/"
    assert "2021/02/sdzbf-2021-6/" in quickfind.search("消费者权益")[:3]
    assert (
        quickfind.search("大武口区人民政府办公室")[0] == "organs/dawukouqurenminzhengfubangongshi/"
    )
    assert quickfind.search("党政办联合发文件")[0] == "sections/dangzhengbanlianhefawenjian/"
    assert quickfind.search("2021年第2期")[0] == "2021/02/"
    assert quickfind.search("2021年第02期")[0] == "2021/02/"
    assert quickfind.search("总第23期")[0] == "2021/02/"


def test_index_holds_titles_not_body_text(quickfind: QuickFind) -> None:
    assert quickfind.search("熊伟") == []  # a name in a table of a body
    assert all(
        doc["text"] == ""
        for doc in quickfind.docs.values()
        if doc["location"].startswith("2021/02/sd")
    )
    titles = [doc["title"] for doc in quickfind.docs.values()]
    assert (
        "石大政办发〔2021〕5号 关于\u200b调整\u200b大武口区\u200b人民政府\u200b法律\u200b"
        "顾问团\u200b组成\u200b人员\u200b的\u200b通知" in titles
    )


def test_separator_is_the_one_mkdocs_gives_the_theme() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    search = next(
        plugin["search"]
        for plugin in config["plugins"]
        if isinstance(plugin, dict) and "search" in plugin
    )
    assert search["separator"] == SEPARATOR


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
