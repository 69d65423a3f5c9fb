"""Pages over the engines (obligations, burden, events, brief): each is registered with its JSON twin
when the page is available, i.e. when the engine's public API exists in ``allied.__all__``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def register(app: FastAPI, render: Any, names: set[str]) -> None:
    """Register the engine pages among ``names``."""
