"""What each page shows, as one JSON-ready document built from the public API only (no logic here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pycountry

import allied
from allied.model import InputError
from allied.obligations.conditions import parse_pairs
from allied.web.articles import Articles
from allied.web.params import (
    BriefQuery,
    BurdenQuery,
    EventsQuery,
    ObligationsQuery,
    OfficialsQuery,
    TreatiesQuery,
)

Db = str | Path | None


def data_view(db: Db) -> dict[str, Any]:
    """What is loaded: imported datasets with release and coverage, and the reference model's size."""
    ref = allied.reference()
    counts = {"states": len(ref.states), "treaties": len(ref.treaties), "officials": len(ref.officials),
              "organizations": len(ref.organizations), "forums": len(ref.forums), "places": len(ref.places)}
    return {"version": allied.__version__, "datasets": allied.data_status(db), "reference": counts,
            "treaties": allied.treaties()}


def treaties_view(q: TreatiesQuery) -> dict[str, Any]:
    return {"state": q.state, "date": q.date, "treaties": allied.treaties(state=q.state, date=q.date)}


def treaty_view(treaty_id: str) -> dict[str, Any]:
    return allied.treaty_record(allied.treaty(treaty_id))


def officials_view(q: OfficialsQuery) -> dict[str, Any]:
    return {"q": q.q, "officials": allied.find_officials(q.q)}


def _numeric(iso2: str | None) -> str | None:
    hit = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return hit.numeric if hit else None


def states_view() -> dict[str, Any]:
    """Every state of the reference model, with the ISO numeric code the basemap's features carry."""
    ref = allied.reference()
    rows = [{"iso3": s.iso3, "name": s.name, "historic": s.historic, "numeric": _numeric(s.iso2)}
            for s in sorted(ref.states.values(), key=lambda s: s.name)]
    return {"states": rows}


def burden_view(q: BurdenQuery, db: Db) -> dict[str, Any]:
    """The burden table, the Olson-Zeckhauser test on the same members, and a country's path if asked."""
    found = allied.burden_report(q.alliance, q.members, q.year, q.source, q.country, q.target, q.by, q.gdp_growth,
                                 db=db)
    return {"query": q.model_dump(), "rows": found["rows"], "olson_zeckhauser": found["olson_zeckhauser"],
            "path": found["path"]}


ATTACK_FIELDS = ("attacker", "target", "place", "lat", "lon", "date", "kind", "request")


def obligations_view(q: ObligationsQuery, db: Db = None) -> dict[str, Any]:
    """Who is bound to respond to the attack, with reasons and quotes; and the coverage grid if asked."""
    if q.coverage and q.place is None and q.lat is None and q.lon is None:  # the coverage map alone
        alone = allied.coverage(q.attacker, q.date, q.resolution).geojson()  # type: ignore[arg-type]
        return {"query": q.model_dump(), "result": None, "coverage": alone}
    attack = {k: getattr(q, k) for k in ATTACK_FIELDS if getattr(q, k) is not None}
    stated = parse_pairs([p for p in (q.conditions or "").split(",") if p.strip()])
    attack["conditions"] = stated | ({"request": True} if q.request else {})
    result = allied.obligations(attack, cascade=q.cascade)
    cover = allied.coverage(q.attacker, q.date, q.resolution).geojson() if q.coverage else None  # type: ignore[arg-type]
    return {"query": q.model_dump(), "result": result, "coverage": cover}


EVENTS_PAGE = 100


def events_view(q: EventsQuery, db: Db) -> dict[str, Any]:
    """One page of the stored events matching the filters (filtered and paged in the store), each with its
    sources and sentences; ``more`` says whether a next page exists; a person's itinerary."""
    found = allied.events(country=q.country, person=q.person, forum=q.forum, start=q.start, end=q.end, db=db,
                          limit=EVENTS_PAGE + 1, offset=(q.page - 1) * EVENTS_PAGE)
    stops = allied.itinerary(q.person, q.start, q.end, db=db) if q.person else None
    return {"query": q.model_dump(), "events": found[:EVENTS_PAGE], "page": q.page, "per_page": EVENTS_PAGE,
            "more": len(found) > EVENTS_PAGE, "itinerary": stops}


def brief_view(q: BriefQuery, db: Db, articles: Articles) -> dict[str, Any]:
    """The brief of a kept article: events, itinerary, pledges; who is bound to defend whom; who pays what."""
    if not q.article:
        raise InputError("article", q.article, "the id of a pasted or uploaded article (paste it on /brief)")
    for attempt in range(3):
        path = articles.path(q.article)
        try:
            return allied.brief(path, published=q.published, db=db)
        except (FileNotFoundError, InputError):
            # another request's staged copy, kept (moved) or discarded meanwhile: look again
            if path.exists() or attempt == 2:
                raise
    raise AssertionError("unreachable")
