"""How figures are stored: series and flag sets kept once, the ``figure_values`` view, the move of a store
written before that layout, duplicate country-years refused, a re-import touching only its own dataset."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import allied
from allied.figures import schema
from allied.figures.records import Stopped, ValueRows
from allied.model import AlliedError, DataImportError
from allied.store import connect, migrate

ROWS = [["Korea, South", "§7", 0.026, 0.0256], ["Japan", "", 0.012, "..."], ["European Union", "", "xxx", 1.0]]
WIDE = Path(__file__).parent / "fixtures" / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_allied_test.csv"

OLD_ROWS = [  # figure_values rows as the table before v4 held them
    ("sipri", "milex_gdp", "KOR", 2024, 0.0256, "fraction", ["§", "note 7"], "Korea, South", "SIPRI", "r1"),
    ("sipri", "milex_gdp", "KOR", 2023, 0.026, "fraction", ["§", "note 7"], "Korea, South", "SIPRI", "r1"),
    ("sipri", "milex_gdp", "JPN", 2024, None, "fraction", ["unavailable"], "Japan", "SIPRI", "r1"),
    ("sipri", "milex_usd", "JPN", 2024, 55000.5, "US$ m", [], "Japan", "SIPRI", "r1"),
    ("nmc", "cinc", "JPN", 2016, 0.03, "share", [], "JPN", "COW", "v6"),
]


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def test_a_store_written_before_the_series_layout_keeps_every_value(db: Path) -> None:
    con = connect(db)
    migrate(con, "figures", schema.MIGRATIONS[:3])
    con.executemany("INSERT INTO figure_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", OLD_ROWS)
    assert schema.ensure(con) is None
    got = con.execute("SELECT * FROM figure_values ORDER BY dataset DESC, indicator, iso3 DESC, year DESC").fetchall()
    counts = con.execute("SELECT (SELECT count(*) FROM figure_series), (SELECT count(*) FROM figure_flag_sets), "
                         "(SELECT count(*) FROM figure_points)").fetchone()
    con.close()
    assert [tuple(r) for r in got] == OLD_ROWS
    assert counts == (4, 4, 5)  # KOR/JPN milex_gdp, JPN milex_usd, JPN cinc; 3 flag sets in sipri, 1 in nmc
    assert _numbering(db) == [(True, True, 0, 0)]


def test_series_and_flag_sets_are_stored_once(db: Path, mini_sipri: Callable[..., Path]) -> None:
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    assert _rows(db, "SELECT count(*), count(DISTINCT (indicator, iso3)) FROM figure_series") == [(14, 14)]
    assert _rows(db, "SELECT flags FROM figure_flag_sets ORDER BY flag_set") == [  # only the sets in use
        (["§", "note 7"],), ([],), (["unavailable"],)]
    assert _rows(db, "SELECT count(*) FROM figure_points") == [(28,)]
    assert _rows(db, "SELECT iso3, year, value, flags, source FROM figure_values WHERE indicator = 'milex_gdp' "
                     "ORDER BY iso3, year") == [
        ("JPN", 2023, 0.012, [], allied.figures.sipri.SOURCE),
        ("JPN", 2024, None, ["unavailable"], allied.figures.sipri.SOURCE),
        ("KOR", 2023, 0.026, ["§", "note 7"], allied.figures.sipri.SOURCE),
        ("KOR", 2024, 0.0256, ["§", "note 7"], allied.figures.sipri.SOURCE)]


def test_duplicate_country_years_are_refused_and_the_store_kept(db: Path, mini_sipri: Callable[..., Path],
                                                                store_dump: Callable[[Path], Any]) -> None:
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    before = store_dump(db)
    twice = mini_sipri([*ROWS, ["Korea, South", "", 0.5, 0.6]])
    with pytest.raises(DataImportError) as err:
        allied.import_data("sipri", twice, db=db)
    assert err.value.file == str(twice)
    assert err.value.problem == ("14 values appear twice, e.g. [('milex_gdp', 'KOR', 2023), ('milex_gdp', 'KOR', "
                                 "2024), ('milex_govt', 'KOR', 2023)]")
    assert store_dump(db) == before


def test_duplicates_are_found_across_units_and_names() -> None:
    rows = ValueRows()
    rows.add("gdp_usd", "KOR", 2024, 1.0, "US$", [], "Korea, Rep.")
    rows.extend("gdp_usd", "KOR", [2023, 2024, 2025], [1.0, 2.0, 3.0], "US$ m", [rows.flag_set([])] * 3, "Korea")
    rows.add("gdp_usd", "JPN", 2024, 1.0, "US$", [], "Japan")
    rows.add("gdp_usd", "KOR", 1990, 1.0, "US$", ["estimate"], "Korea, Rep.")
    assert rows.duplicates() == [("gdp_usd", "KOR", 2024)]
    rows.add("population", "JPN", 2024, 1.0, "people", [], "Japan")
    assert rows.duplicates() == [("gdp_usd", "KOR", 2024)]
    rows.add("population", "JPN", 2024, 2.0, "people", [], "Japan")
    assert rows.duplicates() == [("gdp_usd", "KOR", 2024), ("population", "JPN", 2024)]
    assert ValueRows().duplicates() == []


def test_flat_columns_keep_the_order_values_were_added() -> None:
    rows = ValueRows()
    rows.add("a", "KOR", 2024, 1.0, "u", ["x"], "Korea")
    rows.extend("b", "JPN", [2023, 2024], [None, 2.0], "v", [rows.flag_set(["blank"]), rows.flag_set([])], "Japan")
    rows.add("a", "KOR", 2023, 3.0, "u", [], "Korea")
    assert rows.cols == {"indicator": ["a", "b", "b", "a"], "iso3": ["KOR", "JPN", "JPN", "KOR"],
                         "unit": ["u", "v", "v", "u"], "name": ["Korea", "Japan", "Japan", "Korea"],
                         "year": [2024, 2023, 2024, 2023], "value": [1.0, None, 2.0, 3.0],
                         "flags": [["x"], ["blank"], [], []]}
    assert rows.runs == [(0, 1), (1, 2), (0, 1)]


def test_a_re_import_replaces_only_its_own_dataset(db: Path, mini_sipri: Callable[..., Path]) -> None:
    allied.import_data("worldbank", WIDE, db=db)
    others = "SELECT * FROM figure_values WHERE dataset <> 'sipri' ORDER BY iso3"
    before = _rows(db, others)
    allied.import_data("sipri", mini_sipri(ROWS), db=db)
    allied.import_data("sipri", mini_sipri([["Japan", "", 0.01, 0.02]]), db=db)
    assert _rows(db, others) == before and len(before) == 3
    assert _rows(db, "SELECT count(*), count(DISTINCT iso3) FROM figure_series WHERE dataset = 'sipri'") == [(7, 1)]
    assert _rows(db, "SELECT flags FROM figure_flag_sets WHERE dataset = 'sipri'") == [([],)]
    assert _rows(db, "SELECT count(*) FROM figure_points") == [(14 + 3,)]
    assert _numbering(db) == [(True, True, 0, 0)]
    assert not Path(f"{db}.wal").exists()


def _numbering(db: Path) -> list[tuple[Any, ...]]:
    """(every dataset's series numbered consecutively and apart from the others', the same for flag sets,
    points without their series, points without their flag set)."""
    apart = ("SELECT bool_and(last + 1 - first = n AND (next IS NULL OR last < next)) FROM (SELECT min({k}) AS "
             "first, max({k}) AS last, count(*) AS n, lead(min({k})) OVER (ORDER BY min({k})) AS next FROM {t} "
             "GROUP BY dataset)")
    return _rows(db, f"SELECT ({apart.format(k='series', t='figure_series')}), "
                     f"({apart.format(k='flag_set', t='figure_flag_sets')}), "
                     "(SELECT count(*) FROM figure_points WHERE series NOT IN (SELECT series FROM figure_series)), "
                     "(SELECT count(*) FROM figure_points WHERE flag_set NOT IN "
                     "(SELECT flag_set FROM figure_flag_sets))")


def test_a_store_that_cannot_be_opened_is_the_error_even_when_the_file_is_bad(tmp_path: Path,
                                                                               mini_sipri: Callable[..., Path]) -> None:
    store = tmp_path / "not-a-store.duckdb"
    store.write_bytes(b"this is not a DuckDB file" * 1000)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(mini_sipri(ROWS).read_bytes()[:2000])
    for file in (mini_sipri(ROWS), damaged):
        with pytest.raises(AlliedError) as err:
            allied.import_data("sipri", file, db=store)
        assert str(err.value).startswith(f"cannot open the store at {store}: ")
    assert store.read_bytes() == b"this is not a DuckDB file" * 1000


def test_workbook_parsers_stop_before_reading_a_sheet_when_told(mini_sipri: Callable[..., Path]) -> None:
    from allied.figures import nato, sipri

    asked: list[int] = []

    def third_time() -> bool:
        asked.append(1)
        return len(asked) == 3

    with pytest.raises(Stopped):
        sipri.parse(mini_sipri(ROWS), stop=third_time)
    assert len(asked) == 3
    with pytest.raises(Stopped):
        nato.parse(mini_sipri(ROWS), stop=lambda: True)
