"""Figures held as columns in memory: each dataset read once per process and release, then asked freely.

A dataset's values (from the store when it was imported, else from the bundled snapshot) are read in one
query, sorted by indicator, country and year, and kept as columns: years and values as arrays, the text
many values share (unit, name, source, release, flags) as codes into a small list of distinct values, and
an index from (indicator, country) to its run of years. A question then reads any number of members,
series and years with look-ups, not queries: the burden of thirty members over ten years is a few hundred
of them. A dataset is read again only when the store holds another release of it (a new import: its
``datasets`` row changes); the snapshot's datasets once per process. Which release a store holds is read
once per reader copy (see ``allied.store.access.copy_memo``), else once per call.

A snapshot dataset's columns are also kept in allied's data cache (``allied.datacache.columns``: one entry
per dataset and version of the bundled snapshot, old versions removed), so a later process memory-maps
them instead of reading the snapshot's values into Python (about 0.25 s of CPU for the three datasets a
burden question reads); where the cache cannot be written the frame is built in memory as before.
"""

from __future__ import annotations

import bisect
import functools
import json
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from allied.figures import schema, snapshot
from allied.model import NotFoundError
from allied.store.access import copy_memo

COLUMNS = ("indicator", "iso3", "year", "value", "unit", "flags", "name", "source", "release")
Key = tuple[str, str, int]  # (indicator, iso3, year)


@dataclass(frozen=True)
class Stored:
    """A dataset's row in the store's ``datasets`` table: which release was imported, and when."""

    sha256: str
    imported_at: str
    rows: int
    release: str


def stored(con: duckdb.DuckDBPyConnection) -> dict[str, Stored]:
    """{dataset: Stored} of every imported dataset: once per reader copy (a copy never changes)."""
    memo = copy_memo(con)
    if memo is not None and "figures.stored" in memo:
        return memo["figures.stored"]  # type: ignore[no-any-return]
    rows = con.execute("SELECT dataset, sha256, imported_at, rows, release FROM datasets").fetchall()
    found = {str(r[0]): Stored(str(r[1]), str(r[2]), int(r[3]), str(r[4])) for r in rows}
    if memo is not None:
        memo["figures.stored"] = found
    return found


class Frame:
    """One dataset's values as columns, rows sorted by (indicator, iso3, year)."""

    years: Any  # int per row: an array, or a memory-mapped column
    values: Any  # float or None per row

    def __init__(self, dataset: str, cur: duckdb.DuckDBPyConnection, relation: str, notes: dict[str, str]) -> None:
        self.dataset, self.notes = dataset, notes
        rows = cur.execute(f"SELECT {', '.join(COLUMNS)} FROM {relation} WHERE dataset = ? "
                           "ORDER BY indicator, iso3, year", [dataset]).fetchall()
        self.years = array("i", (r[2] for r in rows))
        self.values = [r[3] for r in rows]
        self.text: dict[str, list[Any]] = {}  # column -> its distinct values, in order of first use
        self.codes: dict[str, Any] = {}  # column -> each row's code into ``text[column]``
        for k, col in enumerate(COLUMNS[4:], start=4):
            seen: dict[Any, int] = {}
            keys = (tuple(r[k] or ()) if col == "flags" else r[k] for r in rows)
            codes = array("i", (seen.setdefault(key, len(seen)) for key in keys))
            self.codes[col], self.text[col] = codes, list(seen)
        self.index: dict[tuple[str, str], tuple[int, int]] = {}  # (indicator, iso3) -> rows [start, stop)
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i][:2] != rows[start][:2]:
                self.index[(rows[start][0], rows[start][1])] = (start, i)
                start = i
        self.spans: dict[str, tuple[int, int]] = {}  # indicator -> first and last year with a value
        for (indicator, _), (lo, hi) in self.index.items():
            valued = [self.years[i] for i in range(lo, hi) if self.values[i] is not None]
            if valued:
                first, last = self.spans.get(indicator, (valued[0], valued[-1]))
                self.spans[indicator] = (min(first, valued[0]), max(last, valued[-1]))

    def columns(self) -> dict[str, array[Any] | bytes]:
        """The frame as columns of numbers (``datacache.columns``): years, values (0 where none) and which
        rows have one, each text column's codes, and the small tables (distinct texts, the index, the
        spans) as one JSON document."""
        out: dict[str, array[Any] | bytes] = {
            "years": array("i", self.years),
            "values": array("d", (0.0 if v is None else v for v in self.values)),
            "valued": array("b", (v is not None for v in self.values)),
        }
        for col, codes in self.codes.items():
            out[f"code_{col}"] = array("i", codes)
        tables = {"text": self.text, "index": [[*k, *v] for k, v in self.index.items()],
                  "spans": [[k, *v] for k, v in self.spans.items()]}
        out["tables"] = json.dumps(tables, ensure_ascii=False).encode("utf-8")
        return out

    @classmethod
    def of_columns(cls, dataset: str, notes: dict[str, str], data: dict[str, memoryview]) -> Frame:
        """The frame of ``columns()`` (memory-mapped: nothing is read until a row is asked for)."""
        self = cls.__new__(cls)
        self.dataset, self.notes = dataset, notes
        self.years = data["years"]
        self.values = _Values(data["values"], data["valued"])
        self.codes = {col: data[f"code_{col}"] for col in COLUMNS[4:]}
        tables = json.loads(bytes(data["tables"]).decode("utf-8"))
        self.text = {col: [tuple(t) for t in texts] if col == "flags" else texts
                     for col, texts in tables["text"].items()}
        self.index = {(ind, iso3): (lo, hi) for ind, iso3, lo, hi in tables["index"]}
        self.spans = {ind: (first, last) for ind, first, last in tables["spans"]}
        return self

    def __len__(self) -> int:
        return len(self.years)

    def row(self, i: int, indicator: str, iso3: str) -> dict[str, Any]:
        text, codes = self.text, self.codes
        return {"indicator": indicator, "iso3": iso3, "year": self.years[i], "value": self.values[i],
                "unit": text["unit"][codes["unit"][i]], "flags": list(text["flags"][codes["flags"][i]]),
                "name": text["name"][codes["name"][i]], "source": text["source"][codes["source"][i]],
                "release": text["release"][codes["release"][i]]}

    def rows(self, indicators: Iterable[str], iso3s: Iterable[str], years: Iterable[int]) -> dict[Key, dict[str, Any]]:
        """{(indicator, iso3, year): row} for every combination the dataset has a value row for."""
        wanted = sorted(set(years))
        chosen = set(wanted)
        out: dict[Key, dict[str, Any]] = {}
        for indicator in dict.fromkeys(indicators):
            for iso3 in dict.fromkeys(iso3s):
                span = self.index.get((indicator, iso3))
                if span is None:
                    continue
                lo, hi = span
                if len(wanted) >= hi - lo:  # many years asked: walk the series
                    found: Iterable[int] = (i for i, y in enumerate(self.years[lo:hi], lo) if y in chosen)
                else:  # a few years: find each one (a year is once in a series; were it twice, the last wins)
                    found = (i for y in wanted if (i := bisect.bisect_right(self.years, y, lo, hi) - 1) >= lo
                             and self.years[i] == y)
                for i in found:
                    out[(indicator, iso3, self.years[i])] = self.row(i, indicator, iso3)
        return out

    def coverage(self, indicator: str) -> tuple[int, int] | None:
        return self.spans.get(indicator)


