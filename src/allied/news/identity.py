"""The one definition of "the same event" across documents and languages, on typed events, and the candidate
keys it implies.

Two events are the same event when they have the same type, compatible dates (equal, overlapping, or one
unknown), a compatible place (one of them names none, or the same place: for visits the same named place,
one inside the other, or a city of a country-level stop; for the other types the same state) and the same
participants:

- visits: both name a place and share a traveller;
- meetings: the same forum with someone in common, or (without two forums) the same people;
- forums: the same gathering;
- announcements and statements: an actor in common, both dated.

``candidate_keys`` are the blocking keys of that predicate: whenever ``same_event(a, b)`` holds, ``a`` and
``b`` share a key (all definitions above need a shared person, actor or forum). The store matches events in
bulk by joining these keys and then applies the SQL twin of ``same_event`` (``allied.news.store``); a test
checks that both agree on generated pairs.
"""

from __future__ import annotations

from functools import lru_cache

from allied.model import DateRange, Event, PlaceRef


@lru_cache(maxsize=1)
def containment() -> dict[str, str]:
    """Place id -> the place id it lies in (the guidelines' containment, ``data/canonical.toml`` [part_of])."""
    from allied.news.lexicon import canonical

    return {str(k): str(v) for k, v in canonical().get("part_of", {}).items()}


def part_of(a: str, b: str) -> bool:
    table = containment()
    return bool(a and b) and (table.get(a) == b or table.get(b) == a)


def persons(e: Event) -> set[str]:
    return {a.id for a in e.actors if a.kind == "person"}


def actor_ids(e: Event) -> set[str]:
    return {a.id for a in e.actors}


def dates_compatible(a: DateRange | None, b: DateRange | None) -> bool:
    return a is None or b is None or (a.start <= b.end and b.start <= a.end)


def places_compatible(kind: str, a: PlaceRef | None, b: PlaceRef | None) -> bool:
    if a is None or b is None:
        return True
    if kind == "visit":
        return (
            (a.country == b.country and {a.kind, b.kind} == {"city", "country"})
            or (a.name == b.name and a.country == b.country)
            or part_of(a.id, b.id)
        )
    return a.country == b.country


def same_event(a: Event, b: Event) -> bool:
    """Whether two events (of different documents, or languages) tell the same event."""
    if a.type != b.type or not dates_compatible(a.date, b.date) or not places_compatible(a.type, a.place, b.place):
        return False
    if a.type == "visit":
        return a.place is not None and b.place is not None and bool(persons(a) & persons(b))
    if a.type == "meeting":
        if a.forum is not None and b.forum is not None:
            return a.forum.id == b.forum.id and bool(persons(a) & persons(b))
        return bool(persons(a)) and persons(a) == persons(b)
    if a.type == "forum":
        return a.forum is not None and b.forum is not None and a.forum.id == b.forum.id
    return bool(actor_ids(a) & actor_ids(b)) and a.date is not None and b.date is not None


def candidate_keys(e: Event) -> set[str]:
    """Keys two events share whenever ``same_event`` holds for them (an event without keys matches none)."""
    if e.type in ("visit", "meeting"):
        return {f"{e.type}|{p}" for p in persons(e)}
    if e.type == "forum":
        return {f"forum|{e.forum.id}"} if e.forum is not None else set()
    return {f"{e.type}|{i}" for i in actor_ids(e)}
