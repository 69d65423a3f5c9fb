"""Words of a text with their offsets: the pack's segmenter decides where words begin and end.

Spaced scripts split on letters and digits (``\\w+``); a pack whose script writes words together (or glues
particles to them) names a morphological analyser in ``pack.segmenter``, loaded on first use of that
language: ``kiwi`` (kiwipiepy with kiwipiepy-model) for Korean, ``sudachi`` (SudachiPy with sudachidict-core,
split mode C) for Japanese, ``jieba`` (rjieba, the Rust port of jieba with its dictionary) for Chinese, whose
traditional characters are read in their simplified form (OpenCC, one character for one) because jieba's
dictionary is simplified. Offsets always index the original text. A text is analysed once, its sentences
together; in Hangul, written with spaces, sentences with nothing to look up in are not analysed at all.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
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
    """The analyser's tokens of ``text[start:end]`` (whitespace and punctuation left out): the whole text is
    analysed once, in one call per chunk of lines, and each span gets the tokens that lie inside it, read
    in their context (one call per text, not one per sentence and more per title window: 3 calls instead of
    50 on the Korean dev articles)."""
    stop = len(text) if end is None else end
    name = lex.text("pack", "segmenter")
    if not name:
        return [Token(s, e, w, "") for s, e, w in words(lex, text, start, stop)]
    if text is not _MEMO.text or name != _MEMO.name:
        analyse = analyser(name, str(lex.folder or lex.language))
        found: list[Token] = []
        for a, b, read in _parts(lex, name, text):
            if not read:  # nothing there that the analyser's words are read for: words as spaced
                found += [Token(m.start(), m.end(), m.group(), "") for m in WORD.finditer(text, a, b)]
                continue
            for lo in _chunks(text, a, b):
                found += [t for t in analyse(text, lo, _chunk_end(text, lo, b)) if WORD.search(t.text)]
        _MEMO.text, _MEMO.name, _MEMO.tokens = text, name, found
        _MEMO.starts = [t.start for t in found]
    toks, i = _MEMO.tokens, bisect_left(_MEMO.starts, start)
    out = []
    while i < len(toks) and toks[i].end <= stop:
        out.append(toks[i])
        i += 1
    return out


def _chunks(text: str, lo: int, stop: int) -> list[int]:
    out = []
    while lo < stop:
        out.append(lo)
        lo = _chunk_end(text, lo, stop)
    return out


PIECE = re.compile(r"[^\n!?。！？.]*(?:\.(?=\d)[^\n!?。！？.]*)*(?:[\n!?。！？.]+|$)")


SPACED = {"kiwi"}  # analysers of a script written with spaces between words (Hangul: one space per eojeol)


def _parts(lex: Lexicon, name: str, text: str) -> list[tuple[int, int, bool]]:
    """(start, end, analyse) runs of the text. In a script with spaces between words a sentence that holds
    none of the words the analyser is taught (names, titles), nor a state, demonym, ministry, locative or
    travel word of the pack, holds no name either: its words are taken as spaced, not analysed (Korean dev
    articles: about a third of the text; their extraction is the same)."""
    if name not in SPACED:
        return [(0, len(text), True)]
    vocab = _vocabulary(lex, name)
    out: list[tuple[int, int, bool]] = []
    for m in PIECE.finditer(text):
        if m.end() == m.start():
            continue
        read = bool(vocab.find_matches_as_indexes(m.group()))
        if out and out[-1][2] == read:
            out[-1] = (out[-1][0], m.end(), read)
        else:
            out.append((m.start(), m.end(), read))
    return out


def _vocabulary(lex: Lexicon, name: str) -> Any:
    """The words that make a sentence worth analysing, as one Aho–Corasick automaton (words of one letter,
    such as surnames and particles, are left out: they stand in almost every sentence)."""
    key = f"segment.{name}.vocabulary"
    if key not in lex.derived:
        import ahocorasick_rs

        words = {w for w, _ in _TAUGHT.get(name, [])}
        for section in ("states", "demonyms", "titles"):
            words.update(lex.table(section))
        for section, key_ in (("ministries", "defense"), ("ministries", "generic"), ("triggers", "visit"),
                              ("triggers", "arrival"), ("markers", "locative")):
            words.update(lex.words(section, key_))
        clean = sorted({w.replace("*", "").strip() for w in words} - {""})
        lex.derived[key] = ahocorasick_rs.AhoCorasick([w for w in clean if len(w) >= 2])
    return lex.derived[key]


def _chunk_end(text: str, lo: int, stop: int) -> int:
    if stop - lo <= CHUNK:
        return stop
    cut = text.rfind("\n", lo, lo + CHUNK)
    return cut if cut > lo else lo + CHUNK


class _Memo:
    text: str | None = None
    name: str = ""
    tokens: list[Token] = []
    starts: list[int] = []


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
    _TAUGHT.setdefault(name, []).extend(words)
    _ADD.get(name, lambda _w: None)(words)


_TAUGHT: dict[str, list[tuple[str, str]]] = {}


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
        found = kiwi.tokenize(text[lo:hi], z_coda=False)  # chat-style codas ('했엉') are not news
        raw = [(lo + t.start, lo + t.start + t.len, "name" if t.tag == "NNP" else "") for t in found]
        return _merge(raw, text)

    return run


def _sudachi() -> Callable[[str, int, int], list[Token]]:
    from sudachipy import Dictionary, SplitMode

    tok: Any = Dictionary(dict="core").create(SplitMode.C)
    lock = threading.Lock()  # a Tokenizer refuses to be used by two threads at once (two briefs in a worker)

    def run(text: str, lo: int, hi: int) -> list[Token]:
        with lock:
            raw = [(lo + m.begin(), lo + m.end(), _sudachi_kind(m.part_of_speech()))
                   for m in tok.tokenize(text[lo:hi])]
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
