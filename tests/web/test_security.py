"""The dashboard against other web pages and careless or hostile clients: Host (DNS rebinding), cross-site
POSTs, bounded briefs, kept articles (only once accepted, capped), error bodies, a busy store."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from fastapi.testclient import TestClient

from allied.store.access import forget
from allied.web import create_app, errors, views
from allied.web.articles import Articles
from allied.web.guard import Busy, Gate, allowed_hosts, host_of

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "examples").glob("*.txt")
TEXT = "Marles reist nach Tokio\n\nDer australische Verteidigungsminister Richard Marles reist am Montag nach Tokio."


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own (the browser tests' Playwright runs a loop in this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _kept(client: TestClient) -> list[str]:
    folder: Path = client.app.state.articles.folder  # type: ignore[attr-defined]
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/treaties", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", "",
                                  "localhost.evil"])
def test_other_host_names_are_refused(client: TestClient, host: str) -> None:
    """DNS rebinding: a page on attacker.example whose name now points at 127.0.0.1 gets nothing."""
    for path in ("/api/treaties", "/treaties", "/api/brief?article=0000000000000000"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400
    body = client.get("/api/treaties", headers={"Host": host}).json()
    assert body["error"]["field"] == "Host"
    assert "this dashboard's own address: 127.0.0.1, ::1, localhost" in body["error"]["message"]
    assert client.post("/api/brief", data={"text": TEXT}, headers={"Host": host}).status_code == 400
    assert _kept(client) == []


def test_the_bound_address_is_answered_too(db: Path) -> None:
    with TestClient(create_app(db, host="192.0.2.7"), base_url="http://192.0.2.7:8000") as c:
        assert c.get("/api/treaties").status_code == 200
        assert c.get("/api/treaties", headers={"Host": "198.51.100.1"}).status_code == 400
    assert {"localhost", "127.0.0.1", "::1", "192.0.2.7"} == allowed_hosts("192.0.2.7")
    assert allowed_hosts("0.0.0.0") > {"localhost", "127.0.0.1", "::1"}  # plus this machine's own names
    assert host_of("[::1]:80") == "::1" and host_of("Example.ORG.:80") == "example.org"


@pytest.mark.parametrize("headers", [
    {"Origin": "https://attacker.example"},
    {"Origin": "http://127.0.0.1:9999"},  # another service on this machine
    {"Origin": "null"},  # a sandboxed frame or a file: page
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1"},  # the browser's word wins
])
def test_cross_site_posts_are_refused_and_keep_nothing(client: TestClient, headers: dict[str, str]) -> None:
    for path in ("/api/brief", "/brief"):
        response = client.post(path, data={"text": TEXT}, headers=headers)
        assert response.status_code == 403, response.text
    body = client.post("/api/brief", data={"text": TEXT}, headers=headers).json()
    assert body["error"]["field"] in ("Origin", "Sec-Fetch-Site")
    assert _kept(client) == []


def test_same_origin_posts_and_scripts_without_origin_are_answered(client: TestClient) -> None:
    same = client.post("/api/brief", data={"text": TEXT}, headers={"Origin": "http://127.0.0.1",
                                                                    "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200, same.text
    plain = client.post("/api/brief", data={"text": TEXT + " Dann nach Manila."})  # curl, a script
    assert plain.status_code == 200, plain.text
    assert len(_kept(client)) == 2


def test_a_refused_article_is_not_kept(client: TestClient) -> None:
    bad_date = client.post("/api/brief", data={"text": TEXT, "published": "yesterday"})
    assert bad_date.status_code == 400
    empty = client.post("/api/brief", data={"text": "   "})
    assert empty.status_code == 400
    binary = client.post("/api/brief", files={"file": ("a.txt", b"\x00\x01\x02", "text/plain")})
    assert binary.status_code == 415
    assert _kept(client) == []
    folder: Path = client.app.state.articles.folder  # type: ignore[attr-defined]
    assert not any((folder / ".pending").glob("*/*")) if folder.exists() else True


def test_the_kept_articles_are_capped_least_recently_used_first(tmp_path: Path) -> None:
    articles = Articles(tmp_path / "kept", max_kept=3)
    ids = [articles.save(f"Title {i}\n\nText number {i}.", ".txt") for i in range(3)]
    for i, article_id in enumerate(ids):  # distinct, increasing times of use
        os.utime(articles.path(article_id), ns=(10**18 + i, 10**18 + i))
    os.utime(articles.folder / f"{ids[0]}.txt", ns=(2 * 10**18, 2 * 10**18))  # the first is the latest used
    newest = articles.save("Title 3\n\nText number 3.", ".txt")
    names = sorted(p.stem for p in articles.folder.iterdir() if p.is_file())
    assert names == sorted([ids[0], ids[2], newest])
    with pytest.raises(Exception, match="is not kept by this dashboard"):
        articles.path(ids[1])
    by_size = Articles(tmp_path / "small", max_bytes=100)
    by_size.save("A\n\n" + "x" * 60, ".txt")
    by_size.save("B\n\n" + "y" * 60, ".txt")
    assert len([p for p in by_size.folder.iterdir() if p.is_file()]) == 1


def test_the_folder_is_scanned_only_when_the_cap_may_be_passed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    articles = Articles(tmp_path / "kept", max_kept=20)
    scans: list[int] = []
    real = Articles.evict
    monkeypatch.setattr(Articles, "evict", lambda self: scans.append(1) or real(self))
    counts = []
    for i in range(60):
        articles.save(f"Title {i}\n\nText number {i}.", ".txt")
        counts.append(len([p for p in articles.folder.iterdir() if p.is_file()]))
    assert max(counts) == 20 and counts[-1] >= 18  # never past the cap; emptied to 90 % of it when reached
    assert len(scans) < 60 / 2  # not a scan per article kept


def test_a_dashboard_evicts_past_its_cap(client: TestClient) -> None:
    client.app.state.articles.max_kept = 2  # type: ignore[attr-defined]
    answers = [client.post("/api/brief", data={"text": f"{TEXT} Tag {i}."}).json() for i in range(3)]
    assert len(_kept(client)) == 2
    client.app.state.memo._items.clear()  # type: ignore[attr-defined]  # the memo would still answer it
    gone = client.get("/api/brief", params={"article": answers[0]["article"]})
    assert gone.status_code == 404
    assert client.get("/api/brief", params={"article": answers[2]["article"]}).status_code == 200


def test_the_gate_bounds_concurrent_work() -> None:
    async def scenario() -> list[str]:
        gate, release, results = Gate(limit=1, queue=1, wait=5), asyncio.Event(), []

        async def work(name: str) -> None:
            try:
                async with gate.slot("brief"):
                    await release.wait()
                    results.append(name)
            except Busy as exc:
                results.append(f"busy: {exc}")

        tasks = [asyncio.create_task(work(n)) for n in ("a", "b", "c")]
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(*tasks)
        slow = Gate(limit=1, queue=5, wait=0.1)
        async with slow.slot("brief"):
            try:
                async with slow.slot("brief"):
                    pass
            except Busy as exc:
                results.append(f"late: {exc}")
        return results

    results = _run(scenario())
    assert results[0] == "busy: the dashboard is making 1 briefs and 1 more are waiting; retry in a few seconds"
    assert results[1:3] == ["a", "b"]
    assert results[3].startswith("late: no brief could start within 0 s")


def test_too_many_new_briefs_are_answered_503_with_retry_after(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two briefs run, none may wait: the third concurrent new brief is told to come back."""
    started, release = threading.Semaphore(0), threading.Event()
    real = views.brief_view

    def held(*args: object) -> dict[str, object]:
        started.release()
        release.wait(30)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "brief_view", held)
    app = create_app(db)
    app.state.gates["brief"] = Gate(limit=2, queue=0)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            ids = [app.state.articles.save(f"{TEXT} {i}", ".txt") for i in range(3)]
            first = [asyncio.create_task(c.get("/api/brief", params={"article": i})) for i in ids[:2]]
            await asyncio.to_thread(lambda: [started.acquire(timeout=30) for _ in range(2)])
            third = await c.get("/api/brief", params={"article": ids[2]})
            page = await c.get("/brief", params={"article": ids[2]})
            release.set()
            return [third, page, *await asyncio.gather(*first)]

    third, page, *first = _run(scenario())
    assert third.status_code == 503 and third.headers["retry-after"] == "2"
    assert third.json()["error"]["type"] == "Busy"
    assert page.status_code == 503 and page.headers["retry-after"] == "2"
    assert [r.status_code for r in first] == [200, 200]


