"""Paths to a spending target: the yearly real spending path that takes a country from its latest
published share of GDP to ``target`` % by year ``by``, and the real growth rate it needs.

Everything is in the source's constant prices. Real GDP in the base year is the source's constant-price
spending divided by its share of GDP. Real GDP then grows at ``gdp_growth`` % a year; when that is not
given, at the compound average of that implied real GDP over the ten years before the base year (said so
in ``gdp_growth_basis``). Spending grows at the constant rate r that reaches the target exactly:
r = (target / share_0) ** (1 / n) * (1 + g) - 1, with n = by - base year.
"""

from __future__ import annotations

from typing import Any

import duckdb

from allied.figures import members as membership
from allied.figures import tables, units
from allied.model import InputError

PATH_SOURCES: dict[str, tuple[str, str, str]] = {  # source -> (dataset, share indicator, constant US$)
    "sipri": ("sipri", "milex_gdp", "milex_usd_const"),
    "nato": ("nato", "milex_gdp", "milex_usd_const"),
}
TREND_YEARS = 10


def burden_path(con: duckdb.DuckDBPyConnection, country: str, target: float, by: int,
                gdp_growth: float | None, source: str) -> dict[str, Any]:
    code = membership.state_codes([country], field="country")[0]
    key = str(source).strip().lower()
    if key not in PATH_SOURCES:
        raise InputError("source", source, " | ".join(PATH_SOURCES))
    target = _check_target(target)
    series = _series(con, key, code)
    if not series:
        raise InputError("country", country, f"a country with {key} share of GDP and constant-price spending")
    base = max(series)
    by = membership.check_year(by, field="by")
    if by <= base:
        raise InputError("by", by, f"a year after {base}, the latest year with {key} figures for {code}")
    share0, milex0, unit, release = series[base]
    gdp0 = milex0 / (share0 / 100)
    growth, basis = _growth(series, base, gdp_growth)
    n = by - base
    rate = (target / share0) ** (1 / n) * (1 + growth / 100) - 1
    return {
        "country": code, "source": key, "release": release, "price_basis": _in_dollars(unit),
        "unit": "US$", "source_unit": unit, "base_year": base,
        "base_pct_gdp": share0, "base_milex_usd_const": milex0, "target_pct_gdp": target, "by": by,
        "gdp_growth_pct": growth, "gdp_growth_basis": basis, "required_real_growth_pct": rate * 100,
        "path": _path(base, n, milex0, gdp0, share0, rate, growth / 100),
    }


def _in_dollars(unit: str) -> str:
    """The price basis of values given in whole US dollars: 'US$ m, constant 2023 prices ...' -> 'US$,
    constant 2023 prices ... (published in US$ m)'."""
    for prefix, _ in units.MONEY:
        if unit.startswith(prefix) and prefix != "US$":
            return f"US${unit[len(prefix):]} (published in {prefix})"
    return unit


def _check_target(target: float) -> float:
    try:
        value = float(target)
    except (TypeError, ValueError):
        raise InputError("target", target, "a share of GDP in percent, e.g. 3.5") from None
    if not 0 < value < 100:
        raise InputError("target", target, "a share of GDP in percent between 0 and 100, e.g. 3.5")
    return value


def _series(con: duckdb.DuckDBPyConnection, key: str, code: str) -> dict[int, tuple[float, float, str, str]]:
    """{year: (share %, constant-price spending in US$, unit, release)} for years with both."""
    dataset, share_ind, milex_ind = PATH_SOURCES[key]
    found = tables.values(con, dataset, [share_ind, milex_ind], [code], list(range(1900, 2101)))
    out = {}
    for (ind, _, year), row in found.items():
        if ind != share_ind:
            continue
        share, milex = units.percent(row), units.usd(found.get((milex_ind, code, year)))
        if share and milex:
            out[year] = (share, milex, str(found[(milex_ind, code, year)]["unit"]), str(row["release"]))
    return out


def _growth(series: dict[int, tuple[float, float, str, str]], base: int,
            given: float | None) -> tuple[float, str]:
    if given is not None:
        allowed = "a yearly real GDP growth rate in percent above -100 and below 100, e.g. 2.0"
        try:
            value = float(given)
        except (TypeError, ValueError):
            raise InputError("gdp_growth", given, allowed) from None
        if not -100 < value < 100:  # also refuses NaN and infinities
            raise InputError("gdp_growth", given, allowed)
        return value, "given"
    start = base - TREND_YEARS
    if start not in series:
        raise InputError("gdp_growth", None, "a yearly real GDP growth rate in percent",
                         f"The source has no figures for {start} to derive a trend; pass --gdp-growth.")
    gdp = {y: m / (s / 100) for y, (s, m, _, _) in series.items()}
    rate = ((gdp[base] / gdp[start]) ** (1 / TREND_YEARS) - 1) * 100
    return rate, (f"compound average {start}-{base} of real GDP implied by the source "
                  "(constant-price spending / share of GDP)")


def _path(base: int, n: int, milex0: float, gdp0: float, share0: float, rate: float,
          growth: float) -> list[dict[str, Any]]:
    rows = []
    for k in range(n + 1):
        milex = milex0 * (1 + rate) ** k
        gdp = gdp0 * (1 + growth) ** k
        rows.append({"year": base + k, "milex_usd_const": milex, "gdp_usd_const": gdp,
                     "milex_pct_gdp": milex / gdp * 100,
                     "increase_usd_const": None if k == 0 else milex - milex0 * (1 + rate) ** (k - 1)})
    return rows
