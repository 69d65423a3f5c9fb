"""The README's tour, command by command, on a fresh store in a folder with no ../shared: each command's
exit code and a fact in its output. The commands are read from the README, so the tour cannot drift."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allied.cli import app
from tests.conftest import ROOT

# command (as in the README, up to its comment) -> a fact its output holds
FACTS = {
    "allied --help": "brief",
    "allied brief examples/pistorius-baltics.txt -f html -o brief.html": "Brief written to brief.html",
    "allied obligations --attacker PRK --target KOR --place Seoul --date 2025-11-04":
        "Mutual Defense Treaty between the United States and the Republic of Korea Art. III",
    "allied obligations --attacker RUS --target LVA --place Riga --date 2005-06-01 --cascade 2":
        "North Atlantic Treaty Art. 5",
    "allied obligations coverage --attacker CHN --date 2025-11-04 --resolution 1 -o coverage-chn":
        "Map written to coverage-chn.geojson and coverage-chn.png",
    "allied burden --alliance NATO --year 2024 --source nato": "Germany",
    "allied burden path --country KOR --target 3.5 --by 2035": "KOR",
    "allied balance --members USA,KOR,JPN,AUS,PHL --vs CHN,PRK,RUS --from 2000 --to 2024": "COW NMC",
    "allied extract examples/*.txt --format jsonl": '"doc": "marles-indopazifik"',
    "allied ingest examples/*.txt": "marles-indopazifik",
    "allied itinerary \"Richard Marles\"": "Tokyo",
    "allied treaty list --state KOR --date 2025-11-04": "US_ROK_MDT",
    "allied treaty list --state FIN --date 2023-01-01 -f json": "EU_TEU_42_7",
    "allied treaty show NATO -f json": '"parties"',
    "allied official find \"안규백\"": "Ahn Gyu-back",
    "allied data status": "snapshot",
}
LONG_RUNNING = {"allied serve"}  # starts the dashboard (tested in tests/web)


def _tour() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## A short tour", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        line = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
        if line.startswith("allied"):
            commands.extend(c.strip() for c in line.split("&&"))
    return commands


def test_the_tour_is_the_readmes() -> None:
    assert [c for c in _tour() if c not in LONG_RUNNING] == list(FACTS)


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the examples, a fresh store, and no ../shared anywhere to be found."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    monkeypatch.chdir(work)
    monkeypatch.setenv("ALLIED_DB", str(tmp_path / "fresh" / "allied.duckdb"))
    monkeypatch.setenv("ALLIED_SHARED", str(tmp_path / "no-shared-here"))
    (tmp_path / "fresh").mkdir()
    return work


def _args(command: str, work: Path) -> list[str]:
    out = []
    for part in shlex.split(command)[1:]:
        out.extend(sorted(str(p.relative_to(work)) for p in work.glob(part)) if "*" in part else [part])
    return out


def test_every_tour_command_works_offline_on_a_fresh_store(fresh: Path) -> None:
    runner = CliRunner()
    for command, fact in FACTS.items():
        res = runner.invoke(app, [*_args(command, fresh), "--width", "200"] if "--help" not in command
                            else _args(command, fresh))
        assert res.exit_code == 0, (command, res.stderr, res.stdout[-500:])
        assert fact in res.stdout + res.stderr, (command, fact, res.stdout[-800:])
    assert (fresh / "brief.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    # files are written where -o says, and nowhere else in the working folder
    assert sorted(p.name for p in fresh.iterdir()) == ["brief.html", "coverage-chn.geojson", "coverage-chn.png",
                                                       "examples"]
    assert json.loads(CliRunner().invoke(app, ["treaty", "list", "--state", "FIN", "--date", "2023-01-01",
                                               "-f", "json"]).stdout)[0]["id"] != "NATO"
