"""Shipped geography: the 1:10m country layer (countries.py) with the reference's dated sovereignty placed on
it (holdings.py), the 1:110m polygons (geopandas<1.0 wheel: outlines and the coarse de facto areas), the land
mask, and the authored treaty regions, disputed features and EU tags of ``data/geography.toml``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from allied.model import ReferenceDataError
from allied.obligations.countries import Countries, countries, geoms_of, wkb_arrays
from allied.obligations.holdings import Holdings, build
from allied.obligations.landmask import land_mask

DATA = Path(__file__).parent / "data" / "geography.toml"
NE_FILE = "datasets/naturalearth_lowres/naturalearth_lowres.shp"
NE_SOURCE = "Natural Earth 1:110m admin-0 countries (naturalearth_lowres shipped in geopandas 0.14)"
LAND_SOURCE = "global-land-mask (GEBCO-derived 1 km land/sea mask)"
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Region:
    id: str
    description: str
    source: str
    geom: Any
    frame360: bool = False
    applies_from: dt.date | None = None
    edge: Any = None  # the boundary of ``geom``, made once (points on it count as inside)


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    sovereign: str
    administrator: str
    claimants: tuple[str, ...]
    note: str
    source: str

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Fact:
    """Dated sovereignty/administration around one authored place."""

    place: str
    name: str
    lat: float
    lon: float
    radius_km: float
    periods: tuple[Period, ...]
    contests: tuple[tuple[str, str, str, str], ...]
    source: str

    def period_on(self, day: dt.date) -> Period | None:
        return next((p for p in self.periods if p.covers(day)), None)


@dataclass(frozen=True)
class Geography:
    regions: dict[str, Region]
    facts: tuple[Fact, ...]
    asian_parties: frozenset[str]
    asian_parties_source: str
    tropic: float
    ne_codes: tuple[str, ...]
    ne_names: tuple[str, ...]
    ne_geoms: Any
    land: Countries
    holdings: Holdings
    named: dict[str, tuple[frozenset[str], str]]  # scope -> (territory names, the clause's words)
    statements: tuple[dict[str, Any], ...]  # dated statements treaties.md quotes (treaty, start, region, ...)

    def fact_index(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Index into ``facts`` of the nearest authored place within its radius, or -1 (smallest radius first)."""
        out = np.full(len(lons), -1, dtype=np.int64)
        order = sorted(range(len(self.facts)), key=lambda i: -self.facts[i].radius_km)
        for i in order:  # smaller radii are written last, so they win
            f = self.facts[i]
            out[haversine_km(lats, lons, f.lat, f.lon) <= f.radius_km] = i
        return out

    def region_masks(self, lons: np.ndarray, lats: np.ndarray, day: dt.date | None) -> dict[str, np.ndarray]:
        out = {}
        shifted = np.where(lons < 0, lons + 360.0, lons)
        for rid, region in self.regions.items():
            if region.applies_from and day and day < region.applies_from:
                out[rid] = np.zeros(len(lons), dtype=bool)
                continue
            xs = shifted if region.frame360 else lons
            out[rid] = shapely.contains_xy(region.geom, xs, lats) | shapely.intersects_xy(region.edge, xs, lats)
        return out


