"""Mentions: names in the text linked to the reference model (stage ``mentions``).

Longest match first over word n-grams of each sentence against the language's name index; then titles
("Verteidigungsminister", "Defense Secretary") and generic ministry phrases from the lexicon, which take
their state from an adjacent state name or adjective; a bare surname counts when its holder is in office
on the document's date or was named in full earlier; a title followed by an unknown name introduces a
person outside the reference model; cities come from the gazetteer after a locative preposition.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from allied.model import Document, Mention, Span
from allied.news import compounds, segment
from allied.news.lexicon import ACCESSED, Lexicon
from allied.news.names import Entity, NameIndex, fold
from allied.reference.gazetteer import lookup

WORD = re.compile(r"\w+")
GAP = re.compile(r"[ \t.\-'’‐]{0,3}")
MIN_CITY_POPULATION = 50_000
READING = re.compile(r"[\s（(][^）)]{0,12}[）)]\s*|\s?")  # what may stand between a title and a name: a reading


@dataclass
class _Context:
    doc: Document
    lex: Lexicon
    index: NameIndex
    day: dt.date | None
    seen: set[str] = field(default_factory=set)
    last_ministry: Entity | None = None
    last_official_country: str = ""
    last_head: dict[str, str] = field(default_factory=dict)  # 'minist' / 'secretar' -> country of the last such title
    nato: bool = False
    outlet_country: str = ""
    written: dict[str, Mention] = field(default_factory=dict)  # unknown names introduced by a title, as written
    # the pack's switches read on every word, looked up once per document
    cased: bool = field(init=False)
    inflections: tuple[tuple[str, str], ...] = field(init=False)
    lowercase_demonyms: bool = field(init=False)

    def __post_init__(self) -> None:
        self.cased = self.lex.cased
        self.inflections = self.lex.inflections
        self.lowercase_demonyms = self.lex.flag("pack", "lowercase_demonyms")


_fold_word = lru_cache(maxsize=1 << 16)(fold)  # a word's index key (words repeat: folded once each)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


def _adjacent(ctx: _Context) -> re.Pattern[str]:
    """What may stand between a state and the title, ministry or person it qualifies ("US-", "Japan's ")."""
    key = "mentions.adjacent"
    if key not in ctx.lex.patterns:
        clitic = ctx.lex.alt("markers", "genitive_clitic")
        ctx.lex.patterns[key] = re.compile(rf"[.\s\-–‐]{{0,3}}(?:(?:{clitic})\s+)?")
    return ctx.lex.patterns[key]  # type: ignore[return-value]


def _cached(ctx: _Context, name: str, build: Callable[[], re.Pattern[str]], *keys: tuple[str, str]) -> re.Pattern[str]:
    """A pattern built from the pack's lists, compiled once per pack (the lists still count as read)."""
    pat = ctx.lex.patterns.get(name)
    if pat is None:
        pat = ctx.lex.patterns[name] = build()
    else:
        ACCESSED.update(keys)
    return pat


def _mention(ctx: _Context, ent: Entity, start: int, end: int, role: str = "") -> Mention:
    return Mention(
        ctx.doc.span(start, end),
        ent.kind,
        ent.id,
        ent.name,
        ent.country,
        role or ent.role,
        ent.lat,
        ent.lon,
        ent.place_kind,
        ent.source,
    )


def _capitalised(ctx: _Context, text: str, ent: Entity) -> bool:
    first = text[:1]
    caseless = not ctx.cased and first.lower() == first.upper()
    if caseless or ent.demonym and ctx.lowercase_demonyms:
        return True
    return not (first.isalpha() and first.islower())


def _lookup(ctx: _Context, key: str, table: dict[str, list[Entity]]) -> list[Entity]:
    found = table.get(key)
    if found:
        return found
    for stem in _stems(ctx, key):
        if stem in table:
            return table[stem]
    return []


def _stems(ctx: _Context, word: str) -> list[str]:
    """The bare forms an inflected (folded) word may stand for, by the pack's inflection endings."""
    return _stems_of(ctx.inflections, word)


@lru_cache(maxsize=16384)
def _stems_of(rules: tuple[tuple[str, str], ...], word: str) -> list[str]:
    out = []
    for ending, base in rules:
        end = fold(ending) if ending else ""
        if end and word.endswith(end) and len(word) - len(end) >= 4:
            out.append(word[: -len(end)] + fold(base) if base else word[: -len(end)])
    return out


def _choose(ctx: _Context, ents: list[Entity]) -> Entity | None:
    kinds = {e.kind for e in ents}
    if len({e.id for e in ents}) == 1:
        return ents[0]
    if kinds == {"person"}:
        live = [e for e in ents if e.in_office(ctx.day)]
        return live[0] if len({e.id for e in live}) == 1 else None
    for kind in ("state", "forum", "organization", "place", "person"):
        of_kind = [e for e in ents if e.kind == kind]
        if of_kind:
            return of_kind[0]
    return None


def _surname(ctx: _Context, key: str, text: str, end: int) -> Entity | None:
    first = text[:1]
    if (ctx.cased or first.lower() != first.upper()) and not first.isupper():  # Latin words keep their case
        return None
    if len(text) == 1 and not _titled(ctx, end):  # "신 장관", "董部长": a one-character surname needs its title
        return None
    cands = _lookup(ctx, key, ctx.index.surnames)
    seen = [e for e in cands if e.id in ctx.seen]
    if len({e.id for e in seen}) == 1:
        return seen[0]
    live = [e for e in cands if e.in_office(ctx.day)]
    return live[0] if len({e.id for e in live}) == 1 else None


def _titled(ctx: _Context, end: int) -> bool:
    """A title or a name suffix ('氏', '씨') follows ``end``."""
    after = re.match(r"\s?", ctx.doc.text[end : end + 1]).end()  # type: ignore[union-attr]
    pat = _title_pattern(ctx)
    if pat is not None and pat.match(ctx.doc.text, end + after):
        return True
    suffixes = ctx.lex.pattern("names", "name_suffixes")
    return bool(suffixes and suffixes.match(ctx.doc.text, end + after))


