"""Meetings and forums (part of stage ``events``): talks between officials of two or a few states or a
bilateral mechanism; multilateral gatherings that convene or have a date, with their participants."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allied.model import Actor, Event, ForumRef, Mention, Span
from allied.news import compounds
from allied.news.arguments import actor, bilateral, is_defense, place_ref, unique_actors
from allied.news.names import Entity

if TYPE_CHECKING:
    from allied.news.extractor import Extractor, View


def meetings(ex: Extractor, v: View, sites: set[str]) -> list[Event]:
    trig = [m for m in ex.triggers(v, "meeting") if not ex.inside_mention(v, m) and not convened_by_forum(ex, v, m)]
    if ex.triggers(v, "convene"):
        forum_refs = ex.lex.find("anaphora", "forum", ex.doc.text, v.span.start, v.span.end)
        forum_refs = [f for f in forum_refs if not _with_counterpart(ex, f.end())]  # "the meeting between A and B"
        trig = [m for m in trig if not any(f.start() <= m.start() < f.end() for f in forum_refs)]
    mechanisms = [m for m in v.of("forum") if bilateral(ex.index, m.id)]
    out: list[Event] = []
    positions = [m.start() for m in trig] + [m.span.start for m in mechanisms]
    if not mechanisms:  # "한미 및 한일 국방장관회담", "日中国防相の会談": the states the meeting word names
        for pos in sorted(positions):
            joined = compounds.qualifying(ex.doc, ex.lex, v.mentions, pos, 24 if ex.lex.spaced else 8)
            if joined and not ex.blocked(v, pos):
                out += compound_meetings(ex, v, pos, joined, sites)
        if out:
            return out
    done = False
    for pos in sorted(positions):
        if ex.blocked(v, pos):
            return out
        if done:
            continue
        evs = meeting(ex, v, pos, mechanisms, sites)
        if evs:
            out += evs
            done = True
    return out


def meeting(ex: Extractor, v: View, pos: int, mechanisms: list[Mention], sites: set[str]) -> list[Event]:
    people = ex.people(v, v.span.start, v.span.end)
    if len({a.country for a in people}) < 2 and ex.traveller and not any(a.id == ex.traveller[0].id for a in people):
        counterpart = any(t.role == "counterpart" for t in v.of("title"))  # "ein Treffen mit dem Amtskollegen X"
        if ex.anaphora(v, v.span.start, v.span.end) or counterpart:
            people = unique_actors(ex.traveller[:1] + people)
    implied = ex.implied(v, pos) if len({a.country for a in people}) < 2 else []
    if implied and not any(a.id == implied[0].id for a in people):
        people = unique_actors(implied + people)
    forum = mechanisms[0] if mechanisms else sidelines_of(ex, v)
    countries = {a.country for a in people}
    if mechanisms:
        countries |= set(ex.index.forums[mechanisms[0].id].participants)
    reference = purpose = False
    anaphoric = ex.lex.find("anaphora", "talks", ex.doc.text, max(v.span.start, pos - 25), pos + 12)
    named = {m.country for m in v.of("person")}
    if ex.preceded("before", pos, 20) or (anaphoric and len(named) < 2):
        reference = True
    travel = any(ex.triggers(v, kind) for kind in ("visit", "arrival", "presence"))
    if travel and (
        ex.preceded("purpose", pos + 12, 20)
        or ex.lex.has("markers", "purpose", ex.doc.text, max(v.span.start, pos - 5), pos + 12)
    ):
        purpose = True  # the purpose of a trip told in the sentence ("arrived ... for talks with")
    unnamed: set[str] = set()
    if not people and not mechanisms and not reference:  # a gathering on whose sidelines they met leaves them
        unnamed = unnamed_participants(ex, v) or joined_states(ex, v, pos)  # defense titles: defense content
        countries |= unnamed
    extra = unnamed_counterparts(ex, v, people)
    countries |= set(extra)
    if len(countries) < 2 or not people and not forum and not countries:
        return [reference_meeting(ex, v, pos)] if reference and not people else []
    date = None if reference or purpose else ex.date_for(v, pos)
    if purpose and not reference:  # "to visit Washington, planning to meet Hegseth there on Thursday": its own day
        lo, hi = ex.clause(v, pos)
        own = [d for d in v.dates if d.precision == "day" and pos < d.span.start < hi and not ex.told_with_saying(v, d)]
        date = own[0] if own else None
    place = ex.venue(v, v.span.start, v.span.end, sites)
    groups: list[tuple[list[Actor], set[str]]] = [(g, set()) for g in split_counterparts(ex, v, people)]
    joint = ex.lex.has("markers", "joint_talks", ex.doc.text, v.span.start, v.span.end)
    if extra and not joint and len(groups) == 1 and len({a.country for a in people}) == 1:
        groups = [(people, {c}) for c in extra]  # "separate talks with his Dutch and U.S. counterparts": one each
    elif extra:
        groups = [(g, set(extra)) for g, _ in groups]
    out = []
    for group, more in groups:
        cs = {a.country for a in group} | (set(ex.index.forums[mechanisms[0].id].participants) if mechanisms else set())
        cs |= more | (set() if people else countries)  # a meeting of officials the text does not name
        ev = ex.new(
            "meeting",
            v,
            pos,
            group,
            {c for c in cs if re.fullmatch(r"[A-Z]{3}", c)},
            date,
            place=place_ref(place) if place else None,
            forum=ForumRef(forum.id, forum.name) if forum else None,
        )
        ev.cues.reference, ev.cues.purpose = reference, purpose
        ev.cues.defense = ev.cues.defense or bool(unnamed)
        out.append(ev)
    return out


def unnamed_counterparts(ex: Extractor, v: View, people: list[Actor]) -> list[str]:
    """ "with his Dutch and U.S. counterparts", "his counterparts from the US, Japan and Australia": the states of
    counterparts the text names by their state only, beyond those of the people named."""
    have = {a.country for a in people}
    out: list[str] = []
    for t in v.of("title"):
        joined = ex.coordinated_states(v, t)
        if t.role != "counterpart" and not (joined and is_defense(t.role)):
            continue  # "South Korean and Japanese defense chiefs will hold talks": both states, named or not
        states = [*([t.country] if t.country else []), *joined, *ex.states_after(v, t)]
        out += [c for c in states if c and c not in have and c not in out]
    return out


def _with_counterpart(ex: Extractor, pos: int) -> bool:
    """A meeting word followed by its participants ("the meeting between Ahn and Nakatani", "talks with") names
    talks, not the forum told before."""
    found = ex.lex.find("markers", "comitative", ex.doc.text, pos, min(len(ex.doc.text), pos + 12))
    return any(not ex.doc.text[pos : m.start()].strip() for m in found)


def convened_by_forum(ex: Extractor, v: View, trigger: re.Match[str]) -> bool:
    """A meeting verb right after a multilateral forum's name ("The Ukraine Defense Contact Group met") tells the
    forum convening, not talks of the people named beside it."""
    return any(0 <= trigger.start() - m.span.end <= 2 for m in v.of("forum") if not bilateral(ex.index, m.id))


def sidelines_of(ex: Extractor, v: View) -> Mention | None:
    """ "held talks ... on the sidelines of the ADMM-Plus", "am Rande des Nato-Gipfels": the multilateral forum
    named right after a sidelines phrase is the forum of the meeting held there (GUIDELINES §6 forum)."""
    for side in ex.lex.find("markers", "sidelines", ex.doc.text, v.span.start, v.span.end):
        for m in v.of("forum"):
            if side.end() <= m.span.start <= side.end() + 12 and not bilateral(ex.index, m.id):
                return m
        # "on the sidelines of the meeting": only a gathering has sidelines, so the forum told last
        after = [
            m
            for key in ("forum", "talks")
            for m in ex.lex.find("anaphora", key, ex.doc.text, side.start(), min(v.span.end, side.end() + 30))
        ]
        if ex.forum is not None and any(m.start() <= side.end() + 4 for m in after):
            hit = Span(after[0].start(), after[0].end(), after[0].group())
            return Mention(hit, "forum", ex.forum.id, ex.forum.name)
    return None


def compound_meetings(ex: Extractor, v: View, pos: int, joined: list[list[Mention]], sites: set[str]) -> list[Event]:
    """ "한미 및 한일 국방장관회담", "日中国防相の会談": one meeting per country compound that qualifies the
    meeting word, between the states it names; its people are those of these states named in the sentence,
    else (after a defense title) the one defense official of each state the text named before."""
    named = ex.people(v, v.span.start, v.span.end)
    defense_title = any(t.span.start <= pos and is_defense(t.role) for t in v.of("title"))
    named_defense = any(m.start() <= pos + 12 for m in ex.triggers(v, "defense_meeting"))  # "the Japan-Australia 2+2"
    reference = ex.preceded("before", pos, 20)
    date = None if reference else ex.date_for(v, pos)
    place = ex.venue(v, v.span.start, v.span.end, sites)
    out = []
    for group in joined:
        states = {m.country for m in group}
        people = [a for a in named if a.country in states]
        if defense_title:
            for c in sorted(states - {a.country for a in people}):
                known = {p.id: p for p in ex.persons if p.country == c and is_defense(ex.roles.get(p.id, ""))}
                people += list(known.values()) if len(known) == 1 else []
        ev = ex.new("meeting", v, pos, people, states, date, place=place_ref(place) if place else None)
        ev.cues.reference, ev.cues.defense = reference, defense_title or named_defense
        out.append(ev)
    return out


def unnamed_participants(ex: Extractor, v: View) -> set[str]:
    """ "The defense ministers of Japan and Australia met": the states of officials the text does not name."""
    titles = [t for t in v.of("title") if is_defense(t.role)]
    if not titles:
        return set()
    return {m.country for m in v.of("state") if m.country}


def joined_states(ex: Extractor, v: View, pos: int) -> set[str]:
    """ "South Korea and the United States agreed Tuesday ... during their annual defense talks": two or more
    states joined as the subject, before the meeting word in its sentence, are the meeting's participants."""
    titles = [t.span.start for t in v.of("title", "person", "organization")]
    states = [  # a state right before a title or a name qualifies it ("U.S. Defense Secretary")
        m
        for m in v.of("state")
        if m.span.end <= pos and m.role != "demonym" and m.country and not any(0 <= t - m.span.end <= 1 for t in titles)
    ]
    if len(states) < 2:
        return set()
    joiner = rf"\s*(?:,|(?:{ex.lex.alt('markers', 'conjunctions')}))\s*(?:(?:{ex.lex.alt('markers', 'articles')})\s+)?"
    chain = [states[0]]
    for m in states[1:]:
        if not re.fullmatch(joiner, ex.doc.text[chain[-1].span.end : m.span.start], re.I):
            break
        chain.append(m)
    if len(chain) < 2 or ex.blocked(v, pos):
        return set()
    return {m.country for m in chain}


