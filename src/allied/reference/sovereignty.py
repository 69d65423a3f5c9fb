"""Load and check sovereignty.toml (built from shared/reference/sovereignty.csv and regimes.csv by
scripts/build_sovereignty.py): every code a known state code, every status and date well formed, every row
with its source."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from allied.model import ReferenceDataError, State
from allied.model.sovereignty import TERRITORY_STATUSES, Regime, Span, TerritoryPeriod, first_day, last_day

PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(path: Path, where: str, value: str, name: str) -> str:
    if not value:
        return ""
    if not PARTIAL.match(value):
        raise ReferenceDataError(path.name, where, f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        first_day(value), last_day(value)
    except ValueError:
        raise ReferenceDataError(path.name, where, f"{name} {value!r} is not a real calendar date") from None
    return value


def _code(path: Path, where: str, code: str, states: dict[str, State], name: str) -> str:
    if code and code not in states:
        raise ReferenceDataError(path.name, where, f"{name} {code!r} is not a known state code")
    return code


def _span(path: Path, where: str, row: dict[str, Any]) -> Span:
    span = Span(_date(path, where, row.get("start", ""), "start"), _date(path, where, row.get("end", ""), "end"))
    if span.start and span.end and first_day(span.end) < first_day(span.start):
        raise ReferenceDataError(path.name, where, f"dates out of order ({span.start} > {span.end})")
    return span


def _territory(path: Path, i: int, row: dict[str, Any], states: dict[str, State]) -> TerritoryPeriod:
    where = f"territory #{i} ({row.get('territory', '?')})"
    if not str(row.get("source", "")).strip():
        raise ReferenceDataError(path.name, where, "missing source")
    if row.get("status") not in TERRITORY_STATUSES:
        raise ReferenceDataError(path.name, where, f"status {row.get('status')!r} is not one of "
                                                   + ", ".join(TERRITORY_STATUSES))
    for code in (row.get("sovereign", ""), *row.get("administrators", []), *row.get("claimants", [])):
        _code(path, where, code, states, "code")
    lat, lon = row.get("lat"), row.get("lon")
    if (lat is None) != (lon is None) or (lat is not None and lon is not None
                                          and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        raise ReferenceDataError(path.name, where, f"coordinates ({lat}, {lon}) are not a point")
    return TerritoryPeriod(
        territory=row["territory"], iso3_now=row["iso3_now"], lat=lat, lon=lon, sovereign=row.get("sovereign", ""),
        administrators=tuple(row.get("administrators", [])), span=_span(path, where, row), status=row["status"],
        claimants=tuple(row.get("claimants", [])), source=row["source"], notes=row.get("notes", ""))


def load_sovereignty(path: Path, states: dict[str, State]) -> tuple[tuple[TerritoryPeriod, ...], tuple[Regime, ...]]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ReferenceDataError(path.name, "-", "file is missing (run scripts/build_sovereignty.py)") from None
    territories = tuple(_territory(path, i, row, states) for i, row in enumerate(data.get("territory", []), 1))
    regimes = []
    for i, row in enumerate(data.get("regime", []), start=1):
        where = f"regime #{i} ({row.get('state', '?')})"
        if not str(row.get("source", "")).strip():
            raise ReferenceDataError(path.name, where, "missing source")
        regimes.append(Regime(_code(path, where, row.get("state", ""), states, "state"), row.get("attribute", ""),
                              _span(path, where, row), row["source"], row.get("notes", "")))
    return territories, tuple(regimes)


def regime_on(regimes: tuple[Regime, ...], state: str, attribute: str, day: dt.date) -> tuple[bool | None, str]:
    """Whether ``state`` had ``attribute`` on ``day``: True, False, or None where a partial date leaves it open;
    with the source (or why it is open)."""
    for r in regimes:
        if r.state == state and r.attribute == attribute:
            got = r.span.covers(day)
            if got == "yes":
                return True, r.source
            if got == "maybe":
                return None, f"regimes.csv dates this period only as {r.span.start or '?'} to {r.span.end or '?'}"
    return False, "shared/reference/regimes.csv (no period of this attribute for the state on this date)"
