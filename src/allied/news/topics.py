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


def _groups(lex: Lexicon) -> list[tuple[str, str]]:
    """(tag, named group) of every tag with keywords, the tags with the longest keywords first."""
    cached = lex.derived.get("topics._groups")
    if cached is None:
        groups = []
        tags = list(lex.table("topics"))
        for i, tag in enumerate(tags):
            pat = lex.pattern("topics", tag)
            if pat is not None:
                groups.append((max(len(w) for w in lex.table("topics")[tag]), f"(?P<t{i}>{pat.pattern})", tag))
        cached = [(tag, group) for _, group, tag in sorted(groups, reverse=True)]
        lex.derived["topics._groups"] = cached
    return list(cached)


def _pattern(lex: Lexicon, tags: frozenset[str] | None = None) -> re.Pattern[str]:
    """The keywords of ``tags`` (all tags if None) in one regex, one named group per tag, longest keywords
    first. Leaving out a tag none of whose keywords can stand in a span gives the same matches there as
    the regex of all tags, which is why the span's own tags are enough (``topic_matches``)."""
    key = "topics._all" if tags is None else "topics._some"
    if tags is None:
        cached = lex.patterns.get(key)
    else:
        some = lex.derived.setdefault(key, {})
        cached = some.get(tags)
    if cached is None:
        cached = re.compile(
            "|".join(g for tag, g in _groups(lex) if tags is None or tag in tags) or "(?!)", re.IGNORECASE
        )
        if tags is None:
            lex.patterns[key] = cached
        elif len(some) < 4096:  # a bound on the combinations kept (a pack has a few dozen tags)
            some[tags] = cached
    return cached


def _present(lex: Lexicon, text: str) -> list[str]:
    """The tags whose keywords may stand somewhere in ``text`` (the automaton's anchors; once per text)."""
    seen = lex.derived.get("topics._present")
    if seen is None or seen[0] is not text:
        seen = (text, [tag for tag, _ in _groups(lex) if lex.possible(f"topics.{tag}", text)])
        lex.derived["topics._present"] = seen
    return list(seen[1])


Memo = dict[tuple[int, int], list[tuple[int, int, str]]]


def topic_matches(doc: Document, lex: Lexicon, start: int, end: int, memo: Memo) -> list[tuple[int, int, str]]:
    """(start, end, tag) of every topic keyword in the span (memoised per span in ``memo``). The regex run
    holds only the tags with a keyword's anchor in the span: the others cannot match there."""
    if (start, end) not in memo:
        tags = list(lex.table("topics"))
        run = lex.possible("topics._all", doc.text, start, end)  # no topic's word in the span: nothing to run
        some = frozenset(t for t in _present(lex, doc.text) if lex.possible(f"topics.{t}", doc.text, start, end))
        memo[(start, end)] = [
            (m.start(), m.end(), tags[int(str(m.lastgroup)[1:])])
            for m in (_pattern(lex, some).finditer(doc.text, start, end) if run and some else ())
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
