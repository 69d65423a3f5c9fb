"""Whose territory a point is on a date. Evidence in order: the authored disputed features (geography.toml),
the 1:10m country layer with a coast tolerance, the reference's dated sovereignty placed on it (holdings.py),
then land or sea from the 1 km mask. Unknown is reported as unknown, never guessed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from allied.model import Territory, TerritoryContest
from allied.obligations.countries import SOURCE as FINE_SOURCE
from allied.obligations.geodata import LAND_SOURCE, Fact, Geography, is_land
from allied.obligations.holdings import local_index, near_index, territory_on


@dataclass(frozen=True)
class Located:
    """Per point (arrays of equal length): what the layers say, before any date is applied."""

    fact: np.ndarray  # authored disputed feature, or -1
    part: np.ndarray  # part of the 1:10m layer (within the coast tolerance), or -1
    unit: np.ndarray
    local: np.ndarray  # local territory of the reference (radius or coarse polygon), or -1
    near: np.ndarray  # whole-unit territory whose point is near, or -1
    land: np.ndarray  # the 1 km mask says land
    coast: np.ndarray  # in the country layer only through the coast tolerance

    def key(self, i: int) -> tuple[int, ...]:
        return (int(self.fact[i]), int(self.part[i]), int(self.unit[i]), int(self.local[i]), int(self.near[i]),
                int(self.land[i]))


def _near_land(lats: np.ndarray, lons: np.ndarray, land: np.ndarray, geo: Geography) -> np.ndarray:
    """Land at the point or within about 5 km (eight points around it): worth a coast-tolerance test."""
    ring = np.array(((0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05), (0.035, 0.035), (-0.035, 0.035),
                     (0.035, -0.035), (-0.035, -0.035)))
    dy, dx = ring[:, :1], ring[:, 1:]  # the eight points around every point, looked up in one call
    around = is_land(np.clip(lats + dy, -90, 90).ravel(),
                     (((lons + dx / np.maximum(np.cos(np.radians(lats)), 0.2) + 180) % 360) - 180).ravel())
    return land | around.reshape(len(ring), len(lats)).any(axis=0)


def locate_points(geo: Geography, lons: np.ndarray, lats: np.ndarray) -> Located:
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    land = is_land(lats, lons)
    part, coast = geo.land.locate(lons, lats, _near_land(lats, lons, land, geo))
    unit = np.where(part >= 0, geo.land.part_unit[np.maximum(part, 0)], -1)
    h = geo.holdings
    return Located(geo.fact_index(lons, lats), part, unit, local_index(h, unit, lons, lats),
                   near_index(h, unit, lons, lats), land, coast)


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
        administrators=(period.administrator,) if period.administrator else (), dated=True,
    )


def at_sea_or_unknown(land: bool) -> Territory:
    if land:
        return Territory("unknown", basis=f"{FINE_SOURCE}; {LAND_SOURCE}", source=LAND_SOURCE,
                         note="land outside the country layer and the authored places: territory unknown")
    return Territory("sea", basis=LAND_SOURCE, source=LAND_SOURCE,
                     note="at sea, outside the country layer and the authored places: no state's territory")


def territory_for(geo: Geography, key: tuple[int, ...], day: dt.date, skip_local: bool = False) -> Territory:
    """The territory of a point from its layer key (Located.key) on ``day``."""
    fact, part, unit, local, near, land = key
    if fact >= 0:
        f = geo.facts[fact]
        return from_fact(f, day, f.name)
    if unit >= 0 or (local >= 0 and not skip_local):
        return territory_on(geo.holdings, geo.land, unit, local, part, day, skip_local, near)
    return at_sea_or_unknown(bool(land))
