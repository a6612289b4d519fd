"""The system packages `make test` needs, installed when missing (apt, as root or with sudo),
or named in one line with the command that installs them.

Run by `make test` before the tests: ``python tests/prerequisites.py [--check-only]``.
Only the standard library: it runs before anything else is known to be there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

CHROMIUM = "/usr/bin/chromium"


def _has_cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    return "noto sans cjk" in listing.lower()


NEEDS: list[tuple[str, str, Callable[[], bool]]] = [
    ("chromium", "the browser tests", lambda: os.path.exists(CHROMIUM)),
    ("fonts-noto-cjk", "Chinese text in screenshots and PDFs", _has_cjk_font),
    (
        "poppler-utils",
        "pdftotext, for the print test",
        lambda: shutil.which("pdftotext") is not None,
    ),
    ("npm", "axe-core, for the accessibility test", lambda: shutil.which("npm") is not None),
]


def missing() -> list[tuple[str, str]]:
    return [(package, why) for package, why, present in NEEDS if not present()]


def _apt(packages: list[str]) -> bool:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if (sudo and shutil.which("sudo") is None) or shutil.which("apt-get") is None:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        if (
            subprocess.run(
                sudo + command, env=env, stdout=subprocess.DEVNULL, check=False
            ).returncode
            != 0
        ):
            return False
    return True


def main(argv: list[str]) -> int:
    lacking = missing()
    if lacking and "--check-only" not in argv:
        print(
            "Installing " + ", ".join(package for package, _ in lacking) + " (apt-get) …",
            file=sys.stderr,
        )
        _apt([package for package, _ in lacking])
        lacking = missing()
    if lacking:
        names = ", ".join(f"{package} ({why})" for package, why in lacking)
        command = "sudo apt-get install " + " ".join(package for package, _ in lacking)
        print(f"make test needs {names}; install with: {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
