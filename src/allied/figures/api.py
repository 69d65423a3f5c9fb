"""The figures engine's public functions: each reads (or writes) the store through ``allied.store``.
``allied`` re-exports them; ``db`` is a store path (default: $ALLIED_DB or the user data dir)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from allied import figures
from allied.model import Result, Rows
from allied.store import open_writer, reader, writer

T = TypeVar("T")
# PRODUCT.md "Burden": the stable columns, in order (rows carry more: year, estimate, flags, source, ...)
BURDEN_COLUMNS = ("iso3", "name", "milex_usd", "gdp_usd", "milex_pct_gdp", "milex_share", "gdp_share",
                  "fair_share_ratio", "milex_per_capita_usd", "gap_pct_to_2", "gap_usd_to_2", "gap_pct_to_3_5",
                  "gap_usd_to_3_5")
Db = str | Path | None
Members = str | Iterable[str] | None


def _with_store(db: Db, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    with reader(db) as con:
        return work(con)


def _writing(db: Db, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    with writer(db) as con:
        return work(con)


def burden(alliance: str | None = None, members: Members = None, year: int | None = None,
           source: str = "sipri", db: Db = None) -> Rows:
    """One row per member: iso3, name, milex_usd, gdp_usd, milex_pct_gdp (the source's own figure, in
    percent), milex_share and gdp_share (fractions of the alliance total), fair_share_ratio,
    milex_per_capita_usd, gap_pct_to_2 / gap_usd_to_2 / gap_pct_to_3_5 / gap_usd_to_3_5 (shortfall to
    the target, 0 when met), plus estimate, flags (with flag_notes: what each means), source, release and
    note. ``.to_pandas()`` gives a DataFrame with those columns (units: ``allied docs``).

    ``alliance`` is a treaty id (members: its parties on 31 December of ``year``) or ``members`` an
    ad-hoc list ('USA,KOR,JPN'); ``source`` is sipri | nato | worldbank; ``year`` defaults to the
    source's latest year. Values outside a source's coverage are null with a note, never 0.
    """
    return Rows(_with_store(db, lambda con: figures.burden(con, alliance, members, year, source)), BURDEN_COLUMNS)


def burden_years(alliance: str | None = None, members: Members = None, years: Iterable[int] = (),
                 source: str = "sipri", db: Db = None) -> dict[int, Rows]:
    """``burden`` for several years in one read of the store: {year: rows}, each dataset read in one
    query for every member and year (the brief's figures and trend)."""
    found = _with_store(db, lambda con: figures.burden_years(con, alliance, members, list(years), source))
    return {y: Rows(rows, BURDEN_COLUMNS) for y, rows in found.items()}


def burden_path(country: str, target: float, by: int, gdp_growth: float | None = None,
                source: str = "sipri", db: Db = None) -> Result:
    """The yearly real spending path from ``country``'s latest share of GDP to ``target`` % by ``by``,
    and the real growth rate it needs; ``gdp_growth`` (% a year) defaults to the ten-year trend."""
    return Result(_with_store(db, lambda con: figures.burden_path(con, country, target, by, gdp_growth, source)),
                  table="path")


def olson_zeckhauser(alliance: str | None = None, members: Members = None, year: int | None = None,
                     source: str = "sipri", db: Db = None) -> Result:
    """Spearman and Kendall rank correlation between members' GDP and share of GDP, with p-values and n."""
    return Result(_with_store(db, lambda con: figures.olson_zeckhauser(con, alliance, members, year, source)))


def burden_report(alliance: str | None = None, members: Members = None, year: int | None = None,
                  source: str = "sipri", country: str | None = None, target: float | None = None,
                  by: int | None = None, gdp_growth: float | None = None, db: Db = None) -> dict[str, Any]:
    """``burden``, ``olson_zeckhauser`` on the same rows and, with ``country``, its ``burden_path`` to
    ``target`` % by ``by``, in one read of the store (the burden rows computed once): {"rows",
    "olson_zeckhauser", "path"} (path None without a country). Errors as each of the three would raise."""
    def work(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        rows = Rows(figures.burden(con, alliance, members, year, source), BURDEN_COLUMNS)
        path = None
        if country:
            path = Result(figures.burden_path(con, country, target, by, gdp_growth, source),  # type: ignore[arg-type]
                          table="path")
        return {"rows": rows, "olson_zeckhauser": Result(figures.olson_zeckhauser_of(rows)), "path": path}

    return _with_store(db, work)


def balance(members: str | Iterable[str], vs: str | Iterable[str], start: int, end: int,
            db: Db = None) -> Rows:
    """Year by year, each coalition's total spending (SIPRI, current and constant US$) and CINC (COW
    NMC, where it covers the years), with the ratios ``members`` / ``vs``."""
    return Rows(_with_store(db, lambda con: figures.balance(con, members, vs, start, end)), ("year",))


def defense_pacts(country: str, year: int, db: Db = None) -> list[dict[str, Any]]:
    """ATOP alliances in effect in ``year`` in which ``country`` or a partner has a defense obligation."""
    from allied.figures.members import check_year, state_codes

    code, when = state_codes([country], field="country")[0], check_year(year)
    return _with_store(db, lambda con: figures.defense_pacts(con, code, when))


def import_data(kind: str, file: str | Path, db: Db = None, release: str | None = None,
                indicator: str | None = None, force: bool = False) -> dict[str, Any]:
    """Import an official release file (kind: sipri | nato | worldbank | atop | nmc), all or nothing;
    importing the same file again changes nothing. A file that is not plausible (ragged rows, values or
    years out of range, far fewer values than the stored release) is refused and the store kept as it
    was; ``force=True`` replaces a stored release with a much smaller one."""
    return figures.import_into(lambda: open_writer(db), kind, file, release, indicator, force)


def update_data(db: Db = None) -> list[dict[str, Any]]:
    """Download the current World Bank and SIPRI files from their publishers and import them; offline,
    raise an error saying so and change nothing."""
    return _writing(db, figures.update)


def figures_status(db: Db = None) -> list[dict[str, Any]]:
    return _with_store(db, figures.status_rows)
