"""World Bank WDI: the long CSVs in shared/data and the official wide download (own fixture)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import allied
from allied.figures import worldbank
from allied.model import DataImportError

FIXTURES = Path(__file__).parent / "fixtures"
WIDE = FIXTURES / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_allied_test.csv"


def _values(parsed: Any) -> dict[tuple[str, int], float]:
    cols = parsed.values.cols
    return {(c, y): v for c, y, v in zip(cols["iso3"], cols["year"], cols["value"], strict=True)}


def test_long_files_spot_checks(data_file: Callable[..., Path]) -> None:
    gdp = worldbank.parse(data_file("worldbank", "wdi_ny.gdp.mktp.cd.csv"))
    pop = worldbank.parse(data_file("worldbank", "wdi_sp.pop.totl.csv"))
    mil = worldbank.parse(data_file("worldbank", "wdi_ms.mil.xpnd.gd.zs.csv"))
    assert (gdp.dataset, pop.dataset, mil.dataset) == (
        "worldbank:NY.GDP.MKTP.CD", "worldbank:SP.POP.TOTL", "worldbank:MS.MIL.XPND.GD.ZS")
    g, p, m = _values(gdp), _values(pop), _values(mil)
    assert (g[("KOR", 2024)], g[("JPN", 2024)], g[("USA", 2024)], g[("DEU", 2024)]) == (
        1875388209406.8, 4190008188358.57, 29298013000000, 4685592577804.69)
    assert (p[("KOR", 2024)], p[("USA", 2024)]) == (51751065, 340003797)
    assert (m[("KOR", 2024)], m[("USA", 2024)]) == (2.56205259386748, 3.41921653228044)
    assert ("XKX", 2024) in g and not any(c in {"WLD", "EUU", "OED", "CHI"} for c, _ in g)
    assert set(gdp.values.cols["unit"]) == {"US$, current"}
    assert gdp.skipped == ["48 aggregate or non-state codes not imported"]


def test_wide_download_with_four_header_lines() -> None:
    parsed = worldbank.parse(WIDE)
    assert parsed.dataset == "worldbank:NY.GDP.MKTP.CD"
    assert parsed.release == f"World Bank WDI NY.GDP.MKTP.CD, last updated 2025-07-01 ({WIDE.name})"
    assert _values(parsed) == {("JPN", 2024): 4190008188358.57, ("KOR", 2024): 1875388209406.8,
                               ("USA", 2024): 29298013000000.0}
    assert parsed.values.cols["name"] == ["Japan", "Korea, Rep.", "United States"]


def test_the_api_zip_is_read_too(tmp_path: Path) -> None:
    archive = tmp_path / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(WIDE, WIDE.name)
        z.writestr("Metadata_Country_API_NY.GDP.MKTP.CD.csv", '"Country Code","Region"\n')
    assert _values(worldbank.parse(archive)) == _values(worldbank.parse(WIDE))


def test_the_indicator_comes_from_the_file_name_or_is_asked_for(tmp_path: Path) -> None:
    plain = tmp_path / "gdp.csv"
    shutil.copy(FIXTURES / "wdi_ny.gdp.mktp.cd_unknown_code.csv", plain)
    with pytest.raises(DataImportError, match=r"cannot tell which WDI indicator this is: pass --indicator"):
        worldbank.parse(plain)


@pytest.mark.parametrize(("fixture", "problem"), [
    ("wdi_missing_column.csv", "missing column(s) ['Year']; a WDI long CSV has "
                               "['Country Name', 'Country Code', 'Year', 'Value']"),
    ("wdi_ny.gdp.mktp.cd_unknown_code.csv", "unknown country codes: ZZZ ('Freedonia')"),
])
def test_bad_files_are_refused_and_the_store_kept(db: Path, fixture: str, problem: str,
                                                  store_dump: Callable[[Path], Any]) -> None:
    allied.import_data("worldbank", WIDE, db=db)
    before = store_dump(db)
    with pytest.raises(DataImportError) as err:
        allied.import_data("worldbank", FIXTURES / fixture, db=db, indicator="NY.GDP.MKTP.CD")
    assert (err.value.file, err.value.problem) == (str(FIXTURES / fixture), problem)
    assert store_dump(db) == before


def test_imported_gdp_takes_precedence_over_the_snapshot(db: Path) -> None:
    before = allied.burden(members="KOR", year=2022, db=db)[0]
    assert before["gdp_usd"] is not None  # from the bundled snapshot
    allied.import_data("worldbank", WIDE, db=db)
    after = allied.burden(members="KOR", year=2022, db=db)[0]
    assert after["gdp_usd"] is None  # the imported file has no 2022 value: null, never the snapshot's
    assert "no GDP for KOR in 2022" in after["note"]
