"""A small memo of page documents: the same query on an unchanged store gives the same document, so the
dashboard answers it again without recomputing (analysts share links; a shared link is asked again).

The key holds the store's version (the modification times of the DuckDB file and its WAL), so an import
or an ingest made while the server runs is seen at once. Concurrent askers of the same missing key wait
for one computation instead of all computing it. Errors are not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from allied.store.db import default_path


def store_version(db: str | Path | None) -> tuple[int, int]:
    """Modification times (ns) of the store file and its write-ahead log; (0, 0) for ``:memory:``."""
    if db is not None and str(db) == ":memory:":
        return (0, 0)
    path = Path(db) if db is not None else default_path()
    stamps = []
    for f in (path, path.with_name(path.name + ".wal")):
        try:
            stamps.append(f.stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    return (stamps[0], stamps[1])


class Memo:
    """Least-recently-used documents by key, at most ``size`` of them; thread-safe."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> Any:
        """The kept value for ``key``, or None."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    self._pending[key] = threading.Event()
                    break
            waiting.wait()
        try:
            value = compute()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._pending.pop(key).set()
