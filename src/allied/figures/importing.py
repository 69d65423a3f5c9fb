"""`import_data(kind, file)`: read an official release file and store it, all or nothing.

Importing the same file twice changes nothing (the file's SHA-256 is compared with the stored one). Any
problem — a damaged workbook, a missing column, an unknown country — raises DataImportError naming the
file and the problem, and the store is left exactly as it was. So does a file that is not plausible
(``allied.figures.plausible``: ragged rows, far fewer values than the stored release unless ``force``,
values or years out of range, infinities).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb

from allied.figures import atop, nato, nmc, plausible, schema, sipri, tables, worldbank
from allied.figures.records import Parsed, Stop, Stopped, never, sha256
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
Opening = Future[tuple[duckdb.DuckDBPyConnection, bool]]  # the store being opened, and whether it holds the file


def import_file(con: duckdb.DuckDBPyConnection, kind: str, file: str | Path, release: str | None = None,
                indicator: str | None = None, force: bool = False) -> dict[str, Any]:
    key, path = _checked(kind, file)
    schema.ensure(con)
    sha = sha256(path)
    if key in FIXED and tables.stored_sha(con, key) == sha:
        return _unchanged(con, key)
    if key == "atop":
        return atop.store(con, path, sha, release, force)
    return _store(con, _parser(key, indicator)(path, release, never), path, sha, force)


def import_into(open_store: Callable[[], duckdb.DuckDBPyConnection], kind: str, file: str | Path,
                release: str | None = None, indicator: str | None = None, force: bool = False) -> dict[str, Any]:
    """``import_file`` into the store that ``open_store()`` opens, closed after. The store is opened (and
    its tables made or upgraded) in a second thread while the file is read: opening a DuckDB store is
    mostly native work that DuckDB does without holding Python's lock, so the two overlap. When the store
    turns out to hold this very file already, reading stops at the next sheet and nothing is written."""
    key, path = _checked(kind, file)
    if key == "atop":
        con = open_store()
        try:
            return import_file(con, key, path, release, indicator, force)
        finally:
            con.close()
    sha = sha256(path)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="allied-store") as pool:
        opening = pool.submit(_open, open_store, key, sha)
        parsed = _read(key, path, release, indicator, opening)
        con, same = opening.result()  # the store's own error, as if it had been opened first
    try:
        return _unchanged(con, key) if same or parsed is None else _store(con, parsed, path, sha, force)
    finally:
        con.close()


def _open(open_store: Callable[[], duckdb.DuckDBPyConnection], key: str,
          sha: str) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """The store, ready for the figures tables, and whether it holds this file already."""
    con = open_store()
    try:
        schema.ensure(con)
        return con, key in FIXED and tables.stored_sha(con, key) == sha
    except BaseException:
        con.close()
        raise


def _read(key: str, path: Path, release: str | None, indicator: str | None, opening: Opening) -> Parsed | None:
    """The parsed file, or None when the store holds it already (or cannot be opened) and reading stopped.
    On a parse error the store is closed once open; a store that cannot be opened is the error raised."""
    def stop() -> bool:
        return opening.done() and (opening.exception() is not None or opening.result()[1])

    try:
        return _parser(key, indicator)(path, release, stop)
    except Stopped:
        return None
    except BaseException:
        opening.result()[0].close()
        raise


def _checked(kind: str, file: str | Path) -> tuple[str, Path]:
    key = str(kind).strip().lower()
    if key not in KINDS:
        raise InputError("kind", kind, " | ".join(KINDS))
    path = Path(file)
    if not path.is_file():
        raise DataImportError(str(path), "no such file")
    return key, path


def _store(con: duckdb.DuckDBPyConnection, parsed: Parsed, path: Path, sha: str, force: bool) -> dict[str, Any]:
    if tables.stored_sha(con, parsed.dataset) == sha:
        return _unchanged(con, parsed.dataset)
    plausible.check(con, parsed, str(path), force)  # before anything is written
    return tables.write(con, parsed, path, sha)


def _parser(kind: str, indicator: str | None) -> Callable[[Path, str | None, Stop], Parsed]:
    """The kind's parser; the workbook parsers check ``stop`` between sheets, the CSV ones read in one go."""
    if kind == "worldbank":
        return lambda path, release, stop: worldbank.parse(path, release, indicator)
    if kind == "nmc":
        return lambda path, release, stop: nmc.parse(path, release)
    return {"sipri": sipri.parse, "nato": nato.parse}[kind]


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
