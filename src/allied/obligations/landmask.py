"""Land or sea at a point, from the 1 km mask shipped in global-land-mask (GEBCO-derived).

The package unpacks its whole mask (~1 GB of booleans) on import, which takes seconds. Here the same mask is
unpacked once, stored as bits (1/8 the size) in allied's cache folder and memory-mapped by later processes;
look-ups use the package's own grid axes, so answers are identical to ``global_land_mask.globe.is_land``.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

MASK_FILE = "globe_combined_mask_compressed.npz"


def _source() -> Path:
    spec = importlib.util.find_spec("global_land_mask")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("global-land-mask is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / MASK_FILE


def cache_dir() -> Path:
    """This installation's cache folder (``allied.datacache.root``)."""
    from allied import datacache

    return datacache.root()


class LandMask:
    """The ocean mask as packed bits plus its latitude/longitude axes."""

    def __init__(self, bits: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> None:
        self.bits, self.lat, self.lon = np.asarray(bits), lat, lon  # a plain view of the map: no memmap per index
        # the axes' bounds and steps once, not per look-up (each min/max reads the whole axis)
        self._lat = (float(lat.min()), float(lat.max()), float(lat[0]), float(lat[1] - lat[0]))
        self._lon = (float(lon.min()), float(lon.max()), float(lon[0]), float(lon[1] - lon[0]))

    def is_land(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        (lat_lo, lat_hi, lat0, dlat), (lon_lo, lon_hi, lon0, dlon) = self._lat, self._lon
        lat = np.clip(np.asarray(lats, dtype=float), lat_lo, lat_hi)
        lon = np.clip(np.asarray(lons, dtype=float), lon_lo, lon_hi)
        i = ((lat - lat0) / dlat).astype(int)
        j = ((lon - lon0) / dlon).astype(int)
        ocean = (self.bits[i, j >> 3] >> (7 - (j & 7))) & 1
        return ocean == 0


def _packed(source: Path) -> dict[str, np.ndarray]:
    with np.load(source) as data:
        return {"bits": np.packbits(data["mask"], axis=1), "lat": data["lat"], "lon": data["lon"]}


def _build(source: Path, target: Path) -> LandMask:
    packed = _packed(source)
    bits, lat, lon = packed["bits"], packed["lat"], packed["lon"]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".npz", delete=False) as fh:
            np.savez(fh, bits=bits, lat=lat, lon=lon)
        os.replace(fh.name, target)
    except OSError:  # a read-only cache folder: keep the mask in memory only
        pass
    return LandMask(bits, lat, lon)


@lru_cache(maxsize=1)
def land_mask() -> LandMask:
    """The mask as ``.npy`` files memory-mapped from allied's cache, one entry per version of the package's
    file (see ``allied.datacache``): a query reads the pages it looks at, not the whole 140 MB."""
    from allied import datacache

    source = _source()
    stat = source.stat()
    key = datacache.version_of(packages=("global-land-mask", "numpy"), extra=f"{stat.st_size}-{int(stat.st_mtime)}")
    data = datacache.arrays("landmask", key, lambda: _packed(source))
    for old in cache_dir().glob("landmask-*.npz"):  # the single-file cache of earlier versions
        old.unlink(missing_ok=True)
    return LandMask(data["bits"], np.asarray(data["lat"]), np.asarray(data["lon"]))
