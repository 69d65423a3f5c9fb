"""World Bank WDI indicator files: the long CSV (Country Name,Country Code,Year,Value) and the official
wide download (four header lines, then one column per year; as .csv or the API's .zip).

Country codes are ISO3 already. Aggregates (regions, income and lending groups) are dropped on purpose;
so is CHI (Channel Islands), which is not a state. XKX (Kosovo) is kept under the World Bank's code.
Any other code that is not an ISO 3166 code or an allied historic id is an error listing the codes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from pathlib import Path

from allied.figures import plausible
from allied.figures.records import Parsed
from allied.model import DataImportError
from allied.reference import load as load_reference

SOURCE = "World Bank, World Development Indicators, https://data.worldbank.org (CC BY 4.0)"
LONG_COLUMNS = ("Country Name", "Country Code", "Year", "Value")
WIDE_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")

# WDI code -> (allied indicator, unit)
INDICATORS: dict[str, tuple[str, str]] = {
    "NY.GDP.MKTP.CD": ("gdp_usd", "US$, current"),
    "SP.POP.TOTL": ("population", "persons"),
    "MS.MIL.XPND.GD.ZS": ("milex_gdp", "percent"),
}

# The aggregate codes found in the WDI files (regions, income and lending groups, demographic groups).
AGGREGATES = frozenset(
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX LAC LCN LDC LIC "
    "LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD".split()
)
NOT_STATES = {"CHI": "Channel Islands (not a state)"}
MAX_MEMBER_BYTES = 64_000_000  # one indicator's wide CSV is a few hundred kB; a member this large is not one
EXTRA_CODES = {"XKX"}  # Kosovo: the World Bank's code, kept


def parse(path: Path, release: str | None = None, indicator: str | None = None) -> Parsed:
    file = str(path)
    text = _read_text(path)
    if text.lstrip("\ufeff").startswith('"Data Source"'):
        rows, code, updated = _wide(text, file)
        indicator = indicator or code
    else:
        rows = _long(text, file)
        indicator = indicator or _indicator_from_name(path)
        updated = ""
    code = indicator.upper()
    if code not in INDICATORS:
        raise DataImportError(file, f"WDI indicator {code!r} is not one allied reads; expected "
                                    f"{' | '.join(INDICATORS)} (a file without its .datapackage.json needs "
                                    "--indicator)")
    name, unit = INDICATORS[code]
    out = Parsed(f"worldbank:{code}", "worldbank", SOURCE, release or _release(path, code, updated, rows))
    kept = _countries(rows, file)
    for wb_name, iso3, year, value in rows:
        if iso3 in kept:
            out.values.add(name, iso3, year, value, unit, [], wb_name)
    dropped = sorted({r[1] for r in rows} - kept)
    if dropped:
        out.skipped.append(f"{len(dropped)} aggregate or non-state codes not imported")
    return out


def _read_text(path: Path) -> str:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                member = next((n for n in z.namelist() if n.startswith("API_") and n.endswith(".csv")), None)
                if member is None:
                    raise DataImportError(str(path), "zip file holds no API_*.csv data file")
                return _member(z, member, str(path)).decode("utf-8-sig")
        return path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            OSError) as exc:  # a damaged, truncated, encrypted or oddly compressed archive
        raise DataImportError(str(path), f"cannot be read as a UTF-8 CSV ({exc})") from None


Row = tuple[str, str, int, float]


def _long(text: str, file: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    missing = [c for c in LONG_COLUMNS if c not in header]
    if missing:
        raise DataImportError(file, f"missing column(s) {missing}; a WDI long CSV has {list(LONG_COLUMNS)}")
    idx = [header.index(c) for c in LONG_COLUMNS]
    out = []
    for n, rec in enumerate(reader, start=2):
        if not rec:
            continue
        if len(rec) != len(header):
            plausible.ragged(file, n, len(rec), len(header))
        name, code, year, value = (rec[i] if i < len(rec) else "" for i in idx)
        if value.strip() == "":
            continue
        out.append((name, code, _int(year, file, n), _float(value, file, n)))
    return out


def _wide(text: str, file: str) -> tuple[list[Row], str, str]:
    lines = text.lstrip("\ufeff").splitlines()
    updated = next((m.group(1) for ln in lines[:4] if (m := re.search(r'"Last Updated Date","([^"]*)"', ln))), "")
    reader = csv.reader(lines[4:])
    header = next(reader, [])
    missing = [c for c in WIDE_COLUMNS if c not in header]
    if missing:
        raise DataImportError(file, f"missing column(s) {missing} in the header after the 4 preamble lines")
    years = {j: int(h) for j, h in enumerate(header) if h.strip().isdigit()}
    codes: set[str] = set()
    out = []
    for n, rec in enumerate(reader, start=6):
        if not rec:
            continue
        if len(rec) != len(header):
            plausible.ragged(file, n, len(rec), len(header))
        codes.add(rec[header.index("Indicator Code")])
        for j, year in years.items():
            if j < len(rec) and rec[j].strip():
                out.append((rec[0], rec[1], year, _float(rec[j], file, n)))
    if len(codes) != 1:
        raise DataImportError(file, f"expected one indicator, found {sorted(codes)}")
    return out, codes.pop(), updated


def _member(z: zipfile.ZipFile, member: str, file: str) -> bytes:
    """A zip member's bytes, read only up to MAX_MEMBER_BYTES (its declared size can lie: a zip bomb)."""
    too_large = DataImportError(file, f"{member} inflates to more than {MAX_MEMBER_BYTES:,} bytes (too large for "
                                      "one WDI indicator; a damaged or hostile archive)")
    if z.getinfo(member).file_size > MAX_MEMBER_BYTES:
        raise too_large
    with z.open(member) as fh:
        data = fh.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise too_large
    return data


def _indicator_from_name(path: Path) -> str:
    package = path.with_name(path.name.removesuffix(".csv") + ".datapackage.json")
    if package.exists():
        try:
            return str(json.loads(package.read_text(encoding="utf-8"))["worldbank"]["indicator"]).upper()
        except (KeyError, ValueError, TypeError, RecursionError):  # a damaged sidecar: the file's name decides
            pass
    m = re.search(r"([a-z]{2}(?:\.[a-z0-9]+){2,4})", path.name.lower().removesuffix(".csv"))
    if m:
        return m.group(1).upper()
    raise DataImportError(str(path), "cannot tell which WDI indicator this is: pass --indicator (e.g. NY.GDP.MKTP.CD)")


def _release(path: Path, code: str, updated: str, rows: list[Row]) -> str:
    last = max((r[2] for r in rows), default=0)
    when = f", last updated {updated}" if updated else f", data to {last}"
    return f"World Bank WDI {code}{when} ({path.name})"


def _countries(rows: list[Row], file: str) -> set[str]:
    states = set(load_reference().states) | EXTRA_CODES
    codes = {r[1] for r in rows}
    unknown = sorted(c for c in codes if c not in states and c not in AGGREGATES and c not in NOT_STATES)
    if unknown:
        names = {r[1]: r[0] for r in rows}
        raise DataImportError(file, "unknown country codes: " + ", ".join(f"{c} ({names[c]!r})" for c in unknown))
    return codes & states


def _int(text: str, file: str, line: int) -> int:
    try:
        return int(text)
    except ValueError:
        raise DataImportError(file, f"line {line}: year {text!r} is not a whole number") from None


def _float(text: str, file: str, line: int) -> float:
    try:
        return float(text)
    except ValueError:
        raise DataImportError(file, f"line {line}: value {text!r} is not a number") from None
