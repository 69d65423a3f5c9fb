"""Whose territory a point of the 1:10m country layer is on a date, from the reference's dated sovereignty
facts (allied.reference: sovereignty.toml) placed on the map by data/extents.toml.

Each territory of the reference covers, in order of precedence: the land within its authored radius (or a
coarse polygon), the polygon part its point lies in when that part is not its unit's mainland, or its whole
unit. On a date, the first of these tiers that holds a territory decides; a tier whose facts do not cover the
date (or disagree, with no boundary between them) makes the answer unknown. A unit without any fact in the
reference keeps Natural Earth's present-day holder, and the answer says so (``dated`` False).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from allied.model import ReferenceDataError, Territory, TerritoryContest
from allied.model.sovereignty import TerritoryPeriod
from allied.obligations.countries import SOURCE as FINE_SOURCE
from allied.obligations.countries import Countries

EXTENTS = Path(__file__).parent / "data" / "extents.toml"
REFERENCE = "shared/reference/sovereignty.csv via allied.reference (sovereignty.toml)"
NEAR_SITE_KM = 50.0  # where whole-unit facts disagree, a point this close to one fact's point takes that fact
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Group:
    """One territory of the reference (its rows share the name) and where it lies on the map."""

    name: str
    rows: tuple[TerritoryPeriod, ...]
    unit: int
    tier: str  # 'local' | 'part' | 'whole'
    part: int = -1
    radius_km: float = 0.0
    max_lat: float | None = None
    geom: Any = None
    extent_note: str = ""
    units: tuple[int, ...] = ()  # for a point at sea: -1 and the units of the states that held it


@dataclass(frozen=True)
class Holdings:
    groups: tuple[Group, ...]
    local: tuple[int, ...]  # ids of local groups, smallest radius first (coarse polygons last)
    by_part: dict[int, int]
    whole: dict[int, tuple[int, ...]]
    contests: dict[str, tuple[TerritoryContest, ...]]
    eu: dict[str, tuple[str, str]]  # iso3 -> (eu tag, note)


def km(lats: np.ndarray, lons: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    p1, p2 = np.radians(lats), np.radians(lat0)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon0 - lons) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _extents() -> tuple[dict[str, dict[str, Any]], dict[str, tuple[TerritoryContest, ...]]]:
    with open(EXTENTS, "rb") as fh:
        raw = tomllib.load(fh)
    extents = {}
    for row in raw.get("extent", []):
        if not row.get("source") or not ("radius_km" in row or "coarse" in row):
            raise ReferenceDataError(EXTENTS.name, f"extent {row.get('territory')}", "needs radius_km or coarse, "
                                                                                     "and a source")
        extents[row["territory"]] = row
    contests: dict[str, list[TerritoryContest]] = {}
    for c in raw.get("contest", []):
        contests.setdefault(c["territory"], []).append(TerritoryContest(c["treaty"], c["state"], c["reason"],
                                                                        c["source"]))
    return extents, {k: tuple(v) for k, v in contests.items()}


def build(territories: tuple[TerritoryPeriod, ...], land: Countries, coarse: dict[str, Any],
          eu: dict[str, tuple[str, str]]) -> Holdings:
    extents, contests = _extents()
    names: dict[str, list[TerritoryPeriod]] = {}
    for row in territories:
        names.setdefault(row.territory, []).append(row)
    unknown = set(extents) - set(names) | set(contests) - set(names)
    if unknown:
        raise ReferenceDataError(EXTENTS.name, ", ".join(sorted(unknown)), "not a territory of sovereignty.toml")
    groups: list[Group] = []
    for name, rows in names.items():
        site = next((r for r in rows if r.lat is not None), None)
        if site is None:
            continue  # no point to place it by (Kherson's left bank): left out, see sovereignty-gaps
        part_at, unit = _place(land, site)
        part = np.array([part_at])
        ext = extents.get(name)
        if ext is None and unit >= 0 and land.units[unit].code != site.iso3_now and (
                land.units[unit].kind == "Sovereign country") and part_at == land.main_part(unit):
            ext = {"radius_km": 10.0, "note": f"the area around the point, inside {land.units[unit].name}"}
        if ext and "coarse" in ext:
            if ext["coarse"] not in coarse:
                raise ReferenceDataError(EXTENTS.name, name, f"coarse polygon {ext['coarse']!r} not found")
            groups.append(Group(name, tuple(rows), unit, "local", geom=coarse[ext["coarse"]], radius_km=1e9,
                                extent_note=ext["note"]))
        elif ext:
            held = {c for r in rows for c in (r.sovereign, *r.administrators) if c}
            units = (*(i for i, u in enumerate(land.units) if u.code in held), unit) if unit < 0 else (unit,)
            units = (*units, -1) if ext.get("sea") or unit < 0 else units
            groups.append(Group(name, tuple(rows), unit, "local", radius_km=float(ext["radius_km"]),
                                max_lat=ext.get("max_lat"), extent_note=ext["note"], units=units))
        elif unit >= 0 and int(part[0]) != land.main_part(unit):
            groups.append(Group(name, tuple(rows), unit, "part", part=int(part[0])))
        elif unit >= 0:
            groups.append(Group(name, tuple(rows), unit, "whole"))
    groups = _merge_same_extent(groups)
    local = tuple(sorted((i for i, g in enumerate(groups) if g.tier == "local"), key=lambda i: groups[i].radius_km))
    whole: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        if g.tier == "whole":
            whole.setdefault(g.unit, []).append(i)
    return Holdings(tuple(groups), local, {g.part: i for i, g in enumerate(groups) if g.tier == "part"},
                    {k: tuple(v) for k, v in whole.items()}, contests, eu)


def _place(land: Countries, site: TerritoryPeriod) -> tuple[int, int]:
    """(part, unit) for a territory's point: a part of the unit that bears the territory's own code if one lies
    within 0.25 degrees (Melilla is Spain's, not Morocco's; the Vatican is not Italy), else the part holding it."""
    own = np.flatnonzero([u.code == site.iso3_now for u in land.units])
    point = shapely.points(site.lon, site.lat)
    if len(own):
        parts = np.flatnonzero(np.isin(land.part_unit, own))
        dist = shapely.distance(land.parts[parts], point)
        if len(parts) and dist.min() <= 0.25:
            best = int(parts[int(np.argmin(dist))])
            return best, int(land.part_unit[best])
    part, _ = land.locate(np.array([site.lon]), np.array([site.lat]))
    return int(part[0]), int(land.part_unit[part[0]]) if part[0] >= 0 else -1


def _merge_same_extent(groups: list[Group]) -> list[Group]:
    """Local territories with the same point and extent (Okinawa's two rows, West and East Berlin) become one,
    so that all their facts are weighed together on a date."""
    out: list[Group] = []
    seen: dict[tuple[Any, ...], int] = {}
    for g in groups:
        site = next(r for r in g.rows if r.lat is not None)
        key = (g.tier, g.unit, site.lat, site.lon, g.radius_km, g.max_lat, id(g.geom) if g.geom is not None else 0)
        if g.tier == "local" and key in seen:
            first = out[seen[key]]
            out[seen[key]] = Group(first.name, first.rows + g.rows, first.unit, first.tier, first.part,
                                   first.radius_km, first.max_lat, first.geom, first.extent_note, first.units)
            continue
        seen[key] = len(out)
        out.append(g)
    return out


def local_index(h: Holdings, unit: np.ndarray, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Per point, the local group (radius or coarse polygon) it falls in, or -1; the smallest radius wins."""
    out = np.full(len(lons), -1, dtype=np.int64)
    # a few points (a single query): skip the groups of units none of them is in without numpy's isin
    present = set(unit.tolist()) if len(unit) <= 64 else None
    for gid in reversed(h.local):  # larger first, so smaller radii overwrite
        g = h.groups[gid]
        if present is not None and present.isdisjoint(g.units or (g.unit,)):
            continue
        same = np.isin(unit, g.units) if g.units else unit == g.unit
        if not same.any():
            continue
        if g.geom is not None:
            hit = same & shapely.contains_xy(g.geom, lons, lats)
        else:
            site = next(r for r in g.rows if r.lat is not None)
            hit = same & (km(lats, lons, site.lat, site.lon) <= g.radius_km)  # type: ignore[arg-type,operator]
            if g.max_lat is not None:
                hit &= lats <= g.max_lat
        out[hit] = gid
    return out


def _covering(g: Group, day: dt.date) -> tuple[list[TerritoryPeriod], list[TerritoryPeriod]]:
    sure = [r for r in g.rows if r.span.covers(day) == "yes"]
    maybe = [r for r in g.rows if r.span.covers(day) == "maybe"]
    return sure, maybe


def _span(r: TerritoryPeriod) -> str:
    return f"{r.span.start or '…'} to {r.span.end or 'today'}"


def near_index(h: Holdings, unit: np.ndarray, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Per point, the whole-unit territory whose point lies within NEAR_SITE_KM (only in units where several
    whole-unit territories could disagree), or -1."""
    out = np.full(len(lons), -1, dtype=np.int64)
    best = np.full(len(lons), NEAR_SITE_KM)
    for u, gids in h.whole.items():
        if len(gids) < 2:
            continue
        same = unit == u
        if not same.any():
            continue
        for gid in gids:
            site = next(r for r in h.groups[gid].rows if r.lat is not None)
            d = np.where(same, km(lats, lons, site.lat, site.lon), np.inf)  # type: ignore[arg-type]
            closer = d < best
            out[closer], best[closer] = gid, d[closer]
    return out


def territory_on(h: Holdings, land: Countries, unit: int, local: int, part: int, day: dt.date,
                 skip_local: bool = False, near: int = -1) -> Territory:
    """The territory at a located point on ``day`` (``local``/``part``: indices from local_index and the
    country layer; ``skip_local`` when other evidence overrules the local extent)."""
    tiers: list[tuple[int, ...]] = []
    if local >= 0 and not skip_local:
        tiers.append((local,))
    if part in h.by_part:
        tiers.append((h.by_part[part],))
    if unit in h.whole:
        tiers.append(h.whole[unit])
    for gids in tiers:
        found = _decide(h, [h.groups[g] for g in gids], day, near)
        if found is not None:
            return found
    if unit < 0:
        return Territory("sea", basis=REFERENCE, note=f"at sea: no fact of the reference covers this point on {day}")
    return _today(h, land, unit)


def _decide(h: Holdings, groups: list[Group], day: dt.date, near: int = -1) -> Territory | None:
    """A tier's answer on ``day``; None if none of its facts starts before ``day`` and the tier is only a
    local exception (so the wider tiers decide)."""
    rows: list[tuple[Group, TerritoryPeriod]] = []
    unsure: list[tuple[Group, TerritoryPeriod]] = []
    for g in groups:
        sure, maybe = _covering(g, day)
        rows += [(g, r) for r in sure]
        unsure += [(g, r) for r in maybe]
    candidates = rows + unsure
    if not candidates:
        if all(g.tier == "local" for g in groups):
            return None  # a local exception with no fact on this day: the wider territory decides
        names = "; ".join(f"{g.name} ({', '.join(_span(r) for r in g.rows)})" for g in groups)
        return Territory("unknown", name=groups[0].name, basis=f"{REFERENCE}", source=groups[0].rows[0].source,
                         note=f"the reference has no fact for {day}: {names}", dated=True)
    if len({r.facts()[:2] for _, r in candidates}) > 1 and near >= 0:
        close = [(g, r) for g, r in candidates if g is h.groups[near]]
        if close and len({r.facts()[:2] for _, r in close}) == 1:
            candidates = rows = close  # the point is by this fact's own point (e.g. Bonn for West Germany)
    if len({r.facts()[:2] for _, r in candidates}) == 1:
        g, r = (rows or unsure)[0] if rows else candidates[0]
        return _from_row(h, g, r)
    listed = "; ".join(f"{r.territory}: sovereign {r.sovereign or 'none'}, administered by "
                       f"{'|'.join(r.administrators) or 'no state'} ({_span(r)})" for g, r in candidates)
    return Territory("unknown", name=" / ".join(sorted({r.territory for _, r in candidates})), basis=REFERENCE,
                     source=" ; ".join(sorted({r.source for _, r in candidates})),
                     note=f"the reference gives several facts here for {day} and no boundary or day between them: "
                          f"{listed}", dated=True)


def _from_row(h: Holdings, g: Group, r: TerritoryPeriod) -> Territory:
    admins = r.administrators
    if r.status == "contested":
        status = "disputed"
    elif r.sovereign:
        status = "state"
    else:
        status = "disputed" if admins else "unknown"
    eu, eu_note = h.eu.get(r.iso3_now, ("", ""))
    if not eu and r.status == "dependency":
        eu = "unknown"
    note = (f"{r.status}: sovereign {r.sovereign or 'none named'}, administered by {'|'.join(admins) or 'no state'}"
            f" ({_span(r)}). {r.notes}")
    if eu_note:
        note += f" {eu_note}"
    return Territory(
        status, sovereign=r.sovereign, administrator=admins[0] if len(admins) == 1 else "", entity=r.iso3_now,
        name=r.territory, metropolitan=r.status in ("sovereign", "state_part") and g.tier == "whole", eu=eu,
        claimants=r.claimants, contests=h.contests.get(g.name, ()),
        basis=f"{REFERENCE}: {r.territory} ({_span(r)})" + (f"; extent: {g.extent_note}" if g.extent_note else ""),
        source=r.source, note=note, standing=r.status, administrators=admins, dated=True)


def _today(h: Holdings, land: Countries, unit: int) -> Territory:
    u = land.units[unit]
    if u.kind in ("Disputed", "Indeterminate") and u.state == u.code and u.code not in ("XKX",):
        return Territory("unknown", entity=u.code, name=u.name, basis=FINE_SOURCE, source=FINE_SOURCE,
                         note=f"{u.name}: Natural Earth marks it {u.kind.lower()} and the reference has no fact for it")
    standing = "sovereign" if u.code == u.state else "dependency"
    eu, eu_note = h.eu.get(u.code, ("unknown", "") if standing == "dependency" else ("", ""))
    return Territory("state", sovereign=u.state, administrator=u.state, entity=u.code, name=u.name,
                     metropolitan=standing == "sovereign", eu=eu, basis=f"{FINE_SOURCE}: {u.name}",
                     source=FINE_SOURCE, standing=standing, administrators=(u.state,),
                     note=f"the reference has no dated fact for {u.name}: Natural Earth's present-day holder "
                          f"({u.state}) is used. {eu_note}".strip())
