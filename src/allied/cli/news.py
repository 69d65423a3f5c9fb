"""`allied extract`, `allied ingest`, `allied events`, `allied itinerary`: the news engine's commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

import allied
from allied.cli.common import EXIT_FAILED, EXIT_USAGE, DbOption, FormatOption, emit, handle_errors, say
from allied.cli.output import dumps

PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Articles: .txt (title on line 1, sidecar NAME.json), .html, .jsonl(.gz), .warc(.gz), .rss/.atom "
        "feeds, or folders of them."
    ),
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every document.")
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Language of every document: the ISO 639-1 code of one of allied's language packs (a code with no "
        "pack is refused with the list of those there are); default: detected.",
    ),
]
FromOption = Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")]


def _failed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every per-document failure under one key, ``error`` (a document not in a supported language keeps
    its ``reason`` too); returns the records that failed."""
    failed = []
    for r in records:
        why = r.get("error") or r.get("reason")
        if why or r.get("status") == "skipped":
            r["error"] = why or "skipped"
            failed.append(r)
    return failed


def _exit(failed: list[dict[str, Any]], total: int) -> None:
    for r in failed:
        typer.echo(f"{r['doc']}: {r['error']}", err=True)
    if failed:
        typer.echo(f"{len(failed)} of {total} documents failed (exit code {EXIT_FAILED})", err=True)
        raise typer.Exit(EXIT_FAILED)


@handle_errors(usage=EXIT_USAGE)
def extract_command(
    paths: PathsArg, fmt: FormatOption = "jsonl", published: PublishedOption = None, language: LanguageOption = None
) -> None:
    """Events and pledges of each article, one JSON line per document (errors stay on their document's line).

    Example: allied extract examples/*.txt --format jsonl
    """
    recs = allied.extract(paths, published=published, language=language)
    failed = _failed(recs)
    if fmt == "jsonl":
        say("\n".join(dumps(rec) for rec in recs))
        _exit(failed, len(recs))
        return
    if fmt == "json":
        emit(recs, fmt, document=recs)
        _exit(failed, len(recs))
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
    emit(rows, fmt, title="Events", empty=f"no events in the {len(recs)} document(s) read")
    _exit(failed, len(recs))


@handle_errors(usage=EXIT_USAGE)
def ingest_command(
    paths: PathsArg,
    db: DbOption = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    fmt: FormatOption = "table",
    engine: Annotated[
        str, typer.Option("--engine", help="Where the pipeline runs: local (this machine) or ray (allied[ray]).")
    ] = "local",
    workers: Annotated[int, typer.Option("--workers", help="Local processes (or Ray workers) to run on.")] = 1,
    address: Annotated[
        str | None, typer.Option("--address", help="A Ray cluster's address (default: start a local Ray).")
    ] = None,
    keep_all: Annotated[
        bool, typer.Option("--no-filter", help="Run every document through the pipeline (no relevance filter).")
    ] = False,
) -> None:
    """Store articles and their events; the same event from several articles and languages is merged.

    Streamed in batches, each stored whole or not at all; documents already stored are skipped, so an
    interrupted ingest resumes where it stopped. Progress (documents/s, kept by the filter) goes to stderr.

    Example: allied ingest examples/*.txt
    """
    from allied.cli.progress import IngestProgress
    from allied.news.api import iter_ingest

    with IngestProgress() as bar:
        rows = list(
            iter_ingest(
                paths,
                db,
                published,
                language,
                engine,
                workers,
                address,
                prefilter=not keep_all,
                on_batch=bar.update,
            )
        )
    failed = _failed(rows)
    if fmt == "table" and len(rows) > 50:
        totals: dict[str, int] = {}
        for r in rows:
            totals[r["status"]] = totals.get(r["status"], 0) + 1
        emit(
            [{"status": k, "documents": v} for k, v in totals.items()]
            + [
                {"status": "new events", "documents": sum(r["new_events"] for r in rows)},
                {"status": "merged events", "documents": sum(r["merged_events"] for r in rows)},
            ],
            fmt,
            title=f"Ingested {len(rows)} documents",
        )
    else:
        emit(rows, fmt, title="Ingested")
    _exit(failed, len(rows))


@handle_errors
def events_command(
    country: Annotated[str | None, typer.Option("--country", help="ISO3 code of a state taking part.")] = None,
    person: Annotated[str | None, typer.Option("--person", help="A person's name or id.")] = None,
    forum: Annotated[str | None, typer.Option("--forum", help="A forum's name or id (SCM, forum:scm).")] = None,
    start: FromOption = None,
    end: ToOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: Annotated[int, typer.Option("--limit", help="Events to show (one page, in date order).", min=1)] = 100,
    offset: Annotated[int, typer.Option("--offset", help="Matching events to pass over first.", min=0)] = 0,
    every: Annotated[bool, typer.Option("--all", help="Every matching event (no page).")] = False,
) -> None:
    """Stored events, filtered by state, person, forum and period, each with its sources; a page of them
    (--limit, --offset), filtered and paged in the store.

    Example: allied events --country KOR --from 2025-11-01
    """
    page = None if every else limit
    found = allied.events(
        country=country,
        person=person,
        forum=forum,
        start=start,
        end=end,
        db=db,
        limit=None if page is None else page + 1,
        offset=offset,
    )
    if page is not None and len(found) > page:
        found = found[:page]
        more = f"events {offset + 1}-{offset + page} shown; more match: --offset {offset + page} or --all"
        typer.echo(more, err=True)
    if fmt in ("json", "jsonl"):
        emit(found, fmt, document=found, empty="no stored event matches the filters")
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
    asked = (
        ", ".join(
            f"{k} {v}"
            for k, v in (("country", country), ("person", person), ("forum", forum), ("from", start), ("to", end))
            if v
        )
        or "any"
    )
    emit(
        rows,
        fmt,
        title="Events",
        empty=f"no stored event matches {asked} (`allied ingest FILES` stores articles' events)",
    )


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
    """A person's stops in order, with dates, places, purposes and sources; optionally as a map.

    Example: allied itinerary "Richard Marles" --map trip.html
    """
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
        emit(
            rows,
            fmt,
            title=f"Itinerary of {person}",
            empty=f"no stops for {person} in the store (no stored visit names them; `allied ingest FILES` "
            "stores articles)",
        )
    if map_file is not None:
        typer.echo(f"Map written to {map_file}", err=True)
