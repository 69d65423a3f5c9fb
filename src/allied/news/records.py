"""Documents as the records of PRODUCT.md "Events, batch mode" (one JSON object per document)."""

from __future__ import annotations

from typing import Any

from allied.model import Document, Event, Pledge, Span


def span_record(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def event_record(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind} for a in e.actors],
        "countries": list(e.countries),
        "place": (
            {"name": e.place.name, "country": e.place.country, "lat": e.place.lat, "lon": e.place.lon}
            if e.place
            else None
        ),
        "date": (
            {"start": e.date.start.isoformat(), "end": e.date.end.isoformat(), "inferred": e.date.inferred}
            if e.date
            else None
        ),
        "forum": {"id": e.forum.id, "name": e.forum.name} if e.forum else None,
        "topics": list(e.topics),
        "status": e.status,
        "evidence": [span_record(s) for s in e.evidence],
    }


def pledge_record(p: Pledge) -> dict[str, Any]:
    return {
        "country": p.country,
        "what": p.what,
        "value": p.value,
        "unit": p.unit,
        "by": p.by,
        "by_inferred": p.by_inferred,
        "evidence": [span_record(s) for s in p.evidence],
    }


def document_record(doc: Document) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": doc.name,
        "language": doc.language,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "outlet": doc.outlet,
        "events": [event_record(e) for e in doc.events],
        "pledges": [pledge_record(p) for p in doc.pledges],
    }
    if doc.error:
        rec["error"] = doc.error
    if doc.reason:
        rec["reason"] = doc.reason
    return rec
