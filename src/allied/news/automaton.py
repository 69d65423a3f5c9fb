"""One Aho–Corasick automaton per language pack: where the words of every word list can stand in a text.

A word list is matched by its regular expression (``lexicon.word_pattern``: word boundaries, 'word*'
continuations, ' * ' gaps, spaced or not, Chinese characters in either form). Running each list's regex
over each sentence is most of the cost of reading, and most of those runs find nothing. So every phrase
gives one *anchor*, its longest literal word: a text can hold a match of the phrase only where it holds
that word. The anchors of all the pack's lists are one automaton (``ahocorasick_rs``), built once per pack;
one pass over a text gives, for each list, the places of its anchors, and a list whose anchors do not occur
in a span is not run there. Where an anchor occurs, the list's own regex decides, so every match is the
one the regex gives (same boundaries, case rules and variants).

Anchors and texts are compared in a *folded* form of one character per character (offsets stay those of
the text): lower case with the regex engine's own case equivalences (``ſ`` = ``s``, ``ς`` = ``σ``), both
apostrophes as one, and, where the pack has ``han_variants``, a Chinese character's simplified and
traditional forms as one. Folding only ever joins characters the regex treats as equal (and a few more),
so a skipped run could never have matched.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick_rs

QUOTES = {ord("’"): "'"}
MIN_ANCHOR = 3  # the shortest anchor worth looking for in a spaced script (shorter ones are everywhere)
MIN_ANCHOR_UNSPACED = 2  # ... and in a script without spaces, where a word is one to three characters
MEMO_TEXTS = 4  # texts whose anchor places are kept (a document, and short phrases looked up meanwhile)


CASED_BELOW = 0x20000  # every character that has a lower-case form lies below this (Unicode 15)


@lru_cache(maxsize=1)
def case_table() -> dict[int, int]:
    """code point -> folded code point, for every character folding changes: its simple lower case, joined
    with the lower-case forms the regex engine also takes as equal under IGNORECASE (``re._casefix``)."""
    import _sre
    from re import _casefix  # type: ignore[attr-defined]

    lower = _sre.unicode_tolower
    # one representative per group, a letter where the group has one ('ι' for 'ι', 'ͅ', 'ι')
    rep = {
        lo: min((lo, *extra), key=lambda c: (not chr(c).isalnum(), c)) for lo, extra in _casefix._EXTRA_CASES.items()
    }
    out: dict[int, int] = {}
    for cp in range(CASED_BELOW):
        lo = lower(cp)
        key = rep.get(lo, lo)
        if key != cp:
            out[cp] = key
    return out


def _han_groups(chars: Iterable[str]) -> dict[int, str]:
    """Each Chinese character of the anchors with its simplified and traditional forms, joined into one."""
    from allied.news.lexicon import HAN, _variant_converters

    converters = _variant_converters()
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for c in chars:
        if HAN.fullmatch(c):
            for other in {conv.convert(c) for conv in converters} - {"", c}:
                if len(other) == 1:
                    a, b = sorted((root(c), root(other)))
                    parent[b] = a
    return {ord(c): root(c) for c in parent if root(c) != c}


def anchor(phrase: str) -> str:
    """The longest literal word of a word-list phrase ('word*', '*word' and ' * ' gaps stripped); '' if none."""
    words = [tok.strip("*") for tok in phrase.split() if tok != "*"]
    return max(words, key=len, default="")


@dataclass
class Hits:
    """Places of the anchors of each list in one text: sorted starts and the matching ends."""

    starts: dict[str, list[int]] = field(default_factory=dict)
    ends: dict[str, list[int]] = field(default_factory=dict)


class Automaton:
    """The anchors of a pack's word lists (name -> phrases) in one automaton."""

    def __init__(self, lists: Mapping[str, Iterable[str]], spaced: bool = True, variants: bool = False) -> None:
        phrases = {name: [p.strip() for p in words if p.strip()] for name, words in lists.items()}
        raw = {name: [anchor(p) for p in ps] for name, ps in phrases.items()}
        self.table: dict[int, int | str] = dict(case_table())
        self.table.update(QUOTES)
        if variants:
            self.table.update(_han_groups({c for anchors in raw.values() for a in anchors for c in a}))
        # a list with a phrase without a literal word ('*') can match anywhere, and one with a short word
        # ('in', 'a', '在') stands in most sentences: such a list is always run, the automaton leaves it out
        shortest = MIN_ANCHOR if spaced else MIN_ANCHOR_UNSPACED
        self.open = {name for name, anchors in raw.items() if any(len(a) < shortest for a in anchors)}
        owners: dict[str, set[str]] = {}
        for name, anchors in raw.items():
            if name not in self.open:
                for a in anchors:
                    owners.setdefault(self.fold(a), set()).add(name)
        self.names = set(raw)
        self.held = self.names - self.open  # the lists the automaton can rule out
        self.patterns = sorted(owners)
        self.owners = [tuple(sorted(owners[p])) for p in self.patterns]
        self.matcher = ahocorasick_rs.AhoCorasick(self.patterns) if self.patterns else None
        self._memo: list[tuple[str, Hits]] = []

    def fold(self, text: str) -> str:
        return text.translate(self.table)

    def hits(self, text: str) -> Hits:
        """The anchors' places in ``text`` (memoised for the last few texts)."""
        memo = self._memo
        if memo and memo[0][0] is text:
            return memo[0][1]
        for seen, hits in memo:
            if seen is text:
                return hits
        found: dict[str, list[tuple[int, int]]] = {}
        if self.matcher is not None:
            for pid, start, end in self.matcher.find_matches_as_indexes(self.fold(text), overlapping=True):
                for name in self.owners[pid]:
                    found.setdefault(name, []).append((start, end))
        hits = Hits()
        for name, places in found.items():
            places.sort()
            hits.starts[name] = [s for s, _ in places]
            hits.ends[name] = [e for _, e in places]
        self._memo = [(text, hits), *self._memo[: MEMO_TEXTS - 1]]
        return hits

    def possible(self, name: str, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether the list ``name`` may match inside ``text[start:end]``: one of its anchors lies there
        (always true for a list the automaton does not hold or cannot rule out)."""
        if name not in self.held:
            return True
        hits = self.hits(text)
        starts = hits.starts.get(name)
        if not starts:
            return False
        stop = len(text) if end is None else end
        ends = hits.ends[name]
        i = bisect.bisect_left(starts, start)
        n = len(starts)
        while i < n and starts[i] < stop:
            if ends[i] <= stop:
                return True
            i += 1
        return False
