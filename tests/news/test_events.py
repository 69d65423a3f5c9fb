"""Events from our own invented articles: list expansion, stops, meetings, announcements, scope rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import allied


def _summary(rec: dict[str, Any]) -> list[tuple]:
    return [
        (
            e["type"],
            e["status"],
            [a["id"] for a in e["actors"]],
            e["countries"],
            (e["place"] or {}).get("name"),
            (e["date"] or {}).get("start"),
            (e["forum"] or {}).get("id"),
            e["topics"],
        )
        for e in rec["events"]
    ]


def test_german_trip_stops_meetings_and_announcement(fixtures: Path) -> None:
    [rec] = allied.extract(fixtures / "reise_de.txt")
    assert _summary(rec) == [
        ("visit", "planned", ["person:boris-pistorius"], ["DEU", "JPN"], "Tokyo", "2026-03-03", None, []),
        ("visit", "planned", ["person:boris-pistorius"], ["DEU", "KOR"], "Seoul", "2026-03-05", None, ["North Korea"]),
        ("announcement", "occurred", ["org:deu-bmvg"], ["DEU"], None, "2026-03-01", None, []),
        (
            "meeting",
            "planned",
            ["person:boris-pistorius", "person:koizumi-shinjiro"],
            ["DEU", "JPN"],
            "Tokyo",
            "2026-03-03",
            None,
            ["cybersecurity", "training and exercises"],
        ),
        (
            "meeting",
            "planned",
            ["person:boris-pistorius", "person:ahn-gyu-back"],
            ["DEU", "KOR"],
            "Seoul",
            "2026-03-05",
            None,
            ["North Korea"],
        ),
    ]


def test_english_talks_agenda_and_hedged_visit(fixtures: Path) -> None:
    [rec] = allied.extract(fixtures / "talks_en.txt")
    assert _summary(rec) == [
        (
            "meeting",
            "occurred",
            ["person:koizumi-shinjiro", "person:richard-marles"],
            ["AUS", "JPN"],
            "Tokyo",
            "2026-03-04",
            None,
            ["training and exercises", "maritime security", "South China Sea"],
        ),
        (
            "announcement",
            "occurred",
            ["person:koizumi-shinjiro"],
            ["JPN"],
            None,
            "2026-03-05",
            None,
            ["defense spending"],
        ),
    ]
    texts = [s["text"] for e in rec["events"] for s in e["evidence"]]
    assert not any("may also visit Manila" in t for t in texts)


def test_list_expansion_gives_one_planned_visit_per_stop_in_order() -> None:
    text = (
        "Marles reist nach Asien\nDas australische Verteidigungsministerium kündigte am Sonntag an, dass "
        "Verteidigungsminister Richard Marles Japan, die Philippinen, Vietnam und Südkorea besucht."
    )
    [rec] = allied.extract(text, published="2026-03-01", language="de")
    visits = [e for e in rec["events"] if e["type"] == "visit"]
    assert [(v["place"]["name"], v["status"], v["countries"]) for v in visits] == [
        ("Japan", "planned", ["AUS", "JPN"]),
        ("Philippines", "planned", ["AUS", "PHL"]),
        ("Vietnam", "planned", ["AUS", "VNM"]),
        ("South Korea", "planned", ["AUS", "KOR"]),
    ]
    [ann] = [e for e in rec["events"] if e["type"] == "announcement"]
    assert (ann["actors"][0]["id"], ann["date"]["start"]) == ("org:aus-defence", "2026-03-01")


def test_background_and_negated_events_are_left_out() -> None:
    text = (
        "Hegseth in Seoul\nPete Hegseth traf am Dienstag in Seoul Verteidigungsminister Ahn Gyu-back. "
        "Zu einem Treffen zwischen Trump und Kim Jong Un kam es nicht. Zuvor hatte im Oktober 2017 der damalige "
        "US-Verteidigungsminister James Mattis die entmilitarisierte Zone besucht."
    )
    [rec] = allied.extract(text, published="2025-11-05", language="de")
    assert _summary(rec) == [
        (
            "meeting",
            "occurred",
            ["person:pete-hegseth", "person:ahn-gyu-back"],
            ["KOR", "USA"],
            "Seoul",
            "2025-11-04",
            None,
            [],
        ),
    ]


def test_the_project_example_trip(fixtures: Path) -> None:
    example = fixtures.parents[2] / "examples" / "marles-indopazifik.txt"
    [rec] = allied.extract(example)
    assert [
        (e["type"], e["status"], (e["place"] or {}).get("name"), (e["date"] or {}).get("start")) for e in rec["events"]
    ] == [
        ("visit", "planned", "Tokyo", "2026-03-03"),
        ("visit", "planned", "Manila", None),
        ("visit", "planned", "Seoul", "2026-03-07"),
        ("announcement", "occurred", None, "2026-03-01"),
        ("meeting", "planned", "Tokyo", "2026-03-03"),
        ("meeting", "planned", "Manila", "2026-03-05"),
        ("meeting", "planned", "Seoul", "2026-03-07"),
    ]
    assert [(p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]] == [("AUS", 2.4, "% GDP", 2033)]


def test_a_stated_trip_length_spans_the_stop() -> None:
    text = (
        "Marles in Seoul\nAustralian Defence Minister Richard Marles arrived in South Korea on Monday for talks "
        "with Defense Minister Ahn Gyu-back. During his two-day trip, Marles is set to visit Camp Humphreys."
    )
    [rec] = allied.extract(text, published="2026-03-02", language="en")
    stops = [(e["place"]["name"], e["date"]) for e in rec["events"] if e["type"] == "visit"]
    assert stops == [
        ("South Korea", {"start": "2026-03-02", "end": "2026-03-03", "inferred": False}),
        ("Camp Humphreys", None),
    ]
