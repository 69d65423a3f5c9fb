"""Datelines (stage ``dateline``): the place a report was filed from, printed before its first sentence.

"PANAMA CITY — ...", "Canberra [Australia], October 9 (ANI): ...", "Napoli, 20 ott. (askanews) – ...": a
place name at the start of one of the first body lines, an optional bracketed or comma-separated state or
region, an optional date and agency, then one of the pack's dateline separators. The place must be a city
the gazetteer knows (the most populous of that name, or the one in the state given). GUIDELINES §9:
"Datelines give the event place when nothing else is named"; the merge stage uses it that way.
"""

from __future__ import annotations

import re

from allied.model import Document, Mention, PlaceRef
from allied.news.lexicon import Lexicon
from allied.reference.gazetteer import Entry, lookup

FIRST_LINES = 3
MIN_POPULATION = 50_000


def _pattern(lex: Lexicon) -> re.Pattern[str] | None:
    key = "datelines.head"
    if key not in lex.patterns:
        ends = lex.alt("markers", "dateline_end")
        lex.patterns[key] = (
            re.compile(
                r"\s*(?P<place>[^\W\d_][\w.'’ -]{1,40}?)"
                r"(?:\s*\[(?P<state>[^\]]{2,40})\]|,\s*(?P<region>[^\W\d_][\w.'’ -]{1,30}?))?"
                r"(?:,\s*(?P<date>[^\W\d_]{2,12}\.?\s*\d{1,2}|\d{1,2}\.?\s*[^\W\d_]{2,12}\.?))?"
                r"\s*(?:\((?P<agency>[^)]{1,40})\))?"
                rf"\s*(?:{ends})\s"
            )
            if lex.words("markers", "dateline_end")
            else None
        )
    return lex.patterns[key]


def _city(name: str, hint: str | None) -> Entry | None:
    cities = [e for e in lookup(name) if e.kind == "city" and e.population >= MIN_POPULATION]
    if hint:
        states = {e.country for e in lookup(hint) if e.kind == "country"}
        cities = [e for e in cities if e.country in states] or cities
    return max(cities, key=lambda e: e.population) if cities else None


# "【クアラルンプール＝樋口貴仁】", "(서울=연합뉴스)": a bracket opening the line holds the place, an equals sign
# and the reporter or agency (the East Asian wire form; it needs no separator word)
BRACKETED = re.compile(r"\s*[【\[(（]\s*(?P<place>[^\W\d_][^\W\d_ ]{0,20}?)\s*[=＝][^】\]）)\n]{1,40}[】\]）)]")


def find_dateline(doc: Document, lex: Lexicon) -> tuple[PlaceRef, int, int] | None:
    """The dateline's place and the offsets of its head ("WASHINGTON (Reuters) -") in ``doc.text``."""
    pat = _pattern(lex)
    if "\n" not in doc.text:
        return None
    lines = [m for m in re.compile(r"[^\n]+").finditer(doc.text, doc.text.index("\n")) if m.group().strip()]
    for line in lines[:FIRST_LINES]:
        m = BRACKETED.match(doc.text, line.start(), line.end()) or (
            pat.match(doc.text, line.start(), line.end()) if pat else None
        )
        if not m:
            continue
        groups = m.groupdict()
        entry = _city(m.group("place").strip(), groups.get("state") or groups.get("region"))
        if entry is not None:
            return PlaceRef(entry.name, entry.country, entry.lat, entry.lon, entry.id, "city"), m.start(), m.end()
    return None


def without_dateline_places(doc: Document, start: int, end: int) -> list[Mention]:
    """The mentions less the places named in the dateline's head: where a report was filed is no place an event
    of the text is held at or a traveller goes to ("WASHINGTON (Reuters) - ... will travel to South Korea")."""
    return [m for m in doc.mentions if not (m.kind == "place" and start <= m.span.start < end)]
