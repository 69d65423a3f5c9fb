"""Where the store lives (without loading DuckDB: commands that only print it stay fast)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def default_path() -> Path:
    """``$ALLIED_DB`` if set, else ``allied.duckdb`` in the user's data directory."""
    env = os.environ.get("ALLIED_DB")
    if env:
        return Path(env)
    return platformdirs.user_data_path("allied", appauthor=False) / "allied.duckdb"
