"""Injection payloads from articles, checked in chromium end to end: a hostile article ingested into the
store and shown on the Events page, pasted and uploaded on the Brief page, and the brief downloaded from
the dashboard opened as a page. No script runs, no markup is injected, no page is redirected, no
`javascript:` link is live, nothing is fetched from elsewhere, and the payloads are shown as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import allied
from tests.hostile.conftest import PAYLOADS
from tests.web.conftest import chromium_browser, serving

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = ("Australian Defence Minister Richard Marles met Japanese Defense Minister Shinjiro Koizumi in Tokyo "
             "on March 4, 2026. They discussed air defence. ")
TITLE = "Marles in Tokyo <x-hostile>marker</x-hostile><script>window.__pwned=1</script>"
BODY = SENTENCES + " ".join(PAYLOADS) + " " + SENTENCES
HTML_ARTICLE = (
    "<!DOCTYPE html><html><head><title>" + TITLE.replace("<", "&lt;") + "</title>"
    "<link rel='canonical' href='javascript:window.__pwned=1'>"
    "<meta property='og:url' content='javascript:window.__pwned=1'>"
    "<meta http-equiv='refresh' content='0;url=https://attacker.example/'>"
    "<meta name='date' content='2026-03-04'></head><body><article><h1>Marles in Tokyo</h1>"
    f"<p>{SENTENCES}</p><p>&lt;img src=x onerror=window.__pwned=1&gt; {SENTENCES}</p>"
    "<script>window.__pwned=1</script></article></body></html>")
CHECK = """() => ({
  pwned: window.__pwned === 1,
  injected: document.querySelectorAll(
    'x-hostile, iframe, meta[http-equiv=refresh i], img[onerror], svg[onload], base').length,
  live: [...document.querySelectorAll('a[href]')].map(a => a.href)
        .filter(h => !/^(https?:|#|about:blank)/.test(h)),
})"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`allied serve` over a store holding a hostile article (title, outlet, URL and text)."""
    folder = tmp_path_factory.mktemp("hostile-web")
    db = folder / "allied.duckdb"
    record = {"id": "hostile-1", "title": TITLE, "text": TITLE + "\n\n" + BODY, "published": "2026-03-04",
              "url": "javascript:window.__pwned=1", "outlet": "<x-hostile>outlet</x-hostile>", "language": "en"}
    batch = folder / "hostile.jsonl"
    batch.write_text(json.dumps(record) + "\n", encoding="utf-8")
    rows = allied.ingest([batch], db=db, prefilter=False)
    assert rows[0]["status"] == "stored" and rows[0]["events"] > 0, rows
    with serving(db) as base:
        # the server's news engine loaded before the tests (a first brief loads it: slow on a busy machine)
        assert httpx.post(base + "/api/brief", data={"text": "Warm\n\n" + SENTENCES}, timeout=300).status_code == 200
        yield base, db


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b


class Watch:
    """A page that records dialogs, script errors, requests leaving the server and navigations."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)  # a new brief on a busy machine
        self.base, self.dialogs, self.outside, self.frames = base, [], [], []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("framenavigated", lambda f: self.frames.append(f.url))
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith((self.base, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def assert_safe(self, where: str) -> dict[str, Any]:
        self.page.wait_for_timeout(700)  # a <meta refresh> of 0 s or a timer would have fired by now
        state = self.page.evaluate(CHECK)
        assert not state["pwned"], f"{where}: a payload's script ran"
        assert state["injected"] == 0, f"{where}: markup from the article became elements"
        assert state["live"] == [], f"{where}: links that are not http(s): {state['live']}"
        assert self.dialogs == [] and self.outside == [], (where, self.dialogs, self.outside)
        assert all(u.startswith((self.base, "about:")) for u in self.frames), f"{where}: navigated to {self.frames}"
        return state


@pytest.mark.browser
def test_a_hostile_article_on_the_events_page(chromium: Any, hostile_server: tuple[str, Path]) -> None:
    base, _ = hostile_server
    watch = Watch(chromium, base)
    try:
        watch.page.goto(base + "/events?country=AUS")
        watch.page.wait_for_load_state("networkidle")
        watch.assert_safe("events page")
        text = watch.page.inner_text("body")
        assert "Marles" in text, "the hostile article's event is shown"
        assert "<x-hostile>" in text or "x-hostile" in watch.page.content(), "its markup is shown as text"
    finally:
        watch.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["paste", "upload"])
def test_a_hostile_article_on_the_brief_page_and_its_download(chromium: Any, hostile_server: tuple[str, Path],
                                                             tmp_path: Path, how: str) -> None:
    base, _ = hostile_server
    watch = Watch(chromium, base)
    try:
        watch.page.goto(base + "/brief")
        if how == "paste":
            watch.page.fill("#text", TITLE + "\n\n" + BODY)
        else:
            upload = tmp_path / "hostile.html"
            upload.write_text(HTML_ARTICLE, encoding="utf-8")
            watch.page.set_input_files("#file", str(upload))
        watch.page.fill("input[name=published]", "2026-03-05")
        with watch.page.expect_navigation():
            watch.page.click("#form button[type=submit]")
        watch.page.wait_for_load_state("networkidle")
        assert "/brief?article=" in watch.page.url, watch.page.url
        watch.assert_safe(f"brief page ({how})")
        assert "Marles" in watch.page.inner_text("body")
        article = watch.page.url.split("article=", 1)[1].split("&", 1)[0]

        for fmt in ("html", "markdown", "text"):  # the brief as the dashboard hands it out
            url = f"{base}/api/brief/render?article={article}&published=2026-03-05&format={fmt}"
            response = httpx.get(url, timeout=60)
            assert response.status_code == 200, response.text
            if fmt != "html":
                assert response.headers["content-type"].startswith(("text/markdown", "text/plain"))
                continue
            saved = tmp_path / f"brief-{how}.html"
            saved.write_bytes(response.content)
            for where in (url, saved.as_uri()):  # opened from the dashboard, and downloaded and opened
                watch.frames.clear()
                watch.base = base if where.startswith(base) else "file://"
                watch.page.goto(where)
                watch.assert_safe(f"downloaded brief ({how}, {where[:20]})")
                assert "Marles" in watch.page.inner_text("body")
                if how == "paste":
                    assert "<x-hostile>marker</x-hostile>" in watch.page.inner_text("body")
    finally:
        watch.context.close()


@pytest.mark.browser
def test_the_error_pages_back_link_goes_back_under_the_csp(chromium: Any, hostile_server: tuple[str, Path]) -> None:
    """The error page's Back link (once a javascript: link, which the CSP blocks) works and is http(s)."""
    base, _ = hostile_server
    watch = Watch(chromium, base)
    try:
        watch.page.goto(base + "/treaties")
        watch.page.goto(base + "/treaties/%3Cx-hostile%3E")
        watch.assert_safe("error page")
        watch.page.click("#back")
        watch.page.wait_for_url(base + "/treaties")
    finally:
        watch.context.close()


def _raw(base: str, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client fixes the headers) and read the answer."""
    import socket

    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@pytest.mark.parametrize("headers", [
    b"Host: attacker.example\r\n",
    b"Host: attacker.example:80\r\n",
    b"Host: 127.0.0.1.attacker.example\r\n",
    b"Host: 127.0.0.1\r\nHost: attacker.example\r\n",  # two Host headers, either order
    b"Host: attacker.example\r\nHost: 127.0.0.1\r\n",
    b"",  # none (HTTP/1.1 requires one)
])
def test_the_real_server_answers_only_its_own_host(hostile_server: tuple[str, Path], headers: bytes) -> None:
    """DNS rebinding against `allied serve` itself (not the in-process app): the JSON API gives nothing."""
    base, _ = hostile_server
    status, data = _raw(base, b"GET /api/events?country=AUS HTTP/1.1\r\n" + headers + b"Connection: close\r\n\r\n")
    assert status == 400, data[:300]
    assert b"Marles" not in data


@pytest.mark.parametrize(("origin", "status"), [("https://attacker.example", 403), ("null", 403),
                                                ("http://127.0.0.1:1", 403), (None, 200), ("SELF", 200)])
def test_the_real_server_refuses_posts_from_other_origins(hostile_server: tuple[str, Path], origin: str | None,
                                                          status: int) -> None:
    base, db = hostile_server
    kept = db.with_name(db.stem + ".articles")
    before = sorted(p.name for p in kept.rglob("*") if p.is_file()) if kept.exists() else []
    headers = {} if origin is None else {"Origin": base if origin == "SELF" else origin}
    text = f"Planted {origin}\n\n{SENTENCES}"
    response = httpx.post(base + "/api/brief", data={"text": text}, headers=headers, timeout=120)
    assert response.status_code == status, response.text[:300]
    after = sorted(p.name for p in kept.rglob("*") if p.is_file()) if kept.exists() else []
    if status == 403:
        assert after == before, "a refused post kept its article"
        assert response.json()["error"]["field"] in ("Origin", "Sec-Fetch-Site")
    else:
        assert len(after) == len(before) + 1 or response.json()["article"] + ".txt" in before
