"""The synthetic archive for benchmarks: valid, deterministic, realistic."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from bench.synth import main, synth_archive
from generator.content.load import load_archive
from generator.content.validate import validate_archive
from tests.conftest import CONTENT

SOURCE = CONTENT / "2021" / "02"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "content"
    assert main(["--years", "2", "--out", str(out), "--seed", "7", "--source", str(SOURCE)]) == 0
    return out


def test_synthetic_archive_passes_check(two_years: Path) -> None:
    loaded = load_archive(two_years)
    assert loaded.problems == ()
    assert validate_archive(loaded.archive, today=datetime.date.max) == []
    issues = loaded.archive.issues
    assert len(issues) == 24
    assert (issues[0].year, issues[0].number, issues[0].total_number) == (2019, 4, 1)
    assert (issues[-1].year, issues[-1].number, issues[-1].total_number) == (2021, 3, 24)
    assert len(loaded.archive.documents) == 24 * 12
    assert all(issue.chronicle is not None for issue in issues)


def test_the_real_issue_is_included_once_unchanged(two_years: Path) -> None:
    real = two_years / "2021" / "02"
    for path in SOURCE.iterdir():
        if path.name != "source.txt":
            assert (real / path.name).read_text(encoding="utf-8") == path.read_text(
                encoding="utf-8"
            )
    assert not (real / "source.txt").exists()
    bodies = [doc.body for doc in load_archive(two_years).archive.documents]
    cover = "现将《大武口区困难退役军人帮扶援助工作方案》印发给你们"
    assert sum(cover in body for body in bodies) == 1


def test_numbers_and_dates_are_distinct(two_years: Path) -> None:
    archive = load_archive(two_years).archive
    numbers = [str(doc.doc_number) for doc in archive.documents]
    assert len(numbers) == len(set(numbers))
    assert {n.split("〔")[0] for n in numbers} == {
        "石大党发",
        "石大党办发",
        "石大党办综",
        "石大政办发",
    }
    assert len({issue.date for issue in archive.issues}) == 24
    for chronicle in archive.chronicles:
        assert chronicle.start <= min(chronicle.days) and max(chronicle.days) <= chronicle.end
        assert chronicle.days == tuple(sorted(set(chronicle.days)))


def test_bodies_are_realistic_recombinations(two_years: Path) -> None:
    archive = load_archive(two_years).archive
    real = {
        block.strip() for doc in archive.issues[22].documents for block in doc.body.split("\n\n")
    }
    synthetic = [doc for doc in archive.documents if doc.issue.year == 2019]
    sizes = sorted(len(doc.body) for doc in synthetic)
    assert sizes[len(sizes) // 2] > 5000
    for doc in synthetic[:20]:
        paragraphs = [
            b.strip()
            for b in doc.body.split("\n\n")
            if len(b) > 40 and "{:" not in b and not b.startswith(("#", "根据《"))
        ]
        assert paragraphs and all(p in real for p in paragraphs)
    citations = sum("）要求，结合我区实际" in doc.body for doc in synthetic)
    assert citations > len(synthetic) // 3


def test_same_seed_same_archive_and_another_seed_another() -> None:
    first = synth_archive(SOURCE, 1, seed=3)
    again = synth_archive(SOURCE, 1, seed=3)
    other = synth_archive(SOURCE, 1, seed=4)
    assert first == again
    assert first != other
    assert list(first) == [f"{2019 + (3 + i) // 12}/{(3 + i) % 12 + 1:02d}" for i in range(12)]
    assert re.search(r"total_number: 12\n", first["2020/03"]["issue.yml"])
