"""What a figure in a pledge sentence is not (GUIDELINES §7, §9): a baseline or a level reached, a current
level, a part of a budget, a demand on others, an estimate, a standard compared with, a refused or negated
commitment."""

from __future__ import annotations

import re

from allied.model import Document, Pledge, Span
from allied.news import spans
from allied.news.amounts import Figure, alternation, figures
from allied.news.lexicon import Lexicon
from allied.news.spending import after_word, in_parentheses, near, outside_parentheses, phrase_end, spending


def baseline(doc: Document, lex: Lexicon, f: Figure, figs: list[Figure]) -> bool:
    """ "from 4.1 percent to 5 percent", "to 3.32 %, up from 2.45 %": a figure after a baseline word, told
    beside a figure of the same kind after a target word, is where spending starts, not what is pledged."""
    if not after_word(doc, lex, "baseline", f.start):
        return False
    return any(g is not f and g.kind == f.kind and after_word(doc, lex, "target", g.start) for g in figs)


def past(doc: Document, lex: Lexicon, f: Figure, sent: Span, figs: list[Figure]) -> bool:
    """ "Belgium, which spent 1.3 % of GDP last year, ...": a level reached, told in the figure's own clause
    between the figures beside it."""
    from allied.news.dates import clause

    lo, hi = clause(doc.text, f.start, f.end, sent, lex)
    lo = max([lo] + [g.end for g in figs if g.end <= f.start])
    hi = min([hi] + [g.start for g in figs if g.start >= f.end])
    # "an extra $4 billion spent on defence": a participle right after the amount tells what it is spent on;
    # "up from", "compared to" name the level before them, not the figure they follow ("18% ... compared to")
    return any(m.start() > f.end + 1 or m.end() <= f.start for m in lex.find("pledges", "past", doc.text, lo, hi))


def own_demand(doc: Document, lex: Lexicon, sent: Span, country: str) -> bool:
    """ "Le président Emmanuel Macron a demandé une augmentation de 3,5 milliards": a demand made by the
    pledging state's own official (the name right before the demand word) asks its own government."""
    found = lex.find("pledges", "demand", doc.text, sent.start, sent.end)
    if not found:
        return False
    before = [m for m in spans.between(doc.mentions, sent.start, found[0].start()) if m.kind in ("person", "state")]
    if not before or before[-1].country != country or found[0].start() - before[-1].span.end > 12:
        return False
    # asked of nobody else: no state or alliance between the demand and the amount ("bestehen darauf, dass die
    # Nato-Partner ... zwei Prozent" asks the allies)
    figs = figures(doc, lex, sent)
    end = figs[0].start if figs else sent.end
    others = [
        m
        for m in spans.between(doc.mentions, found[0].end(), end)
        if m.kind in ("state", "alliance") or (m.kind == "organization" and m.country != country)
    ]
    return not others and not lex.has("alliance", "words", doc.text, found[0].end(), end)


