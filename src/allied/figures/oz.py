"""The Olson–Zeckhauser exploitation test: do the larger members carry a disproportionate burden?

Olson and Zeckhauser (1966, "An Economic Theory of Alliances") predict a positive rank correlation
between a member's GDP and its defence burden (spending as a share of GDP). This reports Spearman's rho
and Kendall's tau (scipy.stats) between GDP and share of GDP across the members that have both figures,
with two-sided p-values and n.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from allied.figures.burden import burden

MIN_N = 3


def olson_zeckhauser(con: duckdb.DuckDBPyConnection, alliance: str | None,
                     members: str | Iterable[str] | None, year: int | None, source: str) -> dict[str, Any]:
    return olson_zeckhauser_of(burden(con, alliance, members, year, source))


def olson_zeckhauser_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The test on burden rows already computed (``burden``'s rows of one alliance and year)."""
    used = [r for r in rows if r["gdp_usd"] is not None and r["milex_pct_gdp"] is not None]
    out: dict[str, Any] = {
        "alliance": rows[0]["alliance"], "year": rows[0]["year"], "source": rows[0]["source"], "n": len(used),
        "members": [r["iso3"] for r in used], "left_out": [r["iso3"] for r in rows if r not in used],
        "spearman_rho": None, "spearman_p": None, "kendall_tau": None, "kendall_p": None,
    }
    if len(used) < MIN_N:
        out["note"] = f"fewer than {MIN_N} members with GDP and share of GDP: no test"
        return out
    from scipy import stats  # imported here: scipy.stats takes half a second to import

    gdp = [r["gdp_usd"] for r in used]
    share = [r["milex_pct_gdp"] for r in used]
    rho, rho_p = stats.spearmanr(gdp, share)
    tau, tau_p = stats.kendalltau(gdp, share)
    out.update({"spearman_rho": float(rho), "spearman_p": float(rho_p), "kendall_tau": float(tau),
                "kendall_p": float(tau_p), "note": _reading(float(rho), float(rho_p))})
    return out


def _reading(rho: float, p: float) -> str:
    if p < 0.05 and rho > 0:
        return "significant positive rank correlation: larger economies carry a larger burden (exploitation)"
    if p < 0.05:
        return "significant negative rank correlation: smaller economies carry a larger burden"
    return "no significant rank correlation at the 5 % level"
