"""Linking mentions to the reference model; the automaton that finds the packs' words (news/automaton.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from allied.model import Document
from allied.news.lexicon import Lexicon, lexicons
from allied.news.mentions import find_mentions
from allied.news.names import index_for
from allied.news.sentences import split


def _mentions(text: str, lang: str) -> list[tuple[str, str, str, str, str]]:
    doc = Document(name="t", text=text, language=lang)
    doc.sentences = split(text, lang)
    found = find_mentions(doc, lexicons()[lang], index_for(lang), dt.date(2025, 10, 27))
    return [(m.span.text, m.kind, m.id, m.country, m.role) for m in found if m.kind != "title"]


def test_german_names_inflections_titles_and_ministries() -> None:
    text = (
        "Titel\nDas Verteidigungsministerium in Seoul bestätigte, dass der südkoreanische Verteidigungsminister "
        "Ahn Gyu-back und Hegseth das jährliche Sicherheitskonsultativkomitee in Seoul abhalten. "
        "Das Pentagon lobte Südkoreas Engagement."
    )
    assert _mentions(text, "de") == [
        ("Verteidigungsministerium in Seoul", "organization", "org:rok-mnd", "KOR", "ministry"),
        ("südkoreanische", "state", "KOR", "KOR", "demonym"),
        ("Ahn Gyu-back", "person", "person:ahn-gyu-back", "KOR", "Minister of National Defense"),
        ("Hegseth", "person", "person:pete-hegseth", "USA", "Secretary of Defense/War"),
        ("Sicherheitskonsultativkomitee", "forum", "forum:scm", "", ""),
        ("Seoul", "place", "geonames:1835848", "KOR", ""),
        ("Pentagon", "organization", "org:us-dod", "USA", "ministry"),
        ("Südkoreas", "state", "KOR", "KOR", "modifier"),
    ]


def test_english_adjectives_anaphoric_ministries_and_unknown_persons() -> None:
    text = (
        "Title\nU.S. Defense Secretary Pete Hegseth visited U.S. troops in Japan with Defense Minister Shinjiro "
        "Koizumi, the ministry said. Former Defense Secretary James Mattis was not there."
    )
    assert _mentions(text, "en") == [
        ("U.S", "state", "USA", "USA", "modifier"),
        ("Pete Hegseth", "person", "person:pete-hegseth", "USA", "Secretary of Defense/War"),
        ("U.S", "state", "USA", "USA", "modifier"),
        ("Japan", "state", "JPN", "JPN", ""),
        ("Shinjiro Koizumi", "person", "person:koizumi-shinjiro", "JPN", "Minister of Defense"),
        ("ministry", "organization", "org:jpn-mod", "JPN", "ministry"),
        ("James Mattis", "person", "person:james-mattis", "", "defense"),
    ]


# --- the automaton (news/automaton.py): the same matches as every word list's regex ---------------------

BMP = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)


def _phrase_texts(lex: Lexicon) -> dict[str, str]:
    """For each word list, a text made of its phrases (``_phrase_texts_of``)."""
    return {name: _phrase_texts_of(name, words) for name, words in sorted(_lists(lex).items())}


def _phrase_texts_of(name: str, words: list[str]) -> str:
    """A text of the phrases in several spellings: as written, upper and title case, with a word continued
    ('word*'), a word before a suffix ('*word'), words in a gap (' * '), a typographic apostrophe, Chinese
    characters in traditional form, glued to letters on either side."""
    from allied.news.lexicon import _converters

    s2t = _converters()[0]
    spelt = []
    for w in words:
        toks = ["zwei drei" if t == "*" else t.replace("*", "xy") for t in w.split()]
        plain = " ".join(toks)
        spelt += [plain, plain.upper(), plain.title(), plain.replace("'", "’"), s2t.convert(plain)]
        spelt += [f"ab{plain}", f"{plain}cd", "\n".join(toks), plain.replace(" ", "  ")]
    return f"{name}: " + ". ".join(spelt) + "."


def _lists(lex: Lexicon) -> dict[str, list[str]]:
    return {
        f"{section}.{key}": [w.split(":")[0] for w in value]
        for section, body in lex.data.items()
        for key, value in body.items()
        if isinstance(value, list) and all(isinstance(w, str) for w in value)
    }


@pytest.mark.parametrize("lang", sorted(lexicons()))
def test_every_word_list_finds_what_its_regex_finds(lang: str) -> None:
    """``Lexicon.find`` runs a list only where the automaton places one of its words: over texts of every
    phrase of the pack (cased, glued, continued, in both Chinese forms), in whole texts and in windows, the
    matches are those of the list's regex run everywhere."""
    lex = lexicons()[lang]
    lists = _lists(lex)
    checked = 0
    for own, text in _phrase_texts(lex).items():
        windows = [(i, min(len(text), i + 40)) for i in range(0, len(text), 23)]
        for name in lists:
            section, key = name.split(".", 1)
            pat = lex.pattern(section, key)
            for start, end in [(0, len(text)), *(windows if name == own else [])]:
                want = [(m.start(), m.end()) for m in pat.finditer(text, start, end)] if pat else []
                got = [(m.start(), m.end()) for m in lex.find(section, key, text, start, end)]
                assert got == want, (name, text[start:end])
                checked += len(want)
    assert checked > 100  # the texts do hold the phrases


