"""`kill -9` during `allied data import` and during `allied ingest`, at random moments that cover the
commit window: before the write, inside the transaction (the commit itself included), the instant the
commit has returned, and after it. The store is compared before and after each kill.

The moments are aimed with ``tests/hostile/probe.py``, which runs the real command and reports through a
pipe when each transaction begins and when its commit has returned (last session's random kills never
landed after a commit)."""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tests.conftest import shared_path
from tests.hostile.conftest import dump
from tests.news.synth import pages, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ("allied.figures.tables", "allied.figures.atop", "allied.news.store")


@dataclass
class Run:
    """One probed command: its process and the transaction marks seen so far (seconds since start)."""

    proc: subprocess.Popen[bytes]
    read_fd: int
    started: float = field(default_factory=time.monotonic)
    marks: list[tuple[float, str, str]] = field(default_factory=list)
    docs: int | None = None  # documents in the store at the last commit seen
    _buf: bytes = b""

    def poll(self, timeout: float) -> None:
        """Read marks for up to ``timeout`` seconds (returns at the first new mark)."""
        ready, _, _ = select.select([self.read_fd], [], [], max(timeout, 0))
        if ready:
            chunk = os.read(self.read_fd, 4096)
            self._buf += chunk
            *lines, self._buf = self._buf.split(b"\n")
            for line in lines:
                what, _, who, *docs = line.decode().split(" ")
                self.marks.append((time.monotonic() - self.started, what, who))
                if docs:
                    self.docs = int(docs[0])

    def writes(self, what: str) -> int:
        return sum(1 for _, w, who in self.marks if w == what and who in WRITERS)

    def wait_for(self, what: str, count: int, deadline: float = 300) -> bool:
        end = time.monotonic() + deadline
        while self.writes(what) < count:
            if self.proc.poll() is not None:
                self.poll(0.05)
                return self.writes(what) >= count
            if time.monotonic() > end:
                raise AssertionError(f"no {what} #{count} within {deadline} s: {self.marks}")
            self.poll(0.05)
        return True

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        os.close(self.read_fd)


