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


def _note_parts(row: Any) -> list[str]:
    return [p for p in str(row.get("note") or "").split("; ") if p]


def common_notes(rows: Any) -> list[str]:
    """The parts of the rows' notes that every row shares (shown once, not on every row)."""
    parts = [_note_parts(r) for r in rows or []]
    return [p for p in parts[0] if all(p in other for other in parts[1:])] if parts else []


def own_note(row: Any, rows: Any) -> str:
    """The parts of a row's note that not every row shares."""
    shared = common_notes(rows)
    return "; ".join(p for p in _note_parts(row) if p not in shared)


def sentence(text: Any) -> str:
    """A note as a sentence: capital first letter, full stop at the end ('' stays '')."""
    words = str(text or "").strip()
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words.endswith((".", "!", "?")) else words + "."


FILTERS = {"num": num, "bn": bn, "pct": pct, "http_url": http_url, "sources": sources, "treaty_name": treaty_name,
           "strength_label": strength_label, "clause_source": clause_cited, "legend": legend,
           "flag_legend": flag_legend, "common_notes": common_notes, "own_note": own_note, "sentence": sentence}
