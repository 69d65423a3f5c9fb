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
from dataclasses import dataclass
from functools import lru_cache

from allied.model import DateMention, Document, Mention, Pledge, Span
from allied.news import spans
from allied.news.lexicon import Lexicon

NUMBER = r"\d+(?:[.,]\d+)*"


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: float
    kind: str  # percent | money
    unit: str = ""


NATO_SUMMIT = "forum:nato-summit"  # what the allies adopt at their summit is the alliance's target


def _number(text: str, decimal_comma: bool) -> float | None:
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _alt(words: list[str] | dict[str, str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    """ISO 4217 codes (CLDR via babel): 'KRW 65.8 trillion' names its currency by code."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


_CURRENCIES: dict[tuple[str, str], dict[str, str]] = {}


def currencies(lex: Lexicon) -> dict[str, str]:
    """Currency words and signs -> ISO 4217 code: CLDR's names (singular and plural) and symbols in the pack's
    locale (babel: "Danish kroner", "A$", "zł"), then the pack's own table, which wins ("won", "$")."""
    key = (lex.language, str(lex.folder))
    if key not in _CURRENCIES:
        from babel import Locale, UnknownLocaleError

        table: dict[str, str] = {}
        try:
            loc = Locale.parse(lex.text("pack", "cldr_locale"))
        except (ValueError, UnknownLocaleError):
            loc = None
        if loc is not None:
            names: dict[str, set[str]] = {}
            for code, name in loc.currencies.items():
                names.setdefault(name, set()).add(code)
            for code, forms in loc._data.get("currency_names_plural", {}).items():
                for form in dict(forms).values():
                    names.setdefault(form, set()).add(code)
            for code, sign in loc.currency_symbols.items():
                if sign != code and not sign.isalpha():  # "A$", "zł"; not a bare code or a word ("Kč" is a word)
                    names.setdefault(sign, set()).add(code)
            table = {name: next(iter(codes)) for name, codes in names.items() if len(codes) == 1}
        table.update(lex.table("pledges", "currencies"))
        _CURRENCIES[key] = table
    return _CURRENCIES[key]


def _money_pattern(lex: Lexicon) -> re.Pattern[str]:
    key = "pledges.money"
    if key not in lex.patterns:
        scales = lex.table("pledges", "scales")
        currencies = globals()["currencies"](lex)
        cur = "(?i:" + _alt(currencies) + ")|" + "|".join(sorted(_iso_currencies()))  # codes in capitals only
        end = r"(?!\w)" if lex.spaced else ""
        lex.patterns[key] = re.compile(
            rf"(?<![\w.,])(?:(?P<pre>{cur})\s*)?(?P<n>{NUMBER})\s*(?P<scale>(?i:{_alt(scales)})){end}\.?"
            rf"(?:\s*(?P<cur>{cur}){end})?"
        )
    return lex.patterns[key]  # type: ignore[return-value]


SCALE_OF = ((10**12, "trillion"), (10**8, "billion"), (10**4, "million"))  # a multiplier word's scale
SCALE_VALUE = {"trillion": 1e12, "billion": 1e9, "million": 1e6}


def _myriad_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """ "66조 2천947억 원", "約1兆1000億円", "16655亿元": digit groups with multiplier words, then a currency."""
    key = "pledges.myriad"
    if key not in lex.patterns:
        mults, currencies = lex.table("pledges", "multipliers"), lex.table("pledges", "currencies")
        lex.patterns[key] = (
            re.compile(
                rf"(?<![\d.,])(?P<n>(?:{NUMBER}\s*(?:{_alt(mults)})\s*)+(?:{NUMBER})?)\s*(?P<cur>{_alt(currencies)})"
            )
            if mults
            else None
        )
    return lex.patterns[key]


def _myriad_value(lex: Lexicon, text: str) -> tuple[float, str] | None:
    """The amount and its scale: the largest multiplier word names the scale (億 -> billion: 8472億 = 847.2)."""
    mults = lex.table("pledges", "multipliers")
    total = section = 0.0
    largest = 0
    for num, word in re.findall(rf"({NUMBER})?\s*({_alt(mults)})?", text):
        if not num and not word:
            continue
        value = _number(num, lex.flag("pledges", "decimal_comma")) if num else 1.0
        if value is None:
            return None
        n = int(mults[word]) if word else 1
        if n >= 10**4:
            total += (section + value) * n
            section = 0.0
            largest = max(largest, n)
        else:
            section += value * n
    total += section
    scale = next((name for at, name in SCALE_OF if largest >= at), None)
    return (round(total / SCALE_VALUE[scale], 6), scale) if scale else None


def _currency(lex: Lexicon, word: str) -> str | None:
    if word in _iso_currencies():
        return word
    table = currencies(lex)
    found = table.get(word)
    return found or next((v for k, v in table.items() if k.lower() == word.lower()), None)


def _word_number(lex: Lexicon, doc: Document, span: Span, end: int) -> tuple[int, float] | None:
    """A number written in words right before ``end`` ("five percent", "zwei Prozent"), read by text2num."""
    lang = lex.text("pledges", "text2num")
    if not lang:
        return None
    from text_to_num import text2num

    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", doc.text[span.start : end]))[-4:]
    for i in range(len(words)):
        first = words[i]
        if doc.text[span.start + words[-1].end() : end].strip():
            return None
        phrase = doc.text[span.start + first.start() : span.start + words[-1].end()]
        try:
            value = float(text2num(phrase.lower(), lang))
        except (ValueError, TypeError):
            continue
        return span.start + first.start(), value
    return None


def figures(doc: Document, lex: Lexicon, span: Span) -> list[Figure]:
    comma = lex.flag("pledges", "decimal_comma")
    percent_words = _alt(lex.words("pledges", "percent"))
    left = r"(?<![\w.,])" if lex.spaced else r"(?<![\d.,])"
    percent = re.compile(rf"{left}({NUMBER})\s*(?:{percent_words})(?![\w])?", re.I)
    scales = lex.table("pledges", "scales")
    out = []
    for m in percent.finditer(doc.text, span.start, span.end):
        value = _number(m.group(1), comma)
        if value is not None:
            out.append(Figure(m.start(), m.end(), value, "percent"))
    spelt = re.compile(rf"(?<!\w)(?:{percent_words})(?!\w)", re.I)
    for m in spelt.finditer(doc.text, span.start, span.end):
        found = _word_number(lex, doc, span, m.start())
        if found and not any(f.start <= m.start() < f.end for f in out):
            out.append(Figure(found[0], m.end(), found[1], "percent"))
    for m in _money_pattern(lex).finditer(doc.text, span.start, span.end):
        cur = m.group("pre") or m.group("cur")
        code = _currency(lex, cur) if cur else None
        value = _number(m.group("n"), comma)
        if code and value is not None:
            scale = next(v for k, v in scales.items() if k.lower() == m.group("scale").lower())
            out.append(Figure(m.start(), m.end(), value, "money", f"{code} {scale}"))
    myriad = _myriad_pattern(lex)
    for m in myriad.finditer(doc.text, span.start, span.end) if myriad else ():
        code, amount = _currency(lex, m.group("cur")), _myriad_value(lex, m.group("n"))
        if code and amount and not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Figure(m.start(), m.end(), amount[0], "money", f"{code} {amount[1]}"))
    out += _spelt_money(doc, lex, span, out)
    return sorted(out, key=lambda f: f.start)


def _spelt_money(doc: Document, lex: Lexicon, span: Span, found: list[Figure]) -> list[Figure]:
    """An amount whose number is written in words ("cinquante milliards d'euros", "doce mil millones de
    euros"), read by text2num like spelt percentages."""
    if not lex.text("pledges", "text2num") or not lex.spaced:
        return []
    scales, currencies = lex.table("pledges", "scales"), lex.table("pledges", "currencies")
    words = _alt([c for c in currencies if c[:1].isalpha()])
    if not words:
        return []
    pat = re.compile(rf"(?<!\w)(?P<scale>{_alt(scales)})(?!\w)\.?\s*(?P<cur>{words})(?!\w)", re.I)
    out = []
    for m in pat.finditer(doc.text, span.start, span.end):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        number = _word_number(lex, doc, span, m.start())
        code = _currency(lex, m.group("cur"))
        if number and code:
            scale = next(v for k, v in scales.items() if k.lower() == m.group("scale").lower())
            out.append(Figure(number[0], m.end(), number[1], "money", f"{code} {scale}"))
    return out


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


def spending(doc: Document, lex: Lexicon, span: Span) -> list[tuple[int, int, str]]:
    """Spending phrases in the span with what they name ("Kernverteidigungsausgaben" -> core defense spending)."""
    pat, whats = _spending_pattern(lex)
    if not lex.possible("pledges.spending", doc.text, span.start, span.end):  # no spending phrase's word there
        return []
    return [
        (m.start(), m.end(), whats[int(str(m.lastgroup)[1:])]) for m in pat.finditer(doc.text, span.start, span.end)
    ]


def _near(lex: Lexicon, key: str, doc: Document, lo: int, hi: int) -> bool:
    return lex.has("pledges", key, doc.text, max(0, lo), hi)


def _in_parentheses(doc: Document, f: Figure, span: Span) -> bool:
    before = doc.text[span.start : f.start]
    return before.count("(") > before.count(")")


def _unit(doc: Document, lex: Lexicon, f: Figure, span: Span, scope_end: int) -> str:
    if f.kind == "money":
        return f.unit
    if _near(lex, "gdp", doc, f.end, min(scope_end, f.end + 40)):
        return "% GDP"
    if lex.flag("pledges", "gdp_before") and _near(lex, "gdp", doc, max(span.start, f.start - 16), f.start):
        return "% GDP"
    ceiling = _after_word(doc, lex, "ceiling", f.start)  # "up to 1.5 %" is a share, not a rise
    if not ceiling and _near(lex, "increase", doc, max(span.start, f.start - 40), min(span.end, f.end + 40)):
        return "percent increase"
    return "percent"


def _what(items: list[tuple[int, int, str]], f: Figure, scope_end: int, unit: str, year: int | None) -> str | None:
    after = [w for s, _, w in items if f.end <= s < scope_end]
    if {"core defense spending", "defense-related spending"} <= set(after):
        return "defense spending"
    near = after[:1] or [w for s, _, w in items if s < f.start][-1:]
    if not near:
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
            continue
        if _fixed_fiscal_year(doc, lex, d):
            continue  # "올해 예산 대비": this year's level, the baseline, is no target year
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
        d
        for d in spans.between(dates, c_lo, c_hi)
        if d.precision == "year" and d.year is not None and ref is not None and d.year > ref.year
    ]
    return bare[0].year if bare else None


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


