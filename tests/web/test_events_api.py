"""The Events page's JSON twin over the project's example articles, as whole bodies."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

import allied

QUERY = {"country": None, "person": None, "forum": None, "start": None, "end": None}


def test_all_events_each_with_sources_and_sentences(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events").json()
    assert body == {"query": QUERY, "events": jsonable_encoder(allied.events(db=events_db)), "itinerary": None}
    assert body["events"] and all(e["sources"] and all(s["evidence"] for s in e["sources"]) for e in body["events"])


def test_a_person_with_the_itinerary(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events", params={"person": "Richard Marles", "start": "2026-03-01"}).json()
    assert body == {
        "query": {**QUERY, "person": "Richard Marles", "start": "2026-03-01"},
        "events": jsonable_encoder(allied.events(person="Richard Marles", start="2026-03-01", db=events_db)),
        "itinerary": jsonable_encoder(allied.itinerary("Richard Marles", "2026-03-01", None, db=events_db)),
    }
    assert [s["country"] for s in body["itinerary"]] == ["JPN", "PHL", "KOR"]  # Tokio, Manila, Seoul


def test_a_country_filter(client: TestClient, events_db: Path) -> None:
    body = client.get("/api/events", params={"country": "pol"}).json()
    assert body["events"] == jsonable_encoder(allied.events(country="POL", db=events_db))
    assert body["events"] and all("POL" in e["countries"] for e in body["events"])


def test_an_empty_store_says_so(client: TestClient) -> None:
    assert client.get("/api/events").json() == {"query": QUERY, "events": [], "itinerary": None}
    assert 'id="no-events"' in client.get("/events").text


def test_a_new_ingest_is_seen_at_once(client: TestClient, db: Path) -> None:
    assert client.get("/api/events").json()["events"] == []
    allied.ingest(sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[:1], db=db)
    assert client.get("/api/events").json()["events"] == jsonable_encoder(allied.events(db=db))


@pytest.mark.parametrize(("params", "field"), [({"country": "XXX"}, "country"), ({"start": "2026-02-30"}, "start"),
                                               ({"end": "tomorrow"}, "end")])
def test_bad_filters(client: TestClient, params: dict[str, str], field: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["field"] == field
