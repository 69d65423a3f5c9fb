"""`allied data ...`: what the store holds, and (figures) importing official release files."""

from __future__ import annotations

import typer

import allied
from allied.cli.common import DbOption, FormatOption, emit, handle_errors

data_app = typer.Typer(
    help="Data in the store: status, import and update of official release files.", no_args_is_help=True
)


@data_app.command("status")
@handle_errors
def status(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List what is loaded, from which file and release, and the years and countries covered."""
    rows = allied.data_status(db)
    if not rows and fmt == "table":
        typer.echo("The store holds no imported data yet (see `allied data import --help`).")
        return
    emit(rows, fmt, title="Data in the store")
