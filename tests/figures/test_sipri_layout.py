"""The SIPRI importer on workbooks written here in SIPRI's layout: what it reads, and what it refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import allied
from allied.figures import sipri
from allied.model import DataImportError

ROWS = [["Korea, South", "§7", 0.026, 0.0256], ["Japan", "", 0.012, "..."], ["European Union", "", "xxx", 1.0]]


def test_reads_countries_marks_and_markers(mini_sipri: Callable[[list[list[Any]]], Path]) -> None:
    parsed = sipri.parse(mini_sipri(ROWS))
    got = {(i, c, y): (v, f) for i, c, y, v, f in zip(
        *(parsed.values.cols[k] for k in ("indicator", "iso3", "year", "value", "flags")), strict=True)}
    assert got[("milex_gdp", "KOR", 2024)] == (0.0256, ["§", "note 7"])
    assert got[("milex_gdp", "JPN", 2024)] == (None, ["unavailable"])
    assert {c for _, c, _ in got} == {"KOR", "JPN"}
    assert len(got) == 2 * 2 * 7
    assert parsed.notes == [("note 7", "Testland: a numbered note written for the tests."),
                            ("§", "Figures for these countries are for the adopted budget"), *sipri.NOTES]


def test_colours_and_placeholder_zeros(mini_sipri: Callable[[list[list[Any]]], Path]) -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.styles.colors import Color

    path = mini_sipri([["Korea, South", "", 0.026, 0.0256], ["Japan", "", 0.012, "..."]])
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            if row[0].value == "Korea, South":
                row[-1].font = Font(color=Color(indexed=12))  # 2024: blue, a SIPRI estimate
                row[-2].font = Font(color=Color(indexed=10))  # 2023: red, highly uncertain
            if row[0].value == "Japan" and ws.title == "Current US$":
                row[-1].value = 0  # a 0 where every other sheet says '...'
            if row[0].value == "Japan" and ws.title == "Share of GDP":
                row[-2].value = 0  # a 0 where every other sheet has a figure
    wb.save(path)
    parsed = sipri.parse(path)
    got = {(i, c, y): (v, f) for i, c, y, v, f in zip(
        *(parsed.values.cols[k] for k in ("indicator", "iso3", "year", "value", "flags")), strict=True)}
    assert got[("milex_gdp", "KOR", 2024)] == (0.0256, ["estimate"])
    assert got[("milex_usd", "KOR", 2023)] == (0.026, ["uncertain"])
    assert got[("milex_usd", "JPN", 2024)] == (None, ["placeholder"])
    assert got[("milex_gdp", "JPN", 2023)] == (None, ["placeholder"])
    assert "2 placeholder zeros stored as unknown" in parsed.skipped


def test_an_unknown_country_is_refused_and_the_store_kept(db: Path, mini_sipri: Callable[..., Path],
                                                          store_dump: Callable[[Path], Any]) -> None:
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    before = store_dump(db)
    bad = mini_sipri([*ROWS, ["Freedonia", "", 0.01, 0.02]])
    with pytest.raises(DataImportError) as err:
        allied.import_data("sipri", bad, db=db)
    assert err.value.file == str(bad)
    assert "unknown country names: 'Freedonia'" in err.value.problem
    assert store_dump(db) == before


def test_an_unexpected_cell_is_refused(mini_sipri: Callable[..., Path]) -> None:
    with pytest.raises(DataImportError, match=r"sheet 'Local currency financial years', Japan 2024: unexpected "
                                              r"cell value 'n/a'"):
        sipri.parse(mini_sipri([["Japan", "", 0.01, "n/a"]]))


def test_a_workbook_without_the_country_sheets_is_refused(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(DataImportError, match="not a SIPRI Milex workbook"):
        sipri.parse(path)


def test_a_new_import_replaces_the_old_values(db: Path, mini_sipri: Callable[..., Path]) -> None:
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    result = allied.import_data("sipri", mini_sipri([["Japan", "", 0.01, 0.02]]), db=db)
    assert (result["rows"], result["countries"], result["changed"]) == (14, 1, True)
    rows = allied.burden(members="KOR,JPN", year=2024, db=db)
    assert [(r["iso3"], r["milex_pct_gdp"]) for r in rows] == [("KOR", None), ("JPN", 2.0)]