class _Values:
    """A frame's values from two columns: the numbers, and whether each row has one (else None)."""

    def __init__(self, numbers: memoryview, valued: memoryview) -> None:
        self.numbers, self.valued = numbers, valued

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, i: int) -> float | None:
        return self.numbers[i] if self.valued[i] else None


CACHE_FORMAT = 1  # of the cached columns (``Frame.columns``): a new format is a new cache entry


@functools.lru_cache(maxsize=1)
def _snapshot_version() -> str:
    """The version of the bundled snapshot's cached frames: its files' bytes, allied's version, the format."""
    from allied import datacache

    return datacache.version_of([snapshot.PARQUET, snapshot.MANIFEST], extra=f"frames-{CACHE_FORMAT}")


def snapshot_frame(con: duckdb.DuckDBPyConnection, dataset: str, notes: dict[str, str]) -> Frame:
    """A snapshot dataset's frame, from allied's data cache (built there from the snapshot on first use)."""
    from allied import datacache

    name = "frame-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in dataset)
    data = datacache.columns(name, _snapshot_version(),
                             lambda: Frame(dataset, con, snapshot.relation(), notes).columns())
    return Frame.of_columns(dataset, notes, data)


class _Frames:
    """The frames of this process, least recently used dropped past ``size``; each built once."""

    def __init__(self, size: int = 24) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Frame] = OrderedDict()
        self.building: dict[tuple[Any, ...], threading.Lock] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...], build: Callable[[], Frame]) -> Frame:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            gate = self.building.setdefault(key, threading.Lock())
        with gate:  # one thread builds a frame; the others asking for it wait for that one
            with self.lock:
                if key in self.items:
                    return self.items[key]
            frame = build()
            with self.lock:
                self.items[key] = frame
                self.building.pop(key, None)
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
            return frame

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_frames = _Frames()


def frame(con: duckdb.DuckDBPyConnection, dataset: str) -> Frame:
    """The values of ``dataset`` as the store (or, for a dataset never imported, the snapshot) holds them."""
    schema.ensure(con)
    held = stored(con).get(dataset)
    if held is not None:
        def imported() -> Frame:
            notes = {str(m): str(t) for m, t in con.execute(
                "SELECT mark, text FROM figure_notes WHERE dataset = ?", [dataset]).fetchall()}
            return Frame(dataset, con, "figure_values", notes)

        return _frames.get(("store", dataset, held), imported)
    meta = snapshot.datasets().get(dataset)
    if meta is None:
        raise NotFoundError(f"dataset {dataset!r} is not in the store nor in the bundled snapshot; "
                            f"import it first: allied data import {dataset.split(':')[0]} FILE")
    notes = meta.get("notes", [])
    return _frames.get(("snapshot", dataset, str(meta.get("sha256")), meta.get("rows")),
                       lambda: snapshot_frame(con, dataset, {str(m): str(t) for m, t in notes}))


def forget() -> None:
    """Drop the frames of this process (tests)."""
    _frames.clear()