def haversine_km(lats: np.ndarray, lons: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    p1, p2 = np.radians(lats), np.radians(lat0)
    dphi, dlmb = p2 - p1, np.radians(lon0 - lons)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def is_land(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Land (True) or sea per the 1 km mask of global-land-mask (see landmask.py)."""
    lon = np.asarray(lons, dtype=float)
    return land_mask().is_land(np.asarray(lats, dtype=float), np.where(lon >= 180.0, lon - 360.0, lon))


def _fail(row: str, problem: str) -> ReferenceDataError:
    return ReferenceDataError(DATA.name, row, problem)


def _ring_geom(row: dict[str, Any], regions: dict[str, Region]) -> Any:
    if "derived_from" in row:
        base = regions[row["derived_from"]]
        return shapely.intersection(base.geom, shapely.box(-360, -90, float(row["max_lon"]), 90))
    polys = [shapely.Polygon(ring) for ring in row["rings"]]
    geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    if not geom.is_valid:
        raise _fail(f"region {row['id']}", f"polygon is not valid ({shapely.is_valid_reason(geom)})")
    return geom


def _regions(rows: list[dict[str, Any]]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for row in rows:
        if not row.get("source"):
            raise _fail(f"region {row.get('id')}", "missing source")
        base = regions.get(row.get("derived_from", ""))
        frame = base.frame360 if base else row.get("frame") == 360
        geom = _ring_geom(row, regions)
        regions[row["id"]] = Region(row["id"], row["description"], row["source"], geom, frame,
                                    row.get("applies_from"), shapely.boundary(geom))
    for region in regions.values():
        shapely.prepare(region.geom)
        shapely.prepare(region.edge)
    return regions


def _facts(rows: list[dict[str, Any]], places: dict[str, Any]) -> tuple[Fact, ...]:
    out = []
    for row in rows:
        place = places.get(row["place"])
        if place is None or place.lat is None:
            raise _fail(f"territory {row['place']}", "not a places.toml id with coordinates")
        periods = tuple(Period(p.get("start"), p.get("end"), p.get("sovereign", ""), p.get("administrator", ""),
                               tuple(p.get("claimants", [])), p.get("note", ""), p["source"])
                        for p in row.get("period", []))
        contests = tuple((c["treaty"], c["state"], c["reason"], c["source"]) for c in row.get("contested", []))
        out.append(Fact(row["place"], place.name, place.lat, place.lon, float(row["radius_km"]), periods, contests,
                        row["source"]))
    return tuple(out)


def _eu(rows: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    out = {}
    for r in rows:
        if r.get("eu") not in ("outermost", "oct", "unknown") or not r.get("source"):
            raise _fail(f"eu {r.get('iso3')}", "eu must be outermost, oct or unknown, with a source")
        out[r["iso3"]] = (r["eu"], r.get("note", ""))
    return out


def _natural_earth() -> tuple[tuple[str, ...], tuple[str, ...], Any]:
    """The 1:110m codes, names and polygons, from allied's data cache (one entry per geopandas version)."""
    from allied import datacache

    spec = importlib.util.find_spec("geopandas")
    if spec is None or not spec.submodule_search_locations:
        raise ReferenceDataError("naturalearth_lowres", "-", "geopandas<1.0 (which ships the file) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / NE_FILE

    def build() -> dict[str, np.ndarray]:
        import shapefile

        reader = shapefile.Reader(str(path))
        try:
            codes, names, geoms = [], [], []
            for rec, shp in zip(reader.records(), reader.shapes(), strict=True):
                codes.append(rec["iso_a3"])
                names.append(rec["name"])
                geoms.append(shapely.geometry.shape(shp.__geo_interface__))
        finally:
            reader.close()
        return {"codes": np.array(codes), "names": np.array(names), **wkb_arrays(geoms)}

    key = datacache.version_of(packages=("geopandas", "shapely", "numpy"), extra=f"{NE_FILE}-{path.stat().st_size}")
    data = datacache.arrays("naturalearth110m", key, build)
    return (tuple(np.asarray(data["codes"]).tolist()), tuple(np.asarray(data["names"]).tolist()),
            geoms_of(data))


@lru_cache(maxsize=1)
def geography() -> Geography:
    """The shipped and authored geography, loaded once."""
    from allied.reference import load

    with open(DATA, "rb") as fh:
        raw = tomllib.load(fh)
    ref = load()
    codes, names, geoms = _natural_earth()
    shapely.prepare(geoms)
    land = countries()
    coarse = dict(zip(names, geoms, strict=True))
    asian = raw["seacdt_asian_parties"]
    return Geography(
        regions=_regions(raw["region"]), facts=_facts(raw["territory"], ref.places),
        asian_parties=frozenset(asian["states"]), asian_parties_source=asian["source"],
        tropic=float(raw["tropic_of_cancer"]), ne_codes=codes, ne_names=names, ne_geoms=geoms, land=land,
        holdings=build(ref.territories, land, coarse, _eu(raw["eu"])),
        named={r["scope"]: (frozenset(r["territories"]), r["label"]) for r in raw["named_territory"]},
        statements=tuple(raw.get("statement", [])),
    )
