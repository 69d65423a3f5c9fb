"""Every CLI command and every public function is documented."""

from __future__ import annotations

import inspect
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
