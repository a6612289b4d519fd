"""Progress for long steps: shown in a terminal, silent in CI logs and pipes."""

from __future__ import annotations

import os
import sys
import time


class Progress:
    """``with Progress("Generating pages", total) as p: p.advance(n)``."""

    def __init__(self, label: str, total: int | None = None):
        self.label = label
        self.total = total
        self.done = 0
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.started = time.monotonic()
        self._last = 0.0

    def __enter__(self) -> Progress:
        self._show(force=True)
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def _show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        count = f" {self.done}/{self.total}" if self.total else ""
        sys.stderr.write(f"\r{self.label}…{count}  ")
        sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.started
            count = f" {self.done}" if self.total else ""
            sys.stderr.write(f"\r{self.label}:{count} done in {elapsed:.1f} s\n")
            sys.stderr.flush()


def step(message: str) -> None:
    """A one-line note for steps without a count (shown in terminals only)."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        sys.stderr.write(message + "\n")


def counted(number: int, noun: str) -> str:
    """``counted(1, "issue")`` → "1 issue", ``counted(2, "issue")`` → "2 issues"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
