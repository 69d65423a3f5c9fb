"""Pledges as a grammar (GUIDELINES §7, §9), on texts written for these tests: numbers in words, currency
codes before the amount, baseline vs target, fiscal years, demands and current levels."""

from __future__ import annotations

import pytest

import allied

CASES = [
    (  # a currency code before the number, and a growth rate: two pledges
        "en",
        "2025-08-29",
        "Budget\nSouth Korea's Defense Ministry said Friday it will raise next year's defense budget to "
        "KRW 66.3 trillion, an 8.2 percent increase.",
        [
            ("KOR", "defense budget", 66.3, "KRW trillion", 2026),
            ("KOR", "defense budget", 8.2, "percent increase", 2026),
        ],
    ),
    (  # number words, and the target year carried to the component
        "en",
        "2025-06-25",
        "NATO\nNATO allies committed at the summit to spend five percent of GDP on defense by 2035, including "
        "3.5 percent on core defense spending.",
        [("NATO", "defense spending", 5.0, "% GDP", 2035), ("NATO", "core defense spending", 3.5, "% GDP", 2035)],
    ),
    (  # from a baseline to a target: only the target is pledged
        "en",
        "2025-06-25",
        "Target\nPoland plans to raise defense spending from 4.1 percent of GDP to 5 percent by 2026, the defense "
        "minister said.",
        [("POL", "defense spending", 5.0, "% GDP", 2026)],
    ),
    (  # a fiscal year that ends in March of the next calendar year
        "en",
        "2025-11-28",
        "Japan\nJapan's Cabinet approved a supplementary budget that brings defense spending in the current fiscal "
        "year through March to 2 percent of GDP.",
        [("JPN", "defense spending", 2.0, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-06-25",
        "Demand\nU.S. President Donald Trump demanded that allies spend 5 percent of GDP on defense.",
        [],
    ),
    ("en", "2025-06-25", "Current\nGermany currently spends 2.1 percent of its GDP on defense, the ministry said.", []),
    (  # a decimal comma, a scale word and a currency after the amount
        "de",
        "2025-08-29",
        "Haushalt\nSüdkorea plant für 2026 einen Verteidigungshaushalt von 66,3 Billionen Won, ein Plus von "
        "8,2 Prozent.",
        [
            ("KOR", "defense budget", 66.3, "KRW trillion", 2026),
            ("KOR", "defense budget", 8.2, "percent increase", 2026),
        ],
    ),
    (  # German number words
        "de",
        "2025-06-25",
        "Ziel\nDie NATO-Staaten haben sich verpflichtet, bis 2035 fünf Prozent des BIP für Verteidigung auszugeben.",
        [("NATO", "defense spending", 5.0, "% GDP", 2035)],
    ),
]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), CASES)
def test_pledges(lang: str, published: str, text: str, expected: list[tuple]) -> None:
    [rec] = allied.extract(text, published=published, language=lang)
    got = [(p["country"], p["what"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]]
    assert got == expected
    assert all(text[s["start"] : s["end"]] == s["text"] for p in rec["pledges"] for s in p["evidence"])


def test_a_fiscal_year_is_an_inferred_year() -> None:
    [rec] = allied.extract(CASES[3][2], published="2025-11-28", language="en")
    assert [p["by_inferred"] for p in rec["pledges"]] == [True]


@pytest.mark.parametrize(
    ("lang", "text", "start", "end"),
    [
        (
            "de",
            "Reise\nVerteidigungsminister Boris Pistorius reist nächste Woche nach Litauen.",
            "2025-03-17",
            "2025-03-23",
        ),
        ("en", "Trip\nU.S. Defense Secretary Pete Hegseth travels to Tokyo this week.", "2025-03-10", "2025-03-16"),
        (
            "en",
            "Trip\nU.S. Defense Secretary Pete Hegseth will be in Singapore from May 29 to June 3.",
            "2025-05-29",
            "2025-06-03",
        ),
    ],
)
def test_weeks_and_ranges_are_ranges_of_days(lang: str, text: str, start: str, end: str) -> None:
    """A week is its Monday to Sunday; a range across a month end keeps each end's month."""
    [rec] = allied.extract(text, published="2025-03-12", language=lang)
    [visit] = [e for e in rec["events"] if e["type"] == "visit"]
    assert (visit["date"]["start"], visit["date"]["end"], visit["status"]) == (start, end, "planned")


def test_without_a_publication_date_a_day_takes_the_year_the_text_names() -> None:
    """GUIDELINES §6: the year from context, flagged inferred; a weekday stays unresolved."""
    text = (
        "Trip\nThe 2025 defense talks: U.S. Defense Secretary Pete Hegseth will visit Seoul on November 4. "
        "He will meet Japanese Defense Minister Gen Nakatani in Tokyo on Tuesday."
    )
    [rec] = allied.extract(text, language="en")
    dated = [(e["type"], e["place"]["name"], e["date"]) for e in rec["events"] if e["type"] in ("visit", "meeting")]
    assert ("visit", "Seoul", {"start": "2025-11-04", "end": "2025-11-04", "inferred": True}) in dated
    assert all(d is None for t, p, d in dated if p == "Tokyo")
