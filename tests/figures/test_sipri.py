"""SIPRI Milex workbook: spot checks from PROVENANCE.md, flags, exclusions, idempotence, bad files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import allied
from allied.model import DataImportError


def _value(db: Path, indicator: str, iso3: str, year: int) -> tuple[Any, ...]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT value, unit, flags, name FROM figure_values WHERE dataset = 'sipri' AND "
                          "indicator = ? AND iso3 = ? AND year = ?", [indicator, iso3, year]).fetchone()
    finally:
        con.close()
    assert row is not None, (indicator, iso3, year)
    return tuple(row)


@pytest.fixture(scope="module")
def sipri_store(module_store: Callable[..., Path]) -> Path:
    """One import for the read-only checks of this module."""
    return module_store(("sipri", "sipri", "SIPRI-Milex-data-1949-2024_2.xlsx"))


@pytest.fixture
def imported(sipri_store: Path, tmp_path: Path) -> Path:
    """A private copy of the imported store, for tests that try to change it."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(sipri_store.read_bytes())
    return copy


@pytest.mark.parametrize(("indicator", "iso3", "year", "value"), [
    ("milex_gdp", "KOR", 2023, 0.025992577105255356),
    ("milex_gdp", "KOR", 2024, 0.025620525938674844),
    ("milex_gdp", "JPN", 2024, 0.013713968958063434),
    ("milex_gdp", "USA", 2024, 0.03419216532280439),
    ("milex_gdp", "DEU", 2024, 0.018919037720549366),
    ("milex_gdp", "POL", 2024, 0.041543938797535616),
    ("milex_usd", "USA", 2024, 997309),
    ("milex_usd_const", "USA", 2024, 968381.5948509097),
    ("milex_usd", "KOR", 2023, 47801.863038878735),
    ("milex_usd_const", "KOR", 2023, 47801.863038878735),
    ("milex_per_capita", "USA", 2024, 2895.1143752902926),
])
def test_spot_checks(sipri_store: Path, indicator: str, iso3: str, year: int, value: float) -> None:
    assert _value(sipri_store, indicator, iso3, year)[0] == value


def test_units_are_the_published_ones(imported: Path) -> None:
    assert _value(imported, "milex_gdp", "KOR", 2024)[1] == "fraction"
    assert _value(imported, "milex_usd", "USA", 2024)[1] == "US$ m, current prices and exchange rates"
    assert _value(imported, "milex_usd_const", "USA", 2024)[1] == "US$ m, constant 2023 prices and exchange rates"
    assert _value(imported, "milex_lcu_fy", "JPN", 2024)[1] == (
        "Yen (local currency, current prices, financial years); fiscal year: Apr-Mar")


def test_markers_become_flagged_nulls_and_footnote_marks_are_kept(imported: Path) -> None:
    assert _value(imported, "milex_gdp", "LBY", 2024) == (None, "fraction", ["‡", "§", "¶", "note 16", "unavailable"],
                                                         "Libya")
    assert _value(imported, "milex_usd", "SUN", 1995) == (
        None, "US$ m, current prices and exchange rates", ["not_independent"], "USSR")
    assert _value(imported, "milex_gdp", "KOR", 2024)[2] == ["note 58"]


def test_historic_entities_keep_their_own_ids(imported: Path) -> None:
    assert _value(imported, "milex_usd", "DDR", 1980)[3] == "German Democratic Republic"
    assert _value(imported, "milex_usd", "YAR", 1980)[3] == "Yemen, North"
    assert _value(imported, "milex_usd", "YEM", 2000)[3] == "Yemen"
    assert _value(imported, "milex_usd", "CSK", 1980)[3] == "Czechoslovakia"
    assert _value(imported, "milex_usd", "YUG", 1980)[3] == "Yugoslavia"


