"""Batch mode: one attack per line (PRODUCT.md), one result per line in the same order; a bad line gives
that line's error record (with its id when it has one) and the rest still run. Nothing a line holds can stop
the batch: undecodable bytes, JSON nested too deep, numbers too long, lone surrogates and values of the wrong
type are all that line's error."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from allied.model import AlliedError, Attack
from allied.obligations.engine import MAX_CASCADE, evaluate
from allied.obligations.records import result_record
from allied.reference import Reference, load

MAX_LINE = 1_000_000  # characters; an attack record is a few hundred
Item = str | bytes | dict[str, Any] | Attack


def run_batch(items: Iterable[Item], cascade: int = 0, ref: Reference | None = None) -> Iterator[dict[str, Any]]:
    """One result or error record per non-blank input, in order."""
    ref = ref or load()
    for n, item in enumerate(items, start=1):
        if isinstance(item, str | bytes) and not item.strip():
            continue
        yield _guarded(item, n, cascade, ref)


def failed(record: dict[str, Any]) -> bool:
    return "error" in record


def _guarded(item: Item, n: int, cascade: int, ref: Reference) -> dict[str, Any]:
    try:
        return _one(item, n, cascade, ref)
    except AlliedError as exc:
        return {"id": f"line {n}", "error": str(exc)}
    except Exception as exc:  # the batch boundary: one line never stops the batch
        return {"id": f"line {n}", "error": f"line {n}: internal error ({type(exc).__name__}); please report it"}


def _parse(item: str | bytes, n: int) -> Any:
    if isinstance(item, bytes):
        try:
            item = item.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AlliedError(f"line {n}: not valid UTF-8 (byte 0x{item[exc.start]:02x} at position {exc.start})"
                              ) from None
    if len(item) > MAX_LINE:
        raise AlliedError(f"line {n}: {len(item)} characters; a line may have at most {MAX_LINE}")
    try:
        return json.loads(item)
    except json.JSONDecodeError as exc:
        raise AlliedError(f"line {n}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise AlliedError(f"line {n}: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise AlliedError(f"line {n}: not usable JSON ({exc})") from None


def _unicode(record: Any, n: int) -> None:
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end].encode("utf-8", "backslashreplace").decode("ascii")
        raise AlliedError(f"line {n}: contains {bad}, a lone surrogate, which is not valid Unicode") from None
    except (ValueError, RecursionError, TypeError):
        raise AlliedError(f"line {n}: not a JSON-like record") from None


def _cascade(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CASCADE:
        shown = value if isinstance(value, str | bool) or (isinstance(value, int) and abs(value) < 10**12) else "…"
        raise AlliedError(f"cascade: {shown!r} is not allowed; expected a whole number of rounds from 0 to "
                          f"{MAX_CASCADE}")
    return value


def _one(item: Item, n: int, cascade: int, ref: Reference) -> dict[str, Any]:
    record = _parse(item, n) if isinstance(item, str | bytes) else item
    if isinstance(record, Attack):
        record = {"id": record.id, "attack": record}
    if not isinstance(record, dict):
        return {"id": f"line {n}", "error": f"line {n}: expected an object with 'id' and 'attack'"}
    _unicode({k: v for k, v in record.items() if not isinstance(v, Attack)}, n)
    rid = record.get("id", f"line {n}")
    attack = record.get("attack")
    try:
        if attack is None:
            raise AlliedError("attack: missing; expected an object with attacker, target, place or lat/lon, date, kind")
        if isinstance(attack, dict):
            attack = attack | {"id": str(rid)}
        rounds = _cascade(record.get("cascade"), cascade)
        out = result_record(evaluate(attack, cascade=rounds, ref=ref))
    except AlliedError as exc:
        return {"id": rid, "error": str(exc)}
    out["id"] = rid
    return out
