"""Time allied's SIPRI import against pandas read_excel(engine="openpyxl") reading the same sheets.

Three figures, timed here in one process on the same file (median of several runs):
  - allied's whole import: read the workbook (python-calamine), map names to ISO3, parse every value with
    its flags, and write them to a fresh DuckDB store in one transaction (then close it);
  - allied's read stage alone (`allied.figures.sipri.parse`): the same sheets read into typed values;
  - the peer: pandas read_excel(engine="openpyxl") reading the same eight sheets into DataFrames.

Usage: python bench/bench_import.py [PATH-TO-SIPRI-XLSX] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import allied
from allied.figures.sipri import SHEETS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("ALLIED_SHARED", ROOT.parent / "shared")) / "data" / "sipri" / \
    "SIPRI-Milex-data-1949-2024_2.xlsx"


def sheets_read_by_allied(path: Path) -> list[str]:
    """The sheets allied's importer reads: the country sheets and the footnotes."""
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(path)).sheet_names
    return [n for n in names if any(n.casefold().startswith(p) for p in SHEETS) or n == "Footnotes"]


def allied_import(path: Path) -> Callable[[], object]:
    def run() -> object:
        with tempfile.TemporaryDirectory() as tmp:
            return allied.import_data("sipri", path, db=Path(tmp) / "bench.duckdb")
    return run


def allied_read(path: Path) -> Callable[[], object]:
    from allied.figures.sipri import parse

    return lambda: parse(path)


def pandas_openpyxl(path: Path, sheets: list[str]) -> Callable[[], object]:
    return lambda: pd.read_excel(path, sheet_name=sheets, header=None, engine="openpyxl")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sheets = sheets_read_by_allied(args.file)
    cold = timed(allied_import(args.file), 1)[0]
    ours = statistics.median(timed(allied_import(args.file), args.runs))
    read = statistics.median(timed(allied_read(args.file), args.runs))
    peer = statistics.median(timed(pandas_openpyxl(args.file, sheets), args.runs))
    print(f"file: {args.file.name}; sheets: {len(sheets)} ({', '.join(sheets)}); median of {args.runs} runs")
    print(f"allied import (read + parse + DuckDB write + close): {ours:.3f} s  (first, cold run {cold:.3f} s)")
    print(f"allied read stage (calamine + names + values):      {read:.3f} s")
    print(f"pandas read_excel(engine='openpyxl'), read only:    {peer:.3f} s")
    print(f"peer / allied import: {peer / ours:.1f}x; peer / allied read stage: {peer / read:.1f}x")


if __name__ == "__main__":
    main()
