"""The full-text index built in yearly shards and merged answers like one Pagefind run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.search import phrases
from generator.search.bundle import fragment_of, read
from generator.search.fulltext import index_site
from tests.conftest import FIXTURES, build
from tests.test_phrase_index import decode


def bundle(path: Path) -> dict[str, Any]:
    """A Pagefind bundle in terms of URLs: words, filters, sorts and pages."""
    entry = json.loads((path / "pagefind-entry.json").read_text(encoding="utf-8"))
    language, info = next(iter(entry["languages"].items()))
    meta = read(path / f"pagefind.{info['hash']}.pf_meta")
    urls = []
    for name, count in meta[1]:
        fragment = fragment_of((path / "fragment" / f"{name}.pf_fragment").read_bytes())
        urls.append((fragment["url"], count))
    words: dict[str, set[tuple[str, str]]] = {}
    for _, _, chunk in meta[2]:
        for word, entries, extra in read(path / "index" / f"{chunk}.pf_index")[0]:
            page = 0
            for delta, locations, meta_locations in entries:
                page += delta
                words.setdefault(word, set()).add(
                    (urls[page][0], json.dumps([locations, meta_locations, extra]))
                )
    filters = {}
    for _name, file in meta[3]:
        filter_name, pairs = read(path / "filter" / f"{file}.pf_filter")
        filters[filter_name] = {value: sorted(urls[p][0] for p in pages) for value, pages in pairs}
    sorts = {name: [urls[p][0] for p in order] for name, order in meta[4]}
    fragments = {}
    for name, _ in meta[1]:
        fragment = fragment_of((path / "fragment" / f"{name}.pf_fragment").read_bytes())
        fragments[fragment["url"]] = fragment
    return {
        "pages": sorted(urls),
        "words": words,
        "filters": filters,
        "sorts": sorts,
        "fields": sorted(meta[5]),
        "page_count": info["page_count"],
        "fragments": fragments,
    }


def test_merged_shards_equal_a_single_run(tmp_path: Path) -> None:
    site = build(FIXTURES / "site", tmp_path, search_index=False)
    built = index_site(site, tmp_path / "work")
    assert built == ["2020", "2021"]
    merged = bundle(site / "pagefind")
    single = tmp_path / "single"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-path",
            str(single),
            "--silent",
        ],
        check=True,
    )
    whole = bundle(single)
    assert merged["pages"] == whole["pages"]
    assert merged["page_count"] == whole["page_count"] == 8
    assert merged["words"] == whole["words"]
    assert merged["fragments"] == whole["fragments"]
    assert merged["filters"] == whole["filters"]
    assert merged["sorts"] == whole["sorts"]
    assert merged["fields"] == whole["fields"]
    assert len(merged["words"]) > 180


def test_only_changed_years_are_indexed_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    site = build(content, tmp_path / "one", search_index=False)
    work = tmp_path / "work"
    assert index_site(site, work) == ["2020", "2021"]
    before = {p.name for p in (work / "pagefind").iterdir()}
    published = sorted(p.name for p in (site / "pagefind").iterdir())
    # What an older build kept beside its shards is neither used nor published.
    for shard in (work / "pagefind").iterdir():
        (shard / "gz-pairs.pf_index").write_bytes(b"old")
        (shard / "gz-phrases-0.pickle").write_bytes(b"old")
    assert index_site(site, work) == []
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == published
    assert "phrases" in published and not [name for name in published if name.startswith("gz-")]
    doc = site / "2021/01/sdzbf-2021-4/index.html"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案印发", "春运工作方案（修订）印发"),
        encoding="utf-8",
    )
    assert index_site(site, work) == ["2021"]
    after = {p.name for p in (work / "pagefind").iterdir()}
    assert len(after) == 2 and len(before & after) == 1
    assert "修订" in bundle(site / "pagefind")["words"]


def test_the_phrase_index_holds_every_token_of_every_page(tmp_path: Path) -> None:
    """Built in yearly shards and merged: each token's pages and positions, read back from
    its bucket, are where the token is in the merged bundle's pages."""
    site = build(FIXTURES / "site", tmp_path, search_index=False)
    index_site(site, tmp_path / "work")
    merged = bundle(site / "pagefind")
    target = site / "pagefind" / phrases.FOLDER
    table = json.loads((target / "pages.json").read_text(encoding="utf-8"))
    expected: dict[str, dict[int, list[int]]] = {}
    urls = []
    for page, name in enumerate(table["fragments"]):
        path = site / "pagefind" / "fragment" / f"{name}.pf_fragment"
        fragment = fragment_of(path.read_bytes())
        urls.append(fragment["url"])
        for token, spots in phrases.tokens(phrases.flat(fragment["content"])).items():
            expected.setdefault(token, {})[page] = spots
    assert len(table["fragments"]) == merged["page_count"] == 8
    assert len(expected) == 255  # distinct pairs and words of the fixture's eight pages
    for token in sorted(expected):
        assert decode(target, token) == expected[token], token
    # 春运工作方案 of the fixture's 2021/01/sdzbf-2021-4, as its pairs one after another
    page = urls.index("/2021/01/sdzbf-2021-4/")
    starts = [
        at
        for at in expected["春运"][page]
        if all(at + i in expected[pair][page] for i, pair in enumerate(("运工", "工作", "作方"), 1))
    ]
    assert starts and all(at + 4 in expected["方案"][page] for at in starts)
