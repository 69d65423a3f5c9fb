"""Pledges (stage ``pledges``): commitments, plans, targets, proposals and adopted budgets for future
defense spending (GUIDELINES §7), with value, unit and year.

A sentence yields pledges when it names defense spending, carries a commitment word from the lexicon, and
its figure is neither a current level ("derzeitigen Ziels von 2 Prozent", "this year's"), nor a demand on
others ("fordert", "urged allies"), nor a parenthesised conversion, nor a restatement ("8.2 percent, or
5.05 trillion won"). The pledging state is the possessor of the spending ("Japan's defense budget"), else
the speaker; a third party's word without a figure is no pledge; "the allies" in a NATO text are NATO.
"""

from __future__ import annotations

import re
from dataclasses import replace

from allied.model import DateMention, Document, Pledge, Span
from allied.news import spans
from allied.news.amounts import Figure, alternation, figures, money_unit
from allied.news.lexicon import Lexicon
from allied.news.pledgers import pledger

_SPENDING: dict[str, tuple[re.Pattern[str], list[str]]] = {}


def _spending_pattern(lex: Lexicon) -> tuple[re.Pattern[str], list[str]]:
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
        pat, whats = _spending_pattern(lex)
        if not lex.possible("pledges.spending", doc.text, span.start, span.end):  # no spending phrase's word there
            _SPENT[key] = []
        else:
            found = pat.finditer(doc.text, span.start, span.end)
            _SPENT[key] = [(m.start(), m.end(), whats[int(str(m.lastgroup)[1:])]) for m in found]
    return list(_SPENT[key])


def _near(lex: Lexicon, key: str, doc: Document, lo: int, hi: int) -> bool:
    return lex.has("pledges", key, doc.text, max(0, lo), hi)


def _in_parentheses(doc: Document, f: Figure, span: Span) -> bool:
    """ "66.3 trillion won ($47.6 billion)", "US$40 billion [around NT$1.25 trillion]": a conversion."""
    before = doc.text[span.start : f.start]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _unit(doc: Document, lex: Lexicon, f: Figure, span: Span, scope_end: int) -> str:
    if f.kind == "money":
        return f.unit
    if _near(lex, "gdp", doc, f.end, min(scope_end, f.end + 40)):
        return "% GDP"
    if lex.flag("pledges", "gdp_before") and _near(lex, "gdp", doc, max(span.start, f.start - 16), f.start):
        return "% GDP"
    ceiling = _after_word(doc, lex, "ceiling", f.start)  # "up to 1.5 %" is a share, not a rise
    level = _after_word(doc, lex, "target", f.start)  # "rise to 5 %" is the level reached ("rise by 5 %" a rise)
    if not (ceiling or level) and _near(lex, "increase", doc, max(span.start, f.start - 40), min(span.end, f.end + 40)):
        return "percent increase"
    return "percent"


def _what(items: list[tuple[int, int, str]], f: Figure, scope_end: int, unit: str, year: int | None) -> str | None:
    after = [w for s, _, w in items if f.end <= s < scope_end]
    if {"core defense spending", "defense-related spending"} <= set(after):
        return "defense spending"
    near = after[:1] or [w for s, _, w in items if s < f.start][-1:] or [w for s, _, w in items if s >= scope_end][:1]
    if not near:  # "a 66.3 trillion won ($47.6 billion) defense budget": the phrase after a conversion
        return None
    what = near[0]
    if unit.split()[0].isupper() and "additional defense spending" in [w for s, _, w in items if s < f.start]:
        return "additional defense spending"  # an amount put into a supplementary budget, whatever its parts
    if unit == "% GDP" and what == "defense budget":
        return "defense spending"
    if what == "defense spending" and (unit == "percent increase" or unit.split()[0].isupper()) and year:
        return "defense budget"
    return what


