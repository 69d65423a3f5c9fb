"""`allied obligations`: single query, batch mode (PRODUCT.md contract), coverage, and errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from allied.cli import app


def test_single_query_json(runner: CliRunner) -> None:
    res = runner.invoke(app, ["obligations", "--attacker", "PRK", "--target", "KOR", "--place", "Seoul",
                              "--date", "2025-11-04", "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [(o["state"], o["treaty"], o["article"], o["strength"]) for o in doc["obligations"]] == [
        ("USA", "US_ROK_MDT", "III", "act_per_constitutional_processes")]


def test_single_query_table_and_cascade(runner: CliRunner) -> None:
    res = runner.invoke(app, ["obligations", "--attacker", "RUS", "--target", "LVA", "--place", "Riga",
                              "--date", "2005-06-01", "--cascade", "1", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "status,round,state,treaty,article,strength,reason,quote,verified,source"
    assert sum(1 for line in lines if line.startswith("bound,1,")) == 25
    assert "bound,2,ARG,RIO_TIAR,3(1),assist_as_deemed_necessary," in res.stdout


def test_batch_jsonl_contract(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "c1", "attack": {"attacker": "PRK", "target": "KOR", "place": "Seoul", "lat": 37.57,
                                           "lon": 126.98, "date": "2025-11-04", "kind": "territory"}}) + "\n"
        + json.dumps({"id": "c2", "attack": {"attacker": "PRK", "target": "KOR", "place": "Seoul",
                                             "date": "2025-11-04", "kind": "submarine"}}) + "\n"
        + json.dumps({"id": "c3", "attack": {"attacker": "AZE", "target": "ARM", "place": "Yerevan",
                                             "date": "2023-01-01", "request": True}}) + "\n")
    res = runner.invoke(app, ["obligations", "--batch", str(src), "--format", "jsonl"])
    assert res.exit_code == 1, res.output  # every line answered; one of them is an error
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in out] == ["c1", "c2", "c3"]
    first = out[0]["obligations"][0]
    assert {k: first[k] for k in ("state", "treaty", "article", "strength")} == {
        "state": "USA", "treaty": "US_ROK_MDT", "article": "III", "strength": "act_per_constitutional_processes"}
    assert first["reason"] and first["quote"] and out[0]["contested"] == []
    assert out[1] == {"id": "c2", "error": "kind: 'submarine' is not allowed; expected one of territory, vessel, "
                                           "aircraft, forces"}
    assert sorted(o["state"] for o in out[2]["obligations"]) == ["BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_coverage_command_writes_files(runner: CliRunner, tmp_path: Path) -> None:
    base = tmp_path / "cov"
    res = runner.invoke(app, ["obligations", "coverage", "--attacker", "CHN", "--date", "2025-11-04",
                              "--resolution", "2", "--out", str(base), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["geojson"] == str(base.with_suffix(".geojson")) and doc["png"] == str(base.with_suffix(".png"))
    assert base.with_suffix(".geojson").exists() and base.with_suffix(".png").exists()
    assert {"target": "KOR", "states_bound": 1, "treaties": ["US_ROK_MDT"], "bound": ["USA"],
            "consult": []} in doc["groups"]


def test_errors_exit_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["obligations", "--attacker", "PRK", "--place", "Seoul", "--date", "1850-01-01"])
    assert res.exit_code == 1
    assert "Error: date: '1850-01-01' is not allowed; expected a date from 1900-01-01 on" in res.stderr
    res = runner.invoke(app, ["obligations", "--batch", str(tmp_path / "missing.jsonl"), "--format", "jsonl"])
    assert res.exit_code == 1 and "Error: --batch: cannot read" in res.stderr
    res = runner.invoke(app, ["obligations", "--batch", str(tmp_path / "x.jsonl"), "--format", "table"])
    assert res.exit_code == 1 and "Error: --format: 'table' is not allowed" in res.stderr
