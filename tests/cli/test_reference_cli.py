"""The CLI runs the real thing in-process and prints exact, parseable output."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from allied.cli import app


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version(runner: CliRunner) -> None:
    import allied

    code, out, _ = run(runner, "--version")
    assert (code, out) == (0, f"allied {allied.__version__}\n")


def test_treaty_list_korea_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "treaty", "list", "--state", "KOR", "--date", "2025-11-04", "--format", "json")
    assert code == 0
    assert "US_ROK_MDT" in [row["id"] for row in json.loads(out)]


def test_treaty_list_finland_before_and_after_accession(runner: CliRunner) -> None:
    _, after, _ = run(runner, "treaty", "list", "--state", "FIN", "--date", "2024-06-01", "-f", "json")
    _, before, _ = run(runner, "treaty", "list", "--state", "FIN", "--date", "2023-01-01", "-f", "json")
    nato = [r for r in json.loads(after) if r["id"] == "NATO"]
    assert nato and nato[0]["party_since"] == "2023-04-04"
    assert "NATO" not in [r["id"] for r in json.loads(before)]


def test_treaty_list_sweden(runner: CliRunner) -> None:
    _, out, _ = run(runner, "treaty", "list", "--state", "SWE", "--date", "2024-03-07", "-f", "json")
    assert [r["party_since"] for r in json.loads(out) if r["id"] == "NATO"] == ["2024-03-07"]


def test_treaty_show_json_has_parties_and_quoted_clauses(runner: CliRunner) -> None:
    code, out, _ = run(runner, "treaty", "show", "NATO", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["id"] == "NATO"
    (swe,) = [p for p in doc["parties"] if p["state"] == "SWE"]
    assert (swe["start"], swe["end"], swe["status"]) == ("2024-03-07", None, "party")
    art5 = [c for c in doc["clauses"] if c["article"] == "5"][0]
    assert art5["strength"] == "assist_as_deemed_necessary" and "attack against them all" in art5["quote"]


def test_treaty_show_csv_lists_parties(runner: CliRunner) -> None:
    code, out, _ = run(runner, "treaty", "show", "NATO", "-f", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("state,name,start,end,status")
    assert len(lines) == 1 + len({p.state for p in __import__("allied").treaty("NATO").parties})


def test_official_find_hangul_and_romanisation(runner: CliRunner) -> None:
    for query in ("안규백", "Ahn Kyu-back"):
        code, out, _ = run(runner, "official", "find", query, "-f", "json")
        (hit,) = json.loads(out)
        assert code == 0
        assert (hit["name"], hit["start"], hit["end"]) == ("Ahn Gyu-back", "2025-07-25", None)
        assert hit["source"].startswith("https://")


def test_unknown_state_is_a_clean_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "treaty", "list", "--state", "XYZ", "--date", "2020-01-01")
    assert code == 1 and out == ""
    assert err.startswith("Error: state: 'XYZ' is not allowed; expected an ISO 3166-1 alpha-3 code")


def test_unknown_format_is_a_clean_error(runner: CliRunner) -> None:
    code, _, err = run(runner, "treaty", "list", "-f", "yaml")
    assert code == 1 and "Error: --format: 'yaml' is not allowed; expected table | json | jsonl | csv" in err


def test_malformed_date_is_a_clean_error(runner: CliRunner) -> None:
    code, _, err = run(runner, "treaty", "list", "--state", "KOR", "--date", "04.11.2025")
    assert code == 1 and "Error: date: '04.11.2025' is not allowed; expected a date as YYYY-MM-DD" in err
