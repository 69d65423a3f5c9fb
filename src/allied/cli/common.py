"""What every command shares: the --db and --format options, output, and turning errors into one message."""

from __future__ import annotations

import contextvars
import functools
import inspect
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from allied.cli.output import FORMATS, check_format, render, write_parquet
from allied.model import AlliedError, InputError

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store to use (default: $ALLIED_DB or allied.duckdb in the user data dir)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {' | '.join(FORMATS)} "
                                            "(parquet needs -o FILE).")]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write the output to FILE (its folder must "
                                                "exist) instead of stdout.")]
WidthOption = Annotated[int | None, typer.Option("--width", min=20, max=1000, help="Width of tables in columns "
                                                 "(default: the terminal's width).")]


@dataclass
class Output:
    """Where a command's answer goes: a file (``-o``) or stdout, and the width of tables."""

    out: Path | None = None
    width: int | None = None
    started: bool = False  # something was written to ``out`` already


OUTPUT: contextvars.ContextVar[Output | None] = contextvars.ContextVar("allied_output", default=None)
_EXTRA = [inspect.Parameter("out", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=OutOption),
          inspect.Parameter("width", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=WidthOption)]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


# Exit codes of every command (batch commands use all three; `allied docs` lists them).
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_CODES = {EXIT_OK: "every input was handled", EXIT_FAILED: "an error, or (batch commands) some inputs failed: "
              "each failed document carries an `error` field", EXIT_USAGE: "usage: a bad option or argument value"}


def handle_errors(func: F | None = None, *, usage: int = EXIT_FAILED) -> Any:
    """Turn allied's own errors into ``Error: ...`` on stderr and a non-zero exit. Batch commands pass
    ``usage=2`` so that a bad option (exit 2) is told apart from inputs that failed (exit 1)."""

    def decorate(inner: F) -> F:
        signature = inspect.signature(inner, eval_str=True)
        extra = [p for p in _EXTRA if p.name not in signature.parameters]

        @functools.wraps(inner)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            given = {p.name: kwargs.pop(p.name, None) for p in extra}  # a command's own --out stays its own
            settings = Output(out=given.get("out"), width=given.get("width"))
            token = OUTPUT.set(settings)
            try:
                if settings.out is not None and not settings.out.parent.is_dir():
                    raise InputError("--out", str(settings.out), "a file in a folder that exists")
                db = kwargs.get("db")
                if isinstance(db, Path) and str(db) != ":memory:" and not db.parent.is_dir():
                    raise InputError("--db", str(db), "a store file in a folder that exists (the folder is "
                                     "not created: check the path)")
                return inner(*args, **kwargs)
            except InputError as exc:
                fail(str(exc), usage)
            except AlliedError as exc:
                fail(str(exc))
            except BrokenPipeError:  # e.g. `allied ... | head`
                sys.stderr.close()
            finally:
                OUTPUT.reset(token)
            return None

        params = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
        wrapper.__signature__ = signature.replace(parameters=[*params, *extra])  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate


def emit(rows: Iterable[Mapping[str, Any]], fmt: str, title: str = "", document: Any = None,
         empty: str = "") -> None:
    """Print (or write to ``-o FILE``) rows in ``fmt``. ``empty`` says why there are no rows: a person
    reading a table gets it instead of an empty table; json, jsonl and csv stay valid and it goes to stderr."""
    check_format(fmt)
    rows = list(rows)
    settings = OUTPUT.get() or Output()
    if fmt == "parquet":
        if settings.out is None:
            raise InputError("--format", "parquet", "parquet with -o FILE.parquet (it is a binary format)")
        write_parquet(rows, settings.out)
        typer.echo(f"Wrote {len(rows)} rows to {settings.out}", err=True)
        return
    if not rows and empty and fmt == "table":
        say(f"Nothing found: {empty}.")
        return
    if not rows and empty:
        typer.echo(f"Nothing found: {empty}.", err=True)
    say(render(rows, fmt, title=title, document=document, width=settings.width))


def say_wrapped(text: str, indent: str = "    ") -> None:
    """A paragraph of prose, wrapped to the table width (``--width``, else the terminal's); each line of
    ``text`` is wrapped on its own, continuation lines indented."""
    import textwrap

    from rich.console import Console

    settings = OUTPUT.get() or Output()
    width = settings.width or Console().width
    say("\n".join(textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False,
                                break_on_hyphens=False) for line in text.splitlines()))


def say(text: str) -> None:
    """One piece of a command's answer: to stdout, or appended to ``-o FILE`` (the first piece replaces it)."""
    settings = OUTPUT.get()
    if settings is None or settings.out is None:
        typer.echo(text)
        return
    with open(settings.out, "a" if settings.started else "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    if not settings.started:
        settings.started = True
        typer.echo(f"Written to {settings.out}", err=True)
