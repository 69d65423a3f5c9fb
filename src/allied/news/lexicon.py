"""Language packs: one folder per language under ``lang/<iso>/`` whose files follow ``schema``.

Adding a language is adding a folder: the loader discovers every ``lang/*/pack.toml``. Word lists are
compiled once into case-insensitive regular expressions that run on the original text, so every match
keeps its character offsets. One automaton per pack (``automaton.Automaton``) finds where the words of
all lists stand in a text in one pass; a list is run only over spans where one of its words occurs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allied.model import ReferenceDataError
from allied.news import schema

if TYPE_CHECKING:
    from allied.news.automaton import Automaton

LANG_DIR = Path(__file__).parent / "lang"
DATA_DIR = Path(__file__).parent / "data"
GAP = r"\s+(?:\S+\s+){0,12}?"


def _token(tok: str) -> str:
    """One word of a phrase: 'word*' continues the word, '*word' is the end of a longer word ('*ra')."""
    head = r"(?<!\w)\w+" if tok.startswith("*") and len(tok) > 1 else ""
    tok = tok[1:] if head else tok
    if tok.endswith("*") and len(tok) > 1:
        return head + _quotes(re.escape(tok[:-1])) + r"[\w-]*"
    return head + _quotes(re.escape(tok))


def _quotes(pattern: str) -> str:
    """An apostrophe in a word list matches the typographic one too (year's, year’s)."""
    return re.sub("['’]", "['’]", pattern)


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _variant_converters() -> tuple[Any, ...]:
    """OpenCC's standard traditional forms and those written in Taiwan and Hong Kong (为: 爲 standard, 為 in
    Taiwan and Hong Kong; 着: 著 in Taiwan), and back to simplified."""
    import opencc

    return tuple(opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk", "t2s", "tw2s"))


def han_variants(pattern: str) -> str:
    """Every Chinese character of a regex also matches its traditional and simplified forms (国 = 國)."""
    if not HAN.search(pattern):
        return pattern
    converters = _variant_converters()

    def forms(m: re.Match[str]) -> str:
        c = m.group()
        alts = sorted({c, *(conv.convert(c) for conv in converters)} - {""})
        return c if len(alts) == 1 else "[" + "".join(alts) + "]"

    return HAN.sub(forms, pattern)


def _phrase(w: str, spaced: bool = True) -> tuple[bool, str]:
    """A phrase as regex (without its left word boundary): words joined by whitespace; ' * ' skips words.

    In a script without spaces between words (``spaced`` false) a phrase matches anywhere: its words may be
    written together, ' * ' skips up to 12 characters, and word boundaries are left to the segmenter.
    """
    out, prev_gap = "", True
    for tok in w.split():
        if tok == "*":
            out += GAP if spaced else r"\s*\S{0,12}?\s*"
            prev_gap = True
            continue
        if not spaced:
            word = _quotes(re.escape(tok.rstrip("*"))) if len(tok) > 1 else re.escape(tok)
            out += ("" if prev_gap else r"\s*") + word
        else:
            out += ("" if prev_gap else r"\s+") + _token(tok)
        prev_gap = False
    if not spaced:
        return False, out
    right = r"(?!\w)" if w[-1:].isalnum() else ""
    return w[:1].isalnum(), out + right


def word_pattern(
    words: list[str] | tuple[str, ...], spaced: bool = True, variants: bool = False
) -> re.Pattern[str] | None:
    """One case-insensitive regex for a word list; 'word*' continues a word, ' * ' skips up to 12 words.

    With ``variants`` a Chinese character matches in its simplified and traditional forms."""
    phrases = [_phrase(w, spaced) for w in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)]
    if not phrases:
        return None
    bounded = [p for b, p in phrases if b]
    free = [p for b, p in phrases if not b]
    parts = ([r"(?<!\w)(?:" + "|".join(bounded) + ")"] if bounded else []) + free
    joined = "|".join(parts)
    return re.compile(han_variants(joined) if variants else joined, re.IGNORECASE)


@dataclass
class Lexicon:
    """The compiled language pack of one language (the files of ``lang/<iso>/``, validated by ``schema``)."""

    language: str
    name: str
    data: dict[str, Any]
    folder: Path | None = None
    patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _memo: dict[tuple[str, str, int, int], list[re.Match[str]]] = field(default_factory=dict, repr=False)
    _memo_text: str | None = field(default=None, repr=False)
    _alts: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _names: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # (section, key) -> 'section.key'
    _automaton: Automaton | None = field(default=None, repr=False)
    derived: dict[str, Any] = field(default_factory=dict, repr=False)  # tables the engine derives once per pack

    @property
    def cased(self) -> bool:
        return self.flag("pack", "cased")

    @property
    def spaced(self) -> bool:
        return self.flag("pack", "spaced")

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The endings of ``pack.inflection_suffixes`` ("u", "ie" of "ie>a")."""
        return tuple(dict.fromkeys(w.partition(">")[0] for w in self.words("pack", "inflection_suffixes")))

    @property
    def inflections(self) -> tuple[tuple[str, str], ...]:
        """(ending, base ending) pairs: "ie>a" reads "Warszawie" as "Warszawa", "u" reads "Waszyngtonu" as
        "Waszyngton"."""
        return tuple((w.partition(">")[0], w.partition(">")[2]) for w in self.words("pack", "inflection_suffixes"))

    def _get(self, section: str, key: str) -> Any:
        ACCESSED.add((section, key))
        return self.data.get(section, {}).get(key)

    def flag(self, section: str, key: str) -> bool:
        return bool(self._get(section, key))

    def text(self, section: str, key: str) -> str:
        return str(self._get(section, key) or "")

    def pattern(self, section: str, key: str) -> re.Pattern[str] | None:
        """The compiled word list ``data[section][key]`` (cached)."""
        name = f"{section}.{key}"
        if name not in self.patterns:
            words = self.words(section, key)
            self.patterns[name] = self.compile([w.split(":")[0] for w in words])
        else:
            ACCESSED.add((section, key))
        return self.patterns[name]

    def compile(self, words: list[str]) -> re.Pattern[str] | None:
        """A word list as this language writes it: spaced or not, Chinese characters in either form."""
        return word_pattern(words, spaced=self.spaced, variants=self.flag("pack", "han_variants"))

    def norm(self, phrase: str) -> str:
        """A matched phrase as the pack writes it (whitespace collapsed, casefolded, simplified characters)."""
        out = re.sub(r"\s+", " ", phrase).casefold()
        if self.flag("pack", "han_variants") and HAN.search(out):
            out = _converters()[1].convert(out)
        return out

    def find(self, section: str, key: str, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Matches of the word list in ``text[start:end]`` (memoised for the current text)."""
        if text is not self._memo_text:
            self._memo, self._memo_text = {}, text
        stop = len(text) if end is None else end
        memo_key = (section, key, start, stop)
        found = self._memo.get(memo_key)
        if found is None:
            pat = self.pattern(section, key)
            if pat is None:
                found = []
            else:
                names = self._names.get((section, key))
                if names is None:
                    names = self._names[(section, key)] = f"{section}.{key}"
                automaton = self._automaton if self._automaton is not None else self.automaton()
                found = list(pat.finditer(text, start, stop)) if automaton.possible(names, text, start, stop) else []
            self._memo[memo_key] = found
        else:
            ACCESSED.add((section, key))
        return list(found)  # a copy: a caller that extends it ("found += ...") must not change the memo

    def automaton(self) -> Automaton:
        """The anchors of every word list of the pack ('section.key'; the titles' phrases as 'titles._keys',
        all topics' words as 'topics._all') in one automaton, built on first use. Reading the lists here
        does not count as the engine reading them (``ACCESSED``)."""
        if self._automaton is None:
            from allied.news.automaton import Automaton

            lists: dict[str, list[str]] = {}
            for section, body in self.data.items():
                for key, value in body.items():
                    if isinstance(value, list) and all(isinstance(w, str) for w in value):
                        lists[f"{section}.{key}"] = [w.split(":")[0] for w in value]
                    elif isinstance(value, list) and all(
                        isinstance(r, list) and r and isinstance(r[0], str) for r in value
                    ):
                        lists[f"{section}.{key}"] = [r[0] for r in value]  # rows [phrase, what]: the phrases
            lists["titles._keys"] = list(self.data.get("titles", {}))
            lists["topics._all"] = [w.split(":")[0] for ws in self.data.get("topics", {}).values() for w in ws]
            self._automaton = Automaton(
                lists,
                spaced=bool(self.data["pack"].get("spaced")),
                variants=bool(self.data["pack"].get("han_variants")),
            )
        return self._automaton

    def possible(self, name: str, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether the word list ``name`` ('section.key') may match in ``text[start:end]`` (see ``automaton``)."""
        return self.automaton().possible(name, text, start, end)

    def has(self, section: str, key: str, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(section, key, text, start, end))

    def words(self, section: str, key: str) -> list[str]:
        return list(self._get(section, key) or [])

    def table(self, section: str, key: str | None = None) -> dict[str, Any]:
        """A free-keyed section (``states``, ``titles``, ``topics``...) or a table-valued key."""
        if key is not None:
            return dict(self._get(section, key) or {})
        ACCESSED.add((section, "*"))
        return dict(self.data.get(section, {}))

    def alt(self, section: str, key: str) -> str:
        """The word list as a regex alternation for a larger pattern ('word*' continues the word); never empty."""
        memo = self._alts.get((section, key))
        if memo is not None:
            ACCESSED.add((section, key))
            return memo
        words = sorted(self.words(section, key), key=len, reverse=True)
        parts = [_token(w).replace("[\\w-]*", r"\w*") for w in words]
        out = "|".join(p.replace(r"\ ", r"\s+" if self.spaced else r"\s*") for p in parts) or "(?!)"
        out = han_variants(out) if self.flag("pack", "han_variants") else out
        self._alts[(section, key)] = out
        return out

    def rows(self, section: str, key: str) -> list[list[str]]:
        return [list(r) for r in self._get(section, key) or []]


# (section, key) pairs the engine has looked up in any pack: a test checks that every schema key is read.
ACCESSED: set[tuple[str, str]] = set()


def _fail(path: Path, where: str, problem: str) -> ReferenceDataError:
    return ReferenceDataError(str(path), where, problem)


def _words_ok(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v)


CHECKS: dict[str, Any] = {
    schema.WORDS: _words_ok,
    schema.FLAG: lambda v: isinstance(v, bool),
    schema.TEXT: lambda v: isinstance(v, str),
    schema.DAYS: lambda v: isinstance(v, dict) and all(type(n) is int for n in v.values()),
    schema.TEXT_TABLE: lambda v: isinstance(v, dict) and all(isinstance(n, str) for n in v.values()),
    schema.SPENDING: lambda v: (
        isinstance(v, list) and all(isinstance(r, list) and len(r) == 2 and r[1] in schema.PLEDGE_WHATS for r in v)
    ),
    schema.ISO3: lambda v: isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v) is not None,
    schema.CLASS: lambda v: v in schema.TITLE_CLASSES,
    schema.ISO3_TABLE: lambda v: (
        isinstance(v, dict) and all(isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in v.values())
    ),
    schema.WORD_TABLE: _words_ok,
    schema.CODES_TABLE: lambda v: isinstance(v, dict) and all(
        isinstance(c, list) and c and all(isinstance(x, str) and re.fullmatch(r"[A-Z]{3}", x) for x in c)
        for c in v.values()
    ),
}


def _check_value(path: Path, where: str, kind: str, value: Any) -> None:
    if not CHECKS[kind](value):
        raise _fail(path, where, f"{value!r} is not a valid {kind} value (see allied/news/schema.py)")


def _check_section(path: Path, section: str, body: Any) -> None:
    if not isinstance(body, dict):
        raise _fail(path, section, "must be a table")
    if section in schema.FREE:
        for key, value in body.items():
            if section == "topics" and key not in schema.TOPICS:
                raise _fail(path, f"topics.{key}", f"unknown topic; allowed: {', '.join(schema.TOPICS)}")
            _check_value(path, f"{section}.{key}", schema.FREE[section], value)
        return
    keys = schema.SECTIONS[section]
    for key in body:
        if key not in keys:
            raise _fail(path, f"{section}.{key}", f"unknown key; allowed in [{section}]: {', '.join(keys)}")
    for key, spec in keys.items():
        if key in body:
            _check_value(path, f"{section}.{key}", spec.kind, body[key])
        elif spec.required:
            raise _fail(path, f"{section}.{key}", f"missing ({spec.doc}); an empty value is allowed")
    if section == "pack" and body.get("segmenter") not in schema.SEGMENTERS:
        raise _fail(path, "pack.segmenter", f"{body.get('segmenter')!r}; allowed: {', '.join(schema.SEGMENTERS)}")


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, "-", f"not valid TOML ({exc})") from None


def load_pack(folder: Path) -> Lexicon:
    """Read and validate the pack in ``folder``: every file of the schema, nothing else."""
    extra = sorted(p.name for p in folder.iterdir() if p.suffix == ".toml" and p.name not in schema.FILES)
    if extra:
        raise _fail(folder / extra[0], "-", f"unknown file; a pack holds {', '.join(schema.FILES)}")
    data: dict[str, Any] = {}
    for name, sections in schema.FILES.items():
        path = folder / name
        if not path.exists():
            raise _fail(path, "-", f"missing: a pack holds {', '.join(schema.FILES)}")
        body = _read(path)
        if name == "pack.toml":
            body = {"pack": body}
        for section in body:
            if section not in sections:
                raise _fail(path, section, f"unknown section; {name} holds [{'], ['.join(sections)}]")
        for section in sections:
            if section not in body:
                raise _fail(path, section, "missing section (an empty one is allowed)")
            _check_section(path, section, body[section])
            data[section] = body[section]
    if data["pack"]["language"] != folder.name:
        raise _fail(
            folder / "pack.toml", "language", f"{data['pack']['language']!r} does not match the folder {folder.name!r}"
        )
    return Lexicon(language=folder.name, name=data["pack"]["name"], data=data, folder=folder)


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    """Every language that has a folder under ``lang/``, by ISO 639-1 code."""
    out = {}
    for folder in sorted(p for p in LANG_DIR.iterdir() if (p / "pack.toml").exists()):
        lex = load_pack(folder)
        out[lex.language] = lex
    return out


def supported_languages() -> tuple[str, ...]:
    return tuple(sorted(lexicons()))


@lru_cache(maxsize=1)
def canonical() -> dict[str, Any]:
    """Display names and place containment fixed by the annotation guidelines (data/canonical.toml)."""
    with open(DATA_DIR / "canonical.toml", "rb") as fh:
        return tomllib.load(fh)


def display_name(entity_id: str, default: str) -> str:
    return str(canonical().get("names", {}).get(entity_id, default))
