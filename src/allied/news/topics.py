"""Topics (stage ``topics``): the guidelines' closed vocabulary, found through each language's keywords in
the sentences an event came from. A keyword inside a longer keyword of another tag counts only for the
longer one ("erweiterte Abschreckung" is extended deterrence, not also deterrence); a state that takes
part in the event is not its topic.
"""

from __future__ import annotations

from allied.model import Document, Event
from allied.news.lexicon import Lexicon

# GUIDELINES §6 topics that name a state, with that state's ISO3 code.
STATE_TOPICS = {"North Korea": "PRK", "China": "CHN", "Taiwan": "TWN", "Russia": "RUS", "Ukraine": "UKR"}


def topic_matches(doc: Document, lex: Lexicon, start: int, end: int) -> list[tuple[int, int, str]]:
    found = []
    for tag in lex.table("topics"):
        pat = lex.pattern("topics", tag)
        if pat is not None:
            found += [(m.start(), m.end(), tag) for m in pat.finditer(doc.text, start, end)]
    return [
        f
        for f in found
        if not any(o[0] <= f[0] and f[1] <= o[1] and (o[1] - o[0]) > (f[1] - f[0]) and o[2] != f[2] for o in found)
    ]


def topics_for(doc: Document, lex: Lexicon, event: Event) -> list[str]:
    hits: list[tuple[int, str]] = []
    for span in event.evidence:
        hits += [(s, tag) for s, _, tag in topic_matches(doc, lex, span.start, span.end)]
    tags = list(dict.fromkeys(tag for _, tag in sorted(hits)))
    return [t for t in tags if STATE_TOPICS.get(t) not in event.countries]


def assign_topics(doc: Document, lex: Lexicon, events: list[Event]) -> None:
    for e in events:
        e.topics = topics_for(doc, lex, e)
