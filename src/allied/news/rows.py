"""Processed documents as columnar rows (Arrow tables): what an ingest writes, in one shape whether the
documents were processed in this process, by local workers or on Ray (which writes them as Parquet).

Four tables: ``documents`` (one row per stored document, with its provenance), ``events`` (one row per event
of a document, with the identity columns the store matches on), ``pledges`` and ``mentions`` (the linked
names each document holds, for provenance and later queries). Typed events go in; typed events come back
out (``event_of``), so the store's merge works on ``allied.model.Event`` like the pipeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from allied.model import Actor, DateRange, Document, Event, ForumRef, PlaceRef, Span
from allied.news.identity import actor_ids, candidate_keys, persons
from allied.news.records import pledge_record, span_record
from allied.reference.gazetteer import fold

STR_LIST = pa.list_(pa.string())
DOCUMENTS = pa.schema(
    [
        ("doc_key", pa.string()),
        ("name", pa.string()),
        ("path", pa.string()),
        ("language", pa.string()),
        ("published", pa.date32()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("chars", pa.int32()),
        ("events", pa.int32()),
        ("pledges", pa.int32()),
        ("fetched", pa.string()),
        ("position", pa.int64()),
        ("location", pa.string()),  # where it was found: the URL, else the file (and line or offset)
        ("digest", pa.string()),  # sha256 of the page as fetched (web pages only)
        ("again", pa.bool_()),  # a text stored (or in the batch) already: the row only says where it was found
    ]
)
EVENTS = pa.schema(
    [
        ("doc_key", pa.string()),
        ("seq", pa.int32()),
        ("type", pa.string()),
        ("actors", pa.string()),
        ("countries", STR_LIST),
        ("place", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_inferred", pa.bool_()),
        ("forum", pa.string()),
        ("topics", STR_LIST),
        ("status", pa.string()),
        ("evidence", pa.string()),
        ("persons", STR_LIST),
        ("actor_ids", STR_LIST),
        ("forum_id", pa.string()),
        ("place_id", pa.string()),
        ("place_name", pa.string()),
        ("place_country", pa.string()),
        ("place_kind", pa.string()),
        ("keys", STR_LIST),
        ("actor_keys", pa.string()),
    ]
)
PLEDGES = pa.schema(
    [
        ("doc_key", pa.string()),
        ("seq", pa.int32()),
        ("country", pa.string()),
        ("what", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("by_year", pa.int32()),
        ("evidence", pa.string()),
    ]
)
MENTIONS = pa.schema(
    [
        ("doc_key", pa.string()),
        ("kind", pa.string()),
        ("entity", pa.string()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
    ]
)
SCHEMAS = {"documents": DOCUMENTS, "events": EVENTS, "pledges": PLEDGES, "mentions": MENTIONS}


def doc_key(doc: Document) -> str:
    """A document's identity: the SHA-256 of its text as read (the same text is the same document)."""
    return hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def place_json(p: PlaceRef | None) -> str | None:
    if p is None:
        return None
    return _dumps({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "id": p.id, "kind": p.kind})


def event_row(key: str, seq: int, e: Event) -> dict[str, Any]:
    p = e.place
    return {
        "doc_key": key,
        "seq": seq,
        "type": e.type,
        "actors": _dumps([{"id": a.id, "name": a.name, "kind": a.kind} for a in e.actors]),
        "countries": list(e.countries),
        "place": place_json(p),
        "date_start": e.date.start if e.date else None,
        "date_end": e.date.end if e.date else None,
        "date_inferred": e.date.inferred if e.date else None,
        "forum": _dumps({"id": e.forum.id, "name": e.forum.name}) if e.forum else None,
        "topics": list(e.topics),
        "status": e.status,
        "evidence": _dumps([span_record(s) for s in e.evidence]),
        "persons": sorted(persons(e)),
        "actor_ids": sorted(actor_ids(e)),
        "forum_id": e.forum.id if e.forum else None,
        "place_id": p.id if p else None,
        "place_name": p.name if p else None,
        "place_country": p.country if p else None,
        "place_kind": p.kind if p else None,
        "keys": sorted(candidate_keys(e)),
        "actor_keys": "|" + "|".join(fold(a.name) for a in e.actors) + "|",
    }


