"""Ingesting a stream of documents, at any scale: read (streamed) -> skip what the store holds (by content
hash, before any stage runs) -> relevance prefilter -> the pipeline (in this process, on local worker
processes, or on Ray) -> rows written in bulk, one transaction per batch.

A batch is committed whole or not at all, so a killed run leaves the store with the batches before it, and
the next run skips every document already stored: it resumes where the first stopped, without duplicates.
The write lock is held only while a batch is written, so readers and other writers get their turn.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from allied.model import Document, InputError
from allied.news.prefilter import relevant
from allied.news.rows import Rows, concat, doc_key, rows_of
from allied.news.store import known_keys, prepare, store_rows

ENGINES = ("local", "ray")
BATCH = 500  # documents read per transaction
RAY_BATCH = 5000  # on Ray a batch is one Ray Data run (an actor pool started for it): larger amortises that


def batch_size(engine: str = "local") -> int:
    """Documents per batch (one transaction): $ALLIED_INGEST_BATCH, else 500 (5,000 on Ray)."""
    value = os.environ.get("ALLIED_INGEST_BATCH", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return RAY_BATCH if engine == "ray" else BATCH


@dataclass(frozen=True)
class Outcome:
    """What became of one document: enough for the summary without keeping the document."""

    name: str
    key: str
    language: str | None
    events: int
    pledges: int
    error: str | None = None
    reason: str | None = None


@dataclass
class Tally:
    """Running totals, for the progress bar and the end of run line."""

    read: int = 0
    kept: int = 0
    filtered: int = 0
    already: int = 0
    failed: int = 0
    stored: int = 0
    new_events: int = 0
    merged_events: int = 0
    started: float = field(default_factory=lambda: __import__("time").perf_counter())

    def rate(self) -> float:
        import time

        return self.read / max(time.perf_counter() - self.started, 1e-9)


def outcome(doc: Document) -> Outcome:
    return Outcome(
        doc.name, doc_key(doc) if doc.ok else "", doc.language, len(doc.events), len(doc.pledges), doc.error, doc.reason
    )


def process(docs: list[Document]) -> tuple[list[Outcome], Rows]:
    """Run the default pipeline over documents: their outcomes and rows (what a worker returns)."""
    from allied.news.pipeline import default_pipeline

    done = list(default_pipeline().pipe(docs))
    return [outcome(d) for d in done], rows_of(done)


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalEngine:
    """The pipeline in this process (``workers=1``) or on ``workers`` local processes."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise InputError("--workers", workers, "a whole number of processes, 1 or more")
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers) if workers > 1 else None

    def run(self, docs: list[Document]) -> tuple[list[Outcome], Rows]:
        if self.pool is None or len(docs) < 2:
            return process(docs)
        size = max(1, -(-len(docs) // (self.workers * 4)))
        parts = list(self.pool.map(process, list(_chunks(docs, size))))
        return [o for p in parts for o in p[0]], concat([p[1] for p in parts])

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _summary(o: Outcome, status: str, counts: dict[str, int] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": o.name,
        "language": o.language,
        "events": o.events if status == "stored" else 0,
        "pledges": o.pledges if status == "stored" else 0,
        "new_events": 0,
        "merged_events": 0,
        "status": status,
    }
    if counts:
        row.update(counts)
    if status == "skipped":
        row["reason"] = o.error or o.reason
    return row


def ingest_stream(
    docs: Iterable[Document],
    db: str | Path | None = None,
    engine: Any = None,
    batch: int = BATCH,
    prefilter: bool = True,
    on_batch: Callable[[Tally], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Store a stream of read documents; a summary per document, batch by batch (memory holds one batch)."""
    from allied.store import writer

    engine = engine or LocalEngine()
    tally = Tally()
    for chunk in _chunks(docs, batch):
        tally.read += len(chunk)
        keys = [doc_key(d) if d.ok else "" for d in chunk]
        with writer(db) as con:
            prepare(con)
            stored = known_keys(con, [k for k in keys if k])
        todo: list[Document] = []
        out: list[tuple[int, dict[str, Any] | None]] = []
        seen: set[str] = set()
        for i, (doc, key) in enumerate(zip(chunk, keys, strict=True)):
            if not key:
                out.append((i, _summary(outcome(doc), "skipped")))
                tally.failed += 1
            elif key in stored or key in seen:
                out.append((i, _summary(Outcome(doc.name, key, doc.language, 0, 0), "already stored")))
                tally.already += 1
            elif prefilter and not relevant(doc.text, doc.language):
                out.append((i, _summary(Outcome(doc.name, key, doc.language, 0, 0), "filtered")))
                tally.filtered += 1
            else:
                seen.add(key)
                todo.append(doc)
                out.append((i, None))
        tally.kept += len(todo)
        outcomes, rows = engine.run(todo) if todo else ([], rows_of([]))
        with writer(db) as con:
            counts = store_rows(con, rows)
        done = iter(outcomes)
        for _, row in out:
            if row is None:
                o = next(done)
                if o.key in counts:
                    row = _summary(o, "stored", counts[o.key])
                    tally.stored += 1
                    tally.new_events += counts[o.key]["new_events"]
                    tally.merged_events += counts[o.key]["merged_events"]
                elif o.key:
                    row = _summary(o, "already stored")  # a concurrent run stored it first
                    tally.already += 1
                else:
                    row = _summary(o, "skipped")
                    tally.failed += 1
            yield row
        if on_batch is not None:
            on_batch(tally)


def make_engine(engine: str = "local", workers: int = 1, address: str | None = None) -> Any:
    if engine not in ENGINES:
        raise InputError("--engine", engine, " | ".join(ENGINES))
    if engine == "ray":
        from allied.news.distributed import RayEngine

        return RayEngine(workers=workers, address=address)
    return LocalEngine(workers)
