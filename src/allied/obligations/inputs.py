"""Turn a user's attack (a dict as in PRODUCT.md batch mode, or an Attack) into a checked Attack and a
point; every bad value is an InputError naming the field and what is allowed."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

from allied.model import ATTACK_KINDS, Attack, InputError
from allied.reference import Reference, parse_date, state_code
from allied.reference.gazetteer import lookup

FIELDS = ("attacker", "target", "place", "lat", "lon", "date", "kind", "request", "state_of_war",
          "communist_aggressor")


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    named: tuple[str, str, str] | None  # (ISO3, name, source) of the place the name resolved to


def attack_from(value: Attack | dict[str, Any], ref: Reference, id: str = "") -> Attack:
    """A checked Attack from a dict or an Attack."""
    if isinstance(value, Attack):
        value = {f: getattr(value, f) for f in FIELDS} | {"id": value.id}
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
        place=place.strip(), request=_flag(value, "request", False),
        state_of_war=_flag(value, "state_of_war", True),
        communist_aggressor=_flag(value, "communist_aggressor", None), id=str(value.get("id") or id),
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


def _flag(value: dict[str, Any], field: str, default: bool | None) -> Any:
    got = value.get(field, default)
    if got is None or isinstance(got, bool):
        return got
    raise InputError(field, _shown(got), "true or false")


def point_of(attack: Attack, ref: Reference) -> Point:
    """Where the attack is: the given coordinates, else the named place (gazetteer), else an error."""
    entries = lookup(attack.place, ref) if attack.place else []
    with_coords = [e for e in entries if e.lat is not None and e.lon is not None]
    if attack.lat is not None and attack.lon is not None:
        near = [e for e in with_coords if abs(e.lat - attack.lat) < 1 and abs(e.lon - attack.lon) < 1]  # type: ignore[operator]
        named = (near[0].country, near[0].name, near[0].source) if near else None
        return Point(attack.lat, attack.lon, named)
    if not attack.place:
        raise InputError("place", None, "a place name (a city, a state or a place in places.toml) or lat and lon")
    if not with_coords:
        hint = "it is known but has no coordinates" if entries else "it is not in the gazetteer"
        raise InputError("place", attack.place, "a known place name, or give lat and lon",
                         f"{hint}; give lat and lon")
    best = with_coords[0]
    return Point(best.lat, best.lon, (best.country, best.name, best.source))  # type: ignore[arg-type]


def homeland(state: str, ref: Reference) -> Point | None:
    """A state's homeland for a strike on it: its capital (GeoNames via the gazetteer), or None if unknown."""
    info = ref.states.get(state)
    if info is None:
        return None
    for entry in lookup(info.name, ref):
        if entry.kind == "country" and entry.country == state and entry.lat is not None and entry.lon is not None:
            return Point(entry.lat, entry.lon, (state, entry.name, entry.source))
    return None


def with_target(attack: Attack, target: str) -> Attack:
    return replace(attack, target=target)
