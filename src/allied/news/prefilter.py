"""A cheap relevance filter run before the heavy stages: a document is kept when it names an official, a
forum or a defence organisation of the reference, or uses the defence vocabulary of a language pack
(officials' titles, ministries, alliance words). A news archive is mostly unrelated; this drops that
majority at the cost of one scan of the text (an Aho–Corasick automaton of the whole vocabulary).

The vocabulary is read through public surfaces only: ``allied.news.lexicon.lexicons()`` (each pack's
``table("titles")``, ``table("ministries")`` and ``table("alliance")``) and ``allied.reference.load()``
(officials, forums and organisations with their aliases).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import ahocorasick_rs

PACK_SECTIONS = ("titles", "ministries", "alliance")
MIN_TERM = 3  # shorter names ("DoD" is kept, "UN" is not) match too much by accident


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v) if not isinstance(v, str) else ()
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def pack_terms(language: str | None = None) -> set[str]:
    """The defence vocabulary of one language pack (or of every pack): titles, ministries, alliance words."""
    from allied.news.lexicon import lexicons

    out: set[str] = set()
    for lang, lex in lexicons().items():
        if language is None or lang == language:
            for section in PACK_SECTIONS:
                out.update(w.split(":")[0].replace("*", "").strip() for w in _strings(lex.table(section)))
    return {w for w in out if len(w) >= MIN_TERM}


def reference_terms() -> set[str]:
    """Names and aliases of the reference's officials (and their surnames), forums and organisations."""
    from allied.reference import load

    ref = load()
    out: set[str] = set()
    for o in ref.officials:
        out.update((o.name, *o.aliases))
        if o.native_name:
            out.add(o.native_name)
        parts = o.name.replace(".", "").split()
        if len(parts) > 1 and parts[-1] not in ("Jr", "III", "II"):
            out.add(parts[-1])
    for f in ref.forums.values():
        out.update((f.name, *f.aliases))
    for g in ref.organizations.values():
        out.update((g.name, *g.aliases))
    return {w.strip() for w in out if len(w.strip()) >= MIN_TERM}


def _han_forms(terms: set[str]) -> set[str]:
    """Chinese terms in both simplified and traditional characters (国防部长 and 國防部長)."""
    han = [t for t in terms if not _spaced(t)]
    if not han:
        return terms
    import opencc

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    return terms | {s2t.convert(t) for t in han} | {t2s.convert(t) for t in han}


def vocabulary() -> set[str]:
    return _han_forms(pack_terms() | reference_terms())


def _spaced(term: str) -> bool:
    """Whether the term is written with spaces between words (Latin, Cyrillic...), not CJK."""
    return not any(
        "\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef" for ch in term
    )


WHITESPACE = re.compile(r"\s+")


class _Vocabulary:
    """The vocabulary in two Aho–Corasick automata over the case-folded text (``automaton.case_table``: the
    regex engine's own IGNORECASE equalities, one character for one): a term written with spaces starts a
    word (German compounds such as "US-Verteidigungsministerin" still match) and takes any run of
    whitespace between its words, so it is matched in the text with whitespace runs made one space; a CJK
    term may stand anywhere and is matched as written."""

    def __init__(self, terms: set[str]) -> None:
        from allied.news.automaton import case_table

        self.table = case_table()
        spaced = sorted({self.fold(t) for t in terms if _spaced(t) and _single_spaced(t)})
        unspaced = sorted({self.fold(t) for t in terms if not _spaced(t)})
        self.spaced = ahocorasick_rs.AhoCorasick(spaced) if spaced else None
        self.unspaced = ahocorasick_rs.AhoCorasick(unspaced) if unspaced else None
        # a spaced term with other whitespace than one space between words ("a  b", a tab) needs \s+ per space
        odd = [re.escape(t).replace(r"\ ", r"\s+") for t in terms if _spaced(t) and not _single_spaced(t)]
        self.odd = re.compile(rf"(?<![^\W_])(?:{'|'.join(odd)})", re.IGNORECASE) if odd else None

    def fold(self, text: str) -> str:
        return text.translate(self.table)

    def search(self, text: str) -> bool:
        folded = self.fold(text)
        if self.unspaced is not None and self.unspaced.find_matches_as_indexes(folded):
            return True
        if self.odd is not None and self.odd.search(text):
            return True
        if self.spaced is None:
            return False
        joined = WHITESPACE.sub(" ", folded)
        hits = self.spaced.find_matches_as_indexes(joined, overlapping=True)
        if not hits:
            return False
        before = WHITESPACE.sub(" ", text)  # the text as written, at the offsets of ``joined``
        return any(start == 0 or not before[start - 1].isalnum() for _, start, _ in hits)


def _single_spaced(term: str) -> bool:
    return not any(c.isspace() and c != " " for c in term) and "  " not in term and term == term.strip()


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(vocabulary())


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_spoken_languages().with_low_accuracy_mode().build()


def language_of(text: str) -> str | None:
    found = _detector().detect_language_of(text[:2000])
    return None if found is None else str(found.iso_code_639_1.name).lower()


def relevant(text: str, language: str | None = None) -> bool:
    """Whether the document may hold a defence-diplomacy event or pledge: it names a term of the
    vocabulary, or it is in a language without a pack (whose vocabulary the filter does not know; the
    pipeline then says why it yields nothing). ``language`` is the document's, when a source gave it."""
    if _vocabulary().search(text):
        return True
    from allied.news.lexicon import lexicons

    lang = (language or "").lower()[:2] or language_of(text)
    return lang is None or lang not in lexicons()
