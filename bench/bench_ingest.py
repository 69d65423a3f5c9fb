"""Ingest throughput: the store's bulk write against the per-row store it replaced, and the engines.

Two parts, on generated news (``tests/news/synth.py``: meetings of defence ministers written from a
template, in English and German, among unrelated pages), CPU time beside wall time since the machine is
shared:

1. ``scaling``: documents that all hold events, N = 100, 1,000, 5,000 (each into a new store):
   - the whole ``allied.ingest`` (read, skip stored, prefilter, pipeline, bulk write and merge), then the
     same call again (every document already stored: skipped before any stage);
   - the store alone, on the same documents processed once beforehand: this store (``ingest_documents``:
     Arrow batch, key join, one transaction) and its peer, the per-row store it replaced (one INSERT per
     row and a scan of every stored event per new one), loaded from git history (``--peer-commit``).
2. ``engines``: ``--docs`` documents (default 10,000; 10 % about defence, the rest unrelated, as in an
   archive) as one JSONL file: docs/s with 1 and 2 local workers and on a local Ray (2 CPUs), the peak
   memory of the process tree, and the scaling ratio. Each run is a fresh subprocess and a new store.

3. ``events``: ``allied.events`` on a store of ``--events`` events (default 1,000,000, generated in DuckDB):
   a first page, filtered pages and whole answers, filtered, ordered and paged in DuckDB.

Usage: python bench/bench_ingest.py [scaling|engines|events|all] [--docs N] [--events N] [--peer-commit REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PEER_COMMIT = "16f3fef"  # the last commit with the per-row store (src/allied/news/store.py)


def _timed(fn):  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def _peer_store(rev: str):  # type: ignore[no-untyped-def]
    code = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:src/allied/news/store.py"], capture_output=True, text=True, check=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "peer_store.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("peer_store", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["peer_store"] = mod
    spec.loader.exec_module(mod)
    return mod


def scaling(peer_rev: str) -> None:
    import duckdb
    from tests.news.synth import pages, write_jsonl

    import allied
    from allied.news.pipeline import default_pipeline
    from allied.news.read import from_record
    from allied.news.store import ingest_documents

    tmp = Path(tempfile.mkdtemp())
    allied.ingest([write_jsonl(tmp / "warm.jsonl", pages(30, 0.5, seed=1))], db=tmp / "warm.duckdb")  # load once
    print("scaling: documents that all hold events (ms per document: wall / CPU)")
    print(f"{'N':>6} {'ingest':>15} {'re-ingest':>20} {'store':>15} {'peer store':>15} {'store vs peer':>14}")
    pipe = default_pipeline()
    for n in (100, 1000, 5000):
        src = write_jsonl(tmp / f"in{n}.jsonl", pages(n, 1.0))
        db = tmp / f"s{n}.duckdb"
        _, w1, c1 = _timed(lambda: allied.ingest([src], db=db))  # noqa: B023
        _, w2, c2 = _timed(lambda: allied.ingest([src], db=db))  # noqa: B023
        docs = [pipe.run(from_record(json.dumps(p.record()), p.url)) for p in pages(n, 1.0)]
        con = duckdb.connect(str(tmp / f"new{n}.duckdb"))
        _, ws, cs = _timed(lambda: ingest_documents(con, docs))  # noqa: B023
        con.close()
        peer = _peer_store(peer_rev)
        con = duckdb.connect(str(tmp / f"old{n}.duckdb"))
        _, wp, cp = _timed(lambda: peer.ingest_documents(con, docs))  # noqa: B023
        con.close()
        ms = 1000 / n
        print(
            f"{n:>6} {w1 * ms:>7.2f} / {c1 * ms:<6.2f}{w2 * ms:>7.2f} / {c2 * ms:<5.2f}({100 * w2 / w1:>3.0f} %)"
            f"{ws * ms:>7.2f} / {cs * ms:<6.2f}{wp * ms:>7.2f} / {cp * ms:<6.2f}{wp / ws:>9.1f}x",
            flush=True,
        )


def _child(engine: str, workers: int, src: str, db: str) -> None:
    import allied

    t, c = time.perf_counter(), time.process_time()
    rows = allied.ingest([src], db=db, engine=engine, workers=workers)
    wall = time.perf_counter() - t
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    kept = sum(r["status"] == "stored" for r in rows)
    events = sum(r["new_events"] for r in rows)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": time.process_time() - c,
                "docs": len(rows),
                "kept": kept,
                "events": events,
                "peak_mib": (peak_self + peak_children) / 1024,
            }
        )
    )


def engines(n: int) -> None:
    from tests.news.synth import pages, write_jsonl

    tmp = Path(tempfile.mkdtemp())
    src = write_jsonl(tmp / "archive.jsonl", pages(n, 0.1, seed=2))
    print(f"engines: {n:,} documents, 10 % about defence (one JSONL file; a new store per run)")
    print(f"{'engine':<16} {'docs/s':>8} {'wall s':>8} {'kept':>7} {'events':>7} {'peak MiB':>9}")
    rates = {}
    for label, engine, workers in (
        ("local, 1 worker", "local", 1),
        ("local, 2 workers", "local", 2),
        ("ray, 2 CPUs", "ray", 2),
    ):
        db = tmp / f"{engine}{workers}.duckdb"
        out = subprocess.run(
            [sys.executable, __file__, "_child", engine, str(workers), str(src), str(db)],
            capture_output=True,
            text=True,
            env={**os.environ, "RAY_DEDUP_LOGS": "0"},
        )
        if out.returncode:
            print(f"{label:<16} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rates[label] = r["docs"] / r["wall"]
        print(
            f"{label:<16} {rates[label]:>8.1f} {r['wall']:>8.1f} {r['kept']:>7} {r['events']:>7} {r['peak_mib']:>9.0f}",
            flush=True,
        )
    if "local, 1 worker" in rates:
        base = rates["local, 1 worker"]
        print("scaling ratio vs 1 worker: " + ", ".join(f"{k} {v / base:.2f}" for k, v in rates.items()))


def events_store(n: int) -> None:
    """``allied.events`` on a store of ``n`` events (generated in DuckDB): filtered and paged in SQL."""
    import duckdb

    import allied
    from allied.news.store import prepare

    tmp = Path(tempfile.mkdtemp())
    db = tmp / "million.duckdb"
    con = duckdb.connect(str(db))
    prepare(con)
    docs = n // 2
    t = time.perf_counter()
    con.execute(
        "INSERT INTO news_documents (doc_key, name, path, language, published, chars, events, pledges, ingested_at) "
        f"SELECT 'd' || i, 'doc' || i, '', 'en', DATE '2020-01-01' + (i % 2000)::INTEGER, 100, 2, 0, now() "
        f"FROM range({docs}) t(i)"
    )
    con.execute(
        "INSERT INTO news_events (event_id, type, actors, countries, place, date_start, date_end, date_inferred, "
        "forum, topics, status, first_doc, seq, n, persons, actor_ids, forum_id, actor_keys) "
        "SELECT 'e' || i, ['visit', 'meeting', 'statement'][1 + i % 3], "
        '\'[{"id": "person:p\' || (i % 997) || \'", "name": "Person \' || (i % 997) || \'", "kind": "person"}]\', '
        "[['JPN', 'KOR', 'AUS', 'USA', 'DEU'][1 + i % 5]], NULL, "
        "CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i // 2) % 2000)::INTEGER END, "
        "CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i // 2) % 2000)::INTEGER END, false, "
        'CASE WHEN i % 50 = 0 THEN \'{"id": "forum:scm", "name": "SCM"}\' END, [], \'occurred\', '
        "'d' || (i // 2), i % 2, i, ['person:p' || (i % 997)], ['person:p' || (i % 997)], "
        "CASE WHEN i % 50 = 0 THEN 'forum:scm' END, '|person' || (i % 997) || '|' "
        f"FROM range({n}) t(i)"
    )
    con.execute(f"INSERT INTO news_event_sources SELECT 'e' || i, 'd' || (i // 2), '[]' FROM range({n}) t(i)")
    con.close()
    print(f"events: a store of {n:,} events and {docs:,} documents (built in {time.perf_counter() - t:.0f} s)")
    queries = {
        "first page, no filter": {"limit": 50},
        "country + year, page": {"country": "JPN", "start": "2023-01-01", "end": "2023-12-31", "limit": 50},
        "person, all (~1,000)": {"person": "Person 17"},
        "forum + country, all": {"forum": "SCM", "country": "JPN"},
        "person id + period": {"person": "person:p5", "start": "2022-01-01", "end": "2022-06-30"},
    }
    allied.events(limit=1, db=db)  # the process's read copy of the store is made once
    print(f"{'query':<24} {'events':>7} {'wall ms':>8} {'cpu ms':>7}")
    for label, q in queries.items():
        found, w, c = _timed(lambda: allied.events(db=db, **q))  # noqa: B023
        print(f"{label:<24} {len(found):>7} {w * 1000:>8.0f} {c * 1000:>7.0f}", flush=True)
    from allied.news.query import stored_events  # the peer: what every query did before, read all in Python

    con = duckdb.connect(str(db), read_only=True)
    found, w, c = _timed(lambda: stored_events(con))
    con.close()
    print(f"{'peer: read every event':<24} {len(found):>7} {w * 1000:>8.0f} {c * 1000:>7.0f}", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", nargs="?", default="all", choices=["scaling", "engines", "events", "all"])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--peer-commit", default=PEER_COMMIT)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.part in ("scaling", "all"):
        scaling(args.peer_commit)
    if args.part in ("engines", "all"):
        engines(args.docs)
    if args.part in ("events", "all"):
        events_store(args.events)


if __name__ == "__main__":
    main()
