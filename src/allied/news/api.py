"""The news engine's public functions (re-exported by ``allied``): extract, ingest, events, itinerary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from allied.model import InputError, Rows
from allied.news import _language, _published, _sources, extract_documents, records
from allied.news.query import find_events, forum_ids, itinerary_stops
from allied.reference import parse_date, state_code
from allied.store import reader

Sources = str | Path | Iterable[str | Path]


def extract(
    paths_or_text: Sources, published: str | dt.date | None = None, language: str | None = None
) -> list[dict[str, Any]]:
    """Events and pledges of each document (PRODUCT.md "Events, batch mode"), one record per document.

    ``paths_or_text`` is a path, a list of paths (.txt with title on line 1 and an optional NAME.json
    sidecar, .html, .jsonl) or an article's text. A document that cannot be read or is not in a supported
    language gives a record with ``error`` or ``reason`` and no events; the others are unaffected.
    """
    return records(extract_documents(paths_or_text, published=published, language=language))


def ingest(
    paths: Sources,
    db: str | Path | None = None,
    published: str | dt.date | None = None,
    language: str | None = None,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
    prefilter: bool = True,
) -> list[dict[str, Any]]:
    """Extract and store documents, merging each event with the same stored event; a summary per document.

    Streamed in batches (``allied.news.ingest``): documents already stored are skipped before any stage
    runs, unrelated ones are dropped by the relevance prefilter (``prefilter=False`` keeps them), and the
    pipeline runs here, on ``workers`` local processes, or on Ray (``engine="ray"``, ``address``)."""
    return list(iter_ingest(paths, db, published, language, engine, workers, address, prefilter))


def iter_ingest(
    paths: Sources,
    db: str | Path | None = None,
    published: str | dt.date | None = None,
    language: str | None = None,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
    prefilter: bool = True,
    on_batch: Any = None,
) -> Iterator[dict[str, Any]]:
    """``ingest`` one summary at a time (memory holds one batch, not the run)."""
    from allied.news import ingest as run
    from allied.news.read import from_text, read_paths

    day, lang = _published(published), _language(language)
    sources, text = _sources(paths)  # paths, or one article's text
    if text is not None:
        doc = from_text(text)
        doc.published, doc.language = day, lang
        docs: Iterable[Any] = [doc]
    else:
        docs = read_paths(sources, published=day, language=lang, raw=True)  # pages extracted by the engine
    eng = run.make_engine(engine, workers, address, prefilter)
    try:
        yield from run.ingest_stream(
            docs,
            db,
            eng,
            batch=run.batch_size(engine),
            prefilter=prefilter,
            on_batch=on_batch,
        )
    finally:
        eng.close()


def _day(value: str | dt.date | None, field: str) -> dt.date | None:
    return None if value is None else parse_date(value, field)


def events(
    country: str | None = None,
    person: str | None = None,
    forum: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    db: str | Path | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored events, filtered by state (ISO3), person (name or id), forum (name or id) and period, in date
    order; ``limit``/``offset`` give one page of them (filtered and paged in the store). ``.to_pandas()``
    gives one row per event with the columns of ``EVENT_COLUMNS`` (``allied docs`` lists them)."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InputError("limit", limit, "a whole number of events, 0 or more")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InputError("offset", offset, "a whole number of events to pass over, 0 or more")
    code = state_code(country, field="country") if country else None
    if person is not None and not person.strip():
        raise InputError("person", person, "a name such as 'Pete Hegseth' or an id such as person:pete-hegseth")
    if forum is not None and not forum_ids(forum):
        raise InputError(
            "forum",
            forum,
            "a forum id or name such as SCM, forum:scm, ADMM-Plus, NATO Summit",
            "Known forums are those of allied's reference model (src/allied/reference/data/forums.toml)",
        )
    with reader(db) as con:
        found = find_events(con, code, person, forum, _day(start, "start"), _day(end, "end"), limit, offset)
    return Rows(found, EVENT_COLUMNS, _event_row)


def itinerary(
    person: str, start: str | dt.date | None = None, end: str | dt.date | None = None, db: str | Path | None = None
) -> list[dict[str, Any]]:
    """The ordered stops (visits) of a person: dates, place, purposes, companions and sources.
    ``.to_pandas()`` gives one row per stop with the columns of ``STOP_COLUMNS``."""
    if not person or not person.strip():
        raise InputError("person", person, "a name such as 'Pete Hegseth' or an id such as person:pete-hegseth")
    with reader(db) as con:
        stops = itinerary_stops(con, person.strip(), _day(start, "start"), _day(end, "end"))
    return Rows(stops, STOP_COLUMNS, _stop_row)


# The columns of events(...).to_pandas() and itinerary(...).to_pandas(): nested records as plain columns
# (lists stay lists; a missing place, date or forum is null).
EVENT_COLUMNS = ("id", "type", "start", "end", "inferred", "status", "place", "place_country", "lat", "lon",
                 "countries", "actors", "forum", "topics", "docs", "urls")
STOP_COLUMNS = ("stop", "start", "end", "place", "country", "lat", "lon", "purposes", "with", "status", "docs",
                "urls")


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    place, date, forum = e.get("place") or {}, e.get("date") or {}, e.get("forum") or {}
    sources = e.get("sources") or []
    return {"id": e.get("id"), "type": e["type"], "start": date.get("start"), "end": date.get("end"),
            "inferred": date.get("inferred"), "status": e.get("status"), "place": place.get("name"),
            "place_country": place.get("country"), "lat": place.get("lat"), "lon": place.get("lon"),
            "countries": list(e.get("countries") or []), "actors": [a["name"] for a in e.get("actors") or []],
            "forum": forum.get("name"), "topics": list(e.get("topics") or []),
            "docs": [s["doc"] for s in sources], "urls": [s["url"] for s in sources if s.get("url")]}


def _stop_row(s: dict[str, Any]) -> dict[str, Any]:
    sources = s.get("sources") or []
    return {**{k: s.get(k) for k in STOP_COLUMNS[:-2]}, "docs": [x["doc"] for x in sources],
            "urls": [x["url"] for x in sources if x.get("url")]}
