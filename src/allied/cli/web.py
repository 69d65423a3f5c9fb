"""`allied serve`: the local web dashboard (localhost only unless told otherwise)."""

from __future__ import annotations

from typing import Annotated

import typer

from allied.cli.common import DbOption, handle_errors


@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; the default keeps the dashboard on this machine.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Server processes; all read the store while one writer writes.",
                                         min=1, max=64)] = 1,
) -> None:
    """Serve the dashboard (Brief, Obligations, Burden, Events, Data) and its JSON API on HOST:PORT.

    Example: allied serve --port 8000
    """
    from allied.web.server import run

    typer.echo(f"allied dashboard on http://{host}:{port}/  (API description: /openapi.json; Ctrl+C stops)")
    run(db, host, port, workers)