def _pledger(
    doc: Document, lex: Lexicon, sent: Span, items: list[tuple[int, int, str]], nato: bool, last: str | None
) -> tuple[str | None, bool]:
    """(country, third_party) for the sentence: possessor of the spending, else the speaker."""
    ms = spans.between(doc.mentions, sent.start, sent.end)
    speakers = [
        m
        for m in ms
        if m.kind in ("person", "organization", "alliance")
        and (m.country or m.id)
        or m.id == NATO_SUMMIT  # "na tegorocznym szczycie NATO ... przyjęto cel 5 proc. PKB"
        or m.kind == "state"
        and m.role not in ("demonym",)
    ]
    # a source whose state is unknown ("木原官房長官によると、防衛省は…") gives way to the next one with a state
    speaker = next((m for m in speakers if _country(m, nato)), speakers[0] if speakers else None)
    first_spend = items[0][0] if items else sent.end
    possessor = _possessor(doc, lex, ms, first_spend)
    spk = _country(speaker, nato)
    if possessor is not None:
        own = possessor.country
        return own, bool(spk and spk != own)
    if spk:
        return spk, False
    adjective = next((m for m in ms if m.kind == "state" and m.span.end <= first_spend), None)
    if adjective is not None and adjective.country:  # "The Canadian government said it would spend ..."
        return adjective.country, False
    home = _home_state(doc, ms)
    if home:
        return home, False
    if last is None and lex.has("pledges", "government", doc.text, sent.start, first_spend):
        return _home_country(doc), False
    if last is None:
        # A budget in money with no state named ("Die Verteidigungsausgaben sollen ... auf 108,2 Milliarden Euro
        # steigen") is the article's own state's; a share of GDP in a NATO text is the alliance's target.
        money = any(f.kind == "money" for f in figures(doc, lex, sent))
        if nato and not money:
            return "NATO", False
        return _home_country(doc) or ("NATO" if nato else None), False
    return last, False


