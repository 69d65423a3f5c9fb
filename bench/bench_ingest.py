"""Ingest throughput, on generated news (``tests/news/synth.py``: meetings of defence ministers written from a
template, in English and German, among unrelated pages), CPU time beside wall time since the machine is shared.

1. ``scaling``: folders of N = 100, 1,000, 5,000 articles (.txt with sidecars) that all hold events, each into
   a new store: the whole ``allied.ingest``, then the same call again (every document already stored:
   skipped before any stage), and where the time goes (reading, hashing and the look-up of stored keys, the
   engine's stage, the store's bulk write and merge). The peer, in the same run on the same folders: the whole
   ingest of the commit the issue measured (``--peer-commit``, the per-row store), run from a ``git archive``.
2. ``engines``: a WARC of ``--docs`` pages (default 10,000; 10 % about defence, the rest unrelated, as in an
   archive): docs/s with 1 and 2 local workers and on a local Ray (2 CPUs), the peak memory of the process
   tree (sampled from /proc: Ray's workers are not the driver's children), and the scaling ratio.
3. ``prefilter``: recall on the dev corpus (articles with gold events kept, as text and as web pages, the
   check on the visible text before extraction), the share of the generated archive it drops, and the cost
   of the check on a page against the extraction (trafilatura) it spares.
4. ``events``: ``allied.events`` on a store of ``--events`` events (default 1,000,000), generated as typed
   events and written through the store's own writer (``store_rows``, batches of 50,000 documents).

Usage: python bench/bench_ingest.py [scaling|engines|prefilter|events|all] [--docs N] [--events N]
"""

from __future__ import annotations

import argparse
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
PEER_COMMIT = "16f3fef"  # the ingest the issue measured: the per-row store (src/allied/news/store.py)


def _timed(fn):  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def write_folder(folder: Path, items) -> Path:  # type: ignore[no-untyped-def]
    """Articles as ``NAME.txt`` (title on line 1) with a ``NAME.json`` sidecar: what both versions read."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in items:
        name = p.url.rsplit("/", 1)[-1]
        (folder / f"{name}.txt").write_text(p.text, encoding="utf-8")
        meta = {"published": p.published.isoformat(), "language": p.language, "url": p.url}
        (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _scaling_child(folders: list[str]) -> None:
    """In a fresh process (this version or the peer's, by PYTHONPATH): warm up, then time each folder twice."""
    import allied

    warm = Path(tempfile.mkdtemp())
    allied.ingest([folders[0]], db=warm / "warm.duckdb")  # packs, reference and gazetteer loaded once
    stages = None
    for folder in folders:
        db = warm / (Path(folder).name + ".duckdb")
        rows, w1, c1 = _timed(lambda: allied.ingest([folder], db=db))  # noqa: B023
        _, w2, c2 = _timed(lambda: allied.ingest([folder], db=db))  # noqa: B023
        try:  # where the time goes (this version only): the driver's parts of one more ingest
            from allied.news.ingest import Tally, ingest_stream
            from allied.news.read import read_paths

            seen: list[Tally] = []
            db3 = warm / (Path(folder).name + "-parts.duckdb")
            list(ingest_stream(read_paths([folder], raw=True), db3, on_batch=seen.append))
            stages = seen[-1].seconds
        except ImportError:
            stages = None
        n = sum(r["status"] == "stored" for r in rows)
        print(json.dumps({"n": len(rows), "stored": n, "w1": w1, "c1": c1, "w2": w2, "c2": c2, "stages": stages}))


def _peer_tree(rev: str) -> Path:
    tmp = Path(tempfile.mkdtemp())
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=data, check=True)
    return tmp / "src"


