"""`allied obligations ...`: who is bound to respond to an attack (single, batch) and the coverage map."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

import allied
from allied.cli.common import FormatOption, emit, fail, handle_errors, say, say_wrapped
from allied.cli.output import check_format, dumps
from allied.model import InputError
from allied.obligations.conditions import names as condition_names
from allied.obligations.conditions import parse_pairs
from allied.viz import answers
from allied.viz.answers import state_name
from allied.viz.sources import MARKERS, markers_in, treaty_name

obligations_app = typer.Typer(
    help="Who is bound to defend whom: treaty obligations triggered by an attack, and coverage maps.\n\n"
         "Example: allied obligations --attacker PRK --target KOR --place Seoul --date 2025-11-04",
    invoke_without_command=True,
)


def _title(result: dict[str, Any]) -> str:
    a, t = result["attack"], result["territory"]
    where = a["place"] or f"{a['lat']}, {a['lon']}"
    holder = t.get("administrator") or t.get("sovereign")
    held = f"held by {state_name(holder)}" if holder else f"{str(t.get('status') or 'unknown').replace('_', ' ')}"
    attacker = state_name(a["attacker"]) or "an unspecified state"
    return (f"Attack by {attacker} on {state_name(a['target']) or 'no state'} ({a['kind']}) at {where} on "
            f"{a['date']}; the place is {held}")


def _why_empty(result: dict[str, Any]) -> str:
    a = result["attack"]
    on = f" on {state_name(a['target'])}" if a["target"] else ""
    where = a["place"] or f"{a['lat']}, {a['lon']}"
    return (f"no state is bound to respond to an attack{on} at {where} on {a['date']} (no treaty in allied's "
            f"reference model covers it: see the notes)")


def _show(result: dict[str, Any], fmt: str, expand: bool) -> None:
    """People get one row per treaty article and status ("26 states"; --expand: one per state), the clauses'
    words and sources below; scripts get one row per state with ids, quote and source."""
    flat = answers.entries(result)
    if fmt != "table":
        emit([answers.record(e) for e in flat], fmt, document=result, empty=_why_empty(result))
        return
    shown = flat if expand else answers.grouped(flat)
    notes: dict[tuple[str, str], int] = {}
    for e in shown:
        notes.setdefault((e.treaty, e.article), len(notes) + 1)
    rows = [answers.human(e, f"[{notes[(e.treaty, e.article)]}]") for e in shown]
    if not result.get("rounds"):
        rows = [{k: v for k, v in r.items() if k != "round"} for r in rows]
    emit(rows, fmt, title=_title(result), empty=_why_empty(result))
    for note in result["notes"]:
        say_wrapped(f"Note: {note}")
    clauses = {(e.treaty, e.article): e for e in shown}
    for (treaty, article), n in notes.items():
        e = clauses[(treaty, article)]
        quote = f" “{e.quote}”" if e.quote else ""
        say_wrapped(f"[{n}] {answers.clause_label(treaty, article)}:{quote}\n    Source: {e.source or 'none given'}")
    for m in markers_in(*(e.source for e in shown)):
        say_wrapped(f"{m} in a source: {MARKERS[m]}.")
    if not expand and any(len(e.states) > 3 for e in shown):
        say_wrapped("A row with 'N states' stands for that many states: --expand lists each state.")


@obligations_app.callback()
@handle_errors
def obligations(
    ctx: typer.Context,
    attacker: Annotated[str | None, typer.Option(help="ISO3 code of the attacking state (omit: unspecified).")] = None,
    target: Annotated[str | None, typer.Option(
        help="ISO3 code of the state attacked (default: who holds the place).")] = None,
    place: Annotated[str | None, typer.Option(help="Place name, e.g. Seoul or 'Naha, Okinawa'.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the attack, YYYY-MM-DD.")] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude (-90..90); overrides the place's.")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude (-180..180); overrides the place's.")] = None,
    kind: Annotated[str, typer.Option(help="territory | vessel | aircraft | forces.")] = "territory",
    request: Annotated[bool, typer.Option("--request", help="The attacked state has asked for assistance.")] = False,
    communist_aggressor: Annotated[bool | None, typer.Option(
        "--communist-aggressor/--non-communist-aggressor", help="For the US understanding of the Manila Pact.")] = None,
    condition: Annotated[list[str] | None, typer.Option(
        help="NAME=true|false for any condition of the registry: " + ", ".join(condition_names()) + ".")] = None,
    cascade: Annotated[int, typer.Option(
        help="Rounds of strikes on the homelands of states bound at automatic or assist level.")] = 0,
    batch: Annotated[Path | None, typer.Option(help="JSON Lines file of {id, attack} records ('-' for stdin); "
                                               "one result per line in order; exit 1 if any line failed.")] = None,
    expand: Annotated[bool, typer.Option("--expand", help="Tables: one row per state instead of one per treaty "
                                         "article ('North Atlantic Treaty Art. 5: 26 states').")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Which states are bound to respond to an attack, under which article, how strongly; contested states apart.

    Example: allied obligations --attacker PRK --target KOR --place Seoul --date 2025-11-04
    """
    if ctx.invoked_subcommand is not None:
        return
    if batch is not None:
        check_format(fmt, ("jsonl", "json"))
        lines = sys.stdin.buffer.read().splitlines() if str(batch) == "-" else _read(batch)
        results = allied.obligations_batch(lines, cascade=cascade)
        say("\n".join(dumps(r) for r in results) if fmt == "jsonl" else json.dumps(results, indent=2))
        if any("error" in r for r in results):
            raise typer.Exit(1)  # every line was answered; exit 1 says some were errors
        return
    if date is None and place is None and lat is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
    stated = parse_pairs(condition or []) | ({"request": True} if request else {})
    if communist_aggressor is not None:
        stated["communist_aggressor"] = communist_aggressor
    attack = {"attacker": attacker, "target": target, "place": place, "date": date, "lat": lat, "lon": lon,
              "kind": kind, "conditions": stated}
    _show(allied.obligations(attack, cascade=cascade), fmt, expand)


