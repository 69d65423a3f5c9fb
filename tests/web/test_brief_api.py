"""The Brief page: paste or upload an article, its brief at a shareable URL and the JSON twin, and every
kind of bad upload refused with the one error shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

import allied
from allied.web.articles import MAX_BYTES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "marles-indopazifik.txt"


def _kept(client: TestClient, **form: str) -> dict:
    r = client.post("/api/brief", data=form)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_paste_keeps_the_article_and_answers_its_brief(client: TestClient, db: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    r = client.post("/api/brief", data={"text": text, "published": "2026-03-01"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert r.content == JSONResponse(body).body  # the brief's bytes spliced in are what JSONResponse writes
    article = body["article"]
    kept = db.with_name(db.stem + ".articles") / f"{article}.txt"
    assert kept.read_text(encoding="utf-8") == text
    expected = jsonable_encoder(allied.brief(kept, published="2026-03-01", db=db))
    assert body == {"article": article, "published": "2026-03-01",
                    "url": f"/brief?article={article}&published=2026-03-01", "brief": expected}
    again = client.get("/api/brief", params={"article": article, "published": "2026-03-01"})
    assert again.json() == expected
    assert [s["iso3"] for s in expected["states"]] == ["AUS", "JPN", "PHL", "KOR"]


def test_upload_of_the_same_text_is_the_same_article(client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    pasted = _kept(client, text=text)
    r = client.post("/api/brief", files={"file": ("marles.txt", text.encode("utf-8"))})
    assert r.json()["article"] == pasted["article"]
    assert r.json()["url"] == f"/brief?article={pasted['article']}"


def test_page_post_redirects_to_the_shareable_url(client: TestClient) -> None:
    r = client.post("/brief", data={"text": EXAMPLE.read_text(encoding="utf-8"), "published": "2026-03-01"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    assert '<h2 id="title">Marles reist nach Tokio, Manila und Seoul</h2>' in page.text


def test_rendered_downloads(client: TestClient) -> None:
    article = _kept(client, text=EXAMPLE.read_text(encoding="utf-8"), published="2026-03-01")
    params = {"article": article["article"], "published": "2026-03-01"}
    md = client.get("/api/brief/render", params={**params, "format": "markdown"})
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.text == allied.render_brief(article["brief"], "markdown")
    html = client.get("/api/brief/render", params=params)
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.text.startswith("<!doctype html>") or html.text.lower().startswith("<!doctype html>")


@pytest.mark.parametrize(("files", "data", "status", "kind", "field"), [
    ({"file": ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")}, {}, 415, "UnsupportedMedia", "file"),
    ({"file": ("article.txt", b"Title\n\x00\x01\x02 binary")}, {}, 415, "UnsupportedMedia", "file"),
    ({"file": ("article.txt", "Überschrift".encode("latin-1"))}, {}, 415, "UnsupportedMedia", "file"),
    ({"file": ("big.txt", b"a" * (MAX_BYTES + 1))}, {}, 413, "PayloadTooLarge", "file"),
    ({}, {"text": "   "}, 400, "InputError", "text"),
    ({}, {"text": "Title\nSome text.", "published": "27.10.2025"}, 400, "InputError", "published"),
])
def test_bad_uploads(client: TestClient, files: dict, data: dict, status: int, kind: str, field: str) -> None:
    r = client.post("/api/brief", files=files or None, data=data)
    assert r.status_code == status
    error = r.json()["error"]
    assert (error["type"], error["field"]) == (kind, field)
    assert error["message"].startswith(f"{field}: ")


def test_a_huge_request_is_refused_before_it_is_read(client: TestClient) -> None:
    r = client.post("/api/brief", content=b"x" * 100, headers={"content-length": str(10**9),
                                                               "content-type": "text/plain"})
    assert r.status_code == 413
    assert r.json() == {"error": {"type": "PayloadTooLarge", "field": "request", "message":
                                  "request: '1,000,000,000 bytes' is not allowed; expected at most 6,065,536 bytes"}}


def test_unknown_article(client: TestClient) -> None:
    for article in ("0123456789abcdef", "../../etc/passwd", "x"):
        r = client.get("/api/brief", params={"article": article})
        assert r.status_code == 404
        assert r.json() == {"error": {"type": "NotFoundError", "message": f"article {article!r} is not kept by "
                                      "this dashboard; paste or upload it on /brief"}}


def test_page_shows_the_error_and_keeps_the_pasted_text(client: TestClient) -> None:
    r = client.post("/brief", data={"text": "Title\nSome text.", "published": "27.10.2025"})
    assert r.status_code == 400
    assert "published: &#39;27.10.2025&#39; is not allowed" in r.text
    assert ">Title\nSome text.</textarea>" in r.text


def test_a_streamed_request_is_cut_off_at_the_limit(client: TestClient) -> None:
    head = b'--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\r\n'

    def chunks():  # no content-length: the server counts what it reads
        yield head
        for _ in range(8):
            yield b"a" * 1_000_000

    r = client.post("/api/brief", content=chunks(), headers={"content-type": "multipart/form-data; boundary=XyZ"})
    assert r.status_code == 413
    assert r.json() == {"error": {"type": "PayloadTooLarge", "field": "request", "message":
                                  "request: 'more than 6,065,536 bytes' is not allowed; expected at most 6,065,536"}}



def test_the_shared_analysers_serve_threads_at_once() -> None:
    """A served worker makes two new briefs at once in its threads, and the engine's analysers are shared:
    SudachiPy's tokenizer refused a second thread (400 'internal error in stage' under load)."""
    from concurrent.futures import ThreadPoolExecutor

    from allied.news.segment import analyser

    run = analyser("sudachi")
    text = "防衛大臣は来週ソウルを訪問し、韓国の国防部長官と会談する予定だ。" * 20
    alone = run(text, 0, len(text))
    with ThreadPoolExecutor(4) as pool:
        assert all(r == alone for r in pool.map(lambda _: run(text, 0, len(text)), range(200)))
