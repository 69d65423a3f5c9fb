"""`allied treaty ...` and `allied official ...`: queries on the reference model."""

from __future__ import annotations

from typing import Annotated

import typer

import allied
from allied.cli.common import FormatOption, emit, handle_errors

treaty_app = typer.Typer(
    help="Treaties: parties with their dates, operative clauses with quotations.", no_args_is_help=True
)
official_app = typer.Typer(help="Officials with their terms of office.", no_args_is_help=True)


@treaty_app.command("show")
@handle_errors
def treaty_show(
    treaty_id: Annotated[str, typer.Argument(help="Treaty id, e.g. NATO, US_ROK_MDT.")],
    fmt: FormatOption = "table",
) -> None:
    """Show a treaty: parties with accession and withdrawal dates, and its clauses with quotations."""
    t = allied.treaty(treaty_id)
    doc = allied.treaty_record(t)
    if fmt in ("json", "jsonl"):
        emit([doc], fmt, document=doc)
        return
    emit(doc["parties"], fmt, title=f"{t.id}: {t.name} (in force {t.in_force})")
    if fmt == "table":
        emit(doc["clauses"], fmt, title=f"{t.id}: operative clauses")


@treaty_app.command("list")
@handle_errors
def treaty_list(
    state: Annotated[str | None, typer.Option(help="ISO3 code of a state: list its treaties.")] = None,
    date: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) the state must be a party on.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List treaties; with --state and --date, those the state is party to on that date."""
    rows = allied.treaties(state=state, date=date)
    emit(rows, fmt, title="Treaties" + (f" of {state.upper()} on {date}" if state else ""),
         empty=f"{state} is party to no treaty in allied's reference model on {date or 'today'}")


@official_app.command("find")
@handle_errors
def official_find(
    query: Annotated[str, typer.Argument(help="A name or alias in any script, e.g. 'Hegseth' or '안규백'.")],
    fmt: FormatOption = "table",
) -> None:
    """Find officials by name or alias in any script, with their terms of office and sources."""
    rows = allied.find_officials(query)
    if fmt == "table":  # people get the essentials; json/csv carry every field and every source
        keep = ("name", "native_name", "country", "role", "start", "end")
        rows = [{**{k: r[k] for k in keep}, "source": r["source"].split(" ; ")[0]} for r in rows]
    emit(rows, fmt, title=f"Officials matching {query!r}",
         empty=f"no official's name or alias matches {query!r} (officials come from the reference model)")
