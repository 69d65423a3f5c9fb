# ruff: noqa: E501
"""Who pledges and which figure is one pledge, read from short texts written for this test (GUIDELINES §7,
§9), one claim about the language each: an amount's currency names the state that issues it when no state
is told ('a £3 billion boost'), a currency the press quotes every state in (US$) names none, and the letters
of a sign ('US$') are no state; a state's adjective names the pledger only as the adjective of an organ,
a title or the spending ('the American Chamber of Commerce' does not); a figure with no state of its own
belongs to the state of the headline; a rounded restatement is the same pledge; a conversion in square
brackets is no pledge; an estimate is told in the figure's clause before it, or by its source anywhere in
the sentence."""

from __future__ import annotations

import pytest

import allied

# (language, published, text with its title on the first line, [(country, value, unit, by)])
CASES = [
    ("en", "2025-03-04", "Spring statement\nThe chancellor will announce a £3 billion increase in defence spending next year, officials said.", [("GBR", 3.0, "GBP billion", 2026)]),
    ("en", "2025-08-29", "Budget proposal\nThe government has earmarked 61 trillion won for defence next year, the finance ministry said.", [("KOR", 61.0, "KRW trillion", 2026)]),
    ("en", "2025-03-04", "Taiwan's president seeks special budget\nThe president said his government would introduce a US$12 billion (NT$380 billion) special defence budget.", [("TWN", 12.0, "USD billion", None)]),
    ("en", "2025-03-04", "Taiwan's president seeks special budget\nThe president said his government would introduce a US$12 billion [around NT$380 billion] special defence budget.", [("TWN", 12.0, "USD billion", None)]),
    ("en", "2025-03-04", "Taiwan's president pledges more for defence\nIn a speech to the American Chamber of Commerce, the president said his government would raise the defence budget to 3% of GDP.", [("TWN", 3.0, "% GDP", None)]),
    ("en", "2025-03-04", "Canada\nIn a speech to the American Chamber of Commerce, the Canadian defence minister said Canada would spend 2% of GDP on defence this year.", [("CAN", 2.0, "% GDP", 2025)]),
    ("en", "2025-03-04", "Defence\nThe South Korean government will raise the defence budget by 7 percent next year, the ministry said.", [("KOR", 7.0, "percent increase", 2026)]),
    ("en", "2025-12-05", "South Korea approves 61.6 trillion won defence budget\nSouth Korea's parliament approved a defence budget of 61.58 trillion won for next year on Friday.", [("KOR", 61.6, "KRW trillion", 2026)]),
    ("en", "2025-03-04", "Poland\nPoland will spend 4.7% of GDP on defence next year. Finance Minister Andrzej Domanski said the defence budget would reach 4.7% of GDP.", [("POL", 4.7, "% GDP", 2026)]),
    ("en", "2026-09-01", "Seoul budget\nSouth Korea's defence budget for 2027 will rise to 70 trillion won (an estimated $50 billion), the ministry said.", [("KOR", 70.0, "KRW trillion", 2027)]),
    ("en", "2025-03-04", "Australia\nDefence spending is projected to grow by 2.2 per cent this year under the plan, which will see an extra $4 billion spent on defence over the next four years.", [("AUS", 4.0, "AUD billion", None)]),
    ("de", "2025-03-04", "Haushalt\nDie deutsche Bundesregierung will den Verteidigungsetat 2026 auf 90 Milliarden Euro erhöhen.", [("DEU", 90.0, "EUR billion", 2026)]),
    ("en", "2025-03-04", "UK\nThe prime minister pledged to lift defence spending to 2.5% of GDP by 2030, well above NATO's 2% target.", [("GBR", 2.5, "% GDP", 2030)]),
    ("en", "2025-03-04", "Britain\nThe prime minister has pledged to lift UK defence spending to 2.5% of GDP. The pledge would mean spending rising to 2.5% by 2030, well above NATO's 2% target.", [("GBR", 2.5, "% GDP", 2030)]),
    ("en", "2025-06-09", "Canada\nThe prime minister announced $9 billion in additional spending to meet the NATO target this year.", [("CAN", 9.0, "CAD billion", 2025)]),
    ("en", "2025-06-09", "Canada\nNATO Secretary General Mark Rutte welcomed the plan. The government will spend an extra $9 billion on defence this year.", [("CAN", 9.0, "CAD billion", 2025)]),
    ("en", "2025-12-20", "Japan\nJapan's cabinet approved a record 9 trillion yen defence budget for next year. The budget plan rises 3.5 per cent from this year.", [("JPN", 9.0, "JPY trillion", 2026), ("JPN", 3.5, "percent increase", 2026)]),
    ("en", "2025-03-04", "UK\nThe prime minister said the defence budget will increase from 2.3% to 2.5% of gross domestic product (GDP) from 2027.", [("GBR", 2.5, "% GDP", 2027)]),
    ("en", "2025-03-04", "Budget\nThe chancellor will announce a £3 billion boost in defence spending. The OBR will cut its forecast for economic growth this year. The chancellor will also put an extra £2 billion into the defence budget.", [("GBR", 3.0, "GBP billion", None), ("GBR", 2.0, "GBP billion", None)]),
    ("en", "2025-06-17", "Allies\nBoth Portugal and Canada have now committed to spending 2% of their GDP on defence this year.", [("PRT", 2.0, "% GDP", 2025), ("CAN", 2.0, "% GDP", 2025)]),
    ("en", "2025-03-04", "Talks\nSouth Korea and Japan agreed that Seoul would raise its defence budget by 5 percent next year.", [("KOR", 5.0, "percent increase", 2026)]),
    ("en", "2025-08-22", "Taiwan\nLai's remarks came a day after his government announced plans to raise the 2026 defence budget to 3.3% of GDP.", [("TWN", 3.3, "% GDP", 2026)]),
    ("en", "2025-12-20", "Japan's cabinet approves record defence budget\nThe Cabinet approved a record defence budget worth $56 billion for next year as tensions rise with China.", [("JPN", 56.0, "USD billion", 2026)]),
    ("en", "2025-06-23", "Germany\nFor 2025, Berlin has allocated €86 billion to defence. By 2029, defence spending is expected to reach €153 billion.", [("DEU", 153.0, "EUR billion", 2029)]),
    ("en", "2025-06-23", "Germany\nThe chancellor has signalled a willingness to spend up to 1.5 percent of GDP on defence-adjacent infrastructure.", [("DEU", 1.5, "% GDP", None)]),
    ("en", "2024-08-28", "Poland\nThe coalition agreed to raise defence spending to 4.7% of GDP in the draft budget for the upcoming year.", [("POL", 4.7, "% GDP", 2025)]),
    ("en", "2025-06-23", "Germany\nMeanwhile, Chancellor Friedrich Merz has signaled a willingness to spend up to 1.5 percent of GDP on defence-adjacent infrastructure, a move welcomed by Trump.", [("DEU", 1.5, "% GDP", None)]),
    ("en", "2025-06-09", "Spending announced\nOTTAWA — The prime minister announced $9 billion in additional defence spending.", [("CAN", 9.0, "CAD billion", None)]),
    ("en", "2025-06-09", "Canada to meet target\nAllies are expected to adopt a plan to raise the NATO spending target to 5 per cent of GDP. Not long ago, the prime minister was only promising to meet the 2 per cent target by 2030.", [("NATO", 5.0, "% GDP", None), ("CAN", 2.0, "% GDP", 2030)]),
    ("en", "2025-08-22", "Taiwan\nThe government proposed a 2026 defence budget of NT$949.5 billion. The allocation was an increase of 22.9 percent on this year.", [("TWN", 949.5, "TWD billion", 2026), ("TWN", 22.9, "percent increase", 2026)]),
    ("en", "2024-12-27", "Japan\nThe 115.5 trillion yen budget for next year, approved by the cabinet, includes 8.7 trillion yen in defence spending.", [("JPN", 8.7, "JPY trillion", 2025)]),
    ("en", "2025-03-04", "Australia\nThe government will give Defence $270 billion over the next decade.", [("AUS", 270.0, "AUD billion", None)]),
    ("en", "2025-03-04", "Canada\nCanada spends 1.37 per cent of GDP on defence. Current spending is set to rise to 1.76 per cent by 2030.", [("CAN", 1.76, "% GDP", 2030)]),
    ("en", "2025-09-15", "Sweden\nThe government will raise defence funds by 25 billion crowns next year. The hike represents a 17% increase compared to the 2025 budget and will take Sweden's defence spending to 2.7% of GDP in 2026, bringing it closer to the new NATO target of 3.5% of GDP. The government expects the spending to hit 3% in 2028.", [("SWE", 25.0, "SEK billion", 2026), ("SWE", 17.0, "percent increase", 2026), ("SWE", 2.7, "% GDP", 2026), ("SWE", 3.0, "% GDP", 2028)]),
    ("en", "2025-09-15", "Sweden\nThe government plans to raise military spending by 26 billion crowns in 2026. This represents an 18% increase over the 2025 defence budget.", [("SWE", 26.0, "SEK billion", 2026), ("SWE", 18.0, "percent increase", 2026)]),
    ("en", "2025-09-17", "Sweden\nThe Swedish government has unveiled sweeping increases in defence spending, reflecting concerns over threats from Russia.", [("SWE", None, None, None)]),
    ("en", "2025-08-29", "Korea\nSouth Korea will raise its 2026 defence budget to 66 trillion won. The increase is the largest since 2019, when defence spending grew by 8.2%.", [("KOR", 66.0, "KRW trillion", 2026)]),
    ("en", "2025-08-29", "Korea\nNext year's defence budget has been set at 66.3 trillion won, an 8.2% increase compared to this year.", [("KOR", 66.3, "KRW trillion", 2026), ("KOR", 8.2, "percent increase", 2026)]),
    ("en", "2025-08-22", "Taiwan\nThe government proposed a 2026 defence budget of NT$949.5 billion. The 2026 defence budget, however, includes NT$135.9 billion in spending on the coast guard.", [("TWN", 949.5, "TWD billion", 2026)]),
    ("de", "2025-08-22", "Haushalt\nDie Bundesregierung plant im Haushaltsentwurf 2026 Verteidigungsausgaben in Höhe von 95 Milliarden Euro.", [("DEU", 95.0, "EUR billion", 2026)]),
    ("de", "2025-08-22", "Haushalt\nDie Bundesregierung will den Wehretat 2026 auf insgesamt 100 Milliarden Euro erhöhen. 80 Milliarden Euro sind dabei im regulären Einzelplan eingeplant.", [("DEU", 100.0, "EUR billion", 2026)]),
    ("de", "2025-09-19", "Haushalt\nDie Bundesregierung will die Verteidigungsausgaben 2026 auf 108 Milliarden Euro erhöhen. Im laufenden Jahr 2025 werden 62 Milliarden Euro im Wehretat und 24 Milliarden Euro aus dem Sondervermögen bereitgestellt.", [("DEU", 108.0, "EUR billion", 2026)]),
    ("de", "2024-09-05", "Polen\nIm Jahr 2023 betrugen Polens Verteidigungsausgaben 3,3 Prozent des BIP. Im Jahr 2025 sollen sie auf 4,7 Prozent anwachsen.", [("POL", 4.7, "% GDP", 2025)]),
    ("de", "2018-06-14", "Deutschland\nDie Ministerin hat bis 2025 einen Wehretat von 1,5 Prozent des BIP in Aussicht gestellt und damit Forderungen von US-Präsident Donald Trump eine Abfuhr erteilt.", [("DEU", 1.5, "% GDP", 2025)]),
    ("de", "2018-06-14", "Verteidigung\nDie Ministerin sprach in Berlin. „Zum Nato-Gipfel in Brüssel werden wir anzeigen, dass wir für 2025 einen Anteil der Verteidigungsausgaben am BIP von 1,5 Prozent erreichen wollen.“", [("DEU", 1.5, "% GDP", 2025)]),
    ("de", "2025-06-20", "Verteidigungsausgaben\nDeutschland kommt aktuell auf zwei Prozent, will aber auf 3,5 Prozent steigern.", [("DEU", 3.5, "% GDP", None)]),
    ("en", "2025-12-26", "Japan\nJapan's draft defence budget reached a record 9.5 trillion yen for fiscal 2026.", [("JPN", 9.5, "JPY trillion", 2026)]),
    ("en", "2025-08-29", "Japan\nJapan's Defense Ministry requested a record 8.9 trillion yen for fiscal 2026. The proposal devotes 300 billion yen to a new drone programme.", [("JPN", 8.9, "JPY trillion", 2026)]),
    ("en", "2025-11-16", "Korea\nThe Pentagon's No. 3 official praised South Korea for being the first ally outside NATO to raise defence spending to 3.5% of GDP.", [("KOR", 3.5, "% GDP", None)]),
    ("en", "2025-10-30", "Korea\nSouth Korea proposed raising its defence budget from 2.32% of GDP this year to 3.5% by as late as 2035.", [("KOR", 3.5, "% GDP", 2035)]),
    ("en", "2025-12-07", "Korea\nSouth Korea committed to the target after a NATO summit in June, where the members of the trans-Atlantic alliance committed to spending 3.5 percent of GDP on core defence by 2035.", [("NATO", 3.5, "% GDP", 2035)]),
    ("fr", "2026-01-15", "Armées\nLa France consacrera un budget supplémentaire de 36 milliards d’euros pour les armées d’ici à 2030.", [("FRA", 36.0, "EUR billion", 2030)]),
    ("fr", "2025-12-02", "Budget\nLe président français a demandé une hausse du budget de la défense de 3,5 milliards d'euros pour 2026.", [("FRA", 3.5, "EUR billion", 2026)]),
    ("es", "2025-06-22", "Defensa\nSánchez ha garantizado que España gastará el 2,1 % de su PIB en defensa, tras un acuerdo con la OTAN que la exime de llegar al 5 %.", [("ESP", 2.1, "% GDP", None)]),
    ("es", "2025-04-22", "Defensa\nEl Gobierno de España ha aprobado un plan que eleva el gasto militar hasta el 2% del PIB, cumpliendo con el compromiso marcado por la OTAN.", [("ESP", 2.0, "% GDP", None)]),
    ("fr", "2025-03-04", "Budget\nLe gouvernement français veut porter le budget de la défense à 64 milliards d'euros en 2027.", [("FRA", 64.0, "EUR billion", 2027)]),
]

