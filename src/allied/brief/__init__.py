"""The brief: one article joined with the treaties and the figures of the states in it.

``build_brief`` and ``render`` are loaded on first use: ``FORMATS`` alone loads none of the engines."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from allied.brief.formats import FORMATS

if TYPE_CHECKING:
    from allied.brief.build import build_brief
    from allied.brief.render import render

_LAZY = {"build_brief": "allied.brief.build", "render": "allied.brief.render"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'allied.brief' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = ["FORMATS", "build_brief", "render"]
