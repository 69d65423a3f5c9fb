"""Fixtures of the news tests: our own invented articles (tests/news/fixtures) and the dev corpus, which is
read from ../shared (the tests that need it skip where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures"


def corpus(*parts: str) -> Path:
    return shared_path("corpus", "dev", *parts)


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
    return shared_path("tools", "score_events.py")
