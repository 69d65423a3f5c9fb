"""The bundled snapshot: figures a fresh install answers burden questions from, offline.

``data/snapshot.parquet`` holds SIPRI current and constant US$, share of GDP and per capita, World Bank
GDP, population and military expenditure (% of GDP) for every country from 1990 to the latest year, NATO's
defence expenditure tables (every table, 2014 on) and COW National Material Capabilities (every year),
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

# dataset -> (indicators the snapshot keeps, () for all; first year kept)
CONTENT: dict[str, tuple[tuple[str, ...], int]] = {
    "sipri": (("milex_usd", "milex_usd_const", "milex_gdp", "milex_per_capita"), FIRST_YEAR),
    "worldbank:NY.GDP.MKTP.CD": (("gdp_usd",), FIRST_YEAR),
    "worldbank:SP.POP.TOTL": (("population",), FIRST_YEAR),
    "worldbank:MS.MIL.XPND.GD.ZS": (("milex_gdp",), FIRST_YEAR),
    "nato": ((), 0),
    "nmc": ((), 0),
}


def _where(dataset: str) -> str:
    indicators, first = CONTENT[dataset]
    which = f" AND indicator IN ({', '.join(repr(i) for i in indicators)})" if indicators else ""
    return f"(dataset = '{dataset}' AND year >= {first}{which})"


@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    if not MANIFEST.exists():
        return {"datasets": {}}
    return dict(json.loads(MANIFEST.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1)
def _datasets() -> dict[str, dict[str, Any]]:
    return dict(manifest()["datasets"]) if PARQUET.exists() else {}


def datasets() -> dict[str, dict[str, Any]]:
    """The snapshot's datasets: {dataset: {kind, file, sha256, release, rows, min_year, ...}} (read once
    per process: every figures question asks)."""
    return dict(_datasets())


def relation() -> str:
    path = str(PARQUET).replace("'", "''")
    return f"read_parquet('{path}')"


def build(con: duckdb.DuckDBPyConnection, out: Path = DATA) -> dict[str, Any]:
    """Write the snapshot from a store the official files were imported into; returns the manifest."""
    select = (f"SELECT * FROM figure_values WHERE {' OR '.join(_where(ds) for ds in CONTENT)} "
              "ORDER BY dataset, indicator, iso3, year")
    target = str(out / PARQUET.name).replace("'", "''")
    con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    doc = {"built_by": "scripts/build_snapshot.py", "first_year": FIRST_YEAR,
           "datasets": {ds: _describe(con, ds) for ds in CONTENT}}
    (out / MANIFEST.name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest.cache_clear()
    _datasets.cache_clear()
    return doc


def _describe(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, Any]:
    row = con.execute("SELECT kind, file, sha256, release FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    if row is None:
        raise LookupError(f"{dataset} was not imported before building the snapshot")
    stats = con.execute(
        f"SELECT count(*), min(year), max(year), count(DISTINCT iso3), list(DISTINCT indicator ORDER BY indicator) "
        f"FROM figure_values WHERE {_where(dataset)}").fetchone()
    assert stats is not None
    notes = con.execute("SELECT mark, text FROM figure_notes WHERE dataset = ? ORDER BY mark", [dataset]).fetchall()
    return {"notes": [list(n) for n in notes], "kind": row[0], "file": row[1], "sha256": row[2],
            "release": row[3], "rows": stats[0], "min_year": stats[1], "max_year": stats[2],
            "countries": stats[3], "indicators": stats[4]}
