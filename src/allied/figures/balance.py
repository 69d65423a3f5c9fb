"""The balance between two coalitions, year by year: total military spending (SIPRI, current and
constant US$) and, where COW NMC covers the years, the sum of CINC scores; with the ratios of one side
to the other. A total covers the members with a figure that year; members without one are listed in
``missing`` and the total of a side with no figure at all is null, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from allied.figures import members as membership
from allied.figures import tables, units
from allied.model import InputError, NotFoundError

MEASURES: dict[str, tuple[str, str, str]] = {  # measure -> (dataset, indicator, how to read it)
    "milex_usd": ("sipri", "milex_usd", "usd"),
    "milex_usd_const": ("sipri", "milex_usd_const", "usd"),
    "cinc": ("nmc", "cinc", "plain"),
}


def balance(con: duckdb.DuckDBPyConnection, members: str | Iterable[str], vs: str | Iterable[str],
            start: int, end: int) -> list[dict[str, Any]]:
    side_a = membership.state_codes(members, field="members")
    side_b = membership.state_codes(vs, field="vs")
    both = sorted(set(side_a) & set(side_b))
    if both:
        raise InputError("vs", ",".join(both), "states that are not also in --members")
    start, end = membership.check_year(start, "from"), membership.check_year(end, "to")
    if end < start:
        raise InputError("to", end, f"a year from {start} on")
    years = list(range(start, end + 1))
    data, notes, spans = _load(con, side_a + side_b, years)
    if spans and not any(lo <= end and start <= hi for lo, hi in spans.values()):
        covered = ", ".join(f"{m} {lo}-{hi}" for m, (lo, hi) in spans.items())
        raise InputError("from/to", f"{start}-{end}", f"years with figures ({covered}); the latest year with any "
                         f"figure is {max(hi for _, hi in spans.values())}")
    return [_year(y, side_a, side_b, data, notes) for y in years]


def _load(con: duckdb.DuckDBPyConnection, codes: list[str], years: list[int]
          ) -> tuple[dict[str, dict[tuple[str, int], dict[str, Any]]], dict[str, str], dict[str, tuple[int, int]]]:
    data: dict[str, dict[tuple[str, int], dict[str, Any]]] = {}
    notes: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for measure, (dataset, indicator, _) in MEASURES.items():
        try:
            found = tables.values(con, dataset, [indicator], codes, years)
        except NotFoundError:
            data[measure] = {}
            notes[measure] = f"{measure}: {dataset} not imported (allied data import {dataset} FILE)"
            continue
        data[measure] = {(iso3, year): row for (_, iso3, year), row in found.items()}
        span = tables.coverage(con, dataset, indicator)
        if span:
            notes[measure] = f"{measure}: {dataset} covers {span[0]}-{span[1]}"
            spans[measure] = (int(span[0]), int(span[1]))
    return data, notes, spans


def _year(year: int, side_a: list[str], side_b: list[str], data: dict[str, dict[tuple[str, int], Any]],
          notes: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {"year": year}
    missing: list[str] = []
    releases: dict[str, None] = {}
    for measure, (_, _, how) in MEASURES.items():
        totals = []
        for side in (side_a, side_b):
            total, absent = _total(data[measure], side, year, how, releases)
            totals.append(total)
            if data[measure]:  # a dataset not available at all is said once, in the note
                missing += [f"{code} {measure}" for code in absent]
        row[f"members_{measure}"], row[f"vs_{measure}"] = totals
        row[f"ratio_{measure}"] = totals[0] / totals[1] if totals[0] is not None and totals[1] else None
    row["complete"] = not missing
    row["missing"] = missing
    row["release"] = " ; ".join(releases)
    row["note"] = "; ".join(notes.values())
    return row


def _total(found: dict[tuple[str, int], Any], side: list[str], year: int, how: str,
           releases: dict[str, None]) -> tuple[float | None, list[str]]:
    values, absent = [], []
    for code in side:
        row = found.get((code, year))
        value = units.usd(row) if how == "usd" else units.plain(row)
        if value is None:
            absent.append(code)
        else:
            values.append(value)
            releases[str(row["release"])] = None  # type: ignore[index]
    return (sum(values) if values else None), absent
