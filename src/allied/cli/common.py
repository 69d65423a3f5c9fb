"""What every command shares: the --db and --format options, output, and turning errors into one message."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from allied.cli.output import FORMATS, check_format, render
from allied.model import AlliedError

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store to use (default: $ALLIED_DB or allied.duckdb in the user data dir)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {' | '.join(FORMATS)}.")]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn allied's own errors into ``Error: ...`` on stderr and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlliedError as exc:
            fail(str(exc))
        except BrokenPipeError:  # e.g. `allied ... | head`
            sys.stderr.close()
        return None

    return wrapper  # type: ignore[return-value]


def emit(rows: Iterable[Mapping[str, Any]], fmt: str, title: str = "", document: Any = None) -> None:
    check_format(fmt)
    typer.echo(render(rows, fmt, title=title, document=document))
