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
from allied.news import ingest as ingest_module
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


def _count_extractions(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    from allied.news import read

    calls: list[int] = []
    real = read._extract

    def counted(html, metadata):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(html, metadata)

    monkeypatch.setattr(read, "_extract", counted)
    return calls


def test_unrelated_pages_never_reach_extraction_and_unchanged_pages_are_skipped(tmp_path: Path, monkeypatch) -> None:
    items = list(pages(80, 0.25, seed=3))
    warc = write_warc(tmp_path / "crawl.warc.gz", iter(items))
    db = tmp_path / "s.duckdb"
    calls = _count_extractions(monkeypatch)
    first = allied.ingest([warc], db=db)
    related = sum(p.related for p in items)
    assert 0 < related < len(items) / 2
    assert len(calls) == related  # only pages whose visible text passes the prefilter are extracted
    assert sum(r["status"] == "filtered" for r in first) == len(items) - related
    assert sum(r["status"] == "stored" for r in first) == related
    before = _counts(db)
    calls.clear()
    checks: list[str] = []
    real = ingest_module.relevant
    monkeypatch.setattr(ingest_module, "relevant", lambda text, lang=None: checks.append(text) or real(text, lang))
    again = allied.ingest([warc], db=db)
    assert calls == []  # a page whose location and digest are stored is skipped before extraction,
    assert checks == []  # and one the same filter dropped before is passed over without checking again
    assert [r["status"] for r in again] == ["already stored" if p.related else "filtered" for p in items]
    assert _counts(db) == before
    monkeypatch.setattr(ingest_module, "filter_version", lambda: "a changed filter")
    assert [r["status"] for r in allied.ingest([warc], db=db)] == [r["status"] for r in again]
    assert len(checks) == len(items) - related and calls == []  # a changed filter checks the dropped again
    off = allied.ingest([warc], db=tmp_path / "off.duckdb", prefilter=False)
    assert sum(r["status"] == "stored" for r in off) > related  # without the filter every page is read


def test_the_same_text_at_two_urls_is_one_document_found_twice(tmp_path: Path) -> None:
    [page] = [p for p in pages(40, 0.5, seed=5) if p.related][:1]
    copy = type(page)(page.url.replace("news.example.org", "wire.example.com"), page.text, page.published, "en", True)
    db = tmp_path / "s.duckdb"
    both = write_jsonl(tmp_path / "both.jsonl", iter([page, copy]))
    rows = allied.ingest([both], db=db)
    assert [r["status"] for r in rows] == ["stored", "already stored"]
    later = write_warc(tmp_path / "later.warc", iter([copy]))
    assert [r["status"] for r in allied.ingest([later], db=db)] == ["already stored"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        [(docs,)] = con.execute("SELECT count(*) FROM news_documents").fetchall()
        where = con.execute("SELECT location, digest <> '' FROM news_locations ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    assert docs == 1
    assert where == [(page.url, False), (copy.url, False), (copy.url, True)]
    [event, *_] = allied.events(db=db)
    assert len(event["sources"]) == 1  # one article, so one report of its events


def test_batches_of_any_size_store_the_same_and_summaries_come_in_order(tmp_path: Path, monkeypatch) -> None:
    """A batch is written on the connection that looks the next one up: the store, the summaries and their
    order are those of one batch, and re-ingesting in batches finds everything stored."""
    src = write_jsonl(tmp_path / "in.jsonl", pages(130, 0.6, seed=11))
    whole = allied.ingest([src], db=tmp_path / "whole.duckdb")
    monkeypatch.setenv("ALLIED_INGEST_BATCH", "20")
    parts = allied.ingest([src], db=tmp_path / "parts.duckdb")
    def shown(rows: list[dict]) -> list[tuple]:  # type: ignore[type-arg]
        return [(r["doc"], r["status"], r["events"]) for r in rows]

    assert shown(parts) == shown(whole)
    assert _counts(tmp_path / "parts.duckdb") == _counts(tmp_path / "whole.duckdb")
    assert _events(tmp_path / "parts.duckdb") == _events(tmp_path / "whole.duckdb")
    again = allied.ingest([src], db=tmp_path / "parts.duckdb")
    assert {r["status"] for r in again} == {"already stored", "filtered"}
    ticks: list[int] = []
    list(ingest_module.ingest_stream(iter([]), tmp_path / "empty.duckdb", on_batch=lambda t: ticks.append(t.read)))
    assert ticks == []  # nothing read: no batch


def test_a_failure_while_reading_keeps_the_batches_processed_before_it(tmp_path: Path) -> None:
    from allied.news.read import read_paths

    src = write_jsonl(tmp_path / "in.jsonl", pages(50, 1.0, seed=12))
    docs = list(read_paths([src]))

    def broken():  # type: ignore[no-untyped-def]
        yield from docs[:40]
        raise OSError("the disk went away")

    db = tmp_path / "s.duckdb"
    got: list[dict] = []  # type: ignore[type-arg]
    with pytest.raises(OSError, match="the disk went away"):
        for row in ingest_module.ingest_stream(broken(), db, batch=20):
            got.append(row)
    assert [r["doc"] for r in got] == [d.name for d in docs[:20]]  # the first batch, reported
    assert _consistent(db, 20, 50) == 40  # the second, processed when the reading failed, is kept too
    rest = allied.ingest([src], db=db)
    assert [r["status"] for r in rest][:40] == ["already stored"] * 40


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
    """On a local Ray the test starts (2 CPUs). Ray is in the test extra, so CI runs this: never skipped."""
    import ray  # noqa: F401  (a missing Ray fails here rather than skipping the test)
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


def _timed_run(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def test_kill_during_ingest_leaves_old_or_new_batches_and_resumes_without_duplicates(tmp_path: Path) -> None:
    """kill -9 at random moments of a run, however loaded the machine: the moments are drawn over the time
    the rest of the run takes here and now (a clean run and a run with nothing left to do are timed first)."""
    total, batch = 600, 50
    src = write_jsonl(tmp_path / "in.jsonl", pages(total, 1.0, seed=9))
    db, clean = tmp_path / "s.duckdb", tmp_path / "clean.duckdb"
    env = {**os.environ, "ALLIED_INGEST_BATCH": str(batch), "ALLIED_LOCK_TIMEOUT": "60"}
    cmd = [sys.executable, "-m", "allied", "ingest", str(src), "--no-filter", "--format", "jsonl", "--db"]
    full = _timed_run([*cmd, str(clean)], env)
    start_up = _timed_run([*cmd, str(clean)], env)  # every document already stored: start-up and skipping
    assert _consistent(clean, batch, total) == total
    rng = random.Random(16)
    seen, kills = [0], 0
    for _ in range(20):
        left = 1 - seen[-1] / total
        proc = subprocess.Popen([*cmd, str(db)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5 * start_up, start_up + 0.8 * left * max(full - start_up, 0.5)))
        proc.send_signal(signal.SIGKILL)
        kills += proc.wait() == -signal.SIGKILL
        seen.append(_consistent(db, batch, total))
        if kills >= 5 and seen[-1] > 0:
            break
    assert kills >= 5, (kills, seen, full, start_up)
    assert seen == sorted(seen)  # nothing stored is ever lost
    assert 0 < seen[-1], seen  # the kills interrupted a run that had stored batches
    _timed_run([*cmd, str(db)], env)
    assert _consistent(db, batch, total) == total
    assert _counts(db) == _counts(clean)
    assert _events(db) == _events(clean)
