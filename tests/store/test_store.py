"""The store: migrations run once, and a failed transaction leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from allied.store import connect, migrate, transaction


def test_migrations_apply_once(db: Path) -> None:
    con = connect(db)
    steps = ["CREATE TABLE t (x INTEGER)", "ALTER TABLE t ADD COLUMN y INTEGER"]
    assert migrate(con, "demo", steps) == 2
    assert migrate(con, "demo", steps) == 0
    assert [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 't' ORDER BY ordinal_position").fetchall()] == ["x", "y"]


def test_failed_transaction_changes_nothing(db: Path) -> None:
    con = connect(db)
    migrate(con, "demo", ["CREATE TABLE t (x INTEGER)"])
    con.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(RuntimeError), transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("import failed half-way")
    assert con.execute("SELECT list(x) FROM t").fetchone() == ([1],)


def test_pending_migrations_apply_all_or_nothing(db: Path) -> None:
    con = connect(db)
    assert migrate(con, "demo", ["CREATE TABLE t (x INTEGER)"]) == 1
    steps = ["CREATE TABLE t (x INTEGER)", "ALTER TABLE t ADD COLUMN y INTEGER", "CREATE TABLE u (x NO_SUCH_TYPE)"]
    with pytest.raises(duckdb.Error):
        migrate(con, "demo", steps)
    assert con.execute("SELECT list(version) FROM schema_migrations WHERE component = 'demo'").fetchone() == ([1],)
    assert [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 't'").fetchall()] == ["x"]
    assert migrate(con, "demo", [*steps[:2], "CREATE TABLE u (x INTEGER)"]) == 2


def test_a_read_only_store_is_not_written_when_nothing_is_pending(db: Path) -> None:
    con = connect(db)
    migrate(con, "demo", ["CREATE TABLE t (x INTEGER)"])
    con.close()
    con = connect(db, read_only=True)
    assert migrate(con, "demo", ["CREATE TABLE t (x INTEGER)"]) == 0


def test_a_checkpoint_transaction_commits_into_the_file_or_changes_nothing(db: Path) -> None:
    con = connect(db)
    migrate(con, "demo", ["CREATE TABLE t (x INTEGER, s VARCHAR)"])
    threshold = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()
    with transaction(con, checkpoint=True):
        con.execute("INSERT INTO t SELECT range, 'row ' || range FROM range(50000)")
    assert not Path(f"{db}.wal").exists()  # checkpointed at commit: in the database file, no log left
    with pytest.raises(RuntimeError), transaction(con, checkpoint=True):
        con.execute("DELETE FROM t WHERE x < 100")
        raise RuntimeError("import failed half-way")
    assert con.execute("SELECT count(*), sum(x) FROM t").fetchone() == (50000, 1249975000)
    assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchone() == threshold
    con.close()
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*), max(s) FROM t").fetchone() == (50000, "row 9999")


def test_default_store_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from allied.store import default_path

    monkeypatch.setenv("ALLIED_DB", str(tmp_path / "x.duckdb"))
    assert default_path() == tmp_path / "x.duckdb"
    connect().close()
    assert (tmp_path / "x.duckdb").exists()


def test_status_of_an_empty_store_shows_only_the_bundled_snapshot(db: Path) -> None:
    import allied
    from allied.figures import snapshot

    rows = [r for r in allied.data_status(db) if not r["dataset"].startswith("news:")]  # counts of articles, events
    assert {r["dataset"] for r in rows} == set(snapshot.datasets()) >= {"sipri", "worldbank:NY.GDP.MKTP.CD"}
    assert {(r["origin"], r["in_use"], r["imported_at"]) for r in rows} == {("snapshot", True, None)}
