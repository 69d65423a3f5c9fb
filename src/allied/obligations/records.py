"""Assessments as plain records: the PRODUCT.md batch result shape, with extra fields."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from allied.model import Assessment, Attack, Conditional, Contested, Obligation, Territory
from allied.reference import load


def attack_record(a: Attack) -> dict[str, Any]:
    return {"attacker": a.attacker, "target": a.target, "place": a.place or None, "lat": a.lat, "lon": a.lon,
            "date": a.date.isoformat(), "kind": a.kind, "request": bool(a.stated("request")),
            "conditions": dict(a.conditions)}


def obligation_record(o: Obligation) -> dict[str, Any]:
    return {"state": o.state, "treaty": o.treaty, "article": o.article, "strength": o.strength,
            "reason": o.reason, "quote": o.quote, "verified": o.verified, "source": o.source}


def contested_record(c: Contested) -> dict[str, Any]:
    """A contested party with its source: the suspension's or party note's, else the treaty's."""
    return {"state": c.state, "treaty": c.treaty, "reason": c.reason, "source": c.source or _treaty_source(c.treaty)}


def conditional_record(c: Conditional) -> dict[str, Any]:
    """An obligation waiting on a condition, with the clause's words and source as the reference gives them."""
    quote, verified, source = _clause(c.treaty, c.article)
    return {**asdict(c), "quote": quote, "verified": verified, "source": source}


def _treaty_source(treaty_id: str) -> str:
    t = load().treaties.get(treaty_id)
    return t.source if t is not None else ""


def _clause(treaty_id: str, article: str) -> tuple[str, bool | None, str]:
    t = load().treaties.get(treaty_id)
    for clause in t.clauses if t is not None else ():
        if clause.article == article:
            return clause.quote, clause.verified, clause.source
    return "", None, _treaty_source(treaty_id)


def territory_record(t: Territory, at_sea: bool, regions: frozenset[str]) -> dict[str, Any]:
    return {"status": t.status, "sovereign": t.sovereign or None, "administrator": t.administrator or None,
            "name": t.name or None, "claimants": list(t.claimants), "at_sea": at_sea,
            "regions": sorted(regions), "basis": t.basis, "source": t.source, "note": t.note,
            "standing": t.standing or None, "administrators": list(t.administrators), "dated": t.dated,
            "territory_code": t.entity or None}


def result_record(r: Assessment) -> dict[str, Any]:
    """{"id", "obligations", "contested", ...} as in PRODUCT.md, plus territory, conditional, notes, rounds."""
    out: dict[str, Any] = {
        "id": r.attack.id or None,
        "attack": attack_record(r.attack),
        "obligations": [obligation_record(o) for o in r.obligations],
        "contested": [contested_record(c) for c in r.contested],
        "conditional": [conditional_record(c) for c in r.conditional],
        "territory": territory_record(r.where.territory, r.where.at_sea, r.where.regions),
        "resolution": {"lat": r.attack.lat, "lon": r.attack.lon, "evidence": list(r.where.evidence)},
        "notes": list(r.notes),
    }
    if r.rounds:
        out["rounds"] = [{"round": rd.round, "struck": list(rd.struck),
                          "bound": [obligation_record(o) | {"round": rd.round} for o in rd.obligations]}
                         for rd in r.rounds]
    return out

