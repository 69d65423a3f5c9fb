"""Language identification: the writing system first, then lingua among a fixed set of languages.

Korean, Japanese and Chinese are told apart by their scripts, which a statistical model of short texts gets
wrong (a Japanese headline is mostly kanji): each language pack names its script (``pack.script``), so a text
mostly in Hangul goes to the pack written in Hangul, any kana among Chinese characters to the pack written with
kana, Chinese characters alone to the pack written in Han. Other texts go to lingua, restricted to the
languages of the packs and the common ones it must recognise in order to say "not supported" instead of
guessing a supported one (``news/data/languages.toml``).
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from allied.news.lexicon import lexicons

DATA = Path(__file__).parent / "data" / "languages.toml"
MIN_LETTERS = 20
MIN_CJK_LETTERS = 6  # one short headline in a script without spaces
CJK_SHARE = 0.5  # Han, kana and Hangul letters among all letters
KANA_SHARE = 0.05  # kana among Han and kana: Japanese


def candidates() -> tuple[str, ...]:
    """The languages lingua chooses among: every pack's, and those it must recognise to refuse them."""
    with DATA.open("rb") as f:
        recognised = tomllib.load(f)["recognised"]
    return tuple(sorted(set(lexicons()) | set(recognised)))


@lru_cache(maxsize=1)
def detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in candidates()]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _written_in(script: str) -> str | None:
    return next((code for code, lex in sorted(lexicons().items()) if lex.text("pack", "script") == script), None)


def scripts(text: str) -> dict[str, int]:
    """Letters of ``text`` counted by script: han, kana, hangul, other."""
    out = {"han": 0, "kana": 0, "hangul": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH")):
            out["han"] += 1
        elif name.startswith(("HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA")):
            out["kana"] += 1
        elif name.startswith(("HANGUL", "HALFWIDTH HANGUL")):
            out["hangul"] += 1
        else:
            out["other"] += 1
    return out


def _by_script(counts: dict[str, int]) -> str | None:
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    letters = cjk + counts["other"]
    if cjk < MIN_CJK_LETTERS or cjk < CJK_SHARE * letters:
        return None
    if counts["hangul"] >= counts["han"] + counts["kana"]:
        return _written_in("hangul")
    if counts["kana"] >= KANA_SHARE * (counts["han"] + counts["kana"]):
        return _written_in("kana")
    if counts["hangul"] == 0 and counts["kana"] == 0:
        return _written_in("han")
    return None


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:5000]
    by_script = _by_script(scripts(sample))
    if by_script is not None:
        return by_script
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang = detector().detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
