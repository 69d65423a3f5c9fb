"""What the figures come from: imported datasets and the bundled snapshot, and which one is in use."""

from __future__ import annotations

from typing import Any

import duckdb

from allied.figures import snapshot
from allied.store.status import dataset_rows


def status_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every dataset in the store (origin 'imported') and in the snapshot (origin 'snapshot'); ``in_use``
    says which one answers queries: an imported dataset always wins over the snapshot's copy."""
    imported = dataset_rows(con)
    names = {r["dataset"] for r in imported}
    rows = [{**r, "origin": "imported", "in_use": True} for r in imported]
    for dataset, meta in snapshot.datasets().items():
        rows.append({
            "dataset": dataset, "kind": meta["kind"], "file": meta["file"], "release": meta["release"],
            "imported_at": None, "rows": meta["rows"], "min_year": meta["min_year"],
            "max_year": meta["max_year"], "countries": meta["countries"],
            "note": ("bundled snapshot, overridden by the imported data" if dataset in names
                     else "bundled snapshot (import the official file to replace it)"),
            "origin": "snapshot", "in_use": dataset not in names,
        })
    return sorted(rows, key=lambda r: (r["dataset"], r["origin"])) + _ingested(con)


# the news engine's tables, counted by name (a count, not a read of the engine's records)
NEWS_TABLES = (("news:documents", "news_documents", "ingested articles"),
               ("news:events", "news_events", "stored events (the same event from several articles once)"))


def _ingested(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """How many articles and events the store holds (0 when nothing was ingested)."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    rows = []
    for dataset, table, what in NEWS_TABLES:
        [(n,)] = con.execute(f"SELECT count(*) FROM {table}").fetchall() if table in present else [(0,)]
        rows.append({"dataset": dataset, "kind": "news", "file": None, "release": None, "imported_at": None,
                     "rows": int(n), "min_year": None, "max_year": None, "countries": None,
                     "note": f"{n} {what}" if n else f"no {what} (`allied ingest FILES` stores articles)",
                     "origin": "ingested", "in_use": True})
    return rows
