"""Turn a user's attack (a dict as in PRODUCT.md batch mode, or an Attack) into a checked Attack and a
point; every bad value is an InputError naming the field and what is allowed."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from allied.model import ATTACK_KINDS, Attack, InputError
from allied.model.sovereignty import TerritoryPeriod
from allied.obligations.conditions import parse as parse_conditions
from allied.obligations.places import NEAR_KM, named_near, resolve
from allied.reference import Reference, parse_date, state_code
from allied.reference.gazetteer import lookup

FIELDS = ("attacker", "target", "place", "lat", "lon", "date", "kind")


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    named: tuple[str, str, str] | None  # (ISO3, name, source) of the place the name resolved to
    how: str = ""  # how the point was found, for the answer
    named_km: float = 0.0  # distance from the point to the named place
    by_name: bool = False  # the point is the named place's own (no coordinates were given)


def attack_from(value: Attack | dict[str, Any], ref: Reference, id: str = "") -> Attack:
    """A checked Attack from a dict or an Attack."""
    if isinstance(value, Attack):
        value = {f: getattr(value, f) for f in FIELDS} | {"id": value.id, "conditions": dict(value.conditions)}
    if not isinstance(value, dict):
        raise InputError("attack", value, "an object with attacker, target, place or lat/lon, date and kind")
    attacker = _state(value.get("attacker"), ref, "attacker")
    target = _state(value.get("target"), ref, "target")
    if attacker and attacker == target:
        raise InputError("target", target, "a state other than the attacker")
    raw_kind = value.get("kind") or "territory"
    kind = raw_kind.strip().lower() if isinstance(raw_kind, str) else ""
    if kind not in ATTACK_KINDS:
        raise InputError("kind", _shown(raw_kind), f"one of {', '.join(ATTACK_KINDS)}")
    if value.get("date") is None or value.get("date") == "":
        raise InputError("date", value.get("date"), "a date as YYYY-MM-DD")
    if not isinstance(value["date"], str | dt.date):
        raise InputError("date", _shown(value["date"]), "a date as YYYY-MM-DD")
    place = value.get("place") or ""
    if not isinstance(place, str):
        raise InputError("place", _shown(place), "a place name (text)")
    lat, lon = _coord(value.get("lat"), "lat", 90), _coord(value.get("lon"), "lon", 180)
    if (lat is None) != (lon is None):
        raise InputError("lon" if lon is None else "lat", None, "lat and lon given together")
    if kind != "territory" and not target:
        raise InputError("target", None, f"the state whose {kind} is attacked (an ISO3 code) for kind {kind!r}")
    return Attack(
        attacker=attacker, target=target, date=parse_date(value["date"]), kind=kind, lat=lat, lon=lon,
        place=place.strip(), conditions=parse_conditions(value), id=str(value.get("id") or id),
    )


def _state(value: Any, ref: Reference, field: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(field, _shown(value), "an ISO 3166-1 alpha-3 code such as USA, KOR, DEU")
    return state_code(value, ref, field)


def _shown(value: Any) -> Any:
    """A bad value as an error message shows it: long values cut, so a message stays readable."""
    text = repr(value)
    return value if len(text) <= 80 else text[:60] + f"… ({len(text)} characters)"


def _coord(value: Any, field: str, limit: float) -> float | None:
    if value is None or value == "":
        return None
    allowed = f"a number from -{limit:g} to {limit:g}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, _shown(value), allowed)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(field, _shown(value), allowed) from None
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise InputError(field, _shown(value), allowed)
    return number


def point_of(attack: Attack, ref: Reference, holder_of: dict[str, str] | None = None) -> Point:
    """Where the attack is: the given coordinates (with the named place if it is near them), else the named
    place, resolved without guessing (places.resolve), else an error."""
    if attack.lat is not None and attack.lon is not None:
        how = f"coordinates given ({attack.lat:.4f}, {attack.lon:.4f})"
        near = named_near(attack.place, ref, attack.lat, attack.lon) if attack.place else None
        if near is None:
            if attack.place:
                how += f"; no place named {attack.place!r} within {NEAR_KM:g} km of them"
            return Point(attack.lat, attack.lon, None, how)
        e, dist = near
        return Point(attack.lat, attack.lon, (e.country, e.name, e.source),
                     how + f"; {attack.place!r} is {e.name} ({e.country}), {dist:.1f} km away ({e.source})", dist)
    if not attack.place:
        raise InputError("place", None, "a place name (a city, a state or a place in places.toml) or lat and lon")
    found = resolve(attack.place, ref, attack.target, holder_of or {})
    e = found.entry
    return Point(e.lat, e.lon, (e.country, e.name, e.source), f"place {found.how}", 0.0, True)  # type: ignore[arg-type]


def homeland(state: str, ref: Reference, day: dt.date | None = None,
             whole: Iterable[TerritoryPeriod] = ()) -> Point | None:
    """A state's homeland for a strike on it on ``day``: the point of the reference's fact that makes it the
    sovereign and administrator of a whole country on that day (Bonn for West Germany in 1970), else its
    capital today (GeoNames via the gazetteer), or None if unknown."""
    historic = bool(ref.states.get(state) and ref.states[state].historic)
    for r in whole:
        if (day and (r.iso3_now == state or historic) and r.sovereign == state and r.administrators == (state,)
                and r.span.covers(day) == "yes"
                and r.lat is not None and r.lon is not None):
            return Point(r.lat, r.lon, (state, r.site or r.territory, r.source),
                         f"{state}'s homeland on {day}: {r.site} ({r.territory}, {r.source})")
    info = ref.states.get(state)
    if info is None:
        return None
    for entry in lookup(info.name, ref):
        if entry.kind == "country" and entry.country == state and entry.lat is not None and entry.lon is not None:
            return Point(entry.lat, entry.lon, (state, entry.name, entry.source),
                         f"{state}'s homeland: its capital {entry.name} ({entry.source})")
    return None


def with_target(attack: Attack, target: str) -> Attack:
    return replace(attack, target=target)
