"""One way in to the store: ``reader(path)`` for reading, ``writer(path)`` for writing.

DuckDB lets one process open a file read-write, or any number open it read-only, never both at once. So a
reader does not keep the file open: the first ``reader(path)`` of a process copies the store into an
in-memory database (holding DuckDB's lock only for the copy) and every later one reads that copy, until
the file changes on disk; then the next reader copies it again. A reader that finds the file locked by a
writer keeps reading the copy it has (a consistent earlier state), and only a process with no copy yet
waits for the lock. So any number of processes read while one writes, and a writer waits only for copies.

A writer opens the file read-write, retrying DuckDB's lock with backoff up to a deadline, and closes it
when done (releasing the lock): past the deadline it raises ``StoreBusy`` naming the store.

Migrations are checked once per copy (readers) or connection (writers): ``migrate`` remembers them.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from allied.model import AlliedError
from allied.store import db as _db

WAIT_SECONDS = 30.0  # default deadline for the lock; $ALLIED_LOCK_TIMEOUT overrides it
RETRY_AFTER = 2  # seconds a client is told to wait when the store stays busy
_LOCKED = ("could not set lock", "conflicting lock", "unique file handle conflict", "different configuration")

Loader = Callable[[duckdb.DuckDBPyConnection], None]
_loaders: list[Loader] = []


class StoreBusy(AlliedError):
    """The store stayed locked by another writer past the deadline (the web answers 503)."""

    def __init__(self, path: Path, waited: float, holder: str = "") -> None:
        self.path, self.waited, self.retry_after = path, waited, RETRY_AFTER
        who = f" ({holder})" if holder else ""
        super().__init__(f"the store at {path} is in use by another allied process{who} and stayed locked for "
                         f"{waited:.0f} s; try again when it has finished")


def on_load(loader: Loader) -> Loader:
    """Register ``loader(con)`` to run on every in-memory copy a reader makes, once per copy (e.g. to
    register the bundled snapshot's tables); returns it, so it can decorate a function."""
    if loader not in _loaders:
        _loaders.append(loader)
    return loader


def lock_wait() -> float:
    raw = os.environ.get("ALLIED_LOCK_TIMEOUT")
    if not raw:
        return WAIT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        raise AlliedError(f"ALLIED_LOCK_TIMEOUT={raw!r} is not allowed; give seconds, e.g. 30") from None
    if not value >= 0 or value == float("inf"):
        raise AlliedError(f"ALLIED_LOCK_TIMEOUT={raw!r} is not allowed; give a finite number of seconds >= 0")
    return value


def private(path: Path | str | None) -> bool:
    """``":memory:"``: a throw-away store of one connection (nothing is kept)."""
    return path is not None and str(path) == ":memory:"


def _throwaway() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    _db.migrate(con, "core", _db.CORE_MIGRATIONS)
    return con


def resolve(path: Path | str | None, reading: bool = False) -> Path:
    """The store's file. A store named explicitly (argument or $ALLIED_DB) for reading must be in a folder
    that exists: a typo is an error, not a new empty store."""
    explicit = path is not None or bool(os.environ.get("ALLIED_DB"))
    target = Path(path) if path is not None else _db.default_path()
    if target.is_dir():
        raise AlliedError(f"the store {target} is a folder; give the path of a .duckdb file in it")
    if reading and explicit and not target.parent.is_dir():
        raise AlliedError(f"no store at {target}: the folder {target.parent} does not exist")
    return target


def _locked(exc: BaseException) -> bool:
    return any(marker in str(exc).lower() for marker in _LOCKED)


def _holder(exc: BaseException) -> str:
    text = str(exc)
    start = text.find("(PID ")
    return text[start + 1:text.find(")", start)] if start >= 0 else ""


def retrying(path: Path, attempt: Callable[[], duckdb.DuckDBPyConnection],
              wait: float | None) -> duckdb.DuckDBPyConnection:
    """``attempt()`` until it does not fail on the lock, sleeping 10 ms, 20 ms, ... (at most 0.5 s)."""
    deadline = lock_wait() if wait is None else wait
    start = time.monotonic()
    pause = 0.01
    while True:
        try:
            return attempt()
        except duckdb.Error as exc:
            if not _locked(exc):
                raise AlliedError(f"cannot open the store at {path}: {exc}") from None
            waited = time.monotonic() - start
            if waited >= deadline:
                raise StoreBusy(path, waited, _holder(exc)) from None
            time.sleep(min(pause, max(deadline - waited, 0.0)))
            pause = min(pause * 2, 0.5)


def open_writer(path: Path | str | None = None, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """The store opened read-write (created and migrated if needed); the caller closes it. Waits up to
    ``wait`` seconds (default $ALLIED_LOCK_TIMEOUT or 30) for another process's lock."""
    if private(path):
        return _throwaway()
    target = resolve(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    con = retrying(target, lambda: duckdb.connect(str(target)), wait)
    try:
        _db.migrate(con, "core", _db.CORE_MIGRATIONS)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def writer(path: Path | str | None = None, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """``with writer(path) as con:``: the store read-write for the block, closed (and unlocked) after."""
    con = open_writer(path, wait)
    try:
        yield con
    finally:
        con.close()


@dataclass(eq=False)
class _Copy:
    """An in-memory copy of the store as it was when ``stamp`` was taken."""

    con: duckdb.DuckDBPyConnection
    stamp: tuple[int, ...]
    migrated: set[str] = field(default_factory=set)
    memo: dict[str, Any] = field(default_factory=dict)  # what readers of this copy derived from it
    users: int = 0
    retired: bool = False


def _stamp(path: Path) -> tuple[int, ...]:
    """What changes when the store is written: inode, size and mtime of the file and of its log."""
    out: list[int] = []
    for f in (path, path.with_name(path.name + ".wal")):
        try:
            st = f.stat()
            out.extend((st.st_ino, st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.extend((0, 0, 0))
    return tuple(out)


class _Readers:
    """The copies of one store in this process: the current one, replaced when the file has changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current: _Copy | None = None
        self.lock = threading.Lock()
        self.next_try = 0.0  # after a failed refresh, the copy in hand is used until then ...
        self.busy_stamp: tuple[int, ...] = ()  # ... as long as the file is as it was when the refresh failed

    def _load(self) -> duckdb.DuckDBPyConnection:
        mem = duckdb.connect(":memory:")
        try:
            if self.path.exists():
                mem.execute("ATTACH ? AS src (READ_ONLY)", [str(self.path)])
                try:
                    mem.execute("COPY FROM DATABASE src TO memory")
                finally:
                    mem.execute("DETACH src")
            _db.migrate(mem, "core", _db.CORE_MIGRATIONS)
            for loader in _loaders:
                loader(mem)
        except BaseException:
            mem.close()
            raise
        return mem

    def acquire(self, wait: float | None) -> _Copy:
        with self.lock:
            copy = self.current
            stamp = _stamp(self.path)
            waiting = time.monotonic() < self.next_try and stamp == self.busy_stamp
            if copy is not None and (copy.stamp == stamp or waiting):
                copy.users += 1
                return copy
            try:
                # a reader with a copy in hand does not wait for a writer: it reads that earlier state
                con = retrying(self.path, self._load, 0.0 if copy is not None else wait)
            except StoreBusy:
                if copy is None:
                    raise
                self.next_try, self.busy_stamp = time.monotonic() + 0.05, stamp
                copy.users += 1
                return copy
            # the stamp is taken before the copy: a write between the two makes the next reader copy again
            fresh = _Copy(con, stamp, {f"core:{len(_db.CORE_MIGRATIONS)}"}, users=1)
            if copy is not None:
                copy.retired = True
                if not copy.users:
                    copy.con.close()
            self.current = fresh
            return fresh

    def release(self, copy: _Copy) -> None:
        with self.lock:
            copy.users -= 1
            if copy.retired and not copy.users:
                copy.con.close()


_stores: dict[Path, _Readers] = {}
_stores_lock = threading.Lock()


def _readers(path: Path) -> _Readers:
    key = path.absolute()
    with _stores_lock:
        if key not in _stores:
            _stores[key] = _Readers(key)
        return _stores[key]


@contextmanager
def reader(path: Path | str | None = None, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """``with reader(path) as con:``: the store as last written, for reading (a cursor of this process's
    copy; safe to use from one thread). A store file that does not exist yet reads as an empty store.
    Writes through ``con`` change only the copy, never the file. ``":memory:"`` reads a new empty store."""
    if private(path):
        con = _throwaway()
        try:
            yield con
        finally:
            con.close()
        return
    readers = _readers(resolve(path, reading=True))
    copy = readers.acquire(wait)
    cur = copy.con.cursor()
    _db.remember(cur, copy.migrated)
    _memos[cur] = copy.memo
    try:
        yield cur
    finally:
        cur.close()
        readers.release(copy)


_memos: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, dict[str, Any]] = weakref.WeakKeyDictionary()


def copy_memo(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """For a connection from ``reader``: a dict shared by every reader of the same copy, for what is derived
    from the copy once (it never changes: a write to the file makes a new copy with an empty memo); None
    for any other connection (it may change under its user)."""
    return _memos.get(con)


def forget() -> None:
    """Drop this process's copies (tests; a process that moves stores around)."""
    with _stores_lock:
        stores = list(_stores.values())
        _stores.clear()
    for readers in stores:
        with readers.lock:
            if readers.current is not None:
                readers.current.retired = True
                if not readers.current.users:
                    readers.current.con.close()
                readers.current = None