def start(args: list[str], env: dict[str, str]) -> Run:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "tests.hostile.probe", *args], cwd=ROOT, pass_fds=(write_fd,),
                            env={**env, "PROBE_FD": str(write_fd)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    return Run(proc, read_fd)


def finish(run: Run, timeout: float = 300) -> None:
    end = time.monotonic() + timeout
    while run.proc.poll() is None and time.monotonic() < end:
        run.poll(0.1)
    run.poll(0)
    assert run.proc.wait(5) == 0
    os.close(run.read_fd)


def _import_args(db: Path, file: Path) -> list[str]:
    return ["data", "import", "nmc", str(file), "--db", str(db)]


def test_kill_9_during_an_import_across_the_commit_window(tmp_path: Path) -> None:
    gdp = shared_path("data", "worldbank", "wdi_ny.gdp.mktp.cd.csv")
    nmc = shared_path("data", "cow", "NMC-60-abridged.csv")
    env = {**os.environ, "ALLIED_DB": str(tmp_path / "unused.duckdb")}
    old_db, new_db = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    finish(start(["data", "import", "worldbank", str(gdp), "--db", str(old_db)], env))
    shutil.copy(old_db, new_db)
    calibration = start(_import_args(new_db, nmc), env)
    finish(calibration)
    old, new = dump(old_db), dump(new_db)
    assert old != new and len(new["figure_points"]) > len(old["figure_points"])
    begin = next(t for t, w, who in calibration.marks if w == "begin" and who in WRITERS)
    commit = next(t for t, w, who in calibration.marks if w == "committed" and who in WRITERS)
    window = commit - begin

    rng = random.Random(1916)
    plans = ["before", "inside", "inside", "at-commit", "at-commit", "after"]
    outcomes = []
    for round_, plan in enumerate(plans):
        db = tmp_path / f"round{round_}.duckdb"
        shutil.copy(old_db, db)
        run = start(_import_args(db, nmc), env)
        if plan == "before":  # while the file is read, before the transaction
            time.sleep(rng.uniform(0.2, 0.9) * begin)
            assert run.writes("begin") == 0 or (run.poll(0) or True)
        elif plan == "inside":  # a random moment of the transaction, the commit included
            run.wait_for("begin", 1)
            time.sleep(rng.uniform(0.0, 1.1) * window)
        elif plan == "at-commit":  # the instant the commit has returned
            run.wait_for("committed", 1)
        else:  # after the commit, while the command winds down
            run.wait_for("committed", 1)
            time.sleep(rng.uniform(0.0, 0.3))
        run.poll(0)
        committed = run.writes("committed") > 0
        at = time.monotonic() - run.started
        run.kill()
        after = dump(db)
        state = "old" if after == old else "new" if after == new else "mixed"
        outcomes.append((plan, round(at, 2), state))
        assert state != "mixed", f"{plan} at {at:.2f} s: the store holds neither the old nor the new state"
        if committed:
            assert state == "new", f"{plan} at {at:.2f} s: killed after the commit returned, the import is lost"
        if plan == "before":
            assert state == "old"
        if plan == "inside":  # and a store killed mid-write takes the import afterwards
            finish(start(_import_args(db, nmc), env))
            assert dump(db) == new
    print("import kill -9 (plan, s, state):", outcomes, f"transaction {begin:.2f}-{commit:.2f} s")
    states = {s for _, _, s in outcomes}
    assert states == {"old", "new"}, f"the kills did not land on both sides of the commit: {outcomes}"


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "news_documents" not in tables:
            return 0
        [(orphans,)] = con.execute("SELECT count(*) FROM news_event_sources s LEFT JOIN news_documents d "
                                   "USING (doc_key) WHERE d.doc_key IS NULL").fetchall()
        [(unkeyed,)] = con.execute("SELECT count(*) FROM news_event_keys k LEFT JOIN news_events e "
                                   "USING (event_id) WHERE e.event_id IS NULL").fetchall()
        assert orphans == unkeyed == 0, "a batch was half written"
        return int(con.execute("SELECT count(*) FROM news_documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def test_kill_9_during_an_ingest_across_the_commit_windows(tmp_path: Path) -> None:
    total, batch = 200, 25
    src = write_jsonl(tmp_path / "in.jsonl", pages(total, 1.0, seed=16))
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "ALLIED_INGEST_BATCH": str(batch), "ALLIED_LOCK_TIMEOUT": "60",
           "ALLIED_DB": str(tmp_path / "unused.duckdb")}
    args = ["ingest", str(src), "--db", str(db), "--no-filter", "-f", "json"]
    rng = random.Random(16)
    plans = ["inside", "at-commit", "inside", "after", "at-commit", "inside"]
    seen = []
    for plan in plans:
        before = _documents(db)
        if before == total:
            break
        run = start(args, env)
        # each batch read is one transaction, empty for a batch stored already: the first new one is this
        first_new = before // batch + 1 + rng.randrange(2)
        if plan == "inside":  # within a new batch's transaction (its commit included)
            run.wait_for("begin", first_new)
            time.sleep(rng.uniform(0.0, 0.03))
        elif plan == "at-commit":  # the instant a new batch's commit has returned
            run.wait_for("committed", first_new)
        else:  # between two batches
            run.wait_for("committed", first_new)
            time.sleep(rng.uniform(0.05, 0.5))
        run.poll(0)
        committed, begun, landed = run.writes("committed"), run.writes("begin"), run.docs
        run.kill()
        after = _documents(db)
        seen.append((plan, before, after, committed, "landed" if after > before else "rolled back"))
        # every commit that returned is in the store; at most the one batch being committed besides
        last = before if landed is None else landed
        assert after == last or (begun > committed and after <= last + batch), seen
        assert (after - before) % batch == 0 or after == total, seen
    finish(start(args, env))  # the next run resumes where the last stopped
    assert _documents(db) == total
    clean = tmp_path / "clean.duckdb"
    finish(start([*args[:2], "--db", str(clean), "--no-filter"], env))
    mine, theirs = dump(db), dump(clean)
    assert mine.keys() == theirs.keys()
    for table in ("news_documents", "news_events", "news_pledges", "news_event_sources", "news_mentions"):
        assert mine[table] == theirs[table], f"{table}: the resumed store differs from a clean ingest"
    print("ingest kill -9 (plan, docs before, docs after, commits seen, batch):", seen)
    assert len(seen) >= 5 and any(s[3] for s in seen)
