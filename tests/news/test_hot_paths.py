"""Paths taken for speed give the answers of the plain ones they stand for (speed itself is measured in
bench/, not here): topic keywords and spending phrases looked up with only the tags or phrases that can
stand in a span, the defense officials and terms in office of a name index computed once."""

from __future__ import annotations

import random

import pytest

from allied.model import Document
from allied.news.arguments import is_defense
from allied.news.lexicon import lexicons
from allied.news.pipeline import Pipeline
from allied.news.topics import _pattern, topic_matches


def _full(doc: Document, lang: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The plain answer: the regex of every tag over the span."""
    lex = lexicons()[lang]
    tags = list(lex.table("topics"))
    return [
        (m.start(), m.end(), tags[int(str(m.lastgroup)[1:])])
        for m in _pattern(lex).finditer(doc.text, start, end)
        if m.lastgroup
    ]


def _texts(lang: str, seed: int) -> list[str]:
    """Texts of the pack's own topic keywords (a keyword of one tag inside a longer one of another, cut
    keywords, keywords at a span's edge) among filler words, in several cases."""
    lex = lexicons()[lang]
    words = [w.split(":")[0].replace("*", "") for ws in lex.table("topics").values() for w in ws]
    rnd = random.Random(seed)
    filler = ["the", "and", "Minister", "said", "2026", "—", ",", "talks", "x"]
    sep = " " if lex.spaced else ""
    out = []
    for _ in range(40):
        parts = []
        for _ in range(rnd.randint(1, 12)):
            w = rnd.choice(words) if rnd.random() < 0.6 else rnd.choice(filler)
            if rnd.random() < 0.15:
                w = w[: max(1, len(w) - 2)]  # a cut keyword matches nothing of its own
            parts.append(w.upper() if rnd.random() < 0.2 else w)
        out.append(sep.join(parts))
    out.append(sep.join(sorted(words, key=len, reverse=True)))  # every keyword, the longer ones first
    return out


@pytest.mark.parametrize("lang", sorted(lexicons()))
def test_topic_matches_are_those_of_the_regex_of_every_tag(lang: str) -> None:
    lex = lexicons()[lang]
    for i, text in enumerate(_texts(lang, seed=len(lang) + 7)):
        doc = Document(name="t", text=text, language=lang)
        n = len(text)
        spans = [(0, n), (0, n // 2), (n // 3, n), (n // 4, 3 * n // 4), (1, max(1, n - 1))]
        for start, end in spans:
            assert topic_matches(doc, lex, start, end, {}) == _full(doc, lang, start, end), (lang, i, start, end)


def test_topic_matches_of_a_span_without_keywords_and_of_text_without_any() -> None:
    lex = lexicons()["en"]
    doc = Document(name="t", text="The ministers met in Rome on Tuesday.", language="en")
    assert topic_matches(doc, lex, 0, len(doc.text), {}) == _full(doc, "en", 0, len(doc.text)) == []
    word = next(iter(lex.table("topics").values()))[0].split(":")[0].replace("*", "")
    doc = Document(name="t", text=f"Nothing here. They spoke of {word}.", language="en")
    assert topic_matches(doc, lex, 0, 13, {}) == []
    found = topic_matches(doc, lex, 0, len(doc.text), {})
    assert found and found == _full(doc, "en", 0, len(doc.text))


@pytest.mark.parametrize("lang", ["en", "de", "ko"])
def test_defense_officials_are_those_of_the_index(lang: str) -> None:
    ctx = Pipeline().ctx
    index = ctx.index(lang)
    expected = {e.id for e in index.officials if is_defense(e.role)}
    assert expected  # the reference has defense officials
    assert ctx.defense_officials(lang) == expected
    assert ctx.defense_officials(lang) is ctx.defense_officials(lang)  # once per index


def test_terms_of_named_officials_are_those_of_the_index_in_its_order() -> None:
    ctx = Pipeline().ctx
    officials = ctx.index("en").officials
    ids = {officials[5].id, officials[0].id, officials[-1].id, "person:nobody-of-that-name"}
    assert ctx.terms_of("en", ids) == tuple(e.terms for e in officials if e.id in ids)
    assert ctx.terms_of("en", set()) == ()


def _spending_texts(lang: str, seed: int) -> list[str]:
    """Texts of the pack's own spending phrases (cut, in other cases, one inside a longer one) among fillers."""
    lex = lexicons()[lang]
    words = [r[0].replace("*", "") for r in lex.rows("pledges", "spending")]
    rnd = random.Random(seed)
    sep = " " if lex.spaced else ""
    out = []
    for _ in range(40):
        parts = []
        for _ in range(rnd.randint(1, 10)):
            w = rnd.choice(words) if rnd.random() < 0.6 else rnd.choice(["the", "2,5", "%", "GDP", "und", "x"])
            if rnd.random() < 0.15:
                w = w[: max(1, len(w) - 3)]
            parts.append(w.upper() if rnd.random() < 0.2 else w.title() if rnd.random() < 0.2 else w)
        out.append(sep.join(parts))
    out.append(sep.join(sorted(words, key=len)))
    return out


@pytest.mark.parametrize("lang", sorted(lexicons()))
def test_spending_phrases_are_those_of_the_regex_of_every_phrase(lang: str) -> None:
    from allied.model import Span
    from allied.news import spending

    lex = lexicons()[lang]
    pat, whats = spending.spending_pattern(lex)
    found_any = 0
    for text in _spending_texts(lang, seed=len(lang) + 3):
        doc = Document(name="t", text=text, language=lang)
        n = len(text)
        for start, end in [(0, n), (0, n // 2), (n // 3, n), (n // 4, 3 * n // 4)]:
            plain = [(m.start(), m.end(), whats[int(str(m.lastgroup)[1:])]) for m in pat.finditer(text, start, end)]
            assert spending.spending(doc, lex, Span(start, end, "")) == plain, (lang, text, start, end)
            found_any += len(plain)
    assert found_any > 20