def _home_state(doc: Document, ms: list[Mention]) -> str | None:
    """A figure told with no state and no alliance in its sentence is the outlet's state's ("Rząd przyjął
    budżet..." in a Polish paper), when the URL's country-code domain names one."""
    if any(m.kind == "alliance" or m.id in ("org:nato", NATO_SUMMIT) for m in ms):
        return None
    from allied.news.mentions import outlet_country

    return outlet_country(doc) or None


def _home_country(doc: Document) -> str | None:
    """ "정부가 ... 편성했습니다": the government is that of the first head of state, government or minister
    the article names."""
    return next(
        (m.country for m in doc.mentions if m.kind == "person" and m.country and m.source), None
    )


def _country(m: Mention | None, nato: bool) -> str | None:
    if m is None:
        return None
    if m.kind == "alliance" or m.id in ("org:nato", NATO_SUMMIT):
        return "NATO" if nato and m.id else None
    return m.country or None


def _possessor(doc: Document, lex: Lexicon, ms: list[Mention], before: int) -> Mention | None:
    clitic = re.compile(rf"(?:{lex.alt('markers', 'genitive_clitic')})" + (r"(?!\w)" if lex.spaced else ""))
    cands = [
        m
        for m in ms
        if m.kind in ("state", "place")
        and m.span.end <= before
        and before - m.span.end < 110
        and (m.role == "modifier" or clitic.match(doc.text, m.span.end) or _subject(doc, lex, m, before))
        and not _qualifies_title(doc, ms, m)
    ]
    return cands[-1] if cands else None


