"""Topics (stage ``topics``): the guidelines' closed vocabulary, found through each language's keywords in
the sentences an event came from. A keyword inside a longer keyword of another tag counts only for the
longer one ("erweiterte Abschreckung" is extended deterrence, not also deterrence); a state that takes
part in the event is not its topic.
"""

from __future__ import annotations

import re

from allied.model import Document, Event, Span
from allied.news.lexicon import Lexicon

# GUIDELINES §6 topics that name a state, with that state's ISO3 code.
STATE_TOPICS = {"North Korea": "PRK", "China": "CHN", "Taiwan": "TWN", "Russia": "RUS", "Ukraine": "UKR"}


def _pattern(lex: Lexicon) -> re.Pattern[str]:
    """All tags' keywords in one regex, one named group per tag, longest keywords first."""
    cached = lex.patterns.get("topics._all")
    if cached is None:
        groups = []
        tags = list(lex.table("topics"))
        for i, tag in enumerate(tags):
            pat = lex.pattern("topics", tag)
            if pat is not None:
                groups.append((max(len(w) for w in lex.table("topics")[tag]), f"(?P<t{i}>{pat.pattern})"))
        cached = re.compile("|".join(g for _, g in sorted(groups, reverse=True)), re.IGNORECASE)
        lex.patterns["topics._all"] = cached
    return cached


Memo = dict[tuple[int, int], list[tuple[int, int, str]]]


def topic_matches(doc: Document, lex: Lexicon, start: int, end: int, memo: Memo) -> list[tuple[int, int, str]]:
    """(start, end, tag) of every topic keyword in the span (memoised per span in ``memo``)."""
    if (start, end) not in memo:
        tags = list(lex.table("topics"))
        run = lex.possible("topics._all", doc.text, start, end)  # no topic's word in the span: nothing to run
        memo[(start, end)] = [
            (m.start(), m.end(), tags[int(str(m.lastgroup)[1:])])
            for m in (_pattern(lex).finditer(doc.text, start, end) if run else ())
            if m.lastgroup
        ]
    return list(memo[(start, end)])


def topics_for(doc: Document, lex: Lexicon, event: Event, memo: Memo | None = None) -> list[str]:
    hits: list[tuple[int, str]] = []
    memo = {} if memo is None else memo
    for span in event.evidence:
        hits += [(s, tag) for s, _, tag in topic_matches(doc, lex, span.start, span.end, memo)]
    for span in _referred(doc, lex, event) if not hits else []:
        hits += [(s, tag) for s, _, tag in topic_matches(doc, lex, span.start, span.end, memo)]
    tags = list(dict.fromkeys(tag for _, tag in sorted(hits)))
    return [t for t in tags if STATE_TOPICS.get(t) not in event.countries]


def _referred(doc: Document, lex: Lexicon, event: Event) -> list[Span]:
    """ "Cette annonce a été faite lors de la visite ...": an event told in a sentence that opens with a
    demonstrative and names no subject of its own takes the subject of the sentence it refers to."""
    if not event.evidence:
        return []
    first = event.evidence[0]
    if not lex.find("anaphora", "demonstrative", doc.text, first.start, min(first.end, first.start + 8)):
        return []
    before = [s for s in doc.sentences if s.end <= first.start]
    return before[-1:]


def assign_topics(doc: Document, lex: Lexicon, events: list[Event]) -> None:
    memo: Memo = {}
    for e in events:
        e.topics = topics_for(doc, lex, e, memo)
