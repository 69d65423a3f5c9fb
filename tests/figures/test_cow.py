"""COW state codes <-> ISO3: the generated table, its overrides, and that it is the script's output."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from allied.figures import cow
from allied.model import DataImportError


@pytest.mark.parametrize(("code", "year", "iso3"), [
    (2, 2016, "USA"), (732, 2016, "KOR"), (731, 2016, "PRK"), (740, 2016, "JPN"), (710, 2016, "CHN"),
    (255, 2016, "DEU"), (255, 1900, "DEU"), (260, 1980, "DEU"), (260, 1990, ""), (265, 1980, "DDR"),
    (365, 1900, ""), (365, 1980, "SUN"), (365, 1991, "SUN"), (365, 1992, "RUS"), (315, 1980, "CSK"),
    (316, 2000, "CZE"), (345, 1980, "YUG"), (345, 2010, "SRB"), (678, 1980, "YAR"), (679, 2000, "YEM"),
    (680, 1980, "YMD"), (816, 1970, "VDR"), (816, 1990, "VNM"), (817, 1970, ""), (970, 2010, "NRU"),
    (946, 2010, "KIR"), (713, 2000, "TWN"), (347, 2010, "XKX"), (245, 1850, ""), (300, 1900, ""),
])
def test_code_and_year_to_iso3(code: int, year: int, iso3: str) -> None:
    assert cow.iso3_of(code, year) == iso3


def test_iso3_and_year_to_codes() -> None:
    assert cow.codes_of("DEU", 1980) == [260]
    assert cow.codes_of("DEU", 1990) == [255]
    assert cow.codes_of("SUN", 1980) == [365]
    assert cow.codes_of("RUS", 2010) == [365]
    assert cow.codes_of("KOR", 2010) == [732]


def test_unknown_code_is_an_error() -> None:
    with pytest.raises(DataImportError, match="COW state code 9999 is not in cow_iso3.csv"):
        cow.iso3_of(9999, 2000, "x.csv")


def test_every_row_has_a_source() -> None:
    rows = cow.load()
    assert len(rows) == 223
    assert all(r.source for r in rows)
    assert {r.basis for r in rows} == {"override", "country_converter GWcode"}


def _nmc(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_table_is_the_scripts_output(data_file: Callable[..., Path]) -> None:
    """Regenerating from NMC's codes gives exactly the committed table: it was not edited by hand."""
    records = _nmc(data_file("cow", "NMC-60-abridged.csv"))
    rebuilt = cow.build({(int(r["ccode"]), r["stateabb"]) for r in records})
    assert tuple(rebuilt) == cow.load()


def test_no_state_year_is_merged_or_split(data_file: Callable[..., Path]) -> None:
    """Within NMC's state-years, no ISO3 gets two COW codes in one year."""
    seen: dict[tuple[str, int], int] = {}
    for r in _nmc(data_file("cow", "NMC-60-abridged.csv")):
        code, year = int(r["ccode"]), int(r["year"])
        iso3 = cow.iso3_of(code, year)
        if iso3:
            assert seen.setdefault((iso3, year), code) == code, (iso3, year)
