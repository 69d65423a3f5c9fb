"""The figures commands and charts, run in-process through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import allied
from allied.cli import app


def test_burden_json_is_the_api_result(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["burden", "--members", "KOR,JPN", "--year", "2024", "--format", "json",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(json.dumps(allied.burden(members="KOR,JPN", year=2024, db=db)))


def test_burden_csv_has_the_contract_columns_first(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["burden", "--alliance", "NATO", "--year", "2024", "-f", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("iso3,name,milex_usd,gdp_usd,milex_pct_gdp,milex_share,gdp_share,fair_share_ratio,"
                               "milex_per_capita_usd,gap_pct_to_2,gap_usd_to_2,gap_pct_to_3_5,gap_usd_to_3_5,")
    assert len(lines) == 33


def test_burden_table_shows_sources_and_notes(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["burden", "--members", "KOR,PRK", "--year", "2024", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Source: SIPRI Milex data to 2024, workbook of 2025-04-30" in result.output
    assert "Note: SIPRI publishes no share of GDP for PRK in 2024 (unavailable)" in result.output


def test_burden_chart_png_and_svg_with_the_source_on_it(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    for name in ("nato.png", "nato.svg"):
        result = runner.invoke(app, ["burden", "--alliance", "NATO", "--year", "2024", "--chart",
                                     str(tmp_path / name), "-f", "json", "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "nato.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "nato.svg").read_text()
    assert "Source: SIPRI Milex data to 2024, workbook of 2025-04-30" in svg
    assert "3.5 %" in svg


def test_chart_with_a_bad_extension(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["burden", "--members", "KOR", "--chart", str(tmp_path / "k.pdf"), "--db", str(db)])
    assert result.exit_code == 1
    assert "Error: --chart: '" in result.output and "expected a file name ending in .png or .svg" in result.output


def test_burden_path_and_oz(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["burden", "path", "--country", "KOR", "--target", "3.5", "--by", "2035",
                                 "--gdp-growth", "2.0", "-f", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert (doc["country"], doc["by"], len(doc["path"])) == ("KOR", 2035, 12)
    table = runner.invoke(app, ["burden", "path", "--country", "KOR", "--target", "3.5", "--by", "2035",
                                "--gdp-growth", "2.0", "--db", str(db)])
    assert "KOR: 2.56 % of GDP in 2024 to 3.5 % by 2035 needs 4.93 % real growth a year" in table.output
    oz = runner.invoke(app, ["burden", "oz", "--alliance", "NATO", "--year", "2024", "-f", "json", "--db", str(db)])
    assert json.loads(oz.output)["n"] == 31


def test_balance_with_chart(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "balance.svg"
    result = runner.invoke(app, ["balance", "--members", "USA,KOR,JPN,AUS,PHL", "--vs", "CHN,PRK,RUS", "--from",
                                 "2000", "--to", "2024", "--chart", str(chart), "-f", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["year"] for r in rows] == list(range(2000, 2025))
    svg = chart.read_text()
    assert "Source: SIPRI Milex data to 2024" in svg and "USA,KOR,JPN,AUS,PHL" in svg


def test_data_import_twice_and_status(runner: CliRunner, db: Path) -> None:
    wide = Path(__file__).parent / "fixtures" / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_allied_test.csv"
    first = runner.invoke(app, ["data", "import", "worldbank", str(wide), "-f", "json", "--db", str(db)])
    second = runner.invoke(app, ["data", "import", "worldbank", str(wide), "-f", "json", "--db", str(db)])
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert json.loads(first.output)[0]["changed"] is True
    assert json.loads(second.output)[0]["note"] == "already imported (same SHA-256); nothing changed"
    status = json.loads(runner.invoke(app, ["data", "status", "-f", "json", "--db", str(db)]).output)
    gdp = [(r["origin"], r["in_use"]) for r in status if r["dataset"] == "worldbank:NY.GDP.MKTP.CD"]
    assert gdp == [("imported", True), ("snapshot", False)]


def test_bad_import_kind_and_missing_file(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["data", "import", "imf", str(tmp_path / "x.csv"), "--db", str(db)])
    assert (bad.exit_code, bad.output.strip()) == (
        1, "Error: kind: 'imf' is not allowed; expected sipri | nato | worldbank | atop | nmc")
    missing = runner.invoke(app, ["data", "import", "nmc", str(tmp_path / "x.csv"), "--db", str(db)])
    assert (missing.exit_code, missing.output.strip()) == (1, f"Error: {tmp_path / 'x.csv'}: no such file")


def test_pacts_without_atop(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["pacts", "--country", "KOR", "--year", "2010", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: ATOP data are not in the store; import the ATOP v5.1 member-level "
                                     "file first: allied data import atop atop5_1m.csv")
