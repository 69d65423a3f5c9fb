"""Words of a text with their offsets: the pack's segmenter decides where words begin and end.

Spaced scripts split on letters and digits (``\\w+``); a pack whose script writes words together (or glues
particles to them) names a morphological analyser in ``pack.segmenter``, loaded on first use of that
language: ``kiwi`` (kiwipiepy with kiwipiepy-model) for Korean, ``sudachi`` (SudachiPy with sudachidict-core,
split mode C) for Japanese, ``jieba`` (rjieba, the Rust port of jieba with its dictionary) for Chinese, whose
traditional characters are read in their simplified form (OpenCC, one character for one) because jieba's
dictionary is simplified. Offsets always index the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from allied.model import ReferenceDataError
from allied.news.lexicon import Lexicon

WORD = re.compile(r"\w+")
CHUNK = 4000  # characters per analyser call (SudachiPy refuses inputs above ~49 kB)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    proper: str  # the analyser's kind of proper noun: person | place | name (another or unknown kind) | ''


def words(lex: Lexicon, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word in ``text[start:end]``."""
    stop = len(text) if end is None else end
    if not lex.text("pack", "segmenter"):
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, stop)]
    return [(t.start, t.end, t.text) for t in tokens(lex, text, start, stop)]


def tokens(lex: Lexicon, text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The analyser's tokens of ``text[start:end]`` (whitespace and punctuation left out), memoised per text."""
    stop = len(text) if end is None else end
    name = lex.text("pack", "segmenter")
    if not name:
        return [Token(s, e, w, "") for s, e, w in words(lex, text, start, stop)]
    if text is not _MEMO.text:
        _MEMO.text, _MEMO.spans = text, {}
    key = (name, start, stop)
    found = _MEMO.spans.get(key)
    if found is None:  # a part of a sentence already read: its tokens, read in their context
        wider = next((k for k in _MEMO.spans if k[0] == name and k[1] <= start and stop <= k[2]), None)
        if wider is not None:
            found = [t for t in _MEMO.spans[wider] if start <= t.start and t.end <= stop]
    if found is None:
        analyse = analyser(name, str(lex.folder or lex.language))
        found = []
        for lo in range(start, stop, CHUNK):
            hi = _chunk_end(text, lo, stop)
            found += [t for t in analyse(text, lo, hi) if WORD.search(t.text)]
        _MEMO.spans[key] = found
    return found


def _chunk_end(text: str, lo: int, stop: int) -> int:
    if stop - lo <= CHUNK:
        return stop
    cut = text.rfind("\n", lo, lo + CHUNK)
    return cut if cut > lo else lo + CHUNK


class _Memo:
    text: str | None = None
    spans: dict[tuple[str, int, int], list[Token]] = {}


_MEMO = _Memo()


def _merge(raw: list[tuple[int, int, str]], text: str) -> list[Token]:
    """Tokens in order; a morpheme that overlaps the one before (a contraction) joins it."""
    out: list[Token] = []
    for s, e, proper in sorted(raw):
        if e <= s:
            continue
        if out and s < out[-1].end:
            prev = out.pop()
            s, e, proper = prev.start, max(prev.end, e), prev.proper or proper
        out.append(Token(s, e, text[s:e], proper))
    return out


def add_words(name: str, words: list[tuple[str, str]]) -> None:
    """Teach the analyser ``name`` words it must keep whole (names, titles): (word, kind) with kind person |
    place | name | ''. SudachiPy takes no words at run time (its dictionary already splits names well)."""
    _ADD.get(name, lambda _w: None)(words)


_ADD: dict[str, Callable[[list[tuple[str, str]]], None]] = {}


@cache
def analyser(name: str, where: str = "") -> Callable[[str, int, int], list[Token]]:
    """The analyser ``name`` (one of schema.SEGMENTERS), loaded once."""
    try:
        if name == "kiwi":
            return _kiwi()
        if name == "sudachi":
            return _sudachi()
        if name == "jieba":
            return _jieba()
    except ImportError as exc:
        raise ReferenceDataError(where, "pack.segmenter", f"segmenter {name!r} is not installed ({exc})") from None
    raise ReferenceDataError(where, "pack.segmenter", f"unknown segmenter {name!r}; allowed: kiwi, sudachi, jieba")


def _kiwi() -> Callable[[str, int, int], list[Token]]:
    from kiwipiepy import Kiwi

    kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)

    def add(words: list[tuple[str, str]]) -> None:
        for word, kind in words:
            if " " not in word.strip():
                kiwi.add_user_word(word.strip(), "NNP" if kind else "NNG")

    _ADD["kiwi"] = add

    def run(text: str, lo: int, hi: int) -> list[Token]:
        found = kiwi.tokenize(text[lo:hi])
        raw = [(lo + t.start, lo + t.start + t.len, "name" if t.tag == "NNP" else "") for t in found]
        return _merge(raw, text)

    return run


def _sudachi() -> Callable[[str, int, int], list[Token]]:
    from sudachipy import Dictionary, SplitMode

    tok: Any = Dictionary(dict="core").create(SplitMode.C)

    def run(text: str, lo: int, hi: int) -> list[Token]:
        raw = [(lo + m.begin(), lo + m.end(), _sudachi_kind(m.part_of_speech())) for m in tok.tokenize(text[lo:hi])]
        return _merge(raw, text)

    return run


JIEBA_KINDS = {"nr": "person", "ns": "place", "nt": "name", "nz": "name"}


def _sudachi_kind(pos: tuple[str, ...]) -> str:
    if pos[1] != "固有名詞":
        return ""
    return {"人名": "person", "地名": "place"}.get(pos[2], "name")


def _jieba() -> Callable[[str, int, int], list[Token]]:
    import opencc
    import rjieba

    simplified = opencc.OpenCC("t2s")

    def add(words: list[tuple[str, str]]) -> None:
        tags = {"person": "nr", "place": "ns", "name": "nt"}
        for word, kind in words:
            if word.strip():
                rjieba.add_word(simplified.convert(word.strip()), None, tags.get(kind, "n"))

    _ADD["jieba"] = add

    def run(text: str, lo: int, hi: int) -> list[Token]:
        part = text[lo:hi]
        plain = simplified.convert(part)
        if len(plain) != len(part):  # a phrase conversion changed the length: read the text as written
            plain = part
        raw, pos = [], lo
        for word, tag in rjieba.tag(plain):
            raw.append((pos, pos + len(word), JIEBA_KINDS.get(tag[:2], "")))
            pos += len(word)
        return _merge(raw, text)

    return run