def _names(ctx: _Context, sent: Span) -> list[Mention]:
    toks = segment.words(ctx.lex, ctx.doc.text, sent.start, sent.end)
    if not ctx.lex.spaced:
        toks = [part for t in toks for part in _split_at_names(ctx, t)]
    folded = [_fold_word(t[2]) for t in toks]
    joined = [k > 0 and bool(GAP.fullmatch(ctx.doc.text, toks[k - 1][1], toks[k][0])) for k in range(len(toks))]
    out, i = [], 0
    while i < len(toks):
        if not _may_start(ctx, folded[i]):  # most words begin no name: the index is not walked for them
            i += 1
            continue
        j = i + 1
        while j < len(toks) and j - i < ctx.index.max_tokens and joined[j]:
            j += 1
        found = _longest(ctx, toks, folded, i, j)
        if found is None:
            i += 1
            continue
        ent, n = found
        start, end = toks[i][0], toks[i + n - 1][1]
        if ent.kind in ("place", "state") and _inside_longer_name(ctx, toks, i, sent):
            i += n
            continue
        if ent.kind == "person":
            ctx.seen.add(ent.id)
        ent, end, n = _compound_forum(ctx, toks, i, n, ent, end)
        ent, start = _summit_before(ctx, ent, start, sent)
        out.append(_mention(ctx, ent, start, end, "demonym" if ent.demonym else ""))
        i += n
    return out


def _compound_forum(
    ctx: _Context, toks: list[tuple[int, int, str]], i: int, n: int, ent: Entity, end: int
) -> tuple[Entity, int, int]:
    """ "ADMM+" is ADMM-Plus; "NATO-Gipfel", "NATO summit" name the organisation's summit."""
    text = ctx.doc.text
    if ent.kind == "forum" and text[end : end + 1] == "+":
        plus = ctx.index.names.get(fold(text[toks[i][0] : end]) + "plus")
        if plus:
            return plus[0], end + 1, n
    if ent.kind == "organization" and ent.id in ctx.index.summits and i + n < len(toks):
        nxt = toks[i + n]
        if text[end : nxt[0]] in ("-", "‐", " ") and ctx.lex.find("anaphora", "summit", text, nxt[0], nxt[1]):
            return ctx.index.summits[ent.id], nxt[1], n + 1
    return ent, end, n


def _summit_before(ctx: _Context, ent: Entity, start: int, sent: Span) -> tuple[Entity, int]:
    """Where qualifiers follow the noun (``pack.qualifier_after_noun``), "sommet de l'OTAN", "cumbre de la OTAN",
    "vertice NATO", "szczycie NATO" name the organisation's summit (the word for a summit, then the name)."""
    if ent.kind != "organization" or ent.id not in ctx.index.summits:
        return ent, start
    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return ent, start
    key = "mentions.summit_before"
    if key not in ctx.lex.patterns:
        preps, arts = ctx.lex.alt("markers", "genitive_prepositions"), ctx.lex.alt("markers", "articles")
        ctx.lex.patterns[key] = re.compile(rf"(\w+)\s+(?:(?:{preps})\s*(?:(?:{arts})\s*)?)?$", re.I)
    m = ctx.lex.patterns[key].search(ctx.doc.text, max(sent.start, start - 30), start)  # type: ignore[union-attr]
    if m and ctx.lex.find("anaphora", "summit", m.group(1)):
        return ctx.index.summits[ent.id], m.start(1)
    return ent, start


