"""Figures: importers for official releases, the country-year store, burden sharing and balance.

Functions here take an open store connection; the public API in ``allied`` opens and closes it. Each name
is loaded on first use, so reading burden figures does not load the importers (numpy, pyarrow, openpyxl).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allied.figures.atop import defense_pacts
    from allied.figures.balance import balance
    from allied.figures.burden import SOURCES, burden, burden_years
    from allied.figures.importing import KINDS, import_file, import_into
    from allied.figures.oz import olson_zeckhauser, olson_zeckhauser_of
    from allied.figures.paths import burden_path
    from allied.figures.status import status_rows
    from allied.figures.update import update

_LAZY = {"defense_pacts": "atop", "balance": "balance", "SOURCES": "burden", "burden": "burden",
         "burden_years": "burden", "KINDS": "importing", "import_file": "importing", "import_into": "importing",
         "olson_zeckhauser": "oz", "olson_zeckhauser_of": "oz", "burden_path": "paths", "status_rows": "status",
         "update": "update"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'allied.figures' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"allied.figures.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """Loading a submodule named like a function (``burden``, ``balance``, ``update``) keeps the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _LAZY:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = ["KINDS", "SOURCES", "balance", "burden", "burden_path", "burden_years", "defense_pacts", "import_file",
           "import_into", "olson_zeckhauser", "olson_zeckhauser_of", "status_rows", "update"]