def event_of(row: dict[str, Any]) -> Event:
    """The typed event of an event row (a stored event or one of a batch)."""
    place = json.loads(row["place"]) if row.get("place") else None
    forum = json.loads(row["forum"]) if row.get("forum") else None
    start, end = row.get("date_start"), row.get("date_end")
    return Event(
        type=row["type"],
        actors=[Actor(a["id"], a["name"], a["kind"]) for a in json.loads(row["actors"])],
        countries=list(row["countries"]),
        place=(
            PlaceRef(
                place["name"],
                place["country"],
                place.get("lat"),
                place.get("lon"),
                place.get("id") or "",
                place.get("kind") or "",
            )
            if place
            else None
        ),
        date=DateRange(start, end, bool(row.get("date_inferred"))) if isinstance(start, dt.date) and end else None,
        forum=ForumRef(forum["id"], forum["name"]) if forum else None,
        topics=list(row["topics"]),
        status=row["status"],
        evidence=[Span(s["start"], s["end"], s["text"]) for s in json.loads(row.get("evidence") or "[]")],
    )


@dataclass
class Rows:
    """The four tables of a batch of processed documents."""

    documents: pa.Table
    events: pa.Table
    pledges: pa.Table
    mentions: pa.Table

    def tables(self) -> dict[str, pa.Table]:
        return {"documents": self.documents, "events": self.events, "pledges": self.pledges, "mentions": self.mentions}


def rows_of(docs: Iterable[Document], digests: Iterable[str | None] | None = None, again: bool = False) -> Rows:
    """Rows of the documents that can be stored (readable, supported, processed); others give none.
    ``digests`` (in the documents' order) are those of the pages the documents were extracted from;
    ``again`` marks documents whose text is stored already: their rows only say where they were found."""
    from allied.news.pages import location

    out: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    marks = iter(digests) if digests is not None else None
    for doc in docs:
        mark = next(marks, None) if marks is not None else None
        if not doc.ok:
            continue
        key = doc_key(doc)
        out["documents"].append(
            {
                "doc_key": key,
                "name": doc.name,
                "path": doc.path,
                "language": doc.language,
                "published": doc.published,
                "url": doc.url,
                "outlet": doc.outlet,
                "chars": len(doc.text),
                "events": len(doc.events),
                "pledges": len(doc.pledges),
                "fetched": doc.fetched,
                "position": doc.position,
                "location": location(doc.url, doc.path, doc.position),
                "digest": mark,
                "again": again,
            }
        )
        out["events"].extend(event_row(key, seq, e) for seq, e in enumerate(doc.events))
        for seq, p in enumerate(doc.pledges):
            pr = pledge_record(p)
            out["pledges"].append(
                {
                    "doc_key": key,
                    "seq": seq,
                    "country": pr["country"],
                    "what": pr["what"],
                    "value": pr["value"],
                    "unit": pr["unit"],
                    "by_year": pr["by"],
                    "evidence": _dumps(pr["evidence"]),
                }
            )
        out["mentions"].extend(
            {
                "doc_key": key,
                "kind": m.kind,
                "entity": m.id,
                "name": m.name,
                "country": m.country,
                "start": m.span.start,
                "end": m.span.end,
            }
            for m in doc.mentions
            if m.id
        )
    return Rows(**{name: pa.Table.from_pylist(out[name], schema=SCHEMAS[name]) for name in SCHEMAS})


def distinct_parts(parts: list[Rows]) -> list[Rows]:
    """Parts in order, where a document (content hash) in more than one part keeps the events, pledges and
    mentions of its first part only (the same text read twice is one document); every part keeps its
    document rows, which say where the text was found (the store keeps the first as the document)."""
    import pyarrow.compute as pc

    seen: set[str] = set()
    kept = []
    for part in parts:
        keys = part.documents["doc_key"].to_pylist()
        again = seen.intersection(keys)
        if again:
            drop = pa.array(sorted(again), pa.string())
            tables = {n: t.filter(pc.invert(pc.is_in(t["doc_key"], value_set=drop))) for n, t in part.tables().items()}
            part = Rows(**{**tables, "documents": part.documents})
        seen.update(keys)
        kept.append(part)
    return kept


def concat(parts: list[Rows]) -> Rows:
    """The rows of several parts in order, as ``distinct_parts`` leaves them."""
    if not parts:
        return rows_of([])
    kept = distinct_parts(parts)
    return Rows(**{name: pa.concat_tables([getattr(p, name) for p in kept]) for name in SCHEMAS})