def _split_at_names(ctx: _Context, tok: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """In a script without spaces the analyser may glue a name to the next word ("中国政府", "董軍在"): a token
    that is no name but begins with one of two or more characters is cut after it."""
    start, end, word = tok
    if len(word) < 3 or fold(word) in ctx.index.names or fold(word) in ctx.index.prefixes:
        return [tok]
    for n in range(len(word) - 1, 1, -1):
        key = fold(word[:n])
        if key in ctx.index.names or key in ctx.index.surnames:
            return [(start, start + n, word[:n]), *_split_at_names(ctx, (start + n, end, word[n:]))]
    return [tok]


def _inside_longer_name(ctx: _Context, toks: list[tuple[int, int, str]], i: int, sent: Span) -> bool:
    """ "USS George Washington": a capitalised word right before makes the place part of a longer name."""
    if not ctx.lex.flag("pack", "names_only_capitalised") or i == 0:
        return False
    prev = toks[i - 1]
    if not prev[2][:1].isupper() or ctx.doc.text[prev[1] : toks[i][0]] != " ":
        return False
    first_of_sentence = prev[0] == sent.start
    known = prev[2].lower() in {
        w.lower() for w in ctx.lex.words("markers", "locative") + ctx.lex.words("markers", "after_place")
    }
    return not first_of_sentence and not known and fold(prev[2]) not in ctx.index.names


def _may_start(ctx: _Context, word: str) -> bool:
    """Whether a name or a surname of the index can begin with the folded word, as it stands or by one of
    its inflections' stems (``_longest`` finds nothing otherwise)."""
    index = ctx.index
    if word in index.prefixes or word in index.names or word in index.surnames:
        return True
    return any(s in index.prefixes or s in index.names or s in index.surnames for s in _stems(ctx, word))


def _longest(
    ctx: _Context, toks: list[tuple[int, int, str]], folded: list[str], i: int, j: int
) -> tuple[Entity, int] | None:
    """The longest name starting at token ``i`` (words up to ``j``), extending only while a name can go on."""
    found = None
    key = ""
    for n in range(1, j - i + 1):
        word = folded[i + n - 1]
        if key + word not in ctx.index.prefixes and key + word not in ctx.index.names:  # "Borisem Pistoriusem"
            word = next((w for w in _stems(ctx, word) if key + w in ctx.index.prefixes), word)
        key += word
        text = ctx.doc.text[toks[i][0] : toks[i + n - 1][1]]
        cands = _lookup(ctx, key, ctx.index.names) if not key.isdigit() else []  # "22" is no "2+2"
        ent = _choose(ctx, cands) if cands else None
        if ent is not None and ent.kind == "organization" and _after_locative(ctx, toks[i][0]):
            ent = next((e for e in cands if e.kind == "place"), ent)  # "arrived at the Pentagon": the building
        if ent is not None and _capitalised(ctx, text, ent):
            found = (ent, n)
        elif n <= 2 and found is None:
            sur = _surname(ctx, key, text, toks[i + n - 1][1])
            if sur is not None:
                found = (sur, n)
        if key not in ctx.index.prefixes:
            break
    return found


def _after_locative(ctx: _Context, start: int) -> bool:
    """A locative preposition (and an article) right before ``start``: "at the Pentagon", "in den Pentagon"."""
    pat = _cached(
        ctx,
        "mentions.after_locative",
        lambda: re.compile(
            rf"(?<!\w)(?:{ctx.lex.alt('markers', 'locative')})\s+(?:(?:{ctx.lex.alt('markers', 'articles')})\s+)?$",
            re.I,
        ),
        ("markers", "locative"),
        ("markers", "articles"),
    )
    return pat.search(ctx.doc.text, max(0, start - 24), start) is not None


def _adjacent_state(ctx: _Context, mentions: list[Mention], start: int) -> Mention | None:
    """A state name or adjective right before ``start`` ("US-", "South Korean ", "Japan's ")."""
    for m in reversed(mentions):
        if m.span.end <= start and m.kind == "state" and _adjacent(ctx).fullmatch(ctx.doc.text, m.span.end, start):
            return m
        if m.span.end <= start - 4:
            break
    return None


def _qualifier_gap(ctx: _Context) -> re.Pattern[str]:
    """What may stand between a title or ministry and the state that follows it (" ", " de ", " della ")."""
    key = "mentions.qualifier_gap"
    if key not in ctx.lex.patterns:
        preps, arts = ctx.lex.alt("markers", "genitive_prepositions"), ctx.lex.alt("markers", "articles")
        ctx.lex.patterns[key] = re.compile(rf"\s+(?:(?:{preps})\s*(?:(?:{arts})\s*)?)?", re.I)
    return ctx.lex.patterns[key]  # type: ignore[return-value]


def _following_state(ctx: _Context, mentions: list[Mention], end: int) -> Mention | None:
    """In a language whose qualifiers follow the noun (``pack.qualifier_after_noun``), the state named
    right after a title or ministry: "ministro della Difesa italiano", "ministro de Defensa de España"."""
    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return None
    for m in mentions:
        if m.span.start >= end and m.kind == "state" and _qualifier_gap(ctx).fullmatch(ctx.doc.text, end, m.span.start):
            return m
    return None


def _inside(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.span.start and m.span.end <= end]


def _overlaps(mentions: list[Mention], start: int, end: int) -> bool:
    return any(m.span.start < end and start < m.span.end for m in mentions)


def _titles(ctx: _Context, sent: Span, names: list[Mention]) -> list[Mention]:
    table = _title_classes(ctx)
    out = []
    for m in _title_matches(ctx, sent):
        head = _head_of_title(names, m.start(), m.end())
        if head is not None:  # "중국 국방부" + "국방부 장관": the minister of that ministry
            names.remove(head)
            out.append(
                Mention(
                    ctx.doc.span(head.span.start, m.end()),
                    "title",
                    "",
                    m.group(),
                    head.country,
                    table.get(ctx.lex.norm(m.group()), "official"),
                )
            )
            continue
        for n in [n for n in names if n.kind == "organization" and _within_title(n, m)]:
            names.remove(n)  # "National Defense Minister": the ministry's words are the title's, not a mention
        inner = _inner_adjective(ctx, m, names)
        if _overlaps([n for n in names if n not in inner], m.start(), m.end()):
            continue
        state = _adjacent_state(ctx, names, m.start()) or next(iter(inner), None)
        state = state or _following_state(ctx, names, m.end())
        country = state.country if state else ""
        cls = table.get(ctx.lex.norm(_without(m, inner)), "official")
        if not country and cls in ("defense", "head", "foreign", "minister"):
            country = ctx.outlet_country  # "la ministra de Defensa" in a Spanish paper: Spain's
        out.append(Mention(ctx.doc.span(m.start(), m.end()), "title", "", m.group(), country, cls))
    return out


def _within_title(n: Mention, m: re.Match[str]) -> bool:
    """A name lying inside a longer title match."""
    return m.start() <= n.span.start and n.span.end <= m.end() and n.span.end - n.span.start < m.end() - m.start()


def _title_classes(ctx: _Context) -> dict[str, str]:
    """The pack's titles by their normalised phrase (built once per pack)."""
    memo = ctx.lex.derived.get("titles._classes")
    if memo is None:
        memo = ctx.lex.derived["titles._classes"] = {ctx.lex.norm(k): v for k, v in ctx.lex.table("titles").items()}
    else:
        ACCESSED.add(("titles", "*"))
    return memo  # type: ignore[no-any-return]


def _head_of_title(names: list[Mention], start: int, end: int) -> Mention | None:
    """An organisation name that ends inside a title ("中國大陸國防部" of "國防部長")."""
    return next((n for n in names if n.kind == "organization" and n.span.start < start < n.span.end < end), None)


def _title_pattern(ctx: _Context) -> re.Pattern[str] | None:
    if "titles._keys" not in ctx.lex.patterns:
        ctx.lex.patterns["titles._keys"] = _qualifiable(ctx, list(ctx.lex.table("titles")))
    return ctx.lex.patterns["titles._keys"]


def _title_matches(ctx: _Context, sent: Span) -> list[re.Match[str]]:
    pat = _title_pattern(ctx)
    if pat is None or not ctx.lex.possible("titles._keys", ctx.doc.text, sent.start, sent.end):
        return []
    return list(pat.finditer(ctx.doc.text, sent.start, sent.end))


def _qualifiable(ctx: _Context, phrases: list[str]) -> re.Pattern[str] | None:
    """The phrases as one pattern; where qualifiers follow the noun, a state's adjective may stand after the
    first word of a longer phrase ("ministre [français] des Armées", "ministerio [español] de Defensa")."""
    from allied.news.lexicon import word_pattern

    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return ctx.lex.compile(phrases)
    adjectives = "|".join(re.escape(w) for w in sorted(ctx.lex.table("demonyms"), key=len, reverse=True))
    endings = "|".join(re.escape(w) for w in ctx.lex.suffixes)
    slot = rf"(?:\s+(?:{adjectives})(?:{endings})?(?=\s))?" if adjectives else ""
    out = []
    for phrase in phrases:
        words = phrase.split()
        head = word_pattern(words[:1])
        rest = word_pattern([" ".join(words[1:])]) if len(words) > 1 else None
        if head is None:
            continue
        out.append(_bare(head.pattern) + (slot + r"\s+" + _bare(rest.pattern) if rest else ""))
    out.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(out) + ")", re.I) if out else None


