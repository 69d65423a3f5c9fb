"""Selecting stored events: filtered, ordered and paged in DuckDB, so a query on a million events reads only
the ids of one page (``query.find_events`` then reads that page's events and sources)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from allied.news.migrations import prepare


def select_events(
    con: duckdb.DuckDBPyConnection,
    country: str | None = None,
    person: str | None = None,
    forums: set[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
    kind: str | None = None,
) -> list[str]:
    """Ids of the stored events matching the filters (``kind``: one event type), in date order, filtered
    and paged in DuckDB.

    An event without a date is placed by its sources' publication days. ``person`` is an id or a name,
    matched as ``query.matches_person`` does (on folded names); rows stored before the folded names were
    kept are passed on for the caller to check."""
    from allied.reference.gazetteer import fold

    prepare(con)
    where: list[str] = []
    args: list[Any] = []
    if country:
        where.append("(list_contains(e.countries, ?) OR e.place_country = ?)")
        args += [country, country]
    if person:
        key = fold(person)
        cond = "list_contains(e.actor_ids, ?) OR e.actor_keys IS NULL OR contains(e.actor_keys, ?)"
        where.append(f"({cond})")
        args += [person, key if len(key) > 3 else f"|{key}|"]
    if kind is not None:
        where.append("e.type = ?")
        args.append(kind)
    if forums is not None:
        where.append("list_contains(?, e.forum_id)")
        args.append(sorted(forums))
    if start is not None:
        where.append("e.day_hi >= ?")
        args.append(start)
    if end is not None:
        where.append("e.day_lo <= ?")
        args.append(end)
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    sql = (  # one table: the writer keeps each event's days and first document's name on it (migration v6)
        "SELECT e.event_id FROM news_events e "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.day_lo NULLS LAST, e.day_hi NULLS LAST, e.first_name, e.seq, e.event_id"
        + page
    )
    return [r[0] for r in con.execute(sql, args).fetchall()]