def _year(doc: Document, lex: Lexicon, dates: list[DateMention], lo: int, hi: int, span: Span) -> int | None:
    by = lex.pattern("dates", "year_by")
    current = lex.pattern("pledges", "current")
    cands = []
    for d in spans.between(dates, span.start, span.end):
        if d.year is None or (current is not None and current.match(doc.text, d.span.start)):
            continue  # "올해 예산 대비": this year's level, the baseline, is no target year
        if _fixed_fiscal_year(doc, lex, d):
            continue
        if d.precision == "relative-year" and _after_word(doc, lex, "baseline", d.span.start):
            continue  # "up 8.2 percent from this year": the year compared with ("from 2027" may start a target)
        if d.precision in ("year", "relative-year") and _baseline_year(doc, lex, d):
            continue  # "an 18% increase over the 2025 defence budget"
        if d.precision == "relative-year" and _after_baseline_figure(doc, lex, d, span):
            continue  # "from 2.32% this year to 3.5% by 2035": the baseline's year
        before = doc.text[max(span.start, d.span.start - 24) : d.span.start]
        after = doc.text[d.span.end : d.span.end + 30]
        qualified = (
            d.precision == "relative-year"
            or (by and re.search(by.pattern + r"\s*(?:[^\W\d]+\.?\s+)?$", before, re.I))  # "by April 2027"
            or (d.precision == "year" and lex.has("pledges", "cues", after) is False and _starts_spending(lex, after))
            or (d.precision == "year" and _year_after(lex, after))
        )
        if d.precision in ("year", "relative-year") and qualified:
            cands.append(d)
    inside = [d for d in cands if lo <= d.span.start < hi]
    pick = inside or cands
    if pick:
        return pick[0].year
    from allied.news.dates import clause

    ref = doc.reference_day
    c_lo, c_hi = clause(doc.text, lo, lo, span, lex)
    bare = [  # "Der Wehretat soll 2026 um 10 Milliarden Euro steigen": a future year in the figure's own clause
        d  # or before the next figure ("to 2.5% of gross domestic product (GDP) from 2027")
        for d in spans.between(dates, c_lo, max(c_hi, hi))
        if d.precision == "year" and d.year is not None and ref is not None and d.year > ref.year
    ]
    return bare[0].year if bare else None


def _after_baseline_figure(doc: Document, lex: Lexicon, d: DateMention, span: Span) -> bool:
    for f in figures(doc, lex, span):
        if 0 <= d.span.start - f.end <= 3 and _after_word(doc, lex, "baseline", f.start):
            return True
    return False


def _baseline_year(doc: Document, lex: Lexicon, d: DateMention) -> bool:
    """A year named after a baseline word and an article ("over the 2025 budget", "compared to the 2025
    budget"): the year compared with."""
    articles = lex.alt("markers", "articles")
    words = "|".join(w for w in (lex.alt("pledges", "baseline"), lex.alt("pledges", "previous")) if w)
    if not articles or not words:
        return False
    before = doc.text[max(0, d.span.start - 30) : d.span.start]
    return bool(re.search(rf"(?<!\w)(?:{words})\s+(?:(?:{articles})\s+)?$", before, re.I))


def _year_after(lex: Lexicon, after: str) -> bool:
    """ "2025年度", "2035년까지": a word after the year makes it a budget or target year."""
    pat = lex.pattern("pledges", "year_after")
    return bool(pat and pat.match(after))


def fiscal_year(doc: Document, lex: Lexicon, span: Span) -> int | None:
    """ "the current fiscal year through March": the calendar year in which that fiscal year ends (inferred;
    GUIDELINES §7/§9), the next such month on or after the reference day."""
    ref = doc.reference_day
    if ref is None or not lex.has("pledges", "fiscal_year", doc.text, span.start, span.end):
        return None
    from allied.news.dates import month_number

    through = rf"(?<!\w)(?:{lex.alt('pledges', 'through')})\s+(\w+)"
    for m in re.finditer(through, doc.text[span.start : span.end], re.I):
        month = month_number(lex, m.group(1))
        if month:
            return ref.year if month >= ref.month else ref.year + 1
    ends = lex.table("pledges", "fiscal_year_ends")
    for m in lex.find("pledges", "fiscal_year", doc.text, span.start, span.end):
        month = next((int(v) for k, v in ends.items() if lex.norm(k) == lex.norm(m.group())), None)
        if month:  # "今年度": a fiscal year whose end month the language's word fixes
            return ref.year if month >= ref.month else ref.year + 1
    return None


def _fixed_fiscal_year(doc: Document, lex: Lexicon, d: DateMention) -> bool:
    """ "今年度" read as "this year" is a fiscal year ending in a fixed month: ``fiscal_year`` dates it."""
    return any(lex.norm(k) == lex.norm(d.span.text) for k in lex.table("pledges", "fiscal_year_ends"))


def _split_year(doc: Document, sent: Span, year: int | None) -> int | None:
    """ "2033-34", "2033/34": a fiscal year across two calendar years, named by the year it ends in."""
    if year is None:
        return None
    m = re.search(rf"(?<!\d){year}\s*[/–-]\s*(\d{{2}})(?!\d)", doc.text[sent.start : sent.end])
    if not m:
        return None
    end = year // 100 * 100 + int(m.group(1))
    return end if end == year + 1 else None


