"""Time allied's SIPRI import against pandas read_excel(engine="openpyxl") reading the same sheets.

All figures are timed here, in one process, on the same file (median of several runs; the store's folder
is made before and removed after each timed call, outside the timing):
  - fresh store: ``allied.import_data("sipri", FILE, db=NEW)``, i.e. create the store file and its tables
    (migrations), hash the file, read the workbook (python-calamine), map names to ISO3, parse every value
    with its flags, check for duplicate country-years, write everything in one transaction, close (the
    store is opened in a second thread while the workbook is read: wall-clock time is what is timed);
  - re-import: the same call on a store that already holds SIPRI and the other official files (NATO, World
    Bank, COW NMC, where present in shared/data). Before each run the stored SIPRI release is marked as
    out of date (its SHA-256 changed), so the import must replace all its values, as for a new release;
  - same file again: the call on that store with the file already imported (the SHA-256 matches: nothing
    is read or written);
  - allied's read stage alone (``allied.figures.sipri.parse``): the same sheets read into typed values;
  - the peer: pandas read_excel(engine="openpyxl") reading the same eight sheets into DataFrames (read
    only: no names mapped, no values checked, nothing stored).

Usage: python bench/bench_import.py [PATH-TO-SIPRI-XLSX] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

import allied
from allied.figures.sipri import SHEETS, parse

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ALLIED_SHARED", ROOT.parent / "shared")) / "data"
DEFAULT = DATA / "sipri" / "SIPRI-Milex-data-1949-2024_2.xlsx"
OTHERS = [("nato", DATA / "nato" / "240617-def-exp-2024-TABLES-en.xlsx"),
          ("worldbank", DATA / "worldbank" / "wdi_ny.gdp.mktp.cd.csv"),
          ("worldbank", DATA / "worldbank" / "wdi_sp.pop.totl.csv"),
          ("worldbank", DATA / "worldbank" / "wdi_ms.mil.xpnd.gd.zs.csv"),
          ("nmc", DATA / "cow" / "NMC-60-abridged.csv")]


def sheets_read_by_allied(path: Path) -> list[str]:
    """The sheets allied's importer reads: the country sheets and the footnotes."""
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(path)).sheet_names
    return [n for n in names if any(n.casefold().startswith(p) for p in SHEETS) or n == "Footnotes"]


def timed(fn: Callable[[], object], runs: int, setup: Callable[[], None] = lambda: None,
          teardown: Callable[[], None] = lambda: None) -> list[float]:
    """Seconds per call of ``fn``; ``setup`` and ``teardown`` run around each call, outside the timing."""
    out = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
        teardown()
    return out


def fresh_store(path: Path, runs: int) -> list[float]:
    folder: list[Path] = []
    return timed(lambda: allied.import_data("sipri", path, db=folder[-1] / "bench.duckdb"), runs,
                 setup=lambda: folder.append(Path(tempfile.mkdtemp(prefix="allied-bench-"))),
                 teardown=lambda: shutil.rmtree(folder[-1]))


def existing_store(path: Path, folder: Path) -> Path:
    """A store holding SIPRI and the other official files found in shared/data."""
    db = folder / "existing.duckdb"
    for kind, other in OTHERS:
        if other.exists():
            allied.import_data(kind, other, db=db)
    allied.import_data("sipri", path, db=db)
    return db


def mark_out_of_date(db: Path) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE datasets SET sha256 = 'out of date' WHERE dataset = 'sipri'")
    finally:
        con.close()


def store_rows(db: Path) -> tuple[int, int]:
    """(values in the store, of which SIPRI's)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*), count(*) FILTER (dataset = 'sipri') FROM figure_values").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path, runs = args.file, args.runs
    sheets = sheets_read_by_allied(path)
    cold = fresh_store(path, 1)[0]
    fresh = statistics.median(fresh_store(path, runs))
    with tempfile.TemporaryDirectory(prefix="allied-bench-") as tmp:
        db = existing_store(path, Path(tmp))
        again = statistics.median(timed(lambda: allied.import_data("sipri", path, db=db), runs))
        reimport = statistics.median(timed(lambda: allied.import_data("sipri", path, db=db), runs,
                                           setup=lambda: mark_out_of_date(db)))
        total, ours = store_rows(db)
    read = statistics.median(timed(lambda: parse(path), runs))
    peer = statistics.median(timed(lambda: pd.read_excel(path, sheet_name=sheets, header=None, engine="openpyxl"),
                                   runs))
    print(f"file: {path.name}; sheets: {len(sheets)} ({', '.join(sheets)}); median of {runs} runs")
    print(f"allied import, fresh store (create + read + parse + write + close): {fresh:.3f} s  "
          f"(first, cold run {cold:.3f} s)")
    print(f"allied re-import into a store with {total:,} values ({ours:,} SIPRI replaced): {reimport:.3f} s")
    print(f"allied import of the same file again (SHA-256 matches, nothing written): {again:.3f} s")
    print(f"allied read stage (calamine + names + values):                      {read:.3f} s")
    print(f"pandas read_excel(engine='openpyxl'), read only:                    {peer:.3f} s")
    print(f"peer / allied import: fresh store {peer / fresh:.1f}x, re-import {peer / reimport:.1f}x; "
          f"peer / allied read stage {peer / read:.1f}x")


if __name__ == "__main__":
    main()
