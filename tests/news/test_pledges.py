"""Pledges: value, unit and year; not demands, current levels, third parties without figures."""

from __future__ import annotations

from typing import Any

import allied


def _pledges(text: str, lang: str, published: str | None = "2025-11-04") -> list[tuple[Any, ...]]:
    [rec] = allied.extract(text, published=published, language=lang)
    return [(p["country"], p["what"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]]


def test_budget_growth_next_year_and_share_of_gdp_by_a_year() -> None:
    text = (
        "Titel\nIn a speech at parliament, South Korean President Lee Jae Myung asked lawmakers to approve an "
        "8.2% increase in defense spending next year. Pistorius said Germany would raise its defence budget by "
        "8 percent next year and reach 3.5 percent of GDP by 2029."
    )
    assert _pledges(text, "en") == [
        ("KOR", "defense budget", 8.2, "percent increase", 2026),
        ("DEU", "defense budget", 8.0, "percent increase", 2026),
        ("DEU", "defense spending", 3.5, "% GDP", 2029),
    ]


def test_amounts_in_a_currency_and_restatements() -> None:
    text = (
        "Title\nSouth Korea’s Defense Ministry on Friday proposed a 2027 defense budget of 70.1 trillion won "
        "($50 billion). Next year’s defense budget is 7.5 percent, or 4.9 trillion won, higher than this year’s "
        "65.2 trillion won, according to the government budget proposal."
    )
    assert _pledges(text, "en", published=None) == [
        ("KOR", "defense budget", 70.1, "KRW trillion", 2027),
        ("KOR", "defense budget", 7.5, "percent increase", 2027),
    ]


def test_alliance_components_take_the_year_of_the_commitment() -> None:
    text = (
        "Ergebnisse des NATO-Gipfels\nDie Verbündeten verpflichteten sich, 3,5 % des BIP für "
        "Kernverteidigungsausgaben sowie weitere 1,5 % für verteidigungsbezogene Investitionen auszugeben. "
        "Die Bündnispartner verpflichten sich, bis zum Jahr 2035 jährlich 5 % des BIP in den Kernbereich der "
        "Verteidigung sowie in verteidigungs- und sicherheitsrelevante Ausgaben zu investieren."
    )
    assert _pledges(text, "de", published=None) == [
        ("NATO", "core defense spending", 3.5, "% GDP", 2035),
        ("NATO", "defense-related spending", 1.5, "% GDP", 2035),
        ("NATO", "defense spending", 5.0, "% GDP", 2035),
    ]


def test_a_plan_without_a_figure_is_a_pledge_of_its_own_government() -> None:
    text = (
        "Title\nKoizumi intends to convey Japan's plan to increase the country's defense spending. "
        "Takaichi told Trump that she would work to increase Japan’s defense budget."
    )
    [rec] = allied.extract(text, published="2025-11-04", language="en")
    assert [(p["country"], p["what"], p["value"], p["unit"], p["by"], len(p["evidence"])) for p in rec["pledges"]] == [
        ("JPN", "defense spending", None, None, None, 2)
    ]


def test_demands_current_levels_and_third_parties_are_no_pledges() -> None:
    text = (
        "Titel\nHegseth fordert die Verbündeten auf, 5 Prozent des BIP für die Verteidigung auszugeben. "
        "Der derzeitige Zielwert von 2 Prozent des BIP reiche nicht. "
        "Das Pentagon sagte, Hegseth werde Südkoreas Plan zur Erhöhung der Verteidigungsausgaben loben."
    )
    assert _pledges(text, "de") == []
    text = (
        "Title\nThe United States has urged allies to spend 5 percent of GDP on defense. Hegseth applauded "
        "Seoul's commitment to increase defense spending. This year's defense budget is 2.3 percent of GDP."
    )
    assert _pledges(text, "en") == []


def test_pledge_evidence_points_at_the_text() -> None:
    text = "Title\nThe minister said Japan plans to raise its defense budget by 10 percent next year."
    [rec] = allied.extract(text, published="2026-03-05", language="en")
    [p] = rec["pledges"]
    assert p["evidence"] == [{"start": 6, "end": len(text), "text": text[6:]}]
    assert (p["country"], p["value"], p["unit"], p["by"]) == ("JPN", 10.0, "percent increase", 2027)
