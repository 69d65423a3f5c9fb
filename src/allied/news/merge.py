"""Within one document (stage ``merge``): the same event told in several sentences becomes one; references
("their talks", "the release") join the event they refer to; a site visit to the venue of a meeting folds
into the meeting; then the guidelines' scope rules drop what is not an event (GUIDELINES §4).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from allied.model import Actor, DateRange, Document, Event, PlaceRef, Span
from allied.news import identity, spans
from allied.news.identity import dates_compatible, part_of
from allied.news.lexicon import Lexicon

RANK = {"place": 0, "city": 1, "us_state": 2, "country": 3}


def _persons(e: Event) -> set[str]:
    return {a.id for a in e.actors if a.kind == "person"}


def _officials(e: Event, known: frozenset[str]) -> set[str]:
    """The people of the event that the reference knows (a name it does not know may be a mis-read)."""
    return {a.id for a in e.actors if a.kind == "person" and a.id in known}


def _ids(e: Event) -> set[str]:
    return {a.id for a in e.actors}


def same_place(e: Event, f: Event) -> bool:
    """The same place, one inside the other (Panmunjom in the DMZ), or a city of a country-level stop."""
    if e.place is None or f.place is None:
        return e.place is f.place
    if e.place.country == f.place.country and {e.place.kind, f.place.kind} == {"city", "country"}:
        return True
    return (
        e.place.id == f.place.id
        or part_of(e.place.id, f.place.id)
        or (e.place.name == f.place.name and e.place.country == f.place.country)
    )


def places_compatible(e: Event, f: Event) -> bool:
    return e.place is None or f.place is None or e.place.country == f.place.country


def same_event(e: Event, f: Event, known: frozenset[str] = frozenset()) -> bool:
    """Two candidates of one document that tell the same event: the one cross-document definition
    (``identity.same_event``), plus what a single report allows on top of it — one story told in several
    sentences, so that a shared traveller, speaker or (with the same states) participant is enough and a
    communication may be dated only once."""
    if _told_apart(e, f):
        return False
    if identity.same_event(e, f):
        return True
    if e.type == f.type == "forum" and _days_of_one_gathering(e, f):
        return True
    if e.type != f.type or not dates_compatible(e.date, f.date):
        return False
    if e.type == "visit":
        return same_place(e, f) and bool(_ids(e) & _ids(f))
    if e.type == "forum":
        return e.forum is not None and f.forum is not None and e.forum.id == f.forum.id
    if e.type == "meeting":
        if not places_compatible(e, f):
            return False
        if e.forum and f.forum:
            return e.forum.id == f.forum.id
        unnamed = [x for x in (e, f) if not _persons(x)]
        lead = len(unnamed) >= 1 and all(x.cues.lead for x in unnamed)  # the title and the first paragraph
        if lead and set(e.countries) == set(f.countries):
            # a title's "Defense chiefs of Korea, U.S. to hold annual talks", a lead's "South Korea and the United
            # States agreed Tuesday ... at their annual talks": the talks the text then tells with names
            return True
        if unnamed and e.date is not None and e.date == f.date and set(e.countries) == set(f.countries):
            return True  # talks of the same states on the same day, told once without names
        shared = _persons(e) & _persons(f)
        if shared and _officials(e, known) - shared and _officials(f, known) - shared:
            return False  # "met Nakatani in March ... will return for talks with Ishiba": other counterparts
        if e.forum or f.forum:
            return bool(shared) and set(e.countries) == set(f.countries)
        return len(shared) >= 2 or (bool(shared) and set(e.countries) == set(f.countries))
    return bool(_ids(e) & _ids(f))


def _days_of_one_gathering(e: Event, f: Event) -> bool:
    """ "The ADMM-Plus is scheduled for November 1 ... The conference will conclude on November 2": one report
    tells the days of one forum, which lasts from the first to the last (within a week)."""
    if e.forum is None or f.forum is None or e.forum.id != f.forum.id or e.date is None or f.date is None:
        return False
    return abs((min(e.date.end, f.date.end) - max(e.date.start, f.date.start)).days) <= 7


def _told_apart(e: Event, f: Event) -> bool:
    """One report tells a planned and a past event apart ("is scheduled to meet Kim" / "last visited on
    March 21, when he held a meeting"): tense or a date read for each, and they differ; or one sentence tells
    talks with different states."""
    firm = e.cues.certainty >= 1 and f.cues.certainty >= 1 and not (e.cues.purpose or f.cues.purpose)
    if e.type == f.type == "meeting" and e.evidence[:1] == f.evidence[:1] and set(e.countries) != set(f.countries):
        return True  # one sentence's talks with each of several counterparts ("bilateral meetings with A, B and C")
    return firm and {e.status, f.status} == {"planned", "occurred"}


def absorb(e: Event, f: Event) -> Event:
    """``e`` takes in everything ``f`` adds."""
    e.actors = _unique_actors([*e.actors, *f.actors])
    e.countries = sorted(set(e.countries) | set(f.countries))
    e.place = _better_place(e, f)
    e.date = _better_date(e, f)
    e.forum = e.forum or f.forum
    if _strength(f) > _strength(e):
        e.status = f.status
    e.evidence = sorted({s.start: s for s in [*e.evidence, *f.evidence]}.values(), key=lambda s: s.start)
    e.cues.join(f.cues)
    e.order = min(e.order, f.order) if e.order[0] or f.order[0] else e.order
    e.topics = list(dict.fromkeys([*e.topics, *f.topics]))
    return e


def _strength(e: Event) -> int:
    return e.cues.certainty


def _unique_actors(actors: Iterable[Actor]) -> list[Actor]:
    return list({a.id: a for a in reversed(list(actors))}.values())[::-1]


def _better_place(e: Event, f: Event):  # type: ignore[no-untyped-def]
    if e.place is None or f.place is None:
        return e.place or f.place
    if part_of(e.place.id, f.place.id):
        return e.place
    if part_of(f.place.id, e.place.id):
        return f.place
    if RANK.get(f.place.kind, 3) == 1 and RANK.get(e.place.kind, 3) == 3 and e.type == "visit":
        return f.place
    if e.type in ("meeting", "forum") and RANK.get(f.place.kind, 3) == 1 and RANK.get(e.place.kind, 3) != 1:
        return f.place
    return e.place


def _better_date(e: Event, f: Event) -> DateRange | None:
    if e.date is None or f.date is None:
        return e.date or f.date
    if e.type == "forum":
        ranges = [d for d in (e.date, f.date) if d.start < d.end]
        inside = [d for d in ranges if all(o.start <= d.start and d.end <= o.end for o in (e.date, f.date))]
        if len(ranges) == 2 and inside:  # "from May 31 to Jun 2" within an attendee's stay "from May 29 to June 3"
            return inside[0]
        return DateRange(  # the days of one gathering told one by one ("opens on ...", "concludes on ...")
            min(e.date.start, f.date.start), max(e.date.end, f.date.end), e.date.inferred or f.date.inferred
        )
    span_e = (e.date.end - e.date.start).days
    span_f = (f.date.end - f.date.start).days
    if e.type == "visit":
        return e.date if span_e >= span_f else f.date
    return e.date if span_e <= span_f else f.date


def merge_candidates(events: list[Event], known: frozenset[str] = frozenset()) -> list[Event]:
    out: list[Event] = []
    refs = [e for e in events if e.cues.reference]
    for e in events:
        if e.cues.reference:
            continue
        for kept in out:
            if same_event(kept, e, known):
                absorb(kept, e)
                break
        else:
            out.append(e)
    for r in refs:
        target = _reference_target(r, out)
        if target is not None and r.type == "forum":
            target.countries = sorted(set(target.countries) | set(r.countries))
            target.actors = _unique_actors([*target.actors, *r.actors])
        if target is not None:
            target.evidence = sorted(
                {s.start: s for s in [*target.evidence, *r.evidence]}.values(), key=lambda s: s.start
            )
    return out


def _reference_target(r: Event, events: list[Event]) -> Event | None:
    cands = [e for e in events if e.type == r.type]
    if r.type == "forum":
        return next((e for e in cands if e.forum and r.forum and e.forum.id == r.forum.id), None)
    if r.actors:
        cands = [e for e in cands if _ids(e) & _ids(r) if len(_ids(r) - _ids(e)) == 0 or r.type != "meeting"]
    else:
        cands = [e for e in cands if e.evidence[0].start <= r.evidence[0].start]
    return cands[-1] if cands else None


def fold_site_visits(events: list[Event]) -> list[Event]:
    """A site visit to the venue of a meeting on the meeting's day, by its participants, is the meeting (a
    city the visitor travels to alone stays a stop of its own: "visited Pyongyang, where he held talks")."""
    out = []
    for e in events:
        host = next(
            (
                m
                for m in events
                if m.type == "meeting"
                and m.forum is None  # a named meeting (the SCM) has its own venue; a site visit beside it stays
                and e.type == "visit"
                and e.place
                and not e.cues.stop
                and (e.place.kind == "place" or e.cues.joint)  # a site, or a place the hosts go to with the guest
                and (m.place is None or e.place.country == m.place.country)
                and e.date
                and m.date
                and e.date == m.date
                and _ids(e) <= _ids(m)
            ),
            None,
        )
        if host is not None:
            absorb(host, e)
            continue
        out.append(e)
    return out


def _vague(doc: Document, lex: Lexicon, span: Span) -> bool:
    if lex.has("markers", "vague", doc.text, span.start, span.end):
        return True
    return any(
        d.precision in ("month", "year")
        and not re.search(r"\d{4}\s*[–-]\s*\d{4}", d.span.text)
        for d in spans.between(doc.dates, span.start, span.end)
        if d.precision == "month"
        or (d.year and doc.reference_day and d.year < doc.reference_day.year)
    )


def keep(doc: Document, lex: Lexicon, e: Event, defense_ids: set[str]) -> bool:
    """GUIDELINES §4: an actor or named states, defense content, and the time rule."""
    if not e.countries or (not e.actors and e.type not in ("forum", "meeting")):
        return False
    if e.type in ("visit", "meeting", "forum") and not (_ids(e) & defense_ids or e.topics or e.forum or e.cues.defense):
        return False
    background = e.status == "occurred" and not (e.cues.lead or e.cues.dated)
    if background and any(_vague(doc, lex, s) for s in e.evidence):
        return False
    return True


def order_key(e: Event) -> tuple[int, int, int]:
    if e.type == "visit" and e.order[0] < -1:
        return (e.order[1], 1, e.order[2])
    return (e.evidence[0].start if e.evidence else 0, 0, 0)


def _unique_spans(spans: list[Span]) -> list[Span]:
    return sorted({s.start: s for s in spans}.values(), key=lambda s: s.start)


def stretch_stop(events: list[Event], days: list[int]) -> None:
    """A stated trip length ("his two-day trip") spans the one country-level stop that has a start day, or the
    one visit of the text that has one."""
    dated = [e for e in events if e.type == "visit" and e.date and e.date.start == e.date.end]
    stops = [e for e in dated if e.cues.stop] or dated  # "a two-day visit to Kyiv starting on Monday"
    if len(days) == 1 and len(stops) == 1 and days[0] > 1:
        d = stops[0].date
        assert d is not None
        stops[0].date = DateRange(d.start, d.start + dt.timedelta(days=days[0] - 1), d.inferred)


def merge_document(
    events: list[Event],
    days: list[int] | None = None,
    dateline: PlaceRef | None = None,
    known: frozenset[str] = frozenset(),
) -> list[Event]:
    """Candidates merged into events, site visits folded into meetings, in reading order; an event that names
    no place of its own takes the dateline's (GUIDELINES §9), a trip stop never does. ``known`` are the ids of
    the officials the reference knows among the people named."""
    merged = fold_site_visits(merge_candidates(events, known))
    stretch_stop(merged, days or [])
    date_sideline_talks(merged)
    if dateline is not None:
        for e in merged:
            if e.place is None and e.type != "visit":
                e.place = dateline
    for e in merged:
        e.evidence = _unique_spans(e.evidence)
    return sorted(merged, key=order_key)


def date_sideline_talks(events: list[Event]) -> None:
    """ "NATO defence ministers met in Brussels on Thursday ... He also met Shmyhal on the sidelines of the meeting":
    undated talks on the sidelines of a gathering the text dates are held on its days (inferred: two statements
    chained, GUIDELINES §6 date)."""
    held = {e.forum.id: e for e in events if e.type == "forum" and e.forum is not None and e.date is not None}
    for e in events:
        if e.type == "meeting" and e.date is None and e.forum is not None and e.forum.id in held:
            if e.cues.reference or e.cues.purpose:
                continue
            forum = held[e.forum.id]
            assert forum.date is not None
            single = forum.date.start == forum.date.end
            e.date = DateRange(forum.date.start, forum.date.end, True) if single else None
            if e.date is not None:
                e.status = forum.status


def fold_remarks(doc: Document, lex: Lexicon, events: list[Event]) -> list[Event]:
    """GUIDELINES §5 folding rule: remarks, press conferences and read-outs at or about a meeting or forum
    told in the document ("at a joint press conference after the meeting, Hegseth told reporters ...") are
    part of it: their sentences join its evidence and their speaker is already among its actors."""
    hosts = [e for e in events if e.type in ("meeting", "forum") and e.actors]
    gatherings = [e for e in events if e.type == "forum" and e.forum is not None]
    out = []
    for e in events:
        if e.type == "statement" and e.actors and e.evidence:
            span = e.evidence[0]
            refers = any(
                lex.has(section, key, doc.text, span.start, span.end)
                for section, key in (("anaphora", "talks"), ("anaphora", "forum"), ("markers", "after"))
            )
            speakers = {a.id for a in e.actors}
            host = next(
                (h for h in hosts if speakers <= {a.id for a in h.actors} and dates_compatible(e.date, h.date)), None
            )
            # a speech told in the sentence that names the forum it was given at is that forum's
            told_there = host is not None and host.type == "forum" and any(s.start == span.start for s in host.evidence)
            if (refers or told_there) and host is not None:
                host.evidence = _unique_spans([*host.evidence, *e.evidence])
                continue
            # "Rutte told a news conference after the meeting": the one forum the text tells, its speaker is there
            held = [g for g in gatherings if g.status == e.status and dates_compatible(e.date, g.date)]
            if refers and host is None and len(held) == 1:
                forum = held[0]
                forum.evidence = _unique_spans([*forum.evidence, *e.evidence])
                forum.actors = [*forum.actors, *(a for a in e.actors if a.id not in {b.id for b in forum.actors})]
                continue
        out.append(e)
    return out


def scope(doc: Document, lex: Lexicon, events: list[Event], defense_ids: set[str]) -> list[Event]:
    """Only what the guidelines call an event (§4)."""
    return [e for e in events if keep(doc, lex, e, defense_ids)]
