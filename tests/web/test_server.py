"""The server itself: slow and idle connections are timed out, and `allied serve --workers 2` reads the store
while an ingest writes it; chromium checks that another site cannot post to it or read it by rebinding."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from allied.web import create_app, guard, server
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, EXAMPLES, _free_port, _wait_ready

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def quick_server(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The dashboard in this process with short limits: headers within 1 s, bodies never stalling 1 s,
    kept-alive connections idle 1 s."""
    monkeypatch.setattr(server, "HEADER_SECONDS", 1.0)
    monkeypatch.setattr(guard, "BODY_IDLE", 1.0)
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, http=server.Protocol,
                            timeout_keep_alive=1, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(10)


def _read_all(sock: socket.socket, limit: float = 10) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and how long that took."""
    sock.settimeout(limit)
    start, data = time.monotonic(), b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data, time.monotonic() - start
        data += chunk


def test_a_connection_that_sends_nothing_is_closed(quick_server: int) -> None:
    with socket.create_connection(("127.0.0.1", quick_server)) as sock:
        data, took = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 408 ")
    assert 0.5 < took < 5


def test_headers_sent_a_byte_at_a_time_are_cut_off(quick_server: int) -> None:
    """Slowloris: the request line and headers trickle in; the deadline counts from the first byte."""
    request = b"GET /api/treaties HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    with socket.create_connection(("127.0.0.1", quick_server)) as sock:
        start = time.monotonic()
        try:
            for byte in request:
                sock.sendall(bytes([byte]))
                time.sleep(0.05)
        except OSError:
            pass  # closed while sending: that is the point
        data, _ = _read_all(sock)
        took = time.monotonic() - start
    assert data.startswith(b"HTTP/1.1 408 ")
    assert took < 5  # not the 13 s the trickle would take


def test_an_idle_kept_alive_connection_is_closed(quick_server: int) -> None:
    with socket.create_connection(("127.0.0.1", quick_server)) as sock:
        sock.sendall(b"GET /api/treaties HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data, took = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 200 ")
    assert took < 5


def test_a_stalled_body_is_answered_408(quick_server: int) -> None:
    with socket.create_connection(("127.0.0.1", quick_server)) as sock:
        sock.sendall(b"POST /api/brief HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                     b"\r\nContent-Length: 1000\r\n\r\ntext=Marles")
        data, took = _read_all(sock)
    assert data.startswith(b"HTTP/1.1 408 "), data[:200]
    body = json.loads(data.split(b"\r\n\r\n", 1)[1])
    assert body["error"]["type"] == "SlowRequest"
    assert took < 5


def test_serve_refuses_bad_worker_counts(runner: Any) -> None:
    from allied.cli import app

    result = runner.invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '--workers'" in result.output


INGEST = """
import sys, tempfile
import allied
from pathlib import Path
paths = [Path(p) for p in sys.argv[2:]]
with tempfile.TemporaryDirectory() as tmp:
    for i, path in enumerate(paths * 2):  # new documents (files, as `allied ingest` reads them), one at a time
        new = Path(tmp) / f"rev{i}.txt"
        new.write_text(path.read_text(encoding="utf-8") + f"\\n\\nRevision {i}.\\n", encoding="utf-8")
        done = allied.ingest([new], db=sys.argv[1], published="2026-01-15")
        assert not any(d.get("error") for d in done), done
print(len(paths))
"""


def test_two_workers_read_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    port = _free_port()
    env = {**os.environ, "ALLIED_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "allied", "serve", "--port", str(port), "--db", str(db),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc)
        workers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == proc.pid]
        assert len(workers) >= 2  # the two workers (and uvicorn's process watcher)
        writer = subprocess.Popen([sys.executable, "-c", INGEST, str(db), *map(str, EXAMPLES)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        statuses: list[int] = []

        def ask(i: int) -> int:
            with httpx.Client(base_url=base, timeout=60) as c:
                return c.get("/api/events", params={"country": "AUS" if i % 2 else "JPN"}).status_code

        with ThreadPoolExecutor(8) as pool:
            while True:  # at least one round, and rounds for as long as the writer writes
                statuses.extend(pool.map(ask, range(16)))
                if writer.poll() is not None:
                    break
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert statuses and set(statuses) == {200}
        stored = httpx.get(base + "/api/events", timeout=60).json()["events"]
        assert stored  # the ingest's events are read by the workers once it is done
    finally:
        proc.terminate()
        proc.wait(30)


def _parent(proc_dir: Path) -> int:
    try:
        stat = (proc_dir / "stat").read_text()
    except OSError:
        return -1
    return int(stat.rsplit(")", 1)[1].split()[1])


class _Page(http.server.BaseHTTPRequestHandler):
    html = b""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def browser_with_rebinding(browser: Any) -> Iterator[Any]:
    """A second chromium (from the session's Playwright) where attacker.test resolves to 127.0.0.1, as
    after a DNS rebinding."""
    b = browser.browser_type.launch(executable_path=str(CHROMIUM),
                                    args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP attacker.test 127.0.0.1"])
    yield b
    b.close()


@pytest.mark.browser
def test_in_chromium_another_site_cannot_post_or_rebind(browser_with_rebinding: Any, live_server: str,
                                                        server_db: Path) -> None:
    kept = server_db.with_name(server_db.stem + ".articles")
    before = sorted(kept.glob("*.*")) if kept.exists() else []
    _Page.html = (f'<form id="f" method="post" action="{live_server}/brief">'
                  '<textarea name="text">Planted\n\nAn article another site posts.</textarea></form>'
                  '<script>document.getElementById("f").submit()</script>').encode()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    page = browser_with_rebinding.new_page()
    try:
        with page.expect_response(f"{live_server}/brief") as posted:
            page.goto(f"http://localhost:{site.server_address[1]}/")  # another site (another origin)
        assert posted.value.status == 403
        assert "Origin" in page.content() or "Sec-Fetch-Site" in page.content()
        assert (sorted(kept.glob("*.*")) if kept.exists() else []) == before

        port = live_server.rsplit(":", 1)[1]
        rebound = page.goto(f"http://attacker.test:{port}/api/data")  # the attacker's name, our address
        assert rebound is not None and rebound.status == 400
        assert "Host" in rebound.text() and "datasets" not in rebound.text()
        own = page.goto(f"{live_server}/api/data")
        assert own is not None and own.status == 200
    finally:
        page.close()
        site.shutdown()
