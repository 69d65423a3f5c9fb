"""`allied data ...`: what the store holds, and (figures) importing official release files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import allied
from allied.cli.common import DbOption, FormatOption, emit, handle_errors

data_app = typer.Typer(
    help="Data in the store: status, import and update of official release files.", no_args_is_help=True
)


@data_app.command("status")
@handle_errors
def status(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the datasets (imported, or bundled snapshot) with file, release, years, countries, and in use."""
    rows = allied.data_status(db)
    if not rows and fmt == "table":
        typer.echo("The store holds no imported data yet (see `allied data import --help`).")
        return
    if fmt == "table":
        rows = [{k: v for k, v in r.items() if k not in ("imported_at",)} for r in rows]
    emit(rows, fmt, title="Data: imported and bundled snapshot")


@data_app.command("import")
@handle_errors
def import_(
    kind: Annotated[str, typer.Argument(help="sipri | nato | worldbank | atop | nmc.")],
    file: Annotated[Path, typer.Argument(help="The official release file.")],
    release: Annotated[str | None, typer.Option("--release", help="Release label (default: from the file).")] = None,
    indicator: Annotated[str | None, typer.Option("--indicator", help="WDI indicator code when the file does "
                                                  "not say (e.g. NY.GDP.MKTP.CD).")] = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Import an official release file, all or nothing; the same file twice changes nothing."""
    row = allied.import_data(kind, file, db=db, release=release, indicator=indicator)
    emit([row], fmt, title="Imported" if row["changed"] else "Unchanged")


@data_app.command("update")
@handle_errors
def update(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Download the current World Bank and SIPRI files from their publishers and import them (online only)."""
    rows = allied.update_data(db)
    emit(rows, fmt, title="Updated from the publishers")
