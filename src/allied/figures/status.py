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
    return sorted(rows, key=lambda r: (r["dataset"], r["origin"]))
