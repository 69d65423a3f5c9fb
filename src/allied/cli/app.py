"""The root `allied` command; each engine's commands live in their own module and are registered here."""

from __future__ import annotations

from typing import Annotated

import typer

import allied
from allied.cli.brief import brief_command
from allied.cli.data import data_app
from allied.cli.docs import docs_command
from allied.cli.figures import balance_command, burden_app, pacts_command
from allied.cli.news import events_command, extract_command, ingest_command, itinerary_command
from allied.cli.obligations import obligations_app
from allied.cli.reference import official_app, treaty_app
from allied.cli.web import serve

app = typer.Typer(
    name="allied",
    help="Collective-defense analysis: treaty obligations, burden sharing, coalition balance, events from news.\n\n"
         "Example: allied brief examples/pistorius-baltics.txt  (every command has -h; `allied docs` lists them "
         "all; `allied --install-completion` adds shell completion)",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("brief")(brief_command)
app.add_typer(treaty_app, name="treaty")
app.add_typer(official_app, name="official")
app.add_typer(data_app, name="data")
app.add_typer(obligations_app, name="obligations")
app.add_typer(burden_app, name="burden")
app.command("balance")(balance_command)
app.command("pacts")(pacts_command)
app.command("serve")(serve)
app.command("extract")(extract_command)
app.command("ingest")(ingest_command)
app.command("events")(events_command)
app.command("itinerary")(itinerary_command)
app.command("docs")(docs_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"allied {allied.__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """allied: who is bound to defend whom, who pays what, and who met whom. Every fact names its source."""


def main() -> None:
    app()
