"""One read path: readers read an in-memory copy (never holding DuckDB's lock past the copy), writers wait
for each other's lock with backoff up to a deadline; separate processes, as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import allied
from allied.store import StoreBusy, migrate, reader, writer
from allied.store import db as store_db
from allied.store.access import forget

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "news" / "fixtures"

HOLD = """
import select, sys
from allied.store import writer
with writer(sys.argv[1]) as con:
    con.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
    con.execute("INSERT INTO t VALUES (?)", [int(sys.argv[3])])
    print("locked", flush=True)
    select.select([sys.stdin], [], [], float(sys.argv[2]))  # until told to let go, at most that long
"""

WRITE_MANY = """
import sys
from allied.store import writer
path, who, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    with writer(path, wait=60) as con:
        con.execute("CREATE TABLE IF NOT EXISTS t (who INTEGER, i INTEGER)")
        con.execute("INSERT INTO t VALUES (?, ?)", [who, i])
"""

READ_MANY = """
import json, sys, time
from allied.store import reader
path, seconds = sys.argv[1], float(sys.argv[2])
seen, end = [], time.monotonic() + seconds
while time.monotonic() < end:
    with reader(path) as con:
        has = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'").fetchone()[0]
        seen.append(con.execute("SELECT count(*) FROM t").fetchone()[0] if has else 0)
