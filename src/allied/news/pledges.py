"""Pledges (stage ``pledges``): commitments, plans, targets, proposals and adopted budgets for future
defense spending (GUIDELINES §7), with value, unit and year.

A sentence yields pledges when it names defense spending, carries a commitment word from the lexicon, and
its figure is neither a current level ("derzeitigen Ziels von 2 Prozent", "this year's"), nor a demand on
others ("fordert", "urged allies"), nor a parenthesised conversion, nor a restatement ("8.2 percent, or
5.05 trillion won"). The pledging state is the possessor of the spending ("Japan's defense budget"), else
the speaker; a third party's word without a figure is no pledge; "the allies" in a NATO text are NATO.

The parts: ``spending`` (spending phrases and shared look-ups), ``amounts`` (figures and currencies),
``pledgers`` (who pledges), ``pledge_levels`` (what a figure is not), ``pledge_years`` (the year it is for);
this module reads a sentence's pledges and merges a text's.
"""

from __future__ import annotations

from dataclasses import replace

from allied.model import Document, Pledge, Span
from allied.news import spans
from allied.news.amounts import Figure, figures, money_unit
from allied.news.lexicon import Lexicon
from allied.news.pledge_levels import forecaster, negated, own_demand, part_of_told, past, skip
from allied.news.pledge_years import (
    clause_year,
    context_year,
    fiscal_year,
    future_year,
    inherit_years,
    names_year,
    split_year,
    target_year,
    told_as_past,
    unresolved_year,
)
from allied.news.pledgers import pledger
from allied.news.spending import after_word, before_cue, first_spending, near, spending


def _unit(doc: Document, lex: Lexicon, f: Figure, span: Span, scope_end: int) -> str:
    if f.kind == "money":
        return f.unit
    if near(lex, "gdp", doc, f.end, min(scope_end, f.end + 40)):
        return "% GDP"
    if lex.flag("pledges", "gdp_before") and near(lex, "gdp", doc, max(span.start, f.start - 16), f.start):
        return "% GDP"
    ceiling = after_word(doc, lex, "ceiling", f.start)  # "up to 1.5 %" is a share, not a rise
    level = after_word(doc, lex, "target", f.start)  # "rise to 5 %" is the level reached ("rise by 5 %" a rise)
    if not (ceiling or level) and near(lex, "increase", doc, max(span.start, f.start - 40), min(span.end, f.end + 40)):
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
    committed = near(lex, "cues", doc, sent.start, sent.end)
    told = _pledge_anaphora(doc, lex, sent, previous)  # "This represents an 18% increase over the 2025 budget"
    modal = near(lex, "modal", doc, sent.start, sent.end)
    praised = near(lex, "praise", doc, sent.start, sent.end)  # "praised Seoul for raising spending to 3.5%"
    if not committed and not modal and told is None and not praised:
        # only a budget for a later year told as a fact is left: it needs a spending phrase or a booking word
        if not spending(doc, lex, sent) and not near(lex, "booking", doc, sent.start, sent.end):
            return []
        if not future_year(doc, lex, sent):
            return []
    if negated(doc, lex, sent) or near(lex, "aid", doc, sent.start, sent.end):
        return []
    if forecaster(doc, lex, sent):
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
    own = own_demand(doc, lex, sent, country)
    for i, f in enumerate(figs):
        if skip(doc, lex, f, sent, figs, own):
            continue
        scope_end = figs[i + 1].start if i + 1 < len(figs) else sent.end
        year = clause_year(doc, lex, f, sent, context) or target_year(doc, lex, doc.dates, f.end, scope_end, sent)
        if year and near(lex, "own_time", doc, f.end, scope_end):  # "... and to 3 % in the next parliament"
            year = None
        fiscal = fiscal_year(doc, lex, sent) if year is None else None
        split = split_year(doc, sent, year)
        if split:  # "by 2033-34": the year the fiscal year ends in (inferred, GUIDELINES §9)
            year, fiscal = None, split
        if (year or fiscal) and ref and (year or fiscal or 0) < ref.year:
            continue
        if past(doc, lex, f, sent, figs) and not ((year or fiscal) and ref and (year or fiscal or 0) > ref.year):
            continue  # a level reached; "the draft budget reached 9.04 trillion yen for fiscal 2026" is a budget
        if told is not None and part_of_told(told, f, figs):
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
    if not figs and committed and not third and not anaphoric and not near(lex, "demand", doc, sent.start, sent.end):
        year = target_year(doc, lex, doc.dates, items[0][0], sent.end, sent)
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


def _pledge_anaphora(doc: Document, lex: Lexicon, sent: Span, previous: list[Pledge] | None) -> Pledge | None:
    """ "Sunak pledged to lift spending to 2.5 % ... The pledge would mean ...": a sentence opening with the
    pledge, plan or budget told just before (pledges.anaphora) goes on about that pledge: its state and what."""
    if not previous:
        return None
    pat = lex.pattern("pledges", "anaphora")
    return previous[0] if pat is not None and pat.match(doc.text, sent.start) else None


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
    if not near(lex, "booking", doc, end, sent.end):
        return []
    return [(start, end, what)]


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
        after_word(doc, lex, "target", f.start)  # "to 2 %"
        or after_word(doc, lex, "modal", f.start)  # "reach 2 %"
        or before_cue(doc, lex, f.end)  # "the 2 % target"
    )
    first = first_spending(doc, lex)
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
            if p.by is None and of in (None, p.country) and not unresolved_year(doc, lex, p):
                p.by = context  # "budget for 2026. ... spending will reach 4.8 %"
        if not new and i and found:
            _date_target_told_before(doc, lex, sent, [p for p in found if doc.sentences[i - 1] in p.evidence])
        found += new
        year = context_year(doc, lex, sent)
        if year and not (new or spending(doc, lex, sent) or names_year(doc, sent, year)):
            year = None  # "... its forecast for UK economic growth this year": no budget year
        if year:
            context, of = year, (new[0].country if new else None)
    found = _restated(_merge(found))  # a headline's figure told again with its year takes that year
    inherit_years(doc, lex, found)
    return _restated(_merge(_drop_figureless(_merge(_without_past_levels(doc, lex, found)))))


def _date_target_told_before(doc: Document, lex: Lexicon, sent: Span, before: list[Pledge]) -> None:
    """ "… GDP比2%への引き上げを達成した。当初は27年度の予定だったが、首相が今年度中の実現を表明していた": a
    commitment with a time and no figure or spending phrase of its own, right after a share-of-GDP target,
    says when that target is met (the fiscal year inferred)."""
    targets = [p for p in before if p.unit == "% GDP"]
    if not targets or not near(lex, "cues", doc, sent.start, sent.end) or spending(doc, lex, sent):
        return
    if figures(doc, lex, sent):
        return
    fiscal = fiscal_year(doc, lex, sent)
    year = fiscal or target_year(doc, lex, doc.dates, sent.start, sent.end, sent)
    ref = doc.reference_day
    if year is None or (ref is not None and year < ref.year) or told_as_past(doc, lex, sent, year):
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
            and told_as_past(doc, lex, p.evidence[0], p.by)
            and any(q.country == p.country and q.unit == p.unit and q.by and q.by > p.by for q in pledges)
        )
    ]
