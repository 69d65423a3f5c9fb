"""The cached bit-packed land mask answers exactly as global-land-mask does, built fresh or memory-mapped."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from allied.obligations.landmask import LandMask, _build, _source


def test_built_and_mapped_masks_match_the_package(tmp_path: Path) -> None:
    from global_land_mask import globe

    target = tmp_path / "mask.npz"
    built = _build(_source(), target)
    assert target.exists()
    data = np.load(target, mmap_mode="r")
    mapped = LandMask(data["bits"], np.asarray(data["lat"]), np.asarray(data["lon"]))
    rng = np.random.default_rng(3)
    lats, lons = rng.uniform(-90, 90, 50_000), rng.uniform(-180, 180, 50_000)
    lats[:4], lons[:4] = [90.0, -90.0, 37.57, 0.0], [180.0, -180.0, 126.98, -150.0]
    expected = globe.is_land(lats.copy(), lons.copy())
    assert (built.is_land(lats, lons) == expected).all()
    assert (mapped.is_land(lats, lons) == expected).all()
    assert list(mapped.is_land(lats[2:4], lons[2:4])) == [True, False]  # Seoul; the open Pacific
