"""Recall: 200 phrases sampled at random (fixed seed) from what the real issue's pages show,
typed into the search page. A page that holds the phrase must be among the first ten, and
the first result must hold it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.searchmeasure import measure, sample_phrases, visible_texts
from tests.test_browser import page  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


def test_phrases_from_the_pages_are_found(page: Any, real_server: str, real_site: Path) -> None:  # noqa: F811
    texts = visible_texts(real_site, "2021/02/")
    assert len(texts) == 13
    phrases = sample_phrases(texts, 200, seed=2021)
    outcomes = measure(page, real_server, texts, phrases)
    assert all(outcome.having for outcome in outcomes)
    missed = [(o.phrase, o.results[:3], sorted(o.having)[:3]) for o in outcomes if not o.in_top_ten]
    wrong_first = [(o.phrase, o.results[:2], sorted(o.having)[:3]) for o in outcomes if not o.first_has_it]
    # Measured 2026-11-30: 5 of 200 not in the first ten (phrases that begin inside a longer
    # indexed word, which Pagefind cannot find from the browser's cut of the query), 4 with a
    # first result that does not hold the phrase.
    assert len(missed) <= 6, missed
    assert len(wrong_first) <= 6, wrong_first
