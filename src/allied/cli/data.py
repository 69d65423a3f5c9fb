"""`allied data ...`: what the store holds, and (figures) importing official release files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import allied
from allied.cli.common import DbOption, FormatOption, emit, handle_errors, say
from allied.store import default_path

data_app = typer.Typer(
    help="Data in the store: status, import and update of official release files.\n\n"
         "Example: allied data status", no_args_is_help=True
)


@data_app.command("status")
@handle_errors
def status(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """The store's path; each dataset (imported, or the bundled snapshot) with its release, years, countries
    and which copy is in use; and how many articles and events were ingested.

    Example: allied data status -f json
    """
    rows = allied.data_status(db)
    if fmt != "table":
        emit(rows, fmt, title="Data")
        return
    say(f"Store: {db or default_path()}")
    figures = [{"dataset": r["dataset"], "release": r["release"], "years": f"{r['min_year']}-{r['max_year']}",
                "countries": r["countries"], "values": r["rows"],
                "origin": r["origin"] + ("" if r["in_use"] else " (not in use: overridden)")}
               for r in rows if r["origin"] != "ingested"]
    emit(figures, fmt, title="Figures: imported and bundled snapshot")
    for r in rows:
        if r["origin"] == "ingested":
            say(f"News: {r['note']}")


@data_app.command("import")
@handle_errors
def import_(
    kind: Annotated[str, typer.Argument(help="sipri | nato | worldbank | atop | nmc.")],
    file: Annotated[Path, typer.Argument(help="The official release file.")],
    release: Annotated[str | None, typer.Option("--release", help="Release label (default: from the file).")] = None,
    indicator: Annotated[str | None, typer.Option("--indicator", help="WDI indicator code when the file does "
                                                  "not say (e.g. NY.GDP.MKTP.CD).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the stored release even with a file that "
                                        "holds far fewer values (a deliberate cut-down import).")] = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Import an official release file, all or nothing; the same file twice changes nothing. A file that is
    not plausible (ragged rows, values out of range, far fewer values than the stored release) is refused
    and the store kept as it was.

    Example: allied data import nmc NMC-60-abridged.csv
    """
    row = allied.import_data(kind, file, db=db, release=release, indicator=indicator, force=force)
    emit([row], fmt, title="Imported" if row["changed"] else "Unchanged")


@data_app.command("update")
@handle_errors
def update(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Download the current World Bank and SIPRI files from their publishers and import them (online only).

    Example: allied data update
    """
    rows = allied.update_data(db)
    emit(rows, fmt, title="Updated from the publishers")
