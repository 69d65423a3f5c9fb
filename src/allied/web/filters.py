"""Number formats for the pages: missing values show as a dash, never as 0."""

from __future__ import annotations

from typing import Any

from allied.viz.sources import SourcePart, safe_url, source_parts

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


def http_url(value: Any) -> str | None:
    """An http(s) address, or None: a ``javascript:`` or other address from an article is never a link."""
    return safe_url(value)


def sources(value: Any) -> list[SourcePart]:
    """A source string's parts, primary sources first; parts with an http(s) address carry it as ``url``."""
    return source_parts(value if isinstance(value, str) else None)


FILTERS = {"num": num, "bn": bn, "pct": pct, "http_url": http_url, "sources": sources}