def _read(path: Path) -> list[bytes]:
    """The file's lines as bytes: each line is decoded on its own, so one non-UTF-8 line is that line's error."""
    try:
        return path.read_bytes().splitlines()
    except OSError as exc:
        fail(f"--batch: cannot read {path} ({exc.strerror})")
        return []


@obligations_app.command("coverage")
@handle_errors
def coverage(
    attacker: Annotated[str | None, typer.Option(help="ISO3 code of the attacking state.")] = None,
    date: Annotated[str, typer.Option(help="Date, YYYY-MM-DD.")] = "",
    resolution: Annotated[float, typer.Option(help="Grid cell size in degrees (divides 180).")] = 1.0,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the map to OUT.geojson and OUT.png "
                                             "(OUT without suffix, in a folder that exists); without it "
                                             "nothing is written.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """For every cell of a global grid: which states would be bound to respond to an attack there. Prints who
    is bound where; with -o OUT also writes the map as GeoJSON and PNG.

    Example: allied obligations coverage --attacker CHN --date 2025-11-04 --resolution 1 -o coverage-chn
    """
    if out is not None and not out.parent.is_dir():
        raise InputError("--out", str(out), "a path in a folder that exists (OUT.geojson and OUT.png are written)")
    cov = allied.coverage(attacker, date, resolution)
    rows: list[dict[str, Any]] = []
    for f in cov.features():
        p = f["properties"]
        row = {"target": p["target"], "states_bound": p["count"], "treaties": p["treaties"], "bound": p["bound"],
               "consult": p["consult"]}
        if row not in rows:  # the cells of one territory with the same answer are one row
            rows.append(row)
    rows.sort(key=lambda r: (r["target"], -r["states_bound"]))
    written = {}
    if out is not None:
        written = {"geojson": str(cov.write_geojson(out.with_suffix(".geojson"))),
                   "png": str(cov.write_png(out.with_suffix(".png")))}
    who = state_name(attacker) or "an unspecified state"
    title = f"Who is bound to respond to an attack by {who} on {date}, by territory ({resolution:g}° grid)"
    shown = rows if fmt != "table" else [
        {"territory": state_name(r["target"]), "states bound": r["states_bound"],
         "treaties": ", ".join(treaty_name(t) for t in r["treaties"]),
         "bound": answers.states_label(tuple(r["bound"])) if len(r["bound"]) > 3 else ", ".join(r["bound"]),
         "consult only": ", ".join(r["consult"])} for r in rows]
    emit(shown, fmt, title=title, document={**written, "groups": rows},
         empty=f"no state is bound to respond to an attack by {who} anywhere on {date}")
    if written:
        typer.echo(f"Map written to {written['geojson']} and {written['png']}", err=True)
    elif fmt == "table":
        say("The map is not written: -o OUT writes OUT.geojson and OUT.png.")
