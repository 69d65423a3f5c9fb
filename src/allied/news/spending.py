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
            found = pat.finditer(doc.text, span.start, span.end)
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
