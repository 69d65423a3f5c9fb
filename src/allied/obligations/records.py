"""Assessments as plain records: the PRODUCT.md batch result shape, with extra fields."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from allied.model import Assessment, Attack, Obligation, Territory


def attack_record(a: Attack) -> dict[str, Any]:
    return {"attacker": a.attacker, "target": a.target, "place": a.place or None, "lat": a.lat, "lon": a.lon,
            "date": a.date.isoformat(), "kind": a.kind, "request": bool(a.stated("request")),
            "conditions": dict(a.conditions)}


def obligation_record(o: Obligation) -> dict[str, Any]:
    return {"state": o.state, "treaty": o.treaty, "article": o.article, "strength": o.strength,
            "reason": o.reason, "quote": o.quote, "verified": o.verified, "source": o.source}


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
        "contested": [{"state": c.state, "treaty": c.treaty, "reason": c.reason} for c in r.contested],
        "conditional": [asdict(c) for c in r.conditional],
        "territory": territory_record(r.where.territory, r.where.at_sea, r.where.regions),
        "resolution": {"lat": r.attack.lat, "lon": r.attack.lon, "evidence": list(r.where.evidence)},
        "notes": list(r.notes),
    }
    if r.rounds:
        out["rounds"] = [{"round": rd.round, "struck": list(rd.struck),
                          "bound": [obligation_record(o) | {"round": rd.round} for o in rd.obligations]}
                         for rd in r.rounds]
    return out

