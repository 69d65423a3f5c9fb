"""Every CLI command and every public function is documented."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import typer

import allied
from allied.cli import app


def _commands(group: Any, prefix: str = "allied") -> list[tuple[str, Any]]:
    """Walk the command tree (typer ships its own click, so groups are recognised by their methods)."""
    out = []
    for name in group.list_commands(None):
        cmd = group.get_command(None, name)
        assert cmd is not None
        out.append((f"{prefix} {name}", cmd))
        if hasattr(cmd, "list_commands"):
            out.extend(_commands(cmd, f"{prefix} {name}"))
    return out


def test_every_cli_command_has_help_and_every_option_is_described() -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) >= 5
    for path, cmd in commands:
        assert (cmd.help or "").strip(), f"{path} has no help text"
        for param in cmd.params:
            if getattr(param, "param_type_name", "") == "option" and param.name not in ("help", "version"):
                assert (param.help or "").strip(), f"{path} option {param.opts} has no help text"


def test_every_public_function_has_a_docstring() -> None:
    for name in allied.__all__:
        obj = getattr(allied, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert (obj.__doc__ or "").strip(), f"allied.{name} has no docstring"


def test_every_command_help_has_an_example() -> None:
    root = typer.main.get_command(app)
    assert "Example: allied " in (root.help or "")
    for path, cmd in _commands(root):
        assert "Example: allied " in (cmd.help or ""), f"{path} --help has no example"


def test_h_is_help_everywhere(runner: Any) -> None:
    for args in (["-h"], ["burden", "path", "-h"], ["treaty", "list", "-h"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0 and "Usage:" in res.stdout, args


def test_docs_page_lists_every_command_field_and_strength(runner: Any) -> None:
    from allied.cli.fields import FIELDS
    from allied.model.reference import STRENGTHS

    res = runner.invoke(app, ["docs"])
    assert res.exit_code == 0, res.stderr
    page = res.stdout
    for path, cmd in _commands(typer.main.get_command(app)):
        if not hasattr(cmd, "list_commands") or cmd.callback is not None:
            assert f"### `{path}`" in page, path
    for fields in FIELDS.values():
        for name, _, _ in fields:
            assert f"| `{name}` |" in page, name
    for strength in STRENGTHS:
        assert f"- `{strength}` (" in page
    assert "- `2`: usage" in page


def _keys(rows: Any) -> set[str]:
    return {k for r in (rows if isinstance(rows, list) else [rows]) for k in r}


def test_every_output_field_is_documented(db: Any) -> None:
    """The fields the commands really return are the ones `allied docs` explains (so it cannot drift)."""
    from allied.cli.fields import FIELDS

    documented = {cmd: {f for f, _, _ in fields} for cmd, fields in FIELDS.items()}
    path = allied.burden_path("KOR", 3.5, 2035, db=db)
    got = {
        "burden": _keys(allied.burden(alliance="NATO", year=2024, db=db)),
        "burden path": _keys(path), "burden path (path rows)": _keys(path["path"]),
        "burden oz": _keys(allied.olson_zeckhauser(alliance="NATO", year=2024, db=db)),
        "balance": _keys(allied.balance("USA", "CHN", 2010, 2011, db=db)),
        "treaty list": _keys(allied.treaties(state="KOR", date="2025-11-04")) | _keys(allied.treaties()),
        "data status": _keys(allied.data_status(db)),
        "official find": _keys(allied.find_officials("Hegseth")),
    }
    attack = {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"}
    result = allied.obligations(attack, cascade=1)
    got["obligations"] = _keys(result)
    got["obligations (each obligation)"] = _keys(result["obligations"])
    for cmd, keys in got.items():
        assert keys <= documented[cmd], f"{cmd}: undocumented {sorted(keys - documented[cmd])}"


def test_shell_completion_completes_commands_and_options() -> None:
    import os
    import subprocess
    import sys

    def complete(words: str, cword: int) -> list[str]:
        env = {**os.environ, "_ALLIED_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
        script = Path(sys.executable).parent / "allied"  # the console script pip installs
        done = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
        return done.stdout.split()

    assert complete("allied bur", 1) == ["burden"]
    assert "--source" in complete("allied burden --so", 2)


def test_show_completion_prints_a_script(runner: Any) -> None:
    res = runner.invoke(app, ["--show-completion", "bash"])
    assert res.exit_code == 0 and "_ALLIED_COMPLETE=complete_bash" in res.stdout