def reference_meeting(ex: Extractor, v: View, pos: int) -> Event:
    ev = Event(type="meeting", evidence=[v.span])
    ev.cues.reference = ev.cues.anonymous = True
    return ev


def split_counterparts(ex: Extractor, v: View, people: list[Actor]) -> list[list[Actor]]:
    """ "talks with A ..., as well as meetings with B": one bilateral meeting per counterpart."""
    comitative = rf"(?<!\w)(?:{ex.lex.alt('markers', 'comitative')})(?!\w)"
    withs = re.findall(comitative, ex.text(v.span.start, v.span.end), re.I)
    if len(people) < 3 or len(withs) < 2:
        return [people]
    subject, others = people[0], people[1:]
    if len({a.country for a in others}) < len(others):
        return [people]
    return [[subject, o] for o in others if o.country != subject.country]


def forums(ex: Extractor, v: View) -> list[Event]:
    mentions = [m for m in v.of("forum") if not bilateral(ex.index, m.id)]
    convene = ex.triggers(v, "convene")
    if not convene:  # "The Ukraine Defense Contact Group met virtually": the gathering as the subject of a meeting verb
        convene = [t for t in ex.triggers(v, "meeting") if convened_by_forum(ex, v, t)]
    if not mentions and convene:
        ref = forum_anaphor(ex, v)
        if ref:
            mentions = [ref]
    out = []
    if not mentions and not convene:
        ref = forum_anaphor(ex, v)
        dated = ref is not None and ex.date_for(v, ref.span.end) is not None
        if ref and dated and ex.lex.has("markers", "future", ex.doc.text, v.span.start, v.span.end):
            mentions = [ref]  # "allies would agree ... at the summit in The Hague next week": the summit, planned
        elif ref:  # "delivered a speech at the forum", "attended the dialogue": more about the forum, and who was there
            present = ex.triggers(v, "attend") + ex.triggers(v, "communication")
            people = [actor(x) for x in v.of("person")] if present else []
            named = {x.country for x in v.of("state") if x.role != "modifier"}
            ev = Event(
                type="forum",
                actors=people,
                countries=sorted(named | {a.country for a in people}),
                forum=ForumRef(ref.id, ref.name),
                evidence=[v.span],
            )
            ev.cues.reference = True
            return [ev]
    present = ex.triggers(v, "attend") + ex.triggers(v, "communication")
    named = {x.country for x in v.of("state") if x.role != "modifier" and x.country}
    attended = [
        a
        for a in ex.triggers(v, "attend")
        if ex.lex.has("markers", "past", ex.doc.text, a.start(), min(v.span.end, a.end() + 3))  # "出席した"
        or ex.clause_tense(v, a.start()) == "past"
    ]
    described = bool(attended) and len(named) >= 2  # "日米中などが参加する拡大ASEAN国防相会議に出席した"
    for m in mentions:
        date = ex.date_for(v, m.span.end)
        later = [t for t in convene if t.start() >= m.span.end]
        if date is None and later:  # "the Shangri-La Dialogue in Singapore, which takes place from May 31 to June 2"
            date = ex.date_for(v, later[0].start())
        told = date and (present or ex.lex.has("markers", "future", ex.doc.text, v.span.start, v.span.end))
        # "delivered a speech at the Shangri-La Dialogue on Saturday": the forum's
        if not convene and not told and not described:
            continue
        if ex.blocked(v, m.span.start):
            continue
        lo, hi = v.span.start, v.span.end
        place = ex.venue(v, lo, hi)
        states = {x.country for x in v.of("state") if x.role != "modifier"}
        people = [actor(x) for x in v.of("person")] + [
            actor(x)
            for x in v.of("organization", "alliance")
            if x.id and x.role == "alliance" or x.kind == "alliance" and x.id
        ]
        if not states:
            states = (
                {p for p in ex.index.forums[m.id].participants if re.fullmatch(r"[A-Z]{3}", p)}
                if m.id in ex.index.forums
                else set()
            )
        states |= {a.country for a in people if a.kind == "person" and a.country}  # who spoke or attended
        out.append(
            ex.new(
                "forum",
                v,
                m.span.start,
                people,
                states | ({place.country} if place else set()),
                date,
                place=place_ref(place) if place else None,
                forum=ForumRef(m.id, m.name),
            )
        )
    return out


