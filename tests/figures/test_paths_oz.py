"""Paths to a target (Korea to 3.5 % by 2035, recomputed independently) and the Olson–Zeckhauser test."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import allied


def _korea_from_the_workbook(path: Path) -> dict[int, tuple[float, float]]:
    """{year: (share of GDP in %, constant 2023 US$)} for Korea, South, read with openpyxl by cell."""
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    share, const = wb["Share of GDP"], wb["Constant (2023) US$"]
    assert share["A109"].value == "Korea, South" and const["A109"].value == "Korea, South"
    assert (share["BZ6"].value, const["CA6"].value, share["BP6"].value, const["BQ6"].value) == (2024, 2024, 2014, 2014)
    return {2024: (share["BZ109"].value * 100, const["CA109"].value * 1e6),
            2014: (share["BP109"].value * 100, const["BQ109"].value * 1e6)}


def test_korea_to_3_5_percent_by_2035_recomputed(db: Path, sipri_file: Path) -> None:
    raw = _korea_from_the_workbook(sipri_file)
    allied.import_data("sipri", sipri_file, db=db)
    doc = allied.burden_path("KOR", 3.5, 2035, gdp_growth=2.0, db=db)
    share0, milex0 = raw[2024]
    rate = (3.5 / share0) ** (1 / 11) * 1.02 - 1
    assert (doc["base_year"], doc["base_pct_gdp"], doc["base_milex_usd_const"]) == (2024, share0, milex0)
    assert doc["required_real_growth_pct"] == pytest.approx(rate * 100, rel=1e-12)
    assert doc["required_real_growth_pct"] == pytest.approx(4.934074320682957, rel=1e-12)
    assert [p["year"] for p in doc["path"]] == list(range(2024, 2036))
    for k, step in enumerate(doc["path"]):
        assert step["milex_usd_const"] == pytest.approx(milex0 * (1 + rate) ** k, rel=1e-12)
        assert step["gdp_usd_const"] == pytest.approx(milex0 / (share0 / 100) * 1.02 ** k, rel=1e-12)
    assert doc["path"][-1]["milex_pct_gdp"] == pytest.approx(3.5, rel=1e-12)
    assert doc["price_basis"] == "US$, constant 2023 prices and exchange rates (published in US$ m)"


def test_default_growth_is_the_ten_year_trend(db: Path, sipri_file: Path) -> None:
    raw = _korea_from_the_workbook(sipri_file)
    allied.import_data("sipri", sipri_file, db=db)
    doc = allied.burden_path("KOR", 3.5, 2035, db=db)
    gdp = {y: milex / (share / 100) for y, (share, milex) in raw.items()}
    trend = ((gdp[2024] / gdp[2014]) ** (1 / 10) - 1) * 100
    assert doc["gdp_growth_pct"] == pytest.approx(trend, rel=1e-12)
    assert doc["gdp_growth_basis"].startswith("compound average 2014-2024 of real GDP implied by the source")


def test_path_from_the_snapshot_alone(db: Path) -> None:
    doc = allied.burden_path("KOR", 3.5, 2035, gdp_growth=2.0, db=db)
    assert doc["base_pct_gdp"] == 0.025620525938674844 * 100
    assert doc["required_real_growth_pct"] == pytest.approx(
        ((3.5 / (0.025620525938674844 * 100)) ** (1 / 11) * 1.02 - 1) * 100, rel=1e-12)


@pytest.mark.parametrize(("args", "message"), [
    (("KOR", 3.5, 2024), "by: 2024 is not allowed; expected a year after 2024"),
    (("KOR", 0, 2035), "target: 0 is not allowed; expected a share of GDP in percent between 0 and 100"),
    (("KOR", "lots", 2035), "target: 'lots' is not allowed"),
    (("XYZ", 3.5, 2035), "country: 'XYZ' is not allowed"),
    (("PRK", 3.5, 2035), "country: 'PRK' is not allowed; expected a country with sipri share of GDP"),
])
def test_bad_path_input(db: Path, args: tuple[object, ...], message: str) -> None:
    with pytest.raises(allied.InputError, match=message):
        allied.burden_path(*args, db=db)  # type: ignore[arg-type]


def test_olson_zeckhauser_matches_an_independent_rank_correlation(db: Path) -> None:
    doc = allied.olson_zeckhauser(alliance="NATO", year=2024, db=db)
    rows = [r for r in allied.burden(alliance="NATO", year=2024, db=db) if r["milex_pct_gdp"] is not None]
    frame = pd.DataFrame({"gdp": [r["gdp_usd"] for r in rows], "burden": [r["milex_pct_gdp"] for r in rows]})
    assert doc["n"] == len(rows) == 31
    assert doc["left_out"] == ["ISL"]
    assert doc["spearman_rho"] == pytest.approx(frame["gdp"].corr(frame["burden"], method="spearman"), rel=1e-12)
    assert doc["kendall_tau"] == pytest.approx(frame["gdp"].corr(frame["burden"], method="kendall"), rel=1e-12)
    assert 0 <= doc["spearman_p"] <= 1 and 0 <= doc["kendall_p"] <= 1
    assert doc["note"] == "no significant rank correlation at the 5 % level"


def test_olson_zeckhauser_needs_three_members(db: Path) -> None:
    doc = allied.olson_zeckhauser(members="KOR,JPN", year=2024, db=db)
    assert (doc["n"], doc["spearman_rho"], doc["kendall_p"]) == (2, None, None)
    assert doc["note"] == "fewer than 3 members with GDP and share of GDP: no test"


@pytest.mark.parametrize("growth", [-100, -250.0, 100, float("inf"), float("nan"), "fast"])
def test_path_refuses_impossible_gdp_growth(growth: object, db: object) -> None:
    with pytest.raises(allied.InputError, match=r"^gdp_growth: .* expected a yearly real GDP growth rate in percent"):
        allied.burden_path("KOR", 3.5, 2035, gdp_growth=growth, db=db)  # type: ignore[arg-type]