def _qualifies_title(doc: Document, ms: list[Mention], m: Mention) -> bool:
    """ "트럼프 미국 대통령과의 회담 직후 '국방비를 증액하겠다'": a state right before a title is the official's
    state, not the owner of the spending named after it."""
    return any(t.kind == "title" and 0 <= t.span.start - m.span.end <= 1 for t in ms)


def _subject(doc: Document, lex: Lexicon, m: Mention, before: int) -> bool:
    """In a script without spaces a state in the spending phrase's own clause is its subject
    ("日本近期也就增加國防預算")."""
    return not lex.spaced and m.kind == "state" and not re.search(r"[,，、。；;]", doc.text[m.span.end : before])


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
    return _near(lex, "past", doc, lo, hi)


def _skip(doc: Document, lex: Lexicon, f: Figure, sent: Span, figs: list[Figure]) -> bool:
    lo = max(sent.start, f.start - 40)
    i = figs.index(f)
    prev = figs[i - 1] if i else None
    if _baseline(doc, lex, f, figs) or _past(doc, lex, f, sent, figs):
        return True
    if _near(lex, "part", doc, sent.start, f.start):  # "국방 예산 중 전력운영비는 ...": a line item
        return True
    if _in_parentheses(doc, f, sent) or _near(lex, "current", doc, max(sent.start, f.start - 30), f.start):
        return True
    if _near(lex, "demand", doc, lo, f.end + 10):
        return True
    words = lex.words("pledges", "restatement")
    gap = re.compile(rf"\s*,\s*(?:{_alt(words)})\s+", re.I) if words else None
    return bool(prev and gap and gap.fullmatch(doc.text, prev.end, f.start))


