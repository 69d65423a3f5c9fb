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
