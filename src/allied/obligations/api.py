"""The engine's public functions, re-exported by ``allied``: obligations, batch, and mutual obligations."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from allied.model import Attack, InputError
from allied.obligations.batch import run_batch
from allied.obligations.engine import BOUND, MAX_CASCADE, evaluate, evaluate_at, locate, whole_rows
from allied.obligations.geodata import geography
from allied.obligations.inputs import homeland
from allied.obligations.records import conditional_record, contested_record, obligation_record, result_record
from allied.reference import load, parse_date, state_code


def obligations(attack: Attack | dict[str, Any], cascade: int = 0) -> dict[str, Any]:
    """Who is bound to respond to ``attack`` (a PRODUCT.md batch ``attack`` object or an Attack).

    Returns ``obligations`` (one entry per state and treaty, strongest article), ``contested``,
    ``conditional`` (waiting on e.g. a request), ``territory`` (whose territory or administration the point is
    in), ``notes`` and, with ``cascade`` > 0, ``rounds``. ``attacker`` may be None: an unspecified state.
    """
    if isinstance(cascade, bool) or not isinstance(cascade, int) or not 0 <= cascade <= MAX_CASCADE:
        raise InputError("cascade", cascade, f"a whole number of rounds from 0 to {MAX_CASCADE}")
    return result_record(evaluate(attack, cascade=cascade))


def obligations_batch(lines_or_records: Iterable[str | bytes | dict[str, Any]],
                      cascade: int = 0) -> list[dict[str, Any]]:
    """One result per input, in order: JSON lines (text or UTF-8 bytes) or dicts of the form
    {"id": ..., "attack": {...}, "cascade": N}.

    A bad line gives {"id": ..., "error": "..."} (its id when it has one, else "line N") and the rest still run.
    """
    if isinstance(cascade, bool) or not isinstance(cascade, int) or not 0 <= cascade <= MAX_CASCADE:
        raise InputError("cascade", cascade, f"a whole number of rounds from 0 to {MAX_CASCADE}")
    if isinstance(lines_or_records, str | bytes | dict):
        raise InputError("lines_or_records", type(lines_or_records).__name__,
                         "an iterable of JSON lines or records (a list, a file's lines)")
    return list(run_batch(lines_or_records, cascade=cascade))


def mutual_obligations(a: str, b: str, date: str | dt.date) -> dict[str, Any]:
    """For an attack by an unspecified third state on A's homeland: is B bound, and how; and vice versa.

    The homeland is struck at the state's capital (GeoNames). Each direction lists B's entries with
    reasons and quotes, or says "no treaty link".
    """
    return mutual_obligations_among([a, b], date)[0]


def mutual_obligations_among(states: Iterable[str], date: str | dt.date) -> list[dict[str, Any]]:
    """``mutual_obligations`` of every pair of ``states`` (in the order of ``itertools.combinations``), each
    state's homeland attacked and assessed once for all its partners, not once per pair."""
    ref = load()
    given = list(states)
    codes = [state_code(s, ref, "a" if k == 0 else "b") for k, s in enumerate(given)]
    for (_, a_code), (k, b_code) in itertools.combinations(enumerate(codes), 2):
        if a_code == b_code:
            raise InputError("b", given[k], "a state other than a")
    day = parse_date(date)
    assessed: dict[str, tuple[Attack, Any] | None] = {}

    def direction(attacked: str, responder: str) -> dict[str, Any]:
        if attacked not in assessed:
            assessed[attacked] = _homeland_attack(attacked, day)
        return _direction(attacked, responder, assessed[attacked])

    out = []
    for a_code, b_code in itertools.combinations(codes, 2):
        out.append({"a": a_code, "b": b_code, "date": day.isoformat(),
                    "directions": [direction(a_code, b_code), direction(b_code, a_code)]})
    return out


def _homeland_attack(attacked: str, day: dt.date) -> tuple[Attack, Any] | None:
    """An attack by an unspecified state on ``attacked``'s capital, and its assessment (None: no capital)."""
    ref = load()
    point = homeland(attacked, ref, day, whole_rows(geography()))
    if point is None:
        return None
    attack = Attack(attacker=None, target=attacked, date=day, kind="territory", lat=point.lat, lon=point.lon,
                    place=point.named[1] if point.named else "")
    return attack, evaluate_at(attack, locate(point, day), ref)


def _direction(attacked: str, responder: str, assessed: tuple[Attack, Any] | None) -> dict[str, Any]:
    if assessed is None:
        return {"attacked": attacked, "responder": responder, "homeland": None, "bound": [], "contested": [],
                "conditional": [], "summary": f"{attacked}'s homeland (capital) is not in the gazetteer: unknown"}
    attack, result = assessed
    bound = [o for o in result.obligations if o.state == responder]
    contested = [c for c in result.contested if c.state == responder]
    conditional = [c for c in result.conditional if c.state == responder]
    return {
        "attacked": attacked, "responder": responder,
        "homeland": {"place": attack.place, "lat": attack.lat, "lon": attack.lon},
        "bound": [obligation_record(o) for o in bound],
        "contested": [contested_record(c) for c in contested],
        "conditional": [{k: v for k, v in conditional_record(c).items() if k != "state"} for c in conditional],
        "summary": _summary(attacked, responder, bound, contested, conditional),
    }


def _summary(attacked: str, responder: str, bound: list[Any], contested: list[Any], conditional: list[Any]) -> str:
    parts = [f"{responder} is bound under {o.treaty} Art. {o.article} ({o.strength})" for o in bound
             if o.strength in BOUND]
    parts += [f"{responder} consults under {o.treaty} Art. {o.article}" for o in bound if o.strength not in BOUND]
    parts += [f"{responder} is contested under {c.treaty}" for c in contested]
    parts += [f"{responder} would be bound under {c.treaty} Art. {c.article} if {c.condition}" for c in conditional]
    if not parts:
        return f"no treaty link: nothing binds {responder} to respond to an attack on {attacked}'s homeland"
    return f"attack on {attacked}'s homeland: " + "; ".join(parts)
