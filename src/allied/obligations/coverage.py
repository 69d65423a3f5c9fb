"""The coverage grid: for every cell centre of a global grid, which states would be bound to respond to an
attack there (on the territory of the state that administers it). Vectorised: the geography of all cells is
computed at once with numpy/shapely, cells with the same geography are grouped, and each group is evaluated
once. Cells at sea, of unknown territory or of the attacker itself have no target and so no entries."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from allied.model import Attack, InputError, Obligation, Where
from allied.obligations.countries import SOURCE as FINE_SOURCE
from allied.obligations.engine import BOUND, evaluate_at, target_of
from allied.obligations.geodata import LAND_SOURCE, Geography, geography
from allied.obligations.territory import locate_points, territory_for
from allied.reference import Reference, load, parse_date, state_code

SOURCE = (f"allied obligations coverage: {FINE_SOURCE}; dated sovereignty: shared/reference/sovereignty.csv; "
          f"{LAND_SOURCE}; treaty data shared/reference/treaties.md via allied.reference")


@dataclass
class Coverage:
    """A grid of cell centres, the group of each cell, and per group the target and bound obligations."""

    attacker: str | None
    date: dt.date
    resolution: float
    lons: np.ndarray
    lats: np.ndarray
    group: np.ndarray  # per cell, index into targets/bound
    targets: list[str]
    bound: list[tuple[Obligation, ...]]
    consult: list[tuple[Obligation, ...]]  # per group: consultation only (e.g. NATO Art. 4 for the Falklands)
    islands: np.ndarray  # per cell: the centre is at sea, but an island of the country layer lies in the cell

    @property
    def counts(self) -> np.ndarray:
        """Number of distinct states bound (at any level above consultation) per cell."""
        per_group = np.array([len({o.state for o in b}) for b in self.bound], dtype=np.int64)
        return per_group[self.group]

    def states_at(self, lat: float, lon: float) -> list[str]:
        i = _cell_index(self, lat, lon)
        return sorted({o.state for o in self.bound[self.group[i]]})

    @property
    def consult_only(self) -> np.ndarray:
        """Cells where states must consult but none is bound above consultation."""
        per_group = np.array([bool(c) and not b for b, c in zip(self.bound, self.consult, strict=True)])
        return per_group[self.group]

    def features(self) -> list[dict[str, Any]]:
        return [_feature(self, g) for g in range(len(self.targets)) if self.bound[g] or self.consult[g]]

    def geojson(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": self.features(),
                "properties": {"attacker": self.attacker, "date": self.date.isoformat(),
                               "resolution": self.resolution, "source": SOURCE}}

    def write_geojson(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.geojson()), encoding="utf-8")
        return path


def _cell_index(cov: Coverage, lat: float, lon: float) -> int:
    ncols = int(round(360 / cov.resolution))
    row = min(int((lat + 90) // cov.resolution), int(round(180 / cov.resolution)) - 1)
    col = min(int((lon + 180) // cov.resolution), ncols - 1)
    return row * ncols + col


def grid(resolution: float) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(resolution, (int, float)) or not 0.1 <= resolution <= 10 or (180 / resolution) % 1:
        raise InputError("resolution", resolution, "degrees from 0.1 to 10 that divide 180 (e.g. 0.5, 1, 2)")
    half = resolution / 2
    lats = np.arange(-90 + half, 90, resolution)
    lons = np.arange(-180 + half, 180, resolution)
    lon_grid, lat_grid = np.meshgrid(lons, lats)
    return lon_grid.ravel(), lat_grid.ravel()


def coverage(attacker: str | None, date: str | dt.date, resolution: float = 1.0,
             ref: Reference | None = None) -> Coverage:
    """Who would be bound to respond to an attack by ``attacker`` in each cell of the global grid."""
    ref = ref or load()
    code = state_code(attacker, ref, "attacker") if attacker else None
    day = parse_date(date)
    geo = geography()
    lons, lats = grid(resolution)
    keys, islands = _group_keys(geo, lons, lats, day, float(resolution))
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    targets, bound, consult = [], [], []
    for row in uniq:
        target, obligations = _evaluate_group(code, day, _where(geo, row, day), ref)
        targets.append(target)
        bound.append(tuple(o for o in obligations if o.strength in BOUND))
        consult.append(tuple(o for o in obligations if o.strength not in BOUND))
    return Coverage(code, day, float(resolution), lons, lats, inverse.ravel(), targets, bound, consult, islands)


def _keys(geo: Geography, lons: np.ndarray, lats: np.ndarray, day: dt.date) -> np.ndarray:
    at = locate_points(geo, lons, lats)
    masks = geo.region_masks(lons, lats, day)
    bits = np.zeros(len(lons), dtype=np.int64)
    for i, name in enumerate(sorted(masks)):
        bits |= masks[name].astype(np.int64) << i
    has_territory = (at.fact >= 0) | (at.unit >= 0) | (at.local >= 0)
    bits = np.where(has_territory, bits, 0)  # sea and unknown land: no target, so regions do not matter
    keys = np.stack([at.fact, at.part, at.unit, at.local, at.near, at.land.astype(np.int64), bits], axis=1)
    # parts matter only where a part-level territory lies: elsewhere one key per unit keeps groups few
    parts_with_facts = np.array(sorted(geo.holdings.by_part), dtype=np.int64)
    keys[~np.isin(keys[:, 1], parts_with_facts), 1] = -1
    return keys


def _group_keys(geo: Geography, lons: np.ndarray, lats: np.ndarray, day: dt.date,
                resolution: float) -> tuple[np.ndarray, np.ndarray]:
    """The layer key of every cell centre; a cell whose centre is at sea but holds an island of the country
    layer takes the island's key (its point on the island), so small islands and atolls show on the map."""
    keys = _keys(geo, lons, lats, day)
    empty = (keys[:, 0] < 0) & (keys[:, 2] < 0) & (keys[:, 3] < 0)
    spots = shapely.point_on_surface(geo.land.parts)
    sx, sy = shapely.get_x(spots), shapely.get_y(spots)
    cells = _cells(resolution, sy, sx)
    order = np.argsort(-geo.land.part_area)  # the largest island of a cell wins
    cells, sx, sy = cells[order], sx[order], sy[order]
    take = empty[cells]
    _, first = np.unique(cells[take], return_index=True)
    chosen = np.flatnonzero(take)[first]
    islands = np.zeros(len(lons), dtype=bool)
    if len(chosen):
        keys[cells[chosen]] = _keys(geo, sx[chosen], sy[chosen], day)
        islands[cells[chosen]] = True
    return keys, islands


