# ruff: noqa: E501
"""Pledges read from short news texts written for this test (GUIDELINES §7, §9), one claim about English each:
the state a pronoun or 'the country' stands for, a share with no spending noun after a text about defence
spending ('Ottawa has promised to reach 2 %'), ranges, conversions before the spending noun, a baseline year
('up 8.2 percent from this year'), a time with no year in the figure's own clause; and texts that hold no
pledge: aid to another state, purchases and contracts, estimates, demands, rankings of current levels, past
targets."""

from __future__ import annotations

import pytest

import allied

# (published, text with its title on the first line, [(country, value, unit, by)])
PLEDGES = [
    (
        "2025-03-04",
        "Canada to boost spending\nPrime Minister Mark Carney spoke in Ottawa on Monday. The country will reach NATO's 2% target this year, he said.",
        [("CAN", 2.0, "% GDP", 2025)],
    ),
    (
        "2025-03-04",
        'Italy\nItalian Prime Minister Giorgia Meloni met allies in Rome. "We will spend two percent of GDP on defence this year," she said.',
        [("ITA", 2.0, "% GDP", 2025)],
    ),
    (
        "2025-03-04",
        "Australia budget\nAustralia's Defence Minister Richard Marles said on Tuesday the government would invest an additional $1 billion in defence next year.",
        [("AUS", 1.0, "AUD billion", 2026)],
    ),
    (
        "2025-03-04",
        "Poland\nPoland is NATO's biggest spender relative to its economy. It plans to spend 4.8% of GDP on defence in 2026.",
        [("POL", 4.8, "% GDP", 2026)],
    ),
    (
        "2025-06-25",
        "NATO summit\nNATO leaders agreed on Wednesday in The Hague to raise defence spending to 5% of GDP by 2035. The target is split into 3.5% for core defence and 1.5% for broader security-related investment.",
        [("NATO", 5.0, "% GDP", 2035), ("NATO", 3.5, "% GDP", 2035), ("NATO", 1.5, "% GDP", 2035)],
    ),
    (
        "2025-03-04",
        "Japan defense spending\nJapanese Defense Minister Gen Nakatani said Tokyo would consider further increases. Japan aims to reach 2% of GDP by fiscal 2027.",
        [("JPN", 2.0, "% GDP", 2027)],
    ),
    (
        "2025-03-04",
        "Germany\nGerman Chancellor Friedrich Merz said Germany would do whatever it takes. Berlin plans to raise defence spending to 3.5% of GDP by 2029.",
        [("DEU", 3.5, "% GDP", 2029)],
    ),
    (
        "2025-03-04",
        "Denmark\nDenmark's government will spend 50 billion crowns on defence over two years, Prime Minister Mette Frederiksen said.",
        [("DNK", 50.0, "DKK billion", None)],
    ),
    (
        "2025-03-04",
        "Spain\nSpanish Prime Minister Pedro Sanchez rejected the 5% target. Spain will not spend more than 2.1% of GDP, he said.",
        [],
    ),
    (
        "2025-03-04",
        "UK\nThe UK will increase defence spending to 2.6% of GDP by 2027 and to 3% in the next parliament, Prime Minister Keir Starmer said.",
        [("GBR", 2.6, "% GDP", 2027), ("GBR", 3.0, "% GDP", None)],
    ),
    (
        "2025-03-04",
        "Korea\nSouth Korea's government on Tuesday approved a 66.3 trillion won ($47.6 billion) defense budget for next year, up 8.2 percent from this year.",
        [("KOR", 66.3, "KRW trillion", 2026), ("KOR", 8.2, "percent increase", 2026)],
    ),
    (
        "2025-03-04",
        "Taiwan\nTaiwan's government proposed a special defence budget of NT$1.25 trillion over eight years.",
        [("TWN", 1.25, "TWD trillion", None)],
    ),
    (
        "2025-03-04",
        "US budget\nThe Pentagon's fiscal 2026 budget request totals $848 billion, Defense Secretary Pete Hegseth said.",
        [("USA", 848.0, "USD billion", 2026)],
    ),
    (
        "2025-03-04",
        "Norway\nNorway's Prime Minister Jonas Gahr Store said the government would raise military spending by 10 billion crowns in 2025.",
        [("NOR", 10.0, "NOK billion", 2025)],
    ),
    (
        "2025-03-04",
        "Philippines\nThe Philippines plans to spend 35 billion pesos on defence next year.",
        [("PHL", 35.0, "PHP billion", 2026)],
    ),
    (
        "2025-03-04",
        "Sweden\nSweden's government said it would raise defence spending to 3.5% of GDP by 2030, from 2.4% this year.",
        [("SWE", 3.5, "% GDP", 2030)],
    ),
    (
        "2025-03-04",
        "Estonia\nEstonia, which already spends 3.4% of GDP on defence, has pledged to reach 5.4% next year.",
        [("EST", 5.4, "% GDP", 2026)],
    ),
    (
        "2025-03-04",
        "Lithuania\nLithuania will allocate between 5% and 6% of GDP to defence from 2026, the State Defence Council decided.",
        [("LTU", 5.0, "% GDP", 2026), ("LTU", 6.0, "% GDP", 2026)],
    ),
    (
        "2025-03-04",
        "Trump\nTrump said Japan should pay more. He wants Tokyo to raise defence spending to 3% of GDP.",
        [],
    ),
    (
        "2025-03-04",
        "Canada\nCanada's defence spending was 1.37% of GDP last year. Ottawa has promised to reach 2% by 2027.",
        [("CAN", 2.0, "% GDP", 2027)],
    ),
]