def _booked(doc: Document, lex: Lexicon, sent: Span, what: str) -> list[tuple[int, int, str]]:
    """ "防衛省は…8472億円を計上": an amount a defense ministry books (a booking verb) is a budget figure; the
    ministry stands for the spending phrase, and names what the budget told just before is (``what``)."""
    if not _near(lex, "booking", doc, sent.start, sent.end):
        return []
    from allied.news.names import index_for

    ministries = {e.id for e in index_for(lex.language).ministries.values()}
    for m in spans.between(doc.mentions, sent.start, sent.end):
        if m.kind == "organization" and (m.id in ministries or lex.has("ministries", "defense", m.span.text)):
            return [(m.span.start, m.span.end, what)]
    return []


def sentence_pledges(
    doc: Document,
    lex: Lexicon,
    sent: Span,
    nato: bool,
    last: str | None,
    context: int | None = None,
    booked: str = "defense budget",
) -> list[Pledge]:
    committed = _near(lex, "cues", doc, sent.start, sent.end)
    if not committed and not _near(lex, "modal", doc, sent.start, sent.end):
        return []
    items = spending(doc, lex, sent) or _booked(doc, lex, sent, booked)
    if not items:
        return []
    country, third = _pledger(doc, lex, sent, items, nato, last)
    if country is None:
        return []
    figs = figures(doc, lex, sent)
    out = []
    ref = doc.reference_day
    for i, f in enumerate(figs):
        if _skip(doc, lex, f, sent, figs):
            continue
        scope_end = figs[i + 1].start if i + 1 < len(figs) else sent.end
        year = _clause_year(doc, lex, f, sent, context) or _year(doc, lex, doc.dates, f.end, scope_end, sent)
        fiscal = fiscal_year(doc, lex, sent) if year is None else None
        split = _split_year(doc, sent, year)
        if split:  # "by 2033-34": the year the fiscal year ends in (inferred, GUIDELINES §9)
            year, fiscal = None, split
        if (year or fiscal) and ref and (year or fiscal or 0) < ref.year:
            continue
        unit = _unit(doc, lex, f, sent, scope_end)
        what = _what(items, f, scope_end, unit, year or fiscal)
        if what:
            out.append(Pledge(country, what, f.value, unit, year or fiscal, fiscal is not None, evidence=[sent]))
    ends = [f.start for f in figs[1:]] + [sent.end][: len(figs)]
    shares = [_unit(doc, lex, f, sent, end) for f, end in zip(figs, ends, strict=True)]
    if "% GDP" in shares:
        for p in out:
            p.unit = "% GDP" if p.unit == "percent" else p.unit
    if not figs and committed and not third and not _near(lex, "demand", doc, sent.start, sent.end):
        year = _year(doc, lex, doc.dates, items[0][0], sent.end, sent)
        out.append(Pledge(country, items[0][2], None, None, year, evidence=[sent]))
    return out


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
            if lex.has("markers", "past", doc.text, lo, hi) and not lex.has("markers", "future", doc.text, lo, hi):
                return True
    return False


def find_pledges(doc: Document, lex: Lexicon) -> list[Pledge]:
    nato = lex.has("alliance", "nato", doc.text)
    found: list[Pledge] = []
    context: int | None = None
    of: str | None = None  # the state whose budget or target year ``context`` is
    for i, sent in enumerate(doc.sentences):
        if i == 0 and sent.start == 0 and not doc.title_is_text:
            continue
        new = sentence_pledges(doc, lex, sent, nato, found[-1].country if found else None, context)
        for p in new:
            if p.by is None and of in (None, p.country) and not _unresolved_year(doc, lex, p):
                p.by = context  # "budget for 2026. ... spending will reach 4.8 %"
        found += new
        year = _context_year(doc, lex, sent)
        if year:
            context, of = year, (new[0].country if new else None)
    found = _merge(found)
    _inherit_years(doc, lex, found)
    return _merge(_drop_figureless(_merge(_without_past_levels(doc, lex, found))))


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
