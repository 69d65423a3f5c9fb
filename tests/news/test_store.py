"""Ingest, merge across documents and languages, queries, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import allied
from allied.model import InputError


def _tables(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("news_documents", "news_events", "news_event_sources", "news_pledges")
        }
    finally:
        con.close()


def test_ingest_is_idempotent_and_skips_bad_documents(fixtures: Path, tmp_path: Path, db: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    first = allied.ingest([fixtures / "reise_de.txt", tmp_path / "empty.txt"], db=db)
    assert [(r["doc"], r["status"], r["new_events"]) for r in first] == [
        ("reise_de", "stored", 5),
        ("empty", "skipped", 0),
    ]
    assert first[1]["reason"].endswith("empty.txt: empty document")
    before = _tables(db)
    again = allied.ingest([fixtures / "reise_de.txt"], db=db)
    assert [(r["doc"], r["status"]) for r in again] == [("reise_de", "already stored")]
    assert _tables(db) == before == {"news_documents": 1, "news_events": 5, "news_event_sources": 5, "news_pledges": 1}


def test_the_same_event_from_two_languages_is_one_event_with_both_sources(tmp_path: Path, db: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Koizumi trifft Marles\nDer japanische Verteidigungsminister Shinjiro Koizumi "
        "trifft am Mittwoch in Tokio den australischen Verteidigungsminister Richard "
        "Marles.",
        encoding="utf-8",
    )
    (tmp_path / "de.json").write_text('{"published": "2026-03-02", "language": "de"}', encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Koizumi meets Marles\nJapanese Defense Minister Shinjiro Koizumi will hold "
        "talks with Australian Defence Minister Richard Marles in Tokyo on Wednesday.",
        encoding="utf-8",
    )
    (tmp_path / "en.json").write_text('{"published": "2026-03-03", "language": "en"}', encoding="utf-8")
    summary = allied.ingest([tmp_path / "de.txt", tmp_path / "en.txt"], db=db)
    assert [(r["doc"], r["new_events"], r["merged_events"]) for r in summary] == [("de", 1, 0), ("en", 0, 1)]
    [event] = allied.events(country="AUS", db=db)
    assert (event["type"], event["date"]["start"], event["place"]["name"], [s["doc"] for s in event["sources"]]) == (
        "meeting",
        "2026-03-04",
        "Tokyo",
        ["de", "en"],
    )
    assert [s["language"] for s in event["sources"]] == ["de", "en"]


def test_dev_corpus_reports_of_one_visit_are_merged(dev_articles: list[Path], db: Path) -> None:
    allied.ingest(dev_articles, db=db)
    scm = allied.events(forum="SCM", db=db)
    assert [(e["type"], e["date"]["start"], e["place"]["name"]) for e in scm] == [("meeting", "2025-11-04", "Seoul")]
    # one meeting reported in English, German and Korean
    assert [s["doc"] for s in scm[0]["sources"]] == ["001", "026", "032", "000", "014", "b005"]
    assert {s["language"] for s in scm[0]["sources"]} == {"de", "en", "ko"}
    vietnam = [e for e in allied.events(country="VNM", db=db) if e["type"] == "visit"]
    assert [(e["place"]["name"], e["date"]) for e in vietnam] == [
        ("Hanoi", {"start": "2025-11-02", "end": "2025-11-03", "inferred": False})
    ]
    assert sorted(s["doc"] for s in vietnam[0]["sources"]) == ["000", "001", "003", "014", "024", "025"]
    assert {s["language"] for s in vietnam[0]["sources"]} == {"de", "en"}


def test_queries_filter_by_country_person_and_period(fixtures: Path, db: Path) -> None:
    allied.ingest([fixtures / "reise_de.txt", fixtures / "talks_en.txt"], db=db)
    assert len(allied.events(db=db)) == 7
    assert [e["type"] for e in allied.events(country="KOR", db=db)] == ["visit", "meeting"]
    assert [e["date"]["start"] for e in allied.events(person="Richard Marles", db=db)] == ["2026-03-04"]
    assert [e["type"] for e in allied.events(start="2026-03-05", end="2026-03-05", db=db)] == [
        "visit",
        "meeting",
        "announcement",  # a plan told to reporters ("plans to raise its defense budget") is an announcement
    ]
    stops = allied.itinerary("Boris Pistorius", db=db)
    assert [(s["stop"], s["place"], s["start"]) for s in stops] == [
        (1, "Tokyo", "2026-03-03"),
        (2, "Seoul", "2026-03-05"),
    ]


def test_bad_query_input(db: Path) -> None:
    with pytest.raises(InputError, match="country: 'XX' is not allowed"):
        allied.events(country="XX", db=db)
    with pytest.raises(InputError, match="start: '2025-13-01' is not allowed; expected a date as YYYY-MM-DD"):
        allied.events(start="2025-13-01", db=db)
    with pytest.raises(InputError, match=r"--to: '2025-01-01' is not allowed; expected a date on or after --from"):
        allied.itinerary("Pete Hegseth", start="2025-02-01", end="2025-01-01", db=db)
    with pytest.raises(InputError, match="person: ' ' is not allowed"):
        allied.itinerary(" ", db=db)


def test_events_are_paged_in_the_store_and_bad_paging_is_refused(fixtures: Path, db: Path) -> None:
    allied.ingest([fixtures / "reise_de.txt", fixtures / "talks_en.txt"], db=db)
    every = allied.events(db=db)
    assert len(every) >= 3
    assert allied.events(db=db, limit=2) == every[:2]
    assert allied.events(db=db, limit=2, offset=1) == every[1:3]
    assert allied.events(db=db, limit=0) == []
    for bad in ({"limit": -1}, {"limit": True}, {"offset": -3}):
        with pytest.raises(InputError):
            allied.events(db=db, **bad)  # type: ignore[arg-type]


def test_the_events_command_shows_a_page_and_says_how_to_see_more(fixtures: Path, db: Path) -> None:
    from typer.testing import CliRunner

    from allied.cli import app

    allied.ingest([fixtures / "reise_de.txt", fixtures / "talks_en.txt"], db=db)
    every = allied.events(db=db)
    runner = CliRunner()
    page = runner.invoke(app, ["events", "--db", str(db), "-f", "json", "--limit", "2", "--offset", "1"])
    assert page.exit_code == 0, page.output
    assert [e["id"] for e in json.loads(page.stdout)] == [e["id"] for e in every[1:3]]
    assert "more match: --offset 3 or --all" in page.stderr
    whole = runner.invoke(app, ["events", "--db", str(db), "-f", "json", "--all"])
    assert [e["id"] for e in json.loads(whole.stdout)] == [e["id"] for e in every] and "more match" not in whole.stderr
    bad = runner.invoke(app, ["events", "--db", str(db), "--limit", "0"])
    assert bad.exit_code != 0 and "--limit" in bad.output


def test_ingest_takes_an_articles_text_too(db: Path) -> None:
    text = (
        "Koizumi meets Marles\nJapanese Defense Minister Shinjiro Koizumi held talks with Australian Defence "
        "Minister Richard Marles in Tokyo on Wednesday."
    )
    [row] = allied.ingest(text, db=db, published="2026-03-02")
    assert (row["status"], row["new_events"]) == ("stored", 1)
    assert [e["place"]["name"] for e in allied.events(db=db)] == ["Tokyo"]
