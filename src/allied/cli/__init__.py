"""The `allied` command line: a thin face over the public API in ``allied``."""

from allied.cli.app import app, main

__all__ = ["app", "main"]
