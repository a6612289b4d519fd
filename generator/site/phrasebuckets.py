"""How many bucket files the phrase index (:mod:`generator.search.phrases`) is cut into.

The search page needs the number before it has fetched anything, so that it can fetch the
address's query's buckets with its first bytes; it is therefore a function of what the
page is rendered from, the number of issues, and the index is cut by the same function of
the number of issues it holds. About sixteen buckets an issue keeps every bucket at a few
kilobytes however long the archive grows. Should the two counts ever differ, the page
reads the real number from the page table and fetches the right buckets (slower, still
right)."""

from __future__ import annotations

PER_ISSUE = 16
FEWEST = 64
MOST = 65536


def bucket_count(issues: int) -> int:
    """The power of two at or above ``issues`` × :data:`PER_ISSUE`, within bounds."""
    count = FEWEST
    while count < issues * PER_ISSUE and count < MOST:
        count *= 2
    return count
