"""Who pledges (GUIDELINES §7): the possessor of the spending ("Japan's defense budget"), else the sentence's
speaker, a state's adjective, a capital as subject ("Tokyo plans ..."), a state told before ("It plans ..."),
the outlet's state or the article's first official; the alliance in a NATO text."""

from __future__ import annotations

import re
from functools import lru_cache

from allied.model import Document, Mention, Span
from allied.news import spans
from allied.news.amounts import Figure, currency_state, figures, shared
from allied.news.lexicon import Lexicon

NATO_SUMMIT = "forum:nato-summit"  # what the allies adopt at their summit is the alliance's target


def pledger(
    doc: Document, lex: Lexicon, sent: Span, items: list[tuple[int, int, str]], nato: bool, last: str | None
) -> tuple[str | None, bool]:
    """(country, third_party) for the sentence: possessor of the spending, else the speaker."""
    figs = figures(doc, lex, sent)
    # "US$40 billion", "A$2.8bn": a state's letters inside a currency sign name no pledger; "to meet NATO's
    # 2 % target": the alliance whose standard a state meets is not the one pledging; "Forderungen von
    # US-Präsident Donald Trump": the one whose demand is told is not either
    ms = [
        m
        for m in spans.between(doc.mentions, sent.start, sent.end)
        if not _inside(m, figs) and not _owns_standard(doc, lex, m, sent) and not _demander(doc, lex, m, sent)
    ]
    speakers = [
        m
        for m in ms
        if m.kind in ("person", "organization", "alliance")
        and (m.country or m.id)
        or m.id == NATO_SUMMIT  # "na tegorocznym szczycie NATO ... przyjęto cel 5 proc. PKB"
        or m.kind == "state"
        and m.role not in ("demonym",)
    ]
    # a state told after the amount is an object there ("... $56 billion ... as tensions rise with China")
    first_fig = figs[0].start if figs else (items[0][1] if items else sent.end)  # or the spending phrase
    speakers = [m for m in speakers if not (m.kind == "state" and m.span.start > first_fig)]
    unknown = _unknown_subject(doc, lex, sent, ms)
    told = last if last != "NATO" or _names_alliance(ms) else None  # a state's story after a line on NATO's
    headline = _headline_state(doc, lex)
    if unknown and (told or headline):  # "Meanwhile, Merz has signaled a willingness to spend"
        return told or headline, False
    # a source whose state is unknown ("木原官房長官によると、防衛省は…") gives way to the next one with a state
    speaker = next((m for m in speakers if _country(m, nato)), speakers[0] if speakers else None)
    first_spend = items[0][0] if items else sent.end
    earlier = _anaphoric_state(doc, lex, sent, first_spend, ms)
    if earlier:
        return earlier, False
    if nato and _alliance_subject(doc, lex, sent, ms):
        return "NATO", False
    spk = _country(speaker, nato)
    praised = _praised(doc, lex, ms, first_spend)
    if praised:  # "... heaped praise on South Korea for being the first ally to hike defense spending to 3.5%"
        return praised, bool(spk and spk != praised)
    subject = _modal_subject(doc, lex, sent, ms, first_spend)
    if subject:  # "South Korea and Japan agreed that Seoul would raise its defence budget"
        return subject, bool(spk and spk != subject)
    possessor = _possessor(doc, lex, ms, first_spend)
    if possessor is not None:
        own = possessor.country
        return own, bool(spk and spk != own)
    issuer = _issuer(doc, lex, sent, figs)
    if issuer:  # "... to announce a £2.2 billion boost in defence spending": the state whose currency it is
        return issuer, bool(spk and spk != issuer)
    if spk:
        return spk, False
    organ = _organ(doc, lex, sent.start, first_spend)
    if organ:  # "Die Bundesregierung plant ... 108,2 Milliarden Euro"
        return organ, False
    adjectives = [m for m in ms if m.kind == "state" and m.span.end <= first_spend]
    adjective = next((m for m in adjectives if _qualifies_organ(doc, lex, m, ms, items)), None)
    if adjective is not None and adjective.country:  # "The Canadian government said it would spend ..."
        return adjective.country, False
    capital = _capital_subject(doc, lex, sent, first_spend)
    if capital:
        return capital, False
    titled = next((m for m in ms if m.kind == "state" and _qualifies_title(doc, m, ms)), None)
    if titled is not None and titled.country:  # "..., the British prime minister said"
        return titled.country, False
    home = _home_state(doc, ms)
    if home:
        return home, False
    home = _home_country(doc, lex) if last is None else None
    if home and lex.has("pledges", "government", doc.text, sent.start, first_spend):
        return home, False
    if last is None and headline:
        return headline, False
    if last is None and not _names_alliance(ms):
        home = _organ(doc, lex, 0, len(doc.text)) or _dateline_state(doc)
        home = home or (_dominant_state(doc, lex) if unknown or not nato else None)
        if home:  # the state the report is about: its institutions named, or the state it names most
            return home, False
    if last is None:
        # A budget in money with no state named ("Die Verteidigungsausgaben sollen ... auf 108,2 Milliarden Euro
        # steigen") is the article's own state's, else that of the capital it is filed from ("OTTAWA — ...");
        # a share of GDP in a NATO text is the alliance's target.
        money = any(f.kind == "money" for f in figs)
        if nato and not money:
            return "NATO", False
        return _home_country(doc, lex) or _dateline_state(doc) or (None if money else "NATO" if nato else None), False
    if last == "NATO" and not _names_alliance(ms) and headline:
        return headline, False  # a Canadian story after a line on the alliance's target
    return last, False


