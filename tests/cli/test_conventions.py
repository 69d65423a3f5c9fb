"""What every command shares: exit codes, -o FILE, --width, --format parquet, --db checks, empty answers."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from allied.cli import app


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text("Pistorius in Vilnius\nVerteidigungsminister Boris Pistorius besuchte am Montag Vilnius.\n",
                    encoding="utf-8")
    unsupported = tmp_path / "portuguese.txt"  # a language allied has no pack for
    unsupported.write_text("Título\nEste é um texto em português sobre a OTAN e a defesa coletiva.\n", encoding="utf-8")
    return {"good": good, "unsupported": unsupported, "missing": tmp_path / "missing.txt"}


def test_extract_exits_0_when_every_document_is_read(runner: CliRunner, articles: dict[str, Path]) -> None:
    res = runner.invoke(app, ["extract", str(articles["good"])])
    assert res.exit_code == 0, res.stderr
    assert "error" not in json.loads(res.stdout)


def test_extract_exits_1_when_some_documents_fail_each_with_an_error(runner: CliRunner,
                                                                      articles: dict[str, Path]) -> None:
    res = runner.invoke(app, ["extract", str(articles["good"]), str(articles["unsupported"]), str(articles["missing"])])
    assert res.exit_code == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [("error" in r) for r in lines] == [False, True, True]
    assert "language 'pt' is not supported" in lines[1]["error"] and "no such file" in lines[2]["error"]
    assert "2 of 3 documents failed" in res.stderr


def test_extract_exits_2_on_a_usage_error(runner: CliRunner, articles: dict[str, Path]) -> None:
    res = runner.invoke(app, ["extract", str(articles["good"]), "--published", "2025-13-01"])
    assert res.exit_code == 2 and "Error: published: '2025-13-01' is not allowed" in res.stderr


def test_ingest_exits_1_when_a_document_fails(runner: CliRunner, articles: dict[str, Path], db: Path) -> None:
    res = runner.invoke(app, ["ingest", str(articles["good"]), str(articles["unsupported"]), "--db", str(db),
                              "-f", "json"])
    assert res.exit_code == 1
    rows = json.loads(res.stdout)
    assert [r["doc"] for r in rows if "error" in r] == ["portuguese"]


def test_out_writes_the_file_and_nothing_else(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "treaties.csv"
    res = runner.invoke(app, ["treaty", "list", "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0 and res.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("id,name,")


def test_out_in_a_missing_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["treaty", "list", "-o", str(tmp_path / "no" / "such" / "x.csv")])
    assert res.exit_code == 1 and "Error: --out:" in res.stderr and "a folder that exists" in res.stderr


def test_parquet_needs_a_file_and_writes_columns(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["treaty", "list", "-f", "parquet"])
    assert res.exit_code == 1 and "parquet with -o FILE.parquet" in res.stderr
    out = tmp_path / "t.parquet"
    res = runner.invoke(app, ["treaty", "list", "-f", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    table = pq.read_table(out)
    assert "NATO" in table.column("id").to_pylist()


@pytest.mark.parametrize("width", [60, 200])
def test_tables_fit_the_width(runner: CliRunner, width: int) -> None:
    res = runner.invoke(app, ["treaty", "list", "--width", str(width)])
    assert res.exit_code == 0
    assert max(len(line) for line in res.stdout.splitlines()) <= width


def test_db_in_a_missing_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "store.duckdb"
    res = runner.invoke(app, ["events", "--db", str(missing)])
    assert res.exit_code == 1 and "Error: --db:" in res.stderr
    assert not missing.parent.exists()


def test_empty_answers_say_why(runner: CliRunner, db: Path) -> None:
    res = runner.invoke(app, ["itinerary", "Nobody Atall", "--db", str(db)])
    assert res.exit_code == 0 and "Nothing found: no stops for Nobody Atall in the store" in res.stdout
    res = runner.invoke(app, ["events", "--country", "KOR", "--db", str(db)])
    assert "Nothing found: no stored event matches country KOR" in res.stdout
    res = runner.invoke(app, ["events", "--country", "KOR", "--db", str(db), "-f", "json"])
    assert json.loads(res.stdout) == [] and "Nothing found" in res.stderr


def test_markup_in_values_is_shown_as_text(runner: CliRunner) -> None:
    res = runner.invoke(app, ["official", "find", "[/bold]"])
    assert res.exit_code == 0
    assert "Nothing found: no official's name or alias matches '[/bold]'" in res.stdout


def test_data_status_names_the_store_the_snapshot_and_the_news(runner: CliRunner, db: Path) -> None:
    res = runner.invoke(app, ["data", "status", "--db", str(db), "--width", "200"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith(f"Store: {db}\n")
    for needle in ("nato", "nmc", "COW NMC, version 2021", "1816-2016", "snapshot",
                   "News: no ingested articles"):
        assert needle in res.stdout, needle


def test_a_brief_saved_as_name_json_is_not_taken_for_the_articles_sidecar(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "visit.txt"
    article.write_text("Pistorius in Vilnius\nVerteidigungsminister Boris Pistorius besuchte am Montag Vilnius.\n",
                       encoding="utf-8")
    res = runner.invoke(app, ["brief", str(article), "--published", "2024-05-06", "-f", "json",
                              "-o", str(tmp_path / "visit.json")])  # the `brief -f json > X.json` trap
    assert res.exit_code == 0, res.stderr
    assert json.loads((tmp_path / "visit.json").read_text(encoding="utf-8"))["published"] == "2024-05-06"
    doc = json.loads(runner.invoke(app, ["extract", str(article)]).stdout)
    assert doc["published"] is None and "error" not in doc  # the brief is not metadata of visit.txt
    (tmp_path / "visit.json").write_text(json.dumps({"published": "2024-05-07", "outlet": "Example"}),
                                         encoding="utf-8")
    doc = json.loads(runner.invoke(app, ["extract", str(article)]).stdout)
    assert doc["published"] == "2024-05-07" and doc["outlet"] == "Example"  # a real sidecar still is one
    (tmp_path / "visit.json").write_text(json.dumps({"rows": [1, 2]}), encoding="utf-8")
    assert json.loads(runner.invoke(app, ["extract", str(article)]).stdout)["published"] is None


@pytest.mark.parametrize("args", [
    ["obligations", "--date", "2025-11-04", "--lat", "30", "--lon", "130", "--kind", "vessel"],
    ["obligations", "--place", "Seoul"],
    ["obligations", "--date", "2025-11-04", "--lat", "0", "--lon", "-150"],
    ["balance", "--members", "USA", "--vs", "CHN", "--from", "2030", "--to", "2031"],
    ["burden", "--alliance", "NATO", "--year", "2030"],
    ["events", "--forum", "nope"],
])
def test_no_message_shows_none(runner: CliRunner, args: list[str]) -> None:
    res = runner.invoke(app, [*args, "--width", "200"])
    assert res.stdout + res.stderr and "None" not in res.stdout + res.stderr, res.stdout + res.stderr


def test_a_year_with_no_data_names_the_latest_year_with_data(runner: CliRunner) -> None:
    for args in (["burden", "--alliance", "NATO", "--year", "2030"],
                 ["balance", "--members", "USA", "--vs", "CHN", "--from", "2030", "--to", "2031"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 1 and "2030" in res.stderr and "latest year with" in res.stderr
        assert "2024" in res.stderr
