"""The registry of conditions a clause can wait on (data/conditions.toml), read by every face: the API and
batch reader (top-level keys or a "conditions" object), the CLI (--condition NAME=true|false) and the
dashboard (one control per condition). An Attack carries the conditions a scenario states, nothing else."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from allied.model import InputError, ReferenceDataError

DATA = Path(__file__).parent / "data" / "conditions.toml"


@dataclass(frozen=True)
class Condition:
    id: str
    clause: str
    default: bool | None  # None: inferred from dated data unless stated
    label: str
    source: str
    inferred_from: str = ""


@lru_cache(maxsize=1)
def registry() -> tuple[Condition, ...]:
    with open(DATA, "rb") as fh:
        rows = tomllib.load(fh).get("condition", [])
    out = []
    for row in rows:
        default = row.get("default")
        if not row.get("source") or not (isinstance(default, bool) or default == "inferred"):
            raise ReferenceDataError(DATA.name, f"condition {row.get('id')}", "needs a source and a default of "
                                                                             "true, false or 'inferred'")
        out.append(Condition(row["id"], row["clause"], default if isinstance(default, bool) else None,
                             row["label"], row["source"], row.get("inferred_from", "")))
    return tuple(out)


def names() -> tuple[str, ...]:
    return tuple(c.id for c in registry())


def for_clause(clause: str) -> Condition | None:
    return next((c for c in registry() if c.clause == clause), None)


def _flag(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    shown = value if len(repr(value)) <= 80 else repr(value)[:60] + "…"
    raise InputError(name, shown, "true or false")


def parse(value: dict[str, Any]) -> tuple[tuple[str, bool], ...]:
    """The conditions an attack dict states: top-level keys and a "conditions" object (name -> true/false)."""
    stated: dict[str, bool] = {}
    for c in registry():
        got = _flag(c.id, value.get(c.id))
        if got is not None:
            stated[c.id] = got
    extra = value.get("conditions")
    if extra is not None:
        if not isinstance(extra, dict):
            raise InputError("conditions", type(extra).__name__, "an object of condition: true|false, conditions "
                                                                 + ", ".join(names()))
        for key, raw in extra.items():
            if key not in names():
                raise InputError("conditions", key, "one of " + ", ".join(names()))
            got = _flag(f"conditions.{key}", raw)
            if got is not None:
                stated[key] = got
    return tuple(sorted(stated.items()))


def parse_pairs(items: list[str]) -> dict[str, bool]:
    """CLI form: ['request=true', 'state_of_war=false']."""
    out = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or key.strip() not in names():
            raise InputError("--condition", item, "NAME=true|false with NAME one of " + ", ".join(names()))
        flag = _flag(f"--condition {key.strip()}", raw)
        if flag is not None:
            out[key.strip()] = flag
    return out
