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
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any

from allied.model import Document, InputError
from allied.news.pages import RawPage, finish, language_hint, visible_text
from allied.news.prefilter import relevant
from allied.news.rows import Rows, concat, doc_key, rows_of
from allied.news.store import known_keys, known_pages, known_passed_over, prepare, store_rows

ENGINES = ("local", "ray")
BATCH = 500  # documents read per transaction
RAY_BATCH = 10_000  # on Ray a batch is one Ray Data run (an actor pool started for it): larger amortises that


def batch_size(engine: str = "local") -> int:
    """Documents per batch (one transaction): $ALLIED_INGEST_BATCH, else 500 (5,000 on Ray)."""
    value = os.environ.get("ALLIED_INGEST_BATCH", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return RAY_BATCH if engine == "ray" else BATCH


@dataclass(frozen=True)
class Outcome:
    """What became of one document in the engine: enough for the summary without keeping the document.
    ``status``: "processed" (through the pipeline), "filtered" (dropped by the prefilter), "duplicate" (the
    text of an earlier document of the batch) or "skipped" (unreadable: ``error``; unsupported: ``reason``)."""

    name: str
    key: str
    language: str | None
    events: int
    pledges: int
    error: str | None = None
    reason: str | None = None
    status: str = "processed"


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
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per part of the driver's work

    def rate(self) -> float:
        import time

        return self.read / max(time.perf_counter() - self.started, 1e-9)

    def timed(self, part: str, since: float) -> float:
        import time

        now = time.perf_counter()
        self.seconds[part] = self.seconds.get(part, 0.0) + now - since
        return now


Item = Document | RawPage


def outcome(doc: Document, status: str = "processed") -> Outcome:
    return Outcome(
        doc.name,
        doc_key(doc) if doc.ok else "",
        doc.language,
        len(doc.events),
        len(doc.pledges),
        doc.error,
        doc.reason,
        status if doc.ok else "skipped",
    )


def _cheap_check(item: Item, prefilter: bool) -> tuple[Document | None, str | None, Outcome | None]:
    """A page's visible text through the prefilter before extraction; a document's text after reading.
    Returns the document to run (with the digest of its page), or the outcome that ends it here."""
    digest = None
    if isinstance(item, RawPage):
        if prefilter and not relevant(visible_text(item.html), language_hint(item)):
            return None, None, Outcome(item.name, "", language_hint(item), 0, 0, status="filtered")
        doc, digest = finish(item), item.digest
    else:
        doc = item
    if not doc.ok:
        return None, None, outcome(doc, "skipped")
    if prefilter and not relevant(doc.text, doc.language):
        return None, None, Outcome(doc.name, doc_key(doc), doc.language, 0, 0, status="filtered")
    return doc, digest, None


def process(items: list[Item], prefilter: bool = True) -> tuple[list[Outcome], Rows]:
    """The engine's stage for a list of read items, wherever it runs: the prefilter (on a page's visible text
    before extraction, then on the text), the extraction of pages, and the default pipeline; the outcomes
    in order and the rows. The same text twice is processed once (the second is a "duplicate" that only
    says where it was found)."""
    from allied.news.pipeline import default_pipeline

    ends: list[Outcome | None] = []
    todo: list[Document] = []
    digests: list[str | None] = []
    again: list[tuple[Document, str | None]] = []
    seen: set[str] = set()
    for item in items:
        doc, digest, end = _cheap_check(item, prefilter)
        if doc is not None:
            key = doc_key(doc)
            if key in seen:
                again.append((doc, digest))
                end = Outcome(doc.name, key, doc.language, 0, 0, status="duplicate")
            else:
                seen.add(key)
                todo.append(doc)
                digests.append(digest)
        ends.append(end)
    done = list(default_pipeline().pipe(todo))
    results = iter(done)
    outcomes = [end if end is not None else outcome(next(results)) for end in ends]
    return outcomes, concat([rows_of(done, digests), rows_of([d for d, _ in again], [g for _, g in again], True)])


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalEngine:
    """The engine's stage in this process (``workers=1``) or on ``workers`` local processes."""

    def __init__(self, workers: int = 1, prefilter: bool = True) -> None:
        if workers < 1:
            raise InputError("--workers", workers, "a whole number of processes, 1 or more")
        self.workers = workers
        self.prefilter = prefilter
        self.pool = ProcessPoolExecutor(workers) if workers > 1 else None

    def run(self, items: list[Item]) -> tuple[list[Outcome], Rows]:
        if self.pool is None or len(items) < 2:
            return process(items, self.prefilter)
        size = max(1, -(-len(items) // (self.workers * 4)))
        parts = list(self.pool.map(partial(process, prefilter=self.prefilter), list(_chunks(items, size))))
        return [o for p in parts for o in p[0]], concat([p[1] for p in parts])

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _summary(name: str, language: str | None, status: str, o: Outcome | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": name,
        "language": language,
        "events": o.events if o is not None and status == "stored" else 0,
        "pledges": o.pledges if o is not None and status == "stored" else 0,
        "new_events": 0,
        "merged_events": 0,
        "status": status,
    }
    if status == "skipped":
        row["reason"] = (o.error or o.reason) if o is not None else None
    return row


@lru_cache(maxsize=1)
def filter_version() -> str:
    """The relevance filter's identity: its vocabulary and its code (a changed filter checks again what an
    earlier one dropped). Once per process (the packs and the reference are loaded once): building the
    vocabulary costs about 0.1 s, a millisecond per document of a run of 100."""
    import hashlib
    import inspect

    from allied.news import prefilter

    words = "\n".join(sorted(prefilter.vocabulary()))
    return hashlib.sha256((words + inspect.getsource(prefilter)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _mark(item: Item, key: str) -> str:
    """What identifies a read item before any stage: its text's hash, or a page's location and digest."""
    return key if isinstance(item, Document) else f"{item.location}\n{item.digest}"


@dataclass
class _Known:
    keys: list[str]  # each item's text hash ("" for a page not extracted yet, or an unreadable document)
    stored: set[str]  # marks of documents (text hashes) and pages (location and digest) the store holds
    passed_over: set[str]  # marks the current filter dropped before


def _known(con: Any, chunk: list[Item], version: str | None) -> _Known:
    keys = [doc_key(d) if isinstance(d, Document) and d.ok else "" for d in chunk]
    pages = [(p.location, p.digest) for p in chunk if isinstance(p, RawPage)]
    marks = [_mark(d, k) for d, k in zip(chunk, keys, strict=True) if k or isinstance(d, RawPage)]
    prepare(con)
    held = {f"{loc}\n{dig}" for loc, dig in known_pages(con, pages)}
    held |= known_keys(con, [k for k in keys if k])
    over = known_passed_over(con, marks, version) if version else set()
    return _Known(keys, held, over)


@dataclass
class _Batch:
    """One batch on its way: the summaries known before the engine (None where the engine decides), what the
    engine gives, and the rows to write (none when the store held every document at the look-up)."""

    out: list[dict[str, Any] | None]
    todo: list[Item] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    located: list[Document] = field(default_factory=list)  # texts the store holds, perhaps found at a new location
    outcomes: list[Outcome] = field(default_factory=list)
    rows: Rows | None = None
    dropped: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _look_up(con: Any, chunk: list[Item], version: str | None, tally: Tally) -> _Batch:
    """Sort a read batch: unreadable, stored already, passed over by this filter, or to run."""
    b = _Batch(out=[])
    seen: set[str] = set()
    known = _known(con, chunk, version)
    for item, key in zip(chunk, known.keys, strict=True):
        mark = _mark(item, key)
        if isinstance(item, Document) and not item.ok:
            b.out.append(_summary(item.name, item.language, "skipped", outcome(item)))
            tally.failed += 1
        elif mark in seen or mark in known.stored:
            b.out.append(_summary(item.name, item.language, "already stored"))
            tally.already += 1
            if isinstance(item, Document):
                b.located.append(item)
        elif mark in known.passed_over:
            b.out.append(_summary(item.name, item.language, "filtered"))
            tally.filtered += 1
        else:
            seen.add(mark)
            b.todo.append(item)
            b.marks.append(mark)
            b.out.append(None)
    return b


def _summaries(b: _Batch, tally: Tally) -> Iterator[dict[str, Any]]:
    done = iter(b.outcomes)
    counts = b.counts
    for row in b.out:
        if row is None:
            o = next(done)
            if o.status == "processed" and o.key in counts:
                row = _summary(o.name, o.language, "stored", o) | counts[o.key]
                tally.kept += 1
                tally.stored += 1
                tally.new_events += counts[o.key]["new_events"]
                tally.merged_events += counts[o.key]["merged_events"]
            elif o.status == "filtered":
                row = _summary(o.name, o.language, "filtered")
                tally.filtered += 1
            elif o.status == "skipped":
                row = _summary(o.name, o.language, "skipped", o)
                tally.failed += 1
            else:  # the same text as an earlier document, or stored first by a concurrent run
                row = _summary(o.name, o.language, "already stored")
                tally.kept += o.status == "processed"
                tally.already += 1
        yield row


def ingest_stream(
    docs: Iterable[Item],
    db: str | Path | None = None,
    engine: Any = None,
    batch: int = BATCH,
    prefilter: bool = True,
    on_batch: Callable[[Tally], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Store a stream of read documents (and pages not extracted yet); a summary per document, batch by
    batch (memory holds one batch, and the next one's read documents). A document whose text, or a page
    whose location and digest, the store holds is skipped before any stage; the engine's stage runs the
    rest (``process``). A batch's rows are written when the next batch has been read, on the connection that
    then looks the next one up (one opening of the store per batch: an opening costs more than a look-up),
    and its summaries follow; the last batch's are written on a connection of their own."""
    import time

    from allied.store import writer

    engine = engine or LocalEngine(prefilter=prefilter)
    version = filter_version() if getattr(engine, "prefilter", prefilter) else None
    tally = Tally()
    pending: _Batch | None = None  # processed, not written yet

    def write(con: Any, b: _Batch) -> None:
        assert b.rows is not None
        b.counts = store_rows(con, b.rows, b.dropped, version or "")

    def finish(b: _Batch) -> Iterator[dict[str, Any]]:
        yield from _summaries(b, tally)
        if on_batch is not None:
            on_batch(tally)

    t = time.perf_counter()
    try:
        for chunk in _chunks(docs, batch):
            t = tally.timed("read", t)
            tally.read += len(chunk)
            with writer(db) as con:
                written, pending = pending, None
                if written is not None:
                    write(con, written)
                    t = tally.timed("store", t)
                b = _look_up(con, chunk, version, tally)
                if not b.todo:
                    # a batch the store holds already (a re-ingest) records where its texts were found at
                    # once, on the same connection: opening the store is the larger part of its cost
                    b.counts = store_rows(con, rows_of(b.located, again=True), [], version or "")
            t = tally.timed("hash and look up", t)
            if written is not None:
                yield from finish(written)
            if b.todo:
                b.outcomes, rows = engine.run(b.todo)
                t = tally.timed("engine", t)
                b.rows = concat([rows, rows_of(b.located, again=True)]) if b.located else rows
                b.dropped = [m for m, o in zip(b.marks, b.outcomes, strict=True) if o.status == "filtered"]
                pending = b
            else:
                yield from finish(b)
            t = time.perf_counter()
    except BaseException:
        if pending is not None:  # reading the next batch failed (or was interrupted): keep what was processed
            with writer(db) as con:
                write(con, pending)
        raise
    if pending is not None:
        with writer(db) as con:
            write(con, pending)
        tally.timed("store", t)
        yield from finish(pending)


def make_engine(engine: str = "local", workers: int = 1, address: str | None = None, prefilter: bool = True) -> Any:
    if engine not in ENGINES:
        raise InputError("--engine", engine, " | ".join(ENGINES))
    if engine == "ray":
        from allied.news.distributed import RayEngine

        return RayEngine(workers=workers, address=address, prefilter=prefilter)
    return LocalEngine(workers, prefilter)