def unnamed_gatherings(ex: Extractor, v: View) -> list[Event]:
    """ "il vertice dei Ministri della Difesa del G7 a Napoli": a gathering the text describes without a name
    is a forum (forum null) when it convenes, is attended or has a date; its named participants take part."""
    if v.of("forum"):
        return []
    out = []
    found = [(m.start(), m.end()) for m in ex.triggers(v, "gathering")]
    if ex.triggers(v, "convene") or ex.triggers(v, "meeting"):  # "les ministres de la Défense de l'OTAN se réuniront"
        found += [
            (t.span.start, t.span.end)
            for t in v.of("title")
            if is_defense(t.role) and not t.country and ministerial_of(ex, v, t.span.start, t.span.end)
        ]
    for start, end in sorted(found):
        date = ex.date_for(v, end)
        if not (ex.triggers(v, "convene") or ex.triggers(v, "attend") or date) or ex.blocked(v, start):
            continue
        people = [actor(x) for x in v.of("person")]
        place = ex.venue(v, v.span.start, v.span.end)
        states = {x.country for x in v.of("state") if x.role != "modifier"} | {a.country for a in people}
        states |= {place.country} if place else set()
        ministerial = ministerial_of(ex, v, start, end)
        ev = ex.new(
            "forum",
            v,
            start,
            people,
            {s for s in states if s},
            date,
            place=place_ref(place) if place else None,
            forum=ForumRef(ministerial.id, ministerial.name) if ministerial else None,
        )
        out.append(ev)
        break
    return out


