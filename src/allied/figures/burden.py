"""Burden sharing: each member's spending, share of GDP, shares of the alliance's spending and GDP,
fair-share ratio, per capita spending and the gaps to 2 % and 3.5 % of GDP, in points and in money.

``milex_pct_gdp`` is the source's own published figure (SIPRI share of GDP; NATO share of real GDP; the
World Bank's MS.MIL.XPND.GD.ZS). Spending shares are over the members that have both spending and GDP
figures; a member without them gets nulls and every row says who is left out. A gap is the shortfall
to the target (0 for a member at or above it). A value outside a source's coverage is null with a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from allied.figures import members as membership
from allied.figures import tables, units
from allied.figures.flags import CELL_FLAGS
from allied.model import InputError
from allied.reference import load as load_reference

WB_GDP = "worldbank:NY.GDP.MKTP.CD"
WB_POP = "worldbank:SP.POP.TOTL"
WB_MIL = "worldbank:MS.MIL.XPND.GD.ZS"
TARGETS = (("2", 2.0), ("3_5", 3.5))

Series = tuple[str, str]  # (dataset, indicator)


@dataclass(frozen=True)
class Source:
    label: str
    pct: Series
    gdp: Series
    milex: Series | None
    per_capita: Series | None
    population: Series = (WB_POP, "population")


SOURCES: dict[str, Source] = {
    "sipri": Source("SIPRI", ("sipri", "milex_gdp"), (WB_GDP, "gdp_usd"), ("sipri", "milex_usd"),
                    ("sipri", "milex_per_capita")),
    "nato": Source("NATO", ("nato", "milex_gdp"), ("nato", "gdp_usd"), ("nato", "milex_usd"), None),
    "worldbank": Source("World Bank WDI", (WB_MIL, "milex_gdp"), (WB_GDP, "gdp_usd"), None, None),
}


def source_spec(source: str) -> tuple[str, Source]:
    key = str(source).strip().lower()
    if key not in SOURCES:
        raise InputError("source", source, " | ".join(SOURCES))
    return key, SOURCES[key]


def burden(con: duckdb.DuckDBPyConnection, alliance: str | None, members: str | Iterable[str] | None,
           year: int | None, source: str) -> list[dict[str, Any]]:
    _, spec = source_spec(source)
    span = tables.coverage(con, *spec.pct)
    if year is None:
        year = span[1] if span else 0
    elif membership.resolve(alliance, members, membership.check_year(year)) and span and \
            not span[0] <= year <= span[1]:  # a bad alliance or member is said first
        raise InputError("year", year, f"a year with {spec.label} figures, {span[0]}-{span[1]}",
                         f"The latest year with {spec.label} figures is {span[1]}.")
    return burden_years(con, alliance, members, [year], source)[year]


def burden_years(con: duckdb.DuckDBPyConnection, alliance: str | None, members: str | Iterable[str] | None,
                 years: Iterable[int], source: str) -> dict[int, list[dict[str, Any]]]:
    """``burden`` for several years at once: {year: rows}. Each dataset is read in one query for every
    member and year (not a query per state or per year)."""
    key, spec = source_spec(source)
    span = tables.coverage(con, *spec.pct)
    years = [membership.check_year(y) for y in years]
    resolved = {y: membership.resolve(alliance, members, y) for y in years}
    codes = sorted({c for cs, _ in resolved.values() for c in cs})
    fetched = _fetch_all(con, _series(spec), codes, years)
    meanings = CELL_FLAGS | {k: v for ds in dict.fromkeys(s[0] for s in _series(spec).values())
                             for k, v in tables.flag_notes(con, ds).items()}
    consulted = tables.release_of(con, spec.pct[0])
    out = {}
    for y in years:
        cs, label = resolved[y]
        data = {name: found.get(y, {}) for name, found in fetched.items()}
        rows = [_member(code, y, key, spec, data, span) for code in cs]
        for r in rows:  # a member the source has no figure for still names the release that was looked in
            r["release"] = r["release"] or consulted
        _add_shares(rows)
        for r in rows:
            r["alliance"] = label
            r["flag_notes"] = [{"flag": f, "meaning": meanings[f]} for f in r["flags"] if f in meanings]
        out[y] = rows
    return out


def _fetch_all(con: duckdb.DuckDBPyConnection, series: dict[str, Series], codes: list[str],
               years: list[int]) -> dict[str, dict[int, dict[str, Any]]]:
    """{series name: {year: {iso3: row}}}, one query per dataset."""
    by_dataset: dict[str, list[str]] = {}
    for dataset, indicator in series.values():
        by_dataset.setdefault(dataset, []).append(indicator)
    found = {ds: tables.values(con, ds, sorted(set(inds)), codes, years) for ds, inds in by_dataset.items()}
    out: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in series}
    for name, (dataset, indicator) in series.items():
        for (ind, iso3, year), row in found[dataset].items():
            if ind == indicator:
                out[name].setdefault(year, {})[iso3] = row
    return out


def _series(spec: Source) -> dict[str, Series]:
    named = {"pct": spec.pct, "gdp": spec.gdp, "milex": spec.milex, "per_capita": spec.per_capita,
             "population": spec.population}
    return {k: v for k, v in named.items() if v is not None}


def _member(code: str, year: int, key: str, spec: Source, data: dict[str, dict[str, Any]],
            span: tuple[int, int] | None) -> dict[str, Any]:
    pct_row = data["pct"].get(code)
    pct = units.percent(pct_row)
    gdp = units.usd(data["gdp"].get(code))
    milex = units.usd(data["milex"].get(code)) if "milex" in data else _derived(pct, gdp)
    population = units.plain(data["population"].get(code))
    per_capita = _per_capita(data, code, milex, population)
    notes = _notes(code, year, spec, data, span, milex, gdp, pct)
    used = [data[k].get(code) for k in data]
    flags = sorted({f for row in used if row for f in row["flags"]})
    row: dict[str, Any] = {
        "iso3": code, "name": _name(code, pct_row), "milex_usd": milex, "gdp_usd": gdp,
        "milex_pct_gdp": pct, "milex_share": None, "gdp_share": None, "fair_share_ratio": None,
        "milex_per_capita_usd": per_capita,
    }
    for suffix, target in TARGETS:
        gap = None if pct is None else max(0.0, target - pct)
        row[f"gap_pct_to_{suffix}"] = gap
        row[f"gap_usd_to_{suffix}"] = None if gap is None or gdp is None else gap / 100 * gdp
    row.update({"year": year, "estimate": "estimate" in flags, "flags": flags, "source": key,
                "release": _releases(used), "note": "; ".join(notes)})
    return row


def _derived(pct: float | None, gdp: float | None) -> float | None:
    return None if pct is None or gdp is None else pct / 100 * gdp


def _per_capita(data: dict[str, dict[str, Any]], code: str, milex: float | None,
                population: float | None) -> float | None:
    if "per_capita" in data:
        return units.plain(data["per_capita"].get(code))
    return None if milex is None or not population else milex / population


def _notes(code: str, year: int, spec: Source, data: dict[str, dict[str, Any]],
           span: tuple[int, int] | None, milex: float | None, gdp: float | None, pct: float | None) -> list[str]:
    notes = []
    if span and not span[0] <= year <= span[1]:
        notes.append(f"{year} is outside {spec.label}'s coverage ({span[0]}-{span[1]})")
    elif pct is None:
        notes.append(f"{spec.label} publishes no share of GDP for {code} in {year}{_why(data['pct'].get(code))}")
    if milex is None and "milex" in data and pct is not None:
        notes.append(f"{spec.label} publishes no US$ spending for {code} in {year}{_why(data['milex'].get(code))}")
    if gdp is None:
        notes.append(f"no GDP for {code} in {year} ({spec.gdp[0]})")
    if spec.gdp[0] == WB_GDP:
        notes.append("GDP: World Bank WDI, current US$")
    if "milex" not in data:
        notes.append("milex_usd derived: share of GDP x GDP")
    if "per_capita" not in data:
        notes.append("per capita: milex_usd / World Bank population")
    return notes


def _why(row: dict[str, Any] | None) -> str:
    if row is None:
        return " (not in the source)"
    marks = [f for f in row["flags"] if f in ("unavailable", "not_independent", "missing", "blank")]
    return f" ({', '.join(marks)})" if marks else ""


def _releases(rows: list[dict[str, Any] | None]) -> str:
    return " ; ".join(dict.fromkeys(str(r["release"]) for r in rows if r))


def _name(code: str, row: dict[str, Any] | None) -> str:
    state = load_reference().states.get(code)
    if state is not None:
        return state.name
    return str(row["name"]) if row else code


def _add_shares(rows: list[dict[str, Any]]) -> None:
    counted = [r for r in rows if r["milex_usd"] is not None and r["gdp_usd"] is not None]
    left_out = [r["iso3"] for r in rows if r not in counted]
    milex_total = sum(r["milex_usd"] for r in counted)
    gdp_total = sum(r["gdp_usd"] for r in counted)
    for r in counted:
        r["milex_share"] = r["milex_usd"] / milex_total if milex_total else None
        r["gdp_share"] = r["gdp_usd"] / gdp_total if gdp_total else None
        if r["milex_share"] is not None and r["gdp_share"]:
            r["fair_share_ratio"] = r["milex_share"] / r["gdp_share"]
    if left_out:
        for r in rows:
            extra = f"alliance totals leave out {', '.join(left_out)} (no spending or GDP figure)"
            r["note"] = f"{r['note']}; {extra}" if r["note"] else extra
