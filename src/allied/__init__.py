"""allied: collective-defense analysis — who is bound to defend whom, who pays what, the balance between
coalitions, and who met whom, read from the news. Every fact names its source.

The public API is exactly ``allied.__all__``; everything else is private.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from allied.brief import build_brief as _build_brief
from allied.brief import render as _render_brief
from allied.figures.api import (
    balance,
    burden,
    burden_path,
    defense_pacts,
    import_data,
    olson_zeckhauser,
    update_data,
)
from allied.figures.api import figures_status as _figures_status
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
from allied.reference import find_officials as _find_officials
from allied.reference import load as _load
from allied.reference import treaty as _treaty
from allied.reference.records import official_record as _official_record
from allied.reference.records import treaty_record
from allied.reference.records import treaty_rows as _treaty_rows
from allied.store import connect
from allied.viz.charts import balance_chart, burden_chart
from allied.viz.coverage import coverage_map as coverage
from allied.viz.itinerary import itinerary_map

try:
    __version__ = version("allied")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def reference() -> Reference:
    """The validated reference model (states, treaties, officials, organizations, forums, places)."""
    return _load()


def treaty(treaty_id: str) -> Treaty:
    """A treaty by id (``NATO``, ``US_ROK_MDT``, ...); unknown ids raise NotFoundError listing the known ones."""
    return _treaty(treaty_id)


def treaties(state: str | None = None, date: str | dt.date | None = None) -> list[dict[str, Any]]:
    """All treaties, or those ``state`` (ISO3) is party to on ``date`` (YYYY-MM-DD, default today)."""
    return _treaty_rows(state=state, date=date)


def find_officials(query: str) -> list[dict[str, Any]]:
    """Officials whose name or alias (any script) matches ``query``, with term of office and source."""
    return [_official_record(o) for o in _find_officials(query)]


def brief(article: str | Path, published: str | dt.date | None = None, db: str | Path | None = None,
          progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """One article joined with everything allied knows: events, itinerary and pledges (with their sentences),
    who among the states in it is bound to defend whom (both ways, with article, strength, reason and quote),
    and who pays what (share of GDP, shares, gaps to 2 % and 3.5 %, trend, each with source and release).

    ``article`` is a path (.txt with its title on line 1 and an optional NAME.json sidecar, .html, .jsonl) or
    the article's text; ``published`` (YYYY-MM-DD) overrides the sidecar's date; ``progress`` is called with
    the name of each step. Render the result with ``render_brief``.
    """
    result = _build_brief(article, published=published, db=db, progress=progress)
    result["allied_version"] = __version__
    return result


def render_brief(brief: dict[str, Any], fmt: str = "text", width: int | None = None) -> str:
    """A brief as ``text`` (for a terminal, ``width`` columns wide: default the terminal's), ``markdown``,
    ``html`` (one self-contained offline page with the itinerary map and the chart embedded) or ``json``."""
    return _render_brief(brief, fmt, width=width)


def data_status(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Each dataset with its file, release, years and countries covered, and where it comes from:
    ``origin`` is 'imported' (the store) or 'snapshot' (bundled with allied); ``in_use`` says which copy
    answers queries (imported data take precedence over the snapshot)."""
    return _figures_status(db)


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
