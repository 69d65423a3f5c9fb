"""The news tables of the store and their migrations (applied in order, each once, by ``prepare``)."""

from __future__ import annotations

import duckdb

from allied.store import migrate

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
    # v2: provenance, the identity columns the merge matches on, candidate keys, mentions, indexes
    """
    ALTER TABLE news_documents ADD COLUMN fetched VARCHAR;      -- the archive's fetch time, as it says it
    ALTER TABLE news_documents ADD COLUMN position BIGINT;      -- line of a JSONL file, offset in a WARC
    ALTER TABLE news_events ADD COLUMN n BIGINT;                -- order of storing (the merge prefers older)
    ALTER TABLE news_events ADD COLUMN persons VARCHAR[];
    ALTER TABLE news_events ADD COLUMN actor_ids VARCHAR[];
    ALTER TABLE news_events ADD COLUMN forum_id VARCHAR;
    ALTER TABLE news_events ADD COLUMN place_id VARCHAR;
    ALTER TABLE news_events ADD COLUMN place_name VARCHAR;
    ALTER TABLE news_events ADD COLUMN place_country VARCHAR;
    ALTER TABLE news_events ADD COLUMN place_kind VARCHAR;
    UPDATE news_events SET
        n = r.n,
        persons = coalesce([x.id FOR x IN from_json(actors, '[{"id":"VARCHAR","kind":"VARCHAR"}]')
                            IF x.kind = 'person'], []),
        actor_ids = coalesce([x.id FOR x IN from_json(actors, '[{"id":"VARCHAR"}]')], []),
        forum_id = json_extract_string(forum, '$.id'),
        place_id = coalesce(json_extract_string(place, '$.id'), ''),
        place_name = json_extract_string(place, '$.name'),
        place_country = coalesce(json_extract_string(place, '$.country'), ''),
        place_kind = coalesce(json_extract_string(place, '$.kind'), '')
    FROM (SELECT event_id, row_number() OVER (ORDER BY rowid) AS n FROM news_events) r
    WHERE r.event_id = news_events.event_id;
    UPDATE news_events SET place_id = NULL, place_country = NULL, place_kind = NULL WHERE place IS NULL;
    CREATE TABLE news_event_keys (key VARCHAR NOT NULL, event_id VARCHAR NOT NULL, PRIMARY KEY (key, event_id));
    INSERT INTO news_event_keys
        SELECT DISTINCT type || '|' || k, event_id FROM (
            SELECT type, event_id, unnest(CASE WHEN type IN ('visit', 'meeting') THEN persons
                                              WHEN type = 'forum' THEN [forum_id] ELSE actor_ids END) AS k
            FROM news_events) WHERE k IS NOT NULL;
    CREATE TABLE news_mentions (
        doc_key VARCHAR NOT NULL, kind VARCHAR NOT NULL, entity VARCHAR NOT NULL, name VARCHAR,
        country VARCHAR, start INTEGER, "end" INTEGER
    );
    CREATE INDEX news_events_date ON news_events (date_start);
    CREATE INDEX news_events_type ON news_events (type);
    CREATE INDEX news_sources_doc ON news_event_sources (doc_key);
    CREATE INDEX news_documents_url ON news_documents (url);
    CREATE INDEX news_mentions_entity ON news_mentions (entity);
    """,
    # v3: the folded actor names ('|'-separated) a person query matches in SQL; NULL on older rows
    "ALTER TABLE news_events ADD COLUMN actor_keys VARCHAR;",
    # v4: every place a document was found (a text at two URLs is one document found twice), with the digest
    # of the page as fetched: a re-ingest skips a page whose location and digest are known before extracting it
    """
    CREATE TABLE news_locations (
        location VARCHAR NOT NULL, doc_key VARCHAR NOT NULL,
        digest VARCHAR NOT NULL,            -- sha256 of the page as fetched; '' for a text read as text
        url VARCHAR, path VARCHAR, position BIGINT, fetched VARCHAR, PRIMARY KEY (location, digest, doc_key)
    );
    INSERT INTO news_locations
        SELECT coalesce(url, CASE WHEN position IS NULL THEN path ELSE path || '#' || position END, doc_key),
               doc_key, '', url, path, position, fetched FROM news_documents;
    """,
    # v5: what the relevance prefilter dropped (a text's hash, or a page's location and digest), with the
    # version of the filter that dropped it: a re-ingest passes over it again without a stage, until the
    # filter changes
    "CREATE TABLE news_passed_over (mark VARCHAR PRIMARY KEY, filter VARCHAR NOT NULL);",
    # v6: what an events query orders and filters on, kept on the event by the writer so that a query reads
    # one table: its days (its dates, else its sources' publication days) and its first document's name
    """
    ALTER TABLE news_events ADD COLUMN day_lo DATE;
    ALTER TABLE news_events ADD COLUMN day_hi DATE;
    ALTER TABLE news_events ADD COLUMN first_name VARCHAR;
    UPDATE news_events SET first_name = d.name FROM news_documents d WHERE d.doc_key = news_events.first_doc;
    UPDATE news_events SET day_lo = date_start, day_hi = date_end WHERE date_start IS NOT NULL;
    UPDATE news_events SET day_lo = w.lo, day_hi = w.hi FROM (
        SELECT s.event_id, min(d.published) AS lo, max(d.published) AS hi
        FROM news_event_sources s JOIN news_documents d USING (doc_key) GROUP BY s.event_id) w
    WHERE w.event_id = news_events.event_id AND news_events.date_start IS NULL;
    """,
)


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    migrate(con, "news", MIGRATIONS)
