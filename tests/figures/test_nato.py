"""NATO defence expenditure tables: Table 3 reproduced for every ally, estimates flagged, layout by title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

import allied
from allied.figures import nato
from allied.model import DataImportError

# Written out here, independently of the importer's name matching.
ALLIES = {
    "Albania": "ALB", "Belgium": "BEL", "Bulgaria": "BGR", "Canada": "CAN", "Croatia": "HRV", "Czechia": "CZE",
    "Denmark": "DNK", "Estonia": "EST", "Finland": "FIN", "France": "FRA", "Germany": "DEU", "Greece": "GRC",
    "Hungary": "HUN", "Italy": "ITA", "Latvia": "LVA", "Lithuania": "LTU", "Luxembourg": "LUX",
    "Montenegro": "MNE", "Netherlands": "NLD", "North Macedonia": "MKD", "Norway": "NOR", "Poland": "POL",
    "Portugal": "PRT", "Romania": "ROU", "Slovak Republic": "SVK", "Slovenia": "SVN", "Spain": "ESP",
    "Sweden": "SWE", "Türkiye": "TUR", "United Kingdom": "GBR", "United States": "USA",
}


@pytest.fixture(scope="module")
def nato_store(module_store: Callable[..., Path]) -> Path:
    return module_store(("nato", "nato", "240617-def-exp-2024-TABLES-en.xlsx"))


def _table3_2024e(path: Path) -> dict[str, float]:
    """TABLE3, share of real GDP, column N ('2024e'), rows 11-41, read with openpyxl."""
    ws = openpyxl.load_workbook(path, data_only=True, read_only=True)["TABLE3"]
    assert ws["B10"].value.startswith("Share of real GDP") and ws["N8"].value == "2024e"
    return {ALLIES[str(ws[f"C{i}"].value).rstrip("*")]: ws[f"N{i}"].value for i in range(11, 42)}


def test_table3_is_reproduced_for_every_ally(nato_store: Path, nato_file: Path) -> None:
    expected = _table3_2024e(nato_file)
    rows = allied.burden(alliance="NATO", year=2024, source="nato", db=nato_store)
    got = {r["iso3"]: r["milex_pct_gdp"] for r in rows if r["iso3"] != "ISL"}
    assert got == expected
    assert len(got) == 31
    assert all(r["estimate"] and "estimate" in r["flags"] for r in rows)


def test_spot_checks(nato_store: Path) -> None:
    rows = {r["iso3"]: r for r in allied.burden(alliance="NATO", year=2024, source="nato", db=nato_store)}
    assert (round(rows["DEU"]["milex_pct_gdp"], 2), round(rows["USA"]["milex_pct_gdp"], 2),
            round(rows["POL"]["milex_pct_gdp"], 2), round(rows["CAN"]["milex_pct_gdp"], 2)) == (2.12, 3.38, 4.12, 1.37)
    assert rows["USA"]["milex_usd"] == 967707e6
    assert rows["USA"]["gdp_usd"] == 28719941.5569791e6
    assert rows["POL"]["flags"] == ["*", "estimate"]
    iceland = rows["ISL"]
    assert (iceland["milex_usd"], iceland["milex_pct_gdp"], iceland["milex_share"]) == (None, None, None)
    assert "NATO publishes no share of GDP for ISL in 2024 (not in the source)" in iceland["note"]


def test_years_before_the_estimates_are_not_flagged(nato_store: Path) -> None:
    by_year = {y: allied.burden(members="DEU", year=y, source="nato", db=nato_store)[0] for y in (2022, 2023)}
    assert (by_year[2022]["estimate"], by_year[2023]["estimate"]) == (False, True)


def test_other_tables_are_read_by_their_titles(nato_store: Path) -> None:
    con = duckdb.connect(str(nato_store), read_only=True)
    try:
        got = dict(((r[0], r[1]), (r[2], r[3])) for r in con.execute(
            "SELECT indicator, iso3, value, unit FROM figure_values WHERE year = 2024 AND iso3 IN ('USA', 'ISL')"
        ).fetchall())
    finally:
        con.close()
    assert got[("milex_per_capita_const", "USA")] == (2239.470705749801, "US$, constant 2015 prices")
    assert got[("gdp_usd", "ISL")][1] == "US$ m, current prices and exchange rates"
    assert ("milex_usd", "ISL") not in got
    assert got[("personnel", "USA")] == (1300.21, "thousand persons")
    assert sorted(i for i, c in got if c == "USA") == [
        "gdp_per_capita_const", "gdp_usd", "gdp_usd_const", "milex_equipment_share", "milex_gdp",
        "milex_infrastructure_share", "milex_lcu", "milex_lcu_const", "milex_other_share",
        "milex_per_capita_const", "milex_personnel_share", "milex_real_change", "milex_usd", "milex_usd_const",
        "personnel"]


def _mini_nato(path: Path, offset: int) -> Path:
    """Tables in NATO's layout, shifted down by ``offset`` rows and one column right, with '2019' as text."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    years: list[Any] = [2018, "2019", 2020, "2021", "2022e"]
    for sheet, title, unit, blocks in (
        ("T2", "Table 2 : Defence expenditure", "Million US dollars", ["Current prices and exchange rates"]),
        ("T3", "Table 3 : Defence expenditure as a share of GDP", "Based on 2015 prices", ["Share of real GDP (%)"]),
        ("T5", "Table 5 : GDP", "Million US dollars", ["Current prices and exchange rates"]),
    ):
        ws = wb.create_sheet(sheet)
        for _ in range(offset):
            ws.append([])
        ws.append(["", "", title])
        ws.append(["", "", unit])
        ws.append(["", "", "", ""] + years)
        for block in blocks:
            ws.append(["", "", block])
            ws.append(["", "", "", "Korea, South*"] + [1.0, 2.0, 3.0, 4.0, 5.0])
            ws.append(["", "", "", "Japan"] + [6.0, 7.0, 8.0, 9.0, "#REF!"])
            ws.append(["", "", "NATO Total", ""] + [9.0] * 5)
    wb.save(path)
    return path


