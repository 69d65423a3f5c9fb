"""The news tables in the store: documents (with provenance), events merged across documents and languages,
their sources, pledges and mentions. A batch is written in bulk (Arrow tables) in one transaction: all or
nothing; the same text is stored once.

Merging is a set operation: the batch's events are joined with the stored events on the candidate keys of
``allied.news.identity`` (indexed), and the SQL twin of ``identity.same_event`` (``same_event_sql``) keeps
the pairs that tell the same event. Each new event then joins the earliest stored (or earlier-in-batch)
event it matches, in the order of the documents' publication; the stored event keeps every source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from allied.model import Document, Event
from allied.news.identity import candidate_keys, containment, same_event
from allied.news.migrations import prepare
from allied.news.rows import Rows, doc_key, event_of, event_row, rows_of
from allied.store import transaction

__all__ = [
    "doc_key",
    "ingest_documents",
    "known_keys",
    "known_pages",
    "known_passed_over",
    "prepare",
    "same_event_sql",
    "store_rows",
]

EVENT_COLUMNS = (
    "type, actors, countries, place, date_start, date_end, date_inferred, forum, topics, status, "
    "persons, actor_ids, forum_id, place_id, place_name, place_country, place_kind, actor_keys"
)


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def same_event_sql(a: str, b: str) -> str:
    """``identity.same_event`` as a SQL condition on two event rows aliased ``a`` and ``b``."""
    pairs = [(x, y) for k, v in containment().items() for x, y in ((k, v), (v, k))]
    inside = " OR ".join(f"({a}.place_id = {_quote(x)} AND {b}.place_id = {_quote(y)})" for x, y in pairs)
    share_persons = f"len(list_intersect({a}.persons, {b}.persons)) > 0"
    same_persons = (
        f"(len({a}.persons) > 0 AND list_sort(list_distinct({a}.persons)) = list_sort(list_distinct({b}.persons)))"
    )
    visit_place = (
        f"(({a}.place_country = {b}.place_country AND (({a}.place_kind = 'city' AND {b}.place_kind = 'country') "
        f"OR ({a}.place_kind = 'country' AND {b}.place_kind = 'city'))) "
        f"OR ({a}.place_name = {b}.place_name AND {a}.place_country = {b}.place_country) OR {inside or 'FALSE'})"
    )
    return (
        f"({a}.type = {b}.type "
        f"AND ({a}.date_start IS NULL OR {b}.date_start IS NULL "
        f"OR ({a}.date_start <= {b}.date_end AND {b}.date_start <= {a}.date_end)) "
        f"AND ({a}.place IS NULL OR {b}.place IS NULL OR CASE WHEN {a}.type = 'visit' THEN {visit_place} "
        f"ELSE {a}.place_country = {b}.place_country END) "
        f"AND CASE {a}.type "
        f"WHEN 'visit' THEN {a}.place IS NOT NULL AND {b}.place IS NOT NULL AND {share_persons} "
        f"WHEN 'meeting' THEN CASE WHEN {a}.forum_id IS NOT NULL AND {b}.forum_id IS NOT NULL "
        f"THEN {a}.forum_id = {b}.forum_id AND {share_persons} ELSE {same_persons} END "
        f"WHEN 'forum' THEN {a}.forum_id IS NOT NULL AND {b}.forum_id IS NOT NULL AND {a}.forum_id = {b}.forum_id "
        f"ELSE len(list_intersect({a}.actor_ids, {b}.actor_ids)) > 0 "
        f"AND {a}.date_start IS NOT NULL AND {b}.date_start IS NOT NULL END)"
    )


def _register(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Register an Arrow table as a view; first finish any result left open on the connection (a
    ``fetchone`` elsewhere), which DuckDB refuses to register over."""
    con.execute("SELECT 1").fetchall()
    con.register(name, table)


