"""Event candidates (stage ``events``): triggers from the language's lexicon, arguments attached per sentence.

Each sentence is read on its own, with a little document memory for anaphora (the current traveller
for "he"/"er"/"the defense secretary", the last pair of officials for "the two sides"/"die beiden", the
last ministry for "the ministry", the last multilateral forum for "the meeting"/"der Gipfel"). A visit
becomes one event per destination (list expansion); a meeting needs officials of two states or a bilateral
mechanism; a forum needs a multilateral gathering that convenes or has a date; announcements and
statements need a speaker. Candidates are merged, folded and filtered by ``merge``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from allied.model import Actor, DateMention, DateRange, Document, Event, ForumRef, Mention, PlaceRef, Span
from allied.news.dates import clause as _clause_bounds
from allied.news.dates import tense
from allied.news.lexicon import Lexicon
from allied.news.names import Entity, NameIndex

STRONG_BREAK = re.compile(r";|\s[—–]\s|:\s")
DEFENSE_ROLE = re.compile(r"defen|\bwar\b|command|military|armed forces|verteidigung|armée|joint chiefs", re.I)
PLACE_RANK = {"place": 0, "city": 1, "us_state": 2, "country": 3}
COUNTRY_LEVEL = ("country",)


@dataclass
class View:
    """One sentence with the mentions and dates inside it."""

    span: Span
    index: int
    mentions: list[Mention]
    dates: list[DateMention]
    lead: bool

    def of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]


def actor(m: Mention) -> Actor:
    return Actor(m.id, m.name, "person" if m.kind == "person" else "organization", m.country)


def is_defense(role: str) -> bool:
    """A role or title class that makes its holder a defense or military official or body."""
    return bool(DEFENSE_ROLE.search(role or "")) or role in ("defense", "military", "ministry", "command", "alliance")


@dataclass
class Extractor:
    doc: Document
    lex: Lexicon
    index: NameIndex
    day: dt.date | None
    persons: list[Actor] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    traveller: list[Actor] = field(default_factory=list)
    forum: Entity | None = None
    events: list[Event] = field(default_factory=list)
    used_places: set[str] = field(default_factory=set)
    trip: bool = False

    # ----- small helpers -------------------------------------------------------------------------
    def text(self, start: int, end: int) -> str:
        return self.doc.text[start:end]

    def window(self, v: View, pos: int) -> tuple[int, int]:
        """The part of the sentence around ``pos`` up to a strong break or a subordinate clause."""
        breaks = [m.start() for m in STRONG_BREAK.finditer(self.doc.text, v.span.start, v.span.end)]
        for m in re.finditer(r",\s*", self.doc.text[v.span.start : v.span.end]):
            at = v.span.start + m.end()
            if self.lex.pattern("markers", "clause_break") and self.lex.pattern("markers", "clause_break").match(  # type: ignore[union-attr]
                self.doc.text, at
            ):
                breaks.append(v.span.start + m.start())
        lo = max([b for b in breaks if b <= pos] or [v.span.start])
        hi = min([b for b in breaks if b > pos] or [v.span.end])
        return lo, hi

    def clause(self, v: View, pos: int) -> tuple[int, int]:
        cuts = [
            m.start()
            for m in re.finditer(
                r"[,;]|\b(?:obwohl|aber|jedoch|although|but|however)\b", self.doc.text[v.span.start : v.span.end]
            )
        ]
        cuts = [v.span.start + c for c in cuts]
        return max([c for c in cuts if c <= pos] or [v.span.start]), min([c for c in cuts if c > pos] or [v.span.end])

    def blocked(self, v: View, pos: int) -> bool:
        lo, hi = self.clause(v, pos)
        return self.lex.has("markers", "hedge", self.doc.text, lo, hi) or self.lex.has(
            "markers", "negation", self.doc.text, lo, hi
        )

    def triggers(self, v: View, kind: str) -> list[re.Match[str]]:
        return self.lex.find("triggers", kind, self.doc.text, v.span.start, v.span.end)

    def inside_mention(self, v: View, m: re.Match[str]) -> bool:
        return any(
            x.span.start <= m.start() and m.end() <= x.span.end and x.kind in ("forum", "organization")
            for x in v.mentions
        )

    def preceded(self, key: str, pos: int, reach: int = 30, section: str = "markers") -> bool:
        lo = max(0, pos - reach)
        return any(
            re.fullmatch(
                r"[\s,]*(?:(?:the|der|die|den|dem|des|seinem|his|their|ihren)\s+)?(?:\w+-\s+(?:und|and|or|oder)\s+)?",
                self.doc.text[m.end() : pos],
            )
            for m in self.lex.find(section, key, self.doc.text, lo, pos)
        )

    def date_for(self, v: View, pos: int) -> DateMention | None:
        """The day or range in the trigger's clause, else in its part of the sentence unless it dates a
        communication there ("..., the ministry said on Friday")."""
        days = [d for d in v.dates if d.precision == "day"]
        lo, hi = self.clause(v, pos)
        near = [d for d in days if lo <= d.span.start < hi]
        if not near:
            lo, hi = self.window(v, pos)
            near = [d for d in days if lo <= d.span.start < hi and not self.dates_a_communication(v, d)]
        return min(near, key=lambda d: abs(d.span.start - pos)) if near else None

    def dates_a_communication(self, v: View, d: DateMention) -> bool:
        lo, hi = self.clause(v, d.span.start)
        return any(
            lo <= m.start() < hi
            for key in ("say", "announce", "communication", "statement")
            for m in self.triggers(v, key)
        )

    def status(self, v: View, pos: int, date: DateMention | None) -> tuple[str, int]:
        lo, hi = self.clause(v, pos)
        if self.lex.has("markers", "cancelled", self.doc.text, v.span.start, v.span.end):
            return "cancelled", 3
        ref = self.doc.meta.get("reference_day")
        if date and date.start and ref:
            return ("planned" if date.start > ref else "occurred"), 2
        t = self.clause_tense(v, pos)
        if t == "present" and any(
            m.start() < pos for m in self.triggers(v, "announce") + self.triggers(v, "communication")
        ):
            return "planned", 1
        if t == "present":
            t = tense(self.lex, self.doc.text, pos, pos + 1, v.span)
        if t == "future":
            return "planned", 1
        if t == "past":
            return "occurred", 1
        if self.triggers(v, "announce") or self.triggers(v, "communication"):
            return "planned", 1
        return "occurred", 0

    def clause_tense(self, v: View, pos: int) -> str:
        lo, hi = _clause_bounds(self.doc.text, pos, pos + 1, v.span, self.lex)
        if self.lex.has("markers", "future", self.doc.text, lo, hi):
            return "future"
        if self.lex.has("markers", "past", self.doc.text, lo, hi):
            return "past"
        return "present"

    def new(
        self,
        kind: str,
        v: View,
        pos: int,
        actors: list[Actor],
        countries: set[str],
        date: DateMention | None,
        **kw: object,
    ) -> Event:
        status, strength = self.status(v, pos, date)
        ev = Event(
            type=kind,
            actors=_unique(actors),
            countries=sorted(c for c in countries if c),
            date=_range(date),
            status=status,
            evidence=[v.span],
        )
        for k, val in kw.items():
            setattr(ev, k, val)
        ev.flags.add(f"status{strength}")
        if v.lead:
            ev.flags.add("lead")
        if date and date.start:
            ev.flags.add("dated")
        return ev

    # ----- who ------------------------------------------------------------------------------------
    def remember(self, v: View) -> None:
        for m in v.of("person"):
            a = actor(m)
            self.roles[a.id] = m.role
            self.persons = [p for p in self.persons if p.id != a.id] + [a]

    def people(self, v: View, lo: int, hi: int) -> list[Actor]:
        named = [m for m in v.of("person") if lo <= m.span.start < hi]
        found = [actor(m) for m in named]
        found += self.counterparts(v, lo, hi, found)
        first = named[0].span.start if named else hi
        subject = (
            self.anaphora(v, v.span.start, max(v.span.start, first - 3)) if named or found else self.anaphora(v, lo, hi)
        )
        return _unique(subject + found)

    def counterparts(self, v: View, lo: int, hi: int, named: list[Actor]) -> list[Actor]:
        out = []
        for t in v.of("title"):
            if t.role != "counterpart" or not (lo <= t.span.start < hi) or not t.country:
                continue
            if any(a.country == t.country for a in named):
                continue
            seen = [
                p for p in reversed(self.persons) if p.country == t.country and is_defense(self.roles.get(p.id, ""))
            ]
            live = (
                [
                    e
                    for e in self.index.officials
                    if e.country == t.country and is_defense(e.role) and e.in_office(self.day)
                ]
                if not seen
                else []
            )
            pick = (
                seen[0]
                if seen
                else (Actor(live[0].id, live[0].name, "person", live[0].country) if len(live) == 1 else None)
            )
            if pick:
                out.append(pick)
        return out

    def anaphora(self, v: View, lo: int, hi: int) -> list[Actor]:
        if self.lex.find("anaphora", "pair", self.doc.text, lo, hi):
            return self.pair()
        if self.lex.find("anaphora", "person", self.doc.text, lo, hi) or self.lex.find(
            "anaphora", "possessive", self.doc.text, lo, hi
        ):
            return self.traveller[:1] or self.persons[-1:]
        return []

    def pair(self) -> list[Actor]:
        if not self.persons:
            return []
        last = self.persons[-1]
        other = next((p for p in reversed(self.persons) if p.country and p.country != last.country), None)
        return [other, last] if other else [last]

    def commands(self, v: View, lo: int, hi: int) -> list[Actor]:
        return [actor(m) for m in v.of("organization") if m.role == "command" and lo <= m.span.start < hi]

    # ----- where ----------------------------------------------------------------------------------
    def places(self, v: View, lo: int, hi: int) -> list[Mention]:
        dates = [(d.span.start, d.span.end) for d in v.dates]
        out = []
        for m in v.mentions:
            if not (lo <= m.span.start < hi) or any(s < m.span.end and m.span.start < e for s, e in dates):
                continue
            if m.kind == "state" and m.role in ("",) or m.kind == "place" and m.place_kind != "region":
                out.append(m)
        return out

    def destinations(self, v: View, lo: int, hi: int, arrival: bool) -> list[Mention]:
        groups: list[list[Mention]] = []
        excluded_prev = False
        prev: Mention | None = None
        for m in self.places(v, lo, hi):
            gap = self.text(prev.span.end, m.span.start) if prev else ""
            listed = prev is not None and bool(
                re.fullmatch(r"[\s,]*(?:(?:and|und|or|oder|sowie|as well as)\s+)?(?:(?:the|der|die|den|dem)\s+)?", gap)
            )
            excluded = self.preceded("not_destination", m.span.start) or (listed and excluded_prev)
            if prev is not None and groups and not excluded and _nested(prev, m, gap, self.lex):
                groups[-1].append(m)
            elif not excluded:
                groups.append([m])
            excluded_prev, prev = excluded, m
        self.used_places |= {m.id for g in groups for m in g}
        return [_representative(g, arrival) for g in groups]

    def venue(self, v: View, lo: int, hi: int, sites: set[str] | None = None) -> Mention | None:
        cands = [
            m
            for m in self.places(v, lo, hi)
            if m.place_kind != "country" or self.preceded("locative", m.span.start, 12)
        ]
        cands = [m for m in cands if m.id not in (sites or set())]
        cands = [m for m in cands if not self.preceded("not_destination", m.span.start)]
        if not cands:
            return None
        return min(
            cands, key=lambda m: (PLACE_RANK.get(m.place_kind, 3) != 1, PLACE_RANK.get(m.place_kind, 3), m.span.start)
        )

    # ----- the five event types -------------------------------------------------------------------
    def visits(self, v: View) -> list[Event]:
        trig = [(m, False) for m in self.triggers(v, "visit") if not self.inside_mention(v, m)]
        trig += [(m, True) for m in self.triggers(v, "arrival")]
        trig += [(m, False) for m in self.triggers(v, "presence")]
        out: list[Event] = []
        seen_places: set[str] = set()
        for m, arrival in trig:
            if self.blocked(v, m.start()):
                continue
            lo, hi = self.window(v, m.start())
            places = self.destinations(v, lo, hi, arrival)
            self.trip = len(places) > 1
            for i, place in enumerate(places):
                if place.id in seen_places:
                    continue
                ev = self.visit(v, m.start(), lo, hi, place, (-len(places), v.span.start, i))
                if ev:
                    seen_places.add(place.id)
                    out.append(ev)
        out += self.stop_intro(v, seen_places)
        return out

    def visit(self, v: View, pos: int, lo: int, hi: int, place: Mention, order: tuple[int, int, int]) -> Event | None:
        actors = self.people(v, lo, hi) or self.people(v, v.span.start, v.span.end)
        actors = [a for a in actors if not (place.place_kind in COUNTRY_LEVEL and a.country == place.country)]
        if not actors:
            return None
        if place.place_kind in COUNTRY_LEVEL and all(a.country == place.country for a in actors):
            return None
        self.traveller = [a for a in actors if a.kind == "person"][:1] or self.traveller
        actors += self.commands(v, v.span.start, v.span.end)
        day = self.date_for(v, pos)
        forum = self.attended_forum(v, lo, hi)
        ev = self.new(
            "visit",
            v,
            pos,
            actors,
            {a.country for a in actors} | {place.country},
            day,
            place=_place(place),
            forum=forum,
            order=order,
        )
        if self.trip:
            ev.date = None
            ev.flags.discard("dated")
        if place.place_kind in COUNTRY_LEVEL:
            ev.flags.add("stop")
        return ev

    def stop_intro(self, v: View, seen: set[str]) -> list[Event]:
        """ "In Japan wird er ...", "In Vietnam, he will ...": a trip stop introduced by its place."""
        head = re.match(r"\s*(?:In|Im|At)\s+", self.text(v.span.start, v.span.end))
        if not head:
            return []
        first = next((m for m in v.mentions if m.span.start == v.span.start + head.end()), None)
        if first is None or first not in self.places(v, v.span.start, v.span.end) or first.id in seen:
            return []
        if not self.traveller or self.blocked(v, first.span.start):
            return []
        named = v.of("person")
        subject_end = named[0].span.start if named else v.span.end
        if not any(m.id == self.traveller[0].id for m in named) and not self.anaphora(v, v.span.start, subject_end):
            return []
        actors = self.traveller[:1] + self.commands(v, v.span.start, v.span.end)
        ev = self.new(
            "visit",
            v,
            first.span.start,
            actors,
            {a.country for a in actors} | {first.country},
            self.date_for(v, first.span.end),
            place=_place(first),
            forum=self.attended_forum(v, v.span.start, v.span.end),
            order=(-1, v.span.start, 0),
        )
        if ev.status == "occurred" and ev.flags & {"status0"}:
            ev.status = "planned"
        return [ev]

    def attended_forum(self, v: View, lo: int, hi: int) -> ForumRef | None:
        """A multilateral gathering the traveller attends at this stop ("to attend ADMM-Plus")."""
        if not self.triggers(v, "attend"):
            return None
        for m in v.of("forum"):
            if (
                lo <= m.span.start < hi
                and not _bilateral(self.index, m.id)
                and not self.preceded("after", m.span.start, 12)
            ):
                return ForumRef(m.id, m.name)
        return None

    def meetings(self, v: View, sites: set[str]) -> list[Event]:
        trig = [m for m in self.triggers(v, "meeting") if not self.inside_mention(v, m)]
        if self.triggers(v, "convene"):
            forum_refs = self.lex.find("anaphora", "forum", self.doc.text, v.span.start, v.span.end)
            trig = [m for m in trig if not any(f.start() <= m.start() < f.end() for f in forum_refs)]
        bilateral = [m for m in v.of("forum") if _bilateral(self.index, m.id)]
        out: list[Event] = []
        positions = [m.start() for m in trig] + [m.span.start for m in bilateral]
        done = False
        for pos in sorted(positions):
            if self.blocked(v, pos):
                return out
            if done:
                continue
            evs = self.meeting(v, pos, bilateral, sites)
            if evs:
                out += evs
                done = True
        return out

    def meeting(self, v: View, pos: int, bilateral: list[Mention], sites: set[str]) -> list[Event]:
        people = self.people(v, v.span.start, v.span.end)
        if (
            len({a.country for a in people}) < 2
            and self.traveller
            and not any(a.id == self.traveller[0].id for a in people)
        ):
            if self.anaphora(v, v.span.start, v.span.end):
                people = _unique(self.traveller[:1] + people)
        forum = bilateral[0] if bilateral else None
        countries = {a.country for a in people}
        if forum:
            countries |= set(self.index.forums[forum.id].participants)
        flags = set()
        anaphoric = self.lex.find("anaphora", "talks", self.doc.text, max(v.span.start, pos - 25), pos + 12)
        named = {m.country for m in v.of("person")}
        if self.preceded("before", pos, 20) or (anaphoric and len(named) < 2):
            flags.add("reference")
        if self.preceded("purpose", pos + 12, 20) or self.lex.has(
            "markers", "purpose", self.doc.text, max(v.span.start, pos - 5), pos + 12
        ):
            flags.add("purpose")
        if len(countries) < 2 or not people and not forum:
            return [self._reference_meeting(v, pos)] if "reference" in flags and not people else []
        date = None if flags & {"reference", "purpose"} else self.date_for(v, pos)
        place = self.venue(v, v.span.start, v.span.end, sites)
        groups = self.split_counterparts(v, people)
        out = []
        for group in groups:
            cs = {a.country for a in group} | (set(self.index.forums[forum.id].participants) if forum else set())
            ev = self.new(
                "meeting",
                v,
                pos,
                group,
                {c for c in cs if re.fullmatch(r"[A-Z]{3}", c)},
                date,
                place=_place(place) if place else None,
                forum=ForumRef(forum.id, forum.name) if forum else None,
            )
            ev.flags |= flags
            out.append(ev)
        return out

    def _reference_meeting(self, v: View, pos: int) -> Event:
        ev = Event(type="meeting", evidence=[v.span])
        ev.flags |= {"reference", "anonymous"}
        return ev

    def split_counterparts(self, v: View, people: list[Actor]) -> list[list[Actor]]:
        """ "talks with A ..., as well as meetings with B": one bilateral meeting per counterpart."""
        withs = re.findall(r"\b(?:with|mit)\b", self.text(v.span.start, v.span.end))
        if len(people) < 3 or len(withs) < 2:
            return [people]
        subject, others = people[0], people[1:]
        if len({a.country for a in others}) < len(others):
            return [people]
        return [[subject, o] for o in others if o.country != subject.country]

    def forums(self, v: View) -> list[Event]:
        mentions = [m for m in v.of("forum") if not _bilateral(self.index, m.id)]
        convene = self.triggers(v, "convene")
        if not mentions and convene:
            ref = self.forum_anaphor(v)
            if ref:
                mentions = [ref]
        out = []
        if not mentions and not convene:
            ref = self.forum_anaphor(v)
            if ref:
                ev = Event(
                    type="forum",
                    countries=sorted({x.country for x in v.of("state") if x.role != "modifier"}),
                    forum=ForumRef(ref.id, ref.name),
                    evidence=[v.span],
                )
                ev.flags.add("reference")
                return [ev]
        for m in mentions:
            date = self.date_for(v, m.span.end)
            if not convene and not (
                date and self.lex.has("markers", "future", self.doc.text, v.span.start, v.span.end)
            ):
                continue
            if self.blocked(v, m.span.start):
                continue
            lo, hi = v.span.start, v.span.end
            place = self.venue(v, lo, hi)
            states = {x.country for x in v.of("state") if x.role != "modifier"}
            people = [actor(x) for x in v.of("person")] + [
                actor(x)
                for x in v.of("organization", "alliance")
                if x.id and x.role == "alliance" or x.kind == "alliance" and x.id
            ]
            if not states:
                states = (
                    {p for p in self.index.forums[m.id].participants if re.fullmatch(r"[A-Z]{3}", p)}
                    if m.id in self.index.forums
                    else set()
                )
            out.append(
                self.new(
                    "forum",
                    v,
                    m.span.start,
                    people,
                    states | ({place.country} if place else set()),
                    date,
                    place=_place(place) if place else None,
                    forum=ForumRef(m.id, m.name),
                )
            )
        return out

    def forum_anaphor(self, v: View) -> Mention | None:
        hit = self.lex.find("anaphora", "forum", self.doc.text, v.span.start, v.span.end)
        if not hit:
            return None
        ent = self.forum or self.summit_of(hit[0].group())
        if ent is None:
            return None
        return Mention(Span(hit[0].start(), hit[0].end(), hit[0].group()), "forum", ent.id, ent.name)

    def summit_of(self, word: str) -> Entity | None:
        """ "der Gipfel"/"the summit" in a document about NATO: the NATO Summit."""
        if not re.search(r"gipfel|summit", word, re.I):
            return None
        for m in self.doc.mentions:
            if m.kind == "organization" and m.id:
                for f in self.index.forums.values():
                    if (
                        f.name.lower().startswith(self.index.orgs[m.id].name.split(" (")[0].lower())
                        and "summit" in f.name.lower()
                    ):
                        return f
        if re.search(r"\bnato\b", self.doc.text, re.I):
            return self.index.forums.get("forum:nato-summit")
        return None

    def communications(self, v: View, others: list[Event]) -> list[Event]:
        out = []
        strong = self.triggers(v, "announce") + self.triggers(v, "communication")
        says = [m for m in self.triggers(v, "say") if self.date_in_clause(v, m.start())]
        statements = self.triggers(v, "statement")
        attribution = self.lex.find("markers", "attribution", self.doc.text, v.span.start, v.span.end)
        for m in strong + says + statements:
            if any(a.start() <= m.start() < a.end() + 25 for a in attribution):
                continue
            speaker = self.speaker(v, m.start())
            if speaker is None or self.blocked(v, m.start()):
                continue
            if any(speaker.id in {a.id for a in e.actors} for e in others if "reference" not in e.flags):
                continue
            kind = "statement" if m in statements else "announcement"
            ev = self.communication(v, m, speaker, kind, others)
            if ev:
                out.append(ev)
                break
        return out

    def communication(self, v: View, m: re.Match[str], speaker: Actor, kind: str, others: list[Event]) -> Event | None:
        tail = (m.start(), v.span.end)
        about_plans = bool(self.triggers(v, "visit") or self.triggers(v, "meeting")) and any(
            e.status == "planned" for e in self.events
        )
        previous = [e for e in self.events if e.evidence and e.evidence[-1].end <= v.span.start]
        demonstrative = bool(
            self.lex.find("anaphora", "demonstrative", self.doc.text, v.span.start, min(v.span.end, v.span.start + 6))
        )
        about_previous = demonstrative and bool(previous) and previous[-1].status == "planned"
        content = (
            about_previous
            or self.lex.has("markers", "future", self.doc.text, *tail)
            or self.lex.has("pledges", "cues", self.doc.text, v.span.start, v.span.end)
            or any(e.status == "planned" for e in others)
            or about_plans
        )
        if kind == "announcement" and not content:
            ev = Event(
                type="announcement",
                actors=[speaker],
                countries=[speaker.country] if speaker.country else [],
                evidence=[v.span],
            )
            ev.flags |= {"reference"}
            return ev
        date = self.date_for(v, m.start()) if self.date_in_clause(v, m.start()) else None
        ev = self.new(kind, v, m.start(), [speaker], {speaker.country}, date)
        ev.status = "cancelled" if ev.status == "cancelled" else "occurred"
        return ev

    def date_in_clause(self, v: View, pos: int) -> bool:
        lo, hi = self.clause(v, pos)
        return any(d.precision == "day" and lo <= d.span.start < hi for d in v.dates)

    def speaker(self, v: View, pos: int) -> Actor | None:
        lo, hi = self.clause(v, pos)
        cands = [m for m in v.mentions if m.kind in ("organization", "person", "alliance") and m.id]
        if not cands:
            return None
        before = [m for m in cands if m.span.end <= pos and m.span.start >= lo - 80]
        orgs = [m for m in before if m.kind == "organization"]
        pick = (orgs or before)[-1] if before else min(cands, key=lambda m: abs(m.span.start - pos))
        return actor(pick)

    def sentence(self, v: View) -> list[Event]:
        self.remember(v)
        for m in v.of("forum"):
            if not _bilateral(self.index, m.id):
                self.forum = self.index.forums.get(m.id) or self.forum
        self.used_places = set()
        visits = self.visits(v)
        sites = self.used_places | {e.place.id for e in visits if e.place}
        meetings = self.meetings(v, {p for p in sites if not p.startswith(("state:", "geonames:")) and len(p) != 3})
        meetings = [e for e in meetings if not _folded_into_visit(e, visits)]
        _dates_from_visits(meetings, visits)
        forums = self.forums(v)
        talks = visits + meetings + forums
        found = talks + self.communications(v, talks)
        if not found:
            found = self.agenda(v)
        self.events += found
        return found

    def agenda(self, v: View) -> list[Event]:
        """ "The two ministers agreed to ...", "Im Mittelpunkt sollen ... stehen": more about the last event."""
        last = next(
            (
                e
                for e in reversed(self.events)
                if e.type in ("visit", "meeting", "forum") and "reference" not in e.flags
            ),
            None,
        )
        if last is None or last.evidence[-1].start < v.span.start - 400:
            return []
        head = self.text(v.span.start, min(v.span.end, v.span.start + 40))
        pair = self.lex.find("anaphora", "pair", head) or self.lex.find("anaphora", "person", head)
        if not (pair or self.lex.has("markers", "agenda_lead", self.doc.text, v.span.start, v.span.end)):
            return []
        ev = Event(type=last.type, evidence=[v.span])
        ev.flags |= {"reference", "anonymous"}
        return [ev]


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def _range(d: DateMention | None) -> DateRange | None:
    if d is None or d.start is None or d.end is None:
        return None
    return DateRange(d.start, d.end, d.inferred)


def _place(m: Mention) -> PlaceRef:
    return PlaceRef(m.name, m.country, m.lat, m.lon, m.id, m.place_kind)


def _bilateral(index: NameIndex, forum_id: str) -> bool:
    f = index.forums.get(forum_id)
    return bool(f and 2 <= len(f.participants) <= 3 and all(re.fullmatch(r"[A-Z]{3}", p) for p in f.participants))


def _nested(prev: Mention, m: Mention, gap: str, lex: Lexicon) -> bool:
    """ "Osan Air Base in South Korea", "Shinjuku Ward, Tokyo": the second place contains the first."""
    if prev.country != m.country or PLACE_RANK.get(m.place_kind, 3) < PLACE_RANK.get(prev.place_kind, 3):
        return False
    words = {w.lower() for w in lex.words("markers", "nested")}
    g = gap.strip().lower()
    return g in words or bool(re.fullmatch(r"(?:\w+\s*)?(?:in|im|inside|at|,)(?:\s+(?:the|der|dem))?", g))


def _representative(group: list[Mention], arrival: bool) -> Mention:
    if arrival and len(group) > 1:
        for kind in ("city", "country", "us_state"):
            for m in group:
                if m.place_kind == kind:
                    return m
    return group[0]


def _dates_from_visits(meetings: list[Event], visits: list[Event]) -> None:
    """ "besucht am Samstag Seoul, wo er ... trifft": a meeting told with a dated stop happens on that day."""
    for m in meetings:
        if m.date is None and not m.flags & {"reference", "purpose"}:
            stop = next((v for v in visits if v.date and {a.id for a in v.actors} & {a.id for a in m.actors}), None)
            if stop is not None:
                m.date, m.status = stop.date, stop.status
                m.flags |= {"dated"}


def _folded_into_visit(meeting: Event, visits: list[Event]) -> bool:
    """A meeting of people who are all on the same site visit is that visit ("first met ... visiting")."""
    if meeting.forum or not meeting.actors:
        return False
    ids = {a.id for a in meeting.actors}
    return any(v.place and v.place.kind == "place" and ids <= {a.id for a in v.actors} for v in visits)


def extract(doc: Document, lex: Lexicon, index: NameIndex) -> list[Event]:
    """Event candidates of every sentence, in document order."""
    ex = Extractor(doc, lex, index, doc.meta.get("reference_day") or doc.published)
    lead_end = lead_end_of(doc)
    out: list[Event] = []
    for i, sent in enumerate(doc.sentences):
        if i == 0 and sent.start == 0 and not doc.title_is_text:
            continue
        v = View(
            sent,
            i,
            [m for m in doc.mentions if sent.start <= m.span.start < sent.end],
            [d for d in doc.dates if sent.start <= d.span.start < sent.end],
            sent.start < lead_end,
        )
        out += ex.sentence(v)
    return out


def lead_end_of(doc: Document) -> int:
    """End of the lead: the title line and the first paragraph of at least eight words."""
    pos = doc.text.find("\n") + 1 if "\n" in doc.text else len(doc.text)
    for line in doc.text[pos:].split("\n"):
        if len(line.split()) >= 8:
            return pos + len(line)
        pos += len(line) + 1
    return len(doc.text)