print(json.dumps(seen))
"""


@pytest.fixture(autouse=True)
def _fresh_copies() -> Iterator[None]:
    forget()
    yield
    forget()


def _python(code: str, *args: object, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _release(proc: subprocess.Popen[str]) -> None:
    """Tell a holder to close the store, and wait until it has."""
    if proc.poll() is None and proc.stdin is not None:
        try:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        except (BrokenPipeError, ValueError):  # it has let go already
            pass
    proc.wait(60)


def _hold(db: Path, seconds: float, value: int = 1) -> subprocess.Popen[str]:
    """Another process holding the store read-write for ``seconds``; returns once it has the lock."""
    proc = _python(HOLD, db, seconds, value)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked", proc.stderr.read() if proc.stderr else ""
    return proc


def test_a_read_on_a_store_in_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "s.duckdb"
    with pytest.raises(allied.AlliedError, match=rf"no store at {missing}: the folder .*no-such-folder does not exist"):
        allied.events(db=missing)
    assert not missing.parent.exists()


def test_a_missing_store_file_reads_as_empty_and_is_not_created(db: Path) -> None:
    assert allied.events(db=db) == []
    assert allied.data_status(db)  # the bundled snapshot answers
    assert not db.exists()


def test_a_reader_sees_each_commit_and_cannot_write_the_file(db: Path) -> None:
    with writer(db) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (1)")
    with reader(db) as con:
        assert con.execute("SELECT list(x) FROM t").fetchone() == ([1],)
        con.execute("INSERT INTO t VALUES (99)")  # only the copy changes
    with writer(db) as con:
        con.execute("INSERT INTO t VALUES (2)")
    with reader(db) as con:
        assert con.execute("SELECT list(x ORDER BY x) FROM t").fetchone() == ([1, 2],)


def test_migrations_are_checked_once_per_copy(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = ["CREATE TABLE t (x INTEGER)"]
    with reader(db) as con:
        assert migrate(con, "demo", steps) == 1  # applied to the copy only
    with reader(db) as con:
        monkeypatch.setattr(store_db, "_applied", lambda *a: pytest.fail("checked a second time"))
        assert migrate(con, "demo", steps) == 0
        assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    monkeypatch.undo()
    with writer(db) as con:  # the file has no such table: the copy's migration was not written
        assert migrate(con, "demo", steps) == 1


def test_a_reader_with_a_copy_does_not_wait_for_a_writer(db: Path) -> None:
    with writer(db) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (0)")
    with reader(db) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    holder = _hold(db, 60, value=7)
    try:
        start = time.monotonic()
        with reader(db, wait=10) as con:  # the file is locked and changed: the earlier state is read
            assert con.execute("SELECT list(x) FROM t").fetchone() == ([0],)
        assert time.monotonic() - start < 5
    finally:
        _release(holder)
    with reader(db) as con:
        assert con.execute("SELECT list(x ORDER BY x) FROM t").fetchone() == ([0, 7],)


def test_a_writer_waits_for_the_lock_then_fails_with_a_plain_message(db: Path) -> None:
    holder = _hold(db, 60)
    try:
        start = time.monotonic()
        with pytest.raises(StoreBusy) as err, writer(db, wait=1):
            pass
        assert time.monotonic() - start >= 1
        assert str(err.value).startswith(f"the store at {db} is in use by another allied process (PID ")
        assert "stayed locked for 1 s; try again when it has finished" in str(err.value)
        threading.Timer(1.0, _release, [holder]).start()
        start = time.monotonic()
        with writer(db, wait=30) as con:  # waits for the holder to let go, then writes
            con.execute("INSERT INTO t VALUES (2)")
        assert time.monotonic() - start >= 0.9
        assert holder.wait(30) == 0
    finally:
        _release(holder)
    with reader(db) as con:
        assert con.execute("SELECT list(x ORDER BY x) FROM t").fetchone() == ([1, 2],)


def test_a_first_reader_waits_for_a_writer_up_to_its_deadline(db: Path) -> None:
    holder = _hold(db, 60)
    try:
        with pytest.raises(StoreBusy, match="stayed locked"), reader(db, wait=0.3):
            pass
        threading.Timer(0.5, _release, [holder]).start()
        with reader(db, wait=30) as con:
            assert con.execute("SELECT list(x) FROM t").fetchone() == ([1],)
    finally:
        _release(holder)


def test_the_lock_deadline_comes_from_the_environment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIED_LOCK_TIMEOUT", "soon")
    with pytest.raises(allied.AlliedError, match=r"ALLIED_LOCK_TIMEOUT='soon' is not allowed"), writer(db):
        pass
    monkeypatch.setenv("ALLIED_LOCK_TIMEOUT", "0.2")
    holder = _hold(db, 60)
    try:
        with pytest.raises(StoreBusy), writer(db):
            pass
    finally:
        _release(holder)


def test_two_writers_and_a_reader_in_separate_processes(db: Path) -> None:
    n = 25
    readers = _python(READ_MANY, db, 6)
    writers = [_python(WRITE_MANY, db, who, n) for who in (1, 2)]
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    out, err = readers.communicate(timeout=120)
    assert readers.returncode == 0, err
    seen = json.loads(out)
    assert seen == sorted(seen) and len(seen) > 10  # each read a committed state, never one going back
    with reader(db) as con:
        rows = con.execute("SELECT who, count(*), count(DISTINCT i) FROM t GROUP BY who ORDER BY who").fetchall()
    assert rows == [(1, n, n), (2, n, n)]


def test_allied_events_during_an_ingest(tmp_path: Path) -> None:
    """`allied events` while `allied ingest` runs on the same store: both succeed, nothing is lost."""
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "ALLIED_DB": str(db)}
    docs = [str(FIXTURES / name) for name in ("talks_en.txt", "reise_de.txt", "nodate_de.txt")]
    ingest = subprocess.Popen([sys.executable, "-m", "allied", "ingest", *docs, "--published", "2025-10-27",
                               "--format", "json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    counts = []
    while ingest.poll() is None or not counts:
        done = subprocess.run([sys.executable, "-m", "allied", "events", "--format", "json"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        counts.append(len(json.loads(done.stdout)))
    out, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, err
    assert len(json.loads(out)) == 3
    final = subprocess.run([sys.executable, "-m", "allied", "events", "--format", "json"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    stored = len(json.loads(final.stdout))
    assert stored > 0 and all(c in (0, stored) for c in counts)  # before the commit, or after it


def test_allied_events_waits_for_a_long_write(db: Path) -> None:
    """A command with no copy yet waits for a writer (here one holding the lock for 1 s) rather than failing."""
    holder = _hold(db, 60)
    threading.Timer(1.0, _release, [holder]).start()
    try:
        env = {**os.environ, "ALLIED_DB": str(db)}
        done = subprocess.run([sys.executable, "-m", "allied", "events", "--format", "json"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == []
    finally:
        _release(holder)
    env = {**os.environ, "ALLIED_DB": str(db), "ALLIED_LOCK_TIMEOUT": "0.5"}
    holder = _hold(db, 60)
    try:
        done = subprocess.run([sys.executable, "-m", "allied", "events"], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 1
        assert done.stderr.startswith(f"Error: the store at {db} is in use by another allied process")
        assert "Traceback" not in done.stderr
    finally:
        _release(holder)
