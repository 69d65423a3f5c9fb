"""Dates (stage ``dates``): day, range, weekday, relative-day, month and year expressions, resolved by
the guidelines' rules (GUIDELINES §6, date).

Month and weekday names come from CLDR (babel) for the document's language; the words around them
("vom ... bis", "earlier", "next year") from the language's lexicon. The reference day is the
publication date, or else a full date printed in the text (a dateline or caption), which makes every
value resolved against it ``inferred``. Without a reference day, weekdays and dates without a year stay
unresolved. Tense decides a weekday: past tense means the most recent such day on or before the
reference day, otherwise the next such day on or after it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names

from allied.model import DateMention, Document, Span
from allied.news.lexicon import Lexicon

CLAUSE = re.compile(r"[,;:()\"“”„，、；：（）「」]|\s[–—-]\s")
# a quoted term of up to three words ('in a "two-plus-two" format') is a name, not a quotation cutting the clause
QUOTED_TERM = re.compile(r"[\"“„](?:\w[\w+\-']*)(?:\s[\w+\-']+){0,2}[\"”“]")


@dataclass(frozen=True)
class _Patterns:
    months: dict[str, int]
    weekdays: dict[str, int]
    full: tuple[re.Pattern[str], ...]
    weekday: re.Pattern[str]
    month_only: re.Pattern[str]
    year: re.Pattern[str]
    relative: re.Pattern[str] | None
    numerals: dict[str, int]
    bare_day: re.Pattern[str] | None = None


def number(p: _Patterns, text: str) -> int:
    """A number in digits (ASCII or full-width) or in the pack's numerals, read positionally (三十一 = 31)."""
    if text.isdigit():
        return int(text)
    total = cur = 0
    for ch in text:
        n = p.numerals.get(ch, 0)
        if n >= 10:
            total, cur = total + (cur or 1) * n, 0
        else:
            cur = cur * 10 + n
    return total + cur


def _names(table: Mapping[int, str]) -> dict[str, int]:
    return {v.lower().rstrip("."): k for k, v in table.items()}


