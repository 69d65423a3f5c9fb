"""Reference objects as plain records (dicts) for output, each fact with its source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allied.model import Official, Treaty
from allied.reference.loader import Reference, load
from allied.reference.queries import parse_date, state_code, treaties_of


def treaty_record(t: Treaty, ref: Reference | None = None) -> dict[str, Any]:
    """A treaty as a record: dates, parties with their periods, suspensions and quoted clauses, with sources."""
    ref = ref or load()
    parties = [
        {"state": p.state, "name": ref.states[p.state].name, "start": p.start, "end": p.end,
         "status": p.status, "note": p.note, "source": p.source}
        for p in sorted(t.parties, key=lambda p: (p.start, p.state))
    ]
    suspensions = [
        {"obligor": s.obligor, "beneficiary": s.beneficiary, "start": s.start, "end": s.end,
         "effect": s.effect, "note": s.note, "source": s.source}
        for s in t.suspensions
    ]
    clauses = [
        {"article": c.article, "strength": c.strength, "trigger": c.trigger, "scope": list(c.scope),
         "kinds": list(c.kinds), "conditions": list(c.conditions), "quote": c.quote,
         "verified": c.verified, "source": c.source}
        for c in t.clauses
    ]
    return {"id": t.id, "name": t.name, "signed": t.signed, "in_force": t.in_force,
            "terminated": t.terminated, "source": t.source, "notes": t.notes, "parties": parties,
            "suspensions": suspensions, "clauses": clauses}


def treaty_rows(state: str | None = None, date: str | dt.date | None = None,
                ref: Reference | None = None) -> list[dict[str, Any]]:
    """One row per treaty; with ``state`` (and ``date``, default today) only the state's treaties."""
    ref = ref or load()
    if state is None:
        chosen = list(ref.treaties.values())
        day = parse_date(date) if date else None
    else:
        day = parse_date(date) if date else dt.date.today()
        chosen = treaties_of(state_code(state, ref), day, ref)
    rows = []
    for t in chosen:
        row: dict[str, Any] = {"id": t.id, "name": t.name, "in_force": t.in_force, "terminated": t.terminated}
        if state is not None:
            code = state_code(state, ref)
            since = max(p.start for p in t.parties if p.state == code and p.covers(day))  # type: ignore[arg-type]
            row["party_since"] = max(since, t.in_force)
        elif day is not None:
            row["parties_on_date"] = len(t.parties_on(day))
        row["source"] = t.source
        rows.append(row)
    return rows


def official_record(o: Official) -> dict[str, Any]:
    return {"id": o.id, "name": o.name, "native_name": o.native_name, "country": o.country, "role": o.role,
            "organization": o.organization, "start": o.start or None, "end": o.end or None,
            "aliases": list(o.aliases), "source": o.source, "notes": o.notes}
