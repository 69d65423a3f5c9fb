"""Per-language lexicons: one folder per language under ``lang/<iso>/`` with a ``lexicon.toml``.

Adding a language is adding a folder: the loader discovers every ``lang/*/lexicon.toml``. Word lists are
compiled once into case-insensitive regular expressions that run on the original text, so every match
keeps its character offsets.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from allied.model import ReferenceDataError

LANG_DIR = Path(__file__).parent / "lang"
DATA_DIR = Path(__file__).parent / "data"
REQUIRED = (
    "language",
    "states",
    "demonyms",
    "titles",
    "ministries",
    "anaphora",
    "markers",
    "triggers",
    "dates",
    "topics",
    "pledges",
)


GAP = r"\s+(?:\S+\s+){0,12}?"


def _token(tok: str) -> str:
    if tok.endswith("*") and len(tok) > 1:
        return _quotes(re.escape(tok[:-1])) + r"[\w-]*"
    return _quotes(re.escape(tok))


def _quotes(pattern: str) -> str:
    """An apostrophe in a word list matches the typographic one too (year's, year’s)."""
    return re.sub("['’]", "['’]", pattern)


def _phrase(w: str) -> tuple[bool, str]:
    """A phrase as regex (without its left word boundary): words joined by whitespace; ' * ' skips words."""
    out, prev_gap = "", True
    for tok in w.split():
        if tok == "*":
            out += GAP
            prev_gap = True
            continue
        out += ("" if prev_gap else r"\s+") + _token(tok)
        prev_gap = False
    right = r"(?!\w)" if w[-1:].isalnum() else ""
    return w[:1].isalnum(), out + right


def word_pattern(words: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a word list; 'word*' continues a word, ' * ' skips up to 12 words."""
    phrases = [_phrase(w) for w in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)]
    if not phrases:
        return None
    bounded = [p for b, p in phrases if b]
    free = [p for b, p in phrases if not b]
    parts = ([r"(?<!\w)(?:" + "|".join(bounded) + ")"] if bounded else []) + free
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass
class Lexicon:
    """The compiled lexicon of one language."""

    language: str
    name: str
    data: dict[str, Any]
    cased: bool = True
    suffixes: tuple[str, ...] = ()
    patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _memo: dict[tuple[str, str, int, int], list[re.Match[str]]] = field(default_factory=dict, repr=False)
    _memo_text: str | None = field(default=None, repr=False)

    def pattern(self, section: str, key: str) -> re.Pattern[str] | None:
        """The compiled word list ``data[section][key]`` (cached)."""
        name = f"{section}.{key}"
        if name not in self.patterns:
            words = self.data.get(section, {}).get(key, [])
            self.patterns[name] = word_pattern([w.split(":")[0] for w in words])
        return self.patterns[name]

    def find(self, section: str, key: str, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Matches of the word list in ``text[start:end]`` (memoised for the current text)."""
        if text is not self._memo_text:
            self._memo, self._memo_text = {}, text
        stop = len(text) if end is None else end
        memo_key = (section, key, start, stop)
        found = self._memo.get(memo_key)
        if found is None:
            pat = self.pattern(section, key)
            found = list(pat.finditer(text, start, stop)) if pat is not None else []
            self._memo[memo_key] = found
        return found

    def has(self, section: str, key: str, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(section, key, text, start, end))

    def words(self, section: str, key: str) -> list[str]:
        return list(self.data.get(section, {}).get(key, []))

    def table(self, section: str) -> dict[str, Any]:
        return dict(self.data.get(section, {}))


def _check(path: Path, data: dict[str, Any]) -> None:
    for key in REQUIRED:
        if key not in data:
            raise ReferenceDataError(str(path), key, f"section or key {key!r} is missing")
    if data["language"] != path.parent.name:
        raise ReferenceDataError(
            str(path), "language", f"{data['language']!r} does not match the folder name {path.parent.name!r}"
        )


def load_lexicon(path: Path) -> Lexicon:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(str(path), "-", f"not valid TOML ({exc})") from None
    _check(path, data)
    return Lexicon(
        language=data["language"],
        name=data.get("name", data["language"]),
        data=data,
        cased=bool(data.get("cased", True)),
        suffixes=tuple(data.get("inflection_suffixes", [])),
    )


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    """Every language that has a folder under ``lang/``, by ISO 639-1 code."""
    out = {}
    for path in sorted(LANG_DIR.glob("*/lexicon.toml")):
        lex = load_lexicon(path)
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