def _starts_spending(lex: Lexicon, text: str) -> bool:
    return bool(_spending_pattern(lex)[0].match(text.lstrip()))


def _baseline(doc: Document, lex: Lexicon, f: Figure, figs: list[Figure]) -> bool:
    """ "from 4.1 percent to 5 percent", "to 3.32 %, up from 2.45 %": a figure after a baseline word, told
    beside a figure of the same kind after a target word, is where spending starts, not what is pledged."""
    if not _after_word(doc, lex, "baseline", f.start):
        return False
    return any(g is not f and g.kind == f.kind and _after_word(doc, lex, "target", g.start) for g in figs)


def _after_word(doc: Document, lex: Lexicon, key: str, at: int) -> bool:
    before = doc.text[max(0, at - 24) : at]
    return bool(re.search(rf"(?<!\w)(?:{lex.alt('pledges', key)})\s*$", before, re.I))


def _past(doc: Document, lex: Lexicon, f: Figure, sent: Span, figs: list[Figure]) -> bool:
    """ "Belgium, which spent 1.3 % of GDP last year, ...": a level reached, told in the figure's own clause
    between the figures beside it."""
    from allied.news.dates import clause

    lo, hi = clause(doc.text, f.start, f.end, sent, lex)
    lo = max([lo] + [g.end for g in figs if g.end <= f.start])
    hi = min([hi] + [g.start for g in figs if g.start >= f.end])
    # "an extra $4 billion spent on defence": a participle right after the amount tells what it is spent on;
    # "up from", "compared to" name the level before them, not the figure they follow ("18% ... compared to")
    return any(m.start() > f.end + 1 or m.end() <= f.start for m in lex.find("pledges", "past", doc.text, lo, hi))


def _outside_parentheses(doc: Document, sent: Span, found: list[re.Match[str]]) -> list[re.Match[str]]:
    out = []
    for m in found:
        before = doc.text[sent.start : m.start()]
        if before.count("(") <= before.count(")") and before.count("[") <= before.count("]"):
            out.append(m)
    return out


def _phrase_end(doc: Document, f: Figure, sent: Span) -> int:
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


def _own_demand(doc: Document, lex: Lexicon, sent: Span, country: str) -> bool:
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


