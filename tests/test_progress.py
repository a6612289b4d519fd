"""Progress lines: shown in a terminal, silent in CI logs and pipes."""

from __future__ import annotations

import io

import pytest

from generator.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _Tty()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    with Progress("Generating pages", 3) as progress:
        progress.advance(3)
    assert "Generating pages… 0/3" in stream.getvalue()
    assert "Generating pages: 3 done in" in stream.getvalue()


@pytest.mark.parametrize("ci", ["true", None])
def test_progress_is_quiet_in_ci_and_pipes(monkeypatch: pytest.MonkeyPatch, ci: str | None) -> None:
    stream = _Tty() if ci else io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    with Progress("Generating pages", 3) as progress:
        progress.advance(3)
    assert stream.getvalue() == ""
