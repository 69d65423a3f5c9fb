"""Itineraries: a traveller's visits in the order they happen, from typed events.

Dated stops are ordered by their start; an undated stop is no earlier than the stops its article lists before
it (a trip announcement names its stops in travel order) nor before the day it was reported; one listed
before any dated stop comes before the first dated stop listed after it, else last. A stop's purposes are
the topics of the events held there — the visit's own, and those of the meetings and forums of the same
traveller at that place (same city, or any place of a country-level stop) whose days overlap the stop's or
are not known — and the forum it attends.

``order`` works on plain legs so that the store's itinerary (over many documents) and one document's
(the brief's) are ordered by the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from allied.model import Document, Event
from allied.news.identity import dates_compatible


@dataclass(frozen=True)
class Leg:
    """What ordering needs of a visit: its id, days, the document that first told it and its place there."""

    key: str
    start: dt.date | None
    doc: str
    seq: int
    reported: dt.date | None = None  # for an undated visit: the earliest day a source reported it


def order(legs: Sequence[Leg]) -> list[Leg]:
    """The legs in travel order (see the module's docstring)."""
    effective: dict[str, dt.date] = {}
    by_doc: dict[str, list[Leg]] = {}
    for leg in legs:
        by_doc.setdefault(leg.doc, []).append(leg)
    for stops in by_doc.values():
        stops = sorted(stops, key=lambda x: x.seq)
        floor = dt.date.min
        for i, leg in enumerate(stops):
            later = [x.start for x in stops[i + 1 :] if x.start is not None]
            if leg.start is not None:
                day = leg.start
            elif leg.reported is not None:  # not before it was reported, nor before the stops listed earlier
                day = max(floor, leg.reported)
            elif floor > dt.date.min:  # after what its article lists before it
                day = floor
            else:  # before the first dated stop listed after it, else last
                day = min(later) if later else dt.date.max
            effective[leg.key] = day
            if day != dt.date.max:
                floor = max(floor, day)
    return sorted(legs, key=lambda x: (effective[x.key], x.doc, x.seq))


def travels(e: Event, person: str) -> bool:
    """Whether ``person`` (an id or a name, any case) is among the event's actors."""
    wanted = person.strip().casefold()
    return any(a.id.casefold() == wanted or a.name.casefold() == wanted for a in e.actors)


def held_at(visit: Event, other: Event) -> bool:
    """A meeting or forum held at the place and in the days of a visit."""
    if other.type not in ("meeting", "forum") or visit.place is None or other.place is None:
        return False
    if visit.place.country != other.place.country or not dates_compatible(visit.date, other.date):
        return False
    return visit.place.kind == "country" or visit.place.id == other.place.id or visit.place.name == other.place.name


def purposes(visit: Event, events: Sequence[Event]) -> list[str]:
    found = list(visit.topics)
    ids = {a.id for a in visit.actors}
    for e in events:
        if held_at(visit, e) and (ids & {a.id for a in e.actors} or not e.actors):
            found += e.topics
    if visit.forum:
        found.append(visit.forum.name)
    return list(dict.fromkeys(found))


def visits_of(doc: Document, person: str) -> list[tuple[Event, list[str]]]:
    """The document's visits by ``person`` in travel order, each with its purposes."""
    mine = [(i, e) for i, e in enumerate(doc.events) if e.type == "visit" and travels(e, person)]
    legs = [Leg(str(i), e.date.start if e.date else None, doc.name, i) for i, e in mine]
    by_key = dict((str(i), e) for i, e in mine)
    return [(by_key[leg.key], purposes(by_key[leg.key], doc.events)) for leg in order(legs)]


def travellers(doc: Document) -> list[str]:
    """The people who visit somewhere in the document, in order of first appearance."""
    names: list[str] = []
    for e in doc.events:
        if e.type == "visit":
            names.extend(a.name for a in e.actors if a.kind == "person" and a.name not in names)
    return names


def stop_records(doc: Document, person: str) -> list[dict[str, object]]:
    """The itinerary of ``person`` in one document, in the shape of ``allied.itinerary`` (stop, start, end,
    place, country, lat, lon, purposes, with, status, sources)."""
    out: list[dict[str, object]] = []
    for i, (e, why) in enumerate(visits_of(doc, person), start=1):
        place = e.place
        out.append(
            {
                "stop": i,
                "start": e.date.start.isoformat() if e.date else None,
                "end": e.date.end.isoformat() if e.date else None,
                "place": place.name if place else None,
                "country": place.country if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "purposes": why,
                "with": [a.name for a in e.actors if not travels(Event(type="visit", actors=[a]), person)],
                "status": e.status,
                "sources": [
                    {
                        "doc": doc.name,
                        "published": doc.published.isoformat() if doc.published else None,
                        "url": doc.url,
                        "evidence": [s.text for s in e.evidence],
                    }
                ],
            }
        )
    return out
