"""The news tables in the store: documents, events (merged across documents and languages), their sources,
and pledges. Ingesting is all or nothing, and ingesting the same text twice changes nothing.

Two events from different documents are the same event when they have the same type, the same
participants (the same people, or the same actors, or the same states when no one is named), the same
place (or one of them names none) and compatible dates (equal, overlapping, or one unknown); the stored
event keeps every source with its evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from allied.model import Document
from allied.news.merge import part_of
from allied.news.records import event_record, pledge_record
from allied.store import migrate, transaction

MIGRATIONS = (
    """
    CREATE TABLE IF NOT EXISTS news_documents (
        doc_key     VARCHAR PRIMARY KEY,   -- sha256 of the text as read
        name        VARCHAR NOT NULL,
        path        VARCHAR,
        language    VARCHAR,
        published   DATE,
        url         VARCHAR,
        outlet      VARCHAR,
        chars       INTEGER NOT NULL,
        events      INTEGER NOT NULL,
        pledges     INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    );
    CREATE TABLE IF NOT EXISTS news_events (
        event_id      VARCHAR PRIMARY KEY,
        type          VARCHAR NOT NULL,
        actors        JSON NOT NULL,       -- [{id, name, kind}]
        countries     VARCHAR[] NOT NULL,
        place         JSON,                -- {name, country, lat, lon} or null
        date_start    DATE,
        date_end      DATE,
        date_inferred BOOLEAN,
        forum         JSON,                -- {id, name} or null
        topics        VARCHAR[] NOT NULL,
        status        VARCHAR NOT NULL,
        first_doc     VARCHAR NOT NULL,
        seq           INTEGER NOT NULL     -- position among the events of its first document
    );
    CREATE TABLE IF NOT EXISTS news_event_sources (
        event_id  VARCHAR NOT NULL,
        doc_key   VARCHAR NOT NULL,
        evidence  JSON NOT NULL,           -- [{start, end, text}] into that document's text
        PRIMARY KEY (event_id, doc_key)
    );
    CREATE TABLE IF NOT EXISTS news_pledges (
        doc_key   VARCHAR NOT NULL,
        seq       INTEGER NOT NULL,
        country   VARCHAR NOT NULL,
        what      VARCHAR NOT NULL,
        value     DOUBLE,
        unit      VARCHAR,
        by_year   INTEGER,
        evidence  JSON NOT NULL,
        PRIMARY KEY (doc_key, seq)
    );
    """,
)


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    migrate(con, "news", MIGRATIONS)


def doc_key(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


@dataclass
class Stored:
    """A stored event as a record plus its id (what merging compares)."""

    id: str
    rec: dict[str, Any]


def _load_events(con: duckdb.DuckDBPyConnection) -> list[Stored]:
    rows = con.execute(
        "SELECT event_id, type, actors, countries, place, date_start, date_end, date_inferred, "
        "forum, topics, status FROM news_events"
    ).fetchall()
    out = []
    for eid, typ, actors, countries, place, ds, de, inf, forum, topics, status in rows:
        rec = {
            "type": typ,
            "actors": json.loads(actors),
            "countries": list(countries),
            "place": json.loads(place) if place else None,
            "date": {"start": ds.isoformat(), "end": de.isoformat(), "inferred": bool(inf)} if ds else None,
            "forum": json.loads(forum) if forum else None,
            "topics": list(topics),
            "status": status,
        }
        out.append(Stored(eid, rec))
    return out


def _persons(rec: dict[str, Any]) -> set[str]:
    return {a["id"] for a in rec["actors"] if a.get("kind") == "person"}


def _dates_ok(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return a is None or b is None or (a["start"] <= b["end"] and b["start"] <= a["end"])


def _place_ok(a: dict[str, Any], b: dict[str, Any]) -> bool:
    pa, pb = a["place"], b["place"]
    if pa is None or pb is None:
        return True
    if a["type"] == "visit":
        city_of_country = pa["country"] == pb["country"] and {pa.get("kind"), pb.get("kind")} == {"city", "country"}
        return (
            city_of_country
            or (pa["name"] == pb["name"] and pa["country"] == pb["country"])
            or part_of(pa.get("id", ""), pb.get("id", ""))
        )
    return pa["country"] == pb["country"]


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same type, same participants, same place and compatible dates (across documents and languages).

    Visits: the same place with a traveller in common. Meetings: the same people, or the same named
    mechanism with someone in common. Forums: the same gathering. Announcements and statements: the same
    speaker on the same known day.
    """
    if a["type"] != b["type"] or not _dates_ok(a["date"], b["date"]) or not _place_ok(a, b):
        return False
    pa, pb = _persons(a), _persons(b)
    ids_a, ids_b = {x["id"] for x in a["actors"]}, {x["id"] for x in b["actors"]}
    if a["type"] == "visit":
        return bool(a["place"] and b["place"]) and bool(pa & pb)
    if a["type"] == "meeting":
        if a["forum"] and b["forum"]:
            return a["forum"]["id"] == b["forum"]["id"] and bool(pa & pb)
        return bool(pa) and pa == pb
    if a["type"] == "forum":
        return bool(a["forum"] and b["forum"]) and a["forum"]["id"] == b["forum"]["id"]
    return bool(ids_a & ids_b) and a["date"] is not None and b["date"] is not None


