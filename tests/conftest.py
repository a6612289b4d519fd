"""Shared fixtures: paths, a built copy of the real issue's site, a local web server and
the browser. Under CI=true a missing browser is an error, never a skip."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REAL_SOURCE = CONTENT / "2021" / "02" / "source.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


def build(
    content: Path, tmp: Path, site_url: str = "http://127.0.0.1:8000/", search_index: bool = True
) -> Path:
    site = tmp / "site"
    build_site(content, site, tmp / "work", site_url, search_index=search_index)
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed content built once per test session (with the Pagefind index)."""
    return build(CONTENT, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small hand-made issues across two years."""
    return build(FIXTURES / "site", tmp_path_factory.mktemp("fixture"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that closes a connection early is not an error here


def serve(directory: Path, prefix: str = "") -> tuple[str, _Server]:
    """Serve ``directory`` on 127.0.0.1, optionally under a path prefix (e.g. /gazette/)."""
    if prefix:
        root = directory.parent / f"{directory.name}-served"
        if root.exists():
            shutil.rmtree(root)
        target = root / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, target)
        directory = root
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix or '/'}", server


@pytest.fixture(scope="session")
def real_server(real_site: Path) -> Iterator[str]:
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "chromium is missing at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)"
            )
        pytest.skip("chromium not installed (set CI=true to make this an error)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def page(browser: Any, real_server: str) -> Iterator[Any]:
    """A desktop tab on the real issue's site that records script errors in ``tab.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    tab.errors = errors
    yield tab
    context.close()
