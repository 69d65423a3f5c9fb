"""Is a parsed release file plausible enough to replace what the store holds? Checked before anything is
written, so a refused file leaves the store exactly as it was.

- Rows: a CSV row with more or fewer fields than its header (a truncated or damaged file) is refused,
  naming the line.
- Size: a file with no values, or with far fewer than the release already stored (under ``SHRINK`` of
  it: a truncated file replacing a whole release), or with fewer values than the stored copy of the very
  same release (a copy cut at a line end, which no row count shows), is refused unless ``force`` is given.
- Values: every number is finite, years are in range, and each unit's values are in its range (money,
  persons and quantities not negative; shares 0 to 5 times the whole, since Kuwait spent 117 % of its GDP
  in 1991; real changes above -100 %).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from allied.figures.records import Parsed
from allied.model import DataImportError

SHRINK = 0.5  # a new release with fewer than half the stored values needs --force
FIRST_YEAR = 1800
CSV_KINDS = ("nmc", "worldbank", "atop")  # fewer values than the stored copy of the same release: refused


def check_fields(rows: Iterable[Sequence[str]], width: int, file: str, first_line: int = 2) -> None:
    """Every non-empty CSV row has ``width`` fields, or the file is refused naming the first bad line."""
    for n, row in enumerate(rows, start=first_line):
        if row and len(row) != width:
            ragged(file, n, len(row), width)


def check_records(records: Iterable[dict[Any, Any]], width: int, file: str) -> None:
    """The same for csv.DictReader records: a short row has None values, a long one a None key."""
    for n, rec in enumerate(records, start=2):
        if None in rec or any(v is None for v in rec.values()):
            extra = rec.get(None) or []
            have = width + len(extra) if None in rec else sum(v is not None for v in rec.values())
            ragged(file, n, have, width)


def ragged(file: str, line: int, have: int, width: int) -> None:
    raise DataImportError(file, f"line {line} has {have} fields where the header has {width} (a truncated or "
                                "damaged file); nothing was imported")


def check(con: duckdb.DuckDBPyConnection, parsed: Parsed, file: str, force: bool = False) -> None:
    """Refuse ``parsed`` (DataImportError naming the file) when it is not plausible (see the module)."""
    _values(parsed, file)
    # a CSV cut at a line end shows no ragged row; a workbook cut short is no readable zip (refused anyway),
    # and a corrected workbook may keep its label
    _size(con, parsed.dataset, len(parsed.values), file, force, parsed.release if parsed.kind in CSV_KINDS else None)


def check_count(con: duckdb.DuckDBPyConnection, dataset: str, rows: int, file: str, force: bool = False,
                release: str | None = None) -> None:
    """The size check alone, for importers that do not build a ``Parsed`` (ATOP)."""
    _size(con, dataset, rows, file, force, release)


def _size(con: duckdb.DuckDBPyConnection, dataset: str, rows: int, file: str, force: bool,
          release: str | None = None) -> None:
    if rows == 0:
        raise DataImportError(file, "holds no values (a header without data rows?); nothing was imported")
    stored = con.execute("SELECT rows, release FROM datasets WHERE dataset = ?", [dataset]).fetchone()
    if stored and not force and rows < SHRINK * int(stored[0]):
        raise DataImportError(file, f"holds {rows:,} values where the stored release of {dataset} holds "
                                    f"{int(stored[0]):,} (a truncated file?); nothing was imported. Pass --force "
                                    "(force=True) to replace it anyway")
    if stored and not force and release is not None and release == stored[1] and rows < int(stored[0]):
        raise DataImportError(file, f"holds {rows:,} values where the stored copy of the same release ({release}) "
                                    f"holds {int(stored[0]):,}: a release does not shrink, so this copy is "
                                    "probably cut short (at a line end); nothing was imported. Pass --force "
                                    "(force=True) to replace it anyway")


def _values(parsed: Parsed, file: str) -> None:
    rows = parsed.values
    last_year = dt.date.today().year + 2  # NATO publishes estimates for the current year
    keys, ids = list(rows.series), rows.series_ids().tolist()
    for series, year, value in zip(ids, rows.years, rows.values, strict=True):
        indicator, iso3, unit = keys[series][0], keys[series][1], keys[series][2]
        if not FIRST_YEAR <= year <= last_year:
            raise DataImportError(file, f"{indicator} {iso3}: year {year} is outside {FIRST_YEAR}-{last_year}")
        if value is None:
            continue
        if not math.isfinite(value):
            raise DataImportError(file, f"{indicator} {iso3} {year}: value {value!r} is not a finite number")
        low, high = _range(indicator, unit)
        if not low <= value <= high:
            raise DataImportError(file, f"{indicator} {iso3} {year}: value {value:g} is outside {low:g} to "
                                        f"{high:g} ({unit or 'no unit'}); nothing was imported")


def _range(indicator: str, unit: str) -> tuple[float, float]:
    """The values a unit can take. Money, persons and quantities cannot be negative; a real change can."""
    u, i = unit.lower(), indicator.lower()
    if "change" in i:
        return -100.0, math.inf
    if u.startswith("fraction"):  # Kuwait spent 117 % of its GDP in 1991 (SIPRI): a share can pass 1
        return 0.0, 5.0
    if u.startswith("percent"):
        return 0.0, 500.0
    return 0.0, math.inf