def _bare(pattern: str) -> str:
    """A one-phrase pattern of ``word_pattern`` without its left word boundary group."""
    prefix = "(?<!\\w)(?:"
    return pattern[len(prefix) : -1] if pattern.startswith(prefix) else pattern


def _inner_adjective(ctx: _Context, m: re.Match[str], names: list[Mention]) -> list[Mention]:
    """The state adjective standing inside a title or ministry phrase ("ministre français des Armées")."""
    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return []
    first_end = m.start() + len(m.group().split()[0])
    return [n for n in _inside(names, m.start(), m.end()) if n.kind == "state" and n.span.start >= first_end]


def _without(m: re.Match[str], inner: list[Mention]) -> str:
    """The phrase of a match with an inner adjective left out."""
    text, cut = m.group(), [(n.span.start - m.start(), n.span.end - m.start()) for n in inner]
    for s, e in sorted(cut, reverse=True):
        text = text[:s] + text[e:]
    return re.sub(r"\s+", " ", text).strip()


def _ministries(
    ctx: _Context,
    sent: Span,
    names: list[Mention],
    titles: list[Mention],
    memory: tuple[dict[str, str], str, Entity | None] | None = None,
) -> list[Mention]:
    """Ministry phrases; "the ministry" with no state belongs to the last minister named before it (with
    ``memory``, the document memory as it stood when the sentence began: a minister named later in the same
    sentence is not the one meant, "국방부는 22일 … 일본 방위대신이 … 밝혔다")."""
    out: list[Mention] = []
    for generic in (False, True):
        for m in _ministry_matches(ctx, "generic" if generic else "defense", sent):
            inner = _inner_adjective(ctx, m, names)
            taken = [n for n in names if n not in inner] + out
            if _overlaps(taken, m.start(), m.end()):
                continue
            if any(t.span.start < m.end() < t.span.end for t in titles):  # "国防部" of "国防部长"
                continue
            before = _adjacent_state(ctx, names, m.start())
            after = None if before or inner else _following_state(ctx, names, m.end())
            state = before or next(iter(inner), None) or after
            ent = ctx.index.ministries.get(state.country) if state else None
            start = before.span.start if before and ent else m.start()
            end = after.span.end if after and ent else m.end()
            if ent is None and memory is not None:
                now = (ctx.last_head, ctx.last_official_country, ctx.last_ministry)
                ctx.last_head, ctx.last_official_country, ctx.last_ministry = dict(memory[0]), memory[1], memory[2]
                _update(ctx, [x for x in [*names, *titles, *out] if x.span.start < m.start()])
                ent = _ministry_by_head(ctx, m.group(), not generic)
                ctx.last_head, ctx.last_official_country, ctx.last_ministry = now
            elif ent is None:
                ent = _ministry_by_head(ctx, m.group(), not generic)
            if ent is None and not generic:
                ent = _unknown_ministry(ctx, m, state.country if state else ctx.outlet_country)
                start, end = (min(start, state.span.start), max(end, state.span.end)) if state else (start, end)
            if ent is None:
                continue
            out.append(_mention(ctx, ent, start, end, "ministry"))
    return out


def _unknown_ministry(ctx: _Context, m: re.Match[str], country: str) -> Entity | None:
    """A state's defense ministry the reference does not hold is an actor under the name as written
    ("el Ministerio de Defensa" in a Spanish paper), never another state's ministry."""
    if not country or country in ctx.index.ministries:
        return None
    name = re.sub(r"\s+", " ", m.group())
    slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name)).strip("-")
    return Entity("organization", f"org:{country.lower()}-{slug}", name, country, role="ministry")


def _ministry_matches(ctx: _Context, key: str, sent: Span) -> list[re.Match[str]]:
    """Ministry phrases of the sentence; an inner state adjective is allowed where qualifiers follow."""
    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return ctx.lex.find("ministries", key, ctx.doc.text, sent.start, sent.end)
    name = f"ministries._{key}"
    if name not in ctx.lex.patterns:
        ctx.lex.patterns[name] = _qualifiable(ctx, ctx.lex.words("ministries", key))
    pat = ctx.lex.patterns[name]
    if pat is None or not ctx.lex.possible(f"ministries.{key}", ctx.doc.text, sent.start, sent.end):
        return []
    return list(pat.finditer(ctx.doc.text, sent.start, sent.end))


def _ministry_by_head(ctx: _Context, phrase: str, defense: bool = False) -> Entity | None:
    """ "the ministry" belongs to the last minister named, "the department" to the last secretary; "the
    defense ministry" with none named before is the outlet's state's."""
    head = "secretar" if ctx.lex.find("ministries", "department", phrase) else "minist"
    country = ctx.last_head.get(head) or ctx.last_official_country
    if country and country in ctx.index.ministries:
        return ctx.index.ministries[country]
    if defense and ctx.last_ministry is None and ctx.outlet_country in ctx.index.ministries:
        return ctx.index.ministries[ctx.outlet_country]
    return ctx.last_ministry