def demanded_clause(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """A figure in the clause a demand word introduces ("insist that the allies invest 2 %") or governs ("urged
    Tokyo to raise defense spending to 3.5 %"): a demand word before the figure, then a subordinating word or
    no clause mark, and no contrast between."""
    found = lex.find("pledges", "demand", doc.text, sent.start, f.start)
    if not found:
        return False
    between = doc.text[found[-1].end() : f.start]
    contrast = lex.pattern("markers", "contrast")
    if contrast is not None and contrast.search(between):
        return False
    subordinate = lex.pattern("markers", "subordinators")
    if subordinate is not None and subordinate.search(between):
        return True
    return not re.search(r"[,;:.()]", between)  # "Washington has urged Tokyo to raise defense spending to 3.5%"


def part_after(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """A part word after the amount in its clause, where the language puts it there ("... sind dabei ...")."""
    from allied.news.dates import clause

    _, hi = clause(doc.text, f.start, f.end, sent, lex)
    m = lex.find("pledges", "part", doc.text, f.end, min(hi, f.end + 12))
    return bool(m)


def joined_current(doc: Document, lex: Lexicon, prev: Figure, f: Figure, sent: Span) -> bool:
    """A figure joined by a conjunction to the one before it, in one clause, shares that figure's current-level
    word ("this year's 62 billion and 24 billion")."""
    gap = doc.text[prev.end : f.start]
    if len(gap) > 60 or re.search(r"[,;:.]", gap) or not lex.has("markers", "conjunctions", gap):
        return False
    return near(lex, "current", doc, max(sent.start, prev.start - 30), prev.start)


def listed_part(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """ "The 2026 defence budget, however, includes NT$135.9 billion in spending on the Coast Guard": an amount
    after 'includes' in its clause is a part of the budget, unless defence spending is what names it ("...
    includes 8.7 trillion yen in defence spending")."""
    from allied.news.dates import clause

    lo, _ = clause(doc.text, f.start, f.end, sent, lex)
    if not lex.has("pledges", "whole", doc.text, max(lo, f.start - 30), f.start):
        return False
    return not spending(doc, lex, Span(f.end, phrase_end(doc, f, sent), ""))


def current_sentence(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "Currently, only five NATO member states allocate more than 3 % ...": a current-level word opening the
    sentence before a comma tells levels of now for all of it."""
    words = lex.words("pledges", "current")
    if not words:
        return False
    pat = lex.pattern("pledges", "current")
    m = pat.match(doc.text, sent.start) if pat is not None else None
    return bool(m and re.match(r"\s*,", doc.text[m.end() : m.end() + 3]))


def compared_standard(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """ "... to 2.5 per cent by 2030, well above Nato's 2 per cent defence spending target": a standard's figure
    after a comparison word is what a pledge is measured against, not a pledge."""
    if not lex.words("pledges", "comparison"):
        return False
    from allied.news.dates import clause

    lo, _ = clause(doc.text, f.start, f.end, sent, lex)
    before = lex.find("pledges", "comparison", doc.text, max(lo, f.start - 40), f.start)
    if not before:
        return False
    # "... well above Nato's 2 per cent target", "bringing it closer to the new NATO target of 3.5% of GDP"
    named = lex.has("pledges", "standards", doc.text, before[-1].end(), f.start)
    return named or lex.has("pledges", "standards", doc.text, f.end, min(sent.end, f.end + 40))


def forecaster(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "According to experts, that would result in ...", "analysts expect": a sentence whose figures are
    others' estimates (a conversion's "(estimated USD34.3 billion)" is not one)."""
    return bool(outside_parentheses(doc, sent, lex.find("pledges", "forecasters", doc.text, sent.start, sent.end)))


def estimated(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """ "Spending is projected to rise by 2.4 per cent": an estimate told in the figure's own clause before it;
    the clause after it may still pledge ("..., which will see an extra $5.7 billion spent")."""
    from allied.news.dates import clause

    lo, _ = clause(doc.text, f.start, f.end, sent, lex)
    return bool(outside_parentheses(doc, sent, lex.find("pledges", "forecast", doc.text, lo, f.start)))


def skip(doc: Document, lex: Lexicon, f: Figure, sent: Span, figs: list[Figure], own: bool = False) -> bool:
    lo = max(sent.start, f.start - 40)
    i = figs.index(f)
    prev = figs[i - 1] if i else None
    if baseline(doc, lex, f, figs):
        return True
    previous = lex.pattern("pledges", "previous")  # "up from 3.4% this year": the level before, in any year
    if previous is not None and previous.search(doc.text, max(sent.start, f.start - 20), f.start):
        return True
    if near(lex, "part", doc, sent.start, f.start):  # "국방 예산 중 전력운영비는 ...": a line item
        return True
    if part_after(doc, lex, f, sent):  # "82,69 Milliarden Euro sind dabei im regulären Einzelplan 14 eingeplant"
        return True
    if prev is not None and joined_current(doc, lex, prev, f, sent):
        return True  # "Im laufenden Jahr 2025 werden 62,43 Milliarden Euro ... und 24,06 Milliarden Euro ..."
    if in_parentheses(doc, f, sent) or near(lex, "current", doc, max(sent.start, f.start - 30), f.start):
        return True
    if current_sentence(doc, lex, sent) or compared_standard(doc, lex, f, sent):
        return True
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    if listed_part(doc, lex, f, sent):
        return True
    between = Span(f.end, nxt.start, "") if nxt is not None else None
    if between and near(lex, "whole", doc, between.start, between.end) and not spending(doc, lex, between):
        return True  # "The 115.5 trillion yen budget ... includes 8.7 trillion yen in defence spending"
    if lex.has("pledges", "other_budget", doc.text, f.end, phrase_end(doc, f, sent)):
        return True  # "the 101 trillion yen (USD 910 billion) national budget": the whole, not defence's part
    if not own and near(lex, "demand", doc, lo, max(f.end + 10, phrase_end(doc, f, sent))):  # "called for by"
        return True
    if not own and demanded_clause(doc, lex, f, sent):  # "Die USA bestehen darauf, dass die Nato-Partner ..."
        return True
    refused = lex.find("pledges", "refusal", doc.text, max(sent.start, f.start - 25), f.start)
    if refused:  # "un acuerdo con la OTAN que la exime de llegar al 5 %"
        return True
    if estimated(doc, lex, f, sent):
        return True
    words = lex.words("pledges", "restatement")
    gap = re.compile(rf"\s*,\s*(?:{alternation(words)})\s+", re.I) if words else None
    return bool(prev and gap and gap.fullmatch(doc.text, prev.end, f.start))


def negated(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "Japan has no plans to raise ...", "would not commit to": the sentence's first commitment or modal word
    right after a negation (one word may stand between) promises nothing."""
    if not lex.words("markers", "negation"):
        return False
    found = lex.find("pledges", "cues", doc.text, sent.start, sent.end)
    found += lex.find("pledges", "modal", doc.text, sent.start, sent.end)
    if not found:
        return False
    first = min(found, key=lambda m: m.start())
    before = doc.text[max(sent.start, first.start() - 40) : first.start()]
    gap = r"(?:\s+|\s*\W\s*)(?:[^\W\d]+\W{0,2}\s*)?$" if lex.spaced else r"\W?$"
    negation = "|".join(w for w in (lex.alt("markers", "negation"), lex.alt("pledges", "refusal")) if w)
    if re.search(rf"(?<!\w)(?:{negation}){gap}", before, re.I):
        return True
    question = lex.alt("pledges", "question")  # "asked whether Canada plans to meet the target"
    if question and re.search(rf"(?<!\w)(?:{question})(?:\W+\w+){{0,4}}\W*$", before, re.I):
        return True
    after = r"\s+" if lex.spaced else ""  # "would not commit", "will not raise"
    return bool(re.compile(rf"{after}(?:{negation})(?!\w)", re.I).match(doc.text, first.end(), sent.end))


def part_of_told(told: Pledge, f: Figure, figs: list[Figure]) -> bool:
    """An amount in the currency of the pledge the sentence goes on about and smaller than it is a part."""
    if f.kind != "money" or told.value is None or not told.unit or f.unit.split()[0] != told.unit.split()[0]:
        return False
    scale = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
    whole = told.value * scale.get(told.unit.split()[-1], 1.0)
    return f.value * scale.get(f.unit.split()[-1], 1.0) < whole
