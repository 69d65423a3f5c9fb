"""The root `allied` command; each engine's commands live in their own module and are registered here.

``app`` is the whole command line (every command registered). ``main`` (the installed `allied` script)
registers only the command it is asked for, so `allied treaty list` does not import the modules of the
figures, news and web commands; with no command, an unknown one, `docs` (the reference of every command)
or shell completion it registers them all.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer

import allied

# command -> (module, attribute, whether it is a group of subcommands), in the order of `allied --help`
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "brief": ("allied.cli.brief", "brief_command", False),
    "treaty": ("allied.cli.reference", "treaty_app", True),
    "official": ("allied.cli.reference", "official_app", True),
    "data": ("allied.cli.data", "data_app", True),
    "obligations": ("allied.cli.obligations", "obligations_app", True),
    "burden": ("allied.cli.figures", "burden_app", True),
    "balance": ("allied.cli.figures", "balance_command", False),
    "pacts": ("allied.cli.figures", "pacts_command", False),
    "serve": ("allied.cli.web", "serve", False),
    "extract": ("allied.cli.news", "extract_command", False),
    "ingest": ("allied.cli.news", "ingest_command", False),
    "events": ("allied.cli.news", "events_command", False),
    "itinerary": ("allied.cli.news", "itinerary_command", False),
    "docs": ("allied.cli.docs", "docs_command", False),
}
NEEDS_ALL = ("docs",)  # commands that read the whole command line


def _version(value: bool) -> None:
    if value:
        typer.echo(f"allied {allied.__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """allied: who is bound to defend whom, who pays what, and who met whom. Every fact names its source."""


def build(only: str | None = None) -> typer.Typer:
    """The command line with every command, or with only the command ``only``."""
    cli = typer.Typer(
        name="allied",
        help="Collective-defense analysis: treaty obligations, burden sharing, coalition balance, events from news."
             "\n\nExample: allied brief examples/pistorius-baltics.txt  (every command has -h; `allied docs` lists "
             "them all; `allied --install-completion` adds shell completion)",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for name, (module, attr, group) in COMMANDS.items():
        if only is None or name == only:
            value = getattr(importlib.import_module(module), attr)
            if group:
                cli.add_typer(value, name=name)
            else:
                cli.command(name)(value)
    cli.callback()(root)
    return cli


def asked(argv: list[str]) -> str | None:
    """The command ``argv`` runs when registering it alone gives the same command line; else None."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # shell completion lists every command
    name = next((a for a in argv if not a.startswith("-")), None)
    if name is None:
        return "" if "--version" in argv and not {"-h", "--help"} & set(argv) else None
    return name if name in COMMANDS and name not in NEEDS_ALL else None


def main() -> None:
    build(asked(sys.argv[1:]))()


def __getattr__(name: str) -> Any:
    if name == "app":
        value = build()
        globals()["app"] = value
        return value
    raise AttributeError(f"module 'allied.cli.app' has no attribute {name!r}")
