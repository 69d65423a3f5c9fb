"""The embedded DuckDB store: where it lives, its schema migrations, and transactions."""

from allied.store.db import connect, default_path, migrate, transaction

__all__ = ["connect", "default_path", "migrate", "transaction"]
