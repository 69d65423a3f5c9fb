"""`allied serve`: registered, localhost by default, and its options checked (the live server fixture of
the browser tests starts it for real)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from allied.cli import app


def test_serve_help_names_the_defaults(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    text = re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", result.output))
    assert "--host <str> Address to bind; the default keeps the dashboard on this machine. [default: 127.0.0.1]" in text
    assert "Port to listen on. [default: 8000]" in text
    assert "--db" in text


def test_serve_refuses_a_bad_port(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in result.output and "65535" in result.output


def test_the_live_server_answers_on_loopback(live_server: str) -> None:
    assert live_server.startswith("http://127.0.0.1:")
