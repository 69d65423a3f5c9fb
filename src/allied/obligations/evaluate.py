"""Clause evaluation: for an attack at a located point, each treaty's parties in time, the strongest
applicable article per (state, treaty), contested states and obligations that wait on a condition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from allied.model import (
    STRENGTHS,
    Attack,
    Clause,
    Conditional,
    Contested,
    Obligation,
    TerritoryContest,
    Treaty,
    Where,
)
from allied.obligations.conditions import registry
from allied.obligations.geodata import Geography
from allied.obligations.scopes import Ctx, Verdict, verdict
from allied.reference import Reference
from allied.reference.sovereignty import regime_on

RANK = {s: i for i, s in enumerate(STRENGTHS)}
BINDING = ("automatic_assistance", "assist_as_deemed_necessary", "act_per_constitutional_processes")


@dataclass
class Found:
    obligations: list[Obligation] = field(default_factory=list)
    contested: list[Contested] = field(default_factory=list)
    conditional: list[Conditional] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def assess(attack: Attack, target: str, where: Where, ref: Reference, geo: Geography) -> Found:
    """Every treaty's answer for ``attack`` on ``target`` at ``where``; attacker and target never listed."""
    found = Found()
    for treaty in ref.treaties.values():
        parties = frozenset(treaty.parties_on(attack.date))
        contested = frozenset(treaty.parties_on(attack.date, "contested"))
        if target in parties or target in contested:
            ctx = Ctx(attack, target, where, treaty, parties, ref, geo)
            _treaty(ctx, contested, found)
    found.obligations.sort(key=lambda o: (RANK[o.strength], o.treaty, o.state))
    found.contested.sort(key=lambda c: (c.treaty, c.state))
    return found


def _treaty(ctx: Ctx, contested: frozenset[str], found: Found) -> None:
    clauses = sorted((c for c in ctx.treaty.clauses if ctx.attack.kind in c.kinds), key=lambda c: RANK[c.strength])
    for c in ctx.treaty.clauses:
        if ctx.attack.kind not in c.kinds and c.kinds_note:
            found.notes.append(f"{ctx.treaty.id} Art. {c.article}: {c.kinds_note} ({ctx.attack.kind})")
    verdicts = [(c, verdict(c.scope, ctx)) for c in clauses]
    if not any(v for _, v in verdicts):
        return
    others = sorted((ctx.parties | contested) - {ctx.target, ctx.attack.attacker or ""})
    for state in others:
        _state(ctx, state, contested, verdicts, found)


def _party_note(treaty: Treaty, state: str, day: dt.date, status: str) -> str:
    for p in treaty.parties:
        if p.state == state and p.status == status and p.covers(day):
            return p.note or p.source
    return ""


def _state(ctx: Ctx, state: str, contested: frozenset[str], verdicts: list[tuple[Clause, Verdict]],
           found: Found) -> None:
    t, day, target = ctx.treaty, ctx.attack.date, ctx.target
    if target in contested:
        note = _party_note(t, target, day, "contested")
        found.contested.append(Contested(state, t.id, f"{ctx.name(target)}'s status as a party is contested: {note}"))
        return
    if state in contested:
        found.contested.append(Contested(state, t.id, f"{ctx.name(state)}'s status as a party is contested: "
                                                      f"{_party_note(t, state, day, 'contested')}"))
        return
    for s in t.suspensions:
        if s.obligor == state and s.beneficiary == target and s.covers(day):
            if s.effect == "contested":
                found.contested.append(Contested(state, t.id, f"{s.note} (since {s.start})", s.source))
            else:
                found.notes.append(f"{t.id}: obligations of {state} to {target} suspended since {s.start}: {s.note}")
            return
    _strongest(ctx, state, verdicts, found)


def _strongest(ctx: Ctx, state: str, verdicts: list[tuple[Clause, Verdict]], found: Found) -> None:
    pending: str = ""
    for i, (clause, v) in enumerate(verdicts):
        if v is None:
            continue
        if v[0] == "contested":
            found.contested.append(Contested(state, ctx.treaty.id, f"Art. {clause.article}: {v[1]}"
                                             + _fallback(verdicts[i + 1:]), clause.source))
            return
        blocked = _blocked(ctx, state, clause, found)
        if blocked:
            pending = pending or blocked
            continue
        contest = _territory_contest(ctx, state, clause)
        if contest:
            found.contested.append(Contested(state, ctx.treaty.id, f"Art. {clause.article}: {contest.reason}"
                                             + _fallback(verdicts[i + 1:]), contest.source))
            return
        reason = f"Art. {clause.article} applies: {v[1]}{_condition_text(ctx, clause, state)}{pending}."
        found.obligations.append(Obligation(state, ctx.treaty.id, clause.article, clause.strength, reason,
                                            clause.quote, clause.verified, clause.source, clause.note))
        return