def _demanded_clause(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
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


def _part_after(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """A part word after the amount in its clause, where the language puts it there ("... sind dabei ...")."""
    from allied.news.dates import clause

    _, hi = clause(doc.text, f.start, f.end, sent, lex)
    m = lex.find("pledges", "part", doc.text, f.end, min(hi, f.end + 12))
    return bool(m)


def _joined_current(doc: Document, lex: Lexicon, prev: Figure, f: Figure, sent: Span) -> bool:
    """A figure joined by a conjunction to the one before it, in one clause, shares that figure's current-level
    word ("this year's 62 billion and 24 billion")."""
    gap = doc.text[prev.end : f.start]
    if len(gap) > 60 or re.search(r"[,;:.]", gap) or not lex.has("markers", "conjunctions", gap):
        return False
    return _near(lex, "current", doc, max(sent.start, prev.start - 30), prev.start)


def _listed_part(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """ "The 2026 defence budget, however, includes NT$135.9 billion in spending on the Coast Guard": an amount
    after 'includes' in its clause is a part of the budget, unless defence spending is what names it ("...
    includes 8.7 trillion yen in defence spending")."""
    from allied.news.dates import clause

    lo, _ = clause(doc.text, f.start, f.end, sent, lex)
    if not lex.has("pledges", "whole", doc.text, max(lo, f.start - 30), f.start):
        return False
    return not spending(doc, lex, Span(f.end, _phrase_end(doc, f, sent), ""))


def _current_sentence(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "Currently, only five NATO member states allocate more than 3 % ...": a current-level word opening the
    sentence before a comma tells levels of now for all of it."""
    words = lex.words("pledges", "current")
    if not words:
        return False
    pat = lex.pattern("pledges", "current")
    m = pat.match(doc.text, sent.start) if pat is not None else None
    return bool(m and re.match(r"\s*,", doc.text[m.end() : m.end() + 3]))


def _compared_standard(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
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


def _forecaster(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "According to experts, that would result in ...", "analysts expect": a sentence whose figures are
    others' estimates (a conversion's "(estimated USD34.3 billion)" is not one)."""
    return bool(_outside_parentheses(doc, sent, lex.find("pledges", "forecasters", doc.text, sent.start, sent.end)))


def _estimated(doc: Document, lex: Lexicon, f: Figure, sent: Span) -> bool:
    """ "Spending is projected to rise by 2.4 per cent": an estimate told in the figure's own clause before it;
    the clause after it may still pledge ("..., which will see an extra $5.7 billion spent")."""
    from allied.news.dates import clause

    lo, _ = clause(doc.text, f.start, f.end, sent, lex)
    return bool(_outside_parentheses(doc, sent, lex.find("pledges", "forecast", doc.text, lo, f.start)))


def _skip(doc: Document, lex: Lexicon, f: Figure, sent: Span, figs: list[Figure], own: bool = False) -> bool:
    lo = max(sent.start, f.start - 40)
    i = figs.index(f)
    prev = figs[i - 1] if i else None
    if _baseline(doc, lex, f, figs):
        return True
    previous = lex.pattern("pledges", "previous")  # "up from 3.4% this year": the level before, in any year
    if previous is not None and previous.search(doc.text, max(sent.start, f.start - 20), f.start):
        return True
    if _near(lex, "part", doc, sent.start, f.start):  # "국방 예산 중 전력운영비는 ...": a line item
        return True
    if _part_after(doc, lex, f, sent):  # "82,69 Milliarden Euro sind dabei im regulären Einzelplan 14 eingeplant"
        return True
    if prev is not None and _joined_current(doc, lex, prev, f, sent):
        return True  # "Im laufenden Jahr 2025 werden 62,43 Milliarden Euro ... und 24,06 Milliarden Euro ..."
    if _in_parentheses(doc, f, sent) or _near(lex, "current", doc, max(sent.start, f.start - 30), f.start):
        return True
    if _current_sentence(doc, lex, sent) or _compared_standard(doc, lex, f, sent):
        return True
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    if _listed_part(doc, lex, f, sent):
        return True
    between = Span(f.end, nxt.start, "") if nxt is not None else None
    if between and _near(lex, "whole", doc, between.start, between.end) and not spending(doc, lex, between):
        return True  # "The 115.5 trillion yen budget ... includes 8.7 trillion yen in defence spending"
    if lex.has("pledges", "other_budget", doc.text, f.end, _phrase_end(doc, f, sent)):
        return True  # "the 101 trillion yen (USD 910 billion) national budget": the whole, not defence's part
    if not own and _near(lex, "demand", doc, lo, max(f.end + 10, _phrase_end(doc, f, sent))):  # "called for by"
        return True
    if not own and _demanded_clause(doc, lex, f, sent):  # "Die USA bestehen darauf, dass die Nato-Partner ..."
        return True
    refused = lex.find("pledges", "refusal", doc.text, max(sent.start, f.start - 25), f.start)
    if refused:  # "un acuerdo con la OTAN que la exime de llegar al 5 %"
        return True
    if _estimated(doc, lex, f, sent):
        return True
    words = lex.words("pledges", "restatement")
    gap = re.compile(rf"\s*,\s*(?:{alternation(words)})\s+", re.I) if words else None
    return bool(prev and gap and gap.fullmatch(doc.text, prev.end, f.start))


def sentence_pledges(
    doc: Document,
    lex: Lexicon,
    sent: Span,
    nato: bool,
    last: str | None,
    context: int | None = None,
    booked: str = "defense budget",
    previous: list[Pledge] | None = None,
) -> list[Pledge]:
    committed = _near(lex, "cues", doc, sent.start, sent.end)
    told = _pledge_anaphora(doc, lex, sent, previous)  # "This represents an 18% increase over the 2025 budget"
    modal = _near(lex, "modal", doc, sent.start, sent.end)
    praised = _near(lex, "praise", doc, sent.start, sent.end)  # "praised Seoul for raising spending to 3.5%"
    if not committed and not modal and told is None and not praised and not _future_year(doc, lex, sent):
        return []
    if _negated(doc, lex, sent) or _near(lex, "aid", doc, sent.start, sent.end):
        return []
    if _forecaster(doc, lex, sent):
        return []
    items = spending(doc, lex, sent) or _booked(doc, lex, sent, booked) or _elliptic(doc, lex, sent, committed)
    if not items and told is not None:  # "The budget plan endorsed Friday rises 1.3 per cent ..."
        items = [(sent.start, sent.start, told.what)]
    if not items:
        return []
    country, third = (told.country, False) if told is not None else pledger(doc, lex, sent, items, nato, last)
    if country is None:
        return []
    figs = [replace(f, unit=money_unit(lex, f, country)) if f.word else f for f in figures(doc, lex, sent)]
    figs = [f for f in figs if f.kind != "money" or f.unit]  # "pesos" of a state that does not use pesos
    out = []
    ref = doc.reference_day
    own = _own_demand(doc, lex, sent, country)
    for i, f in enumerate(figs):
        if _skip(doc, lex, f, sent, figs, own):
            continue
        scope_end = figs[i + 1].start if i + 1 < len(figs) else sent.end
        year = _clause_year(doc, lex, f, sent, context) or _year(doc, lex, doc.dates, f.end, scope_end, sent)
        if year and _near(lex, "own_time", doc, f.end, scope_end):  # "... and to 3 % in the next parliament"
            year = None
        fiscal = fiscal_year(doc, lex, sent) if year is None else None
        split = _split_year(doc, sent, year)
        if split:  # "by 2033-34": the year the fiscal year ends in (inferred, GUIDELINES §9)
            year, fiscal = None, split
        if (year or fiscal) and ref and (year or fiscal or 0) < ref.year:
            continue
        if _past(doc, lex, f, sent, figs) and not ((year or fiscal) and ref and (year or fiscal or 0) > ref.year):
            continue  # a level reached; "the draft budget reached 9.04 trillion yen for fiscal 2026" is a budget
        if told is not None and _part_of_told(told, f, figs):
            continue  # "The proposal devotes ¥312 billion to a new programme": a part of the ¥8.8 trillion told
        unit = _unit(doc, lex, f, sent, scope_end)
        what = _what(items, f, scope_end, unit, year or fiscal)
        owner = _clause_subject(doc, lex, f, sent, nato) or country
        if what:
            for state in _joined(doc, lex, sent, owner, items[0][0]):  # "Both Portugal and Canada have committed"
                out.append(Pledge(state, what, f.value, unit, year or fiscal, fiscal is not None, evidence=[sent]))
    for p in out:  # a level of defence spending in percent is a share of GDP ("NATO's 2 % target")
        p.unit = "% GDP" if p.unit == "percent" else p.unit
    anaphoric = told is not None and items[0][0] == items[0][1] == sent.start
    if not figs and committed and not third and not anaphoric and not _near(lex, "demand", doc, sent.start, sent.end):
        year = _year(doc, lex, doc.dates, items[0][0], sent.end, sent)
        out.append(Pledge(country, items[0][2], None, None, year, evidence=[sent]))
    return out


def _clause_subject(doc: Document, lex: Lexicon, f: Figure, sent: Span, nato: bool) -> str | None:
    """ "South Korea has committed to the target following a NATO summit, where the members of the alliance
    committed to spending at least 3.5 percent": a clause after a clause break whose own subject is the
    alliance pledges for it."""
    breaks = lex.find("markers", "clause_break", doc.text, sent.start, f.start)
    if not breaks or not nato:
        return None
    lo = breaks[-1].end()
    return "NATO" if lex.has("alliance", "words", doc.text, lo, f.start) else None


def _joined(doc: Document, lex: Lexicon, sent: Span, country: str, before: int) -> list[str]:
    """The pledger and the states joined with it by conjunctions or commas as one subject before the spending
    phrase ("Both Portugal and Canada have now committed to spending 2 %"): each pledges the figure."""
    states = [m for m in spans.between(doc.mentions, sent.start, before) if m.kind == "state" and m.country]
    joiner = lex.pattern("markers", "conjunctions")
    run: list[str] = []
    for a, b in zip(states, states[1:], strict=False):
        gap = doc.text[a.span.end : b.span.start].strip(" ,")
        if joiner is not None and joiner.fullmatch(gap) or gap == "":
            run = run or [a.country]
            run.append(b.country)
        elif run:
            break
    if not run or country not in run or states[0].span.start - sent.start > 6:  # "Both Portugal and ...": the subject
        return [country]
    last = next(m for m in reversed(states) if m.country == run[-1])
    subordinate = lex.pattern("markers", "subordinators")
    if subordinate is not None and subordinate.search(doc.text, last.span.end, before):
        return [country]  # "South Korea and Japan agreed that Seoul would ...": the clause has its own subject
    return list(dict.fromkeys(run))


def _part_of_told(told: Pledge, f: Figure, figs: list[Figure]) -> bool:
    """An amount in the currency of the pledge the sentence goes on about and smaller than it is a part."""
    if f.kind != "money" or told.value is None or not told.unit or f.unit.split()[0] != told.unit.split()[0]:
        return False
    scale = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
    whole = told.value * scale.get(told.unit.split()[-1], 1.0)
    return f.value * scale.get(f.unit.split()[-1], 1.0) < whole


def _pledge_anaphora(doc: Document, lex: Lexicon, sent: Span, previous: list[Pledge] | None) -> Pledge | None:
    """ "Sunak pledged to lift spending to 2.5 % ... The pledge would mean ...": a sentence opening with the
    pledge, plan or budget told just before (pledges.anaphora) goes on about that pledge: its state and what."""
    if not previous:
        return None
    pat = lex.pattern("pledges", "anaphora")
    return previous[0] if pat is not None and pat.match(doc.text, sent.start) else None


def _future_year(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "Japan's defense budget for fiscal 2026 is 8.7 trillion yen" told in 2025: a budget or target for a year
    after the reference day is a plan even when told as a fact (GUIDELINES §7)."""
    ref = doc.reference_day
    if ref is None:
        return False
    if _near(lex, "demand", doc, sent.start, sent.end):  # "Estados Unidos exige a España elevar ... en 2035"
        return False
    year = _year(doc, lex, doc.dates, sent.start, sent.end, sent)
    return year is not None and year > ref.year


def _negated(doc: Document, lex: Lexicon, sent: Span) -> bool:
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


def _booked(doc: Document, lex: Lexicon, sent: Span, what: str) -> list[tuple[int, int, str]]:
    """ "防衛省は…8472億円を計上", "Japan's Defense Ministry requested a record 8.8 trillion yen": an amount a
    defence ministry books or requests (a booking word after it) is a budget figure with no spending phrase; the
    ministry stands for the spending phrase and names what the budget told just before is (``what``)."""
    if not lex.words("pledges", "booking"):
        return []
    from allied.news.names import index_for

    ministries = {e.id for e in index_for(lex.language).ministries.values()}
    defense = lex.pattern("ministries", "defense")
    found = [(m.start(), m.end()) for m in lex.find("ministries", "defense", doc.text, sent.start, sent.end)]
    found += [  # "the Pentagon", "防衛省": an organisation that is a ministry of the reference or named as one
        (m.span.start, m.span.end)
        for m in spans.between(doc.mentions, sent.start, sent.end)
        if m.kind == "organization" and (m.id in ministries or (defense is not None and defense.search(m.name)))
    ]
    money = [f for f in figures(doc, lex, sent) if f.kind == "money"]
    if not found or (money and min(found)[0] > money[0].start):
        return []
    start, end = min(found)
    if not _near(lex, "booking", doc, end, sent.end):
        return []
    return [(start, end, what)]


_FIRST: dict[str, tuple[str, int | None]] = {}  # language -> (the text last read, its first spending phrase)


def _first_spending(doc: Document, lex: Lexicon) -> int | None:
    """Where the text first names defence spending (one scan per text, not one per sentence)."""
    memo = _FIRST.get(lex.language)
    if memo is None or memo[0] is not doc.text:
        found = spending(doc, lex, Span(0, len(doc.text), ""))
        memo = (doc.text, found[0][0] if found else None)
        _FIRST[lex.language] = memo
    return memo[1]


def _before_cue(doc: Document, lex: Lexicon, at: int) -> bool:
    cues = lex.pattern("pledges", "cues")
    return bool(cues and cues.match(doc.text, at + (1 if lex.spaced else 0)))


def _elliptic(doc: Document, lex: Lexicon, sent: Span, committed: bool) -> list[tuple[int, int, str]]:
    """ "Canada's defence spending was 1.37 % of GDP last year. Ottawa has promised to reach 2 % by 2027": a
    committed share of GDP with no spending phrase, in a text that has named defence spending before or that
    names the alliance's target in the sentence ("NATO's 2 % target"), is a defence spending target."""
    if not committed:
        return []
    shares = [f for f in figures(doc, lex, sent) if f.kind == "percent"]
    if not shares:
        return []
    f = shares[0]
    level = (
        _after_word(doc, lex, "target", f.start)  # "to 2 %"
        or _after_word(doc, lex, "modal", f.start)  # "reach 2 %"
        or _before_cue(doc, lex, f.end)  # "the 2 % target"
    )
    first = _first_spending(doc, lex)
    told = (first is not None and first < sent.start) or lex.has("alliance", "nato", doc.text, sent.start, sent.end)
    return [(f.end, f.end, "defense spending")] if level and told else []  # named right after the figure


def _merge(pledges: list[Pledge]) -> list[Pledge]:
    out: dict[tuple, Pledge] = {}
    for p in pledges:
        key = (p.country, p.what if p.value is not None else "", p.value, p.unit, p.by)
        if key in out:
            out[key].evidence = sorted(
                {s.start: s for s in [*out[key].evidence, *p.evidence]}.values(), key=lambda s: s.start
            )
        else:
            out[key] = p
    return list(out.values())


def _restated(pledges: list[Pledge]) -> list[Pledge]:
    """ "KRW 65.8 Trillion Defense Budget" over "... at KRW 65.8642 trillion", "66.3 trillion won" and later
    "66.2947 trillion won": one state's figure told again, rounded or in the headline, within 1 % of the first
    and in the same unit, is one pledge (GUIDELINES §9: rounded restatements are not pledges); it keeps the
    first telling's value and takes a year only the other names."""
    out: list[Pledge] = []
    for p in pledges:
        same = next(
            (
                q
                for q in out
                if p.value is not None
                and q.value is not None
                and q.country == p.country
                and q.unit == p.unit
                and abs(q.value - p.value) <= 0.01 * max(abs(q.value), abs(p.value))
                and (p.by is None or q.by is None or p.by == q.by)
            ),
            None,
        )
        if same is None:
            out.append(p)
            continue
        if same.by is None and p.by is not None:
            same.by, same.by_inferred = p.by, p.by_inferred
        same.evidence = sorted({s.start: s for s in [*same.evidence, *p.evidence]}.values(), key=lambda s: s.start)
    return out


def _unresolved_year(doc: Document, lex: Lexicon, p: Pledge) -> bool:
    """The pledge's sentence names a time with no year ("over the next decade", "in the next parliament"): no
    year is carried to it from elsewhere."""
    return any(_near(lex, "own_time", doc, s.start, s.end) for s in p.evidence)


def _inherit_years(doc: Document, lex: Lexicon, pledges: list[Pledge]) -> None:
    for p in pledges:
        if p.by is None and not _unresolved_year(doc, lex, p):
            same = [q for q in pledges if q.country == p.country and q.by is not None]
            pick = [q for q in same if q.what == p.what] or same
            if pick:
                p.by = pick[0].by


def _drop_figureless(pledges: list[Pledge]) -> list[Pledge]:
    out = []
    for p in pledges:
        valued = [
            q for q in pledges if q.value is not None and q.country == p.country and (p.by is None or q.by == p.by)
        ]
        if p.value is None and valued:
            valued[0].evidence = sorted(
                {s.start: s for s in [*valued[0].evidence, *p.evidence]}.values(), key=lambda s: s.start
            )
            continue
        out.append(p)
    return out


def _clause_year(doc: Document, lex: Lexicon, f: Figure, sent: Span, context: int | None) -> int | None:
    """The year of the figure's own clause: a qualified year there, or "this year" read against the year the
    text is about when the reference day is unknown ("... 10.471 millones de euros ... este año, una meta que
    ... había propuesto alcanzar en 2029" is this year's)."""
    from allied.news.dates import clause

    lo, hi = clause(doc.text, f.start, f.end, sent, lex)
    own = [d for d in spans.between(doc.dates, lo, hi) if d.precision == "relative-year"]
    if own and own[0].year is None and context is not None and lex.has("dates", "this_year", doc.text, lo, hi):
        return context
    return None


def _context_year(doc: Document, lex: Lexicon, sent: Span) -> int | None:
    """The budget or target year a sentence names ("budżetu na 2026 r."), not a past one: it carries to the
    figures of the sentences after it that name no year."""
    if not _near(lex, "cues", doc, sent.start, sent.end) and not _near(lex, "modal", doc, sent.start, sent.end):
        return None
    year = _year(doc, lex, doc.dates, sent.start, sent.end, sent)
    ref = doc.reference_day
    return year if year and (ref is None or year >= ref.year) and not _told_as_past(doc, lex, sent, year) else None


def _names_year(doc: Document, sent: Span, year: int) -> bool:
    """The sentence writes the year out ("budżetu na 2026 r."), not only "this year"."""
    return any(d.precision == "year" and d.year == year for d in spans.between(doc.dates, sent.start, sent.end))


def _told_as_past(doc: Document, lex: Lexicon, sent: Span, year: int) -> bool:
    """ "W 2025 r. plan zakładał ... 4,7 proc. PKB" told in 2025: the reference year named in a past-tense
    clause is the level planned or reached so far (GUIDELINES §7, §9: current-year levels are not pledges)."""
    from allied.news.dates import clause

    ref = doc.reference_day
    if ref is None or year != ref.year:
        return False
    for d in spans.between(doc.dates, sent.start, sent.end):
        if d.precision == "year" and d.year == year:
            lo, hi = clause(doc.text, d.span.start, d.span.end, sent, lex)
            past = lex.has("markers", "past", doc.text, lo, hi)
            future = lex.has("markers", "future", doc.text, lo, hi)
            if not past and not future:  # "For 2025, Berlin has allocated €86 billion": a clause with no verb
                lo, hi = sent.start, sent.end
                past = lex.has("markers", "past", doc.text, lo, hi)
                future = lex.has("markers", "future", doc.text, lo, hi)
            if past and not future:
                return True
    return False


def find_pledges(doc: Document, lex: Lexicon) -> list[Pledge]:
    nato = lex.has("alliance", "nato", doc.text)
    found: list[Pledge] = []
    recent: str | None = None  # the state whose spending the text told last, pledged or not
    context: int | None = None
    of: str | None = None  # the state whose budget or target year ``context`` is
    for i, sent in enumerate(doc.sentences):
        if i == 0 and sent.start == 0 and not doc.title_is_text:
            continue
        told = [p for p in found if doc.sentences[i - 1] in p.evidence] if i else []
        new = sentence_pledges(doc, lex, sent, nato, recent, context, previous=told)
        if new:
            recent = new[-1].country
        elif spending(doc, lex, sent):  # "2023 betrugen Polens Verteidigungsausgaben 3,26 Prozent": whose, told
            recent = pledger(doc, lex, sent, spending(doc, lex, sent), nato, recent)[0] or recent
        for p in new:
            if p.by is None and of in (None, p.country) and not _unresolved_year(doc, lex, p):
                p.by = context  # "budget for 2026. ... spending will reach 4.8 %"
        if not new and i and found:
            _date_target_told_before(doc, lex, sent, [p for p in found if doc.sentences[i - 1] in p.evidence])
        found += new
        year = _context_year(doc, lex, sent)
        if year and not (new or spending(doc, lex, sent) or _names_year(doc, sent, year)):
            year = None  # "... its forecast for UK economic growth this year": no budget year
        if year:
            context, of = year, (new[0].country if new else None)
    found = _restated(_merge(found))  # a headline's figure told again with its year takes that year
    _inherit_years(doc, lex, found)
    return _restated(_merge(_drop_figureless(_merge(_without_past_levels(doc, lex, found)))))


def _date_target_told_before(doc: Document, lex: Lexicon, sent: Span, before: list[Pledge]) -> None:
    """ "… GDP比2%への引き上げを達成した。当初は27年度の予定だったが、首相が今年度中の実現を表明していた": a
    commitment with a time and no figure or spending phrase of its own, right after a share-of-GDP target,
    says when that target is met (the fiscal year inferred)."""
    targets = [p for p in before if p.unit == "% GDP"]
    if not targets or not _near(lex, "cues", doc, sent.start, sent.end) or spending(doc, lex, sent):
        return
    if figures(doc, lex, sent):
        return
    fiscal = fiscal_year(doc, lex, sent)
    year = fiscal or _year(doc, lex, doc.dates, sent.start, sent.end, sent)
    ref = doc.reference_day
    if year is None or (ref is not None and year < ref.year) or _told_as_past(doc, lex, sent, year):
        return
    for p in targets:
        p.by, p.by_inferred = year, fiscal is not None
        p.evidence = [*p.evidence, sent]


def _without_past_levels(doc: Document, lex: Lexicon, pledges: list[Pledge]) -> list[Pledge]:
    """A figure for the reference year told in the past tense ("W 2025 r. plan zakładał ... 4,7 proc. PKB") is
    the level a later target of the same state and unit is compared with, not a pledge (GUIDELINES §9)."""
    return [
        p
        for p in pledges
        if not (
            p.by is not None
            and p.evidence
            and _told_as_past(doc, lex, p.evidence[0], p.by)
            and any(q.country == p.country and q.unit == p.unit and q.by and q.by > p.by for q in pledges)
        )
    ]
