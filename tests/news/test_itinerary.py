"""Itineraries from typed events: travel order, undated stops after those listed before them, purposes from
the events held at each stop; the brief uses the same function, so it needs no store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import allied
from allied.news import extract_documents, itineraries
from allied.news.itinerary import Leg, order, stop_records

TRIP = (
    "Trip\nU.S. Defense Secretary Pete Hegseth will travel to Japan, Malaysia and South Korea this month. "
    "In Seoul, he will hold the annual Security Consultative Meeting with South Korean Defense Minister "
    "Ahn Gyu-back on Nov. 4 to discuss extended deterrence and the alliance."
)


def test_stops_in_travel_order_with_the_purposes_of_the_events_held_there() -> None:
    [doc] = extract_documents(TRIP, published="2025-10-27", language="en")
    [trip] = itineraries(doc)
    assert trip["person"] == "Pete Hegseth"
    stops = trip["stops"]
    assert [(s["stop"], s["place"], s["start"]) for s in stops] == [
        (1, "Japan", None),
        (2, "Malaysia", None),
        (3, "Seoul", "2025-11-04"),
    ]
    assert {"extended deterrence", "alliance"} <= set(stops[2]["purposes"])
    assert stops[0]["sources"][0]["doc"] == doc.name


def test_an_undated_stop_follows_the_dated_stops_listed_before_it() -> None:
    legs = [
        Leg("a", dt.date(2025, 11, 4), "d1", 2),
        Leg("b", None, "d1", 3),
        Leg("c", dt.date(2025, 11, 1), "d1", 1),
        Leg("d", None, "d2", 1),
    ]
    assert [leg.key for leg in order(legs)] == ["c", "a", "b", "d"]


def test_a_stop_lists_who_else_was_there_not_the_traveller(tmp_path: Path) -> None:
    text = (
        "Visit\nU.S. Defense Secretary Pete Hegseth and South Korean Defense Minister Ahn Gyu-back visited the "
        "Joint Security Area at Panmunjom on Nov. 3."
    )
    [doc] = extract_documents(text, published="2025-11-04", language="en")
    [stop] = stop_records(doc, "Pete Hegseth")
    assert stop["with"] == ["Ahn Gyu-back"]
    db = tmp_path / "s.duckdb"
    article = tmp_path / "jsa.txt"
    article.write_text(text, encoding="utf-8")
    allied.ingest([article], db=db, published="2025-11-04", language="en")
    [stored] = allied.itinerary("Pete Hegseth", db=db)
    assert stored["with"] == ["Ahn Gyu-back"]