def _fallback(rest: list[tuple[Clause, Verdict]]) -> str:
    for clause, v in rest:
        if v is not None and v[0] == "match":
            return f"; Art. {clause.article} ({clause.strength}) applies in any case"
    return ""


def _territory_contest(ctx: Ctx, state: str, clause: Clause) -> TerritoryContest | None:
    if clause.strength == "consult":
        return None
    return next((c for c in ctx.where.territory.contests if c.treaty == ctx.treaty.id and c.state == state), None)


def _blocked(ctx: Ctx, state: str, clause: Clause, found: Found) -> str:
    """'' if the clause's conditions hold for ``state``; else records why and returns a note for weaker ones."""
    for cond in clause.conditions:
        if cond == "request" and not _holds(ctx, "request"):
            found.conditional.append(Conditional(
                state, ctx.treaty.id, clause.article, clause.strength, "request",
                f"Art. {clause.article} applies only at the request of {ctx.name(ctx.target)}; the scenario states no "
                "request (set request to true to assume one)"))
            return f" (Art. {clause.article} would need a request)"
        if cond == "state_of_war" and not _holds(ctx, "state_of_war"):
            found.conditional.append(Conditional(
                state, ctx.treaty.id, clause.article, clause.strength, "state_of_war",
                f"Art. {clause.article} applies when the armed attack puts {ctx.name(ctx.target)} in a state of war; "
                "the scenario says it does not"))
            return f" (Art. {clause.article} would need a state of war)"
        communist, why = _communist(ctx) if cond == "communist_aggressor_for_usa" else (None, "")
        if cond == "communist_aggressor_for_usa" and state == "USA" and communist is not True:
            if communist is None:
                found.conditional.append(Conditional(
                    state, ctx.treaty.id, clause.article, clause.strength, "communist_aggressor",
                    f"the US understanding limits Art. {clause.article} to communist aggression; the scenario does not "
                    f"say whether the aggressor is communist and {why} (set communist_aggressor)"))
            return f" (the US understanding limits Art. IV(1) to communist aggression: {why})"
    return ""


def _condition_text(ctx: Ctx, clause: Clause, state: str) -> str:
    parts = []
    if "request" in clause.conditions:
        parts.append(f"the scenario assumes {ctx.name(ctx.target)} has requested assistance")
    if "state_of_war" in clause.conditions:
        parts.append(f"the attack is taken to put {ctx.name(ctx.target)} in a state of war")
    if "defensive_only" in clause.conditions:
        parts.append(f"defensive only, and {ctx.name(ctx.target)} is the state attacked")
    if "communist_aggressor_for_usa" in clause.conditions and state == "USA":
        _, why = _communist(ctx)
        parts.append(f"the aggressor is communist (US understanding): {why}")
    return "; " + "; ".join(parts) if parts else ""


def _holds(ctx: Ctx, name: str) -> bool:
    """A condition's value: as the scenario states it, else the registry's default."""
    stated = ctx.attack.stated(name)
    if stated is not None:
        return stated
    return bool(next(c.default for c in registry() if c.id == name))


def _communist(ctx: Ctx) -> tuple[bool | None, str]:
    """Whether the aggressor is communist: the scenario's explicit value, else the dated regimes.csv fact."""
    a = ctx.attack
    if a.stated("communist_aggressor") is not None:
        return bool(a.stated("communist_aggressor")), "as the scenario states"
    if not a.attacker:
        return None, "the attacker is unspecified"
    got, source = regime_on(ctx.ref.regimes, a.attacker, "communist", a.date)
    if got is None:
        return None, f"for {a.attacker} on {a.date} {source}"
    state = "ruled" if got else "not ruled"
    return got, f"{a.attacker} was {state} by a communist party in one-party rule on {a.date} ({source})"