def known_keys(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> set[str]:
    """Which of these document keys the store holds already (one query, not one per key)."""
    wanted = pa.table({"doc_key": pa.array(list(set(keys)), pa.string())})
    _register(con, "_wanted", wanted)
    try:
        return {r[0] for r in con.execute("SELECT doc_key FROM news_documents JOIN _wanted USING (doc_key)").fetchall()}
    finally:
        con.unregister("_wanted")


def known_pages(con: duckdb.DuckDBPyConnection, pages: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (location, digest) pairs of fetched pages the store holds a document from."""
    wanted = sorted(set(pages))
    if not wanted:
        return set()
    table = pa.table({"location": [p[0] for p in wanted], "digest": [p[1] for p in wanted]})
    _register(con, "_pages", table)
    try:
        sql = "SELECT DISTINCT location, digest FROM news_locations JOIN _pages USING (location, digest)"
        return {(a, b) for a, b in con.execute(sql).fetchall()}
    finally:
        con.unregister("_pages")


def known_passed_over(con: duckdb.DuckDBPyConnection, marks: Iterable[str], version: str) -> set[str]:
    """Which of these marks (text hashes, "LOCATION\nDIGEST" of pages) this version of the filter dropped."""
    wanted = sorted(set(marks))
    if not wanted:
        return set()
    _register(con, "_marks", pa.table({"mark": pa.array(wanted, pa.string())}))
    try:
        sql = "SELECT mark FROM news_passed_over JOIN _marks USING (mark) WHERE filter = ?"
        return {r[0] for r in con.execute(sql, [version]).fetchall()}
    finally:
        con.unregister("_marks")


def _first(docs: pa.Table) -> pa.Table:
    """The first row of each document key that is not marked ``again`` (those only say where a text stored
    already was found)."""
    seen: set[str] = set()
    keep = [
        i
        for i, (k, again) in enumerate(zip(docs["doc_key"].to_pylist(), docs["again"].to_pylist(), strict=True))
        if not again and not (k in seen or seen.add(k))  # type: ignore[func-returns-value]
    ]
    return docs if len(keep) == docs.num_rows else docs.take(pa.array(keep, pa.int64()))


def combine(old: Event, new: Event) -> Event:
    """The stored event ``old`` with what a newer report ``new`` adds (actors, states, place, date, status)."""
    actors = {a.id: a for a in [*old.actors, *new.actors]}
    place = old.place or new.place
    if old.place and new.place and old.place.kind == "country" and new.place.kind == "city":
        place = new.place
    date = old.date
    if old.date is None or (new.date and not new.date.inferred and old.date.inferred):
        date = new.date or old.date
    return Event(
        type=old.type,
        actors=list(actors.values()),
        countries=sorted(set(old.countries) | set(new.countries)),
        place=place,
        date=date,
        forum=old.forum or new.forum,
        topics=list(dict.fromkeys([*old.topics, *new.topics])),
        status=new.status,
    )


def _order(rows: Rows) -> pa.Table:
    """The batch's events in merge order (documents by publication day and name, events by position)."""
    docs = rows.documents
    rank = {
        k: i
        for i, (_, _, k) in enumerate(
            sorted(
                zip(docs["published"].to_pylist(), docs["name"].to_pylist(), docs["doc_key"].to_pylist(), strict=True),
                key=lambda t: (t[0] or dt.date.min, t[1], t[2]),
            )
        )
    }
    ev = rows.events
    order = sorted(range(ev.num_rows), key=lambda i: (rank[ev["doc_key"][i].as_py()], ev["seq"][i].as_py()))
    ev = ev.take(pa.array(order, pa.int64()))
    return ev.append_column("ord", pa.array(range(ev.num_rows), pa.int64()))


def _candidates(con: duckdb.DuckDBPyConnection) -> dict[int, set[str]]:
    """For each batch event, the stored events that are the same event as the stored rows stand: an
    indexed join on the candidate keys, then ``same_event_sql`` on the pairs, both inside DuckDB."""
    same: dict[int, set[str]] = {}
    # two queries, not one: in one, DuckDB's optimiser joins every stored event with every batch event of
    # the same type on the condition (its `a.type = b.type` looks like a join key), ten times the work of
    # testing the candidate pairs only
    pairs = con.sql(  # pairs far apart in time are dropped before they are made distinct
        "WITH bk AS (SELECT ord, date_start AS bs, date_end AS be, unnest(keys) AS key FROM _batch) "
        "SELECT DISTINCT bk.ord, k.event_id FROM bk JOIN news_event_keys k USING (key) "
        "JOIN news_events t ON t.event_id = k.event_id "
        "WHERE t.date_start IS NULL OR bk.bs IS NULL OR (t.date_start <= bk.be AND bk.bs <= t.date_end)"
    ).to_arrow_table()
    if not pairs.num_rows:
        return same
    _register(con, "_pairs", pairs)
    try:
        for ord_, eid in con.execute(
            "SELECT b.ord, s.event_id FROM _pairs c JOIN _batch b ON b.ord = c.ord "
            f"JOIN news_events s ON s.event_id = c.event_id WHERE {same_event_sql('s', 'b')}"
        ).fetchall():
            same.setdefault(ord_, set()).add(eid)
    finally:
        con.unregister("_pairs")
    return same


@dataclass
class _Merge:
    """The merge of one batch: each batch event's target, and the state of every event it touched."""

    target: list[tuple[str, bool]] = field(default_factory=list)  # (event id, new?)
    state: dict[str, Event] = field(default_factory=dict)
    n: dict[str, int] = field(default_factory=dict)
    new: dict[str, tuple[str, int]] = field(default_factory=dict)  # event id -> (first doc, seq)


def store_rows(
    con: duckdb.DuckDBPyConnection, rows: Rows, passed_over: Iterable[str] = (), version: str = ""
) -> dict[str, dict[str, int]]:
    """Write a batch (documents not stored yet) and merge its events, and record what the filter of
    ``version`` passed over, in one transaction; per document stored: new and merged events."""
    prepare(con)
    found = rows.documents
    rows = Rows(_first(found), rows.events, rows.pledges, rows.mentions)
    already = known_keys(con, rows.documents["doc_key"].to_pylist())
    if already:  # written by an earlier (or a concurrent) run
        rows = _without(rows, already)
    counts = {k: {"new_events": 0, "merged_events": 0} for k in rows.documents["doc_key"].to_pylist()}
    batch = _order(rows)
    with transaction(con, checkpoint=rows.documents.num_rows > 1000):
        _register(con, "_batch", batch)
        try:
            same = _candidates(con)
        finally:
            con.unregister("_batch")
        merge = _resolve(con, batch, same, counts)
        _write(con, rows, batch, merge)
        _locate(con, found)
        _pass_over(con, passed_over, version)
    return counts


def _pass_over(con: duckdb.DuckDBPyConnection, marks: Iterable[str], version: str) -> None:
    wanted = sorted(set(marks))
    if wanted:
        _register(con, "_over", pa.table({"mark": pa.array(wanted, pa.string())}))
        con.execute("INSERT OR REPLACE INTO news_passed_over SELECT mark, ? FROM _over", [version])
        con.unregister("_over")


def _locate(con: duckdb.DuckDBPyConnection, docs: pa.Table) -> None:
    """Record where each document of the batch was found (those stored now or before)."""
    if not docs.num_rows:
        return
    _register(con, "_loc", docs)
    con.execute(
        "INSERT OR IGNORE INTO news_locations SELECT DISTINCT ON (location, digest, doc_key) location, doc_key, "
        "coalesce(digest, '') AS digest, url, path, position, fetched FROM _loc "
        "WHERE doc_key IN (SELECT doc_key FROM news_documents)"
    )
    con.unregister("_loc")


def _without(rows: Rows, keys: set[str]) -> Rows:
    import pyarrow.compute as pc

    drop = pa.array(sorted(keys), pa.string())
    return Rows(
        **{name: t.filter(pc.invert(pc.is_in(t["doc_key"], value_set=drop))) for name, t in rows.tables().items()}
    )


def _resolve(
    con: duckdb.DuckDBPyConnection,
    batch: pa.Table,
    same: dict[int, set[str]],
    counts: dict[str, dict[str, int]],
) -> _Merge:
    """Each batch event in order joins the earliest-stored event it is the same as, else is a new event.

    A stored event the batch has not changed is judged by the SQL twin (``same``); one the batch changed,
    and the batch's new events, by ``identity.same_event`` on their current (combined) state, found
    through an index of their current candidate keys: the result is that of comparing each new event
    with every event stored before it, one at a time."""
    m = _Merge()
    touched: set[str] = set()
    index: dict[str, set[str]] = {}
    stored_n = _stored_n(con, {e for v in same.values() for e in v})
    m.n.update(stored_n)
    stored = _load_all(con, sorted(stored_n))  # the only stored events a batch event can join: read at once
    next_n = _max_n(con)
    for ord_, row in enumerate(batch.to_pylist()):
        ev = event_of(row)
        options = same.get(ord_, set()) | {e for k in row["keys"] for e in index.get(k, ())}
        match = None
        for eid in sorted(options, key=lambda e: m.n[e]):
            if eid in touched or eid in m.new:
                hit = same_event(m.state[eid], ev)
            else:
                hit = eid in same.get(ord_, ())
            if hit:
                match = eid
                break
        key = row["doc_key"]
        if match is None:
            match = hashlib.sha1(f"{key}:{row['seq']}".encode()).hexdigest()[:16]
            next_n += 1
            m.n[match], m.state[match], m.new[match] = next_n, ev, (key, row["seq"])
            counts[key]["new_events"] += 1
            m.target.append((match, True))
        else:
            if match not in m.state:
                m.state[match] = stored[match]
            m.state[match] = combine(m.state[match], ev)
            touched.add(match)
            counts[key]["merged_events"] += 1
            m.target.append((match, False))
        for k in candidate_keys(m.state[match]):
            index.setdefault(k, set()).add(match)
    return m


def _stored_n(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, int]:
    if not ids:
        return {}
    _register(con, "_ids", pa.table({"event_id": pa.array(sorted(ids), pa.string())}))
    try:
        return dict(con.execute("SELECT event_id, n FROM news_events JOIN _ids USING (event_id)").fetchall())
    finally:
        con.unregister("_ids")


def _write(con: duckdb.DuckDBPyConnection, rows: Rows, batch: pa.Table, m: _Merge) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _register(con, "_docs", rows.documents)
    con.execute(
        "INSERT INTO news_documents (doc_key, name, path, language, published, url, outlet, chars, events, "
        "pledges, ingested_at, fetched, position) SELECT doc_key, name, path, language, published, url, outlet, "
        "chars, events, pledges, ?, fetched, position FROM _docs",
        [now],
    )
    con.unregister("_docs")
    out = []
    for eid, e in m.state.items():
        r = event_row("", 0, e)
        first, seq = m.new.get(eid, ("", 0))
        r.update(event_id=eid, n=m.n[eid] if eid in m.new else None, first_doc=first, seq=seq)
        out.append(r)
    if out:
        _register(con, "_ev", pa.Table.from_pylist(out))
        cols = EVENT_COLUMNS
        con.execute(
            f"INSERT INTO news_events (event_id, {cols}, first_doc, seq, n) "
            f"SELECT event_id, {cols}, first_doc, seq, n FROM _ev WHERE n IS NOT NULL"
        )
        if len(out) > len(m.new):
            sets = ", ".join(f"{c} = _ev.{c}" for c in cols.replace(" ", "").split(","))
            con.execute(
                f"UPDATE news_events SET {sets} FROM _ev WHERE _ev.n IS NULL AND news_events.event_id = _ev.event_id"
            )
        con.execute("INSERT OR IGNORE INTO news_event_keys SELECT DISTINCT unnest(keys), event_id FROM _ev")
        con.unregister("_ev")
    sources: dict[tuple[str, str], str] = {}
    for key, evidence, (eid, _) in zip(
        batch["doc_key"].to_pylist(), batch["evidence"].to_pylist(), m.target, strict=True
    ):
        sources[(eid, key)] = evidence  # a later event of the same document replaces
    if sources:
        _register(
            con,
            "_src",
            pa.table(
                {
                    "event_id": [k[0] for k in sources],
                    "doc_key": [k[1] for k in sources],
                    "evidence": list(sources.values()),
                }
            ),
        )
        con.execute("INSERT OR REPLACE INTO news_event_sources SELECT event_id, doc_key, evidence FROM _src")
        con.unregister("_src")
    if m.state:
        _keep_days(con, sorted(m.state))
    for name, table in (("news_pledges", rows.pledges), ("news_mentions", rows.mentions)):
        if table.num_rows:
            _register(con, "_t", table)
            con.execute(f"INSERT INTO {name} SELECT * FROM _t")
            con.unregister("_t")


def _keep_days(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """The columns events queries order and filter on, for the events the batch wrote: the first
    document's name and the event's days (its dates, else its sources' first and last publication day)."""
    _register(con, "_ids", pa.table({"event_id": pa.array(ids, pa.string())}))
    con.execute(
        "UPDATE news_events SET first_name = w.name, day_lo = coalesce(news_events.date_start, w.lo), "
        "day_hi = coalesce(news_events.date_end, w.hi) FROM ("
        "SELECT e.event_id, any_value(f.name) AS name, min(d.published) AS lo, max(d.published) AS hi "
        "FROM _ids e JOIN news_events x USING (event_id) LEFT JOIN news_documents f ON f.doc_key = x.first_doc "
        "LEFT JOIN news_event_sources s ON s.event_id = e.event_id LEFT JOIN news_documents d ON d.doc_key = s.doc_key "
        "GROUP BY e.event_id) w WHERE w.event_id = news_events.event_id"
    )
    con.unregister("_ids")


_STATE = ("type", "actors", "countries", "place", "date_start", "date_end", "date_inferred", "forum", "topics",
          "status")


def _load_all(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, Event]:
    """The stored state of these events, in one query (not one per event merged into)."""
    if not ids:
        return {}
    _register(con, "_ids", pa.table({"event_id": pa.array(ids, pa.string())}))
    try:
        found = con.execute(f"SELECT event_id, {', '.join(_STATE)} FROM news_events JOIN _ids USING (event_id)"
                            ).fetchall()
    finally:
        con.unregister("_ids")
    return {str(r[0]): event_of(dict(zip(_STATE, r[1:], strict=True))) for r in found}


def _max_n(con: duckdb.DuckDBPyConnection) -> int:
    [(n,)] = con.execute("SELECT coalesce(max(n), 0) FROM news_events").fetchall()  # fetchall: no open result
    return int(n)


def _summary(doc: Document, status: str, counts: dict[str, int] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": doc.name,
        "language": doc.language,
        "events": len(doc.events),
        "pledges": len(doc.pledges),
        "new_events": 0,
        "merged_events": 0,
        "status": status,
    }
    if counts:
        row.update(counts)
    if status == "skipped":
        row.update(events=0, pledges=0, reason=doc.error or doc.reason)
    return row


def ingest_documents(con: duckdb.DuckDBPyConnection, docs: list[Document]) -> list[dict[str, Any]]:
    """Store processed documents and their events (merging with stored ones) in one transaction; a summary
    per document, in the order given ("stored", "already stored", or "skipped" with the reason)."""
    prepare(con)
    keys = [doc_key(d) if d.ok else "" for d in docs]
    stored = known_keys(con, [k for k in keys if k])
    seen: set[str] = set()
    status: list[str] = []
    keep: list[Document] = []
    for doc, key in zip(docs, keys, strict=True):
        if not key:
            status.append("skipped")
        elif key in seen or key in stored:
            status.append("already stored")
        else:
            seen.add(key)
            keep.append(doc)
            status.append("stored")
    counts = store_rows(con, rows_of(keep))
    return [
        _summary(doc, st, counts.get(key) if st == "stored" else None)
        for doc, key, st in zip(docs, keys, status, strict=True)
    ]