def test_an_unexpected_error_shows_no_internals(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(q: object) -> None:
        raise RuntimeError("boom in /home/someone/allied/src/allied/web/views.py line 42")

    monkeypatch.setattr(views, "treaties_view", broken)
    for path in ("/api/treaties?state=USA", "/treaties?state=USA"):
        response = client.get(path)
        assert response.status_code == 500
        assert "boom" not in response.text and "/home/someone" not in response.text
        assert "RuntimeError" not in response.text and "Traceback" not in response.text
    error = client.get("/api/treaties?state=USA").json()["error"]
    assert error["type"] == "InternalError"
    assert error["message"].startswith("an unexpected error (incident ")


def test_error_messages_carry_no_paths(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "s.duckdb"
    with TestClient(create_app(missing), base_url="http://127.0.0.1") as c:
        response = c.get("/api/events")
    assert response.status_code == 400
    assert str(tmp_path) not in response.text and "no-such-folder" not in response.text
    assert response.json()["error"]["message"] == "no store at (a local file): the folder (a local file) does not exist"
    assert errors.public("cannot read /tmp/x/y.html: gone; see /brief") == ("cannot read (a local file): gone; "
                                                                          "see /brief")
    assert errors.public(r"C:\Users\me\a.txt is bad") == "(a local file) is bad"


HOLD = """
import select, sys
from allied.store import writer
with writer(sys.argv[1]) as con:
    print("locked", flush=True)
    select.select([sys.stdin], [], [], 60)
"""


def test_a_busy_store_is_503_with_retry_after(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forget()
    monkeypatch.setenv("ALLIED_LOCK_TIMEOUT", "0.3")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
            api = c.get("/api/events")
            page = c.get("/events")
    finally:
        assert holder.stdin is not None
        holder.stdin.write("go\n")
        holder.stdin.flush()
        holder.wait(30)
    assert api.status_code == 503 and api.headers["retry-after"] == "2"
    assert api.json() == {"error": {"type": "StoreBusy", "message": "the store is busy: another allied process "
                                                                     "is writing it; retry in 2 s"}}
    assert str(db) not in api.text
    assert page.status_code == 503 and page.headers["retry-after"] == "2"