def test_regions_and_the_eu_are_not_imported(imported: Path) -> None:
    con = duckdb.connect(str(imported), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT DISTINCT name FROM figure_values").fetchall()}
        per_indicator = dict(con.execute("SELECT indicator, count(DISTINCT iso3) FROM figure_values "
                                         "GROUP BY indicator").fetchall())
        notes = dict(con.execute("SELECT mark, text FROM figure_notes WHERE dataset = 'sipri'").fetchall())
    finally:
        con.close()
    assert not names & {"European Union", "Africa", "Western Europe", "Middle East", "East Asia"}
    assert per_indicator == {i: 173 for i in ("milex_lcu_fy", "milex_lcu", "milex_usd_const", "milex_usd",
                                              "milex_gdp", "milex_per_capita", "milex_govt")}
    assert notes["†"] == "Figures for these countries do not include military pensions"
    assert notes["note 86"] == "Iceland: Iceland has no standing army/military and thus no military expenditure."


def test_importing_twice_changes_nothing(imported: Path, sipri_file: Path,
                                         store_dump: Callable[[Path], Any]) -> None:
    before = store_dump(imported)
    again = allied.import_data("sipri", sipri_file, db=imported)
    assert again["changed"] is False
    assert again["rows"] == 78542
    assert store_dump(imported) == before


def test_a_damaged_workbook_is_refused_and_the_store_kept(imported: Path, sipri_file: Path, tmp_path: Path,
                                                           store_dump: Callable[[Path], Any]) -> None:
    damaged = tmp_path / "SIPRI-damaged.xlsx"
    damaged.write_bytes(sipri_file.read_bytes()[:300_000])
    before = store_dump(imported)
    with pytest.raises(DataImportError) as err:
        allied.import_data("sipri", damaged, db=imported)
    assert err.value.file == str(damaged)
    assert err.value.problem.startswith("not a readable Excel workbook")
    assert store_dump(imported) == before


@pytest.mark.parametrize(("iso3", "years"), [
    ("PRK", (1986, 2000, 2014)), ("TWN", (1976, 1987)), ("RUS", (1992,)), ("ISL", (1990, 2024)),
])
def test_placeholder_zeros_are_unknown_and_flagged(sipri_store: Path, iso3: str, years: tuple[int, ...]) -> None:
    for year in years:
        value, _, flags, _ = _value(sipri_store, "milex_usd", iso3, year)
        assert value is None and "placeholder" in flags, (iso3, year, value, flags)


def test_a_zero_is_a_placeholder_only_where_another_sheet_says_otherwise(sipri_store: Path) -> None:
    assert _value(sipri_store, "milex_usd", "PRK", 2015)[0] == 869.6296296296296  # the first real figure
    con = duckdb.connect(str(sipri_store), read_only=True)
    try:
        [(zeros,)] = con.execute("SELECT count(*) FROM figure_values WHERE dataset = 'sipri' AND value = 0 "
                                 "AND indicator = 'milex_usd' AND iso3 IN ('PRK', 'TWN', 'RUS', 'ISL')").fetchall()
        [(notes,)] = con.execute("SELECT count(*) FROM figure_notes WHERE dataset = 'sipri' AND "
                                 "mark IN ('placeholder', 'estimate', 'uncertain')").fetchall()
    finally:
        con.close()
    assert zeros == 0 and notes == 3


@pytest.mark.parametrize(("indicator", "iso3", "year", "flag"), [
    ("milex_gdp", "RUS", 2024, "estimate"),   # blue in the workbook (PROVENANCE.md)
    ("milex_gdp", "UKR", 2024, "estimate"),
    ("milex_usd", "RUS", 2024, "estimate"),
])
def test_estimates_are_flagged_by_cell_colour(sipri_store: Path, indicator: str, iso3: str, year: int,
                                               flag: str) -> None:
    assert flag in _value(sipri_store, indicator, iso3, year)[2]


def test_plain_figures_are_not_flagged_as_estimates(sipri_store: Path) -> None:
    for iso3 in ("USA", "KOR", "DEU"):
        flags = _value(sipri_store, "milex_gdp", iso3, 2024)[2]
        assert "estimate" not in flags and "uncertain" not in flags, (iso3, flags)


def test_uncertain_figures_are_flagged(sipri_store: Path) -> None:
    con = duckdb.connect(str(sipri_store), read_only=True)
    try:
        [(n,)] = con.execute("SELECT count(*) FROM figure_values WHERE dataset = 'sipri' AND indicator = "
                             "'milex_gdp' AND list_contains(flags, 'uncertain')").fetchall()
    finally:
        con.close()
    assert n > 100


def test_burden_rows_say_estimate_and_leave_placeholders_out(sipri_store: Path) -> None:
    rows = {r["iso3"]: r for r in allied.burden(members="USA,RUS,PRK", year=2010, source="sipri", db=sipri_store)}
    assert rows["PRK"]["milex_usd"] is None and rows["PRK"]["milex_share"] is None
    assert "PRK" in rows["USA"]["note"]
    rows = {r["iso3"]: r for r in allied.burden(members="USA,RUS", year=2024, source="sipri", db=sipri_store)}
    assert rows["RUS"]["estimate"] is True and rows["USA"]["estimate"] is False
