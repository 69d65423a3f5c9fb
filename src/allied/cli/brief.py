"""`allied brief ARTICLE`: one command from an article to the whole picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import allied
from allied.brief.formats import FORMATS
from allied.cli.common import DbOption, WidthOption, handle_errors
from allied.model import InputError


@handle_errors
def brief_command(
    article: Annotated[
        Path, typer.Argument(help="The article: .txt (title on line 1, NAME.json sidecar), .html or .jsonl.")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the sidecar).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {' | '.join(FORMATS)}.")] = "text",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the brief to this file instead of stdout.")
    ] = None,
    db: DbOption = None,
    width: WidthOption = None,
) -> None:
    """The brief of an article: events, itinerary and pledges; who is bound to defend whom; who pays what.

    Example: allied brief examples/pistorius-baltics.txt -f html -o brief.html
    """
    if fmt not in FORMATS:
        raise InputError("--format", fmt, " | ".join(FORMATS))
    err = Console(stderr=True)
    with err.status("Reading the article…") as status:
        result = allied.brief(article, published=published, db=db,
                              progress=lambda step: status.update(step[:1].upper() + step[1:] + "…"))
        status.update("Rendering…")
        text = allied.render_brief(result, fmt, width=width)
    if out is None:
        typer.echo(text)
        return
    if not out.parent.is_dir():
        raise InputError("--out", str(out), "a file in a folder that exists")
    out.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    err.print(f"Brief written to {out}")
