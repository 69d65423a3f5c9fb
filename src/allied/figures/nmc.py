"""COW National Material Capabilities CSV (v6.0 abridged): CINC and its six components.

COW state codes become ISO3 (or an allied historic id) year by year through ``cow_iso3.csv``; '-9' is
COW's missing value and becomes a null flagged 'missing'. Rows of entities without any id (pre-1920
states such as Bavaria) are not imported and counted in the dataset note.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from allied.figures import cow, plausible
from allied.figures.records import Parsed
from allied.model import DataImportError

SOURCE = ("Correlates of War Project, National Material Capabilities; Singer, Bremer & Stuckey (1972), "
          "https://correlatesofwar.org/data-sets/national-material-capabilities/")
COLUMNS: dict[str, tuple[str, str]] = {
    "milex": ("milex_usd_thousand", "thousand US$, current"),
    "milper": ("personnel", "thousand persons"),
    "irst": ("iron_steel", "thousand tons"),
    "pec": ("energy", "thousand coal-ton equivalents"),
    "tpop": ("population", "thousand persons"),
    "upop": ("urban_population", "thousand persons"),
    "cinc": ("cinc", "share of the world's capabilities (fraction)"),
}
REQUIRED = ("stateabb", "ccode", "year", *COLUMNS)


def parse(path: Path, release: str | None = None) -> Parsed:
    file = str(path)
    reader = csv.DictReader(io.StringIO(_text(path)))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise DataImportError(file, f"missing column(s) {missing}; an NMC file has {list(REQUIRED)}")
    records = list(reader)
    plausible.check_records(records, len(reader.fieldnames or []), file)
    _check_codes(records, file)
    version = records[0].get("version", "") if records else ""
    out = Parsed("nmc", "nmc", SOURCE, release or f"COW NMC, version {version} ({path.name})")
    left_out = 0
    for n, rec in enumerate(records, start=2):
        year = _int(rec["year"], file, n, "year")
        iso3 = cow.iso3_of(_int(rec["ccode"], file, n, "ccode"), year, file)
        if not iso3:
            left_out += 1
            continue
        for column, (indicator, unit) in COLUMNS.items():
            value = _number(rec[column], file, n, column)
            out.values.add(indicator, iso3, year, value, unit, ["missing"] if value is None else [],
                           f"{rec['stateabb']} ({rec['ccode']})")
    if left_out:
        out.skipped.append(f"{left_out} state-years of entities without an ISO3 or historic id not imported "
                           f"(see {cow.TABLE.name})")
    return out


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise DataImportError(str(path), f"cannot be read as a UTF-8 CSV ({exc})") from None


def _check_codes(records: list[dict[str, str]], file: str) -> None:
    known = {r.cow_code for r in cow.load()}
    unknown = sorted({f"{r['ccode']} ({r['stateabb']})" for r in records
                      if r["ccode"].strip().lstrip("-").isdigit() and int(r["ccode"]) not in known})
    if unknown:
        raise DataImportError(file, f"unknown COW state codes: {', '.join(unknown)} (not in {cow.TABLE.name})")


def _int(text: str | None, file: str, line: int, column: str) -> int:
    try:
        return int(str(text))
    except ValueError:
        raise DataImportError(file, f"line {line}: {column} {text!r} is not a whole number") from None


def _number(text: str | None, file: str, line: int, column: str) -> float | None:
    try:
        value = float(str(text))
    except ValueError:
        raise DataImportError(file, f"line {line}: {column} {text!r} is not a number") from None
    return None if value == -9 else value