def _cells(resolution: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    ncols, nrows = int(round(360 / resolution)), int(round(180 / resolution))
    row = np.clip(((lats + 90) // resolution).astype(int), 0, nrows - 1)
    col = np.clip(((lons + 180) // resolution).astype(int), 0, ncols - 1)
    return row * ncols + col


def _where(geo: Geography, row: np.ndarray, day: dt.date) -> Where:
    *key, bits = (int(v) for v in row)
    names = sorted(geo.regions)
    regions = frozenset(n for i, n in enumerate(names) if bits >> i & 1)
    return Where(territory_for(geo, tuple(key), day), not key[5], regions)


def _evaluate_group(attacker: str | None, day: dt.date, where: Where,
                    ref: Reference) -> tuple[str, tuple[Obligation, ...]]:
    target, _ = target_of(Attack(attacker=attacker, target=None, date=day, kind="territory"), where)
    if not target:
        return "", ()
    attack = Attack(attacker=attacker, target=target, date=day, kind="territory")
    return target, evaluate_at(attack, where, ref).obligations


def _feature(cov: Coverage, g: int) -> dict[str, Any]:
    states = sorted({o.state for o in cov.bound[g]})
    treaties = sorted({o.treaty for o in cov.bound[g]})
    return {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": _runs(cov, g)},
            "properties": {"target": cov.targets[g], "bound": states, "count": len(states), "treaties": treaties,
                           "consult": sorted({o.state for o in cov.consult[g]}),
                           "obligations": [{"state": o.state, "treaty": o.treaty, "article": o.article,
                                            "strength": o.strength} for o in cov.bound[g] + cov.consult[g]]}}


def _runs(cov: Coverage, g: int) -> list[list[list[list[float]]]]:
    """The group's cells merged into one rectangle per run of adjacent cells in a grid row."""
    r, ncols = cov.resolution, int(round(360 / cov.resolution))
    cells = np.flatnonzero(cov.group == g)
    rows, cols = np.divmod(cells, ncols)
    breaks = np.flatnonzero((np.diff(cols) != 1) | (np.diff(rows) != 0)) + 1
    polys = []
    for run in np.split(np.arange(len(cells)), breaks):
        row, c0, c1 = rows[run[0]], cols[run[0]], cols[run[-1]] + 1
        x0, x1, y0, y1 = -180 + c0 * r, -180 + c1 * r, -90 + row * r, -90 + (row + 1) * r
        polys.append([[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]])
    return polys
