"""`import_data(kind, file)`: read an official release file and store it, all or nothing.

Importing the same file twice changes nothing (the file's SHA-256 is compared with the stored one). Any
problem — a damaged workbook, a missing column, an unknown country — raises DataImportError naming the
file and the problem, and the store is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from allied.figures import atop, nato, nmc, schema, sipri, tables, worldbank
from allied.figures.records import Parsed, sha256
from allied.model import DataImportError, InputError

KINDS: dict[str, str] = {
    "sipri": "SIPRI Military Expenditure Database workbook (.xlsx)",
    "nato": "NATO 'Defence Expenditure of NATO Countries' tables workbook (.xlsx)",
    "worldbank": "World Bank WDI indicator CSV: long (Country Name,Country Code,Year,Value) or the official "
                 "wide download (4 header lines; .csv or the API .zip)",
    "atop": "ATOP v5.1 member-level CSV (atop5_1m.csv)",
    "nmc": "COW National Material Capabilities CSV (NMC-60-abridged.csv)",
}
FIXED = ("sipri", "nato", "nmc", "atop")  # kinds whose dataset id is the kind itself


def import_file(con: duckdb.DuckDBPyConnection, kind: str, file: str | Path, release: str | None = None,
                indicator: str | None = None) -> dict[str, Any]:
    key = str(kind).strip().lower()
    if key not in KINDS:
        raise InputError("kind", kind, " | ".join(KINDS))
    path = Path(file)
    if not path.is_file():
        raise DataImportError(str(path), "no such file")
    schema.ensure(con)
    sha = sha256(path)
    if key in FIXED and tables.stored_sha(con, key) == sha:
        return _unchanged(con, key)
    if key == "atop":
        return atop.store(con, path, sha, release)
    parsed = _parser(key, indicator)(path, release)
    if tables.stored_sha(con, parsed.dataset) == sha:
        return _unchanged(con, parsed.dataset)
    return tables.write(con, parsed, path, sha)


def _parser(kind: str, indicator: str | None) -> Callable[[Path, str | None], Parsed]:
    if kind == "worldbank":
        return lambda path, release: worldbank.parse(path, release, indicator)
    return {"sipri": sipri.parse, "nato": nato.parse, "nmc": nmc.parse}[kind]


def _unchanged(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, Any]:
    row = con.execute(
        "SELECT dataset, kind, file, release, rows, min_year, max_year, countries, note FROM datasets "
        "WHERE dataset = ?", [dataset]).fetchone()
    assert row is not None
    keys = ("dataset", "kind", "file", "release", "rows", "min_year", "max_year", "countries", "note")
    out = dict(zip(keys, row, strict=True))
    out["changed"] = False
    out["note"] = "already imported (same SHA-256); nothing changed"
    return out
