"""A place name to one point, or an error that lists the candidates: the gazetteer (authored places, states,
GeoNames cities) plus the representative points of the reference's sovereignty facts ('Stanley', 'Kinmen').

Descriptive strings are split: "Port X, Y Island" tries "Port X" with "Y Island" as a hint, then the parts
on their own; "X (city on …)" tries X, then the words in brackets. A name that several states' places bear
is ambiguous unless the stated target picks one, one of them is its state's capital and the largest, or one
is fifty times larger than any other; an ambiguous name is an error listing the candidates, never a pick.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from allied.model import InputError
from allied.reference import Reference
from allied.reference.gazetteer import Entry, capital, fold, lookup

DOMINANCE = 50  # a city this many times larger than every namesake elsewhere is what the name means
NEAR_KM = 25.0  # a named place this close to given coordinates is taken as the place meant


@dataclass(frozen=True)
class Resolved:
    entry: Entry
    how: str


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


_SITES: dict[int, dict[str, list[Entry]]] = {}


def _sites(ref: Reference) -> dict[str, list[Entry]]:
    """The sovereignty facts' points by folded site label ('Stanley') and short territory name ('Kinmen')."""
    if id(ref) in _SITES:
        return _SITES[id(ref)]
    out: dict[str, list[Entry]] = {}
    for r in ref.territories:
        if r.lat is None or r.lon is None:
            continue
        entry = Entry(r.site.split(" (")[0] or r.territory, "territory", r.iso3_now, r.lat, r.lon,
                      "shared/reference/sovereignty.csv: " + r.territory, f"territory:{r.territory}")
        for name in {r.site.split(" (")[0], r.territory.split(" (")[0].split(" / ")[0]}:
            key = fold(name)
            if key and entry not in out.setdefault(key, []):
                out[key].append(entry)
    _SITES[id(ref)] = out
    return out


def candidates(name: str, ref: Reference) -> list[Entry]:
    """Every entry with coordinates for ``name``, best first, trying the parts of a descriptive string."""
    head, _, bracket = name.partition("(")
    tries = [head.strip(), *[p.strip() for p in head.split(",")[1:]], *re.split(r"[,;]", bracket.rstrip(") "))]
    for i, text in enumerate(t for t in tries if t):
        query = name.replace("(", ",").rstrip(") ") if i == 0 else text
        found = [e for e in lookup(query, ref) if e.lat is not None and e.lon is not None]
        sites = _sites(ref).get(fold(query.partition(",")[0]), [])
        found = [e for e in found if e.kind in ("place", "country")] + [e for e in found if e.kind == "city"] + sites
        if found:
            return found
    return []


def _label(e: Entry) -> str:
    return f"{e.name} ({e.country or 'no state'}; {e.lat:.2f}, {e.lon:.2f})"


def resolve(name: str, ref: Reference, target: str | None, holder_of: dict[str, str]) -> Resolved:
    """One entry for ``name`` or an InputError listing the candidates (``holder_of`` maps a territory's code
    to the state holding it, so that 'Stanley' with target GBR may mean the Falklands)."""
    found = candidates(name, ref)
    if not found:
        known = lookup(name, ref)
        hint = "it is known but has no coordinates" if known else "it is not in the gazetteer"
        raise InputError("place", name, "a known place name, or give lat and lon", f"{hint}; give lat and lon")
    hint = name.split("(")[0].partition(",")[2].strip()
    if hint:  # "Port Stanley, Falkland Islands": keep the candidates in the state the hint names
        hinted = {e.country for e in lookup(hint, ref) if e.kind in ("country", "place")}
        found = [e for e in found if e.country in hinted] or found
    first = found[0]
    if first.kind in ("place", "country"):
        return Resolved(first, f"{_label(first)}: {first.kind} named {name!r} ({first.source})")
    exact = [e for e in found if fold(e.name) == fold(name.split(",")[0].split("(")[0])] or found
    states = {e.country for e in exact}
    if len(states) == 1:
        return Resolved(exact[0], f"{_label(exact[0])}: {exact[0].kind} named {name!r} ({exact[0].source})")
    if target:
        mine = [e for e in exact if target in (e.country, holder_of.get(e.country))]
        if mine:
            return Resolved(mine[0], f"{_label(mine[0])}: of the places named {name!r}, the one in {target}'s "
                                     f"territory ({mine[0].source})")
    top = max(exact, key=lambda e: e.population)
    others = [e.population for e in exact if e.country != top.country]
    cap = capital(top.country)
    if cap is not None and cap.id == top.id:
        return Resolved(top, f"{_label(top)}: {name!r} is the capital of {top.country}; also "
                             + ", ".join(_label(e) for e in exact if e is not top))
    if others and top.population >= DOMINANCE * max(others):
        return Resolved(top, f"{_label(top)}: by far the largest place named {name!r}; also "
                             + ", ".join(_label(e) for e in exact if e is not top))
    raise InputError("place", name, "a place name that names one place, a target, or lat and lon",
                     f"{name!r} names places in {len(states)} states: "
                     + ", ".join(_label(e) for e in exact[:8]) + "; give target or lat and lon")


def named_near(name: str, ref: Reference, lat: float, lon: float) -> tuple[Entry, float] | None:
    """The entry for ``name`` nearest to given coordinates, if within NEAR_KM."""
    best = min(((e, km(lat, lon, e.lat, e.lon)) for e in candidates(name, ref)),  # type: ignore[arg-type]
               key=lambda pair: pair[1], default=None)
    return best if best and best[1] <= NEAR_KM else None
