"""What the store holds: one row per imported dataset with its file, release and coverage."""

from __future__ import annotations

from typing import Any

import duckdb


def dataset_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cur = con.execute(
        "SELECT dataset, kind, file, release, imported_at, rows, min_year, max_year, countries, note "
        "FROM datasets ORDER BY dataset"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
