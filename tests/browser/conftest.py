"""Real-browser fixtures: Debian's Chromium driven by Playwright, against a real `wistakon serve`.

Without /usr/bin/chromium the browser tests fail, naming what to install: a suite that skips them
looks green while testing less. `make test` checks for it before it starts.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    pytest.fail(f"{CHROMIUM} is missing; install Debian's Chromium: sudo apt-get install chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a local test server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def serving(out: Path) -> Iterator[str]:
    """`wistakon serve` of the built site `out` on a free local port, while the block runs: its URL."""
    port = free_port()
    command = [sys.executable, "-m", "site_builder.cli", "serve", "--out", str(out), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built once for all browser tests, as `wistakon build` does it."""
    repo = Path(__file__).resolve().parents[2]
    out = tmp_path_factory.mktemp("site") / "dist"
    command = [sys.executable, "-m", "site_builder.cli", "build", "--content", str(repo / "content"), "--out", str(out)]
    subprocess.run(command, check=True, cwd=repo)
    return out


@pytest.fixture(scope="session")
def site_url(built_demo: Path) -> Iterator[str]:
    """`wistakon serve` running on a free local port."""
    with serving(built_demo) as url:
        yield url


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that records every request leaving the machine in `page.offsite_requests`."""
    context = browser.new_context()
    tab = context.new_page()
    offsite: list[str] = []

    def record(request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            offsite.append(request.url)

    tab.on("request", record)
    tab.offsite_requests = offsite
    yield tab
    context.close()


def has_chromium() -> bool:
    return CHROMIUM.exists() or shutil.which("chromium") is not None
