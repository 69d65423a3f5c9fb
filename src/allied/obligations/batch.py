"""Batch mode: one attack per line (PRODUCT.md), one result per line in the same order; a bad line gives
an error record and the rest still run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from allied.model import AlliedError, Attack
from allied.obligations.engine import evaluate
from allied.obligations.records import result_record
from allied.reference import Reference, load


def run_batch(items: Iterable[str | dict[str, Any] | Attack], cascade: int = 0,
              ref: Reference | None = None) -> Iterator[dict[str, Any]]:
    ref = ref or load()
    for n, item in enumerate(items, start=1):
        if isinstance(item, str) and not item.strip():
            continue
        yield _one(item, n, cascade, ref)


def _one(item: str | dict[str, Any] | Attack, n: int, cascade: int, ref: Reference) -> dict[str, Any]:
    rid: Any = f"line {n}"
    try:
        record = json.loads(item) if isinstance(item, str) else item
    except json.JSONDecodeError as exc:
        return {"id": rid, "error": f"line {n}: not valid JSON ({exc.msg})"}
    if isinstance(record, Attack):
        record = {"id": record.id, "attack": record}
    if not isinstance(record, dict):
        return {"id": rid, "error": f"line {n}: expected an object with 'id' and 'attack'"}
    rid = record.get("id", rid)
    attack = record.get("attack")
    try:
        if attack is None:
            raise AlliedError("attack: missing; expected an object with attacker, target, place or lat/lon, date, kind")
        if isinstance(attack, dict):
            attack = attack | {"id": str(rid)}
        out = result_record(evaluate(attack, cascade=int(record.get("cascade", cascade)), ref=ref))
    except AlliedError as exc:
        return {"id": rid, "error": str(exc)}
    out["id"] = rid
    return out
