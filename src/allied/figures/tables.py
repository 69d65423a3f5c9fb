"""Writing a parsed dataset to the store (all or nothing, idempotent) and reading values back.

Reading prefers imported data; a dataset never imported is read from the bundled snapshot when the
snapshot holds it (see ``allied.figures.snapshot``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from allied.figures import schema, snapshot
from allied.figures.records import Parsed
from allied.model import DataImportError, NotFoundError
from allied.store import transaction


def stored_sha(con: duckdb.DuckDBPyConnection, dataset: str) -> str | None:
    row = con.execute("SELECT sha256 FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    return str(row[0]) if row else None


def write(con: duckdb.DuckDBPyConnection, parsed: Parsed, file: Path, sha: str) -> dict[str, Any]:
    """Replace the dataset's values, notes and ``datasets`` row in one transaction."""
    schema.ensure(con)
    _check_unique(parsed, file)
    table = parsed.values.to_arrow()
    summary = _summary(parsed)
    note = "; ".join(parsed.skipped)
    with transaction(con):
        con.execute("DELETE FROM figure_values WHERE dataset = ?", [parsed.dataset])
        con.register("_incoming", table)
        try:
            con.execute("INSERT INTO figure_values SELECT ?, indicator, iso3, year, value, unit, flags, name, ?, ? "
                        "FROM _incoming", [parsed.dataset, parsed.source, parsed.release])
        finally:
            con.unregister("_incoming")
        _write_notes(con, parsed)
        _write_dataset_row(con, parsed, file, sha, summary, note)
    return {"dataset": parsed.dataset, "kind": parsed.kind, "file": file.name, "release": parsed.release,
            **summary, "changed": True, "note": note}


def _check_unique(parsed: Parsed, file: Path) -> None:
    cols = parsed.values.cols
    keys = list(zip(cols["indicator"], cols["iso3"], cols["year"], strict=True))
    if len(set(keys)) != len(keys):
        seen: set[tuple[str, str, int]] = set()
        dupes = sorted({k for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
        raise DataImportError(str(file), f"{len(dupes)} values appear twice, e.g. {dupes[:3]}")


def _summary(parsed: Parsed) -> dict[str, Any]:
    cols = parsed.values.cols
    if not cols["year"]:
        return {"rows": 0, "min_year": None, "max_year": None, "countries": 0}
    return {"rows": len(cols["year"]), "min_year": min(cols["year"]), "max_year": max(cols["year"]),
            "countries": len(set(cols["iso3"]))}


def _write_notes(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> None:
    con.execute("DELETE FROM figure_notes WHERE dataset = ?", [parsed.dataset])
    if parsed.notes:
        notes = pa.table({"dataset": [parsed.dataset] * len(parsed.notes),
                          "mark": [m for m, _ in parsed.notes], "text": [t for _, t in parsed.notes]})
        con.register("_notes", notes)
        try:
            con.execute("INSERT INTO figure_notes SELECT * FROM _notes")
        finally:
            con.unregister("_notes")


def _write_dataset_row(con: duckdb.DuckDBPyConnection, parsed: Parsed, file: Path, sha: str,
                       summary: dict[str, Any], note: str) -> None:
    con.execute("DELETE FROM datasets WHERE dataset = ?", [parsed.dataset])
    con.execute(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [parsed.dataset, parsed.kind, file.name, sha, parsed.release, dt.datetime.now(dt.UTC).replace(tzinfo=None),
         summary["rows"], summary["min_year"], summary["max_year"], summary["countries"], note],
    )


def imported(con: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    return stored_sha(con, dataset) is not None


def values(con: duckdb.DuckDBPyConnection, dataset: str, indicators: list[str], iso3s: list[str],
           years: list[int]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """{(indicator, iso3, year): row} from the store, or the snapshot when the dataset was not imported."""
    schema.ensure(con)
    relation = _relation(con, dataset)
    sql = (f"SELECT indicator, iso3, year, value, unit, flags, name, source, release FROM {relation} "
           "WHERE dataset = ? AND list_contains(?, indicator) AND list_contains(?, iso3) "
           "AND list_contains(?, year)")
    cur = con.execute(sql, [dataset, indicators, iso3s, years])
    cols = [d[0] for d in cur.description]
    return {(r[0], r[1], r[2]): dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def _relation(con: duckdb.DuckDBPyConnection, dataset: str) -> str:
    if imported(con, dataset):
        return "figure_values"
    if dataset in snapshot.datasets():
        return snapshot.relation()
    raise NotFoundError(f"dataset {dataset!r} is not in the store nor in the bundled snapshot; "
                        f"import it first: allied data import {dataset.split(':')[0]} FILE")


def coverage(con: duckdb.DuckDBPyConnection, dataset: str, indicator: str) -> tuple[int, int] | None:
    """(first, last) year with a value for an indicator, or None."""
    relation = _relation(con, dataset)
    row = con.execute(f"SELECT min(year), max(year) FROM {relation} WHERE dataset = ? AND indicator = ? "
                      "AND value IS NOT NULL", [dataset, indicator]).fetchone()
    return (int(row[0]), int(row[1])) if row and row[0] is not None else None


def release_of(con: duckdb.DuckDBPyConnection, dataset: str) -> str:
    row = con.execute("SELECT release FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    if row:
        return str(row[0])
    return str(snapshot.datasets().get(dataset, {}).get("release", ""))
