"""`allied extract`, `allied ingest`, `allied events`, `allied itinerary`: the news engine's commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import allied
from allied.cli.common import DbOption, FormatOption, emit, handle_errors
from allied.cli.output import dumps

PathsArg = Annotated[
    list[Path], typer.Argument(help="Articles: .txt (title on line 1, sidecar NAME.json), .html, .jsonl.")
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every document.")
]
LanguageOption = Annotated[
    str | None, typer.Option("--language", help="Language of every document (de, en); default: detected.")
]
FromOption = Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")]


@handle_errors
def extract_command(
    paths: PathsArg, fmt: FormatOption = "jsonl", published: PublishedOption = None, language: LanguageOption = None
) -> None:
    """Events and pledges of each article, one JSON line per document (errors stay on their document's line)."""
    recs = allied.extract(paths, published=published, language=language)
    if fmt == "jsonl":
        for rec in recs:
            typer.echo(dumps(rec))
        return
    if fmt == "json":
        emit(recs, fmt, document=recs)
        return
    rows = [
        {
            "doc": r["doc"],
            "type": e["type"],
            "date": (e["date"] or {}).get("start"),
            "place": (e["place"] or {}).get("name"),
            "actors": [a["name"] for a in e["actors"]],
            "countries": e["countries"],
            "forum": (e["forum"] or {}).get("name"),
            "status": e["status"],
        }
        for r in recs
        for e in r["events"]
    ]
    emit(rows, fmt, title="Events")
    for r in recs:
        if r.get("error") or r.get("reason"):
            typer.echo(f"{r['doc']}: {r.get('error') or r.get('reason')}", err=True)


@handle_errors
def ingest_command(
    paths: PathsArg,
    db: DbOption = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Store articles and their events; the same event from several articles and languages is merged."""
    emit(allied.ingest(paths, db=db, published=published, language=language), fmt, title="Ingested")


@handle_errors
def events_command(
    country: Annotated[str | None, typer.Option("--country", help="ISO3 code of a state taking part.")] = None,
    person: Annotated[str | None, typer.Option("--person", help="A person's name or id.")] = None,
    forum: Annotated[str | None, typer.Option("--forum", help="A forum's name or id (SCM, forum:scm).")] = None,
    start: FromOption = None,
    end: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Stored events, filtered by state, person, forum and period, each with its sources."""
    found = allied.events(country=country, person=person, forum=forum, start=start, end=end, db=db)
    if fmt in ("json", "jsonl"):
        emit(found, fmt, document=found)
        return
    rows = [
        {
            "date": (e["date"] or {}).get("start"),
            "type": e["type"],
            "place": (e["place"] or {}).get("name"),
            "actors": [a["name"] for a in e["actors"]],
            "countries": e["countries"],
            "forum": (e["forum"] or {}).get("name"),
            "topics": e["topics"],
            "status": e["status"],
            "sources": [s["doc"] for s in e["sources"]],
        }
        for e in found
    ]
    emit(rows, fmt, title="Events")


@handle_errors
def itinerary_command(
    person: Annotated[str, typer.Argument(help="The traveller, e.g. 'Pete Hegseth'.")],
    start: FromOption = None,
    end: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    map_file: Annotated[
        Path | None, typer.Option("--map", help="Also write a map: FILE.html (offline) or FILE.png.")
    ] = None,
) -> None:
    """A person's stops in order, with dates, places, purposes and sources; optionally as a map."""
    stops = allied.itinerary(person, start=start, end=end, db=db)
    if map_file is not None:
        allied.itinerary_map(stops, map_file, title=f"Itinerary of {person}")
    if fmt in ("json", "jsonl"):
        emit(stops, fmt, document=stops)
    else:
        rows = [
            {
                "stop": s["stop"],
                "start": s["start"],
                "end": s["end"],
                "place": s["place"],
                "country": s["country"],
                "purposes": s["purposes"],
                "status": s["status"],
                "sources": [x["doc"] for x in s["sources"]],
            }
            for s in stops
        ]
        emit(rows, fmt, title=f"Itinerary of {person}")
    if map_file is not None:
        typer.echo(f"Map written to {map_file}", err=True)
