"""The full-text index built in yearly shards and merged answers like one Pagefind run."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.search.bundle import MAGIC, read
from generator.search.fulltext import index_site
from generator.search.pairs import PREFIX, decode, page_words, pair_token
from tests.conftest import FIXTURES, build


def bundle(path: Path) -> dict[str, Any]:
    """A Pagefind bundle in terms of URLs: words, filters, sorts and pages."""
    entry = json.loads((path / "pagefind-entry.json").read_text(encoding="utf-8"))
    language, info = next(iter(entry["languages"].items()))
    meta = read(path / f"pagefind.{info['hash']}.pf_meta")
    urls = []
    for name, count in meta[1]:
        fragment = json.loads(
            gzip.decompress((path / "fragment" / f"{name}.pf_fragment").read_bytes())[len(MAGIC) :]
        )
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
        fragment = json.loads(
            gzip.decompress((path / "fragment" / f"{name}.pf_fragment").read_bytes())[len(MAGIC) :]
        )
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
    # The merged index adds the Han character pairs (generator/search/pairs.py) and nothing else.
    pairs = {word: pages for word, pages in merged["words"].items() if word.startswith(PREFIX)}
    assert {word: pages for word, pages in merged["words"].items() if word not in pairs} == whole[
        "words"
    ]
    assert len(pairs) == 232  # distinct pairs of Han characters in the fixture's eight pages
    # The pages' fragments (what a result loads for its excerpt) are Pagefind's, without pairs.
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
    assert index_site(site, work) == []
    doc = site / "2021/01/sdzbf-2021-4/index.html"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("春运工作方案印发", "春运工作方案（修订）印发"),
        encoding="utf-8",
    )
    assert index_site(site, work) == ["2021"]
    after = {p.name for p in (work / "pagefind").iterdir()}
    assert len(after) == 2 and len(before & after) == 1
    assert "修订" in bundle(site / "pagefind")["words"]


def test_every_han_pair_of_a_page_is_indexed_at_its_word(tmp_path: Path) -> None:
    site = build(FIXTURES / "site", tmp_path, search_index=False)
    index_site(site, tmp_path / "work")
    merged = bundle(site / "pagefind")
    url = "/2021/01/sdzbf-2021-4/"
    words = page_words(merged["fragments"][url]["content"])
    assert all(PREFIX not in fragment["content"] for fragment in merged["fragments"].values())
    # 春运工作方案 gives 春运 运工 工作 作方 方案, whatever the words it was cut into.
    for a, b in ("春运", "运工", "工作", "作方", "方案"):
        entries = [
            json.loads(locations)
            for page, locations in merged["words"][pair_token(a, b)]
            if page == url
        ]
        assert len(entries) == 1
        spots = [position for _, position in decode(entries[0][0])]
        assert spots, (a, b)
        for spot in spots:
            here = words[spot] + (words[spot + 1][:1] if spot + 1 < len(words) else "")
            assert a + b in here, (a + b, here)
    # Pairs across punctuation are not indexed: 。 and ， end a run.
    assert not any(page == url for page, _ in merged["words"].get(pair_token("知", "现"), set()))
