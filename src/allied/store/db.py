"""DuckDB connection, per-component schema migrations and all-or-nothing transactions.

Each engine owns its tables: it calls ``migrate(con, "figures", [sql_v1, sql_v2, ...])`` and the store
applies the statements it has not applied yet, recording them in ``schema_migrations``.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from allied.model import AlliedError
from allied.store.paths import default_path as default_path  # re-exported

CORE_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS datasets (
        dataset     VARCHAR PRIMARY KEY,   -- e.g. 'sipri', 'nato', 'worldbank:NY.GDP.MKTP.CD'
        kind        VARCHAR NOT NULL,      -- importer kind
        file        VARCHAR NOT NULL,      -- file name as imported
        sha256      VARCHAR NOT NULL,
        release     VARCHAR NOT NULL,      -- publisher's release, e.g. 'SIPRI Milex April 2025'
        imported_at TIMESTAMP NOT NULL,
        rows        BIGINT NOT NULL,
        min_year    INTEGER,
        max_year    INTEGER,
        countries   INTEGER,
        note        VARCHAR
    )
    """,
)


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate) the store, waiting for another process's lock up to the deadline
    (see ``allied.store.access``); ``":memory:"`` gives a throw-away one. The package itself reads
    through ``allied.store.reader`` and writes through ``allied.store.writer``."""
    from allied.store import access

    if not read_only or access.private(path):
        return access.open_writer(path)
    target = access.resolve(path, reading=True)
    if not target.exists():
        raise AlliedError(f"no store at {target} (nothing has been imported or ingested into it yet)")
    return access.retrying(target, lambda: duckdb.connect(str(target), read_only=True), None)


# the components each open connection is known to be migrated to: ``migrate`` checks a component once
_migrated: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, set[str]] = weakref.WeakKeyDictionary()


_migrating = threading.Lock()  # two threads migrating one database at once would conflict


def remember(con: duckdb.DuckDBPyConnection, migrated: set[str]) -> None:
    """Share ``migrated`` (the components applied to ``con``'s database) with ``migrate``."""
    _migrated[con] = migrated


def migrate(con: duckdb.DuckDBPyConnection, component: str, statements: Sequence[str]) -> int:
    """Apply the statements of ``component`` not applied yet, each recorded with its version; returns how
    many ran. All pending statements run in one transaction: either every one is applied or none is.
    A connection is checked once per component (later calls return 0 at once)."""
    known = _migrated.setdefault(con, set())
    tag = f"{component}:{len(statements)}"
    if tag in known:
        return 0
    with _migrating:
        return _migrate(con, component, statements, known, tag)


def _migrate(con: duckdb.DuckDBPyConnection, component: str, statements: Sequence[str], known: set[str],
             tag: str) -> int:
    done = _applied(con, component)
    if done >= len(statements):
        known.add(tag)
        return 0
    with transaction(con):
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (component VARCHAR, version INTEGER, "
            "PRIMARY KEY (component, version))"
        )
        for version, sql in enumerate(statements[done:], start=done + 1):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [component, version])
    known.add(tag)
    return len(statements) - done


def _applied(con: duckdb.DuckDBPyConnection, component: str) -> int:
    """The highest version of ``component`` applied so far (0 on a store without migrations). The catalog
    is asked first: a failed query on a fresh store would cost more than the whole look-up."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' "
        "AND database_name = current_database() AND schema_name = current_schema()"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute(
        "SELECT coalesce(max(version), 0) FROM schema_migrations WHERE component = ?", [component]
    ).fetchone()
    return int(row[0]) if row else 0


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, checkpoint: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: on any exception the store is left exactly as it was.

    ``checkpoint=True`` is for bulk writes: the commit is a checkpoint, which writes the changes into the
    database file, and for a large commit (``auto_checkpoint_skip_wal_threshold``) DuckDB then skips the
    write-ahead log. Otherwise the changes go to the log at commit and are copied into the file a second
    time when the store is closed. DuckDB checkpoints at a commit whose log passes ``checkpoint_threshold``,
    so the threshold is 0 for this commit and restored after it. Either way the commit is atomic."""
    threshold = _lower_threshold(con) if checkpoint else None
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")
    finally:
        if threshold is not None:
            con.execute(f"SET checkpoint_threshold = '{threshold}'")


def _lower_threshold(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()
    con.execute("SET checkpoint_threshold = '0b'")
    return str(row[0]) if row else "16MiB"
