"""The `allied` command line: a thin face over the public API in ``allied``."""

from typing import Any

from allied.cli.app import main

del globals()["app"]  # the submodule: ``allied.cli.app`` as an attribute is the command line (below)


def __getattr__(name: str) -> Any:
    if name == "app":  # every command registered, built on first use (``main`` registers only its own)
        import sys

        return sys.modules["allied.cli.app"].app
    raise AttributeError(f"module 'allied.cli' has no attribute {name!r}")


__all__ = ["app", "main"]
