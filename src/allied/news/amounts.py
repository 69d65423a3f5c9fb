"""Amounts in pledge sentences: percentages and sums of money with their currency and scale, written in digits,
in words (text2num) or with multiplier words ("66조 2천947억 원", "8472億円"); currency words and signs by CLDR
(babel) and the pack's table, and a currency word several states use resolved to the pledging state's own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from allied.model import Document, Span
from allied.news.lexicon import Lexicon

NUMBER = r"\d+(?:[.,]\d+)*"


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: float
    kind: str  # percent | money
    unit: str = ""  # "<ISO 4217> <scale>" of an amount ("? billion": a word of several states, not yet resolved)
    word: str = ""  # the currency word or sign as written ("crowns", "$")


def _number(text: str, decimal_comma: bool) -> float | None:
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


APOSTROPHES = "'’"


def alternation(words: list[str] | dict[str, str]) -> str:
    """The words as one regex alternation, longest first; an apostrophe matches either form ("d'euros",
    "d’euros")."""
    return "|".join(re.escape(w).replace("'", f"[{APOSTROPHES}]") for w in sorted(words, key=len, reverse=True))


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
        words = {**globals()["currencies"](lex), **lex.table("pledges", "shared_currencies")}
        cur = "(?i:" + alternation(words) + ")|" + "|".join(sorted(_iso_currencies()))  # codes in capitals only
        end = r"(?!\w)" if lex.spaced else ""
        lex.patterns[key] = re.compile(
            rf"(?<![\w.,])(?:(?P<pre>{cur})\s*)?(?P<n>{NUMBER})\s*(?P<scale>(?i:{alternation(scales)})){end}\.?"
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
                rf"(?<![\d.,])(?P<n>(?:{NUMBER}\s*(?:{alternation(mults)})\s*)+(?:{NUMBER})?)\s*(?P<cur>{alternation(currencies)})"
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
    for num, word in re.findall(rf"({NUMBER})?\s*({alternation(mults)})?", text):
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


def shared(lex: Lexicon, word: str) -> list[str]:
    """The ISO 4217 codes a currency word of several states may name ("crowns": SEK, NOK, DKK ...)."""
    table = lex.table("pledges", "shared_currencies")
    return list(table.get(word) or next((v for k, v in table.items() if k.lower() == word.lower()), []))


@lru_cache(maxsize=256)
def state_currency(iso3: str) -> str | None:
    """The currency a state uses today (CLDR territory data via babel), e.g. NOR -> NOK."""
    import pycountry
    from babel.numbers import get_territory_currencies

    c = pycountry.countries.get(alpha_3=iso3)
    found = get_territory_currencies(c.alpha_2, tender=True) if c else []
    return found[0] if found else None


@lru_cache(maxsize=256)
def currency_state(code: str) -> str | None:
    """The state that issues a national currency: ISO 4217 builds its code from the state's ISO 3166 alpha-2
    code (KRW from KR, GBP from GB), checked against the currency the state uses today (CLDR via babel); none
    for a shared or supranational one (EUR, XOF)."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code[:2])
    return c.alpha_3 if c is not None and state_currency(c.alpha_3) == code else None


def money_unit(lex: Lexicon, f: Figure, country: str) -> str:
    """The unit of an amount for the pledging state: a currency word several states use ("Norway ... 19 billion
    crowns", "Australia ... $10 billion") is that state's currency when it is one of them, else the word's
    default (the first listed; none for a word with no default such as "pesos")."""
    options = shared(lex, f.word) if f.kind == "money" and f.word else []
    if not options:
        return f.unit
    own = state_currency(country) if country != "NATO" else None
    scale = f.unit.split()[-1]
    code = own if own in options else _currency(lex, f.word)
    return f"{code} {scale}" if code else ""


def _currency(lex: Lexicon, word: str) -> str | None:
    if word in _iso_currencies():
        return word
    word = word.replace("’", "'")  # the pack writes the straight apostrophe
    table = currencies(lex)
    found = table.get(word)
    return found or next((v for k, v in table.items() if k.lower() == word.lower()), None)


def _word_number(lex: Lexicon, doc: Document, span: Span, end: int) -> tuple[int, float] | None:
    """A number written in words right before ``end`` ("five percent", "zwei Prozent"), read by text2num."""
    lang = lex.text("pledges", "text2num")
    if not lang:
        return None
    from text_to_num import text2num

    base = max(span.start, end - 120)  # the four words before the sign, not the whole sentence (linear time)
    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", doc.text[base:end]))[-4:]
    for i in range(len(words)):
        first = words[i]
        if doc.text[base + words[-1].end() : end].strip():
            return None
        phrase = doc.text[base + first.start() : base + words[-1].end()]
        try:
            value = float(text2num(phrase.lower(), lang))
        except (ValueError, TypeError):
            continue
        return base + first.start(), value
    return None


_MEMO: dict[tuple[int, str, int, int], list[Figure]] = {}
_MEMO_TEXT: list[str] = [""]


def figures(doc: Document, lex: Lexicon, span: Span) -> list[Figure]:
    """The amounts of ``span`` (memoised for the current text: several rules ask for a sentence's figures)."""
    if doc.text is not _MEMO_TEXT[0]:
        _MEMO.clear()
        _MEMO_TEXT[0] = doc.text
    key = (id(lex), lex.language, span.start, span.end)
    if key not in _MEMO:
        _MEMO[key] = _figures(doc, lex, span)
    return list(_MEMO[key])


def _figures(doc: Document, lex: Lexicon, span: Span) -> list[Figure]:
    comma = lex.flag("pledges", "decimal_comma")
    percent_words = alternation(lex.words("pledges", "percent"))
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
        if cur and (code or shared(lex, cur)) and value is not None:
            scale = next(v for k, v in scales.items() if k.lower() == m.group("scale").lower())
            out.append(Figure(m.start(), m.end(), value, "money", f"{code or '?'} {scale}", cur))
    myriad = _myriad_pattern(lex)
    for m in myriad.finditer(doc.text, span.start, span.end) if myriad else ():
        cur, amount = m.group("cur"), _myriad_value(lex, m.group("n"))
        code = _currency(lex, cur)
        if (code or shared(lex, cur)) and amount and not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Figure(m.start(), m.end(), amount[0], "money", f"{code or '?'} {amount[1]}", cur))
    out += _spelt_money(doc, lex, span, out)
    return sorted(out, key=lambda f: f.start)


def _spelt_money(doc: Document, lex: Lexicon, span: Span, found: list[Figure]) -> list[Figure]:
    """An amount whose number is written in words ("cinquante milliards d'euros", "doce mil millones de
    euros"), read by text2num like spelt percentages."""
    if not lex.text("pledges", "text2num") or not lex.spaced:
        return []
    scales, currencies = lex.table("pledges", "scales"), lex.table("pledges", "currencies")
    words = alternation([c for c in currencies if c[:1].isalpha()])
    if not words:
        return []
    pat = re.compile(rf"(?<!\w)(?P<scale>{alternation(scales)})(?!\w)\.?\s*(?P<cur>{words})(?!\w)", re.I)
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
