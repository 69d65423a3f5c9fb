"""The commands, run in-process: extract (jsonl), ingest, events, itinerary with maps."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from allied.cli import app


def test_extract_jsonl_one_line_per_document(runner: CliRunner, fixtures: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(fixtures / "talks_en.txt"), str(tmp_path / "empty.txt"), "--format", "jsonl"]
    )
    assert result.exit_code == 1, result.output  # one of the inputs failed (0: all good, 2: usage)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc"], r["language"], r["published"], len(r["events"]), len(r["pledges"])) for r in lines] == [
        ("talks_en", "en", "2026-03-06", 2, 1),
        ("empty", None, None, 0, 0),
    ]
    assert lines[1]["error"].endswith("empty.txt: empty document")


def test_extract_published_override_and_bad_value(runner: CliRunner, fixtures: Path) -> None:
    ok = runner.invoke(app, ["extract", str(fixtures / "nodate_de.txt"), "--published", "2025-10-27"])
    assert ok.exit_code == 0
    [rec] = [json.loads(line) for line in ok.stdout.splitlines()]
    assert [(e["type"], e["date"]["start"]) for e in rec["events"]] == [("meeting", "2025-10-28")]
    bad = runner.invoke(app, ["extract", str(fixtures / "nodate_de.txt"), "--published", "morgen"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "Error: published: 'morgen' is not allowed; expected a date as YYYY-MM-DD"


def test_ingest_events_and_itinerary_with_maps(runner: CliRunner, fixtures: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    ingest = runner.invoke(app, ["ingest", str(fixtures / "reise_de.txt"), "--db", db, "--format", "json"])
    assert ingest.exit_code == 0, ingest.output
    assert [(r["doc"], r["new_events"]) for r in json.loads(ingest.stdout)] == [("reise_de", 5)]
    events = runner.invoke(
        app,
        ["events", "--country", "JPN", "--from", "2026-03-01", "--to", "2026-03-10", "--db", db, "--format", "json"],
    )
    assert [(e["type"], e["date"]["start"]) for e in json.loads(events.stdout)] == [
        ("visit", "2026-03-03"),
        ("meeting", "2026-03-03"),
    ]
    html, png = tmp_path / "trip.html", tmp_path / "trip.png"
    table = runner.invoke(app, ["itinerary", "Boris Pistorius", "--db", db, "--map", str(html)])
    assert table.exit_code == 0, table.output
    assert "Tokyo" in table.stdout and "Seoul" in table.stdout
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "Tokyo" in page and 'src="http' not in page and 'href="http' not in page
    as_json = runner.invoke(app, ["itinerary", "Boris Pistorius", "--db", db, "--format", "json", "--map", str(png)])
    assert [s["place"] for s in json.loads(as_json.stdout)] == ["Tokyo", "Seoul"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = runner.invoke(app, ["itinerary", "Boris Pistorius", "--db", db, "--map", str(tmp_path / "trip.pdf")])
    assert bad.exit_code == 1
    assert "--map" in bad.stderr and ".html or .png" in bad.stderr
