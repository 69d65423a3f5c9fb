"""The engine's stage on Ray Data (``allied[ray]``): ``map_batches`` over an actor pool (a callable class), so
each worker loads the language packs, the reference, the prefilter's vocabulary and the gazetteer once and
keeps them for every batch of the run. The prefilter and the extraction of web pages run there too, so the
driver only reads, hashes, skips what the store holds and writes.

Each batch comes back as its outcomes plus its four row tables (Arrow IPC bytes, so this works on a cluster
without a shared file system); the driver writes them as partitioned Parquet (``<table>/part-<n>.parquet``)
and DuckDB loads those files for the store's bulk write and set-based merge: the same write, and the same
events, as the in-process path.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from allied.model import Document, InputError
from allied.news.pages import RawPage
from allied.news.rows import SCHEMAS, Rows, distinct_parts

FIELDS = ("name", "text", "path", "language", "published", "url", "outlet", "fetched", "position", "title_is_text")
PAGE_FIELDS = ("name", "path", "html", "digest", "url", "fetched", "position", "meta", "published", "language")
BATCH_ROWS = 64


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _table(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def to_item(i: int, doc: Document | RawPage) -> dict[str, Any]:
    """A read item as a row of plain values (one shape for documents and pages)."""
    item: dict[str, Any] = dict.fromkeys({*FIELDS, *PAGE_FIELDS})
    item.update({f: getattr(doc, f) for f in (PAGE_FIELDS if isinstance(doc, RawPage) else FIELDS)})
    item["published"] = doc.published.isoformat() if doc.published else None
    item["page"] = isinstance(doc, RawPage)
    item["idx"] = i
    return item


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def from_item(item: dict[str, Any]) -> Document | RawPage:
    if item.get("page"):
        return RawPage(
            name=str(item["name"]),
            path=str(item.get("path") or ""),
            html=str(item["html"]),
            digest=str(item["digest"]),
            url=item.get("url"),
            fetched=item.get("fetched"),
            position=int(item["position"]) if item.get("position") is not None else None,
            meta=str(item.get("meta") or "{}"),
            published=_day(item.get("published")),
            language=item.get("language"),
        )
    return Document(
        name=str(item["name"]),
        text=str(item["text"]),
        path=str(item.get("path") or ""),
        language=item.get("language"),
        published=_day(item.get("published")),
        url=item.get("url"),
        outlet=item.get("outlet"),
        fetched=item.get("fetched"),
        position=int(item["position"]) if item.get("position") is not None else None,
        title_is_text=bool(item.get("title_is_text", True)),
    )


class PipelineActor:
    """A Ray actor holding the engine's stage (packs, reference, vocabulary and gazetteer loaded once)."""

    def __init__(self, prefilter: bool = True) -> None:
        from allied.news.ingest import process

        self.process = process
        self.prefilter = prefilter
        process([Document(name="warm-up", text="Warm-up\nDefense ministers met in Tokyo.", language="en")])

    def __call__(self, batch: pa.Table) -> dict[str, list[Any]]:
        items = batch.to_pylist()
        outcomes, rows = self.process([from_item(it) for it in items], self.prefilter)
        payload: list[bytes | None] = [None] * len(items)
        if items:
            payload[0] = b"".join(
                len(b).to_bytes(8, "little") + b for b in (_ipc(t) for t in rows.tables().values())
            )
        return {
            "idx": [it["idx"] for it in items],
            "name": [o.name for o in outcomes],
            "key": [o.key for o in outcomes],
            "language": [o.language for o in outcomes],
            "events": [o.events for o in outcomes],
            "pledges": [o.pledges for o in outcomes],
            "error": [o.error for o in outcomes],
            "reason": [o.reason for o in outcomes],
            "status": [o.status for o in outcomes],
            "payload": payload,
        }


def _split(payload: bytes) -> list[pa.Table]:
    out, pos = [], 0
    while pos < len(payload):
        size = int.from_bytes(payload[pos : pos + 8], "little")
        out.append(_table(payload[pos + 8 : pos + 8 + size]))
        pos += 8 + size
    return out


def load_parquet(folder: Path) -> Rows:
    """The four tables of a results folder (``<table>/*.parquet``), read by DuckDB."""
    con = duckdb.connect()
    try:
        tables = {}
        for name, schema in SCHEMAS.items():
            files = sorted((folder / name).glob("*.parquet"))
            if not files:
                tables[name] = schema.empty_table()
                continue
            listed = ", ".join(f"'{f.as_posix()}'" for f in files)
            table: pa.Table = con.sql(f"SELECT * FROM read_parquet([{listed}])").to_arrow_table()
            tables[name] = table.cast(schema)
        return Rows(**tables)
    finally:
        con.close()


class RayEngine:
    """Runs batches of documents on Ray Data; starts a local Ray (``workers`` CPUs) unless given an address."""

    def __init__(self, workers: int = 1, address: str | None = None, prefilter: bool = True) -> None:
        try:
            import ray
        except ImportError:
            raise InputError("--engine", "ray", "ray after installing it: pip install 'allied[ray]'") from None
        if workers < 1:
            raise InputError("--workers", workers, "a whole number of workers, 1 or more")
        self.ray = ray
        self.workers = workers
        self.prefilter = prefilter
        self.started = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            self.started = True
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True  # batches in input order: the first of two equal texts wins

    def run(self, docs: list[Document | RawPage]) -> tuple[list[Any], Rows]:
        from allied.news.ingest import Outcome

        if not docs:
            from allied.news.rows import rows_of

            return [], rows_of([])
        ds = self.ray.data.from_items([to_item(i, d) for i, d in enumerate(docs)])
        results = ds.map_batches(
            PipelineActor,
            fn_constructor_kwargs={"prefilter": self.prefilter},
            batch_format="pyarrow",
            batch_size=BATCH_ROWS,
            concurrency=self.workers,
            num_cpus=1,
        ).take_all()
        results.sort(key=lambda r: r["idx"])
        parts = [Rows(*_split(r["payload"])) for r in results if r["payload"]]
        folder = Path(tempfile.mkdtemp(prefix="allied-ray-"))
        try:
            import pyarrow.parquet as pq

            for n, part in enumerate(distinct_parts(parts)):
                for name, table in part.tables().items():
                    (folder / name).mkdir(exist_ok=True)
                    pq.write_table(table, folder / name / f"part-{n:05d}.parquet")
            rows = load_parquet(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        outcomes = [
            Outcome(r["name"], r["key"], r["language"], r["events"], r["pledges"], r["error"], r["reason"], r["status"])
            for r in results
        ]
        return outcomes, rows

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()