@pytest.mark.parametrize("offset", [0, 7])
def test_layout_is_found_by_titles_not_rows(tmp_path: Path, offset: int) -> None:
    parsed = nato.parse(_mini_nato(tmp_path / "mini-nato.xlsx", offset))
    cols = parsed.values.cols
    got = {(i, c, y): (v, f) for i, c, y, v, f in zip(
        *(cols[k] for k in ("indicator", "iso3", "year", "value", "flags")), strict=True)}
    assert got[("milex_gdp", "KOR", 2019)] == (2.0, ["*"])
    assert got[("milex_gdp", "KOR", 2022)] == (5.0, ["*", "estimate"])
    assert got[("gdp_usd", "JPN", 2022)] == (None, ["estimate", "blank"])  # '#REF!' reads as an empty cell
    assert sorted({i for i, _, _ in got}) == ["gdp_usd", "milex_gdp", "milex_usd"]
    assert len(got) == 3 * 2 * 5


def test_a_workbook_without_the_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Table 9 : Something else"])
    wb.save(path)
    with pytest.raises(DataImportError, match=r"no table found for \['milex_usd', 'milex_gdp', 'gdp_usd'\]"):
        nato.parse(path)


def test_nato_source_works_offline_from_the_snapshot(db: Path) -> None:
    rows = {r["iso3"]: r for r in allied.burden(alliance="NATO", year=2024, source="nato", db=db)}
    assert rows["DEU"]["milex_pct_gdp"] == 2.118977088667619  # TABLE3!N21 (PROVENANCE.md)
    assert "NATO Defence Expenditure of NATO Countries (2014-2024)" in rows["DEU"]["release"]
    # Iceland is in no NATO defence table: left out of the totals and named, never counted as 0
    assert rows["ISL"]["milex_usd"] is None and rows["ISL"]["milex_share"] is None
    assert "alliance totals leave out ISL" in rows["USA"]["note"]
    assert sum(r["milex_share"] for r in rows.values() if r["milex_share"] is not None) == pytest.approx(1.0)
