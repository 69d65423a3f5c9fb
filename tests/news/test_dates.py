"""Dates resolved by the guidelines' rules: copied, year from the publication date, weekdays by tense."""

from __future__ import annotations

import datetime as dt

from allied.model import Document
from allied.news.dates import find_dates
from allied.news.lexicon import lexicons
from allied.news.sentences import split


def _dates(text: str, lang: str, published: dt.date | None) -> list[tuple[str, str | None, str | None, bool]]:
    doc = Document(name="t", text=text, published=published, language=lang)
    doc.sentences = split(text, lang)
    return [
        (d.span.text, d.start.isoformat() if d.start else None, d.end.isoformat() if d.end else None, d.inferred)
        for d in find_dates(doc, lexicons()[lang])
        if d.precision == "day"
    ]


def test_english_days_ranges_and_weekdays_by_tense() -> None:
    text = (
        "Title\nThe ministry said Monday that the two will meet on Wednesday. They met on Friday. "
        "The visit runs from Nov. 2–3, and the summit is on 5 December 2025."
    )
    assert _dates(text, "en", dt.date(2025, 10, 27)) == [
        ("Monday", "2025-10-27", "2025-10-27", False),
        ("on Wednesday", "2025-10-29", "2025-10-29", False),
        ("on Friday", "2025-10-24", "2025-10-24", False),
        ("Nov. 2–3", "2025-11-02", "2025-11-03", False),
        ("5 December 2025", "2025-12-05", "2025-12-05", False),
    ]


def test_german_days_ranges_and_relative_days() -> None:
    text = (
        "Titel\nDas Ministerium kündigte am 26. Oktober an, dass er am Dienstag reisen wird. "
        "Das Treffen findet vom 30. Mai bis 1. Juni statt. Gestern war er in Berlin, am 02.11.2025 in Paris."
    )
    assert _dates(text, "de", dt.date(2025, 10, 27)) == [
        ("26. Oktober", "2025-10-26", "2025-10-26", False),
        ("am Dienstag", "2025-10-28", "2025-10-28", False),
        ("30. Mai bis 1. Juni", "2025-05-30", "2025-06-01", False),
        ("Gestern", "2025-10-26", "2025-10-26", False),
        ("02.11.2025", "2025-11-02", "2025-11-02", False),
    ]


def test_without_publication_date_weekdays_and_yearless_days_stay_open() -> None:
    text = "Titel\nDie Staats- und Regierungschefs bekräftigten am Mittwoch ihre Zusage vom 4. November."
    assert _dates(text, "de", None) == [("am Mittwoch", None, None, False), ("4. November", None, None, False)]


def test_a_dateline_is_the_reference_and_makes_values_inferred() -> None:
    text = "Titel\nAktualisiert am 3. November 2025\nAm Dienstag trafen sich die Minister."
    assert _dates(text, "de", None) == [
        ("3. November 2025", "2025-11-03", "2025-11-03", False),
        ("Am Dienstag", "2025-10-28", "2025-10-28", True),
    ]
