"""Run an `allied` command and tell the test, through a pipe, when each store transaction begins and when
its commit has returned, so that a `kill -9` can be aimed at the commit window (and just past it).

Usage: ``python -m tests.hostile.probe ARGS...`` with ``PROBE_FD`` the write end of a pipe. Each line is
``begin N MODULE`` or ``committed N MODULE [DOCS]`` (MODULE: the writer, e.g. allied.figures.tables;
DOCS: for the news store, the documents it holds once the commit has returned). The command
itself is the real one: only ``allied.store.db.transaction`` is wrapped, before the engines import it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

import allied.store.db as db

_real = db.transaction
_count = 0


def _say(line: str) -> None:
    fd = int(os.environ["PROBE_FD"])
    os.write(fd, (line + "\n").encode())


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, checkpoint: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    global _count
    _count += 1
    n, who = _count, sys._getframe(2).f_globals.get("__name__", "?")
    _say(f"begin {n} {who}")
    with _real(con, checkpoint) as inner:
        yield inner
    docs = ""
    if who == "allied.news.store":  # how many documents the store holds now that the commit has returned
        docs = f" {con.execute('SELECT count(*) FROM news_documents').fetchone()[0]}"  # type: ignore[index]
    _say(f"committed {n} {who}{docs}")


db.transaction = transaction  # type: ignore[assignment]

if __name__ == "__main__":
    from allied.cli import main

    sys.argv = ["allied", *sys.argv[1:]]
    main()
