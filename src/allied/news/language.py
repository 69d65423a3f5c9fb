"""Language identification: the writing system first, then lingua among a fixed set of languages.

Korean, Japanese and Chinese are told apart by their scripts, which a statistical model of short texts gets
wrong (a Japanese headline is mostly kanji): Hangul is Korean, any kana among Chinese characters is
Japanese, Chinese characters alone are Chinese. Other texts go to lingua, restricted to the languages allied
reads and common ones it must recognise in order to say "not supported" instead of guessing a supported one.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

CANDIDATES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "uk", "ko", "ja", "zh", "vi", "id", "ms")
MIN_LETTERS = 20
MIN_CJK_LETTERS = 6  # one short headline in a script without spaces
CJK_SHARE = 0.5  # Han, kana and Hangul letters among all letters
KANA_SHARE = 0.05  # kana among Han and kana: Japanese


@lru_cache(maxsize=1)
def detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


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
        return "ko"
    if counts["kana"] >= KANA_SHARE * (counts["han"] + counts["kana"]):
        return "ja"
    if counts["hangul"] == 0 and counts["kana"] == 0:
        return "zh"
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
