"""treaties.toml and geography.toml against their sources."""

from __future__ import annotations

import datetime as dt

import shapely

import allied
from allied.obligations.geodata import geography

ALL_IDS = ["ANZUS", "CSTO_CST", "EU_TEU_42_7", "NATO", "PRC_DPRK_1961", "RIO_TIAR", "RUS_DPRK_2024", "SEACDT",
           "US_JPN_TMCS", "US_PHL_MDT", "US_ROC_MDT", "US_ROK_MDT"]


def test_twelve_treaties() -> None:
    assert sorted(allied.reference().treaties) == ALL_IDS


def test_every_quote_is_verbatim_in_treaties_md(shared) -> None:  # type: ignore[no-untyped-def]
    text = (shared / "reference" / "treaties.md").read_text(encoding="utf-8")
    for t in allied.reference().treaties.values():
        for c in t.clauses:
            for part in c.quote.split(" … "):
                assert part in text, (t.id, c.article, part)


def test_memberships_in_time() -> None:
    def of(state: str, day: str) -> list[str]:
        return sorted(t.id for t in allied.reference().treaties.values()
                      if state in t.parties_on(dt.date.fromisoformat(day)))
    assert of("FIN", "2023-04-03") == ["EU_TEU_42_7"]
    assert of("FIN", "2023-04-04") == ["EU_TEU_42_7", "NATO"]
    assert of("SWE", "2024-03-06") == ["EU_TEU_42_7"]
    assert of("SWE", "2024-03-07") == ["EU_TEU_42_7", "NATO"]
    assert of("KOR", "2025-11-04") == ["US_ROK_MDT"]
    assert of("DNK", "2022-06-30") == ["NATO"] and of("DNK", "2022-07-01") == ["EU_TEU_42_7", "NATO"]
    assert of("GBR", "2020-01-31") == ["EU_TEU_42_7", "NATO", "SEACDT"]
    assert of("GBR", "2020-02-01") == ["NATO", "SEACDT"]
    assert of("PAK", "1973-11-06") == ["SEACDT"] and of("PAK", "1973-11-07") == []
    assert of("MEX", "2004-08-31") == ["RIO_TIAR"] and of("MEX", "2005-01-01") == []
    assert of("TWN", "1979-12-31") == ["US_ROC_MDT"] and of("TWN", "1980-01-01") == []
    assert of("ARM", "2024-01-31") == ["CSTO_CST"] and of("ARM", "2024-02-01") == []
    csto = allied.treaty("CSTO_CST")
    assert csto.parties_on(dt.date(2024, 2, 1), "contested") == ["ARM"]
    assert allied.treaty("RIO_TIAR").parties_on(dt.date(2025, 1, 1), "contested") == ["CUB", "VEN"]


def test_cli_treaty_list_for_finland_sweden_korea(runner) -> None:  # type: ignore[no-untyped-def]
    from allied.cli import app

    res = runner.invoke(app, ["treaty", "list", "--state", "FIN", "--date", "2025-11-04", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "NATO" in res.stdout and "EU_TEU_42_7" in res.stdout
    res = runner.invoke(app, ["treaty", "list", "--state", "KOR", "--date", "2025-11-04", "--format", "json"])
    assert "US_ROK_MDT" in res.stdout and "NATO" not in res.stdout


def test_regions_are_valid_and_the_rio_line_passes_hawaii_near_131w() -> None:
    geo = geography()
    assert all(shapely.is_valid(r.geom) for r in geo.regions.values())
    rio = geo.regions["rio_art4"].geom
    xs = [360 - w for w in (125.0, 129.0, 131.0, 133.0)]
    inside = [bool(shapely.contains_xy(rio, x, 20.0)) for x in xs]
    # treaties.md: the boundary meets Hawaii's latitude 'at about 131W'; straight lines in lon/lat give 130W
    assert inside == [True, True, False, False]
    assert not shapely.contains_xy(rio, 360 - 157.86, 21.31)  # Honolulu is outside the Art. 4 region


def test_europe_and_north_america_in_natos_sense() -> None:
    import numpy as np

    geo = geography()
    points = {"Gibraltar": (-5.35, 36.14), "Ceuta": (-5.32, 35.89), "Reykjavik": (-21.9, 64.1),
              "Honolulu": (-157.86, 21.31), "Anchorage": (-149.9, 61.2), "Nuuk": (-51.7, 64.18),
              "Lampedusa": (12.6, 35.5), "Melilla": (-2.94, 35.29)}
    lons = np.array([p[0] for p in points.values()])
    lats = np.array([p[1] for p in points.values()])
    masks = geo.region_masks(lons, lats, dt.date(2025, 1, 1))
    where = {n: sorted(r for r in ("europe", "north_america") if masks[r][i]) for i, n in enumerate(points)}
    assert where == {"Gibraltar": ["europe"], "Ceuta": [], "Reykjavik": ["europe"], "Honolulu": [],
                     "Anchorage": ["north_america"], "Nuuk": ["north_america"], "Lampedusa": ["europe"],
                     "Melilla": []}


def test_every_scope_in_treaties_toml_has_an_evaluator() -> None:
    from allied.obligations.scopes import SCOPES

    ref = allied.reference()
    assert set(ref.scopes) == set(SCOPES)
    used = {s for t in ref.treaties.values() for c in t.clauses for s in c.scope}
    assert used == set(SCOPES)
