"""Ingest at scale: unchanged documents skipped before any stage, the prefilter's recall, local workers and Ray
giving exactly the in-process events, and kill -9 at random moments leaving old-or-new batches only."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import allied
from allied.news import pipeline
from allied.news.prefilter import relevant
from tests.news.conftest import corpus
from tests.news.synth import pages, write_jsonl, write_warc


def _events(db: Path) -> list[str]:
    return sorted(
        json.dumps(
            {k: e[k] for k in ("type", "date", "place", "actors", "countries", "forum", "topics", "status")}
            | {"sources": sorted((s["doc"], s["published"], json.dumps(s["evidence"])) for s in e["sources"])},
            sort_keys=True,
        )
        for e in allied.events(db=db)
    )


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("news_documents", "news_events", "news_event_sources", "news_pledges", "news_event_keys")
        }
    finally:
        con.close()


def test_unchanged_documents_are_skipped_before_any_stage(tmp_path: Path, monkeypatch) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", pages(60, 0.5))
    db = tmp_path / "s.duckdb"
    first = allied.ingest([src], db=db)
    assert {r["status"] for r in first} == {"stored", "filtered"}
    runs: list[str] = []
    real = pipeline.Pipeline.run

    def counting(self: pipeline.Pipeline, doc):  # type: ignore[no-untyped-def]
        runs.append(doc.name)
        return real(self, doc)

    monkeypatch.setattr(pipeline.Pipeline, "run", counting)
    before = _counts(db)
    again = allied.ingest([src], db=db)
    assert runs == []
    assert {r["status"] for r in again} == {"already stored", "filtered"}
    assert _counts(db) == before


def test_prefilter_keeps_every_dev_article_with_gold_events() -> None:
    gold = [json.loads(line) for line in corpus("gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with_events = [g["id"] for g in gold if g["events"]]
    assert with_events
    dropped = [i for i in with_events if not relevant(corpus("articles", f"{i}.txt").read_text(encoding="utf-8"))]
    assert dropped == []
    unrelated = [p.text for p in pages(400, 0.0)]
    assert sum(map(relevant, unrelated)) < len(unrelated) * 0.1  # and it drops the unrelated majority


def test_two_local_workers_store_the_same_events(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", pages(120, 0.6, seed=7))
    allied.ingest([src], db=tmp_path / "one.duckdb")
    allied.ingest([src], db=tmp_path / "two.duckdb", workers=2)
    assert _events(tmp_path / "one.duckdb") == _events(tmp_path / "two.duckdb")
    assert _counts(tmp_path / "one.duckdb") == _counts(tmp_path / "two.duckdb")


def test_ray_gets_exactly_the_events_of_the_in_process_path(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    warc = write_warc(tmp_path / "crawl.warc.gz", pages(300, 0.35, seed=21))
    local = allied.ingest([warc], db=tmp_path / "local.duckdb")
    ray_run = allied.ingest([warc], db=tmp_path / "ray.duckdb", engine="ray", workers=2)
    assert [(r["doc"], r["status"], r["new_events"], r["merged_events"]) for r in ray_run] == [
        (r["doc"], r["status"], r["new_events"], r["merged_events"]) for r in local
    ]
    events = _events(tmp_path / "local.duckdb")
    assert len(events) > 50
    assert _events(tmp_path / "ray.duckdb") == events
    assert _counts(tmp_path / "ray.duckdb") == _counts(tmp_path / "local.duckdb")
    con = duckdb.connect(str(tmp_path / "ray.duckdb"), read_only=True)
    try:
        [(urls, fetched)] = con.execute("SELECT count(url), count(fetched) FROM news_documents").fetchall()
    finally:
        con.close()
    assert urls == fetched == _counts(tmp_path / "ray.duckdb")["news_documents"]  # provenance kept


def _consistent(db: Path, batch: int, total: int) -> int:
    """The store opens and holds whole batches only: every document with all of its rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "news_documents" not in tables:
            return 0
        [(docs,)] = con.execute("SELECT count(*) FROM news_documents").fetchall()
        assert docs % batch == 0 or docs == total, docs
        [(orphans,)] = con.execute(
            "SELECT count(*) FROM news_event_sources s LEFT JOIN news_documents d USING (doc_key) "
            "WHERE d.doc_key IS NULL"
        ).fetchall()
        [(sourceless,)] = con.execute(
            "SELECT count(*) FROM news_documents d WHERE d.events > 0 AND NOT EXISTS "
            "(SELECT 1 FROM news_event_sources s WHERE s.doc_key = d.doc_key)"
        ).fetchall()
        [(unkeyed,)] = con.execute(
            "SELECT count(*) FROM news_event_keys k LEFT JOIN news_events e USING (event_id) WHERE e.event_id IS NULL"
        ).fetchall()
        assert orphans == sourceless == unkeyed == 0
        return int(docs)
    finally:
        con.close()


def test_kill_during_ingest_leaves_old_or_new_batches_and_resumes_without_duplicates(tmp_path: Path) -> None:
    total, batch = 600, 50
    src = write_jsonl(tmp_path / "in.jsonl", pages(total, 1.0, seed=9))
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "ALLIED_INGEST_BATCH": str(batch), "ALLIED_LOCK_TIMEOUT": "60"}
    cmd = [sys.executable, "-m", "allied", "ingest", str(src), "--db", str(db), "--no-filter", "--format", "jsonl"]
    rng = random.Random(16)
    seen = []
    for _ in range(6):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.append(_consistent(db, batch, total))
    assert seen == sorted(seen)  # nothing stored is ever lost
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert _consistent(db, batch, total) == total
    clean = tmp_path / "clean.duckdb"
    subprocess.run(
        [*cmd[:5], "--db", str(clean), "--no-filter"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert _counts(db) == _counts(clean)
    assert _events(db) == _events(clean)