def ministerial_of(ex: Extractor, v: View, start: int, end: int) -> Entity | None:
    """ "la réunion des ministres de la Défense de l'OTAN", "spotkanie ministrów obrony NATO": a ministers'
    gathering of an organisation named right after (or before) it is that organisation's ministerial forum of
    the reference model ("NATO Defence Ministers' Meeting"), when it has one."""
    for m in v.of("organization", "alliance"):
        if not m.id or not (end <= m.span.start <= end + 25 or start - 3 <= m.span.end <= start):
            continue
        org = ex.index.orgs.get(m.id)
        if org is None:
            continue
        prefix = org.name.split(" (")[0].lower() + " "
        found = [
            f for f in ex.index.forums.values() if f.name.lower().startswith(prefix) and "minister" in f.name.lower()
        ]
        if len(found) == 1:
            return found[0]
    return None


def forum_anaphor(ex: Extractor, v: View) -> Mention | None:
    hit = ex.lex.find("anaphora", "forum", ex.doc.text, v.span.start, v.span.end)
    if not hit:
        return None
    ent = ex.forum or summit_of(ex, hit[0].group())
    if ent is None:
        return None
    return Mention(Span(hit[0].start(), hit[0].end(), hit[0].group()), "forum", ent.id, ent.name)


def summit_of(ex: Extractor, word: str) -> Entity | None:
    """ "der Gipfel"/"the summit" in a document about NATO: the NATO Summit."""
    if not ex.lex.find("anaphora", "summit", word):
        return None
    for m in ex.doc.mentions:
        if m.kind == "organization" and m.id:
            for f in ex.index.forums.values():
                if (
                    f.name.lower().startswith(ex.index.orgs[m.id].name.split(" (")[0].lower())
                    and "summit" in f.name.lower()
                ):
                    return f
    if ex.lex.has("alliance", "nato", ex.doc.text):
        return ex.index.forums.get("forum:nato-summit")
    return None
