"""The reader of one document's sentences (part of stage ``events``): the sentence view, the document memory
that anaphora need (the current traveller for "he"/"er", the last pair of officials for "the two sides", the
last multilateral forum for "the meeting"), the shared argument rules (clauses, dates, status, people,
places) and visits. Meetings and forums are read in ``gatherings``, announcements and statements in
``communications``; ``events`` runs them sentence by sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from allied.model import Actor, DateMention, Document, Event, ForumRef, Mention, Span
from allied.news.arguments import actor, bilateral, date_range, is_defense, place_ref, unique_actors
from allied.news.dates import clause as _clause_bounds
from allied.news.dates import tense
from allied.news.lexicon import Lexicon, canonical
from allied.news.names import Entity, NameIndex

STRONG_BREAK = re.compile(r";|\s[—–]\s|:\s")
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


SUBJECTS = ("person", "title", "organization", "alliance")


@dataclass
class Extractor:
    doc: Document
    lex: Lexicon
    index: NameIndex
    day: dt.date | None
    persons: list[Actor] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    traveller: list[Actor] = field(default_factory=list)
    subject: list[Actor] = field(default_factory=list)
    earlier: set[str] = field(default_factory=set)  # persons told before the current sentence
    forum: Entity | None = None
    events: list[Event] = field(default_factory=list)
    used_places: set[str] = field(default_factory=set)
    trip: bool = False
    cut_cache: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]], list[int]]] = field(default_factory=dict)

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
        cuts, quotes, outside = self._cuts(v)
        holding = [q for q in quotes if q[0] <= pos < q[1]]  # quotations never overlap: at most one
        if holding:  # inside a quotation its own commas cut too; the other quotations' commas are theirs
            q = holding[0]
            kept = sorted(outside + [c for c in cuts if q[0] <= c < q[1]])
        else:
            kept = outside  # a quotation's commas are its own
        # a cut at ``pos`` (a name ending at a comma) ends the clause the name is in
        i = bisect_left(kept, pos)
        return (kept[i - 1] if i else v.span.start), (kept[i] if i < len(kept) else v.span.end)

    def _cuts(self, v: View) -> tuple[list[int], list[tuple[int, int]], list[int]]:
        """A sentence's clause cuts, its quotations and the cuts outside every quotation, found once per
        sentence (a scan per trigger made one long sentence cost its length squared)."""
        key = (v.span.start, v.span.end)
        if key not in self.cut_cache:
            contrast = rf"[,;]|(?<!\w)(?:{self.lex.alt('markers', 'contrast')})(?!\w)"
            cuts = [v.span.start + m.start()
                    for m in re.finditer(contrast, self.doc.text[v.span.start : v.span.end], re.I)]
            quotes = quotations(self.doc.text, v.span.start, v.span.end)
            starts = [q[0] for q in quotes]
            outside = [c for c in cuts if not _inside(quotes, starts, c)]
            self.cut_cache[key] = (cuts, quotes, outside)
        return self.cut_cache[key]

    def blocked(self, v: View, pos: int) -> bool:
        """A hedge or a negation in the trigger's clause (a word inside a date, like the month "May", is none)."""
        lo, hi = self.clause(v, pos)
        sub_lo, sub_hi = _clause_bounds(self.doc.text, pos, pos + 1, v.span, self.lex)  # "told X that ... not"
        lo, hi = max(lo, sub_lo), min(hi, sub_hi)
        hi = self.second_verb(pos, hi)  # "is in India for a visit and will likely meet": the second verb's hedge
        found = self.lex.find("markers", "hedge", self.doc.text, lo, hi)
        found += self.lex.find("markers", "negation", self.doc.text, lo, hi)
        return any(not any(d.span.start <= m.start() < d.span.end for d in v.dates) for m in found)

    def triggers(self, v: View, kind: str) -> list[re.Match[str]]:
        return self.lex.find("triggers", kind, self.doc.text, v.span.start, v.span.end)

    def inside_mention(self, v: View, m: re.Match[str]) -> bool:
        return any(
            x.span.start <= m.start() and m.end() <= x.span.end and x.kind in ("forum", "organization")
            for x in v.mentions
        )

    def preceded(self, key: str, pos: int, reach: int = 30, section: str = "markers") -> bool:
        lo = max(0, pos - reach)
        det = f"{self.lex.alt('markers', 'articles')}|{self.lex.alt('markers', 'determiners')}"
        conj = self.lex.alt("markers", "conjunctions")
        gap = re.compile(rf"[\s,]*(?:(?:{det})\s+)?(?:\w+-\s+(?:{conj})\s+)?", re.I)
        found = self.lex.find(section, key, self.doc.text, lo, pos)
        return any(gap.fullmatch(self.doc.text, m.end(), pos) for m in found)

    def date_for(self, v: View, pos: int, communication: bool = False) -> DateMention | None:
        """The day or range in the trigger's clause, else in its part of the sentence unless it dates a
        communication there ("..., the ministry said on Friday"). A week ("this week") dates an event only when
        the sentence names no larger region the trip goes to ("reist diese Woche nach Asien, einschließlich
        Südkorea" dates the departure, not the stop)."""
        regions = any(m.kind == "place" and m.place_kind == "region" for m in v.mentions)
        days = [d for d in v.dates if d.precision == "day" or (d.precision == "week" and not regions)]
        quote = quotation(self.doc.text, v.span.start, v.span.end, pos)
        if quote is not None:  # told inside a quotation: only the quotation's own dates ("국방부는 22일 “…”")
            days = [d for d in days if quote[0] <= d.span.start < quote[1]]
        lo, hi = self.clause(v, pos)
        near = [d for d in days if lo <= d.span.start < hi and (communication or not self.told_with_saying(v, d))]
        if not near:
            lo, hi = self.window(v, pos)
            near = [d for d in days if lo <= d.span.start < hi and not self.dates_a_communication(v, d)]
        if not near and not communication:
            return self.reported_on(v, pos, days)
        return min(near, key=lambda d: abs(d.span.start - pos)) if near else None

    def reported_on(self, v: View, pos: int, days: list[DateMention]) -> DateMention | None:
        """ "Hegseth said Friday that he met Dong": a past event told in the complement of a dated saying
        without a date of its own took place by that day; its date is the saying's, flagged inferred
        (GUIDELINES §6: "after annual talks ... said on Tuesday")."""
        if self.clause_tense(v, pos) != "past":
            return None
        said = [d for d in days if d.precision == "day" and d.span.end <= pos and self.told_with_saying(v, d)]
        gap = self.doc.text[said[-1].span.end : pos] if said else ""
        if not said or not self.lex.has("markers", "subordinators", gap) or STRONG_BREAK.search(gap):
            return None
        return replace(said[-1], inferred=True)

    def told_with_saying(self, v: View, d: DateMention) -> bool:
        """ "The Pentagon announced on Tuesday that ...", "said Monday": a date right beside a verb of saying
        dates the saying, not what is said."""
        hosting = [(t.start(), t.end()) for t in self.triggers(v, "meeting")]
        for key in ("say", "announce"):
            for m in self.triggers(v, key):
                if (m.start(), m.end()) in hosting:  # "przyjął we wtorek ... ministra": received, not adopted
                    continue
                text = self.doc.text
                gap = text[m.end() : d.span.start] if m.end() <= d.span.start else text[d.span.end : m.start()]
                if not gap.strip():
                    return True
        return False

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
        ref = self.doc.reference_day
        if date and date.start and date.end and ref:  # a range around the reference day: tense decides
            if date.start > ref:
                return "planned", 2
            if date.end < ref or (date.start == date.end and self.clause_tense(v, pos) != "future"):
                return "occurred", 2  # on the reference day, "will hold" is still planned
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

    def second_verb(self, pos: int, hi: int) -> int:
        """Where a coordinated second predicate starts after ``pos`` ("... and will likely meet"), else ``hi``."""
        conj = re.compile(rf"\s(?:{self.lex.alt('markers', 'conjunctions')})\s", re.I).search(self.doc.text, pos, hi)
        return conj.start() if conj else hi

    def clause_tense(self, v: View, pos: int) -> str:
        lo, hi = _clause_bounds(self.doc.text, pos, pos + 1, v.span, self.lex)
        hi = self.second_verb(pos, hi)
        if self.lex.has("markers", "future", self.doc.text, lo, hi):
            return "future"
        if v.span.start == 0 and self.lex.has("markers", "headline_future", self.doc.text, lo, hi):
            return "future"  # the title line: "Defense chiefs to hold talks in Seoul on Monday"
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
            actors=unique_actors(actors),
            countries=sorted(c for c in countries if c),
            date=date_range(date),
            status=status,
            evidence=[v.span],
        )
        for k, val in kw.items():
            setattr(ev, k, val)
        ev.cues.certainty = strength
        ev.cues.lead = v.lead
        ev.cues.dated = bool(date and date.start)
        return ev

    # ----- who ------------------------------------------------------------------------------------
    def remember(self, v: View) -> None:
        named = v.of("person")
        self.earlier = {p.id for p in self.persons}
        for m in named:
            a = actor(m)
            self.roles[a.id] = m.role
            self.persons = [p for p in self.persons if p.id != a.id] + [a]

    def told(self, v: View, found: list[Event]) -> None:
        """After a sentence that told an event: the person it names first is the one the next sentences' "he",
        "elle" mean."""
        named = v.of("person")
        if named and found:
            self.subject = [actor(min(named, key=lambda m: m.span.start))]
        elif named and self.lex.cased:  # "German Defence Minister Boris Pistorius said ... He also met ...":
            first = min(named, key=lambda m: m.span.start)  # a sentence's subject is whom "he" means next
            before = self.doc.text[v.span.start : first.span.start]
            articles = self.lex.alt("markers", "articles")
            if re.fullmatch(rf"(?:(?:{articles})\s+)?(?:[A-Z][\w'’.-]*\s+)*", before):
                self.subject = [actor(first)]

    def people(self, v: View, lo: int, hi: int) -> list[Actor]:
        named = [m for m in v.of("person") if lo <= m.span.start < hi]
        found = [actor(m) for m in named]
        found += self.counterparts(v, lo, hi, found)
        found += self.described(v, lo, hi, named, found)
        first = named[0].span.start if named else hi
        subject = (
            self.anaphora(v, v.span.start, max(v.span.start, first - 3))
            if named or found
            else self.anaphora(v, lo, hi) or self.implied(v, hi)
        )
        return unique_actors(subject + found)

    def implied(self, v: View, pos: int) -> list[Actor]:
        """In a language that drops subjects (``pack.pro_drop``), a sentence that names no one before ``pos``
        ("Al día siguiente, se reunió con ...") goes on with the person told last."""
        if not self.lex.flag("pack", "pro_drop"):
            return []
        if any(m.kind in SUBJECTS and v.span.start <= m.span.start < pos for m in v.mentions):
            return []
        return self.traveller[:1] or self.subject

    def described(self, v: View, lo: int, hi: int, named: list[Mention], found: list[Actor]) -> list[Actor]:
        """ "le chef d'État français", "the South Korean minister": a title with a state and no name refers to
        the person of that state and office named before, when there is exactly one."""
        out = []
        for t in v.of("title"):
            if t.role in ("counterpart", "official") or not t.country or not (lo <= t.span.start < hi):
                continue
            if any(0 <= m.span.start - t.span.end <= 40 for m in named) or any(a.country == t.country for a in found):
                continue
            same = {
                p.id: p
                for p in self.persons
                if p.country == t.country
                and (is_defense(t.role) and is_defense(self.roles.get(p.id, "")) or self.roles.get(p.id) == t.role)
            }
            if len(same) == 1:
                out += list(same.values())
            elif not same and t.role == "defense" and not self.doc.reference_inferred:
                out += self.in_office(t.country)
                for c in self.coordinated_states(v, t):  # "U.S. and Chinese defense chiefs": each state's
                    if not any(a.country == c for a in [*found, *out]):
                        out += self.in_office(c)
        return out

    def coordinated_states(self, v: View, t: Mention) -> list[str]:
        """The states joined to a title's own state right before it ("U.S. and Chinese defense chiefs": USA)."""
        own = [m for m in v.of("state") if 0 <= t.span.start - m.span.end <= 2
               and re.fullmatch(r"\.?\s?", self.doc.text[m.span.end : t.span.start])]  # "U.S. counterparts"
        if not own:
            return []
        joiner = re.compile(rf"\.?\s*(?:,|(?:{self.lex.alt('markers', 'conjunctions')}))\s*", re.I)  # "U.S. and"
        out, edge = [], own[0].span.start
        for m in sorted((m for m in v.of("state") if m.span.end <= edge), key=lambda m: -m.span.start):
            if not joiner.fullmatch(self.doc.text, m.span.end, edge) or not m.country:
                break
            out.append(m.country)
            edge = m.span.start
        return out

    def states_after(self, v: View, t: Mention) -> list[str]:
        """The states listed right after a title ("counterparts from the US, Japan, Australia and New Zealand")."""
        joiner = re.compile(rf"\.?\s*(?:,|(?:{self.lex.alt('markers', 'conjunctions')}))\s*", re.I)
        origin, article = self.lex.alt("markers", "not_destination"), self.lex.alt("markers", "articles")
        lead = re.compile(rf"\s+(?:{origin})\s+(?:(?:{article})\s+)?", re.I)  # "from the
        out: list[str] = []
        edge = t.span.end
        for m in sorted((m for m in v.of("state") if m.span.start >= edge), key=lambda m: m.span.start):
            gap = lead if not out else joiner
            if not gap.fullmatch(self.doc.text, edge, m.span.start) or not m.country:
                break
            out.append(m.country)
            edge = m.span.end
        return out

    def in_office(self, country: str) -> list[Actor]:
        """GUIDELINES §9 "roles resolved to people only when unambiguous": the one defense minister of a state
        in office on the publication day ("la ministre française des Armées est attendue mercredi à Kiev")."""
        live = {e.id: e for e in self.index.officials if e.country == country and is_defense(e.role)}
        live = {k: e for k, e in live.items() if self.day and e.in_office(self.day)}
        if len(live) > 1:  # the minister, not the commanders ("the U.S. defense chief")
            commands = [w.casefold() for w in canonical()["defense_roles"]["commands"]]
            live = {k: e for k, e in live.items() if not any(w in e.role.casefold() for w in commands)}
        if len(live) != 1:
            return []
        [e] = live.values()
        return [Actor(e.id, e.name, "person", e.country)]

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
        # "Minister obrony narodowej Władysław Kosiniak-Kamysz": a title before a name refers to no one told
        titled = [
            t.span
            for t in v.of("title")
            if any(0 <= m.span.start - t.span.end <= 3 for m in v.of("person"))
        ]
        words = [
            m
            for m in self.lex.find("anaphora", "person", self.doc.text, lo, hi)
            if not any(s.start <= m.start() < s.end for s in titled)
        ]
        if words or self.lex.find("anaphora", "possessive", self.doc.text, lo, hi):
            earlier = [p for p in self.persons if p.id in self.earlier]
            return self.traveller[:1] or self.subject or earlier[-1:]
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
            conj, art = self.lex.alt("markers", "conjunctions"), self.lex.alt("markers", "articles")
            joins = rf"[\s,]*(?:(?:{conj})\s+)?(?:(?:{art})\s+)?"
            listed = prev is not None and bool(re.fullmatch(joins, gap, re.I))
            excluded = self.preceded("not_destination", m.span.start) or (listed and excluded_prev)
            excluded = excluded or self.subject_of_talks(v, lo, m)
            if prev is not None and groups and not excluded and _nested(prev, m, gap, self.lex):
                groups[-1].append(m)
            elif not excluded:
                groups.append([m])
            excluded_prev, prev = excluded, m
        self.used_places |= {m.id for g in groups for m in g}
        return [_representative(g, arrival) for g in groups]

    def subject_of_talks(self, v: View, lo: int, m: Mention) -> bool:
        """ "visit the United States for talks with his counterpart on North Korea": a state named after a topic
        word, once talks are told, is what they are about, not a stop."""
        if m.place_kind not in COUNTRY_LEVEL or not self.preceded("topic", m.span.start, 12):
            return False
        return any(lo <= t.start() < m.span.start for t in self.triggers(v, "meeting"))

    def possessor(self, m: Mention) -> bool:
        """ "Tokyo's alliance with Washington": a city told as a possessor or a partner stands for its state
        (metonymy), it is no venue."""
        clitic = self.lex.pattern("markers", "genitive_clitic")
        if m.place_kind == "city" and self.preceded("comitative", m.span.start, 12):
            return True  # "its alliance with Washington", "talks between Seoul and Tokyo": the states
        return m.place_kind == "city" and clitic is not None and clitic.match(self.doc.text, m.span.end) is not None

    def venue(self, v: View, lo: int, hi: int, sites: set[str] | None = None) -> Mention | None:
        cands = [
            m
            for m in self.places(v, lo, hi)
            if m.place_kind != "country" or self.preceded("locative", m.span.start, 12)
        ]
        cands = [m for m in cands if m.id not in (sites or set())]
        cands = [m for m in cands if not self.preceded("not_destination", m.span.start)]
        cands = [m for m in cands if not self.possessor(m)]
        if not cands:
            return None
        return min(
            cands, key=lambda m: (PLACE_RANK.get(m.place_kind, 3) != 1, PLACE_RANK.get(m.place_kind, 3), m.span.start)
        )

    # ----- the five event types -------------------------------------------------------------------
    def visits(self, v: View) -> list[Event]:
        presence = self.triggers(v, "presence")  # first: "is in India for a visit" is under way
        trig = [(m, False) for m in presence]
        trig += [(m, False) for m in self.triggers(v, "visit") if not self.inside_mention(v, m)]
        trig += [(m, True) for m in self.triggers(v, "arrival")]
        out: list[Event] = []
        seen_places: set[str] = set()
        for m, arrival in trig:
            if self.blocked(v, m.start()):
                continue
            lo, hi = self.window(v, m.start())
            places = self.destinations(v, lo, hi, arrival)
            self.trip = len({p.id or p.name for p in places}) > 1  # "the JSA at Panmunjom" is one stop
            days = [d for d in v.dates if d.precision == "day"]
            # a stop of a list is dated only by its own date: told right after each stop ("in Tokyo on 3 Nov.,
            # then in Seoul on 5 Nov."), or right before each when the first date comes between the verb and the
            # first stop ("le 3 novembre à Londres, puis le lendemain à Berlin")
            before = bool(places) and any(m.end() <= d.span.start < places[0].span.start for d in days)
            for i, place in enumerate(places):
                if place.id in seen_places:
                    continue
                ev = self.visit(v, m.start(), lo, hi, place, (-len(places), v.span.start, i))
                if ev and self.trip:
                    if before:
                        since = places[i - 1].span.end if i else m.end()
                        own = [d for d in days if since <= d.span.start < place.span.start]
                    else:
                        upto = places[i + 1].span.start if i + 1 < len(places) else hi
                        own = [d for d in days if place.span.end <= d.span.start < upto]
                    own = [d for d in own if not self.dates_a_communication(v, d)]  # "..., his office said Monday"
                    # "On November 3-4, he will visit A and attend B": a date told before the trigger dates them all
                    lead = [d for d in days if lo <= d.span.start and d.span.end <= m.start()]
                    ev.date = date_range(own[0]) if own else date_range(lead[-1]) if lead else None
                    if not own and self.clause_tense(v, place.span.start) == "future":
                        # "landed in Manila on Monday, the first stop of a trip that will also take him to Japan"
                        if lead and self.clause_tense(v, lead[-1].span.start) == "past":
                            ev.date = None
                        ev.status = "planned"
                    ev.cues.dated = ev.date is not None
                if ev and arrival:  # a guest received or arriving ("accueillera à Paris Umerov") travelled there
                    ev.cues.joint = False
                if ev and m in presence and ev.cues.certainty <= 1 and self.clause_tense(v, m.start()) == "present":
                    ev.status = "occurred"  # "is in India": the visit is under way
                if ev:
                    seen_places.add(place.id)
                    out.append(ev)
        out += self.stop_intro(v, seen_places)
        return out

    def visit(self, v: View, pos: int, lo: int, hi: int, place: Mention, order: tuple[int, int, int]) -> Event | None:
        actors = self.people(v, lo, hi) or self.people(v, v.span.start, v.span.end)
        visitors = [a for a in actors if a.country != place.country]
        if not visitors and place.place_kind in COUNTRY_LEVEL:
            return None  # no one travels to their own country
        # hosts beside the guests went there with them ("Ahn and Hegseth visited Pyeongtaek"); a hosting verb
        # ("accueillera à Paris Rustem Umerov", "received ... in Seoul") has the guest come to the host
        hosting = any(t.start() <= pos < t.end() for t in self.triggers(v, "meeting"))
        # the counterpart of the talks a trip is for ("travel to Tokyo for a meeting with Iwaya") stays home
        purposes = self.lex.find("markers", "purpose", self.doc.text, pos, v.span.end)
        talks = min((t.start() for t in purposes), default=v.span.end)
        before = {m.id for m in v.of("person") if m.span.start < talks}
        hosts = [a for a in actors if a not in visitors and (a.kind != "person" or a.id in before)]
        joint = bool(visitors) and bool(hosts) and not hosting
        if place.place_kind != "place":  # hosts in their own city or country are not visitors; at a site all are
            actors = visitors or actors  # a domestic trip keeps its travellers
        elif visitors:  # at a site too, the counterpart of the talks the trip is for receives the visitor there
            actors = [a for a in actors if a in visitors or a in hosts]
        if not actors:
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
            place=place_ref(place),
            forum=forum,
            order=order,
        )
        if place.place_kind in COUNTRY_LEVEL:
            ev.cues.stop = True
        ev.cues.joint = joint
        return ev

    def stop_intro(self, v: View, seen: set[str]) -> list[Event]:
        """ "In Japan wird er ...", "In Vietnam, he will ...": a trip stop introduced by its place."""
        head = re.match(rf"\s*(?:{self.lex.alt('markers', 'stop_intro')})\s+", self.text(v.span.start, v.span.end))
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
            place=place_ref(first),
            forum=self.attended_forum(v, v.span.start, v.span.end),
            order=(-1, v.span.start, 0),
        )
        if ev.status == "occurred" and ev.cues.certainty == 0:
            ev.status = "planned"
        return [ev]

    def attended_forum(self, v: View, lo: int, hi: int) -> ForumRef | None:
        """A multilateral gathering the traveller attends at this stop ("to attend ADMM-Plus")."""
        if not self.triggers(v, "attend"):
            return None
        for m in v.of("forum"):
            if (
                lo <= m.span.start < hi
                and not bilateral(self.index, m.id)
                and not self.preceded("after", m.span.start, 12)
            ):
                return ForumRef(m.id, m.name)
        return None

    def agenda(self, v: View) -> list[Event]:
        """ "The two ministers agreed to ...", "Im Mittelpunkt sollen ... stehen": more about the last event."""
        last = next(
            (e for e in reversed(self.events) if e.type in ("visit", "meeting", "forum") and not e.cues.reference),
            None,
        )
        if last is None or last.evidence[-1].start < v.span.start - 400:
            return []
        head = self.text(v.span.start, min(v.span.end, v.span.start + 40))
        pair = self.lex.find("anaphora", "pair", head) or self.lex.find("anaphora", "person", head)
        if not (pair or self.lex.has("markers", "agenda_lead", self.doc.text, v.span.start, v.span.end)):
            return []
        ev = Event(type=last.type, evidence=[v.span])
        ev.cues.reference = ev.cues.anonymous = True
        return [ev]


QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", "«": "»", "„": "“"}


@lru_cache(maxsize=512)  # read once per sentence: clause() asks for every trigger and date
def quotations(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotations of ``text[lo:hi]`` (typographic quotes, or pairs of straight double quotes), as the
    (start, end) of what they quote."""
    out = []
    i = lo
    while i < hi:
        ch = text[i]
        close = QUOTES.get(ch) or ('"' if ch == '"' else None)
        end = text.find(close, i + 1, hi) if close else -1
        if end > i:
            out.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return out


def _inside(quotes: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``quotes`` (sorted, not overlapping; ``starts`` their starts)."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and quotes[i][0] <= pos < quotes[i][1]


def quotation(text: str, lo: int, hi: int, pos: int) -> tuple[int, int] | None:
    """The quotation of ``text[lo:hi]`` that holds ``pos``, else None."""
    return next((q for q in quotations(text, lo, hi) if q[0] <= pos < q[1]), None)


def _nested(prev: Mention, m: Mention, gap: str, lex: Lexicon) -> bool:
    """ "Osan Air Base in South Korea", "Shinjuku Ward, Tokyo": the second place contains the first."""
    if prev.country != m.country or PLACE_RANK.get(m.place_kind, 3) < PLACE_RANK.get(prev.place_kind, 3):
        return False
    words = {w.lower() for w in lex.words("markers", "nested")}
    g = gap.strip().lower()
    nested = rf"(?:\w+\s*)?(?:{lex.alt('markers', 'nested')})(?:\s+(?:{lex.alt('markers', 'articles')}))?"
    return g in words or bool(re.fullmatch(nested, g, re.I))


def _representative(group: list[Mention], arrival: bool) -> Mention:
    if arrival and len(group) > 1:
        for kind in ("city", "country", "us_state"):
            for m in group:
                if m.place_kind == kind:
                    return m
    return group[0]
