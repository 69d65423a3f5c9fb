"""The embedded DuckDB store: where it lives, its schema migrations, and transactions.

Read with ``with reader(path) as con:`` and write with ``with writer(path) as con:`` (see
``allied.store.access``): readers never block a writer for longer than one copy, writers wait for each
other up to a deadline and then raise ``StoreBusy``.
"""

from allied.store.access import StoreBusy, on_load, open_writer, reader, writer
from allied.store.db import connect, default_path, migrate, transaction

__all__ = ["StoreBusy", "connect", "default_path", "migrate", "on_load", "open_writer", "reader", "transaction",
           "writer"]
