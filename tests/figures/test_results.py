"""Public API results are plain lists and dicts (JSON as before) that turn into DataFrames with the
documented columns."""

from __future__ import annotations

import json
from pathlib import Path

import allied
from allied.figures.api import BURDEN_COLUMNS


def test_burden_rows_to_pandas_have_the_product_columns_first(db: Path) -> None:
    rows = allied.burden(alliance="NATO", year=2024, source="nato", db=db)
    df = rows.to_pandas()
    assert tuple(df.columns[: len(BURDEN_COLUMNS)]) == BURDEN_COLUMNS
    assert len(df) == len(rows) and df.loc[df.iso3 == "ISL", "milex_usd"].isna().all()
    assert json.loads(json.dumps(rows)) == [dict(r) for r in rows]


def test_path_and_balance_and_reference_tables(db: Path) -> None:
    path = allied.burden_path("KOR", 3.5, 2035, db=db)
    assert list(path.to_pandas().year) == list(range(path["base_year"], 2036))
    assert list(allied.balance("USA", "CHN", 2010, 2012, db=db).to_pandas().year) == [2010, 2011, 2012]
    assert "NATO" in set(allied.treaties().to_pandas().id)
    assert allied.olson_zeckhauser(alliance="NATO", year=2024, db=db).to_pandas().shape[0] == 1
    assert allied.find_officials("Hegseth").to_pandas().country.tolist() == ["USA"]


def test_burden_years_is_burden_for_each_year(db: Path) -> None:
    from allied.figures.api import burden_years

    many = burden_years(members="USA,KOR,JPN,PRK", years=range(2012, 2025), db=db)
    for year in (2012, 2018, 2024):
        assert many[year] == allied.burden(members="USA,KOR,JPN,PRK", year=year, db=db)
