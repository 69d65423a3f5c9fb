"""The year a pledge is for (GUIDELINES §7, §9): target and budget years, fiscal years, baselines, the year
a text is about, and years carried between a state's pledges."""

from __future__ import annotations

import re

from allied.model import DateMention, Document, Pledge, Span
from allied.news import spans
from allied.news.amounts import Figure, figures
from allied.news.lexicon import Lexicon
from allied.news.spending import after_word, near, starts_spending


def target_year(doc: Document, lex: Lexicon, dates: list[DateMention], lo: int, hi: int, span: Span) -> int | None:
    by = lex.pattern("dates", "year_by")
    current = lex.pattern("pledges", "current")
    cands = []
    for d in spans.between(dates, span.start, span.end):
        if d.year is None or (current is not None and current.match(doc.text, d.span.start)):
            continue  # "올해 예산 대비": this year's level, the baseline, is no target year
        if fixed_fiscal_year(doc, lex, d):
            continue
        if d.precision == "relative-year" and after_word(doc, lex, "baseline", d.span.start):
            continue  # "up 8.2 percent from this year": the year compared with ("from 2027" may start a target)
        if d.precision in ("year", "relative-year") and baseline_year(doc, lex, d):
            continue  # "an 18% increase over the 2025 defence budget"
        if d.precision == "relative-year" and after_baseline_figure(doc, lex, d, span):
            continue  # "from 2.32% this year to 3.5% by 2035": the baseline's year
        before = doc.text[max(span.start, d.span.start - 24) : d.span.start]
        after = doc.text[d.span.end : d.span.end + 30]
        qualified = (
            d.precision == "relative-year"
            or (by and re.search(by.pattern + r"\s*(?:[^\W\d]+\.?\s+)?$", before, re.I))  # "by April 2027"
            or (d.precision == "year" and lex.has("pledges", "cues", after) is False and starts_spending(lex, after))
            or (d.precision == "year" and year_after(lex, after))
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


def after_baseline_figure(doc: Document, lex: Lexicon, d: DateMention, span: Span) -> bool:
    for f in figures(doc, lex, span):
        if 0 <= d.span.start - f.end <= 3 and after_word(doc, lex, "baseline", f.start):
            return True
    return False


def baseline_year(doc: Document, lex: Lexicon, d: DateMention) -> bool:
    """A year named after a baseline word and an article ("over the 2025 budget", "compared to the 2025
    budget"): the year compared with."""
    articles = lex.alt("markers", "articles")
    words = "|".join(w for w in (lex.alt("pledges", "baseline"), lex.alt("pledges", "previous")) if w)
    if not articles or not words:
        return False
    before = doc.text[max(0, d.span.start - 30) : d.span.start]
    return bool(re.search(rf"(?<!\w)(?:{words})\s+(?:(?:{articles})\s+)?$", before, re.I))


def year_after(lex: Lexicon, after: str) -> bool:
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


def fixed_fiscal_year(doc: Document, lex: Lexicon, d: DateMention) -> bool:
    """ "今年度" read as "this year" is a fiscal year ending in a fixed month: ``fiscal_year`` dates it."""
    return any(lex.norm(k) == lex.norm(d.span.text) for k in lex.table("pledges", "fiscal_year_ends"))


def split_year(doc: Document, sent: Span, year: int | None) -> int | None:
    """ "2033-34", "2033/34": a fiscal year across two calendar years, named by the year it ends in."""
    if year is None:
        return None
    m = re.search(rf"(?<!\d){year}\s*[/–-]\s*(\d{{2}})(?!\d)", doc.text[sent.start : sent.end])
    if not m:
        return None
    end = year // 100 * 100 + int(m.group(1))
    return end if end == year + 1 else None


def clause_year(doc: Document, lex: Lexicon, f: Figure, sent: Span, context: int | None) -> int | None:
    """The year of the figure's own clause: a qualified year there, or "this year" read against the year the
    text is about when the reference day is unknown ("... 10.471 millones de euros ... este año, una meta que
    ... había propuesto alcanzar en 2029" is this year's)."""
    from allied.news.dates import clause

    lo, hi = clause(doc.text, f.start, f.end, sent, lex)
    own = [d for d in spans.between(doc.dates, lo, hi) if d.precision == "relative-year"]
    if own and own[0].year is None and context is not None and lex.has("dates", "this_year", doc.text, lo, hi):
        return context
    return None


def context_year(doc: Document, lex: Lexicon, sent: Span) -> int | None:
    """The budget or target year a sentence names ("budżetu na 2026 r."), not a past one: it carries to the
    figures of the sentences after it that name no year."""
    if not near(lex, "cues", doc, sent.start, sent.end) and not near(lex, "modal", doc, sent.start, sent.end):
        return None
    year = target_year(doc, lex, doc.dates, sent.start, sent.end, sent)
    ref = doc.reference_day
    return year if year and (ref is None or year >= ref.year) and not told_as_past(doc, lex, sent, year) else None


def names_year(doc: Document, sent: Span, year: int) -> bool:
    """The sentence writes the year out ("budżetu na 2026 r."), not only "this year"."""
    return any(d.precision == "year" and d.year == year for d in spans.between(doc.dates, sent.start, sent.end))


def told_as_past(doc: Document, lex: Lexicon, sent: Span, year: int) -> bool:
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


def future_year(doc: Document, lex: Lexicon, sent: Span) -> bool:
    """ "Japan's defense budget for fiscal 2026 is 8.7 trillion yen" told in 2025: a budget or target for a year
    after the reference day is a plan even when told as a fact (GUIDELINES §7)."""
    ref = doc.reference_day
    if ref is None:
        return False
    if near(lex, "demand", doc, sent.start, sent.end):  # "Estados Unidos exige a España elevar ... en 2035"
        return False
    year = target_year(doc, lex, doc.dates, sent.start, sent.end, sent)
    return year is not None and year > ref.year


def unresolved_year(doc: Document, lex: Lexicon, p: Pledge) -> bool:
    """The pledge's sentence names a time with no year ("over the next decade", "in the next parliament"): no
    year is carried to it from elsewhere."""
    return any(near(lex, "own_time", doc, s.start, s.end) for s in p.evidence)


def inherit_years(doc: Document, lex: Lexicon, pledges: list[Pledge]) -> None:
    for p in pledges:
        if p.by is None and not unresolved_year(doc, lex, p):
            same = [q for q in pledges if q.country == p.country and q.by is not None]
            pick = [q for q in same if q.what == p.what] or same
            if pick:
                p.by = pick[0].by
