"""The Events page's JSON twin over the project's example articles, as whole bodies."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

import allied

QUERY = {"country": None, "person": None, "forum": None, "start": None, "end": None, "page": 1}
PAGE = {"page": 1, "per_page": 100, "more": False}


def test_all_events_each_with_sources_and_sentences(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events").json()
    assert body == {"query": QUERY, "events": jsonable_encoder(allied.events(db=events_db)), "itinerary": None} | PAGE
    assert body["events"] and all(e["sources"] and all(s["evidence"] for s in e["sources"]) for e in body["events"])


def test_a_person_with_the_itinerary(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events", params={"person": "Richard Marles", "start": "2026-03-01"}).json()
    assert body == {
        "query": {**QUERY, "person": "Richard Marles", "start": "2026-03-01"},
        "events": jsonable_encoder(allied.events(person="Richard Marles", start="2026-03-01", db=events_db)),
        "itinerary": jsonable_encoder(allied.itinerary("Richard Marles", "2026-03-01", None, db=events_db)),
    } | PAGE
    assert [s["country"] for s in body["itinerary"]] == ["JPN", "PHL", "KOR"]  # Tokio, Manila, Seoul


def test_a_country_filter(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events", params={"country": "pol"}).json()
    assert body["events"] == jsonable_encoder(allied.events(country="POL", db=events_db))
    assert body["events"] and all("POL" in e["countries"] for e in body["events"])


def test_an_empty_store_says_so(client: TestClient) -> None:
    assert client.get("/api/events").json() == {"query": QUERY, "events": [], "itinerary": None} | PAGE
    assert 'id="no-events"' in client.get("/events").text


def test_a_new_ingest_is_seen_at_once(client: TestClient, db: Path) -> None:
    assert client.get("/api/events").json()["events"] == []
    allied.ingest(sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[:1], db=db)
    assert client.get("/api/events").json()["events"] == jsonable_encoder(allied.events(db=db))


def test_events_come_in_pages_of_a_hundred(client: TestClient, db: Path, tmp_path: Path) -> None:
    from tests.news.synth import pages, write_jsonl

    allied.ingest([write_jsonl(tmp_path / "in.jsonl", pages(260, 1.0, seed=4))], db=db)
    every = jsonable_encoder(allied.events(db=db))
    assert len(every) > 200
    got, page = [], 1
    while True:
        body = client.get("/api/events", params={"page": page}).json()
        assert len(body["events"]) == (100 if body["more"] else len(every) - 100 * (page - 1))
        got += body["events"]
        if not body["more"]:
            break
        page += 1
    assert got == every and page == -(-len(every) // 100)
    html = client.get("/events", params={"page": 2}).text
    assert 'rel="prev" href="?page=1"' in html and f"Events 101–{min(200, len(every))}" in html
    assert client.get("/api/events", params={"page": page + 1}).json()["events"] == []
    assert client.get("/api/events", params={"page": 0}).status_code == 400


@pytest.mark.parametrize(("params", "field"), [({"country": "XXX"}, "country"), ({"start": "2026-02-30"}, "start"),
                                               ({"end": "tomorrow"}, "end")])
def test_bad_filters(client: TestClient, params: dict[str, str], field: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["field"] == field
