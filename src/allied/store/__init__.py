"""The embedded DuckDB store: where it lives, its schema migrations, and transactions.

Read with ``with reader(path) as con:`` and write with ``with writer(path) as con:`` (see
``allied.store.access``): readers never block a writer for longer than one copy, writers wait for each
other up to a deadline and then raise ``StoreBusy``. DuckDB is loaded on first use of any of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from allied.store.paths import default_path

if TYPE_CHECKING:
    from allied.store.access import StoreBusy, on_load, open_writer, reader, writer
    from allied.store.db import connect, migrate, transaction

_LAZY = {**{name: "allied.store.access" for name in ("StoreBusy", "on_load", "open_writer", "reader", "writer")},
         **{name: "allied.store.db" for name in ("connect", "migrate", "transaction")}}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'allied.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = ["StoreBusy", "connect", "default_path", "migrate", "on_load", "open_writer", "reader", "transaction",
           "writer"]
