"""Sentences: every line is a paragraph; inside a line, sentencex finds the sentence boundaries.

Spans are stripped of surrounding whitespace and keep their offsets into the document text. A split
right after an initial inside an abbreviation ("Vietnam–U." + "S. joint") is undone, and so is a split after
a quotation that the sentence goes on from ("「懸念を伝えた。」と語った": a closing bracket or quote followed, with no
space, by more of the sentence). Full-width stops (。！？) end sentences as the ASCII ones do.
"""

from __future__ import annotations

import re

import sentencex

from allied.model import Span

INITIAL_END = re.compile(r"(?:^|[\s(–-])(?:[A-Z]\.){1,3}$")
CONTINUES = re.compile(r"^(?:[A-Z]\.)+\s*[a-z]")
CLOSING = "」』”’）)】〉》"
OPENING = "「『“‘（(【〈《"


def split(text: str, language: str, abbreviations: list[str] | None = None) -> list[Span]:
    """Sentence spans of ``text`` in document order, title line included as its own sentence; no sentence
    ends on one of the language's ``abbreviations`` ("4,8 proc. PKB")."""
    out: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(_line(text, line, pos, language))
        pos += len(line) + 1
    return _rejoin(text, out, tuple(a.casefold() for a in abbreviations or ()))


def _line(text: str, line: str, offset: int, language: str) -> list[Span]:
    spans = []
    try:
        bounds = sentencex.get_sentence_boundaries(language, line)
    except Exception:  # an unknown language code: the line is one sentence
        bounds = [{"start_index": 0, "end_index": len(line)}]
    for b in bounds:
        start, end = offset + int(b["start_index"]), offset + int(b["end_index"])
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end, text[start:end]))
    return spans


def _rejoin(text: str, spans: list[Span], abbreviations: tuple[str, ...] = ()) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        same_line = prev is not None and "\n" not in text[prev.end : s.start]
        initial = INITIAL_END.search(prev.text) and CONTINUES.match(s.text) if prev is not None else False
        quoted = prev is not None and prev.end == s.start and prev.text[-1] in CLOSING and s.text[0] not in OPENING
        abbreviated = (
            prev is not None
            and bool(abbreviations)
            and prev.text.casefold().endswith(abbreviations)
            and _goes_on(s.text)
        )
        if prev is not None and same_line and (initial or quoted or abbreviated):
            out[-1] = Span(prev.start, s.end, text[prev.start : s.end])
        else:
            out.append(s)
    return out


def _goes_on(text: str) -> bool:
    """After an abbreviation ("4,8 proc. PKB"), the sentence goes on when a lower-case word, a number or an
    acronym follows (not a capitalised word: "... 5 proc. W 2025 r.")."""
    found = re.match(r"\w+", text)
    if found is None:
        return False
    word = found.group()
    return word[0].islower() or word[0].isdigit() or (len(word) > 1 and word.isupper())