def _alt(words: list[str] | dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def patterns(lex: Lexicon) -> _Patterns:
    return _patterns(lex.language, lex)


def _locale(lex: Lexicon) -> str:
    return lex.text("pack", "cldr_locale")


_CACHE: dict[str, _Patterns] = {}


def _patterns(loc: str, lex: Lexicon) -> _Patterns:
    if loc in _CACHE:
        return _CACHE[loc]
    _CACHE[loc] = _build(loc, lex)
    return _CACHE[loc]


def _build(loc: str, lex: Lexicon) -> _Patterns:
    cldr = _locale(lex)
    wide = _names(get_month_names("wide", locale=cldr))
    short = {k: v for k, v in _names(get_month_names("abbreviated", locale=cldr)).items() if k not in wide}
    short.update({k.lower(): v for k, v in lex.table("dates", "month_aliases").items() if k.lower() not in wide})
    months = {**short, **wide}
    weekdays = {**_names(get_day_names("wide", locale=cldr))}
    weekdays.update({k.lower(): v for k, v in lex.table("dates", "weekday_aliases").items()})
    m, d, y = rf"(?:(?:{_alt(wide)})(?!\w)|(?:{_alt(short)})\.?)", r"\d{1,2}", r"\d{4}"
    rng = _alt(lex.words("dates", "range"))
    numerals = {k: int(v) for k, v in lex.table("pack", "numerals").items()}
    if numerals:
        d = rf"(?:\d{{1,2}}|[{''.join(numerals)}]{{1,3}})"
    lb, rb = (r"(?<![\w.])", r"(?!\w)") if lex.spaced else (r"(?<![\d.])", r"(?!\d)")
    ds = re.escape(lex.text("dates", "day_suffix"))
    full: tuple[str, ...]
    if lex.flag("dates", "year_first"):  # 2024年11月4日, 2024년 11월 4일, 11月2～3日
        ys, ms = re.escape(lex.text("dates", "year_suffix")), re.escape(lex.text("dates", "month_suffix"))
        year_month = rf"(?:(?P<y>{y})\s*{ys}\s*)?(?P<mn>{d})\s*{ms}\s*"
        full = (
            rf"{year_month}(?P<d1>{d})\s*(?:{ds})?\s*(?:{rng})\s*(?P<d>{d})\s*{ds}",
            rf"{year_month}(?P<d>{d})\s*{ds}",
        )
    elif lex.text("dates", "day_suffix") == ".":
        full = (
            rf"(?P<d1>{d})\.?\s*(?:(?P<m1>{m})\s*)?(?:{rng})\s*(?P<d>{d})\.\s*(?P<m>{m})(?:\s+(?P<y>{y}))?",
            rf"(?P<d>{d})\.\s*(?P<m>{m})(?:\s+(?P<y>{y}))?",
            rf"(?P<d>{d})\.(?P<mn>\d{{1,2}})\.(?P<y>{y})",
        )
    elif lex.flag("dates", "day_first"):
        j = rf"(?:(?:{_alt(lex.words('dates', 'month_joiners'))})\s+)?" if lex.words("dates", "month_joiners") else ""
        full = (
            rf"(?P<d1>{d})\s*(?:{j}(?P<m1>{m})\s*)?(?:{rng})\s*(?P<d>{d})\s+{j}(?P<m>{m})(?:,?\s+{j}(?P<y>{y}))?",
            rf"(?P<d>{d})\s+{j}(?P<m>{m})(?:,?\s+{j}(?P<y>{y}))?",
            rf"(?P<d>{d})[./](?P<mn>\d{{1,2}})[./](?P<y>{y})",
        )
    else:
        full = (
            rf"(?P<m1>{m})\s+(?P<d1>{d})\s*(?:{rng})\s*(?:(?P<m>{m})\s+)?(?P<d>{d})(?:,?\s+(?P<y>{y}))?",
            rf"(?P<m>{m})\s+(?P<d>{d})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{y}))?",
            rf"(?P<d>{d})\s+(?P<m>{m})(?:,?\s+(?P<y>{y}))?",
        )
    full = (rf"(?P<y>{y})-(?P<mn>\d{{2}})-(?P<d>\d{{2}})", *full)
    mods = _alt(
        lex.words("dates", "weekday_future") + lex.words("dates", "weekday_past") + lex.words("dates", "weekday_on")
    )
    after = _alt(lex.words("dates", "weekday_future_after") + lex.words("dates", "weekday_past_after")) or "(?!)"
    rel = lex.table("dates", "relative_days")
    month_preps = _alt(lex.words("dates", "month_prepositions")) or "(?!)"
    behind, ahead = _inside_amount(lex)
    return _Patterns(
        months=months,
        weekdays=weekdays,
        full=tuple(re.compile(rf"{lb}{p}{rb}", re.IGNORECASE) for p in full),
        weekday=re.compile(
            rf"(?<!\w)(?:(?P<mod>{mods})\s+)?(?P<wd>{_alt(weekdays)})s?(?:\s+(?P<after>{after}))?(?!\w)", re.IGNORECASE
        )
        if lex.spaced
        else re.compile(rf"(?:(?P<mod>{mods})\s*)?(?P<wd>{_alt(weekdays)})(?:\s*(?P<after>{after}))?"),
        month_only=re.compile(rf"(?<!\w)(?:{month_preps})\s+(?:{m})(?:\s+{y})?(?!\w)", re.IGNORECASE),
        year=re.compile(rf"(?<![\w.,-]){_year_prefix(lex)}(?P<y>19[5-9]\d|20\d\d)(?![\w%])")
        if lex.spaced
        else re.compile(rf"(?<![\d.,-]){behind}(?P<y>19[5-9]\d|20\d\d)(?![\d%]){ahead}"),
        relative=_relative_pattern(lex, rel),
        numerals=numerals,
        bare_day=re.compile(rf"{lb}(?:(?P<d1>{d})\s*(?:{ds})?\s*(?:{rng})\s*)?(?P<d>{d})\s*{ds}")
        if lex.flag("dates", "bare_day")
        else None,
    )


def _year_prefix(lex: Lexicon) -> str:
    """ "FY2026", "FY 2026": a prefix written before a year, part of the year's mention."""
    words = lex.words("dates", "year_prefixes")
    return rf"(?:(?:{'|'.join(re.escape(w) for w in words)})\s?)?" if words else ""


def _inside_amount(lex: Lexicon) -> tuple[str, str]:
    """ "1兆2000億円": a four-digit number right after or before a multiplier word is a part of an amount, not
    a year (lookarounds before and after the year pattern)."""
    mults = lex.table("pledges", "multipliers")
    chars = "".join(re.escape(w) for w in mults if len(w) == 1)
    return (rf"(?<![{chars}])" if chars else "", rf"(?!\s*(?:{_alt(mults)}))" if mults else "")


def _relative_pattern(lex: Lexicon, rel: dict[str, int]) -> re.Pattern[str] | None:
    if not rel:
        return None
    return re.compile(rf"(?<!\w)(?:{_alt(rel)})(?!\w)", re.IGNORECASE) if lex.spaced else re.compile(_alt(rel))


def month_number(lex: Lexicon, word: str) -> int | None:
    """The month a (CLDR or pack) month name stands for, in the pack's language."""
    return _month(patterns(lex), word)


def calendar_word(lex: Lexicon, word: str) -> bool:
    """A month or weekday name of the pack's language ("Minister Monday" names no one)."""
    p = patterns(lex)
    return _month(p, word) is not None or word.lower().rstrip("s") in p.weekdays


def _month(p: _Patterns, text: str | None) -> int | None:
    return p.months.get(text.lower().rstrip(".")) if text else None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


URL_DAY = re.compile(r"(?<!\d)(20\d\d|19\d\d)([-/]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def url_day(url: str | None) -> dt.date | None:
    """A day in the article's address ("/2025/06/04/", "/2025-06-04/", "20250604")."""
    m = URL_DAY.search(url or "")
    return _day(int(m.group(1)), int(m.group(3)), int(m.group(4))) if m else None


def reference_day(doc: Document, lex: Lexicon) -> tuple[dt.date | None, bool]:
    """The publication date, else a day in the URL, else the first full date printed in the text (inferred)."""
    if doc.published:
        return doc.published, False
    from_url = url_day(doc.url)
    if from_url:
        return from_url, True
    p = patterns(lex)
    for pat in p.full:
        for m in pat.finditer(doc.text):
            if m.group("y"):
                month = number(p, m.group("mn")) if m.groupdict().get("mn") else _month(p, m.group("m"))
                day = _day(int(m.group("y")), month or 0, number(p, m.group("d")))
                if day:
                    return day, True
    return None, False


def tense(lex: Lexicon, text: str, start: int, end: int, sent: Span) -> str:
    """'future', 'past' or 'present' for the clause around [start, end), falling back to the sentence. Tense
    words inside a quotation the expression stands outside of are the quoted speaker's ("3일 … '늘리겠다'고
    밝혔다": said, not will increase)."""
    from allied.news.extractor import quotations

    quotes = [q for q in quotations(text, sent.start, sent.end) if not q[0] <= start < q[1]]

    def told(key: str, lo: int, hi: int) -> list[re.Match[str]]:
        return [m for m in lex.find("markers", key, text, lo, hi) if not any(a <= m.start() < b for a, b in quotes)]

    cs, ce = clause(text, start, end, sent, lex)
    cs, ce = _own_predicate(lex, text, start, end, cs, ce)
    if told("future", cs, ce):
        return "future"
    if told("past", cs, ce):
        return "past"
    # no tense in the clause: the nearest verb of the sentence ("At a press conference on Tuesday, X told
    # reporters that Japan would ...": told, not the reported would); with ``pack.last_tense`` the last one
    marks = [(m, "future") for m in told("future", sent.start, sent.end)]
    marks += [(m, "past") for m in told("past", sent.start, sent.end)]
    if not marks:
        return "present"
    if lex.flag("pack", "last_tense"):
        return max(marks, key=lambda x: x[0].end())[1]
    return min(marks, key=lambda x: (min(abs(x[0].start() - end), abs(start - x[0].end())), x[1] != "future"))[1]


def _own_predicate(lex: Lexicon, text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The part of the clause [lo, hi) that is the predicate of [start, end): a conjunction followed by a verb
    of another tense starts a second predicate ("met Wednesday in Brussels and agreed to hold talks later this
    month": the weekday is the meeting's, past; "met on Monday and will visit Hanoi on Friday")."""
    if not lex.spaced:
        return lo, hi
    verbs = f"{lex.alt('markers', 'future')}|{lex.alt('markers', 'past')}"
    conj = re.compile(rf"\s(?:{lex.alt('markers', 'conjunctions')})\s+(?=(?:{verbs})(?!\w))", re.I)
    for m in conj.finditer(text, lo, hi):
        if m.start() >= end:
            return lo, m.start()
        if m.end() <= start:
            lo = m.end()
    return lo, hi


def clause(text: str, start: int, end: int, sent: Span, lex: Lexicon) -> tuple[int, int]:
    """The clause around [start, end): cut at punctuation and at the language's subordinating words."""
    starts, ends = _cuts(text, sent.start, sent.end, lex)
    i = bisect_right(ends, start)
    j = bisect_left(starts, end)
    return (ends[i - 1] if i else sent.start), (starts[j] if j < len(starts) else sent.end)


class Taken(list[tuple[int, int]]):
    """The spans already read as dates in a sentence (they never overlap), with an overlap test by
    bisection: a scan of every span per match made a sentence full of dates cost its length squared."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__()
        self._sorted: list[tuple[int, int]] = []
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        insort(self._sorted, span)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._sorted, (end, -1)) - 1  # the last span starting before ``end``
        return any(s < end and start < e for s, e in self._sorted[max(i - 1, 0): i + 1])


_CUTS: dict[tuple[str, int, int, int], tuple[list[int], list[int]]] = {}


def _cuts(text: str, lo: int, hi: int, lex: Lexicon) -> tuple[list[int], list[int]]:
    """A sentence's clause cuts (sorted starts, sorted ends), found once per sentence: a scan per call
    made one long sentence cost its length squared. (A str caches its hash, so the key is cheap; packs
    live as long as the process, so their id is theirs.)"""
    key = (text, lo, hi, id(lex))
    if key not in _CUTS:
        if len(_CUTS) > 256:
            _CUTS.clear()
        terms = {i for m in QUOTED_TERM.finditer(text, lo, hi) for i in (m.start(), m.end() - 1)}
        cuts = [(m.start(), m.end()) for m in CLAUSE.finditer(text, lo, hi) if m.start() not in terms]
        cuts += [(m.start(), m.start()) for m in lex.find("markers", "subordinators", text, lo, hi)]
        _CUTS[key] = sorted(s for s, _ in cuts), sorted(e for _, e in cuts)
    return _CUTS[key]


def _url_year(doc: Document) -> int | None:
    m = re.search(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", doc.url or "")
    return int(m.group(1)) if m else None


def context_year(doc: Document) -> int | None:
    """The year a text without a publication date is about: the URL's year, else the first year the text
    names (GUIDELINES §6: "if published is null the year is taken from context", inferred)."""
    if _url_year(doc):
        return _url_year(doc)
    m = re.search(r"(?<![\w.,-])(19[5-9]\d|20\d\d)(?![\w%])", doc.text)
    return int(m.group(1)) if m else None


Terms = tuple[tuple[str, str], ...]  # one official's terms of office: (start, end) partial dates, '' open


def office_year(officials: Iterable[Terms], month: int, day: int | None) -> int | None:
    """The first year in which every official the text names held office on that day and month ("am 4. November"
    with Hegseth and Ahn Gyu-back, in a text with no date and no year: 2025): one of each official's terms holds
    it. A reader who knows who is in office dates such a text; None when no such year follows the latest first
    start, or no term has a start (GUIDELINES §6: the year from context, inferred)."""
    spans_ = [
        spans
        for terms in officials
        if (spans := [(lo, _partial(end, low=False)) for start, end in terms if (lo := _partial(start, low=True))])
    ]
    if not spans_:
        return None
    first = max(min(lo for lo, _ in spans) for spans in spans_)
    for year in (first.year, first.year + 1):
        on = _day(year, month, day or 1)
        if on and all(any(lo <= on and (hi is None or on <= hi) for lo, hi in spans) for spans in spans_):
            return year
    return None


def in_office(officials: Iterable[Terms], year: int, month: int, day: int | None) -> bool:
    """Whether every official with a known term held office on that day (one of its terms holds it)."""
    on = _day(year, month, day or 1)
    spans_ = [
        [(lo, _partial(end, low=False)) for start, end in terms if (lo := _partial(start, low=True))]
        for terms in officials
    ]
    return on is None or all(any(lo <= on and (hi is None or on <= hi) for lo, hi in s) for s in spans_ if s)


def _partial(text: str, low: bool) -> dt.date | None:
    """ '2025-07-25', '2022-12', '2018' as the first (``low``) or last day they can mean; '' is open."""
    if not text:
        return None
    parts = [int(x) for x in text.split("-")[:3]]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        if low:
            return dt.date(parts[0], parts[1], 1)
        return add_days(dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1), -1)
    return dt.date(parts[0], 1, 1) if low else dt.date(parts[0], 12, 31)


def _shift_before(doc: Document, lex: Lexicon, key: str, pos: int, lo: int) -> int | None:
    """The offset of a word of ``dates.<key>`` (a table phrase -> offset) that ends right before ``pos``:
    "去年" (-1) before "四月十六日", "다음달" (+1) before "4일"; None if there is none."""
    name = f"dates.{key}._pattern"
    if name not in lex.patterns:
        table = lex.table("dates", key)
        lex.patterns[name] = lex.compile(list(table)) if table else None
    pat = lex.patterns[name]
    if pat is None:
        return None
    hits = [m for m in pat.finditer(doc.text, max(lo, pos - 12), pos) if not doc.text[m.end() : pos].strip()]
    if not hits:
        return None
    offsets = {lex.norm(k): v for k, v in lex.table("dates", key).items()}
    return offsets.get(lex.norm(hits[-1].group()))


def _full(
    doc: Document,
    lex: Lexicon,
    p: _Patterns,
    sent: Span,
    ref: dt.date | None,
    inferred: bool,
    taken: Taken,
    terms: tuple[Terms, ...] = (),
) -> list[DateMention]:
    out = []
    fallback = None if ref else context_year(doc)
    for pat in p.full:
        for m in pat.finditer(doc.text, sent.start, sent.end):
            if taken.overlaps(m.start(), m.end()):
                continue
            gd = m.groupdict()
            month = number(p, gd["mn"]) if gd.get("mn") else (_month(p, gd.get("m")) or _month(p, gd.get("m1")))
            year: int | None
            shift = _shift_before(doc, lex, "relative_years", m.start(), sent.start)
            if gd.get("y"):
                year, infer = int(gd["y"]), False
            elif ref and shift is not None:  # "去年四月十六日", "작년 4월 16일": that year's day
                year, infer = ref.year + shift, inferred
            elif ref:
                year, infer = ref.year, inferred
            else:
                year, infer = fallback, True
            if month is None:
                continue
            first_day = gd.get("d1") or gd.get("d")
            on = number(p, first_day) if first_day else None
            guessed = year is not None and year == fallback and not _url_year(doc)
            if terms and (year is None or (guessed and not in_office(terms, year, month, on))):
                # no year, or only the first year the text names ("l'invasion ... en février 2022"), which the officials
                # it names were not all in office in: the first year they were (Lecornu and Umerov: 2024)
                year = office_year(terms, month, on) or year
            taken.append((m.start(), m.end()))
            if year is None:
                out.append(DateMention(doc.span(m.start(), m.end()), None, None, precision="day"))
                continue
            if ref and not gd.get("y") and shift is None:
                last = (month, number(p, gd["d"]))
                first = (_month(p, gd.get("m1")) or month, number(p, gd["d1"])) if gd.get("d1") else last
                told = _year_by_tense(lex, doc.text, (m.start(), m.end()), sent, ref, year, first, last)
                year, infer = told, infer or told != year
            end = _day(year, month, number(p, gd["d"]))
            start = end
            if gd.get("d1"):
                start = _day(year, _month(p, gd.get("m1")) or month, number(p, gd["d1"]))
                if start and end and start > end:  # "du 30 décembre au 2 janvier"
                    start = _day(year - 1, _month(p, gd.get("m1")) or month, number(p, gd["d1"]))
            if start and end and start <= end:
                out.append(DateMention(doc.span(m.start(), m.end()), start, end, infer, "day", year))
    return out


def _year_by_tense(
    lex: Lexicon,
    text: str,
    at: tuple[int, int],
    sent: Span,
    ref: dt.date,
    year: int,
    first: tuple[int, int],
    last: tuple[int, int],
) -> int:
    """The year of a day (or span from ``first`` to ``last``, as month and day) told without one: the
    reference year, unless the tense puts the whole span on the other side of the reference day ("se rendra
    le 18 janvier" told in December is next January; "met on 30 December" told on 2 January was last
    December)."""
    start, end = _day(year, *first), _day(year, *last)
    if start is None or end is None:
        return year
    t = tense(lex, text, at[0], at[1], sent)
    # a few days across the reference day are this year's whatever the tense reads: "the Dialogue, held from May
    # 31 to June 2" told on 28 May (a participle, not a past), "met on Monday, May 26" told on the 28th
    if t == "future" and end < ref - dt.timedelta(days=NEAR_DAYS):
        return year + 1
    if t == "past" and start > ref + dt.timedelta(days=NEAR_DAYS):
        return year - 1
    return year


NEAR_DAYS = 14


def _weekdays(
    doc: Document,
    lex: Lexicon,
    p: _Patterns,
    sent: Span,
    ref: dt.date | None,
    inferred: bool,
    taken: Taken,
) -> list[DateMention]:
    out = []
    past_mods = {w.lower() for w in lex.words("dates", "weekday_past") + lex.words("dates", "weekday_past_after")}
    fut_mods = {w.lower() for w in lex.words("dates", "weekday_future") + lex.words("dates", "weekday_future_after")}
    for m in p.weekday.finditer(doc.text, sent.start, sent.end):
        if taken.overlaps(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        if ref is None:
            out.append(DateMention(doc.span(m.start(), m.end()), None, None, precision="day"))
            continue
        mod = (m.group("after") or m.group("mod") or "").lower()
        t = (
            "past"
            if mod in past_mods
            else "future"
            if mod in fut_mods
            else tense(lex, doc.text, m.start(), m.end(), sent)
        )
        target = p.weekdays[m.group("wd").lower()]
        delta = (target - ref.weekday()) % 7
        day = ref - dt.timedelta(days=(7 - delta) % 7) if t == "past" else ref + dt.timedelta(days=delta)
        out.append(DateMention(doc.span(m.start(), m.end()), day, day, inferred, "day", day.year))
    return out


def _relative(
    doc: Document,
    lex: Lexicon,
    p: _Patterns,
    sent: Span,
    ref: dt.date | None,
    inferred: bool,
    taken: Taken,
) -> list[DateMention]:
    out: list[DateMention] = []
    if p.relative is None:
        return out
    offsets = {k.lower(): v for k, v in lex.table("dates", "relative_days").items()}
    for m in p.relative.finditer(doc.text, sent.start, sent.end):
        if taken.overlaps(m.start(), m.end()):
            continue
        # "Morgen" (morning) is no "morgen" (tomorrow)
        if lex.cased and not m.group().islower() and m.start() != sent.start:
            continue
        if _after_article(lex, doc.text, sent.start, m.start()):  # "por la mañana" (in the morning)
            continue
        taken.append((m.start(), m.end()))
        day = ref + dt.timedelta(days=int(offsets[m.group().lower()])) if ref else None
        out.append(DateMention(doc.span(m.start(), m.end()), day, day, inferred, "day", day.year if day else None))
    return out


def _after_article(lex: Lexicon, text: str, lo: int, pos: int) -> bool:
    """A relative-day word right after an article is a noun ("por la mañana", "the morning")."""
    prev = re.search(r"(\w+['’]?)\s*$", text[max(lo, pos - 20) : pos])
    return bool(prev and prev.group(1).lower() in {w.lower() for w in lex.words("markers", "articles")})


def _years(
    doc: Document,
    lex: Lexicon,
    p: _Patterns,
    sent: Span,
    ref: dt.date | None,
    inferred: bool,
    taken: Taken,
) -> list[DateMention]:
    out = []
    for m in p.month_only.finditer(doc.text, sent.start, sent.end):
        if not taken.overlaps(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(DateMention(doc.span(m.start(), m.end()), None, None, precision="month"))
    for m in p.year.finditer(doc.text, sent.start, sent.end):
        if not taken.overlaps(m.start(), m.end()):
            out.append(DateMention(doc.span(m.start(), m.end()), None, None, precision="year", year=int(m.group("y"))))
    for key, delta in (("next_year", 1), ("this_year", 0)):
        for m in lex.find("dates", key, doc.text, sent.start, sent.end):
            year = ref.year + delta if ref else None
            out.append(DateMention(doc.span(m.start(), m.end()), None, None, inferred, "relative-year", year))
    return out


def _weeks(
    doc: Document, lex: Lexicon, sent: Span, ref: dt.date | None, inferred: bool, taken: Taken
) -> list[DateMention]:
    """ "this week", "next week", "in dieser Woche": the days Monday to Sunday of that week."""
    out = []
    for key, weeks in (("this_week", 0), ("next_week", 1)):
        for m in lex.find("dates", key, doc.text, sent.start, sent.end):
            if taken.overlaps(m.start(), m.end()):
                continue
            taken.append((m.start(), m.end()))
            if ref is None:
                out.append(DateMention(doc.span(m.start(), m.end()), None, None, precision="week"))
                continue
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7 * weeks)
            sunday = monday + dt.timedelta(days=6)
            out.append(DateMention(doc.span(m.start(), m.end()), monday, sunday, inferred, "week", monday.year))
    return out


def _bare_days(
    doc: Document,
    lex: Lexicon,
    p: _Patterns,
    sent: Span,
    ref: dt.date | None,
    inferred: bool,
    taken: Taken,
    anchored: dict[int, dt.date],
) -> list[DateMention]:
    """ "오는 28일", "지난 25일", "１日": a day of the reference month, or of the month before (past tense) or
    after (future tense) when the day has passed or is still to come; without a reference month, null. A day
    whose weekday the text gives ("本週一（15日）") is fixed by it, and so is the same number told later
    (``anchored``, kept for the document)."""
    out: list[DateMention] = []
    if p.bare_day is None:
        return out
    for m in p.bare_day.finditer(doc.text, sent.start, sent.end):
        if taken.overlaps(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        n = number(p, m.group("d"))
        day = None
        shift = _shift_before(doc, lex, "relative_months", m.start(), sent.start)
        if ref is not None and 1 <= n <= 31 and shift is not None:  # "다음달 4일", "来月４日", "上月9日"
            months = ref.year * 12 + ref.month - 1 + shift
            day = _day(months // 12, months % 12 + 1, n)
        elif ref is not None and 1 <= n <= 31 and (wd := _weekday_beside(doc, lex, m)) is not None:
            day = _on_weekday(ref, n, wd)  # "本週一（15日）", "28日（金）", "15일(월)": the day that weekday falls on
            if day is not None:
                anchored[n] = day
        elif n in anchored:  # the same day number told again in the text is that day
            day = anchored[n]
        elif ref is not None and 1 <= n <= 31:
            t = tense(lex, doc.text, m.start(), m.end(), sent)
            year, month = ref.year, ref.month
            if t == "past" and n > ref.day:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            elif t == "future" and n < ref.day:
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
            day = _day(year, month, n)
        span = doc.span(m.start(), m.end())
        first = _range_start(p, m, day)  # "3일부터 5일까지", "3日から5日まで": the span's first day
        out.append(DateMention(span, first or day, day, inferred, "day", day.year if day else None))
    return out


def _range_start(p: _Patterns, m: re.Match[str], last: dt.date | None) -> dt.date | None:
    if last is None or not m.group("d1"):
        return None
    n = number(p, m.group("d1"))
    if not 1 <= n <= 31:
        return None
    if n <= last.day:
        return _day(last.year, last.month, n)
    before = last.replace(day=1) - dt.timedelta(days=1)  # "30日から2日まで": from the month before
    return _day(before.year, before.month, n)


def _weekday_beside(doc: Document, lex: Lexicon, m: re.Match[str]) -> int | None:
    """The weekday (Monday = 0) written right before a bracketed day ("週一（15日）") or in brackets right after
    it ("28日（金）"), in CLDR's wide or abbreviated form or the pack's aliases."""
    key = "dates.weekday_beside"
    if key not in lex.patterns:
        cldr = lex.text("pack", "cldr_locale")
        names = {**_names(get_day_names("abbreviated", locale=cldr)), **_names(get_day_names("wide", locale=cldr))}
        names.update({k.lower(): int(v) for k, v in lex.table("dates", "weekday_aliases").items()})
        lex.derived[key] = names
        wd = lex.compile(list(names))
        lex.patterns[key] = re.compile(
            rf"(?:(?P<before>{wd.pattern})\s*[（(]\s*$)|(?:^\s*[（(]\s*(?P<after>{wd.pattern})\s*[）)])", re.I
        ) if wd else None
    pat = lex.patterns[key]
    if pat is None:
        return None
    found = pat.search(doc.text[max(0, m.start() - 8) : m.start()]) or pat.search(doc.text[m.end() : m.end() + 8])
    if found is None or not (found.group("before") or found.group("after")):
        return None
    return lex.derived[key].get(lex.norm(found.group("before") or found.group("after")))


def _on_weekday(ref: dt.date, n: int, weekday: int) -> dt.date | None:
    """Day ``n`` of the month before, of or after the reference day's that falls on ``weekday``, the nearest."""
    months = [ref.year * 12 + ref.month - 1 + k for k in (-1, 0, 1)]
    days = [d for d in (_day(x // 12, x % 12 + 1, n) for x in months) if d is not None and d.weekday() == weekday]
    return min(days, key=lambda d: abs((d - ref).days)) if days else None


def _event_relatives(doc: Document, lex: Lexicon, sent: Span) -> list[re.Match[str]]:
    """ "la veille", "al día siguiente", "następnego dnia" in a sentence; "la veille du sommet" names its own
    anchor and is left to the words after it."""
    genitive = lex.pattern("markers", "genitive_prepositions")
    out = []
    for m in lex.find("dates", "relative_event", doc.text, sent.start, sent.end):
        after = m.end() + len(doc.text[m.end() :]) - len(doc.text[m.end() :].lstrip())
        if genitive is None or not genitive.match(doc.text, after):
            out.append(m)
    return out


def _relative_event(
    doc: Document, lex: Lexicon, found: list[re.Match[str]], told: list[DateMention]
) -> list[DateMention]:
    """A day counted from the day told last before it (chained, so ``inferred``); null without one."""
    offsets = {k.lower(): int(v) for k, v in lex.table("dates", "relative_event").items()}
    out = []
    for m in found:
        before = [d for d in told if d.precision == "day" and d.start and d.span.end <= m.start()]
        anchor = max(before, key=lambda d: d.span.start).start if before else None
        day = anchor + dt.timedelta(days=offsets[m.group().lower()]) if anchor else None
        out.append(DateMention(doc.span(m.start(), m.end()), day, day, True, "day", day.year if day else None))
    return out


def find_dates(doc: Document, lex: Lexicon, terms: tuple[Terms, ...] = ()) -> list[DateMention]:
    """The date expressions of the text; ``terms`` are the terms of office of each official it names, which
    give a day and month its year when nothing else does (``office_year``)."""
    ref, inferred = reference_day(doc, lex)
    out = _all_dates(doc, lex, ref, inferred, terms)
    if ref is None:  # "Napoli, 20 ott. (askanews) –": a dateline's day, its year from the officials named, is the
        day, certain = _dateline_day(doc, lex, out, terms)  # reference of the text's relative dates ("ieri")
        if day is not None:
            ref, inferred = day, True
            out = _all_dates(doc, lex, ref, inferred, terms, weekdays=certain)
    doc.reference_day, doc.reference_inferred = ref, inferred
    return out


def _dateline_day(
    doc: Document, lex: Lexicon, found: list[DateMention], terms: tuple[Terms, ...]
) -> tuple[dt.date | None, bool]:
    """The dateline's day, and whether its year is certain: the officials' terms of office hold that day and
    month in one year only. A day and month alone dates "ieri" (the day before, in the same guessed year); a
    weekday ("on Thursday") needs the year, so only a certain one dates it."""
    from allied.news.datelines import find_dateline

    head = find_dateline(doc, lex)
    if head is None:
        return None, False
    _, start, end = head
    day = next((d.start for d in found if d.precision == "day" and d.start and start <= d.span.start < end), None)
    if day is None:
        return None, False
    years = [y for y in range(day.year - 15, day.year + 16) if in_office(terms, y, day.month, day.day)]
    return day, bool(any(terms)) and years == [day.year]


def _all_dates(
    doc: Document, lex: Lexicon, ref: dt.date | None, inferred: bool, terms: tuple[Terms, ...], weekdays: bool = True
) -> list[DateMention]:
    p = patterns(lex)
    out: list[DateMention] = []
    anchored: dict[int, dt.date] = {}
    for sent in doc.sentences:
        chained = _event_relatives(doc, lex, sent)
        taken = Taken((m.start(), m.end()) for m in chained)
        out += _full(doc, lex, p, sent, ref, inferred, taken, terms)
        out += _bare_days(doc, lex, p, sent, ref, inferred, taken, anchored)
        out += _weeks(doc, lex, sent, ref, inferred, taken)
        out += _weekdays(doc, lex, p, sent, ref if weekdays else None, inferred, taken)
        out += _relative(doc, lex, p, sent, ref, inferred, taken)
        out += _years(doc, lex, p, sent, ref, inferred, taken)
        out += _relative_event(doc, lex, chained, out)
    return _joined_ranges(doc, lex, sorted(out, key=lambda d: d.span.start))


def _joined_ranges(doc: Document, lex: Lexicon, found: list[DateMention]) -> list[DateMention]:
    """ "from Monday through January 18": two days told apart and joined by a range word are one span (a
    conjunction joins two days, it makes no range)."""
    conj = {w.lower() for w in lex.words("markers", "conjunctions")}
    words = [w for w in lex.words("dates", "range") if w.lower() not in conj]
    if not words or not found:
        return found
    gap = re.compile(rf"\s*(?:{_alt(words)})\s*", re.I)
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.precision == d.precision == "day"
            and prev.start and prev.end and d.start and d.end
            and prev.start == prev.end
            and gap.fullmatch(doc.text, prev.span.end, d.span.start)
        ):
            end = d.end if d.end > prev.start else d.end + dt.timedelta(days=7)  # "from Monday to Thursday"
            if (end - prev.start).days <= 31:
                out[-1] = DateMention(
                    doc.span(prev.span.start, d.span.end), prev.start, end, prev.inferred or d.inferred, "day", end.year
                )
                continue
        out.append(d)
    return out


def add_days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)
