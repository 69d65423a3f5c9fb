"""`allied obligations ...`: who is bound to respond to an attack (single, batch) and the coverage map."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

import allied
from allied.cli.common import FormatOption, emit, fail, handle_errors, say
from allied.cli.output import check_format, dumps
from allied.obligations.conditions import names as condition_names
from allied.obligations.conditions import parse_pairs

obligations_app = typer.Typer(
    help="Who is bound to defend whom: treaty obligations triggered by an attack, and coverage maps.\n\n"
         "Example: allied obligations --attacker PRK --target KOR --place Seoul --date 2025-11-04",
    invoke_without_command=True,
)


def _rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [{"status": "bound" if o["strength"] != "consult" else "consult", "round": 1, **_entry(o)}
            for o in result["obligations"]]
    rows += [{"status": "contested", "round": 1, "state": c["state"], "treaty": c["treaty"], "article": "",
              "strength": "", "reason": c["reason"]} for c in result["contested"]]
    rows += [{"status": f"if {c['condition']}", "round": 1, **_entry(c)} for c in result["conditional"]]
    for rd in result.get("rounds", [])[1:]:
        rows += [{"status": "bound", "round": rd["round"], **_entry(o)} for o in rd["bound"]]
    return rows


def _entry(o: dict[str, Any]) -> dict[str, Any]:
    return {k: o[k] for k in ("state", "treaty", "article", "strength", "reason")}


def _title(result: dict[str, Any]) -> str:
    a, t = result["attack"], result["territory"]
    where = a["place"] or f"{a['lat']}, {a['lon']}"
    holder = t["administrator"] or t["sovereign"] or t["status"]
    return (f"Attack by {a['attacker'] or 'an unspecified state'} on {a['target'] or '?'} ({a['kind']}) at "
            f"{where} on {a['date']} — territory: {holder}; " + " ".join(result["notes"]))


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
    result = allied.obligations(attack, cascade=cascade)
    emit(_rows(result), fmt, title=_title(result), document=result)


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
    out: Annotated[Path | None, typer.Option(help="Output path without suffix (writes .geojson and .png).")] = None,
    fmt: FormatOption = "table",
) -> None:
    """For every cell of a global grid: which states would be bound to respond to an attack there.

    Example: allied obligations coverage --attacker CHN --date 2025-11-04 --resolution 1
    """
    cov = allied.coverage(attacker, date, resolution)
    base = out or Path(f"coverage-{attacker or 'any'}-{date}-{resolution:g}deg")
    geojson = cov.write_geojson(base.with_suffix(".geojson"))
    png = cov.write_png(base.with_suffix(".png"))
    rows = [{"target": f["properties"]["target"], "states_bound": f["properties"]["count"],
             "treaties": f["properties"]["treaties"], "bound": f["properties"]["bound"]} for f in cov.features()]
    summary = {"geojson": str(geojson), "png": str(png), "groups": rows}
    emit(rows, fmt, title=f"Coverage written to {geojson} and {png}", document=summary)