NO_PLEDGES = [
    ("en", "2025-10-24", "Japan\nAccording to an economist at a bank, the additional 1.1 trillion yen needed for the 2% defence target is a cheap price.", []),
    ("en", "2025-10-30", "Korea\nAssuming GDP growth of 3.4% next year and an annual defence spending increase of 7.7%, defence spending will reach 128 trillion won by 2035, the report said.", []),
    ("de", "2018-06-14", "Nato\nDie USA bestehen darauf, dass die Nato-Partner spätestens 2024 zwei Prozent des BIP in die Verteidigung investieren.", []),
    ("en", "2025-06-24", "Germany\nGermany rejected the 5 percent target sought by Trump.", []),
    ("en", "2025-01-17", "NATO\nTrump said NATO countries should spend at least 5% of GDP on defence.", []),
    ("en", "2025-01-17", "Lithuania\nThe country is now the top NATO spender, surpassing Poland, which spends more than 4 percent of GDP on defence.", []),
    ("en", "2025-03-04", "NATO\nCurrently, only five NATO member states allocate more than 3% of their GDP to defence.", []),
    ("en", "2025-03-04", "NATO\nNATO Secretary General Mark Rutte said the alliance has finally reached its goal of raising defence spending to 2% of GDP.", []),
    ("en", "2025-03-04", "Canada\nAsked whether Canada plans to meet the 2% target, the prime minister said there were no plans to double the defence budget.", []),
    ("en", "2025-03-04", "Japan\nThe defence budget is part of the 115 trillion yen national budget for next year.", []),
    ("en", "2025-03-04", "Korea\nSouth Korea will spend 62 trillion won on defence next year. The increase is equivalent to roughly ten percent of the entire annual budget.", [("KOR", 62.0, "KRW trillion", 2026)]),
    ("en", "2025-03-04", "Australia's defence plan\nAccording to experts, the plan would put $700 billion into defence over the next decade.", []),
    ("en", "2025-03-04", "Growth\nThe national budget will grow by 3 percent next year, while defence will get a larger share, analysts said.", []),
]


def _pledges(lang: str, text: str, published: str) -> list[tuple]:
    [rec] = allied.extract(text, published=published, language=lang)
    assert all(text[s["start"] : s["end"]] == s["text"] for p in rec["pledges"] for s in p["evidence"])
    return sorted(((p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]), key=str)


@pytest.mark.parametrize(("lang", "published", "text", "expected"), CASES + NO_PLEDGES, ids=[c[2].split("\n")[1][:40] for c in CASES + NO_PLEDGES])
def test_reading(lang: str, published: str, text: str, expected: list[tuple]) -> None:
    assert _pledges(lang, text, published) == sorted(expected, key=str)
