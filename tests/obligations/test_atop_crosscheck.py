"""ATOP cross-check (issue 12): for each modelled treaty ATOP 5.1 codes and the years 1955, 1970, 1985, 2000,
2015 and 2018, ATOP's defense-pledge pairs (member with defense=1 -> each other member in effect on 1 July)
against allied's answers for an attack by an unspecified state on each party's homeland (its capital, or the
reference's point for the state on that date). Every disagreement is listed with its reason from treaties.md in
data/atop_disagreements.toml; a new disagreement, or a listed one that no longer occurs, fails the test."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import pytest

import allied
from allied.figures.cow import iso3_of
from allied.model import Attack
from allied.obligations.engine import BOUND, evaluate_at, locate, whole_rows
from allied.obligations.geodata import geography
from allied.obligations.inputs import homeland
from tests.conftest import shared_path

YEARS = (1955, 1970, 1985, 2000, 2015, 2018)
DATA = tomllib.loads((Path(__file__).parent / "data" / "atop_disagreements.toml").read_text(encoding="utf-8"))
Pair = tuple[str, str, str, int, str, str]  # (treaty, side, ..., year, obligor, beneficiary)


@pytest.fixture(scope="module")
def atop_rows() -> list[dict[str, str]]:
    with open(shared_path("data", "atop", "atop5_1m.csv"), encoding="ascii", newline="") as fh:
        return list(csv.DictReader(fh))


def _in_effect(r: dict[str, str], day: dt.date) -> bool:
    start = dt.date(int(r["yrent"]), max(int(r["moent"]), 1), max(int(r["dayent"]), 1))
    if start > day:
        return False
    if int(r["yrexit"]) == 0:  # still in effect at the end of coverage (PROVENANCE.md section 4)
        return True
    return dt.date(int(r["yrexit"]), max(int(r["moexit"]), 1), max(int(r["dayexit"]), 1)) >= day


def atop_pairs(rows: list[dict[str, str]], atopid: str, year: int) -> set[tuple[str, str]]:
    day = dt.date(year, 7, 1)
    live = [r for r in rows if r["atopid"] == atopid and _in_effect(r, day)]
    members = {iso3_of(int(r["member"]), year) for r in live} - {""}
    obligors = {iso3_of(int(r["member"]), year) for r in live if r["defense"] == "1"} - {""}
    return {(a, b) for a in obligors for b in members if a != b}


def allied_pairs(treaty: str, year: int) -> set[tuple[str, str]]:
    ref, geo, day = allied.reference(), geography(), dt.date(year, 7, 1)
    out = set()
    for b in ref.treaties[treaty].parties_on(day):
        point = homeland(b, ref, day, whole_rows(geo))
        if point is None:
            continue
        attack = Attack(attacker=None, target=b, date=day, kind="territory", lat=point.lat, lon=point.lon)
        result = evaluate_at(attack, locate(point, day, geo, b), ref)
        out |= {(o.state, b) for o in result.obligations if o.treaty == treaty and o.strength in BOUND}
        out |= {(c.state, b) for c in result.conditional if c.treaty == treaty and c.strength in BOUND}
    return out


def _listed(item: Pair) -> bool:
    treaty, side, _, year, a, b = item
    return any(e["treaty"] == treaty and e["side"] == side and year in e["years"]
               and a in e.get("obligors", [a]) and b in e.get("beneficiaries", [b]) for e in DATA["disagreement"])


def test_allied_agrees_with_atop_except_where_the_text_says_why(atop_rows: list[dict[str, str]]) -> None:
    found: set[Pair] = set()
    for treaty, atopid in ((m["treaty"], m["atopid"]) for m in DATA["alliance"]):
        for year in YEARS:
            theirs, ours = atop_pairs(atop_rows, atopid, year), allied_pairs(treaty, year)
            found |= {(treaty, "atop_only", atopid, year, a, b) for a, b in theirs - ours}
            found |= {(treaty, "allied_only", atopid, year, a, b) for a, b in ours - theirs}
    new = sorted(item for item in found if not _listed(item))
    assert not new, f"{len(new)} disagreements with ATOP without a reason in atop_disagreements.toml: {new[:20]}"
    stale = [e for e in DATA["disagreement"] if not any(
        _listed_by(e, item) for item in found)]
    assert not stale, f"listed disagreements that no longer occur: {[e['reason'][:60] for e in stale]}"


def _listed_by(e: dict, item: Pair) -> bool:  # type: ignore[type-arg]
    treaty, side, _, year, a, b = item
    return (e["treaty"] == treaty and e["side"] == side and year in e["years"]
            and a in e.get("obligors", [a]) and b in e.get("beneficiaries", [b]))


def test_every_listed_disagreement_cites_treaties_md() -> None:
    assert DATA["disagreement"] and all("treaties.md" in e["source"] and e["reason"] for e in DATA["disagreement"])
    assert {m["treaty"] for m in DATA["alliance"]} == set(allied.reference().treaties) - {
        n["treaty"] for n in DATA["not_in_atop"]}