def _new_persons(ctx: _Context, titles: list[Mention], names: list[Mention]) -> list[Mention]:
    if not ctx.lex.cased:
        return _new_persons_uncased(ctx, titles, names)
    out = []
    for t in titles:
        after = _following_state(ctx, names, t.span.end)
        begin = after.span.end if after else t.span.end
        toks = _tokens(ctx.doc.text, begin, min(len(ctx.doc.text), begin + 60))
        words: list[tuple[int, int]] = []
        pos = begin
        for s, e, w in toks:
            gap = r"[ \t\-]{1,2}" if words else r"[ \t\-]{1,2}|,[ \t]"  # apposition: "el ministro, Ana Ruiz"
            joined = bool(words) and ctx.doc.text[pos:s] in ("-", "'", "’")  # "Song Young-moo", "Ya'alon"
            initial = bool(words) and words[-1][1] - words[-1][0] == 1 and ctx.doc.text[pos:s] in (". ", ".\u00a0")
            joined = joined or (initial and w[:1].isupper())  # "Lloyd J. Austin": an initial and its period
            fits = joined or (re.fullmatch(gap, ctx.doc.text[pos:s]) is not None and w[:1].isupper())
            if not fits or _overlaps(names, s, e):
                break
            words.append((s, e))
            pos = e
            if len(words) == 3:
                break
        if len(words) == 1 and not _lone_surname(ctx, t, words[0]):
            continue
        if words:
            start, end = words[0][0], words[-1][1]
            name = ctx.doc.text[start:end]
            slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name)).strip("-")
            out.append(Mention(ctx.doc.span(start, end), "person", f"person:{slug}", name, t.country, t.role))
    return out


def _lone_surname(ctx: _Context, title: Mention, word: tuple[int, int]) -> bool:
    """ "Japanese Defense Minister Kishi held a call": one capitalised word after a title of a known state is a
    surname, unless it is a month or weekday or a word in capitals; a longer capitalised run is read above."""
    from allied.news.dates import calendar_word

    text = ctx.doc.text[word[0] : word[1]]
    if not title.country or title.role not in ("defense", "foreign", "head", "minister", "military"):
        return False
    if len(text) < 3 or not text[:1].isupper() or not text[1:].islower() or calendar_word(ctx.lex, text):
        return False
    return re.match(r"\s*(?:[a-z]|[,.;:)]|$)", ctx.doc.text[word[1] : word[1] + 3]) is not None


def _function_words(ctx: _Context) -> set[str]:
    """The pack's small words (prepositions, articles, conjunctions, subordinators), normalised."""
    memo = ctx.lex.derived.get("mentions.function_words")
    if memo is None:
        keys = ["locative", "articles", "conjunctions", "subordinators", "not_destination", "determiners"]
        keys += ["before", "after", "clause_break"]
        memo = ctx.lex.derived["mentions.function_words"] = {
            ctx.lex.norm(w) for k in keys for w in ctx.lex.words("markers", k)
        }
    return memo  # type: ignore[no-any-return]


def _appositive_persons(ctx: _Context, sent: Span, titles: list[Mention], taken: list[Mention]) -> list[Mention]:
    """ "Jean-Yves Le Drian, ministre de la Défense, se rendra", "Richard Marles, Australia's defence minister,
    said": an unknown name set off by a comma right before a title (or before the state qualifying it) is the
    title's holder."""
    if not ctx.lex.cased:
        return []
    from allied.news.dates import calendar_word

    pat = _cached(
        ctx,
        "mentions.appositive",
        lambda: re.compile(
            rf"(?<![\w'’-])((?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)?)(?:\s+(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)?)){{1,3}}),\s+"
            rf"(?:(?:{ctx.lex.alt('markers', 'articles')})\s+)?$"
        ),
        ("markers", "articles"),
    )
    out: list[Mention] = []
    for t in titles:
        if t.role not in ("defense", "foreign", "head", "minister", "military"):
            continue
        start = t.span.start
        state = next((m for m in taken if m.kind == "state" and 0 <= start - m.span.end <= 3), None)
        start = state.span.start if state else start
        m = pat.search(ctx.doc.text, max(sent.start, start - 60), start)
        if m is None or _overlaps([*taken, *titles, *out], m.start(1), m.end(1)):
            continue
        name = m.group(1)
        words = name.split()
        if ctx.lex.norm(words[0]) in _function_words(ctx) or any(calendar_word(ctx.lex, w) for w in words):
            continue  # "On Monday, the Turkish defense minister": a sentence's opening words are no name
        slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name)).strip("-")
        out.append(Mention(ctx.doc.span(m.start(1), m.end(1)), "person", f"person:{slug}", name, t.country, t.role))
    return out


def _new_persons_uncased(ctx: _Context, titles: list[Mention], names: list[Mention]) -> list[Mention]:
    """In a script without case the analyser's proper nouns next to a title are the unknown name: before the
    title where it follows the name ('헤그세스 미 국방장관', '董軍（ドンジュン）国防相'), else after it
    ('国防部长赫塞斯').
    A state between them ('미', '米') or a reading in brackets is stepped over."""
    after = not ctx.lex.flag("names", "title_after_name")
    out: list[Mention] = []
    text = ctx.doc.text
    for t in titles:
        if any(m.kind == "person" and _near_title(ctx, m, t, after) for m in names + out):
            continue
        meeting = ctx.lex.find("triggers", "meeting", text, t.span.end, t.span.end + 8)
        if any(not text[t.span.end : m.start()].strip() and m.start() - t.span.end <= 1 for m in meeting):
            continue  # the title qualifies a meeting ("국방장관 회의"): it names no one
        lo, hi = (t.span.end, min(len(text), t.span.end + 30)) if after else (max(0, t.span.start - 30), t.span.start)
        toks = segment.tokens(ctx.lex, text, lo, hi)
        if not after:
            toks = toks[::-1]
            states = [m for m in names if m.kind == "state" and lo <= m.span.start and m.span.end <= t.span.start]
            edge = min(
                [m.span.start for m in states if _adjacent(ctx).fullmatch(text, m.span.end, t.span.start)]
                or [t.span.start]
            )
        else:
            edge = t.span.end
        taken: list[segment.Token] = []
        tail: int | None = None
        for tok in toks:
            if (tok.end > edge) if not after else (tok.start < edge):
                continue
            gap = text[tok.end : edge] if not after else text[edge : tok.start]
            if not READING.fullmatch(gap):
                break
            glued = tok.start > 0 and text[tok.start - 1].isalpha() and text[tok.end : tok.end + 1].isspace()
            if not after and not taken and not tok.proper and len(tok.text) <= 2 and glued and tail is None:
                # "고이즈미 신지로 일본 방위상": the last syllable of a spaced name read as a particle
                tail, edge = tok.end, tok.start
                continue
            if tail is not None and not taken:
                tok = segment.Token(tok.start, tail, text[tok.start : tail], tok.proper)
            if tok.proper not in ("person", "name") or _overlaps(names, tok.start, tok.end):
                break
            taken.append(tok)
            edge = tok.start if not after else tok.end
            if len(taken) == 3:
                break
        span = (min(x.start for x in taken), max(x.end for x in taken)) if taken else _possessed(ctx, names, edge)
        if span is None:
            continue
        start, end = span
        name = text[start:end]
        if len(name) < 2:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(name)).strip("-") or re.sub(r"\s+", "-", name)
        out.append(Mention(ctx.doc.span(start, end), "person", f"person:{slug}", name, t.country, t.role))
    return out


