"""Country compounds (part of stage ``mentions``): "한미일", "日米豪", "中美", "한·미" name several states at once.

Korean, Japanese and Chinese join one-character short forms of states into one word that qualifies what
follows ("한미 국방장관회담" is a meeting of the two ministers, "日米中などが参加する" names participants). The
short forms are the pack's ``names.state_abbreviations``; a compound is a run of two or more of them naming
at least two different states, optionally joined by ``names.compound_joiners`` ('·'). A run does not count
after a digit or a numeral ("１日中" is "all day", not Japan-China), when it does not begin a word of the
pack's segmenter (the "중일" of "집중일"), or when it begins one of ``names.not_compounds`` ("中美洲",
Central America). Each part becomes a state mention with role ``compound``: a participant, never a place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from allied.model import Document, Mention, Span
from allied.news import segment
from allied.news.lexicon import Lexicon, han_variants
from allied.news.names import Entity, NameIndex

ROLE = "compound"


def _pattern(lex: Lexicon) -> re.Pattern[str] | None:
    key = "compounds.run"
    if key not in lex.patterns:
        abbr = sorted(lex.table("names", "state_abbreviations"), key=len, reverse=True)
        joiners = lex.words("names", "compound_joiners")
        if not abbr:
            lex.patterns[key] = None
        else:
            part = "|".join(re.escape(a) for a in abbr)
            join = "|".join(re.escape(j) for j in joiners)
            gap = f"(?:{join})?" if join else ""
            body = f"(?:{part})(?:{gap}(?:{part}))+"
            lex.patterns[key] = re.compile(han_variants(body) if lex.flag("pack", "han_variants") else body)
    return lex.patterns[key]


def _parts(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    key = "compounds.parts"
    if key not in lex.patterns:
        table = lex.table("names", "state_abbreviations")
        han = lex.flag("pack", "han_variants")
        lex.patterns[key] = [  # type: ignore[assignment]
            (re.compile(han_variants(re.escape(a)) if han else re.escape(a)), iso3)
            for a, iso3 in sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)
        ]
    return lex.patterns[key]  # type: ignore[return-value]


_STATES: dict[int, dict[str, Entity]] = {}


def _state_entities(index: NameIndex) -> dict[str, Entity]:
    found = _STATES.get(id(index))
    if found is None:
        found = _STATES[id(index)] = {e.id: e for ents in index.names.values() for e in ents if e.kind == "state"}
    return found


def find(doc: Document, lex: Lexicon, index: NameIndex, sent: Span) -> list[Mention]:
    """The parts of every country compound in the sentence, as state mentions with role ``compound``."""
    pat = _pattern(lex)
    if pat is None:
        return []
    text = doc.text
    numerals = set(lex.table("pack", "numerals"))
    exclusions = lex.pattern("names", "not_compounds")
    starts: set[int] | None = None
    out: list[Mention] = []
    for m in pat.finditer(text, sent.start, sent.end):
        before = text[m.start() - 1 : m.start()]
        if before and (before.isdigit() or before in numerals):
            continue
        if exclusions is not None and exclusions.match(text, m.start()):
            continue
        if lex.text("pack", "segmenter"):
            if starts is None:
                starts = {t.start for t in segment.tokens(lex, text, sent.start, sent.end)}
            if m.start() not in starts:
                continue
        parts = _split(lex, m.start(), m.end(), text)
        if len({iso3 for _, _, iso3 in parts}) < 2:
            continue
        states = _state_entities(index)
        for s, e, iso3 in parts:
            ent = states.get(iso3)
            if ent is not None:
                span = doc.span(s, e)
                out.append(
                    Mention(span, "state", ent.id, ent.name, iso3, ROLE, ent.lat, ent.lon, "country", ent.source)
                )
    return out


def _split(lex: Lexicon, start: int, end: int, text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = start
    joiners = lex.words("names", "compound_joiners")
    while pos < end:
        for j in joiners:
            if text.startswith(j, pos):
                pos += len(j)
                break
        for p, iso3 in _parts(lex):
            hit = p.match(text, pos, end)
            if hit:
                out.append((pos, hit.end(), iso3))
                pos = hit.end()
                break
        else:
            pos += 1
    return out


def joined_by_marks(doc: Document, lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """In a script with spaces, states written together with a compound joiner ("Japan-Australia 2+2", "U.S.-Japan
    talks"; ``names.compound_joiners``) are one compound too: participants, never a place."""
    joiners = set(lex.words("names", "compound_joiners"))
    if not lex.spaced or not joiners:
        return mentions
    states = [i for i, m in enumerate(mentions) if m.kind == "state"]
    joined: set[int] = set()
    for a, b in zip(states, states[1:], strict=False):
        if doc.text[mentions[a].span.end : mentions[b].span.start] in joiners:
            joined |= {a, b}
    return [replace(m, role=ROLE) if i in joined else m for i, m in enumerate(mentions)]


def groups(doc: Document, lex: Lexicon, mentions: list[Mention]) -> list[list[Mention]]:
    """The compounds among a sentence's mentions: runs of adjacent ``compound`` states."""
    joiners = set(lex.words("names", "compound_joiners"))
    out: list[list[Mention]] = []
    for m in sorted((x for x in mentions if x.kind == "state" and x.role == ROLE), key=lambda x: x.span.start):
        prev = out[-1][-1] if out else None
        gap = doc.text[prev.span.end : m.span.start] if prev is not None else None
        if gap is not None and (gap == "" or gap in joiners):
            out[-1].append(m)
        else:
            out.append([m])
    return out


PUNCT = re.compile(r"[,.;:!?，。、；：！？“”「」『』\"'()（）\[\]【】]")


def qualifying(doc: Document, lex: Lexicon, mentions: list[Mention], pos: int, reach: int = 8) -> list[list[Mention]]:
    """The compounds that qualify the word at ``pos`` ("한미 및 한일 국방장관회담"): the last one ends at most
    ``reach`` characters before it (titles not counted), and each earlier one is joined to the next by a
    conjunction."""
    found = [g for g in groups(doc, lex, mentions) if g[-1].span.end <= pos]
    if not found:
        return []
    titles = [m for m in mentions if m.kind == "title" and found[-1][-1].span.end <= m.span.start < pos]
    gap = doc.text[found[-1][-1].span.end : pos]
    for t in sorted(titles, key=lambda t: -t.span.start):
        gap = gap.replace(t.span.text, "")
    if len(gap.strip()) > reach or PUNCT.search(gap):
        return []
    out = [found[-1]]
    conj = lex.pattern("markers", "conjunctions")
    for g in reversed(found[:-1]):
        between = doc.text[g[-1].span.end : out[0][0].span.start].strip()
        if not (between and conj is not None and conj.fullmatch(between)) and between not in ("、", ",", "，"):
            break
        out.insert(0, g)
    return out
