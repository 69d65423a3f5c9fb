"""Announcements and statements (part of stage ``events``): a speaker and a communicating act; an
announcement also needs a future event or a decision; remarks made at an event told in the same sentence
fold into that event."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allied.model import Actor, Event, Mention
from allied.news.arguments import actor, bilateral

if TYPE_CHECKING:
    from allied.news.extractor import Extractor, View


def communications(ex: Extractor, v: View, others: list[Event]) -> list[Event]:
    out: list[Event] = []
    strong = ex.triggers(v, "announce") + ex.triggers(v, "communication")
    says = [m for m in ex.triggers(v, "say") if date_in_clause(ex, v, m.start())]
    statements = ex.triggers(v, "statement")
    attribution = ex.lex.find("markers", "attribution", ex.doc.text, v.span.start, v.span.end)
    at_forum = any(not bilateral(ex.index, f.id) for f in v.of("forum")) and bool(ex.triggers(v, "attend"))
    said = {m.start() for m in statements}
    for m in strong + says + statements:
        if at_forum and m in ex.triggers(v, "communication"):
            continue  # "while attending the SLD, Dong will deliver a speech": part of the forum (GUIDELINES §5)
        if any(a.start() <= m.start() < a.end() + 25 for a in attribution):
            continue
        who = speaker(ex, v, m.start())
        if who is None or ex.blocked(v, m.start()):
            continue
        if any(who.id in {a.id for a in e.actors} for e in others if not e.cues.reference or e.type == "forum"):
            continue
        # "told reporters" states positions; a decision or plan told to them ("plans to raise its budget by
        # 10 percent") is still an announcement
        plan = ex.lex.has("pledges", "cues", ex.doc.text, m.start(), v.span.end)
        told = m in says and any(s <= m.start() < s + 3 for s in said) and not plan
        kind = "statement" if m in statements or told else "announcement"
        ev = communication(ex, v, m, who, kind, others)
        if ev and ev.type == "statement" and any(
            e.type in ("meeting", "forum") and e.status == "occurred" and not e.cues.reference for e in others
        ):
            break  # a read-out that tells the talks ("發布聲明，證實赫塞斯九日與董軍通話") is part of them (§5)
        if ev:
            out.append(ev)
            break
    return out


def communication(
    ex: Extractor, v: View, m: re.Match[str], speaker: Actor, kind: str, others: list[Event]
) -> Event | None:
    tail = (m.start(), v.span.end)
    about_plans = bool(ex.triggers(v, "visit") or ex.triggers(v, "meeting")) and any(
        e.status == "planned" for e in ex.events
    )
    previous = [e for e in ex.events if e.evidence and e.evidence[-1].end <= v.span.start]
    demonstrative = bool(
        ex.lex.find("anaphora", "demonstrative", ex.doc.text, v.span.start, min(v.span.end, v.span.start + 6))
    )
    about_previous = demonstrative and bool(previous) and previous[-1].status == "planned"
    content = (
        about_previous
        or ex.lex.has("markers", "future", ex.doc.text, *tail)
        or ex.lex.has("pledges", "cues", ex.doc.text, v.span.start, v.span.end)
        or any(e.status == "planned" for e in others)
        or about_plans
    )
    if kind == "announcement" and not content and date_in_clause(ex, v, m.start()):
        kind = "statement"  # a dated communication of positions, not of a plan or a decision
    elif kind == "announcement" and not content:
        ev = Event(
            type="announcement",
            actors=[speaker],
            countries=[speaker.country] if speaker.country else [],
            evidence=[v.span],
        )
        ev.cues.reference = True
        return ev
    date = ex.date_for(v, m.start(), communication=True) if date_in_clause(ex, v, m.start()) else None
    countries = {speaker.country}
    if kind == "statement":  # the states a statement is explicitly about (GUIDELINES §6, countries)
        countries |= {x.country for x in v.mentions if x.kind == "state" and x.span.start > m.start() and x.country}
    ev = ex.new(kind, v, m.start(), [speaker], countries, date)
    ev.status = "cancelled" if ev.status == "cancelled" else "occurred"
    return ev


def date_in_clause(ex: Extractor, v: View, pos: int) -> bool:
    lo, hi = ex.clause(v, pos)
    return any(d.precision == "day" and lo <= d.span.start < hi for d in v.dates)


def speaker(ex: Extractor, v: View, pos: int) -> Actor | None:
    lo, hi = ex.clause(v, pos)
    cands = [m for m in v.mentions if m.kind in ("organization", "person", "alliance") and m.id]
    spokes = [t for t in v.of("title") if lo - 80 <= t.span.start < pos and t.country and _spokesperson(ex, t)]
    if spokes and not any(m.span.end <= pos for m in cands) and spokes[-1].country in ex.index.ministries:
        ministry = ex.index.ministries[spokes[-1].country]  # "A Chinese defense spokesperson on Sunday protested"
        return Actor(ministry.id, ministry.name, "organization", ministry.country)
    if not cands:
        return None
    before = [m for m in cands if m.span.end <= pos and m.span.start >= lo - 80]
    orgs = [m for m in before if m.kind == "organization"]
    pick = (orgs or before)[-1] if before else min(cands, key=lambda m: abs(m.span.start - pos))
    return actor(pick)


def _spokesperson(ex: Extractor, t: Mention) -> bool:
    """A defense title ending in an official's word ("defense spokesperson"): the voice of the state's ministry."""
    officials = {ex.lex.norm(k) for k, c in ex.lex.table("titles").items() if c == "official"}
    return t.role == "defense" and ex.lex.norm(t.name.split()[-1]) in officials