def _written_again(ctx: _Context, sent: Span, taken: list[Mention]) -> list[Mention]:
    """A name the reference does not know, introduced by a title earlier in the text ("美國國防部長赫塞斯", "le
    Premier ministre britannique Keir Starmer"), is the same person where it stands again without the title
    ("證實赫塞斯九日"; in a script with case as a whole word, also by the surname alone: "signée par Starmer")."""
    for m in taken:
        if m.kind == "person" and m.id.startswith("person:") and m.id not in ctx.index.orgs and m.role:
            ctx.written.setdefault(m.span.text, m)
            words = m.span.text.split()
            if ctx.lex.cased and len(words) > 1 and len(words[-1]) > 2 and words[-1][:1].isupper():
                ctx.written.setdefault(words[-1], m)
    out: list[Mention] = []
    covered = {i for m in taken for i in range(m.span.start, m.span.end)}  # linear, not a scan per occurrence
    for written, first in ctx.written.items():
        pos = ctx.doc.text.find(written, sent.start, sent.end)
        while pos >= 0:
            end = pos + len(written)
            if ctx.lex.cased:  # "przez Starmera": the name with one of the language's endings
                tail = re.match(r"\w*", ctx.doc.text[end : sent.end]).group()  # type: ignore[union-attr]
                end += len(tail) if tail in ctx.lex.suffixes else 0
            whole = not ctx.lex.cased or not (
                ctx.doc.text[pos - 1 : pos].isalnum() or ctx.doc.text[end : end + 1].isalnum()
            )
            if whole and not covered.intersection(range(pos, end)):
                out.append(replace(first, span=ctx.doc.span(pos, end)))
                covered.update(range(pos, end))
            pos = ctx.doc.text.find(written, end, sent.end)
    return out


def _possessed(ctx: _Context, names: list[Mention], edge: int) -> tuple[int, int] | None:
    """ "中国の王海東国防相": the letters between a state with its genitive particle and the title are a name."""
    clitic = ctx.lex.pattern("markers", "genitive_clitic")
    for m in names:
        c = clitic.match(ctx.doc.text, m.span.end) if clitic and m.kind == "state" else None
        if c and 2 <= edge - c.end() <= 5 and ctx.doc.text[c.end() : edge].isalpha():
            return c.end(), edge
    return None


def _near_title(ctx: _Context, m: Mention, t: Mention, after: bool) -> bool:
    if (m.span.start < t.span.end) if after else (m.span.end > t.span.start):
        return False
    gap = ctx.doc.text[t.span.end : m.span.start] if after else ctx.doc.text[m.span.end : t.span.start]
    return bool(READING.fullmatch(gap) or _adjacent(ctx).fullmatch(gap))


def fold_ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _cities(ctx: _Context, sent: Span, taken: list[Mention]) -> list[Mention]:
    """Cities after a locative preposition ("in Tokio", "nach Hanoi"), and the cities listed after them; in a
    script without case, the analyser's proper nouns that name a city ('도쿄', 'クアラルンプール', '吉隆坡')."""
    if not ctx.lex.cased:
        return _cities_uncased(ctx, sent, taken)
    out: list[Mention] = []
    clitic = _cached(
        ctx,
        "mentions.city_clitic",
        lambda: re.compile(rf"(?<![\w.])([A-Z]\w+)(?=(?:{ctx.lex.alt('markers', 'genitive_clitic')})(?!\w))"),
        ("markers", "genitive_clitic"),
    )
    for m in clitic.finditer(ctx.doc.text[sent.start : sent.end]):
        start, end = sent.start + m.start(1), sent.start + m.end(1)
        hit = None if _overlaps(taken + out, start, end) else _city(m.group(1))
        if hit is not None:  # "Seoul's commitment": a capital for its state
            out.append(_mention(ctx, hit, start, end))
    starts = [m.end() for m in ctx.lex.find("markers", "locative", ctx.doc.text, sent.start, sent.end)]
    # "der Hauptstadt Vilnius", "the capital Tallinn": a city after a word for a city
    starts += [m.end() for m in ctx.lex.find("markers", "city_nouns", ctx.doc.text, sent.start, sent.end)]
    for verb in ctx.lex.find("triggers", "visit", ctx.doc.text, sent.start, sent.end):
        # the object of a visiting verb, also after its subject and a day: "besucht Marles am Samstag Seoul"
        starts += [s - 1 for s, _, w in _tokens(ctx.doc.text, verb.end(), sent.end)[:6] if w[:1].isupper()]
    for pos in sorted(set(starts)):
        while pos < sent.end:
            found = _city_at(ctx, pos, sent, taken + out)
            if found is None:
                skip = _city_skip(ctx).match(ctx.doc.text[pos : sent.end])
                found = _city_at(ctx, pos + skip.end() - 1, sent, taken + out) if skip else None
            if found is None:
                break
            out.append(found)
            more = _city_more(ctx).match(ctx.doc.text[found.span.end : sent.end])
            if not more:
                break
            pos = found.span.end + more.end() - 1
    return out


