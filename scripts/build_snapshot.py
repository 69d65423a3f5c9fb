"""Build the figures engine's bundled data from the official release files in ../shared/data.

Writes, under src/allied/figures/data/:
  cow_iso3.csv      COW state codes -> ISO3 per year (country_converter GW crosswalk + sourced overrides),
                    for every code that COW NMC v6.0 publishes;
  snapshot.parquet  SIPRI current/constant US$, share of GDP, per capita and World Bank GDP, population
                    and military expenditure (% of GDP), every country, 1990 to the latest year; NATO's
                    defence expenditure tables and COW NMC v6.0, every year they cover;
  snapshot.json     each snapshot dataset's file, SHA-256, release and coverage.

Usage: python scripts/build_snapshot.py [--shared PATH]   (default: $ALLIED_SHARED or ../shared)
Never edit the outputs by hand: rerun this script.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allied.figures import cow, snapshot  # noqa: E402
from allied.figures.importing import import_file  # noqa: E402
from allied.store.db import CORE_MIGRATIONS, migrate  # noqa: E402

FILES = {
    "sipri": ["sipri/SIPRI-Milex-data-1949-2024_2.xlsx"],
    "worldbank": ["worldbank/wdi_ny.gdp.mktp.cd.csv", "worldbank/wdi_sp.pop.totl.csv",
                  "worldbank/wdi_ms.mil.xpnd.gd.zs.csv"],
    "nato": ["nato/240617-def-exp-2024-TABLES-en.xlsx"],
    "nmc": ["cow/NMC-60-abridged.csv"],
}
NMC = "cow/NMC-60-abridged.csv"


def build_cow_table(data: Path) -> int:
    with open(data / NMC, encoding="utf-8", newline="") as fh:
        codes = {(int(r["ccode"]), r["stateabb"]) for r in csv.DictReader(fh)}
    rows = cow.build(codes)
    cow.write(rows)
    cow.load.cache_clear()
    return len(rows)


def build_snapshot(data: Path) -> dict[str, object]:
    con = duckdb.connect(":memory:")
    migrate(con, "core", CORE_MIGRATIONS)
    for kind, files in FILES.items():
        for name in files:
            result = import_file(con, kind, data / name)
            print(f"imported {name}: {result['rows']} values, release {result['release']!r}")
    return snapshot.build(con)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("ALLIED_SHARED", ROOT.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default, help="the shared folder holding data/")
    data = parser.parse_args().shared / "data"
    print(f"cow_iso3.csv: {build_cow_table(data)} rows")
    doc = build_snapshot(data)
    size = snapshot.PARQUET.stat().st_size
    print(f"snapshot.parquet: {size:,} bytes; datasets: {', '.join(doc['datasets'])}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
