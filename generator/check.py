"""``check``: the content loaded and validated as a whole, every problem at once.

One function for the ``check`` command, the build and its ``--force`` variant."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from generator.content.load import load_archive
from generator.content.model import Archive
from generator.content.validate import validate_archive
from generator.errors import ContentError, Problem


def check_content(
    content: Path, today: datetime.date | None = None, force: bool = False
) -> Archive:
    """Load and validate; raise :class:`ContentError` with every problem found (warnings
    are printed and do not stop). With ``force`` errors are printed as warnings too.
    ``today`` bounds issue dates (default: the clock)."""
    loaded = load_archive(content)
    problems: list[Problem] = list(loaded.problems) + validate_archive(loaded.archive, today)
    if force:
        for problem in problems:
            print(f"warning (--force): {problem}", file=sys.stderr)
        return loaded.archive
    if any(not problem.warning for problem in problems):
        raise ContentError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    return loaded.archive