def _run_scaling(folders: list[Path], pythonpath: Path | None) -> list[dict]:  # type: ignore[type-arg]
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    out = subprocess.run(
        [sys.executable, __file__, "_scaling", *map(str, folders)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def scaling(peer_rev: str, sizes: tuple[int, ...] = (100, 1000, 5000)) -> None:
    from tests.news.synth import pages

    tmp = Path(tempfile.mkdtemp())
    folders = [write_folder(tmp / f"in{n}", pages(n, 1.0, seed=n)) for n in sizes]
    print("scaling: folders of articles that all hold events (ms per document: wall / CPU)")
    ours = _run_scaling(folders, None)
    peer = _run_scaling([f for f, n in zip(folders, sizes, strict=True) if n != 1000], _peer_tree(peer_rev))
    peer_by_n = {r["n"]: r for r in peer}
    print(f"{'N':>6} {'ingest':>15} {'re-ingest':>22} {'peer ' + peer_rev:>17} {'peer / ingest':>14}")
    for r in ours:
        ms = 1000 / r["n"]
        p = peer_by_n.get(r["n"])
        shown = f"{p['w1'] * ms:>8.2f} / {p['c1'] * ms:<7.2f}{p['w1'] / r['w1']:>8.1f}x wall" if p else ""
        print(
            f"{r['n']:>6} {r['w1'] * ms:>7.2f} / {r['c1'] * ms:<6.2f} {r['w2'] * ms:>6.2f} / {r['c2'] * ms:<5.2f}"
            f"({100 * r['w2'] / r['w1']:>4.1f} %) {shown}",
            flush=True,
        )
    small, large = ours[0], ours[-1]
    print(
        f"linearity: ms per document at {large['n']:,} / at {small['n']:,} = "
        f"{(large['w1'] / large['n']) / (small['w1'] / small['n']):.2f} wall, "
        f"{(large['c1'] / large['n']) / (small['c1'] / small['n']):.2f} CPU"
    )
    for r in ours:
        if r["stages"]:
            total = sum(r["stages"].values())
            parts = ", ".join(
                f"{k} {1000 * v / r['n']:.2f} ms ({100 * v / total:.0f} %)" for k, v in r["stages"].items()
            )
            print(f"where the time goes at {r['n']:,} (wall per document): {parts}")


def _tree_rss(root: int) -> int:
    """Resident memory (KiB) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            parents[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            for line in (d / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(d.name)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(c for c, pp in parents.items() if pp == pid and c not in tree)
    return sum(rss.get(p, 0) for p in tree)


def _child(engine: str, workers: int, src: str, db: str) -> None:
    import allied

    t, c = time.perf_counter(), time.process_time()
    rows = allied.ingest([src], db=db, engine=engine, workers=workers)
    wall = time.perf_counter() - t
    kept = sum(r["status"] == "stored" for r in rows)
    filtered = sum(r["status"] == "filtered" for r in rows)
    events = sum(r["new_events"] for r in rows)
    cpu = time.process_time() - c  # this process; with workers, their CPU is added when they have ended
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {"wall": wall, "cpu": cpu + kids.ru_utime + kids.ru_stime, "docs": len(rows), "kept": kept}
    out["filtered"] = filtered
    print(json.dumps(out | {"events": events}))


def engines(n: int) -> None:
    from tests.news.synth import pages, write_warc

    tmp = Path(tempfile.mkdtemp())
    src = write_warc(tmp / "archive.warc.gz", pages(n, 0.1, seed=2))
    print(f"engines: a WARC of {n:,} pages, 10 % about defence (a new store per run)")
    print(
        f"{'engine':<17} {'docs/s':>8} {'wall s':>8} {'CPU s':>7} {'stored':>7} {'filtered':>9} {'events':>7}"
        f" {'peak MiB':>9}"
    )
    rates = {}
    for label, engine, workers in (
        ("local, 1 worker", "local", 1),
        ("local, 2 workers", "local", 2),
        ("ray, 2 CPUs", "ray", 2),
    ):
        db = tmp / f"{engine}{workers}.duckdb"
        proc = subprocess.Popen(
            [sys.executable, __file__, "_child", engine, str(workers), str(src), str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "RAY_DEDUP_LOGS": "0"},
        )
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.25)
        stdout, stderr = proc.communicate()
        if proc.returncode:
            print(f"{label:<17} failed: {stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(stdout.strip().splitlines()[-1])
        rates[label] = r["docs"] / r["wall"]
        print(
            f"{label:<17} {rates[label]:>8.1f} {r['wall']:>8.1f} {r['cpu']:>7.1f} {r['kept']:>7} {r['filtered']:>9}"
            f" {r['events']:>7}"
            f" {peak / 1024:>9.0f}",
            flush=True,
        )
    if "local, 1 worker" in rates:
        base = rates["local, 1 worker"]
        print("scaling ratio vs 1 worker: " + ", ".join(f"{k} {v / base:.2f}" for k, v in rates.items()))


def prefilter_part() -> None:
    """Recall on the dev corpus (text, and the page's visible text before extraction), drop rate, cost."""
    from tests.news.synth import Page, pages

    from allied.news.pages import RawPage, language_hint, visible_text
    from allied.news.prefilter import relevant
    from allied.news.read import _extract

    dev = ROOT.parent / "shared" / "corpus" / "dev"
    gold = [json.loads(x) for x in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    with_events = [g["id"] for g in gold if g["events"]]
    texts = {i: (dev / "articles" / f"{i}.txt").read_text(encoding="utf-8") for i in with_events}
    kept_text = sum(relevant(t) for t in texts.values())
    as_pages = {
        i: Page(f"https://example.org/{i}", t, __import__("datetime").date(2026, 1, 1), "", True).html()
        for i, t in texts.items()
    }
    kept_page = sum(relevant(visible_text(h)) for h in as_pages.values())
    print(
        f"prefilter: dev articles with gold events kept: {kept_text}/{len(texts)} as text, "
        f"{kept_page}/{len(texts)} as web pages (visible text, before extraction)"
    )
    archive = list(pages(2000, 0.1, seed=2))
    raws = [RawPage(p.url, "", p.html(), "") for p in archive]
    (kept, w, c) = _timed(lambda: [relevant(visible_text(r.html), language_hint(r)) for r in raws])
    unrelated = [k for k, p in zip(kept, archive, strict=True) if not p.related]
    related = [k for k, p in zip(kept, archive, strict=True) if p.related]
    print(
        f"generated archive of {len(archive):,} pages: drops {100 * (1 - sum(kept) / len(kept)):.1f} % "
        f"({len(unrelated) - sum(unrelated)} of {len(unrelated)} unrelated dropped, "
        f"{sum(related)} of {len(related)} related kept); check {1000 * w / len(raws):.2f} ms wall, "
        f"{1000 * c / len(raws):.2f} ms CPU a page"
    )
    _, w2, c2 = _timed(lambda: [_extract(r.html, True) for r in raws[:300]])
    print(
        f"peer: extraction (trafilatura with metadata) {1000 * w2 / 300:.2f} ms wall, {1000 * c2 / 300:.2f} ms "
        "CPU a page: what the check spares a dropped page"
    )


def _generated_documents(start: int, count: int):  # type: ignore[no-untyped-def]
    """Documents with two typed events each: visits, meetings and statements of 4,999 people over 2,000 days,
    a quarter undated statements, a fiftieth at a forum; almost none the same event as another."""
    import datetime as dt

    from allied.model import Actor, DateRange, Document, Event, ForumRef, PlaceRef

    base = dt.date(2020, 1, 1)
    countries = ("JPN", "KOR", "AUS", "USA", "DEU")
    docs = []
    for i in range(start, start + count):
        doc = Document(
            name=f"doc{i}", text=f"Generated report {i}\n", language="en", published=base + dt.timedelta(days=i % 2000)
        )
        for seq in range(2):
            j = 2 * i + seq
            p = j % 4999
            kind = "statement" if j % 4 == 0 else ("visit", "meeting", "statement")[j % 3]
            day = base + dt.timedelta(days=(j // 2) % 2000)
            country = countries[j % 5]
            doc.events.append(
                Event(
                    type=kind,
                    actors=[Actor(f"person:p{p}", f"Person {p}", "person")],
                    countries=[country],
                    place=PlaceRef(f"City {j % 50}", country, None, None, f"city:{j % 50}", "city")
                    if kind == "visit"
                    else None,
                    date=None if j % 4 == 0 else DateRange(day, day, False),
                    forum=ForumRef("forum:scm", "SCM") if j % 50 == 1 else None,
                    topics=[],
                    status="occurred",
                )
            )
        docs.append(doc)
    return docs


def events_store(n: int) -> None:
    """``allied.events`` on a store of ``n`` events, written through the store's writer."""
    import duckdb

    import allied
    from allied.news.rows import rows_of
    from allied.news.store import store_rows

    tmp = Path(tempfile.mkdtemp())
    db = tmp / "million.duckdb"
    con = duckdb.connect(str(db))
    t, cpu = time.perf_counter(), time.process_time()
    per = 50_000
    for start in range(0, n // 2, per):
        store_rows(con, rows_of(_generated_documents(start, min(per, n // 2 - start))))
    [(events, docs)] = con.execute("SELECT (SELECT count(*) FROM news_events), count(*) FROM news_documents").fetchall()
    con.close()
    print(
        f"events: a store of {events:,} events and {docs:,} documents, written through store_rows in "
        f"{time.perf_counter() - t:.0f} s wall, {time.process_time() - cpu:.0f} s CPU"
    )
    queries = {
        "first page, no filter": {"limit": 50},
        "page 200 (offset 9,950)": {"limit": 50, "offset": 9950},
        "country + year, page": {"country": "JPN", "start": "2023-01-01", "end": "2023-12-31", "limit": 50},
        "person, all": {"person": "Person 17"},
        "forum + country, all": {"forum": "SCM", "country": "KOR"},
        "person id + period": {"person": "person:p5", "start": "2021-01-01", "end": "2023-12-31"},
    }
    allied.events(limit=1, db=db)  # the process's read copy of the store is made once
    print(f"{'query':<25} {'events':>7} {'wall ms':>8} {'cpu ms':>7}")
    for label, q in queries.items():
        found, w, c = _timed(lambda: allied.events(db=db, **q))  # noqa: B023
        print(f"{label:<25} {len(found):>7} {w * 1000:>8.0f} {c * 1000:>7.0f}", flush=True)
    found, w, c = _timed(lambda: allied.itinerary("Person 17", db=db))
    print(f"{'itinerary of a person':<25} {len(found):>7} {w * 1000:>8.0f} {c * 1000:>7.0f}", flush=True)
    from allied.news.query import stored_events  # the peer: what every query did before, read all in Python

    con = duckdb.connect(str(db), read_only=True)
    found, w, c = _timed(lambda: stored_events(con))
    con.close()
    print(f"{'peer: read every event':<25} {len(found):>7} {w * 1000:>8.0f} {c * 1000:>7.0f}", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_scaling":
        _scaling_child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", nargs="?", default="all", choices=["scaling", "engines", "prefilter", "events", "all"])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--peer-commit", default=PEER_COMMIT)
    ap.add_argument("--sizes", default="100,1000,5000", help="documents per scaling run, comma-separated")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.part in ("scaling", "all"):
        scaling(args.peer_commit, tuple(int(x) for x in args.sizes.split(",")))
    if args.part in ("engines", "all"):
        engines(args.docs)
    if args.part in ("prefilter", "all"):
        prefilter_part()
    if args.part in ("events", "all"):
        events_store(args.events)


if __name__ == "__main__":
    main()
