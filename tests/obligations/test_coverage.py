"""The coverage grid: vectorised, yet the same answer as the single-attack function cell by cell."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import allied
from allied import InputError


@pytest.fixture(scope="module")
def cov() -> allied.coverage:  # type: ignore[valid-type]
    return allied.coverage("CHN", "2025-11-04", resolution=1.0)


def _single(lat: float, lon: float) -> list[str]:
    result = allied.obligations({"attacker": "CHN", "lat": lat, "lon": lon, "date": "2025-11-04"})
    return sorted({o["state"] for o in result["obligations"] if o["strength"] != "consult"})


def test_grid_shape(cov) -> None:  # type: ignore[no-untyped-def]
    assert len(cov.lats) == 64_800 and len(cov.group) == 64_800
    assert cov.lats[0] == -89.5 and cov.lons[0] == -179.5 and cov.lats[-1] == 89.5 and cov.lons[-1] == 179.5


def test_grid_agrees_with_single_queries_on_sampled_cells(cov) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    centres = ~cov.islands  # island cells are coloured by the island's point, not the centre: checked below
    land = np.flatnonzero((cov.counts > 0) & centres)
    anywhere = np.flatnonzero(centres)
    cells = np.concatenate([rng.choice(land, 60, replace=False), rng.choice(anywhere, 60, replace=False)])
    for i in cells:
        lat, lon = float(cov.lats[i]), float(cov.lons[i])
        assert cov.states_at(lat, lon) == _single(lat, lon), (lat, lon)


def test_known_cells(cov) -> None:  # type: ignore[no-untyped-def]
    assert cov.states_at(37.5, 127.5) == ["USA"]  # South Korea
    assert cov.states_at(36.5, 138.5) == ["USA"]  # Japan
    assert cov.states_at(39.5, 116.5) == []  # China: the attacker's own territory
    assert cov.states_at(-40.5, -120.5) == []  # open Pacific
    assert cov.states_at(39.5, 125.5) == ["RUS"]  # North Korea: CHN is the attacker, so only RUS
    assert "USA" in cov.states_at(64.5, -50.5) and "DNK" not in cov.states_at(64.5, -50.5)  # Greenland
    assert "DNK" in cov.states_at(78.5, 16.5) and "NOR" not in cov.states_at(78.5, 16.5)  # Svalbard
    assert cov.states_at(-51.5, -59.5) == []  # the Falklands: NATO Art. 4 consultation only
    falklands = int(np.flatnonzero((np.abs(cov.lats + 51.5) < 0.1) & (np.abs(cov.lons + 59.5) < 0.1))[0])
    assert cov.consult_only[falklands]


def test_pacific_dependencies_show_through_their_islands(cov) -> None:  # type: ignore[no-untyped-def]
    for lat, lon, holder in ((13.5, 144.5, "USA"), (-14.5, -170.5, "USA"), (-21.5, 165.5, "FRA")):  # Guam, Pago Pago
        i = int(np.flatnonzero((np.abs(cov.lats - lat) < 0.1) & (np.abs(cov.lons - lon) < 0.1))[0])
        assert cov.targets[cov.group[i]] == holder
    assert "AUS" in cov.states_at(13.5, 144.5)  # Guam: ANZUS Art. V, island territory in the Pacific
    assert "AUS" in cov.states_at(-21.5, 165.5)  # New Caledonia: Manila Pact treaty area (France a party)


def test_a_historic_date_redraws_the_cover() -> None:
    then = allied.coverage("SUN", "1970-07-01", resolution=2.0)
    assert then.states_at(41.0, 29.0) and "USA" in then.states_at(41.0, 29.0)  # Turkey, NATO since 1952
    assert then.states_at(59.0, 25.0) == []  # Estonia: administered by the USSR, the attacker
    assert "GBR" in then.states_at(24.0, 90.0)  # East Pakistan: Pakistan's, a Manila Pact Asian party
    assert then.states_at(40.0, -4.0) == []  # Spain: not yet in NATO


def test_geojson_and_png(cov, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cov.write_geojson(tmp_path / "c.geojson").read_text())
    assert doc["type"] == "FeatureCollection"
    assert doc["properties"]["attacker"] == "CHN" and doc["properties"]["resolution"] == 1.0
    assert "Natural Earth" in doc["properties"]["source"]
    korea = [f for f in doc["features"] if f["properties"]["target"] == "KOR"]
    assert korea and all(f["properties"]["bound"] == ["USA"] for f in korea)
    cells = sum(len(f["geometry"]["coordinates"]) for f in doc["features"])
    assert 0 < cells <= int((cov.counts > 0).sum())
    png = cov.write_png(tmp_path / "c.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


@pytest.mark.parametrize("resolution", [0, 7, 0.7, 20])
def test_bad_resolution(resolution: float) -> None:
    with pytest.raises(InputError, match="resolution"):
        allied.coverage("CHN", "2025-11-04", resolution=resolution)


def test_bad_attacker_and_date() -> None:
    with pytest.raises(InputError, match="attacker: 'CHX'"):
        allied.coverage("CHX", "2025-11-04")
    with pytest.raises(InputError, match="date: '1800-01-01'"):
        allied.coverage("CHN", "1800-01-01")
