"""`kill -9` during `allied data import` at random moments: the store still opens and holds exactly the old
state or exactly the new one, never a mix (the store is compared before and after, table by table)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import shared_path

ROUNDS = 6


def dump(db: Path) -> dict[str, list[str]]:
    """Every row of every table, sorted (opened read-only in a fresh connection, as a later command would)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: sorted(map(repr, con.execute(f"SELECT * EXCLUDE (imported_at) FROM {t}" if t == "datasets"
                                                else f"SELECT * FROM {t}").fetchall())) for t in tables}
    finally:
        con.close()


def _import(db: Path, kind: str, file: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "allied", "data", "import", kind, str(file), "--db", str(db)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_9_during_an_import_leaves_the_old_or_the_new_state(tmp_path: Path) -> None:
    gdp = shared_path("data", "worldbank", "wdi_ny.gdp.mktp.cd.csv")
    nmc = shared_path("data", "cow", "NMC-60-abridged.csv")
    env = {**os.environ, "ALLIED_DB": str(tmp_path / "unused.duckdb")}
    old_db, new_db = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    done = _import(old_db, "worldbank", gdp, env)
    assert done.wait(300) == 0, done.stderr.read() if done.stderr else ""
    shutil.copy(old_db, new_db)
    start = time.monotonic()
    done = _import(new_db, "nmc", nmc, env)
    assert done.wait(300) == 0, done.stderr.read() if done.stderr else ""
    took = time.monotonic() - start
    old, new = dump(old_db), dump(new_db)
    assert old != new and len(new["figure_points"]) > len(old["figure_points"])

    rng = random.Random(1916)
    outcomes: list[tuple[float, str]] = []
    for round_ in range(ROUNDS):
        db = tmp_path / f"round{round_}.duckdb"
        shutil.copy(old_db, db)
        # half the kills anywhere, half late (where the import writes)
        at = rng.uniform(0.1, took) if round_ % 2 == 0 else rng.uniform(0.8 * took, 1.6 * took)
        proc = _import(db, "nmc", nmc, env)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        after = dump(db)
        state = "old" if after == old else "new" if after == new else "mixed"
        outcomes.append((round(at, 2), state))
        assert state != "mixed", f"round {round_}: killed at {at:.2f} s, the store holds neither state"
        again = _import(db, "nmc", nmc, env)  # and the store still takes the import afterwards
        assert again.wait(300) == 0, again.stderr.read() if again.stderr else ""
        assert dump(db) == new
    print("kill -9 at (s, state):", outcomes)


def test_a_store_killed_mid_write_opens_for_readers(tmp_path: Path) -> None:
    """The reader path (an in-memory copy) opens a store whose writer was killed while it held the lock."""
    from allied.store import reader
    from allied.store.access import forget

    db = tmp_path / "s.duckdb"
    code = ("import sys, time\nfrom allied.store import writer\nwith writer(sys.argv[1]) as con:\n"
            "    con.execute('CREATE TABLE t (x INTEGER)')\n    con.execute('INSERT INTO t VALUES (1)')\n"
            "    con.execute('BEGIN TRANSACTION')\n    con.execute('INSERT INTO t SELECT range FROM range(100000)')\n"
            "    print('writing', flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    forget()
    with reader(db) as con:
        assert con.execute("SELECT list(x) FROM t").fetchone() == ([1],)
