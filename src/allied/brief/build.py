"""The brief: one article joined with everything allied knows about the states in it.

Pure composition of the public engines: the news engine reads the article (events, pledges, the itinerary
of each traveller), the obligations engine answers who is bound to defend whom among the states involved,
and the figures engine says who pays what. Nothing here computes an obligation or a figure itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from allied.figures.api import burden_years
from allied.model import Document, InputError
from allied.news import document_record, extract_documents, itineraries
from allied.obligations.api import mutual_obligations_among
from allied.reference import load, parse_date

Progress = Callable[[str], None]
TREND_YEARS = 5
FIGURES_SOURCE = "sipri"


def build_brief(article: str | Path, published: str | dt.date | None = None, db: str | Path | None = None,
                progress: Progress | None = None) -> dict[str, Any]:
    """The brief of one article (a path to .txt/.html/.jsonl, or the article's text with its title first)."""
    say = progress or (lambda _step: None)
    day = parse_date(published, "published") if published else None
    say("reading the article")
    document = _one_document(extract_documents(_source(article), published=day))
    doc = document_record(document)
    on = parse_date(doc["published"], "published") if doc.get("published") else dt.date.today()
    say("ordering the itinerary")
    stops = _itineraries(document, doc)
    states = _states(doc)
    say("reading the treaties")
    links, unlinked = _treaty_links(states, on)
    say("reading the figures")
    figures = _figures(states, on, db)
    return {
        "doc": doc["doc"], "title": doc.get("title") or _title(article), "language": doc["language"],
        "published": doc.get("published"), "url": doc.get("url"), "outlet": doc.get("outlet"),
        "as_of": on.isoformat(), "events": doc["events"], "pledges": doc["pledges"], "itinerary": stops,
        "states": [{"iso3": s, "name": load().states[s].name} for s in states],
        "treaty_links": links, "no_treaty_link": unlinked, "figures": figures,
        "notes": _notes(doc, on, published),
    }


def _source(article: str | Path) -> str | Path:
    path = Path(article) if not isinstance(article, Path) and "\n" not in str(article) else article
    if isinstance(path, Path) and not path.exists():
        raise InputError("article", str(article), "a path to an existing .txt, .html or .jsonl file, or article text")
    return path


def _title(article: str | Path) -> str:
    """A .txt article's (or a pasted text's) first line; other formats are named by their document id."""
    if isinstance(article, Path) or "\n" not in str(article):
        path = Path(article)
        if path.suffix.lower() != ".txt":
            return path.stem
        return path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    return str(article).split("\n", 1)[0].strip()


def _one_document(documents: list[Document]) -> Document:
    if len(documents) != 1:
        raise InputError("article", f"{len(documents)} documents", "exactly one article per brief")
    record = document_record(documents[0])
    if record.get("error") or record.get("reason"):
        raise InputError("article", record["doc"], "a readable article in a supported language",
                         record.get("error") or record.get("reason") or "")
    return documents[0]


def _itineraries(document: Document, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each traveller's ordered stops, as the news engine orders them from the article's typed events."""
    return itineraries(document)


def _states(doc: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for e in doc["events"]:
        seen.extend(c for c in e["countries"] if c not in seen)
    seen.extend(p["country"] for p in doc["pledges"] if p.get("country") and p["country"] not in seen)
    return seen


def _treaty_links(states: list[str], on: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    links, unlinked = [], []
    names = load().states
    answers = mutual_obligations_among(states, on) if len(states) > 1 else []
    for (a, b), answer in zip(itertools.combinations(states, 2), answers, strict=True):
        directions = answer["directions"]
        if any(d["bound"] or d["contested"] or d["conditional"] for d in directions):
            treaties = sorted({e["treaty"] for d in directions for e in d["bound"] + d["contested"] + d["conditional"]})
            links.append({"a": a, "b": b, "treaties": treaties, "directions": directions})
        else:
            unlinked.append({"a": a, "b": b, "note": f"no treaty obliges {names[a].name} or {names[b].name} "
                                                     f"to respond to an attack on the other's homeland on {on}"})
    return links, unlinked


def _figures(states: list[str], on: dt.date, db: str | Path | None) -> dict[str, Any]:
    """Each state's spending against GDP in the latest year the source covers up to the article's year
    (at most three years back), and the five years up to it: one read of the store for all of them."""
    if not states:
        return {"source": FIGURES_SOURCE, "year": None, "rows": [], "trend": {}}
    first = on.year - 3 - TREND_YEARS + 1
    by_year = burden_years(members=",".join(states), years=range(first, on.year + 1), source=FIGURES_SOURCE, db=db)
    year = next((y for y in range(on.year, on.year - 4, -1)
                 if any(r["milex_pct_gdp"] is not None for r in by_year[y])), on.year - 3)
    trend: dict[str, list[dict[str, Any]]] = {s: [] for s in states}
    for y in range(year - TREND_YEARS + 1, year + 1):
        for r in by_year[y]:
            trend[r["iso3"]].append({"year": y, "milex_pct_gdp": r["milex_pct_gdp"], "estimate": r["estimate"]})
    return {"source": FIGURES_SOURCE, "year": year, "rows": list(by_year[year]), "trend": trend}


def _notes(doc: dict[str, Any], on: dt.date, published: str | dt.date | None) -> list[str]:
    notes = []
    if not doc.get("published"):
        notes.append(f"The article has no publication date: treaties are read as of {on} (today), and dates in "
                     "the text that need one are left unresolved.")
    elif published:
        notes.append(f"Publication date {doc['published']} given by the user.")
    return notes
