"""Writing a parsed dataset to the store (all or nothing, idempotent) and reading values back.

Reading prefers imported data; a dataset never imported is read from the bundled snapshot when the
snapshot holds it (see ``allied.figures.snapshot``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from allied.figures import frame as frames
from allied.figures import snapshot
from allied.model import DataImportError
from allied.store import transaction

if TYPE_CHECKING:  # the write path's libraries load when a dataset is written, not when figures are read
    import pyarrow as pa

    from allied.figures.records import Batch, Parsed


def stored_sha(con: duckdb.DuckDBPyConnection, dataset: str) -> str | None:
    row = con.execute("SELECT sha256 FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    return str(row[0]) if row else None


def write(con: duckdb.DuckDBPyConnection, parsed: Parsed, file: Path, sha: str) -> dict[str, Any]:
    """Replace the dataset's values, notes and ``datasets`` row in one transaction. The commit writes
    straight into the database file (see ``allied.store.transaction``): a bulk write is written once."""
    batch = parsed.values.to_arrow()
    _check_unique(parsed, batch, file)
    summary = _summary(parsed, batch)
    note = "; ".join(parsed.skipped)
    with transaction(con, checkpoint=True):
        _delete_values(con, parsed.dataset)
        series, sets = _first_free(con)
        _insert(con, "figure_series", batch.series, "series + ?, ?, indicator, iso3, unit, name, ?, ?",
                [series, parsed.dataset, parsed.source, parsed.release])
        _insert(con, "figure_flag_sets", batch.flag_sets, "flag_set + ?, ?, flags", [sets, parsed.dataset])
        _insert(con, "figure_points", batch.points, "series + ?, year, value, flag_set + ?", [series, sets])
        _write_notes(con, parsed)
        _write_dataset_row(con, parsed, file, sha, summary, note)
    return {"dataset": parsed.dataset, "kind": parsed.kind, "file": file.name, "release": parsed.release,
            **summary, "changed": True, "note": note}


def _delete_values(con: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Delete a dataset's values. Its series have consecutive numbers, so its points are one range of
    ``series``: the scan skips every block of other datasets by its min/max statistics."""
    [(first, last)] = con.execute("SELECT min(series), max(series) FROM figure_series WHERE dataset = ?",
                                  [dataset]).fetchall()
    if first is not None:
        con.execute("DELETE FROM figure_points WHERE series BETWEEN ? AND ?", [first, last])
    con.execute("DELETE FROM figure_series WHERE dataset = ?", [dataset])
    con.execute("DELETE FROM figure_flag_sets WHERE dataset = ?", [dataset])


def _first_free(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """The numbers a new dataset's series and flag sets start from: after every number in use."""
    [(series, sets)] = con.execute("SELECT (SELECT coalesce(max(series) + 1, 0) FROM figure_series), "
                                   "(SELECT coalesce(max(flag_set) + 1, 0) FROM figure_flag_sets)").fetchall()
    return int(series), int(sets)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, select: str, params: list[Any]) -> None:
    """One bulk INSERT ... SELECT from an Arrow table (no per-row Python)."""
    con.register("_incoming", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT {select} FROM _incoming", params)
    finally:
        con.unregister("_incoming")


def _check_unique(parsed: Parsed, batch: Batch, file: Path) -> None:
    dupes = parsed.values.duplicates(batch.points)
    if dupes:
        raise DataImportError(str(file), f"{len(dupes)} values appear twice, e.g. {dupes[:3]}")


def _summary(parsed: Parsed, batch: Batch) -> dict[str, Any]:
    import numpy as np

    if not len(parsed.values):
        return {"rows": 0, "min_year": None, "max_year": None, "countries": 0}
    years, keys = batch.points["year"].to_numpy(), list(parsed.values.series)
    used = np.flatnonzero(np.bincount(batch.points["series"].to_numpy()))
    return {"rows": len(years), "min_year": int(years.min()), "max_year": int(years.max()),
            "countries": len({keys[i][1] for i in used})}


def _write_notes(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> None:
    con.execute("DELETE FROM figure_notes WHERE dataset = ?", [parsed.dataset])
    if parsed.notes:
        import pyarrow as pa

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
    return dataset in frames.stored(con)


def values(con: duckdb.DuckDBPyConnection, dataset: str, indicators: list[str], iso3s: list[str],
           years: list[int]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """{(indicator, iso3, year): row} from the store, or the snapshot when the dataset was not imported
    (read from the dataset's frame: no query once the frame is built, see ``allied.figures.frame``)."""
    return frames.frame(con, dataset).rows(indicators, iso3s, years)


def coverage(con: duckdb.DuckDBPyConnection, dataset: str, indicator: str) -> tuple[int, int] | None:
    """(first, last) year with a value for an indicator, or None."""
    return frames.frame(con, dataset).coverage(indicator)


def release_of(con: duckdb.DuckDBPyConnection, dataset: str) -> str:
    held = frames.stored(con).get(dataset)
    if held is not None:
        return held.release
    return str(snapshot.datasets().get(dataset, {}).get("release", ""))


def flag_notes(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, str]:
    """{flag: what it means} as the dataset's release explains it (SIPRI's footnote symbols and numbered
    notes, and the estimate / uncertain / placeholder marks), from the store or the snapshot."""
    if imported(con, dataset) or dataset in snapshot.datasets():
        return dict(frames.frame(con, dataset).notes)
    return {}
