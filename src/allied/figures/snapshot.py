"""The bundled snapshot: figures a fresh install answers burden questions from, offline.

``data/snapshot.parquet`` holds SIPRI current and constant US$, share of GDP and per capita, and World
Bank GDP, population and military expenditure (% of GDP) for every country from 1990 to the latest year,
each value with its source and release; ``data/snapshot.json`` describes each dataset (file, SHA-256,
release, coverage). Both are written by ``scripts/build_snapshot.py`` from the official release files,
never by hand. Imported data take precedence over the snapshot, dataset by dataset.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import duckdb

DATA = Path(__file__).parent / "data"
PARQUET = DATA / "snapshot.parquet"
MANIFEST = DATA / "snapshot.json"
FIRST_YEAR = 1990

# dataset -> indicators the snapshot keeps
CONTENT: dict[str, tuple[str, ...]] = {
    "sipri": ("milex_usd", "milex_usd_const", "milex_gdp", "milex_per_capita"),
    "worldbank:NY.GDP.MKTP.CD": ("gdp_usd",),
    "worldbank:SP.POP.TOTL": ("population",),
    "worldbank:MS.MIL.XPND.GD.ZS": ("milex_gdp",),
}


@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    if not MANIFEST.exists():
        return {"datasets": {}}
    return dict(json.loads(MANIFEST.read_text(encoding="utf-8")))


def datasets() -> dict[str, dict[str, Any]]:
    """The snapshot's datasets: {dataset: {kind, file, sha256, release, rows, min_year, ...}}."""
    if not PARQUET.exists():
        return {}
    return dict(manifest()["datasets"])


def relation() -> str:
    path = str(PARQUET).replace("'", "''")
    return f"read_parquet('{path}')"


def build(con: duckdb.DuckDBPyConnection, out: Path = DATA) -> dict[str, Any]:
    """Write the snapshot from a store the official files were imported into; returns the manifest."""
    parts = [
        f"(dataset = '{ds}' AND indicator IN ({', '.join(repr(i) for i in inds)}))"
        for ds, inds in CONTENT.items()
    ]
    select = (f"SELECT * FROM figure_values WHERE year >= {FIRST_YEAR} AND ({' OR '.join(parts)}) "
              "ORDER BY dataset, indicator, iso3, year")
    target = str(out / PARQUET.name).replace("'", "''")
    con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    doc = {"built_by": "scripts/build_snapshot.py", "first_year": FIRST_YEAR,
           "datasets": {ds: _describe(con, ds) for ds in CONTENT}}
    (out / MANIFEST.name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest.cache_clear()
    return doc


def _describe(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, Any]:
    row = con.execute("SELECT kind, file, sha256, release FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    if row is None:
        raise LookupError(f"{dataset} was not imported before building the snapshot")
    stats = con.execute(
        f"SELECT count(*), min(year), max(year), count(DISTINCT iso3) FROM figure_values WHERE dataset = ? "
        f"AND year >= {FIRST_YEAR} AND list_contains(?, indicator)", [dataset, list(CONTENT[dataset])]
    ).fetchone()
    assert stats is not None
    return {"kind": row[0], "file": row[1], "sha256": row[2], "release": row[3], "rows": stats[0],
            "min_year": stats[1], "max_year": stats[2], "countries": stats[3],
            "indicators": list(CONTENT[dataset])}
