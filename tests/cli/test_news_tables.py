"""The news results as tables: allied.events and allied.itinerary give lists of records (JSON as before)
whose .to_pandas() has the documented columns, one row per event or stop."""

from __future__ import annotations

import json
from pathlib import Path

import allied
from allied.cli.fields import EVENT_ROW, STOP_ROW
from allied.news.api import EVENT_COLUMNS, STOP_COLUMNS
from tests.conftest import ROOT


def test_events_and_itinerary_to_pandas_have_the_documented_columns(db: Path) -> None:
    allied.ingest(sorted((ROOT / "examples").glob("*.txt")), db=db)
    assert EVENT_COLUMNS == tuple(f[0] for f in EVENT_ROW) and STOP_COLUMNS == tuple(f[0] for f in STOP_ROW)
    events = allied.events(country="DEU", db=db)
    df = events.to_pandas()
    assert tuple(df.columns) == EVENT_COLUMNS and len(df) == len(events) > 0
    assert json.loads(json.dumps(events)) == [dict(e) for e in events]  # still plain records
    warsaw = df[df.place == "Warsaw"]
    assert set(warsaw.place_country) == {"POL"} and all("pistorius-baltics" in d for d in warsaw.docs)
    stops = allied.itinerary("Richard Marles", db=db)
    table = stops.to_pandas()
    assert tuple(table.columns) == STOP_COLUMNS
    assert table.place.tolist() == ["Tokyo", "Manila", "Seoul"] and table.stop.tolist() == [1, 2, 3]
    assert table.start.isna().tolist() == [False, True, False]  # an undated stop stays null


def test_an_empty_result_still_has_the_columns(db: Path) -> None:
    assert tuple(allied.events(country="ISL", db=db).to_pandas().columns) == EVENT_COLUMNS
    assert tuple(allied.itinerary("Nobody Known", db=db).to_pandas().columns) == STOP_COLUMNS
