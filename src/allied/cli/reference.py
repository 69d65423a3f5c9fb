"""`allied treaty ...` and `allied official ...`: queries on the reference model."""

from __future__ import annotations

from typing import Annotated, Any

import typer

import allied
from allied.cli.common import FormatOption, emit, handle_errors, say
from allied.viz.sources import MARKERS, cite, markers_in, strength_label

treaty_app = typer.Typer(
    help="Treaties: parties with their dates, operative clauses with quotations.\n\n"
         "Example: allied treaty list --state KOR --date 2025-11-04", no_args_is_help=True
)
official_app = typer.Typer(help="Officials with their terms of office.\n\nExample: allied official find Hegseth",
                           no_args_is_help=True)


@treaty_app.command("show")
@handle_errors
def treaty_show(
    treaty_id: Annotated[str, typer.Argument(help="Treaty id, e.g. NATO, US_ROK_MDT.")],
    fmt: FormatOption = "table",
) -> None:
    """Show a treaty: parties with accession and withdrawal dates, and its clauses with quotations.

    Example: allied treaty show NATO -f json
    """
    t = allied.treaty(treaty_id)
    doc = allied.treaty_record(t)
    if fmt in ("json", "jsonl"):
        emit([doc], fmt, document=doc)
        return
    emit(_cited(doc["parties"]), fmt, title=f"{t.id}: {t.name} (in force {t.in_force})")
    if fmt == "table":
        clauses = [{**c, "strength": strength_label(c["strength"])} for c in _cited(doc["clauses"])]
        emit(clauses, fmt, title=f"{t.id}: operative clauses")
        for m in markers_in(*(c["source"] for c in doc["clauses"])):
            say(f"{m} in a source: {MARKERS[m]}.")


@treaty_app.command("list")
@handle_errors
def treaty_list(
    state: Annotated[str | None, typer.Option(help="ISO3 code of a state: list its treaties.")] = None,
    date: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) the state must be a party on.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List treaties; with --state and --date, those the state is party to on that date.

    Example: allied treaty list --state KOR --date 2025-11-04
    """
    rows = allied.treaties(state=state, date=date)
    emit(_cited(rows) if fmt in ("table", "csv") else rows, fmt,
         title="Treaties" + (f" of {state.upper()} on {date}" if state else ""),
         empty=f"{state} is party to no treaty in allied's reference model on {date or 'today'}")


def _cited(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose ``source`` cites primary sources first (as every face does)."""
    return [{**r, "source": cite(r["source"])} if isinstance(r.get("source"), str) else r for r in rows]


@official_app.command("find")
@handle_errors
def official_find(
    query: Annotated[str, typer.Argument(help="A name or alias in any script, e.g. 'Hegseth' or '안규백'.")],
    fmt: FormatOption = "table",
) -> None:
    """Find officials by name or alias in any script, with their terms of office and sources.

    Example: allied official find "안규백"
    """
    rows = allied.find_officials(query)
    if fmt == "table":  # people get the essentials; json/csv carry every field and every source
        keep = ("name", "native_name", "country", "role", "start", "end")
        rows = [{**{k: r[k] for k in keep}, "source": r["source"].split(" ; ")[0]} for r in rows]
    emit(rows, fmt, title=f"Officials matching {query!r}",
         empty=f"no official's name or alias matches {query!r} (officials come from the reference model)")
