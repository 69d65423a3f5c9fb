"""Shared test fixtures: where ../shared is, a throw-away store, and the CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALLIED_SHARED", ROOT.parent / "shared")).resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared release files / corpus")
    return path


@pytest.fixture
def shared() -> Path:
    return shared_path()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A path for a fresh DuckDB store in the test's own temporary directory."""
    return tmp_path / "allied.duckdb"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real store from a test."""
    monkeypatch.setenv("ALLIED_DB", str(tmp_path / "default.duckdb"))
