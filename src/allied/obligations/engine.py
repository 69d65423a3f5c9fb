"""One attack in, one Assessment out: locate the point, find the target, evaluate every treaty, cascade."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np

from allied.model import Assessment, Attack, CascadeRound, Obligation, Where
from allied.obligations.evaluate import Found, assess
from allied.obligations.geodata import Geography, geography, is_land
from allied.obligations.inputs import Point, attack_from, homeland, point_of
from allied.obligations.territory import territory_for
from allied.reference import Reference, load

CASCADING = ("automatic_assistance", "assist_as_deemed_necessary")
BOUND = (*CASCADING, "act_per_constitutional_processes")
MAX_CASCADE = 50  # rounds; a cascade stops earlier once a round binds no one new


def locate(point: Point, day: dt.date, geo: Geography | None = None) -> Where:
    """What the geography says about one point on one date."""
    geo = geo or geography()
    lons, lats = np.array([point.lon]), np.array([point.lat])
    land = bool(is_land(lats, lons)[0])
    territory = territory_for(geo, int(geo.fact_index(lons, lats)[0]), int(geo.entity_index(lons, lats)[0]),
                              land, day, point.named)
    masks = geo.region_masks(lons, lats, day)
    return Where(territory, not land, frozenset(r for r, m in masks.items() if m[0]))


def evaluate(value: Attack | dict[str, Any], cascade: int = 0, ref: Reference | None = None) -> Assessment:
    """The obligations an attack triggers, with contested states, pending conditions and cascade rounds."""
    ref = ref or load()
    attack = attack_from(value, ref)
    where = locate(point_of(attack, ref), attack.date)
    return evaluate_at(attack, where, ref, cascade)


def evaluate_at(attack: Attack, where: Where, ref: Reference, cascade: int = 0) -> Assessment:
    target, notes = _target(attack, where)
    found = assess(attack, target, where, ref, geography()) if target else Found()
    found.notes[:0] = notes
    attack = replace(attack, target=target or attack.target)
    result = Assessment(attack, where, tuple(found.obligations), tuple(found.contested),
                        tuple(found.conditional), tuple(found.notes))
    if cascade > 0 and target:
        result = replace(result, rounds=cascade_rounds(result, cascade, ref))
    return result


def _target(attack: Attack, where: Where) -> tuple[str, list[str]]:
    t = where.territory
    if attack.target:
        notes = []
        if attack.kind == "territory" and attack.target not in (t.sovereign, t.administrator):
            holder = t.holder() or f"no known state ({t.status})"
            notes.append(f"the point is not territory of {attack.target} in the reference data (it is {holder}); "
                         "clauses that turn on territory do not apply")
        return attack.target, notes
    holder = t.holder()
    if not holder:
        return "", [f"no target: the point's territory is {t.status} ({t.note}); "
                    "give target to name the state attacked"]
    if holder == attack.attacker:
        return "", [f"the point is {holder}'s own territory: an attacker does not attack itself"]
    return holder, [f"target {holder}: the state that administers the point"]


def cascade_rounds(first: Assessment, rounds: int, ref: Reference) -> tuple[CascadeRound, ...]:
    """Rounds 2..N+1: the attacker strikes the homelands of states bound at automatic or assist level."""
    listed = {first.attack.target, first.attack.attacker} | {o.state for o in first.obligations if o.strength in BOUND}
    out = [CascadeRound(1, (first.attack.target or "",), _one_per_state(first.obligations))]
    strike = sorted({o.state for o in first.obligations if o.strength in CASCADING})
    for n in range(2, rounds + 2):
        new: list[Obligation] = []
        for state in strike:
            for o in _homeland_strike(first.attack, state, ref):
                if o.state not in listed:
                    new.append(o)
        bound = _one_per_state(tuple(new))
        if not bound:
            out.append(CascadeRound(n, tuple(strike), ()))
            break
        out.append(CascadeRound(n, tuple(strike), bound))
        listed |= {o.state for o in bound}
        strike = sorted({o.state for o in new if o.strength in CASCADING and o.state in {b.state for b in bound}})
        if n == rounds + 1:
            break
    return tuple(out[: rounds + 1])


def _homeland_strike(attack: Attack, state: str, ref: Reference) -> tuple[Obligation, ...]:
    point = homeland(state, ref)
    if point is None:
        return ()
    strike = replace(attack, target=state, kind="territory", lat=point.lat, lon=point.lon,
                     place=point.named[1] if point.named else "")
    return evaluate_at(strike, locate(point, attack.date), ref).obligations


def _one_per_state(obligations: tuple[Obligation, ...]) -> tuple[Obligation, ...]:
    """Each bound state once, with its strongest entry (obligations are sorted strongest first)."""
    seen: dict[str, Obligation] = {}
    for o in obligations:
        if o.strength in BOUND and o.state not in seen:
            seen[o.state] = o
    return tuple(sorted(seen.values(), key=lambda o: o.state))