_ORGANS: dict[tuple[str, str], list[tuple[re.Pattern[str] | None, str]]] = {}


def _organ(doc: Document, lex: Lexicon, lo: int, hi: int) -> str | None:
    """The state of the first institution in [lo, hi) whose name alone tells it (pledges.organs)."""
    key = (lex.language, str(lex.folder))
    if key not in _ORGANS:  # one pattern per phrase, compiled once per pack
        _ORGANS[key] = [(lex.compile([p]), code) for p, code in lex.table("pledges", "organs").items()]
    first: tuple[int, str] | None = None
    for pat, code in _ORGANS[key]:
        m = pat.search(doc.text, lo, hi) if pat is not None else None
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), code)
    return first[1] if first else None


def _dominant_state(doc: Document, lex: Lexicon) -> str | None:
    """The state the text names most (states, capitals, officials, ministries; not an alliance's officials, not
    one named as making a demand), the first named on a tie; none for a text that names none."""
    counts: dict[str, int] = {}
    whole = Span(0, len(doc.text), "")
    for m in doc.mentions:
        named = m.kind in ("state", "person", "organization") or (m.kind == "place" and _is_capital(m))
        if named and m.country and not _international(m) and not _demander(doc, lex, m, whole):
            counts[m.country] = counts.get(m.country, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(c for c in counts if counts[c] == best)


def _names_alliance(ms: list[Mention]) -> bool:
    return any(m.kind == "alliance" or m.id in ("org:nato", NATO_SUMMIT) for m in ms)


def _dateline_state(doc: Document) -> str | None:
    """The state whose capital the report is filed from."""
    d = doc.dateline
    if d is None or not d.country:
        return None
    from allied.reference.gazetteer import capital

    cap = capital(d.country)
    return d.country if cap is not None and (cap.id == d.id or _capital_country(d.name.title()) == d.country) else None


def _alliance_subject(doc: Document, lex: Lexicon, sent: Span, ms: list[Mention]) -> bool:
    """ "Rutte told a news conference that allies were on track to reach 3.5 %": the allies, the subject of the
    first commitment or modal word (in its clause, just before it), are the pledger, not the speaker's state."""
    found = lex.find("pledges", "cues", doc.text, sent.start, sent.end)
    found += lex.find("pledges", "modal", doc.text, sent.start, sent.end)
    if not found:
        return False
    first = min(m.start() for m in found)
    before = [m for m in ms if m.span.end <= first and first - m.span.end <= 30]
    if not before or before[-1].kind != "alliance":
        return False
    return not re.search(r"[,;:.“”\"]", doc.text[before[-1].span.end : first])


def _praised(doc: Document, lex: Lexicon, ms: list[Mention], spend: int) -> str | None:
    """The state a praise word is about, told between it and the spending phrase (pledges.praise)."""
    found = lex.find("pledges", "praise", doc.text, ms[0].span.start if ms else 0, spend) if ms else []
    if not found:
        return None
    after = [m for m in ms if found[0].end() <= m.span.start < spend and m.kind == "state" and m.role != "demonym"]
    return after[0].country if after and after[0].country else None


def _unknown_subject(doc: Document, lex: Lexicon, sent: Span, ms: list[Mention]) -> bool:
    """The sentence's subject, its first mention before the first commitment or modal word, is a person whose
    state the reference does not give: the state is not that of another name told later in the sentence."""
    found = lex.find("pledges", "cues", doc.text, sent.start, sent.end)
    found += lex.find("pledges", "modal", doc.text, sent.start, sent.end)
    if not found or not ms:
        return False
    first = min(m.start() for m in found)
    if ms[0].kind == "title" and not ms[0].country and ms[0].span.end <= first:
        nxt = ms[1] if len(ms) > 1 else None  # "Verteidigungsministerin Ursula von der Leyen hat ..."
        if nxt is None or nxt.span.start > first or nxt.kind == "title" or (nxt.kind == "person" and not nxt.country):
            return True
    named = [m for m in ms if m.kind != "title"]  # "Chancellor Friedrich Merz"
    return bool(named) and named[0].kind == "person" and not named[0].country and named[0].span.end <= first


def _modal_subject(doc: Document, lex: Lexicon, sent: Span, ms: list[Mention], spend: int) -> str | None:
    """A state, or its capital, right before the last commitment or modal word ahead of the spending phrase is
    that verb's subject ("Seoul would raise", "Canada plans to", "Poland will spend")."""
    found = lex.find("pledges", "cues", doc.text, sent.start, spend)
    found += lex.find("pledges", "modal", doc.text, sent.start, spend)
    if not found:
        return None
    first = max(m.start() for m in found)
    before = [m for m in ms if m.span.end <= first]
    m = before[-1] if before else None
    if m is not None and not doc.text[m.span.end : first].strip() and m.role != "demonym":
        capital = m.kind == "place" and _is_capital(m)
        if m.kind == "state" or (capital and not _after_locative(lex, doc.text[sent.start : m.span.start])):
            return m.country or None
        return None
    if not lex.cased:
        return None
    # a capital read as its government and so not as a place ("that Seoul would raise")
    head = doc.text[max(sent.start, first - 40) : first]
    word = re.search(r"(?<![\w'’.-])([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+$", head)
    if word is None or _after_locative(lex, head[: word.start()]):  # "zum Nato-Gipfel in Brüssel werden wir"
        return None
    return _capital_country(word.group(1))


def _after_locative(lex: Lexicon, before: str) -> bool:
    return bool(re.search(rf"(?<!\w)(?:{lex.alt('markers', 'locative')})\s*$", before, re.I))


def _capital_subject(doc: Document, lex: Lexicon, sent: Span, before: int) -> str | None:
    """ "Tokyo plans to spend ...", "On Monday, Berlin said it would ...": a state's capital as the subject of a
    sentence, a capitalised name right before a lower-case word, stands for its government (metonymy); only in a
    script with case, where such a subject can be told."""
    if not lex.cased:
        return None
    m = re.match(
        r"(?:[^,.;:]{0,40},\s*)?((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)?)\s+(?=[a-z])", doc.text[sent.start : before]
    )
    if not m:
        return None
    return _capital_country(m.group(1))


def _capital_country(name: str) -> str | None:
    """The state whose capital the name is ("Tokyo" -> JPN), if it is one."""
    from allied.reference.gazetteer import capital, lookup

    for e in lookup(name):
        cap = capital(e.country) if e.kind == "city" else None
        if cap is not None and cap.id == e.id:
            return e.country
    return None


def _anaphoric_state(doc: Document, lex: Lexicon, sent: Span, before: int, ms: list[Mention]) -> str | None:
    """ "Poland is NATO's biggest spender. It plans to spend ...": 'it', 'the country', 'we' as the sentence's
    first noun phrase before the spending phrase stand for the state the previous sentence names first (a
    state, or an official's or a place's state)."""
    found = lex.find("anaphora", "state", doc.text, sent.start, before)
    named = [m for m in ms if m.kind in ("state", "person", "organization", "alliance")]
    if not found or any(m.span.start < found[0].start() for m in named):
        return None
    if any(m.span.start < found[0].start() for m in ms) and not _subject_of_verb(doc, lex, sent, found[0]):
        return None  # a place or forum before the pronoun: the pronoun must be the verb's own subject
    prev = [s for s in doc.sentences if s.end <= sent.start][-2:]
    for s in reversed(prev):
        for m in spans.between(doc.mentions, s.start, s.end):
            if m.kind in ("state", "person", "place", "title") and m.country:
                return m.country
    return None


def _demander(doc: Document, lex: Lexicon, m: Mention, sent: Span) -> bool:
    """A name told right after a demand word ("demands by Trump", "Forderungen von US-Präsident Donald Trump")."""
    return lex.has("pledges", "demand", doc.text, max(sent.start, m.span.start - 40), m.span.start)


def _owns_standard(doc: Document, lex: Lexicon, m: Mention, sent: Span) -> bool:
    """ "NATO target", "Nato's 2 per cent defence spending target", "the alliance's goal": the alliance named as
    the owner of a standard (pledges.standards within its noun phrase) after the sentence's verb."""
    if m.kind != "alliance" and m.id not in ("org:nato", NATO_SUMMIT):
        return False
    if m.span.start - sent.start < 3:  # the alliance opening the sentence is its subject
        return False
    phrase = doc.text[m.span.end : min(sent.end, m.span.end + 40)]
    cut = re.search(r"[,;:.()]", phrase)
    if lex.has("pledges", "standards", phrase[: cut.start()] if cut else phrase):
        return True
    before = doc.text[max(sent.start, m.span.start - 30) : m.span.start]  # "el compromiso marcado por la OTAN"
    last_mark = max(before.rfind(c) for c in ",;:.()")
    return lex.has("pledges", "standards", before[last_mark + 1 :])


def _inside(m: Mention, figs: list[Figure]) -> bool:
    return any(f.start <= m.span.start < f.end for f in figs)


def _issuer(doc: Document, lex: Lexicon, sent: Span, figs: list[Figure]) -> str | None:
    """The state that issues the currency of the sentence's first amount that is not a conversion in
    parentheses (ISO 4217: a national code starts with its state's ISO 3166 alpha-2 code, KRW -> KR); none for
    a currency the press quotes any state's amounts in (pledges.conversion_currencies: 'US$40 billion')."""
    for f in figs:
        if f.kind != "money" or not f.unit or f.unit.startswith("?"):
            continue
        if f.word and shared(lex, f.word):  # "crowns", "元": the pledger decides which state's they are
            return None
        before = doc.text[sent.start : f.start]
        if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
            continue
        code = f.unit.split()[0]
        if code in lex.words("pledges", "conversion_currencies"):
            return None
        return currency_state(code)
    return None


def _qualifies_organ(
    doc: Document, lex: Lexicon, m: Mention, ms: list[Mention], items: list[tuple[int, int, str]]
) -> bool:
    """A state's adjective names the pledger when it qualifies a title or an organ of the state ("the British
    prime minister", "The South Korean government"), or is no adjective at all; not "the American Chamber of
    Commerce"."""
    if m.role != "demonym":
        return True
    if any(0 <= start - m.span.end <= 1 for start, _, _ in items):  # "Der deutsche Wehretat"
        return True
    if _qualifies_title(doc, m, ms) or lex.has("pledges", "government", doc.text, m.span.end, m.span.end + 16):
        return True
    before = lex.find("pledges", "government", doc.text, max(0, m.span.start - 16), m.span.start)
    return bool(before and not doc.text[before[-1].end() : m.span.start].strip())  # "le gouvernement français"


def _headline_state(doc: Document, lex: Lexicon) -> str | None:
    """The state the headline (or, with none, the first sentence) is about, its first state told as a noun or
    as the adjective of an organ or title: what a figure with no state of its own in the text belongs to."""
    if not doc.sentences:
        return None
    first = doc.sentences[0]
    ms = spans.between(doc.mentions, first.start, first.end)
    figs = figures(doc, lex, first)
    for m in ms:
        if m.kind == "state" and m.country and not _inside(m, figs) and _qualifies_organ(doc, lex, m, ms, []):
            return m.country
    return None


def _subject_of_verb(doc: Document, lex: Lexicon, sent: Span, pronoun: re.Match[str]) -> bool:
    """The pronoun stands right before or right after a commitment or modal word ("werden wir anzeigen")."""
    verbs = lex.find("pledges", "modal", doc.text, sent.start, sent.end)
    verbs += lex.find("pledges", "cues", doc.text, sent.start, sent.end)
    return any(
        not doc.text[v.end() : pronoun.start()].strip() or not doc.text[pronoun.end() : v.start()].strip()
        for v in verbs
    )


def _qualifies_title(doc: Document, m: Mention, ms: list[Mention]) -> bool:
    """A state's adjective right before a title ("the British prime minister")."""
    return any(t.kind == "title" and 0 <= t.span.start - m.span.end <= 1 for t in ms)


def _home_state(doc: Document, ms: list[Mention]) -> str | None:
    """A figure told with no state and no alliance in its sentence is the outlet's state's ("Rząd przyjął
    budżet..." in a Polish paper), when the URL's country-code domain names one."""
    if any(m.kind == "alliance" or m.id in ("org:nato", NATO_SUMMIT) for m in ms):
        return None
    from allied.news.mentions import outlet_country

    return outlet_country(doc) or None


def _home_country(doc: Document, lex: Lexicon) -> str | None:
    """ "정부가 ... 편성했습니다": the government is that of the first head of state, government or minister
    the article names."""
    whole = Span(0, len(doc.text), "")
    return next(
        (
            m.country
            for m in doc.mentions
            if m.kind == "person" and m.country and m.source
            and not _international(m)
            and not _demander(doc, lex, m, whole)
        ),
        None,
    )


def _country(m: Mention | None, nato: bool) -> str | None:
    if m is None:
        return None
    if m.kind == "alliance" or m.id in ("org:nato", NATO_SUMMIT):
        return "NATO" if nato and m.id else None
    org = _international(m)
    if org:  # "Rutte said ...": NATO's secretary general speaks for the alliance, not for his own state
        return "NATO" if nato and org == "alliance" else None
    return m.country or None


@lru_cache(maxsize=1)
def _international_officials() -> dict[str, str]:
    """Officials of an alliance or another international organisation (reference), id -> that kind: their
    'country' is a nationality, not the state they speak for."""
    from allied.reference.loader import load

    ref = load()
    kinds = {o.name: o.kind for o in ref.organizations.values() if o.kind in ("alliance", "international_org")}
    return {o.id: kinds[o.organization] for o in ref.officials if o.organization in kinds}


def _international(m: Mention) -> str | None:
    return _international_officials().get(m.id) if m.kind == "person" else None


def _possessor(doc: Document, lex: Lexicon, ms: list[Mention], before: int) -> Mention | None:
    clitic = re.compile(rf"(?:{lex.alt('markers', 'genitive_clitic')})" + (r"(?!\w)" if lex.spaced else ""))
    cands = [
        m
        for m in ms
        if (m.kind == "state" or (m.kind == "place" and _is_capital(m)))  # "Seoul's budget", not "Lai's remarks"
        and m.span.end <= before
        and before - m.span.end < 110
        and (m.role == "modifier" or clitic.match(doc.text, m.span.end) or _subject(doc, lex, m, before))
        and not _qualifies_title(doc, m, ms)  # "트럼프 미국 대통령과의 회담": the official's state, not the spending's
    ]
    return cands[-1] if cands else None


def _is_capital(m: Mention) -> bool:
    """A place that is its state's capital, which stands for the state's government."""
    from allied.reference.gazetteer import capital

    cap = capital(m.country) if m.country else None
    return cap is not None and cap.id == m.id


def _subject(doc: Document, lex: Lexicon, m: Mention, before: int) -> bool:
    """In a script without spaces a state in the spending phrase's own clause is its subject
    ("日本近期也就增加國防預算")."""
    return not lex.spaced and m.kind == "state" and not re.search(r"[,，、。；;]", doc.text[m.span.end : before])
