"""Burden sharing on the bundled snapshot (no shared files needed): the PRODUCT.md contract."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import allied
from allied.figures import snapshot

CONTRACT = ["iso3", "name", "milex_usd", "gdp_usd", "milex_pct_gdp", "milex_share", "gdp_share",
            "fair_share_ratio", "milex_per_capita_usd", "gap_pct_to_2", "gap_usd_to_2", "gap_pct_to_3_5",
            "gap_usd_to_3_5"]


def _snap(dataset: str, indicator: str, iso3: str, year: int) -> float:
    """A value read straight from the bundled Parquet file, independently of the engine."""
    table = pq.read_table(snapshot.PARQUET, filters=[("dataset", "=", dataset), ("indicator", "=", indicator),
                                                     ("iso3", "=", iso3), ("year", "=", year)])
    assert table.num_rows == 1
    return float(table.column("value")[0].as_py())


def test_korea_and_japan_2024_from_the_snapshot(db: Path) -> None:
    rows = {r["iso3"]: r for r in allied.burden(members="KOR,JPN", year=2024, db=db)}
    assert (round(rows["KOR"]["milex_pct_gdp"], 2), round(rows["JPN"]["milex_pct_gdp"], 2)) == (2.56, 1.37)
    assert rows["KOR"]["milex_pct_gdp"] == 0.025620525938674844 * 100
    assert rows["KOR"]["gdp_usd"] == 1875388209406.8
    assert rows["KOR"]["milex_usd"] == _snap("sipri", "milex_usd", "KOR", 2024) * 1e6
    assert rows["KOR"]["source"] == "sipri"
    assert rows["KOR"]["release"].startswith("SIPRI Milex data to 2024, workbook of 2025-04-30")


def test_rows_follow_the_contract_and_recompute(db: Path) -> None:
    rows = allied.burden(members="USA,KOR,JPN", year=2024, db=db)
    assert [list(r)[:13] for r in rows] == [CONTRACT] * 3
    milex = {r["iso3"]: _snap("sipri", "milex_usd", r["iso3"], 2024) * 1e6 for r in rows}
    gdp = {r["iso3"]: _snap("worldbank:NY.GDP.MKTP.CD", "gdp_usd", r["iso3"], 2024) for r in rows}
    pop = {r["iso3"]: _snap("worldbank:SP.POP.TOTL", "population", r["iso3"], 2024) for r in rows}
    for r in rows:
        code, pct = r["iso3"], _snap("sipri", "milex_gdp", r["iso3"], 2024) * 100
        assert r["milex_share"] == pytest.approx(milex[code] / sum(milex.values()), rel=1e-12)
        assert r["gdp_share"] == pytest.approx(gdp[code] / sum(gdp.values()), rel=1e-12)
        assert r["fair_share_ratio"] == pytest.approx(r["milex_share"] / r["gdp_share"], rel=1e-12)
        assert r["gap_pct_to_2"] == max(0.0, 2 - pct)
        assert r["gap_pct_to_3_5"] == max(0.0, 3.5 - pct)
        assert r["gap_usd_to_3_5"] == pytest.approx(max(0.0, 3.5 - pct) / 100 * gdp[code], rel=1e-12)
        assert r["milex_per_capita_usd"] == _snap("sipri", "milex_per_capita", code, 2024)
        assert pop[code] > 0
    assert sum(r["milex_share"] for r in rows) == pytest.approx(1.0)
    jpn = next(r for r in rows if r["iso3"] == "JPN")
    assert jpn["gap_usd_to_2"] == pytest.approx((2 - 1.3713968958063434) / 100 * 4190008188358.57, rel=1e-12)


def test_nato_members_are_the_parties_on_31_december(db: Path) -> None:
    members = {y: [r["iso3"] for r in allied.burden(alliance="NATO", year=y, db=db)] for y in (2022, 2023, 2024)}
    assert ("FIN" in members[2022], "FIN" in members[2023]) == (False, True)
    assert ("SWE" in members[2023], "SWE" in members[2024]) == (False, True)
    assert len(members[2024]) == 32


def test_a_year_without_data_is_an_error_naming_the_latest_year(db: Path) -> None:
    with pytest.raises(allied.InputError, match=r"year: 2030 is not allowed; expected a year with SIPRI figures, "
                                                r"1990-2024\. The latest year with SIPRI figures is 2024\."):
        allied.burden(members="KOR", year=2030, db=db)
    with pytest.raises(allied.InputError, match="The latest year with NATO figures is 2024"):
        allied.burden(alliance="NATO", year=2013, source="nato", db=db)


def test_outside_coverage_is_null_with_a_note_never_zero(db: Path) -> None:
    from allied.figures.api import burden_years

    row = burden_years(members="KOR", years=[2030], db=db)[2030][0]
    assert [row[k] for k in CONTRACT[2:]] == [None] * 11
    assert row["note"].startswith("2030 is outside SIPRI's coverage (1990-2024)")
    prk = allied.burden(members="KOR,PRK", year=2024, db=db)[1]
    assert (prk["milex_pct_gdp"], prk["gdp_usd"], prk["milex_share"]) == (None, None, None)
    assert "SIPRI publishes no share of GDP for PRK in 2024 (unavailable)" in prk["note"]


def test_worldbank_source_uses_its_own_share_of_gdp(db: Path) -> None:
    row = allied.burden(members="KOR", year=2024, source="worldbank", db=db)[0]
    assert row["milex_pct_gdp"] == 2.56205259386748
    assert row["milex_usd"] == pytest.approx(2.56205259386748 / 100 * 1875388209406.8, rel=1e-12)
    assert "milex_usd derived: share of GDP x GDP" in row["note"]


def test_latest_year_is_the_default(db: Path) -> None:
    assert allied.burden(members="KOR", db=db)[0]["year"] == 2024


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"members": "KOR", "source": "imf"}, "source: 'imf' is not allowed; expected sipri | nato | worldbank"),
    ({"members": "KOR,XYZ"}, "members: 'XYZ' is not allowed; expected ISO 3166-1 alpha-3 codes"),
    ({"alliance": "NATO", "members": "KOR"}, "either an alliance or a members list, not both"),
    ({}, "expected a treaty id such as NATO, or --members USA,KOR,JPN"),
    ({"alliance": "NATO", "year": 1940}, "year: 1940 is not allowed; expected a year in which NATO has parties"),
    ({"members": "KOR", "year": "soon"}, "year: 'soon' is not allowed; expected a year such as 2024"),
])
def test_bad_input_names_the_value_and_what_is_allowed(db: Path, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(allied.InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        allied.burden(db=db, **{"year": 2024, **kwargs})  # type: ignore[arg-type]


def test_unknown_alliance_lists_the_known_ones(db: Path) -> None:
    with pytest.raises(allied.NotFoundError, match="treaty 'WARSAW' is not known; known treaties: "):
        allied.burden(alliance="WARSAW", year=1980, db=db)
