"""An obligations result as the faces show it: one entry per state (machine formats) or grouped by treaty
and article (people: "North Atlantic Treaty Art. 5: 26 states"), every entry with its clause's words and
source (primary sources first). Presentation only: every value comes from the engine's result or from the
reference model's clause it names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from allied.reference import load
from allied.viz.sources import cite, clause_source, strength_label, treaty_name


@dataclass(frozen=True, slots=True)
class Entry:
    """One state (or, grouped, several states) in one status under one treaty article."""

    status: str  # bound | consult | contested | if <condition>
    round: int
    states: tuple[str, ...]
    treaty: str
    article: str
    strength: str
    reason: str
    quote: str
    verified: bool | None
    source: str  # cited: primary sources first


def state_name(code: str | None) -> str:
    """A state's English name from the reference model ('' for no state, the code when it is unknown)."""
    if not code:
        return ""
    state = load().states.get(code)
    return state.name if state is not None else code


def _clause(treaty: str, article: str) -> tuple[str, bool | None]:
    t = load().treaties.get(treaty)
    for clause in t.clauses if t is not None else ():
        if clause.article == article:
            return clause.quote, clause.verified
    return "", None


def _entry(status: str, rnd: int, e: Mapping[str, Any]) -> Entry:
    article = str(e.get("article") or "")
    quote, verified = (str(e["quote"]), e.get("verified")) if e.get("quote") else _clause(e["treaty"], article)
    source = e.get("source") or clause_source(e["treaty"], article or None)
    return Entry(status, rnd, (e["state"],), e["treaty"], article, str(e.get("strength") or ""),
                 str(e.get("reason") or ""), quote, verified, cite(source))


def entries(result: Mapping[str, Any]) -> list[Entry]:
    """Every state of an ``allied.obligations`` result: bound (round 1 and the cascade's rounds), contested
    and conditional, each with its clause's words and source."""
    out = [_entry("consult" if o["strength"] == "consult" else "bound", 1, o) for o in result["obligations"]]
    out += [_entry("contested", 1, c) for c in result["contested"]]
    out += [_entry(f"if {str(c['condition']).replace('_', ' ')}", 1, c) for c in result["conditional"]]
    for rd in result.get("rounds", [])[1:]:
        out += [_entry("bound", int(rd["round"]), o) for o in rd["bound"]]
    return out


def grouped(items: Iterable[Entry]) -> list[Entry]:
    """Entries that differ only in their state merged into one, in the order of their first state."""
    groups: dict[tuple[Any, ...], Entry] = {}
    for e in items:
        key = (e.status, e.round, e.treaty, e.article, e.strength, e.reason)
        seen = groups.get(key)
        groups[key] = e if seen is None else replace(seen, states=(*seen.states, *e.states))
    return list(groups.values())


def states_label(states: tuple[str, ...]) -> str:
    """'Belgium', 'Belgium, Canada' or, for more than three, '26 states'."""
    if len(states) > 3:
        return f"{len(states)} states"
    return ", ".join(state_name(s) for s in states)


def clause_label(treaty: str, article: str) -> str:
    """'North Atlantic Treaty Art. 5'; a treaty whose name already names its article is not repeated."""
    name = treaty_name(treaty)
    if not article or f"Article {article}" in name:
        return name
    return f"{name} Art. {article}"


def record(e: Entry) -> dict[str, Any]:
    """An entry with one state as a machine-format row (ids, not names)."""
    return {"status": e.status, "round": e.round, "state": e.states[0], "treaty": e.treaty,
            "article": e.article, "strength": e.strength, "reason": e.reason, "quote": e.quote,
            "verified": e.verified, "source": e.source}


def human(e: Entry, note: str = "") -> dict[str, Any]:
    """An entry as a row for people: names, the article, the strength in words, and its clause's note."""
    return {"status": e.status, "round": e.round, "states": states_label(e.states),
            "treaty, article": clause_label(e.treaty, e.article), "strength": strength_label(e.strength),
            "reason": e.reason, "clause": note}
