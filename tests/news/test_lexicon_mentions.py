"""Linking mentions to the reference model."""

from __future__ import annotations

import datetime as dt

from allied.model import Document
from allied.news.lexicon import lexicons
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
