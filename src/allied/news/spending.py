"""Spending phrases and the small look-ups the pledge rules share: where a text names defence spending, a
word list near a position, a figure's noun phrase and parentheses."""

from __future__ import annotations

import re

from allied.model import Document, Span
from allied.news.amounts import Figure
from allied.news.lexicon import Lexicon

_SPENDING: dict[str, tuple[re.Pattern[str], list[str]]] = {}


def spending_pattern(lex: Lexicon) -> tuple[re.Pattern[str], list[str]]:
    """All spending phrases in one regex (one group each, longest first) and what each one names."""
    if lex.language not in _SPENDING:
        rows = sorted(lex.rows("pledges", "spending"), key=lambda r: -len(r[0]))
        groups = []
        for i, (phrase, _) in enumerate(rows):
            pat = lex.compile([phrase])
            if pat is not None:
                groups.append(f"(?P<s{i}>{pat.pattern})")
        _SPENDING[lex.language] = (re.compile("|".join(groups), re.I), [w for _, w in rows])
    return _SPENDING[lex.language]


def _spending_parts(lex: Lexicon) -> list[tuple[str, str]]:
    """(anchor, group) of each spending phrase in the order of ``spending_pattern``: the phrase's longest
    word folded as the pack's automaton folds texts ('' where the automaton cannot rule the phrase out)."""
    key = "spending._parts"
    if key not in lex.derived:
        from allied.news.automaton import MIN_ANCHOR, MIN_ANCHOR_UNSPACED, anchor

        automaton, shortest = lex.automaton(), MIN_ANCHOR if lex.spaced else MIN_ANCHOR_UNSPACED
        rows = sorted(lex.rows("pledges", "spending"), key=lambda r: -len(r[0]))
        parts = []
        for i, (phrase, _) in enumerate(rows):
            pat = lex.compile([phrase])
            if pat is not None:
                word = anchor(phrase.strip())
                parts.append((automaton.fold(word) if len(word) >= shortest else "", f"(?P<s{i}>{pat.pattern})"))
        lex.derived[key] = parts
    return list(lex.derived[key])


def _spending_in(lex: Lexicon, text: str, span: Span) -> re.Pattern[str] | None:
    """The spending regex with only the phrases whose anchor stands in the span (None: none does). A phrase
    matches only where its anchor stands, so the others cannot match there and leaving them out changes no
    match; a regex of a few phrases runs many times faster than the one of every phrase (platform: speed)."""
    parts = _spending_parts(lex)
    folded = lex.automaton().fold(text[span.start : span.end])
    some = tuple(i for i, (word, _) in enumerate(parts) if not word or word in folded)
    if not some:
        return None
    cache = lex.derived.setdefault("spending._some", {})
    pat = cache.get(some)
    if pat is None:
        pat = re.compile("|".join(parts[i][1] for i in some), re.I)
        if len(cache) < 4096:  # a bound on the combinations kept
            cache[some] = pat
    return pat  # type: ignore[no-any-return]


_SPENT: dict[tuple[str, int, int], list[tuple[int, int, str]]] = {}  # per text: (language, start, end) -> found


_SPENT_TEXT: list[str] = [""]


def spending(doc: Document, lex: Lexicon, span: Span) -> list[tuple[int, int, str]]:
    """Spending phrases in the span with what they name ("Kernverteidigungsausgaben" -> core defense spending),
    read once per span of the current text."""
    if doc.text is not _SPENT_TEXT[0]:
        _SPENT.clear()
        _SPENT_TEXT[0] = doc.text
    key = (lex.language, span.start, span.end)
    if key not in _SPENT:
        pat, whats = spending_pattern(lex)
        if not lex.possible("pledges.spending", doc.text, span.start, span.end):  # no spending phrase's word there
            _SPENT[key] = []
        else:
            some = _spending_in(lex, doc.text, span)
            found = some.finditer(doc.text, span.start, span.end) if some is not None else iter(())
            _SPENT[key] = [(m.start(), m.end(), whats[int(str(m.lastgroup)[1:])]) for m in found]
    return list(_SPENT[key])


def near(lex: Lexicon, key: str, doc: Document, lo: int, hi: int) -> bool:
    return lex.has("pledges", key, doc.text, max(0, lo), hi)


def in_parentheses(doc: Document, f: Figure, span: Span) -> bool:
    """ "66.3 trillion won ($47.6 billion)", "US$40 billion [around NT$1.25 trillion]": a conversion."""
    before = doc.text[span.start : f.start]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def starts_spending(lex: Lexicon, text: str) -> bool:
    return bool(spending_pattern(lex)[0].match(text.lstrip()))


def after_word(doc: Document, lex: Lexicon, key: str, at: int) -> bool:
    before = doc.text[max(0, at - 24) : at]
    return bool(re.search(rf"(?<!\w)(?:{lex.alt('pledges', key)})\s*$", before, re.I))


def outside_parentheses(doc: Document, sent: Span, found: list[re.Match[str]]) -> list[re.Match[str]]:
    out = []
    for m in found:
        before = doc.text[sent.start : m.start()]
        if before.count("(") <= before.count(")") and before.count("[") <= before.count("]"):
            out.append(m)
    return out


def phrase_end(doc: Document, f: Figure, sent: Span) -> int:
    """Where the figure's noun phrase ends: 40 characters on, cut at a clause mark outside a conversion's
    parentheses."""
    end = min(sent.end, f.end + 40)
    depth = 0
    for i in range(f.end, end):
        ch = doc.text[i]
        depth += ch in "([" and 1 or (ch in ")]" and -1 or 0)
        if depth <= 0 and ch in ",;:.":
            return i
    return end


_FIRST: dict[str, tuple[str, int | None]] = {}  # language -> (the text last read, its first spending phrase)


def first_spending(doc: Document, lex: Lexicon) -> int | None:
    """Where the text first names defence spending (one scan per text, not one per sentence)."""
    memo = _FIRST.get(lex.language)
    if memo is None or memo[0] is not doc.text:
        found = spending(doc, lex, Span(0, len(doc.text), ""))
        memo = (doc.text, found[0][0] if found else None)
        _FIRST[lex.language] = memo
    return memo[1]


def before_cue(doc: Document, lex: Lexicon, at: int) -> bool:
    cues = lex.pattern("pledges", "cues")
    return bool(cues and cues.match(doc.text, at + (1 if lex.spaced else 0)))
