"""Fixtures of the news tests: our own invented articles (tests/news/fixtures) and the dev corpus, which is
read from ../shared (the tests that need it skip where it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("ALLIED_SHARED", Path(__file__).resolve().parents[2].parent / "shared")).resolve()


def corpus(*parts: str) -> Path:
    path = SHARED.joinpath("corpus", "dev", *parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared dev corpus")
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def dev_dir() -> Path:
    return corpus("articles")


@pytest.fixture
def dev_articles(dev_dir: Path) -> list[Path]:
    return sorted(dev_dir.glob("*.txt"))


@pytest.fixture
def dev_gold() -> Path:
    return corpus("gold.jsonl")


@pytest.fixture
def scorer() -> Path:
    path = SHARED / "tools" / "score_events.py"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path
