"""`allied obligations` for people and for scripts: grouped answers with --expand, human names in tables and
ids in machine formats, every clause with its words and source (primary first), empty answers that say why,
and the coverage map written only where -o says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allied.cli import app

RIGA = ["obligations", "--attacker", "RUS", "--target", "LVA", "--place", "Riga", "--date", "2005-06-01"]


def _run(runner: CliRunner, *args: str) -> str:
    res = runner.invoke(app, [*args, "--width", "200"] if "-f" not in args else list(args))
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_the_table_groups_states_by_treaty_article(runner: CliRunner) -> None:
    out = _run(runner, *RIGA)
    assert "25 states" in out and "North Atlantic Treaty Art. 5" in out
    assert "assists with the action it deems necessary" in out  # the strength in words
    assert "NATO" not in out.replace("North Atlantic", "") and "assist_as_deemed_necessary" not in out
    assert out.count("│ bound") == 1 and "--expand lists each state" in out


def test_expand_lists_each_state_by_name(runner: CliRunner) -> None:
    out = _run(runner, *RIGA, "--expand")
    assert out.count("│ bound") == 25 and "Belgium" in out and "United States" in out
    assert "states" not in out.split("[1]")[0].split("┃ states")[1].split("\n", 2)[2][:400]
    assert "--expand lists" not in out


def test_the_table_quotes_each_clause_once_with_its_source_primary_first(runner: CliRunner) -> None:
    out = _run(runner, *RIGA, "--cascade", "1")
    clause = out.split("[1] North Atlantic Treaty Art. 5:", 1)[1]
    assert "“an armed attack against one or more of them in Europe" in clause.split("[2]")[0].replace("\n ", "")
    source = clause.split("Source:", 1)[1]
    assert source.index("statengeneraal") < source.index("treaties.md")  # the treaty text before the notes
    assert "[V] in a source: wording read in a retrieved source." in out
    assert "[2] Inter-American Treaty of Reciprocal Assistance (Rio Treaty) Art. 3(1)" in out


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_machine_formats_keep_one_row_per_state_with_ids_quote_and_source(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, *RIGA, "-f", fmt)
    rows = (list(csv.DictReader(io.StringIO(out))) if fmt == "csv"
            else [json.loads(line) for line in out.splitlines()])
    assert len(rows) == 25 and {r["treaty"] for r in rows} == {"NATO"}
    assert {r["strength"] for r in rows} == {"assist_as_deemed_necessary"}
    for r in rows:
        assert r["quote"].startswith("an armed attack against") and r["source"].startswith("statengeneraal")


def test_conditional_entries_carry_their_clause_and_source(runner: CliRunner) -> None:
    out = _run(runner, "obligations", "--attacker", "RUS", "--place", "Yerevan", "--date", "2020-01-01", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["status"] == "if request" and r["treaty"] == "CSTO_CST" for r in rows)
    assert all(r["quote"].startswith("All the other Member States") and "odkb-csto.org" in r["source"]
               for r in rows)
    table = _run(runner, "obligations", "--attacker", "RUS", "--place", "Yerevan", "--date", "2020-01-01")
    assert "if request" in table and "4 states" in table and "Source: https://en.odkb-csto.org" in table
    assert "[M] in a source" in table and "[V] in a source" in table  # '[M; Russian 1992 text V]'


def test_nobody_bound_says_what_was_asked(runner: CliRunner) -> None:
    res = runner.invoke(app, ["obligations", "--attacker", "USA", "--place", "Yerevan", "--date", "1950-01-01"])
    assert res.exit_code == 0
    assert ("Nothing found: no state is bound to respond to an attack on USSR, Union of Soviet Socialist "
            "Republics at Yerevan on 1950-01-01") in res.stdout
    assert "None" not in res.stdout + res.stderr


def test_coverage_writes_nothing_without_out(runner: CliRunner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["obligations", "coverage", "--attacker", "CHN", "--date", "2025-11-04",
                              "--resolution", "5", "--width", "200"])
    assert res.exit_code == 0, res.stderr
    assert list(tmp_path.iterdir()) == []
    assert "South Korea" in res.stdout and "-o OUT writes OUT.geojson and OUT.png" in res.stdout
    res = runner.invoke(app, ["obligations", "coverage", "--attacker", "CHN", "--date", "2025-11-04",
                              "--resolution", "5", "-o", str(tmp_path / "maps" / "chn")])
    assert res.exit_code == 1 and "Error: --out:" in res.stderr and list(tmp_path.iterdir()) == []
    res = runner.invoke(app, ["obligations", "coverage", "--attacker", "CHN", "--date", "2025-11-04",
                              "--resolution", "5", "-o", "chn"])
    assert res.exit_code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["chn.geojson", "chn.png"]
