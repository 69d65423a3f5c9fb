"""Start-up: ``import allied`` loads no engine, and a command that answers from the reference alone loads
neither the figures nor the news engine (nor DuckDB, pandas, matplotlib). Times are in bench/bench_startup.py."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, runpy, sys
sys.argv = ["allied", *sys.argv[1:]]
try:
    runpy.run_module("allied", run_name="__main__")
except SystemExit:
    pass
heavy = ("duckdb", "pandas", "matplotlib", "scipy", "trafilatura", "lingua", "geopandas", "pyarrow", "pydantic")
print(json.dumps({"allied": sorted(m for m in sys.modules if m.startswith("allied.")),
                  "heavy": [m for m in heavy if m in sys.modules]}), file=sys.stderr)
"""


def _loaded(*argv: str) -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_import_allied_loads_no_engine() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys, allied; print(sorted(m for m in sys.modules "
                           "if m.startswith('allied') or m in ('duckdb', 'numpy', 'pandas')))"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "['allied']"


def test_a_reference_command_loads_neither_figures_nor_news() -> None:
    for argv in (["treaty", "list"], ["official", "find", "Hegseth"], ["--help"]):
        loaded = _loaded(*argv)
        engines = {m.split(".")[1] for m in loaded["allied"]}
        assert not engines & {"figures", "news", "web"}, (argv, sorted(engines))
        assert loaded["heavy"] == [], argv


def test_the_public_names_load_on_first_use_and_keep_their_identity() -> None:
    import allied.brief.build  # loading a subpackage named like a public function leaves the function
    import allied.obligations.api
    import allied.reference.loader

    assert callable(allied.brief) and callable(allied.obligations) and callable(allied.reference)
    assert allied.burden is __import__("allied.figures.api", fromlist=["burden"]).burden
    assert "burden" in dir(allied)
    try:
        allied.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no attribute 'no_such_name'" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_a_command_registers_only_its_own_module() -> None:
    from allied.cli.app import COMMANDS, asked

    loaded = set(_loaded("treaty", "list")["allied"])
    assert "allied.cli.reference" in loaded
    assert not loaded & {"allied.cli.news", "allied.cli.figures", "allied.cli.web", "allied.cli.brief"}
    assert asked(["treaty", "list", "-f", "json"]) == "treaty" and asked(["burden", "--help"]) == "burden"
    assert asked(["--version"]) == ""  # the root alone answers --version
    for whole in (["docs"], ["--help"], [], ["no-such-command"], ["--version", "--help"]):
        assert asked(whole) is None, whole  # these read (or list) every command
    assert set(COMMANDS) == {c.name for c in __import__("allied.cli", fromlist=["app"]).app.registered_commands} | {
        g.name for g in __import__("allied.cli", fromlist=["app"]).app.registered_groups}