@pytest.mark.parametrize("lang", sorted(lexicons()))
def test_rows_of_phrases_are_never_skipped_where_they_match(lang: str) -> None:
    """Rows of [phrase, what] (``pledges.spending``): wherever one of the phrases' regexes matches inside a
    span, the automaton lets the list run there."""
    lex = lexicons()[lang]
    rows = {
        f"{section}.{key}": [r[0] for r in value]
        for section, body in lex.data.items()
        for key, value in body.items()
        if isinstance(value, list) and value and all(isinstance(r, list) for r in value)
    }
    assert "pledges.spending" in rows
    matched = 0
    for name, phrases in rows.items():
        pats = [p for p in (lex.compile([ph]) for ph in phrases) if p is not None]
        text = _phrase_texts_of(name, phrases)
        for start in range(0, len(text), 13):
            end = min(len(text), start + 50)
            if any(p.search(text, start, end) for p in pats):
                matched += 1
                assert lex.possible(name, text, start, end), (name, text[start:end])
    assert matched > 10


@pytest.mark.parametrize("lang", sorted(lexicons()))
def test_the_automaton_skips_lists_whose_words_are_absent(lang: str) -> None:
    lex = lexicons()[lang]
    auto = lex.automaton()
    gated = sorted(auto.names - auto.open)
    assert gated, "every list of the pack is left to its regex"
    text = "0123456789 ... 0123456789"
    assert not any(auto.possible(name, text) for name in gated)
    assert all(auto.possible(name, text) for name in auto.open)
    assert auto.possible("no.such_list", text)  # a list the automaton does not hold is always run


def test_an_anchor_is_the_longest_literal_word() -> None:
    from allied.news.automaton import anchor

    assert anchor("Verteidigungsminister*") == "Verteidigungsminister"
    assert anchor("*ministerin") == "ministerin"
    assert anchor("meet * with") == "meet"
    assert anchor("*") == ""
    assert anchor("국방 장관") == "국방"


def test_an_anchor_in_a_span_needs_its_whole_word_inside() -> None:
    from allied.news.automaton import Automaton

    auto = Automaton({"x.visit": ["visit*"], "x.open": ["*", "summit"]})
    text = "They VISITED Seoul."
    assert auto.possible("x.visit", text, 0, len(text))
    assert not auto.possible("x.visit", text, 0, 8)  # "VISIT" ends at 10
    assert not auto.possible("x.visit", text, 6, len(text))
    assert auto.possible("x.open", text, 0, 1)


def test_folding_joins_exactly_what_the_regex_engine_takes_as_equal() -> None:
    """Every character of the packs' words (and the prefilter's vocabulary) folds like the characters an
    IGNORECASE regex matches it with, over the whole Basic Multilingual Plane, one character for one."""
    from allied.news.automaton import case_table
    from allied.news.prefilter import vocabulary

    table = case_table()
    folded = BMP.translate(table)
    assert len(folded) == len(BMP)
    chars = {c for lex in lexicons().values() for ws in _lists(lex).values() for w in ws for c in w}
    chars |= {c for t in vocabulary() for c in t} | set("sSkKiIµß")
    by_key: dict[str, set[str]] = {}
    for a, b in zip(BMP, folded, strict=True):
        by_key.setdefault(b, set()).add(a)
    for c in sorted(chars - {" ", "*"}):
        regex = {m.group() for m in re.finditer(re.escape(c), BMP, re.IGNORECASE)}
        assert regex == by_key[c.translate(table)], c


def test_chinese_variants_fold_to_one_character() -> None:
    lex = lexicons()["zh"]
    auto = lex.automaton()
    assert auto.fold("國防部長") == auto.fold("国防部长")


# --- the prefilter's vocabulary automaton ---------------------------------------------------------------


def _oracle() -> re.Pattern[str]:
    """The prefilter's former regex: a spaced term starts a word and takes any whitespace; CJK anywhere."""
    from allied.news.prefilter import _spaced, vocabulary

    terms = sorted(vocabulary(), key=len, reverse=True)
    spaced = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms if _spaced(t))
    unspaced = "|".join(re.escape(t) for t in terms if not _spaced(t))
    return re.compile(rf"(?<![^\W_])(?:{spaced})|{unspaced}", re.IGNORECASE)


PREFILTER_TEXTS = [
    "The weather in Lisbon was mild and the markets were calm.",
    "US-Verteidigungsministerin trifft Kollegen.",
    "xNATO is no word, and neither is _nato_ nor 9nato.",
    "Talks at the NATO\n\n summit went on.",
    "DEFENSE   SECRETARY spoke.",
    "國防部長在北京表示",
    "국방부  장관은 말했다",
    "국방부 장관은 말했다",
    "Ein Gespräch über Äpfel und Birnen.",
    "\u0345NATO and ιNATO: a combining mark is no letter, iota is",
    "",
]


def test_the_prefilter_keeps_what_its_regex_kept() -> None:
    from allied.news.prefilter import _vocabulary, vocabulary

    oracle, vocab = _oracle(), _vocabulary()
    texts = PREFILTER_TEXTS + [f"Zz {t.upper()} zz" for t in sorted(vocabulary())[::7]]
    texts += [f"q{t}" for t in sorted(vocabulary())[::11]] + [t.replace(" ", "\t ") for t in sorted(vocabulary())[::5]]
    assert sum(vocab.search(t) for t in texts) > 50
    for text in texts:
        assert vocab.search(text) == (oracle.search(text) is not None), text
