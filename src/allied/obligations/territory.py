"""Whose territory a point is on a date: authored dated facts first, then the country polygons, then the
named place's state, then land or sea. Unknown is reported as unknown, never guessed."""

from __future__ import annotations

import datetime as dt

from allied.model import Territory, TerritoryContest
from allied.obligations.geodata import LAND_SOURCE, NE_SOURCE, Fact, Geography


def from_fact(fact: Fact, day: dt.date, name: str) -> Territory:
    period = fact.period_on(day)
    contests = tuple(TerritoryContest(*c) for c in fact.contests)
    if period is None:
        return Territory("unknown", entity=fact.place, name=name, basis=f"authored place {fact.place}",
                         source=fact.source, note=f"the reference gives no administration of {name} on {day}")
    status = "state" if period.sovereign else ("disputed" if period.administrator else "unknown")
    return Territory(
        status, sovereign=period.sovereign, administrator=period.administrator or period.sovereign,
        entity=fact.place, name=name, claimants=period.claimants, contests=contests,
        basis=f"authored place {fact.place}", source=period.source, note=period.note,
    )


def from_entity(geo: Geography, code: str, name: str, day: dt.date) -> Territory:
    for row in geo.entities.get(code, ()):
        if row.end is None or day <= row.end:
            metropolitan = row.kind == "same"
            return Territory("state", sovereign=row.state, administrator=row.state, entity=code, name=name,
                             metropolitan=metropolitan, eu=row.eu, basis=f"{NE_SOURCE}: {code}",
                             source=row.source, note=row.note)
    if code in geo.un_members:
        return Territory("state", sovereign=code, administrator=code, entity=code, name=name, metropolitan=True,
                         basis=f"{NE_SOURCE}: {code}", source=f"{NE_SOURCE}; UN membership: country_converter")
    return Territory("unknown", entity=code, name=name, basis=f"{NE_SOURCE}: {code}", source=NE_SOURCE,
                     note=f"{name} ({code}) is not a UN member state and the reference does not say which "
                          "state it belongs to")


def at_sea_or_unknown(land: bool) -> Territory:
    if land:
        return Territory("unknown", basis=f"{NE_SOURCE}; {LAND_SOURCE}", source=LAND_SOURCE,
                         note="land outside the shipped country polygons and the authored places: territory unknown")
    return Territory("sea", basis=LAND_SOURCE, source=LAND_SOURCE,
                     note="at sea, outside the shipped country polygons and the authored places: no state's territory")


def territory_for(geo: Geography, fact: int, entity: int, land: bool, day: dt.date,
                  named: tuple[str, str, str] | None = None) -> Territory:
    """The territory at a point from precomputed look-ups; ``named`` is (country, name, source) of a place."""
    if fact >= 0:
        f = geo.facts[fact]
        return from_fact(f, day, f.name)
    if entity >= 0:
        return from_entity(geo, geo.ne_codes[entity], geo.ne_names[entity], day)
    if named and named[0]:
        found = from_entity(geo, named[0], named[1], day)
        if found.status == "state":
            return Territory(found.status, sovereign=found.sovereign, administrator=found.administrator,
                             entity=named[0], name=named[1], metropolitan=found.metropolitan, eu=found.eu,
                             basis=f"named place {named[1]!r}", source=named[2],
                             note="outside the 1:110m country polygons; state taken from the gazetteer entry")
        return found
    return at_sea_or_unknown(land)
