"""`make test` checks the system packages it needs before running anything: a missing one is
installed, or named in one line with the command to install it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("prerequisites.py")


def run(path: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=path)
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check-only"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_missing_tool_is_named_in_one_line_with_its_package(tmp_path: Path) -> None:
    for tool in ("npm", "fc-list"):
        found = shutil.which(tool)
        assert found is not None, tool
        (tmp_path / tool).symlink_to(found)
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "make test needs poppler-utils (pdftotext, for the print test); install with: "
        "sudo apt-get install poppler-utils\n"
    )


def test_nothing_is_said_when_everything_is_there() -> None:
    result = run(os.environ["PATH"])
    assert (result.returncode, result.stderr) == (0, "")
