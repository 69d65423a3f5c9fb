"""allied: collective-defense analysis — who is bound to defend whom, who pays what, the balance between
coalitions, and who met whom, read from the news. Every fact names its source.

The public API is exactly ``allied.__all__``; everything else is private. Each name is loaded on first use
(``import allied`` loads none of the engines), so a command that needs the reference alone never loads
the figures or news engines.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below are loaded on first use (see __getattr__)
    from allied.figures.api import (
        balance,
        burden,
        burden_path,
        burden_report,
        defense_pacts,
        import_data,
        olson_zeckhauser,
        update_data,
    )
    from allied.model import (
        AlliedError,
        DataImportError,
        InputError,
        NotFoundError,
        ReferenceDataError,
        Treaty,
    )
    from allied.news.api import events, extract, ingest, itinerary
    from allied.obligations.api import mutual_obligations, obligations, obligations_batch
    from allied.reference import Reference
    from allied.reference.records import treaty_record
    from allied.store import connect
    from allied.viz.charts import balance_chart, burden_chart
    from allied.viz.coverage import coverage_map as coverage
    from allied.viz.itinerary import itinerary_map

    __version__: str

# public name -> (module, attribute)
_LAZY: dict[str, tuple[str, str]] = {
    **{name: ("allied.model", name) for name in (
        "AlliedError", "DataImportError", "InputError", "NotFoundError", "ReferenceDataError", "Treaty")},
    **{name: ("allied.figures.api", name) for name in (
        "balance", "burden", "burden_path", "burden_report", "defense_pacts", "import_data", "olson_zeckhauser",
        "update_data")},
    **{name: ("allied.news.api", name) for name in ("events", "extract", "ingest", "itinerary")},
    **{name: ("allied.obligations.api", name) for name in ("mutual_obligations", "obligations",
                                                           "obligations_batch")},
    "Reference": ("allied.reference", "Reference"),
    "treaty_record": ("allied.reference.records", "treaty_record"),
    "connect": ("allied.store", "connect"),
    "balance_chart": ("allied.viz.charts", "balance_chart"),
    "burden_chart": ("allied.viz.charts", "burden_chart"),
    "coverage": ("allied.viz.coverage", "coverage_map"),
    "itinerary_map": ("allied.viz.itinerary", "itinerary_map"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("allied")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0.0.0"
    elif name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
    else:
        raise AttributeError(f"module 'allied' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """``allied`` itself: loading a subpackage (``allied.brief``, ``allied.obligations``, ``allied.reference``)
    does not replace the public function of the same name."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in __all__:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def reference() -> Reference:
    """The validated reference model (states, treaties, officials, organizations, forums, places)."""
    from allied.reference import load

    return load()


def treaty(treaty_id: str) -> Treaty:
    """A treaty by id (``NATO``, ``US_ROK_MDT``, ...); unknown ids raise NotFoundError listing the known ones."""
    from allied.reference import treaty as find_treaty

    return find_treaty(treaty_id)


def treaties(state: str | None = None, date: str | dt.date | None = None) -> list[dict[str, Any]]:
    """All treaties, or those ``state`` (ISO3) is party to on ``date`` (YYYY-MM-DD, default today);
    ``.to_pandas()`` gives them as a DataFrame."""
    from allied.model import Rows
    from allied.reference.records import treaty_rows

    return Rows(treaty_rows(state=state, date=date), ("id", "name", "in_force", "terminated", "source"))


def find_officials(query: str) -> list[dict[str, Any]]:
    """Officials whose name or alias (any script) matches ``query``, with term of office and source;
    ``.to_pandas()`` gives them as a DataFrame."""
    from allied.model import Rows
    from allied.reference import find_officials as find
    from allied.reference.records import official_record

    return Rows([official_record(o) for o in find(query)])


def brief(article: str | Path, published: str | dt.date | None = None, db: str | Path | None = None,
          progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """One article joined with everything allied knows: events, itinerary and pledges (with their sentences),
    who among the states in it is bound to defend whom (both ways, with article, strength, reason and quote),
    and who pays what (share of GDP, shares, gaps to 2 % and 3.5 %, trend, each with source and release).

    ``article`` is a path (.txt with its title on line 1 and an optional NAME.json sidecar, .html, .jsonl) or
    the article's text; ``published`` (YYYY-MM-DD) overrides the sidecar's date; ``progress`` is called with
    the name of each step. Render the result with ``render_brief``.
    """
    from allied.brief import build_brief

    result = build_brief(article, published=published, db=db, progress=progress)
    result["allied_version"] = globals().get("__version__") or __getattr__("__version__")
    return result


def render_brief(brief: dict[str, Any], fmt: str = "text", width: int | None = None) -> str:
    """A brief as ``text`` (for a terminal, ``width`` columns wide: default the terminal's), ``markdown``,
    ``html`` (one self-contained offline page with the itinerary map and the chart embedded) or ``json``."""
    from allied.brief import render

    return render(brief, fmt, width=width)


def data_status(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Each dataset with its file, release, years and countries covered, and where it comes from:
    ``origin`` is 'imported' (the store) or 'snapshot' (bundled with allied); ``in_use`` says which copy
    answers queries (imported data take precedence over the snapshot)."""
    from allied.figures.api import figures_status

    return figures_status(db)


__all__ = [
    "AlliedError",
    "DataImportError",
    "InputError",
    "NotFoundError",
    "Reference",
    "ReferenceDataError",
    "Treaty",
    "__version__",
    "balance",
    "balance_chart",
    "brief",
    "burden",
    "burden_chart",
    "burden_path",
    "burden_report",
    "connect",
    "coverage",
    "data_status",
    "defense_pacts",
    "events",
    "extract",
    "find_officials",
    "import_data",
    "ingest",
    "itinerary",
    "itinerary_map",
    "mutual_obligations",
    "obligations",
    "obligations_batch",
    "olson_zeckhauser",
    "reference",
    "render_brief",
    "treaties",
    "treaty",
    "treaty_record",
    "update_data",
]
