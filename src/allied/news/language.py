"""Language identification with lingua, restricted to a fixed set of languages and built once."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Languages the detector chooses among: those allied reads, and common ones it must recognise in order to
# say "not supported" instead of guessing a supported one.
CANDIDATES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "uk", "ko", "ja", "zh", "vi", "id", "ms")
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang = detector().detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
