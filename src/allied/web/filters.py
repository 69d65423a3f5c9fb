"""Number formats for the pages: missing values show as a dash, never as 0."""

from __future__ import annotations

from typing import Any

from allied.viz.sources import (
    MARKERS,
    SourcePart,
    clause_source,
    markers_in,
    safe_url,
    source_parts,
    strength_label,
    treaty_name,
)

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


def clause_cited(treaty: Any, article: Any = None) -> str:
    """The source of a treaty's clause (of the treaty when no article is given), from the reference model."""
    return clause_source(str(treaty), str(article) if article else None)


def legend(values: Any) -> list[dict[str, str]]:
    """The [V]/[M] markers in a list of source strings, each with what it means."""
    return [{"mark": m, "text": MARKERS[m]} for m in markers_in(*(v for v in values if isinstance(v, str)))]


def flag_legend(rows: Any) -> list[dict[str, str]]:
    """Each flag the figures rows carry (a footnote symbol, 'note N', estimate, ...) once, with its meaning."""
    seen: dict[str, str] = {}
    for r in rows or []:
        for n in r.get("flag_notes") or []:
            seen.setdefault(str(n["flag"]), str(n["meaning"]))
    return [{"flag": k, "meaning": v} for k, v in seen.items()]


FILTERS = {"num": num, "bn": bn, "pct": pct, "http_url": http_url, "sources": sources, "treaty_name": treaty_name,
           "strength_label": strength_label, "clause_source": clause_cited, "legend": legend,
           "flag_legend": flag_legend}
