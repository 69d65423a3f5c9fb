"""COW NMC (CINC) and ATOP member-level data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import allied
from allied.model import DataImportError, InputError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def store(module_store: Callable[..., Path]) -> Path:
    return module_store(("nmc", "cow", "NMC-60-abridged.csv"), ("atop", "atop", "atop5_1m.csv"))


def _nmc(db: Path, iso3: str, year: int) -> dict[str, Any]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT indicator, value, flags, name FROM figure_values WHERE dataset = 'nmc' AND "
                           "iso3 = ? AND year = ?", [iso3, year]).fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


@pytest.mark.parametrize(("iso3", "milex", "cinc", "name"), [
    ("USA", 604452000, 0.13305758, "USA (2)"), ("KOR", 33778000, 0.023262169, "ROK (732)"),
    ("JPN", 47342000, 0.032967471, "JPN (740)"), ("DEU", 38281000, 0.016592627, "GMY (255)"),
    ("CHN", 145039000, 0.23061772, "CHN (710)"),
])
def test_nmc_spot_checks(store: Path, iso3: str, milex: float, cinc: float, name: str) -> None:
    got = _nmc(store, iso3, 2016)
    assert got["milex_usd_thousand"] == (milex, [], name)
    assert got["cinc"] == (cinc, [], name)


def test_nmc_missing_values_and_historic_ids(store: Path) -> None:
    assert _nmc(store, "USA", 1816)["iron_steel"] == (80, [], "USA (2)")
    assert _nmc(store, "SUN", 1980)["cinc"][2] == "RUS (365)"
    assert _nmc(store, "DDR", 1980)["cinc"][2] == "GDR (265)"
    assert _nmc(store, "DEU", 1990)["cinc"][2] == "GMY (255)"
    assert _nmc(store, "DEU", 1989)["cinc"][2] == "GFR (260)"
    con = duckdb.connect(str(store), read_only=True)
    try:
        nulls = con.execute("SELECT count(*) FROM figure_values WHERE dataset = 'nmc' AND indicator = "
                            "'milex_usd_thousand' AND value IS NULL AND flags = ['missing']").fetchone()
        note = con.execute("SELECT note FROM datasets WHERE dataset = 'nmc'").fetchone()
    finally:
        con.close()
    assert nulls == (2005,)  # of NMC's 2,217 milex = -9, those of entities with an id
    assert note == ("892 state-years of entities without an ISO3 or historic id not imported (see cow_iso3.csv)",)


@pytest.mark.parametrize(("fixture", "problem"), [
    ("nmc_missing_cinc.csv", "missing column(s) ['cinc']"),
    ("nmc_unknown_code.csv", "unknown COW state codes: 9999 (FRE) (not in cow_iso3.csv)"),
])
def test_bad_nmc_files_are_refused_and_the_store_kept(store: Path, tmp_path: Path, fixture: str, problem: str,
                                                      store_dump: Callable[[Path], Any]) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(store.read_bytes())
    before = store_dump(copy)
    with pytest.raises(DataImportError) as err:
        allied.import_data("nmc", FIXTURES / fixture, db=copy)
    assert err.value.file == str(FIXTURES / fixture)
    assert err.value.problem.startswith(problem)
    assert store_dump(copy) == before


def test_defense_pacts_of_korea(store: Path) -> None:
    pacts = allied.defense_pacts("KOR", 2010, db=store)
    us_rok = next(p for p in pacts if p["atopid"] == 3240)
    assert {k: us_rok[k] for k in ("entered", "exit", "defense", "consultation", "nonaggression", "partners",
                                   "partners_defending", "asymmetric")} == {
        "entered": 1953, "exit": None, "defense": 1, "consultation": 1, "nonaggression": 1, "partners": ["USA"],
        "partners_defending": ["USA"], "asymmetric": 1}


def test_asymmetric_pacts_say_who_defends_whom(store: Path) -> None:
    japan = {p["atopid"]: p for p in allied.defense_pacts("JPN", 2010, db=store)}
    assert (japan[3375]["defense"], japan[3375]["partners_defending"]) == (0, ["USA"])
    usa = {p["atopid"]: p for p in allied.defense_pacts("USA", 2010, db=store)}
    assert (usa[3375]["defense"], usa[3375]["partners_defending"]) == (1, [])
    assert 3180 in usa  # NATO
    assert 3220 not in usa  # the 1951 US-Japan treaty ended in 1960
    assert 3220 in {p["atopid"] for p in allied.defense_pacts("JPN", 1955, db=store)}


def test_pacts_outside_atop_coverage_or_without_atop(store: Path, db: Path) -> None:
    with pytest.raises(InputError, match=r"year: 2019 is not allowed; expected 1815-2018"):
        allied.defense_pacts("KOR", 2019, db=store)
    with pytest.raises(allied.NotFoundError, match="^ATOP data are not in the store; import the ATOP v5.1 "
                                                   "member-level file first: allied data import atop atop5_1m.csv$"):
        allied.defense_pacts("KOR", 2010, db=db)


def test_atop_import_twice_changes_nothing(store: Path, tmp_path: Path, data_file: Callable[..., Path],
                                           store_dump: Callable[[Path], Any]) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(store.read_bytes())
    before = store_dump(copy)
    result = allied.import_data("atop", data_file("atop", "atop5_1m.csv"), db=copy)
    assert (result["changed"], result["rows"]) == (False, 2510)
    assert store_dump(copy) == before
