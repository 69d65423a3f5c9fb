"""The annotations that start inside a range of the text, found by bisection (mentions and dates are kept in
text order), so that reading a document stays linear in its length instead of scanning every annotation for
every sentence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Spanned(Protocol):
    @property
    def span(self) -> object: ...


T = TypeVar("T")


def starts(items: Sequence[T]) -> list[int]:
    return [it.span.start for it in items]  # type: ignore[attr-defined]


_KEYS: dict[int, tuple[Sequence[object], list[int]]] = {}


def _keys(items: Sequence[T]) -> list[int]:
    """The starts of a list of annotations, computed once per list (the list itself is kept with them, so an
    id is never mistaken for another list's)."""
    found = _KEYS.get(id(items))
    if found is not None and found[0] is items and len(found[1]) == len(items):
        return found[1]
    if len(_KEYS) > 64:
        _KEYS.clear()
    keys = starts(items)
    _KEYS[id(items)] = (items, keys)  # type: ignore[assignment]
    return keys


def between(items: Sequence[T], lo: int, hi: int, keys: list[int] | None = None) -> list[T]:
    """The items whose span starts in ``[lo, hi)``; ``items`` sorted by start, ``keys`` their starts."""
    keys = _keys(items) if keys is None else keys
    return list(items[bisect_left(keys, lo) : bisect_left(keys, hi)])