def _city_skip(ctx: _Context) -> re.Pattern[str]:
    """A capitalised name and a comma before the city ("in der Hauptstadt, Seoul")."""
    return _cached(
        ctx,
        "mentions.city_skip",
        lambda: re.compile(
            rf"\s*(?:(?:{ctx.lex.alt('markers', 'articles')})\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?\s*,\s*(?=[A-Z])"
        ),
        ("markers", "articles"),
    )


def _city_more(ctx: _Context) -> re.Pattern[str]:
    """What joins the cities of a list (", ", " and ")."""
    return _cached(
        ctx,
        "mentions.city_more",
        lambda: re.compile(rf"(?:\s*,\s*|\s+(?:{ctx.lex.alt('markers', 'conjunctions')})\s+)(?=\w)"),
        ("markers", "conjunctions"),
    )


def _cities_uncased(ctx: _Context, sent: Span, taken: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    toks = segment.tokens(ctx.lex, ctx.doc.text, sent.start, sent.end)
    text = ctx.doc.text
    cues = [m.end() for key in ("visit", "arrival") for m in ctx.lex.find("triggers", key, text, sent.start, sent.end)]
    cues += [m.end() for m in ctx.lex.find("markers", "locative", ctx.doc.text, sent.start, sent.end)]
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            part = toks[i : i + n]
            if len(part) < n or not (any(t.proper for t in part) or part[0].start in cues):
                continue
            if any(not GAP.fullmatch(ctx.doc.text, a.end, b.start) for a, b in zip(part, part[1:], strict=False)):
                continue
            start, end = part[0].start, part[-1].end
            hit = None if _overlaps(taken + out, start, end) else _city(ctx.doc.text[start:end])
            if hit is not None and not _placed(ctx, part, hit, taken):
                hit = None
            if hit is not None:
                out.append(_mention(ctx, hit, start, end))
                i += n - 1
                break
        i += 1
    return out


def _placed(ctx: _Context, part: list[segment.Token], hit: Entity, taken: list[Mention]) -> bool:
    """A city the analyser tags a place, or one written after its state ('일본 도쿄') or before a locative
    particle ('서울에서'): a transliterated surname ('오스틴') is no city."""
    if any(t.proper == "place" for t in part):
        return True
    lo = max(0, part[0].start - 8)
    text, at = ctx.doc.text, part[0].start
    before = [m.end() for k in ("visit", "arrival") for m in ctx.lex.find("triggers", k, text, lo, at)]
    before += [m.end() for m in ctx.lex.find("markers", "locative", text, lo, at)]
    if part[0].start in before:  # "访问首尔", "抵达首尔", "在吉隆坡": right after a travel word or a preposition
        return True
    start, end = part[0].start, part[-1].end
    if any(m.kind == "state" and m.country == hit.country and 0 <= start - m.span.end <= 1 for m in taken):
        return True
    loc = ctx.lex.pattern("markers", "locative")
    return bool(loc and loc.match(ctx.doc.text, end))


def _city_at(ctx: _Context, pos: int, sent: Span, taken: list[Mention]) -> Mention | None:
    toks = _tokens(ctx.doc.text, pos, min(sent.end, pos + 60))
    articles = _cached(
        ctx,
        "mentions.city_articles",
        lambda: re.compile(rf"\s*(?:(?:{ctx.lex.alt('markers', 'articles')})\s+)?", re.I),
        ("markers", "articles"),
    )
    if not toks or not articles.fullmatch(ctx.doc.text[pos : toks[0][0]]):
        return None
    caps: list[tuple[int, int]] = []
    for s, e, w in toks[:3]:
        if not w[:1].isupper() or (caps and not GAP.fullmatch(ctx.doc.text, caps[-1][1], s)):
            break
        caps.append((s, e))
    for n in range(len(caps), 0, -1):
        start, end = caps[0][0], caps[n - 1][1]
        if _overlaps(taken, start, end):
            continue
        name = ctx.doc.text[start:end]
        if articles.fullmatch(name + " "):  # "referring to The Japan Times": an article is no city ("The")
            continue
        hit = None if name.isupper() and len(name) <= 4 else _city(name)  # "USS" is no city
        if hit is None and n == 1 and not name.isupper():  # "do Waszyngtonu", "w Warszawie"
            hit = next(filter(None, (_city(stem) for stem in _stems(ctx, fold(name)))), None)
        if hit is not None:
            return _mention(ctx, hit, start, end)
    return None


@lru_cache(maxsize=8192)
def _city(name: str) -> Entity | None:
    for e in lookup(name):
        if e.kind == "city" and e.population >= MIN_CITY_POPULATION:
            return Entity("place", e.id, e.name, e.country, lat=e.lat, lon=e.lon, place_kind="city", source=e.source)
    return None


def _alliance(ctx: _Context, sent: Span, taken: list[Mention]) -> list[Mention]:
    out = []
    nato = ctx.index.orgs.get("org:nato")
    found = ctx.lex.find("alliance", "words", ctx.doc.text, sent.start, sent.end)
    for m in found + ctx.lex.find("alliance", "nato", ctx.doc.text, sent.start, sent.end):
        if not _overlaps(taken, m.start(), m.end()):
            out.append(
                Mention(
                    ctx.doc.span(m.start(), m.end()),
                    "alliance",
                    nato.id if ctx.nato and nato else "",
                    nato.name if ctx.nato and nato else m.group(),
                )
            )
    return out


def _mark_modifiers(ctx: _Context, mentions: list[Mention], sent: Span) -> list[Mention]:
    """State names used as modifiers ("US-Präsident", "Japan's plan", "Korea-U.S. alliance") are marked."""
    out = []
    for m in mentions:
        if m.kind == "state" and not m.role:
            after = ctx.doc.text[m.span.end : m.span.end + 3]
            nxt = re.match(r"(\.?)\s+(\w+)", ctx.doc.text[m.span.end : m.span.end + 30])
            follow = ctx.lex.words("markers", "after_place")
            sentence_end = m.span.end + 1 >= sent.end
            adjective = bool(follow and nxt and nxt.group(2).lower() not in follow and not sentence_end)
            adjective = adjective or _genitive_article(ctx, m)
            genitive = (
                ctx.lex.flag("pack", "genitive_s")
                and m.span.text.endswith("s")
                and fold(m.span.text) not in ctx.index.names
            )
            if _modifier_clitic(ctx).match(after) or genitive or adjective:
                m = replace(m, role="modifier")
        out.append(m)
    return out


def _modifier_clitic(ctx: _Context) -> re.Pattern[str]:
    """A hyphen or a genitive clitic right after a state name ("US-", "Japan's")."""

    def build() -> re.Pattern[str]:
        end = r"(?!\w)" if ctx.lex.spaced else ""
        return re.compile(rf"(?:\.?[-–‐]\w|(?:{ctx.lex.alt('markers', 'genitive_clitic')}){end})")

    return _cached(ctx, "mentions.modifier_clitic", build, ("markers", "genitive_clitic"), ("pack", "spaced"))


def _genitive_article(ctx: _Context, m: Mention) -> bool:
    arts = ctx.lex.words("markers", "genitive_articles")
    if not arts:
        return False
    before = re.search(r"(\w+)\s+(\w+)\s+$", ctx.doc.text[max(0, m.span.start - 40) : m.span.start])
    if not before or before.group(2).lower() not in arts:
        return False
    preps = {w.lower() for w in ctx.lex.words("markers", "locative") + ctx.lex.words("markers", "not_destination")}
    return before.group(1).lower() not in preps


def _nationalities(ctx: _Context, mentions: list[Mention]) -> list[Mention]:
    """A state right before a title, a ministry or a person names their nationality, not a place."""
    heads = [m for m in mentions if m.kind in ("title", "person", "organization")]
    out = []
    for m in mentions:
        if (
            m.kind == "state"
            and m.role == ""
            and any(
                h.span.start >= m.span.end and _adjacent(ctx).fullmatch(ctx.doc.text, m.span.end, h.span.start)
                for h in heads
            )
        ):
            m = replace(m, role="modifier")
        elif m.kind == "state" and m.role == "" and _qualifies_preceding(ctx, m, heads):
            m = replace(m, role="modifier")
        out.append(m)
    return out


def _qualifies_preceding(ctx: _Context, m: Mention, heads: list[Mention]) -> bool:
    """ "ministro de Defensa de España": where qualifiers follow, a state right after a title qualifies it."""
    if not ctx.lex.flag("pack", "qualifier_after_noun"):
        return False
    return any(
        h.kind == "title"
        and h.span.end <= m.span.start
        and _qualifier_gap(ctx).fullmatch(ctx.doc.text, h.span.end, m.span.start)
        for h in heads
    )


def _update(ctx: _Context, mentions: list[Mention]) -> None:
    ordered = sorted(mentions, key=lambda m: m.span.start)
    after_name = ctx.lex.flag("names", "title_after_name")  # "小泉防衛相", "안규백 국방부 장관": the name comes first
    for prev, m, nxt in zip([None, *ordered], ordered, [*ordered[1:], None], strict=False):
        if m.kind == "title":
            country = m.country or (
                nxt.country if nxt and nxt.kind == "person" and nxt.span.start - m.span.end <= 2 else ""
            )
            named = prev if after_name and prev and prev.kind == "person" else None
            if not m.country and named and 0 <= m.span.start - named.span.end <= 2:
                country = named.country
                if country and m.role in ("defense", "minister"):  # the minister's ministry is "the ministry"
                    ctx.last_official_country = country
            for head in ("minist", "secretar"):
                if country and head in m.name.lower():
                    ctx.last_head[head] = country
    for m in mentions:
        if m.kind == "organization" and m.role == "ministry":
            ctx.last_ministry = ctx.index.orgs.get(m.id) or ctx.last_ministry
        if m.kind in ("person", "title") and m.country and m.role in ("defense", "minister"):
            ctx.last_official_country = m.country


def outlet_country(doc: Document) -> str:
    """The outlet's state from the country-code domain of the article's URL (".es", ".com.pl"), or ""."""
    import pycountry

    host = re.match(r"(?:\w+://)?([^/:?#]+)", doc.url or "")
    tld = host.group(1).rsplit(".", 1)[-1] if host and "." in host.group(1) else ""
    found = pycountry.countries.get(alpha_2=tld.upper()) if len(tld) == 2 else None
    return str(found.alpha_3) if found else ""


def find_mentions(doc: Document, lex: Lexicon, index: NameIndex, day: dt.date | None) -> list[Mention]:
    ctx = _Context(doc, lex, index, day, nato=lex.has("alliance", "nato", doc.text), outlet_country=outlet_country(doc))
    result: list[Mention] = []
    for sent in doc.sentences:
        names = _names(ctx, sent)
        joined = compounds.find(doc, lex, index, sent)  # "한미일", "日米豪": several states in one word
        names = [m for m in names if not _overlaps(joined, m.span.start, m.span.end)]
        titles = _titles(ctx, sent, names)
        names = [
            m for m in names if m.kind != "state" or not any(_inside([m], t.span.start, t.span.end) for t in titles)
        ]
        persons = _new_persons(ctx, titles, names)
        persons += _appositive_persons(ctx, sent, titles, [*names, *persons])
        persons += _written_again(ctx, sent, [*names, *titles, *persons])
        memory = (dict(ctx.last_head), ctx.last_official_country, ctx.last_ministry)
        _update(ctx, [*names, *titles, *persons])
        ministries = _ministries(ctx, sent, names + persons, titles, memory)
        names = [
            m for m in names if not any(x.span.start <= m.span.start and m.span.end <= x.span.end for x in ministries)
        ]
        found = names + titles + persons + ministries + joined
        found += _cities(ctx, sent, found)
        found += _alliance(ctx, sent, found)
        _update(ctx, found)
        found = _nationalities(ctx, _mark_modifiers(ctx, sorted(found, key=lambda m: m.span.start), sent))
        found = compounds.joined_by_marks(doc, lex, sorted(found, key=lambda m: m.span.start))
        result.extend(found)
    return result
