"""Balance between coalitions; data status (snapshot vs imported); the snapshot is the script's output;
`data update` offline changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

import allied
from allied.figures import snapshot

A, B = "USA,KOR,JPN,AUS,PHL", "CHN,PRK,RUS"


def _sipri(indicator: str, codes: str, year: int) -> list[float | None]:
    table = pq.read_table(snapshot.PARQUET, filters=[("dataset", "=", "sipri"), ("indicator", "=", indicator),
                                                     ("year", "=", year)]).to_pylist()
    by_code = {r["iso3"]: r["value"] for r in table}
    return [by_code.get(c) for c in codes.split(",")]


def test_balance_totals_and_ratios_from_the_snapshot(db: Path) -> None:
    rows = allied.balance(A, B, 2000, 2024, db=db)
    assert [r["year"] for r in rows] == list(range(2000, 2025))
    y2024 = rows[-1]
    a, b = _sipri("milex_usd", A, 2024), _sipri("milex_usd", B, 2024)
    assert b[1] is None  # SIPRI has no 2024 figure for PRK
    assert y2024["members_milex_usd"] == pytest.approx(sum(a) * 1e6, rel=1e-12)  # type: ignore[arg-type]
    assert y2024["vs_milex_usd"] == pytest.approx((b[0] + b[2]) * 1e6, rel=1e-12)  # type: ignore[operator]
    assert y2024["ratio_milex_usd"] == pytest.approx(sum(a) / (b[0] + b[2]), rel=1e-12)  # type: ignore[arg-type,operator]
    assert y2024["missing"] == ["PRK milex_usd", "PRK milex_usd_const",
                                *(f"{c} cinc" for c in (A + "," + B).split(","))]
    assert y2024["complete"] is False
    assert (y2024["members_cinc"], y2024["vs_cinc"], y2024["ratio_cinc"]) == (None, None, None)
    assert "cinc: nmc covers 1816-2016" in y2024["note"]  # COW NMC v6.0 is in the snapshot
    y2016 = rows[16]
    assert y2016["year"] == 2016 and not any(m.endswith("cinc") for m in y2016["missing"])
    assert y2016["vs_cinc"] > 0.23061772  # CHN's 2016 CINC (PROVENANCE.md) plus PRK's and RUS's


def test_balance_with_cinc_where_nmc_covers(db: Path, data_file: Callable[..., Path]) -> None:
    allied.import_data("nmc", data_file("cow", "NMC-60-abridged.csv"), db=db)
    rows = {r["year"]: r for r in allied.balance("USA,KOR,JPN", "CHN", 2016, 2017, db=db)}
    assert rows[2016]["members_cinc"] == pytest.approx(0.13305758 + 0.023262169 + 0.032967471, rel=1e-12)
    assert rows[2016]["vs_cinc"] == 0.23061772
    assert rows[2016]["complete"] is True
    assert rows[2017]["members_cinc"] is None
    assert rows[2017]["missing"] == ["USA cinc", "KOR cinc", "JPN cinc", "CHN cinc"]
    assert "cinc: nmc covers 1816-2016" in rows[2017]["note"]


@pytest.mark.parametrize(("args", "message"), [
    (("USA,KOR", "KOR,CHN", 2000, 2024), "vs: 'KOR' is not allowed; expected states that are not also in --members"),
    (("USA", "CHN", 2024, 2000), "to: 2000 is not allowed; expected a year from 2024 on"),
    (("USA", "ZZZ", 2000, 2024), "vs: 'ZZZ' is not allowed"),
    (("USA", "CHN", 2030, 2031), r"from/to: '2030-2031' is not allowed; expected years with figures \(milex_usd "
                                 r"1990-2024, .*cinc 1816-2016\); the latest year with any figure is 2024"),
])
def test_bad_balance_input(db: Path, args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(allied.InputError, match=message):
        allied.balance(*args, db=db)


def test_status_says_which_copy_is_in_use(db: Path, sipri_file: Path) -> None:
    fresh = allied.data_status(db)
    assert [(r["dataset"], r["origin"], r["in_use"]) for r in fresh] == [
        ("nato", "snapshot", True), ("nmc", "snapshot", True), ("sipri", "snapshot", True),
        ("worldbank:MS.MIL.XPND.GD.ZS", "snapshot", True),
        ("worldbank:NY.GDP.MKTP.CD", "snapshot", True), ("worldbank:SP.POP.TOTL", "snapshot", True),
        ("news:documents", "ingested", True), ("news:events", "ingested", True)]
    assert [r["rows"] for r in fresh[-2:]] == [0, 0] and "no ingested articles" in fresh[-2]["note"]
    allied.import_data("sipri", sipri_file, db=db)
    after = {(r["dataset"], r["origin"]): r for r in allied.data_status(db)}
    assert after[("sipri", "imported")]["in_use"] is True
    assert after[("sipri", "snapshot")]["in_use"] is False
    assert after[("sipri", "snapshot")]["note"] == "bundled snapshot, overridden by the imported data"
    assert (after[("sipri", "imported")]["rows"], after[("sipri", "imported")]["min_year"]) == (78542, 1949)


def test_snapshot_is_small_and_holds_only_the_listed_figures() -> None:
    assert snapshot.PARQUET.stat().st_size < 2_000_000
    con = duckdb.connect()
    got = con.execute(f"SELECT dataset, indicator, min(year), count(DISTINCT release), count(*) FILTER "
                      f"(WHERE source = '') FROM {snapshot.relation()} GROUP BY ALL ORDER BY ALL").fetchall()
    nato = [g for g in got if g[0] == "nato"]
    nmc = [g for g in got if g[0] == "nmc"]
    assert {g[1] for g in nato} >= {"milex_usd", "milex_gdp", "gdp_usd", "milex_usd_const", "personnel"}
    assert all(g[2] == 2014 and g[3:] == (1, 0) for g in nato)
    assert {g[1] for g in nmc} == {"cinc", "energy", "iron_steel", "milex_usd_thousand", "personnel", "population",
                                   "urban_population"}
    assert all(g[2] == 1816 and g[3:] == (1, 0) for g in nmc)
    assert [g for g in got if g[0] not in ("nato", "nmc")] == [
                   ("sipri", "milex_gdp", 1990, 1, 0), ("sipri", "milex_per_capita", 1990, 1, 0),
                   ("sipri", "milex_usd", 1990, 1, 0), ("sipri", "milex_usd_const", 1990, 1, 0),
                   ("worldbank:MS.MIL.XPND.GD.ZS", "milex_gdp", 1990, 1, 0),
                   ("worldbank:NY.GDP.MKTP.CD", "gdp_usd", 1990, 1, 0),
                   ("worldbank:SP.POP.TOTL", "population", 1990, 1, 0)]


def test_snapshot_is_the_scripts_output(tmp_path: Path, data_file: Callable[..., Path]) -> None:
    """Rebuilding from the official files gives the same values: nothing was made by hand."""
    data_file("sipri")
    con = duckdb.connect()
    from allied.figures.importing import import_file
    from allied.store.db import CORE_MIGRATIONS, migrate

    migrate(con, "core", CORE_MIGRATIONS)
    for kind, parts in (("sipri", ("sipri", "SIPRI-Milex-data-1949-2024_2.xlsx")),
                        ("worldbank", ("worldbank", "wdi_ny.gdp.mktp.cd.csv")),
                        ("worldbank", ("worldbank", "wdi_sp.pop.totl.csv")),
                        ("worldbank", ("worldbank", "wdi_ms.mil.xpnd.gd.zs.csv")),
                        ("nato", ("nato", "240617-def-exp-2024-TABLES-en.xlsx")),
                        ("nmc", ("cow", "NMC-60-abridged.csv"))):
        import_file(con, kind, data_file(*parts))
    snapshot.build(con, tmp_path)
    rebuilt = pq.read_table(tmp_path / "snapshot.parquet")
    assert rebuilt.equals(pq.read_table(snapshot.PARQUET))
    assert (tmp_path / "snapshot.json").read_text() == snapshot.MANIFEST.read_text()


def test_update_offline_says_so_and_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                    store_dump: Callable[[Path], Any]) -> None:
    monkeypatch.setenv("ALLIED_UPDATE_MIRROR", "http://127.0.0.1:9")  # nothing listens on the discard port
    allied.connect(db).close()  # an empty store (reading one no longer creates its file)
    before = store_dump(db)
    with pytest.raises(allied.AlliedError, match=r"^this machine is offline or cannot reach 127\.0\.0\.1:9 "
                                                 r"\(.*\); nothing was changed$"):
        allied.update_data(db)
    assert store_dump(db) == before


def test_update_cli_offline(tmp_path: Path) -> None:
    """Through the real command line, in a separate process."""
    env = {**os.environ, "ALLIED_UPDATE_MIRROR": "http://127.0.0.1:9", "ALLIED_DB": str(tmp_path / "s.duckdb")}
    done = subprocess.run([sys.executable, "-m", "allied", "data", "update"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: this machine is offline or cannot reach 127.0.0.1:9")
    assert done.stderr.rstrip().endswith("nothing was changed")
