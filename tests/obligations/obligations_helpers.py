"""Helpers for the obligations tests (imported by name, not a conftest): run an attack, pick entries out."""

from __future__ import annotations

from typing import Any

import allied


def run(cascade: int = 0, **attack: Any) -> dict[str, Any]:
    return allied.obligations(attack, cascade=cascade)


def bound(result: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(state, treaty) -> (article, strength) for every obligation entry."""
    return {(o["state"], o["treaty"]): (o["article"], o["strength"]) for o in result["obligations"]}


def contested(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["state"], c["treaty"]) for c in result["contested"]}


def pending(result: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(c["state"], c["treaty"], c["condition"]) for c in result["conditional"]}
