"""The figures read path: a dataset's frame gives exactly the rows a query of the store (or of the snapshot)
gives, for any members, series and years; a new import is read at once; a reader copy's memo is its own."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import allied
from allied.figures import frame, snapshot, tables
from allied.model import NotFoundError
from allied.store import reader, writer
from allied.store.access import copy_memo

ROWS = [["Korea, South", "§7", 0.026, 0.0256], ["Japan", "", 0.012, "..."]]
SQL = ("SELECT indicator, iso3, year, value, unit, flags, name, source, release FROM {rel} WHERE dataset = ? "
       "AND list_contains(?, indicator) AND list_contains(?, iso3) AND list_contains(?, year)")


def _queried(con: duckdb.DuckDBPyConnection, rel: str, dataset: str, indicators: list[str], iso3s: list[str],
             years: list[int]) -> dict[tuple[str, str, int], dict[str, Any]]:
    cur = con.execute(SQL.format(rel=rel), [dataset, indicators, iso3s, years])
    cols = [d[0] for d in cur.description]
    return {(r[0], r[1], r[2]): dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


@pytest.mark.parametrize("dataset", sorted(snapshot.datasets()))
def test_the_snapshot_frame_answers_as_a_query_of_the_snapshot_does(db: Path, dataset: str) -> None:
    rng = random.Random(dataset)
    with reader(db) as con:
        series = con.execute(f"SELECT DISTINCT indicator, iso3 FROM {snapshot.relation()} WHERE dataset = ?",
                             [dataset]).fetchall()
        indicators = sorted({s[0] for s in series})
        codes = sorted({s[1] for s in series})
        for _ in range(12):
            ask = (rng.sample(indicators, min(len(indicators), rng.randint(1, 3))),
                   [*rng.sample(codes, min(len(codes), rng.randint(1, 40))), "ZZZ"],
                   rng.choice([[2024], list(range(1900, 2101)), rng.sample(range(1800, 2030), 7), []]))
            assert tables.values(con, dataset, *ask) == _queried(con, snapshot.relation(), dataset, *ask)
        for indicator in indicators:
            [(first, last)] = con.execute(f"SELECT min(year), max(year) FROM {snapshot.relation()} WHERE dataset = ? "
                                          "AND indicator = ? AND value IS NOT NULL", [dataset, indicator]).fetchall()
            assert tables.coverage(con, dataset, indicator) == ((first, last) if first is not None else None)


def test_an_imported_dataset_is_read_from_the_store_and_a_new_import_at_once(
        db: Path, mini_sipri: Callable[[list[list[Any]]], Path]) -> None:
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    with reader(db) as con:
        got = tables.values(con, "sipri", ["milex_gdp"], ["KOR", "JPN"], [2023, 2024])
        assert got == _queried(con, "figure_values", "sipri", ["milex_gdp"], ["KOR", "JPN"], [2023, 2024])
        assert got[("milex_gdp", "KOR", 2024)]["value"] == 0.0256
        assert got[("milex_gdp", "JPN", 2024)]["value"] is None
        assert tables.coverage(con, "sipri", "milex_gdp") == (2023, 2024)
        assert tables.flag_notes(con, "sipri")["§"].startswith("Figures for these countries")
    allied.import_data("sipri", mini_sipri([["Korea, South", "", 0.03, 0.031]]), db=db, force=True)
    with reader(db) as con:
        assert tables.values(con, "sipri", ["milex_gdp"], ["KOR", "JPN"], [2024]) == {
            ("milex_gdp", "KOR", 2024): {"indicator": "milex_gdp", "iso3": "KOR", "year": 2024, "value": 0.031,
                                         "unit": "fraction", "flags": [], "name": "Korea, South",
                                         "source": allied.figures.sipri.SOURCE,
                                         "release": tables.release_of(con, "sipri")}}
    assert allied.burden(members="KOR", year=2024, db=db)[0]["milex_pct_gdp"] == pytest.approx(3.1)


def test_a_dataset_in_neither_the_store_nor_the_snapshot_is_named(db: Path) -> None:
    with reader(db) as con:
        with pytest.raises(NotFoundError, match="'atop' is not in the store nor in the bundled snapshot"):
            tables.values(con, "atop", ["x"], ["USA"], [2000])
        assert tables.flag_notes(con, "atop") == {} and tables.release_of(con, "atop") == ""


def test_readers_of_one_copy_share_its_memo_and_a_write_starts_a_new_one(db: Path) -> None:
    with writer(db) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        assert copy_memo(con) is None  # a writer's connection changes under it: nothing is memoised
    with reader(db) as first, reader(db) as second:
        memo = copy_memo(first)
        assert memo is not None and copy_memo(second) is memo
        memo["seen"] = True
    with writer(db) as con:
        con.execute("INSERT INTO t VALUES (1)")
    with reader(db) as con:
        assert copy_memo(con) == {}
    frame.forget()
    with reader(db) as con:
        assert tables.values(con, "sipri", ["milex_gdp"], ["USA"], [2020])  # a frame is built again when needed


def _every_row(f: frame.Frame) -> dict[tuple[str, str, int], dict[str, Any]]:
    indicators = sorted({k[0] for k in f.index})
    codes = sorted({k[1] for k in f.index})
    return f.rows(indicators, codes, range(1800, 2101))


@pytest.mark.parametrize("dataset", ["sipri", "nato"])
def test_a_snapshot_frame_is_memory_mapped_from_the_cache_with_the_answers_of_one_built_from_the_snapshot(
        db: Path, dataset: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mmap

    monkeypatch.setenv("ALLIED_CACHE_DIR", str(tmp_path / "cache"))
    notes = {str(m): str(t) for m, t in snapshot.datasets()[dataset]["notes"]}
    with reader(db) as con:
        built = frame.Frame(dataset, con, snapshot.relation(), notes)
        first = frame.snapshot_frame(con, dataset, notes)  # builds the cache entry
        monkeypatch.setattr(frame.Frame, "__init__", lambda *a: pytest.fail("built again"))
        cached = frame.snapshot_frame(con, dataset, notes)
    assert isinstance(cached.years, memoryview) and isinstance(cached.years.obj, mmap.mmap)
    assert len(cached) == len(built) > 1000
    for f in (first, cached):
        assert _every_row(f) == _every_row(built)
        assert f.spans == built.spans and f.notes == built.notes
    row = next(iter(_every_row(cached).values()))
    assert type(row["year"]) is int and type(row["flags"]) is list  # Python values, as a query gives
    if dataset == "sipri":  # SIPRI's table has cells without a figure: a null stays null, never 0
        assert any(r["value"] is None for r in _every_row(cached).values())
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert entries == [f"frame-{dataset}"] and len(list((tmp_path / "cache" / entries[0]).iterdir())) == 1


def test_a_new_snapshot_version_replaces_the_cached_frames_and_an_unwritable_cache_costs_only_speed(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIED_CACHE_DIR", str(tmp_path / "cache"))
    dataset = "worldbank:SP.POP.TOTL"
    with reader(db) as con:
        plain = _every_row(frame.Frame(dataset, con, snapshot.relation(), {}))
        assert _every_row(frame.snapshot_frame(con, dataset, {})) == plain
        folder = tmp_path / "cache" / "frame-worldbank_SP_POP_TOTL"
        [old] = list(folder.iterdir())
        monkeypatch.setattr(frame, "_snapshot_version", lambda: "another-release")
        assert _every_row(frame.snapshot_frame(con, dataset, {})) == plain
        assert [p.name for p in folder.iterdir()] == ["another-release"]  # the old version is removed
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("x", encoding="utf-8")
        monkeypatch.setenv("ALLIED_CACHE_DIR", str(blocked))
        assert _every_row(frame.snapshot_frame(con, dataset, {})) == plain  # built in memory instead
    assert old.name != "another-release"


def test_burden_answers_offline_from_the_cache_it_builds_itself(tmp_path: Path) -> None:
    """A fresh installation: no store, an empty cache; the first `allied burden` builds the cached frames
    from the bundled snapshot, the second reads them, and both answer the same."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "ALLIED_CACHE_DIR": str(tmp_path / "cache"), "ALLIED_DB": str(tmp_path / "none.duckdb")}
    cmd = [sys.executable, "-m", "allied", "burden", "--alliance", "NATO", "--year", "2024", "--format", "json"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=120).stdout
    built = sorted(p.name for p in (tmp_path / "cache").iterdir())
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=120).stdout
    assert first == second
    rows = json.loads(first)
    assert len(rows["rows"] if isinstance(rows, dict) else rows) >= 30  # NATO's members in 2024
    assert "frame-sipri" in built and sorted(p.name for p in (tmp_path / "cache").iterdir()) == built
