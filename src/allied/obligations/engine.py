"""One attack in, one Assessment out: locate the point, find the target, evaluate every treaty, cascade."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np

from allied.model import Assessment, Attack, CascadeRound, Obligation, Territory, Where
from allied.obligations.evaluate import Found, assess
from allied.obligations.geodata import Geography, geography
from allied.obligations.inputs import Point, attack_from, homeland, point_of
from allied.obligations.territory import Located, locate_points, territory_for
from allied.reference import Reference, load

CASCADING = ("automatic_assistance", "assist_as_deemed_necessary")
BOUND = (*CASCADING, "act_per_constitutional_processes")
MAX_CASCADE = 50  # rounds; a cascade stops earlier once a round binds no one new


def locate(point: Point, day: dt.date, geo: Geography | None = None, target: str | None = None) -> Where:
    """What the geography says about one point on one date, with the evidence used."""
    geo = geo or geography()
    lons, lats = np.array([point.lon]), np.array([point.lat])
    at = locate_points(geo, lons, lats)
    key = at.key(0)
    territory = territory_for(geo, key, day)
    evidence = [point.how] if point.how else []
    evidence.append(_layer_evidence(geo, at))
    override = _named_override(geo, point, key, territory, day, target)
    if override is not None:
        territory, why = override
        evidence.append(why)
    evidence.append(f"territory: {territory.basis}")
    masks = geo.region_masks(lons, lats, day)
    return Where(territory, not bool(at.land[0]), frozenset(r for r, m in masks.items() if m[0]), tuple(evidence))


def _layer_evidence(geo: Geography, at: Located) -> str:
    unit = geo.land.unit_of(int(at.part[0]))
    if at.fact[0] >= 0:
        return f"authored feature {geo.facts[int(at.fact[0])].name} (geography.toml)"
    if unit is None:
        return "outside the 1:10m country layer" + (" (land per the 1 km mask)" if at.land[0] else " (at sea)")
    how = "within about 5 km of the coast of" if at.coast[0] else "in"
    return f"{how} {unit.name} ({unit.code}) in the 1:10m country layer"


def _named_override(geo: Geography, point: Point, key: tuple[int, ...], territory: Territory, day: dt.date,
                    target: str | None) -> tuple[Territory, str] | None:
    """A place the gazetteer puts in a state near the point beats a coarse polygon when that state is the stated
    target, and a neighbour's border polygon when that state is the target or the point is the place's own."""
    if not point.named or not point.named[0] or point.named_km > 10:
        return None
    country = point.named[0]
    local = key[3]
    coarse = local >= 0 and geo.holdings.groups[local].geom is not None
    if coarse:
        allowed = target == country
    else:
        holders = {territory.sovereign, territory.administrator, territory.entity}
        allowed = country not in holders and (target == country or (target is None and point.by_name))
    units = [i for i, u in enumerate(geo.land.units) if u.code == country]
    if not allowed or not units:
        return None
    unit = units[0]
    found = territory_for(geo, (-1, key[1] if unit == key[2] else -1, unit, -1, -1, 1), day, skip_local=True)
    if found.holder() in (territory.holder(), ""):
        return None
    why = (f"gazetteer: {point.named[1]} lies in {country} {point.named_km:.1f} km from the point "
           f"({point.named[2]}); it overrules the {'1:110m polygon' if coarse else 'neighbouring border polygon'}"
           f" ({territory.name or territory.status})")
    return found, why


def evaluate(value: Attack | dict[str, Any], cascade: int = 0, ref: Reference | None = None) -> Assessment:
    """The obligations an attack triggers, with contested states, pending conditions and cascade rounds."""
    ref = ref or load()
    attack = attack_from(value, ref)
    geo = geography()
    point = point_of(attack, ref, _holders(geo))
    where = locate(point, attack.date, geo, attack.target)
    return evaluate_at(replace(attack, lat=point.lat, lon=point.lon), where, ref, cascade)


def _holders(geo: Geography) -> dict[str, str]:
    return {u.code: u.state for u in geo.land.units}


def evaluate_at(attack: Attack, where: Where, ref: Reference, cascade: int = 0) -> Assessment:
    target, notes = target_of(attack, where)
    found = assess(attack, target, where, ref, geography()) if target else Found()
    found.notes[:0] = notes
    attack = replace(attack, target=target or attack.target)
    result = Assessment(attack, where, tuple(found.obligations), tuple(found.contested),
                        tuple(found.conditional), tuple(found.notes))
    if cascade > 0 and target:
        result = replace(result, rounds=cascade_rounds(result, cascade, ref))
    return result


def target_of(attack: Attack, where: Where) -> tuple[str, list[str]]:
    """The state attacked (stated, or the point's holder) and notes on how it was chosen."""
    t = where.territory
    if attack.target:
        notes = []
        if attack.kind == "territory" and attack.target not in (t.sovereign, t.administrator):
            holder = t.holder() or f"no known state ({t.status})"
            notes.append(f"the point is not territory of {attack.target} in the reference data (it is {holder}); "
                         "clauses that turn on territory do not apply")
        return attack.target, notes
    holder = t.holder()
    if holder.startswith("X") and holder != "XKX" and t.sovereign:
        return t.sovereign, [f"target {t.sovereign}: the de jure sovereign of the point, which {holder} (a de facto "
                             "authority, not a party to any treaty) administers; it is not under the sovereign's "
                             "control"]
    if not holder:
        return "", [f"no target: the point's territory is {t.status} ({t.note[:300]}); "
                    "give target to name the state attacked"]
    if holder == attack.attacker:
        return "", [f"the point is {holder}'s own territory: an attacker does not attack itself"]
    return holder, [f"target {holder}: the state that administers the point"]


def whole_rows(geo: Geography) -> list[Any]:
    """The reference's facts about whole countries (not local exceptions), for homelands on a date."""
    return [r for g in geo.holdings.groups if g.tier == "whole" for r in g.rows
            if geo.land.units[g.unit].code == r.iso3_now and r.status == "sovereign"]


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
    point = homeland(state, ref, attack.date, whole_rows(geography()))
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
