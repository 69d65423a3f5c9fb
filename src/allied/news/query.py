"""Queries on the stored events: by country, person, forum and period; a person's itinerary.

An event without a known date is placed in time by the publication dates of its sources (it was reported
then), so a period filter still finds the planned stops of a trip announced inside that period. Stops are
ordered by date; stops of the same trip without dates keep the order their first article gives them and
never come before a dated stop that article lists earlier.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from allied.model import InputError
from allied.news.itinerary import Leg, order
from allied.news.migrations import prepare
from allied.news.select import select_events
from allied.reference.gazetteer import fold


def _only(ids: list[str] | None, alias: str) -> str:
    return "" if ids is None else f" JOIN (SELECT unnest(?::VARCHAR[]) AS event_id) i ON i.event_id = {alias}.event_id"


def _sources(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    rows = con.execute(
        "SELECT s.event_id, d.name, d.language, d.published, d.url, d.outlet, s.evidence "
        "FROM news_event_sources s JOIN news_documents d USING (doc_key)"
        + _only(ids, "s")
        + " ORDER BY d.published NULLS LAST, d.name",
        [] if ids is None else [ids],
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for eid, name, lang, published, url, outlet, evidence in rows:
        out.setdefault(eid, []).append(
            {
                "doc": name,
                "language": lang,
                "published": published.isoformat() if published else None,
                "url": url,
                "outlet": outlet,
                "evidence": json.loads(evidence),
            }
        )
    return out


def stored_events(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The stored events (only those of ``ids`` when given) with their sources."""
    prepare(con)
    sources = _sources(con, ids)
    rows = con.execute(
        "SELECT e.event_id, e.type, e.actors, e.countries, e.place, e.date_start, e.date_end, e.date_inferred, "
        "e.forum, e.topics, e.status, d.name, d.published, e.seq FROM news_events e "
        "JOIN news_documents d ON d.doc_key = e.first_doc" + _only(ids, "e"),
        [] if ids is None else [ids],
    ).fetchall()
    out = []
    for eid, typ, actors, countries, place, ds, de, inf, forum, topics, status, first, published, seq in rows:
        out.append(
            {
                "id": eid,
                "type": typ,
                "actors": json.loads(actors),
                "countries": list(countries),
                "place": _place(place),
                "date": {"start": ds.isoformat(), "end": de.isoformat(), "inferred": bool(inf)} if ds else None,
                "forum": json.loads(forum) if forum else None,
                "topics": list(topics),
                "status": status,
                "sources": sources.get(eid, []),
                "_first": first,
                "_published": published,
                "_seq": seq,
            }
        )
    return out


def _place(value: str | None) -> dict[str, Any] | None:
    if not value:
        return None
    p = json.loads(value)
    return {k: p.get(k) for k in ("name", "country", "lat", "lon")}


def _start(e: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(e["date"]["start"]) if e["date"] else None


def _reported(e: dict[str, Any]) -> dt.date | None:
    days = [dt.date.fromisoformat(s["published"]) for s in e["sources"] if s["published"]]
    return min(days) if days else None


def _when(e: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    if e["date"]:
        return dt.date.fromisoformat(e["date"]["start"]), dt.date.fromisoformat(e["date"]["end"])
    days = [dt.date.fromisoformat(s["published"]) for s in e["sources"] if s["published"]]
    return (min(days), max(days)) if days else None


def _in_period(e: dict[str, Any], start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    when = _when(e)
    if when is None:
        return False
    return (start is None or when[1] >= start) and (end is None or when[0] <= end)


def matches_person(e: dict[str, Any], person: str) -> bool:
    key = fold(person)
    return any(
        a["id"] == person or fold(a["name"]) == key or (len(key) > 3 and key in fold(a["name"])) for a in e["actors"]
    )


def forum_ids(name: str) -> set[str]:
    """Forum ids whose id, name or alias (any language) is ``name``."""
    from allied.reference import load

    key = fold(name)
    return {
        f.id
        for f in load().forums.values()
        if name == f.id or key in {fold(n) for n in (f.name, *f.aliases, *f.aliases_unverified)}
    }


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise InputError("--to", end.isoformat(), f"a date on or after --from ({start.isoformat()})")


def find_events(
    con: duckdb.DuckDBPyConnection,
    country: str | None = None,
    person: str | None = None,
    forum: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Matching events in date order: filtered, ordered and paged in DuckDB (``select.select_events``), then
    only the events of the page are read with their sources."""
    _check_period(start, end)
    ids = select_events(con, country, person, forum_ids(forum) if forum else None, start, end, limit, offset)
    found = {e["id"]: e for e in stored_events(con, ids)} if ids else {}
    out = [found[i] for i in ids if i in found and (not person or matches_person(found[i], person))]
    return [public(e) for e in out]


def public(e: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in e.items() if not k.startswith("_")}


def itinerary_stops(
    con: duckdb.DuckDBPyConnection, person: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    _check_period(start, end)
    ids = select_events(con, person=person, start=start, end=end, kind="visit")  # the person's visits, in SQL
    visits = [
        e
        for e in (stored_events(con, ids) if ids else [])
        if e["type"] == "visit" and matches_person(e, person) and _in_period(e, start, end)
    ]
    legs = [Leg(e["id"], _start(e), e["_first"], e["_seq"], _reported(e)) for e in visits]
    by_id = {e["id"]: e for e in visits}
    return [_stop(i, by_id[leg.key], person) for i, leg in enumerate(order(legs), start=1)]


def _stop(i: int, e: dict[str, Any], person: str) -> dict[str, Any]:
    place = e["place"] or {}
    purposes = list(e["topics"]) + ([e["forum"]["name"]] if e["forum"] else [])
    return {
        "stop": i,
        "start": e["date"]["start"] if e["date"] else None,
        "end": e["date"]["end"] if e["date"] else None,
        "place": place.get("name"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "purposes": purposes,
        "with": [a["name"] for a in e["actors"] if not matches_person({"actors": [a]}, person)],  # who else
        "status": e["status"],
        "sources": [
            {
                "doc": s["doc"],
                "published": s["published"],
                "url": s["url"],
                "evidence": [x["text"] for x in s["evidence"]],
            }
            for s in e["sources"]
        ],
    }
