"""Number formats for the pages: missing values show as a dash, never as 0."""

from __future__ import annotations

from typing import Any

DASH = "—"


def num(value: Any, digits: int = 2) -> str:
    if value is None:
        return DASH
    return f"{float(value):,.{digits}f}"


def bn(value: Any) -> str:
    """US dollars as billions."""
    return DASH if value is None else f"{float(value) / 1e9:,.2f}"


def pct(value: Any) -> str:
    """A fraction as percent."""
    return DASH if value is None else f"{100 * float(value):,.2f}"


FILTERS = {"num": num, "bn": bn, "pct": pct}