def _combine(old: dict[str, Any], new: dict[str, Any], newer: bool) -> dict[str, Any]:
    actors = {a["id"]: a for a in [*old["actors"], *new["actors"]]}
    out = dict(old)
    out["actors"] = list(actors.values())
    out["countries"] = sorted(set(old["countries"]) | set(new["countries"]))
    out["topics"] = list(dict.fromkeys([*old["topics"], *new["topics"]]))
    out["place"] = old["place"] or new["place"]
    if old["place"] and new["place"] and old["place"].get("kind") == "country" and new["place"].get("kind") == "city":
        out["place"] = new["place"]
    out["forum"] = old["forum"] or new["forum"]
    if old["date"] is None or (new["date"] and not new["date"]["inferred"] and old["date"]["inferred"]):
        out["date"] = new["date"] or old["date"]
    if newer:
        out["status"] = new["status"]
    return out


def _write_event(
    con: duckdb.DuckDBPyConnection, eid: str, rec: dict[str, Any], first_doc: str, seq: int, insert: bool
) -> None:
    d = rec["date"]
    values = [
        rec["type"],
        json.dumps(rec["actors"], ensure_ascii=False),
        rec["countries"],
        json.dumps(rec["place"], ensure_ascii=False) if rec["place"] else None,
        d["start"] if d else None,
        d["end"] if d else None,
        d["inferred"] if d else None,
        json.dumps(rec["forum"], ensure_ascii=False) if rec["forum"] else None,
        rec["topics"],
        rec["status"],
    ]
    if insert:
        con.execute(
            "INSERT INTO news_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [eid, *values, first_doc, seq]
        )
    else:
        con.execute(
            "UPDATE news_events SET type=?, actors=?, countries=?, place=?, date_start=?, date_end=?, "
            "date_inferred=?, forum=?, topics=?, status=? WHERE event_id=?",
            [*values, eid],
        )


def _event_rec(e: Any) -> dict[str, Any]:
    rec = event_record(e)
    if rec["place"] is not None and e.place is not None:
        rec["place"]["id"] = e.place.id
        rec["place"]["kind"] = e.place.kind
    return rec


def ingest_documents(con: duckdb.DuckDBPyConnection, docs: list[Document]) -> list[dict[str, Any]]:
    """Store documents and their events (merging with stored ones) in one transaction; a summary per document."""
    prepare(con)
    summary = []
    with transaction(con):
        stored = _load_events(con)
        known = {r[0] for r in con.execute("SELECT doc_key FROM news_documents").fetchall()}
        for doc in sorted(docs, key=lambda d: (d.published or dt.date.min, d.name)):
            summary.append(_ingest_one(con, doc, stored, known))
    order = {d.name: i for i, d in enumerate(docs)}
    return sorted(summary, key=lambda s: order.get(s["doc"], 0))


def _ingest_one(con: duckdb.DuckDBPyConnection, doc: Document, stored: list[Stored], known: set[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": doc.name,
        "language": doc.language,
        "events": len(doc.events),
        "pledges": len(doc.pledges),
        "new_events": 0,
        "merged_events": 0,
        "status": "stored",
    }
    if not doc.ok:
        row.update(status="skipped", events=0, pledges=0, reason=doc.error or doc.reason)
        return row
    key = doc_key(doc)
    if key in known:
        row.update(status="already stored", new_events=0)
        return row
    known.add(key)
    con.execute(
        "INSERT INTO news_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            key,
            doc.name,
            doc.path,
            doc.language,
            doc.published,
            doc.url,
            doc.outlet,
            len(doc.text),
            len(doc.events),
            len(doc.pledges),
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ],
    )
    for seq, e in enumerate(doc.events):
        rec = _event_rec(e)
        match = next((s for s in stored if same_event(s.rec, rec)), None)
        if match is None:
            eid = hashlib.sha1(f"{key}:{seq}".encode()).hexdigest()[:16]
            _write_event(con, eid, rec, key, seq, insert=True)
            stored.append(Stored(eid, rec))
            row["new_events"] += 1
        else:
            match.rec = _combine(match.rec, rec, newer=True)
            _write_event(con, match.id, match.rec, "", 0, insert=False)
            eid = match.id
            row["merged_events"] += 1
        con.execute(
            "INSERT OR REPLACE INTO news_event_sources VALUES (?, ?, ?)",
            [eid, key, json.dumps(rec["evidence"], ensure_ascii=False)],
        )
    for seq, p in enumerate(doc.pledges):
        pr = pledge_record(p)
        con.execute(
            "INSERT INTO news_pledges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key,
                seq,
                pr["country"],
                pr["what"],
                pr["value"],
                pr["unit"],
                pr["by"],
                json.dumps(pr["evidence"], ensure_ascii=False),
            ],
        )
    return row