NO_PLEDGES = [
    (
        "2025-03-04",
        "Aid\nGermany will provide 9 billion euros in military aid to Ukraine next year, Defence Minister Boris Pistorius said.",
        [],
    ),
    ("2025-03-04", "Deal\nPoland will buy 96 Apache helicopters for $12 billion, the defence ministry said.", []),
    ("2025-03-04", "Contract\nThe Pentagon awarded Lockheed Martin a $7.8 billion contract for F-35 jets.", []),
    (
        "2025-03-04",
        "Budget\nJapan's defense budget for fiscal 2026 is 8.7 trillion yen. Of that, 1 trillion yen will go to missiles.",
        [("JPN", 8.7, "JPY trillion", 2026)],
    ),
    (
        "2025-03-04",
        "Rankings\nPoland spends 4.1% of GDP on defence, followed by Estonia at 3.4% and the United States at 3.4%.",
        [],
    ),
    ("2025-03-04", "Estimate\nNATO estimates that 23 allies will meet the 2% target this year.", []),
    ("2025-03-04", "Ukraine\nThe European Union will lend Ukraine 90 billion euros for defence over two years.", []),
    ("2025-03-04", "Economy\nGermany's economy is expected to grow 0.2% next year, the finance ministry said.", []),
    ("2025-03-04", "Trump\nTrump said allies would have to spend 5% of GDP or face consequences.", []),
    (
        "2025-03-04",
        "Forecast\nGlobal military spending will rise to $3 trillion by 2030, according to a think tank.",
        [],
    ),
    ("2025-03-04", "Hegseth\nHegseth praised Japan's efforts to strengthen its defence.", []),
    ("2025-03-04", "Poll\nSixty percent of Germans support higher defence spending, a poll showed.", []),
    (
        "2025-03-04",
        "Inflation\nDefence spending must rise because inflation reached 3% last year, the minister said.",
        [],
    ),
    ("2025-03-04", "Sales\nSouth Korea aims to export $20 billion worth of weapons this year.", []),
    ("2025-03-04", "Troops\nThe United States will keep 28,500 troops in South Korea.", []),
    ("2025-03-04", "Past\nIn 2014, NATO allies agreed to spend 2% of GDP on defence by 2024.", []),
    (
        "2025-03-04",
        "Spain\nSpain's defence spending will reach 2% of GDP this year, the lowest share in NATO, according to NATO estimates.",
        [],
    ),
]


def _pledges(text: str, published: str) -> list[tuple]:
    [rec] = allied.extract(text, published=published, language="en")
    assert all(text[s["start"] : s["end"]] == s["text"] for p in rec["pledges"] for s in p["evidence"])
    return sorted(((p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]), key=str)


@pytest.mark.parametrize(("published", "text", "expected"), PLEDGES, ids=[c[1].split("\n")[1][:40] for c in PLEDGES])
def test_text_pledges(published: str, text: str, expected: list[tuple]) -> None:
    assert _pledges(text, published) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("published", "text", "expected"), NO_PLEDGES, ids=[c[1].split("\n")[1][:40] for c in NO_PLEDGES]
)
def test_texts_without_pledges(published: str, text: str, expected: list[tuple]) -> None:
    assert _pledges(text, published) == sorted(expected, key=str)
