"""The ``serve`` section of ``make bench``: how fast the preview answers and keeps up.

``make serve`` is started as the editor starts it (a separate process, on loopback) on a
copy of the synthetic archive, and polled over HTTP like a browser tab that reloads:

* **start to first answer** — from starting the process until a document page of the real
  issue answers 200 with its text, with an empty work folder (first ever start: nothing
  cached) and again with the work folder the first run left (every later start); for the
  first start also until the whole site is built and indexed (the status no longer says
  ``building`` or ``busy``);
* **edit to visible** — an editor's save (one paragraph of the real issue's
  ``sdzbf-2021-5.md`` changed) until the served page holds the new text, for several edits;
  between edits the preview is left to finish its background work (its status file says
  when; a preview without one gets a fixed pause), as an editor reads the page before the
  next save;
* **problems shown** — a broken front matter until ``_preview/status.json`` lists it (what
  the overlay shows within the page's next poll, ≤ 1 s later), and the fix until it is gone.

What it leaves out: the browser's own reload and rendering (polling fetches the HTML only),
and the full-text index, which the preview rebuilds in the background after each edit.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

DOCUMENT = Path("2021/02/sdzbf-2021-5.md")
PAGE = "2021/02/sdzbf-2021-5/"
ANCHOR = "根据《市委办公室"
TIMEOUT = 600.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _wait(condition: Any, timeout: float = TIMEOUT, interval: float = 0.05) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():
            return time.perf_counter() - started
        time.sleep(interval)
    raise TimeoutError("the preview did not answer in time")


class Served:
    def __init__(self, root: Path, content: Path, work: Path, log: Path, port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ, PYTHONPATH=str(root), PYTHONUNBUFFERED="1")
        self.log = log.open("ab")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--content",
                str(content),
                "--work",
                str(work),
                "--addr",
                f"127.0.0.1:{self.port}",
                "--today",
                "2100-01-01",
            ],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def first_answer(self) -> float:
        _wait(lambda: ANCHOR in _get(self.base + PAGE)[1])
        return time.perf_counter() - self.started

    def since_start(self) -> float:
        return time.perf_counter() - self.started

    def status(self) -> dict[str, Any] | None:
        code, text = _get(self.base + "_preview/status.json")
        return json.loads(text) if code == 200 and text else None

    def settle(self) -> None:
        """Until the preview's background work is done (a fixed pause if it does not say)."""
        if self.status() is None:
            time.sleep(15)
            return

        def idle() -> bool:
            status = self.status() or {}
            return not status.get("busy", False) and not status.get("building", False)

        _wait(idle, interval=0.2)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def measure_serve(root: Path, source: Path, scratch: Path, edits: int = 5) -> dict[str, Any]:
    """Start the preview of ``root``'s code on a copy of ``source`` and time it (see above)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    content = scratch / "content"
    shutil.copytree(source, content)
    work = scratch / "work"
    log = scratch / "serve.log"
    result: dict[str, Any] = {}
    port = _free_port()  # the same address at each start, as an editor's make serve (pages hold it)
    served = Served(root, content, work, log, port)
    try:
        result["start_cold_s"] = round(served.first_answer(), 2)
        served.settle()
        result["start_cold_whole_site_s"] = round(served.since_start(), 2)
    finally:
        served.stop()
    served = Served(root, content, work, log, port)
    try:
        result["start_s"] = round(served.first_answer(), 2)
        served.settle()
        document = content / DOCUMENT
        original = document.read_text(encoding="utf-8")
        times = []
        for number in range(1, edits + 1):
            marker = f"第{number}次修改"
            started = time.perf_counter()
            document.write_text(original.replace(ANCHOR, marker + ANCHOR, 1), encoding="utf-8")
            _wait(lambda marker=marker: marker in _get(served.base + PAGE)[1])
            times.append(time.perf_counter() - started)
            served.settle()
        result["edit_to_visible_s"] = [round(value, 2) for value in times]
        result["edit_median_s"] = round(statistics.median(times), 2)
        result["edit_worst_s"] = round(max(times), 2)
        if served.status() is not None:
            broken = original.replace("\npage: ", "\npage: x", 1)
            started = time.perf_counter()
            document.write_text(broken, encoding="utf-8")
            _wait(lambda: bool((served.status() or {}).get("problems")))
            result["problem_shown_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            document.write_text(original, encoding="utf-8")
            _wait(lambda: not (served.status() or {}).get("problems"))
            result["problem_gone_s"] = round(time.perf_counter() - started, 2)
    finally:
        served.stop()
    return result


def report(result: dict[str, Any], label: str = "serve") -> list[str]:
    lines = [
        f"{label}: start to first answer, empty work folder: {result['start_cold_s']} s"
        + (
            f" (whole site built and indexed after {result['start_cold_whole_site_s']} s)"
            if "start_cold_whole_site_s" in result
            else ""
        ),
        f"{label}: start to first answer, later starts: {result['start_s']} s",
        f"{label}: edit to visible, median (worst) of {len(result['edit_to_visible_s'])}: "
        f"{result['edit_median_s']} s ({result['edit_worst_s']} s)",
    ]
    if "problem_shown_s" in result:
        lines.append(
            f"{label}: broken content listed for the overlay after {result['problem_shown_s']} s, "
            f"fix cleared after {result['problem_gone_s']} s"
        )
    return lines
