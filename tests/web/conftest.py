"""Dashboard fixtures: an in-process ASGI client, a real `allied serve` on a free loopback port, and
Debian's chromium driven by Playwright (browser tests skip with a reason where it is absent)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

import allied
from allied.web import create_app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"  # gitignored
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    """The dashboard over a fresh store, in process."""
    with TestClient(create_app(db), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else b""
            raise RuntimeError(f"allied serve exited early with {proc.returncode}: {err!r}")
        try:
            if httpx.get(base + "/api/data", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"allied serve did not answer at {base} within {timeout} s")


EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))  # articles written for the project


@pytest.fixture(scope="session")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live server's store, holding the project's example articles."""
    path = tmp_path_factory.mktemp("served") / "allied.duckdb"
    allied.ingest(EXAMPLES, db=path)
    return path


@pytest.fixture
def events_db(db: Path) -> Path:
    """A fresh store holding the project's example articles."""
    allied.ingest(EXAMPLES, db=db)
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`allied serve` itself on ``db``, on a free loopback port, until the block ends; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "ALLIED_DB": str(db)}
    cmd = [sys.executable, "-m", "allied", "serve", "--port", str(port), "--db", str(db)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (skips the test when either is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (.ci/install-browser.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live_server(server_db: Path) -> Iterator[str]:
    """`allied serve` for the whole session, stopped at the end."""
    with serving(server_db) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b


@dataclass
class Watched:
    """A page with what it logged and what it tried to fetch."""

    page: Any
    base: str
    console_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"web-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.outside == []


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture
def web(browser: Any, live_server: str) -> Iterator[Watched]:
    """A fresh browser page on the live server; requests leaving 127.0.0.1 are recorded and blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watched = Watched(page, live_server)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            watched.console_errors.append(msg.text)

    def on_route(route: Any) -> None:
        url = route.request.url
        watched.requests.append(url)
        if _is_local(url):
            route.continue_()
        else:
            watched.outside.append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda exc: watched.console_errors.append(f"pageerror: {exc}"))
    context.route("**/*", on_route)
    yield watched
    context.close()
