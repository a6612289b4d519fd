"""Problems and the exceptions that carry them.

Every stage collects :class:`Problem` objects (file, line, message) instead of stopping
at the first one; the command line prints them all as ``path:line: message`` and exits
non-zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in an input file, at a line."""

    path: str
    line: int
    message: str
    warning: bool = False
    """A warning is reported but does not stop ``check`` or the build."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'warning: ' if self.warning else ''}{self.message}"


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, warning=True)


class GazetteError(Exception):
    """Base class: one or more problems that stop the command."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ContentError(GazetteError):
    """``content/`` does not validate."""


class ImportFailed(GazetteError):
    """An OCR source could not be turned into an issue folder."""


class BuildError(GazetteError):
    """A build step (MkDocs, Pagefind) failed."""
