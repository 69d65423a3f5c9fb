# ruff: noqa: E501
"""Pledges read from single news sentences written for this test, one claim about the language each (GUIDELINES
§7, §9): commitments with and without modal verbs, currencies by CLDR name and sign, target years after "by" with a
month, a bare future year in the figure's clause, baselines after the target ("up from"), levels reached in a
relative clause, demands and past levels (no pledge), a budget with no state named (the article's state)."""

from __future__ import annotations

import pytest

import allied

# (language, published, sentence, [(country, value, unit, by)])
CASES = [
    (
        "en",
        "2025-03-04",
        "Canada will raise its defence spending to 2% of gross domestic product by 2030, Prime Minister Mark Carney said on Monday, two years earlier than previously planned.",
        [("CAN", 2.0, "% GDP", 2030)],
    ),
    (
        "en",
        "2025-03-04",
        "The Canadian government said it would spend an extra C$9.1 billion on defence next year.",
        [("CAN", 9.1, "CAD billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Britain has committed to lifting defence spending to 2.5 per cent of GDP by April 2027, Defence Secretary John Healey told parliament.",
        [("GBR", 2.5, "% GDP", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Healey said the United Kingdom aims to spend 3 percent of GDP on defence in the next parliament.",
        [("GBR", 3.0, "% GDP", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Australia's government announced it would boost defence funding by A$50.3 billion over the next decade.",
        [("AUS", 50.3, "AUD billion", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Germany plans to increase its defence budget to 62.4 billion euros next year, according to the draft budget approved by the cabinet.",
        [("DEU", 62.4, "EUR billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Poland intends to spend 4.7% of its GDP on defence in 2025, Defence Minister Wladyslaw Kosiniak-Kamysz said.",
        [("POL", 4.7, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "The Netherlands said it would meet the new NATO target of 3.5% of GDP on core defence by 2035.",
        [("NLD", 3.5, "% GDP", 2035)],
    ),
    ("en", "2025-03-04", "Trump has demanded that allies spend 5% of their GDP on defence.", []),
    ("en", "2025-03-04", "Last year, Italy spent 1.49% of GDP on defence.", []),
    ("en", "2025-03-04", "Spain's defence spending rose by 10 percent in 2024.", []),
    (
        "en",
        "2025-03-04",
        "Taiwan's cabinet proposed raising defence spending to 3.32% of GDP next year, up from 2.45% this year.",
        [("TWN", 3.32, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "South Korea will increase its defence budget by 7.5 percent to 66.3 trillion won in 2026.",
        [("KOR", 7.5, "percent increase", 2026), ("KOR", 66.3, "KRW trillion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Denmark will put 50 billion Danish kroner into additional defence spending over the next two years.",
        [("DNK", 50.0, "DKK billion", None)],
    ),
    (
        "en",
        "2025-03-04",
        "France will double its military budget by 2027, President Emmanuel Macron said.",
        [("FRA", None, None, 2027)],
    ),
    (
        "en",
        "2025-06-26",
        "NATO leaders agreed in The Hague to invest 5% of GDP annually in defence and security by 2035.",
        [("NATO", 5.0, "% GDP", 2035)],
    ),
    (
        "en",
        "2025-11-04",
        "Hegseth praised Seoul's plan to raise defence spending to 3.5% of GDP.",
        [("KOR", 3.5, "% GDP", None)],
    ),
    (
        "en",
        "2025-03-04",
        "NATO Secretary General Mark Rutte welcomed Canada's commitment to spend more on defence.",
        [],
    ),
    ("en", "2025-03-04", "Greece spends about 3% of GDP on defence, among the highest in NATO.", []),
    (
        "en",
        "2025-03-04",
        "Estonia will spend 5.4% of GDP on defence next year, up from 3.4% this year, the government said.",
        [("EST", 5.4, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Finland's defence budget for 2026 is set at 6.6 billion euros, the finance ministry said.",
        [("FIN", 6.6, "EUR billion", 2026)],
    ),
    ("en", "2025-03-04", "Washington wants European allies to spend at least 3.5% of GDP on defence.", []),
    (
        "en",
        "2025-03-04",
        "Norway's government said on Tuesday it would increase military spending by 10 billion Norwegian crowns this year.",
        [("NOR", 10.0, "NOK billion", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "The Pentagon's budget request seeks $961 billion for the military in fiscal 2026.",
        [("USA", 961.0, "USD billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Sweden will reach 3.5 percent of GDP in defence spending by 2030, two years earlier than planned, Prime Minister Ulf Kristersson said.",
        [("SWE", 3.5, "% GDP", 2030)],
    ),
    (
        "en",
        "2025-03-04",
        "Belgium, which spent 1.3% of GDP on defence last year, has pledged to reach 2% this year.",
        [("BEL", 2.0, "% GDP", 2025)],
    ),
    (
        "de",
        "2025-03-04",
        "Die deutsche Bundesregierung will den Verteidigungsetat bis 2029 auf 152,8 Milliarden Euro anheben.",
        [("DEU", 152.8, "EUR billion", 2029)],
    ),
    (
        "de",
        "2025-03-04",
        "Deutschland will bis 2029 3,5 Prozent seines Bruttoinlandsprodukts für Verteidigung ausgeben.",
        [("DEU", 3.5, "% GDP", 2029)],
    ),
    (
        "de",
        "2025-06-26",
        "Die Nato-Staaten haben sich verpflichtet, bis 2035 fünf Prozent ihrer Wirtschaftsleistung in Verteidigung zu investieren.",
        [("NATO", 5.0, "% GDP", 2035)],
    ),
    ("de", "2025-03-04", "Frankreich gab im vergangenen Jahr 2,1 Prozent seines BIP für Verteidigung aus.", []),
    ("de", "2025-03-04", "US-Präsident Trump fordert von den Verbündeten Verteidigungsausgaben von fünf Prozent.", []),
    (
        "de",
        "2025-03-04",
        "Polen will seine Rüstungsausgaben im kommenden Jahr auf 4,8 Prozent des BIP erhöhen.",
        [("POL", 4.8, "% GDP", 2026)],
    ),
    (
        "de",
        "2025-03-04",
        "Der deutsche Wehretat soll 2026 um 10 Milliarden Euro steigen, kündigte Finanzminister Lars Klingbeil an.",
        [("DEU", 10.0, "EUR billion", 2026)],
    ),
    # second batch: currency signs, shares with a ceiling, fiscal years across two calendar years
    (
        "en",
        "2025-03-04",
        "Japan plans to raise defense-related spending to 2% of GDP in fiscal 2025, two years ahead of schedule, Prime Minister Sanae Takaichi said.",
        [("JPN", 2.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-12-26",
        "The Japanese cabinet approved a record ¥9.04 trillion defense budget for fiscal 2026 on Friday.",
        [("JPN", 9.04, "JPY trillion", 2026)],
    ),
    (
        "en",
        "2025-06-26",
        "NATO allies agreed to invest 5% of GDP annually on core defence requirements and defence-and-security-related spending by 2035.",
        [("NATO", 5.0, "% GDP", 2035)],
    ),
    (
        "en",
        "2025-06-26",
        "At least 3.5% of GDP will go to core defence spending, with up to 1.5% for infrastructure and resilience, under the new NATO target for 2035.",
        [("NATO", 3.5, "% GDP", 2035), ("NATO", 1.5, "% GDP", 2035)],
    ),
    (
        "en",
        "2025-03-04",
        "Prime Minister Keir Starmer announced that the UK will increase defence spending to 2.5% of GDP by 2027, funded by cuts to foreign aid.",
        [("GBR", 2.5, "% GDP", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Taiwan's Executive Yuan proposed a defense budget of NT$949.5 billion for 2026, equal to 3.32% of GDP.",
        [("TWN", 949.5, "TWD billion", 2026), ("TWN", 3.32, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Lee said South Korea would raise its defense spending, without giving a figure.",
        [("KOR", None, None, None)],
    ),
    ("en", "2025-03-04", "South Korea's defense budget this year stands at 61.2 trillion won.", []),
    ("en", "2025-03-04", "The U.S. has pressed Seoul to spend 3.8% of GDP on defense.", []),
    (
        "en",
        "2025-03-04",
        "Hegseth said he welcomed South Korea's commitment to spend 3.5% of GDP on defense.",
        [("KOR", 3.5, "% GDP", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Australia will lift defence spending to 2.33% of GDP by 2033-34, Defence Minister Richard Marles said.",
        [("AUS", 2.33, "% GDP", 2034)],
    ),
    (
        "de",
        "2025-03-04",
        "Japan will seine Verteidigungsausgaben bis 2027 auf zwei Prozent des Bruttoinlandsprodukts steigern.",
        [("JPN", 2.0, "% GDP", 2027)],
    ),
    (
        "de",
        "2025-03-04",
        "Südkoreas Präsident Lee kündigte an, die Verteidigungsausgaben im kommenden Jahr um 8,2 Prozent zu erhöhen.",
        [("KOR", 8.2, "percent increase", 2026)],
    ),
    # third batch: capitals as subjects, negation, a currency several states use, the state of a defence ministry's
    # budget request, 'national income', 'rise to X %' as a level, budgets for a later year told as facts
    (
        "en",
        "2025-03-04",
        "Tokyo plans to spend 43 trillion yen on defence over the five years through 2027.",
        [("JPN", 43.0, "JPY trillion", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Berlin will boost military spending to 3.5% of GDP by 2029, Chancellor Friedrich Merz said.",
        [("DEU", 3.5, "% GDP", 2029)],
    ),
    (
        "en",
        "2025-03-04",
        "Lithuania's parliament approved a budget that allocates 5.38% of GDP to defence in 2026.",
        [("LTU", 5.38, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Romania aims to gradually raise defence spending to 3.5% of GDP over the next decade.",
        [("ROU", 3.5, "% GDP", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Under the plan, Japan's defense budget will rise to about 9.9 trillion yen in fiscal 2027.",
        [("JPN", 9.9, "JPY trillion", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Seoul's proposed 2026 defense budget of 66.3 trillion won marks an 8.2 percent rise.",
        [("KOR", 66.3, "KRW trillion", 2026), ("KOR", 8.2, "percent increase", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Canada's defence budget will grow by C$81.8 billion over five years.",
        [("CAN", 81.8, "CAD billion", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Britain pledged to spend 5% of national income on national security by 2035.",
        [("GBR", 5.0, "% GDP", 2035)],
    ),
    (
        "en",
        "2025-03-04",
        "Italy has promised to raise its military outlays to 2% of gross domestic product this year from 1.57% in 2024.",
        [("ITA", 2.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "Poland's 2026 budget earmarks 200 billion zlotys for defence, or 4.8% of GDP.",
        [("POL", 200.0, "PLN billion", 2026), ("POL", 4.8, "% GDP", 2026)],
    ),
    ("en", "2025-03-04", "Australia said on Wednesday it would not commit to a new defence spending target.", []),
    (
        "en",
        "2025-03-04",
        "Japan has no plans to raise defense spending to 3.5% of GDP, the chief cabinet secretary said.",
        [],
    ),
    (
        "en",
        "2025-03-04",
        "Norway will increase its defence budget by 19 billion crowns in 2026, the government said.",
        [("NOR", 19.0, "NOK billion", 2026)],
    ),
    ("en", "2025-03-04", "US President Donald Trump wants Japan to spend 3.5% of GDP on defense.", []),
    (
        "en",
        "2025-03-04",
        "Taiwan President Lai Ching-te vowed to raise defence spending to 5% of GDP by 2030.",
        [("TWN", 5.0, "% GDP", 2030)],
    ),
    (
        "en",
        "2025-03-04",
        "NATO members agreed to spend 3.5% of GDP on core defence by 2035.",
        [("NATO", 3.5, "% GDP", 2035)],
    ),
    ("en", "2025-10-04", "Germany's defence budget rose to 62.4 billion euros in 2025.", []),
    (
        "en",
        "2025-03-04",
        "Finland aims to lift defence spending to 3% of GDP by 2029 from around 2.4% now.",
        [("FIN", 3.0, "% GDP", 2029)],
    ),
    (
        "en",
        "2025-03-04",
        "Spending on defence will rise by 12% next year, Polish Defence Minister Wladyslaw Kosiniak-Kamysz said.",
        [("POL", 12.0, "percent increase", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Paris intends to raise the armed forces budget to 64 billion euros in 2027.",
        [("FRA", 64.0, "EUR billion", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Canberra has committed an additional A$10 billion to defence over the forward estimates.",
        [("AUS", 10.0, "AUD billion", None)],
    ),
    (
        "en",
        "2025-03-04",
        "The Dutch government will set aside an extra 3.5 billion euros a year for defence.",
        [("NLD", 3.5, "EUR billion", None)],
    ),
    (
        "en",
        "2025-03-04",
        "Sweden's government proposed raising military spending by 12.5 billion Swedish crowns next year.",
        [("SWE", 12.5, "SEK billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Spain will invest 10.471 billion euros this year to reach the NATO target of 2% of GDP, Prime Minister Pedro Sanchez announced.",
        [("ESP", 10.471, "EUR billion", 2025), ("ESP", 2.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "The Czech Republic plans to reach 3% of GDP on defence by 2030, Defence Minister Jana Cernochova said.",
        [("CZE", 3.0, "% GDP", 2030)],
    ),
    (
        "en",
        "2025-03-04",
        "Belgium's defence spending will reach two percent of GDP this year, Prime Minister Bart De Wever said.",
        [("BEL", 2.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "China will raise its defence budget by 7.2 percent this year, the finance ministry said in a report to parliament.",
        [("CHN", 7.2, "percent increase", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "Beijing plans to increase military spending by 7.2% in 2025.",
        [("CHN", 7.2, "percent increase", 2025)],
    ),
    ("en", "2025-03-04", "Washington has urged Tokyo to raise defence spending to 3.5% of GDP.", []),
    (
        "en",
        "2025-03-04",
        "Portugal expects to reach 2% of GDP in defence spending in 2025, four years earlier than planned.",
        [("PRT", 2.0, "% GDP", 2025)],
    ),
    ("en", "2025-03-04", "In 2024, Poland spent 4.1% of GDP on defence, the most in NATO.", []),
    (
        "en",
        "2025-03-04",
        "Latvia's defence spending will rise to 3.45% of GDP next year and to 5% by 2028.",
        [("LVA", 3.45, "% GDP", 2026), ("LVA", 5.0, "% GDP", 2028)],
    ),
    (
        "en",
        "2025-03-04",
        "The government aims to raise defence spending to 2.5% of GDP by 2027, the British prime minister said.",
        [("GBR", 2.5, "% GDP", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Japan's Defense Ministry requested a record 8.8 trillion yen for fiscal 2026.",
        [("JPN", 8.8, "JPY trillion", 2026)],
    ),
    # fourth batch: 'announced', 'from 2027' as the start year, 'FY2026', a sign before the amount (₩), 'between 2024
    # and 2030', 'or 4.7% of GDP' as a second figure, 'more than 3%'
    (
        "en",
        "2025-03-04",
        "Canada announced C$2 billion in new defence spending for next year.",
        [("CAN", 2.0, "CAD billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "The UK will spend 2.5% of GDP on defence from 2027, the government said.",
        [("GBR", 2.5, "% GDP", 2027)],
    ),
    (
        "en",
        "2025-03-04",
        "Japan's defense budget for FY2026 will be 8.8 trillion yen.",
        [("JPN", 8.8, "JPY trillion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "The Pentagon's $850 billion budget request for fiscal year 2026 was sent to Congress.",
        [("USA", 850.0, "USD billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Seoul will spend 66.3 trillion won on defense next year.",
        [("KOR", 66.3, "KRW trillion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "South Korea's 2026 defense budget is set at ₩66.3 trillion.",
        [("KOR", 66.3, "KRW trillion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "The Dutch government has decided to raise defence spending to 3.5% of GDP by 2035.",
        [("NLD", 3.5, "% GDP", 2035)],
    ),
    ("en", "2025-03-04", "Britain's defence spending will hit 2.6% of GDP in 2027.", [("GBR", 2.6, "% GDP", 2027)]),
    (
        "en",
        "2025-03-04",
        "Germany's cabinet agreed a defence budget of 82.7 billion euros for 2026.",
        [("DEU", 82.7, "EUR billion", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Romania committed to spending 2.5% of its GDP on defence starting next year.",
        [("ROU", 2.5, "% GDP", 2026)],
    ),
    (
        "en",
        "2025-03-04",
        "Australia's defence budget will reach A$100 billion in 2033-34.",
        [("AUS", 100.0, "AUD billion", 2034)],
    ),
    (
        "en",
        "2025-03-04",
        "France will spend 413 billion euros on its military between 2024 and 2030.",
        [("FRA", 413.0, "EUR billion", 2030)],
    ),
    (
        "en",
        "2025-03-04",
        "Under the new plan, Poland's defence spending will amount to 186.6 billion zlotys in 2025, or 4.7% of GDP.",
        [("POL", 186.6, "PLN billion", 2025), ("POL", 4.7, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "Italy aims to spend 2% of GDP on defence this year, Defence Minister Guido Crosetto said on Tuesday.",
        [("ITA", 2.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "Denmark will raise defence spending to more than 3% of gross domestic product in 2025.",
        [("DNK", 3.0, "% GDP", 2025)],
    ),
    (
        "en",
        "2025-03-04",
        "Japan's government will aim to raise defense-related spending to 2% of GDP by fiscal 2027.",
        [("JPN", 2.0, "% GDP", 2027)],
    ),
    # fifth batch, levels and others' words with no pledge: demands, 'would consider', past doublings, ranks and
    # rises, estimates, 'failing to reach', purchases; a relative clause's plan is the state's pledge
    ("en", "2025-03-04", "Hegseth urged Japan to increase its defense spending.", []),
    ("en", "2025-03-04", "Koizumi said Japan would consider increasing defense spending further.", []),
    ("en", "2025-03-04", "Allies welcomed Germany's decision to increase defence spending.", []),
    ("en", "2025-03-04", "Japan's defense spending has doubled over the past decade.", []),
    ("en", "2025-03-04", "Seoul's defense budget grew 3.6% this year.", []),
    ("en", "2025-03-04", "Germany is expected to become the largest military spender in Europe.", []),
    ("en", "2025-03-04", "Lithuania already spends more than 3% of GDP on defense.", []),
    ("en", "2025-03-04", "Italy's spending is projected to reach 2.1% of GDP in 2026.", []),
    ("en", "2025-03-04", "Canada met the 2% target for the first time last year.", []),
    ("en", "2025-03-04", "Only 23 of NATO's 32 members reached the 2% goal in 2024.", []),
    ("en", "2025-03-04", "Trump has repeatedly criticised allies who fail to spend 2% of GDP on defence.", []),
    ("en", "2025-03-04", "The defence ministry plans to buy 20 F-35 jets worth $2.4 billion.", []),
    ("en", "2025-03-04", "Japan's defense budget has risen for 11 straight years.", []),
    (
        "en",
        "2025-03-04",
        "Poland, which plans to spend 4.7% of GDP on defence this year, is NATO's top spender.",
        [("POL", 4.7, "% GDP", 2025)],
    ),
    ("en", "2025-03-04", "Defense spending in Asia rose 5% last year, the IISS said.", []),
    ("en", "2025-03-04", "The Netherlands has been criticised for failing to reach the 2% target.", []),
    ("en", "2025-03-04", "Spain, which spent 1.28% of GDP on defence last year, is the lowest spender in NATO.", []),
    (
        "en",
        "2025-03-04",
        "Japan will raise defense spending to 2% of GDP by fiscal 2027, up from about 1% in 2022.",
        [("JPN", 2.0, "% GDP", 2027)],
    ),
    # French, Spanish, Italian, Polish: future tenses and intent verbs with a figure, 'budget de défense', demands
    (
        "fr",
        "2025-11-19",
        "La France prévoit de porter son budget de défense à 64 milliards d'euros en 2027, a rappelé la ministre.",
        [("FRA", 64.0, "EUR billion", 2027)],
    ),
    (
        "fr",
        "2025-11-19",
        "Le Royaume-Uni dépensera 2,5 % du PIB pour la défense en 2027.",
        [("GBR", 2.5, "% GDP", 2027)],
    ),
    (
        "fr",
        "2025-11-19",
        "La France va consacrer 3,5 % de son PIB à la défense d'ici 2035.",
        [("FRA", 3.5, "% GDP", 2035)],
    ),
    (
        "es",
        "2025-11-19",
        "España gastará 33.000 millones de euros en defensa en 2026, dijo el Gobierno.",
        [("ESP", 33000.0, "EUR million", 2026)],
    ),
    ("es", "2025-11-19", "Estados Unidos quiere que España gaste el 5 % del PIB en defensa.", []),
    ("it", "2025-11-19", "L'Italia spenderà il 2 % del Pil per la difesa nel 2026.", [("ITA", 2.0, "% GDP", 2026)]),
    ("it", "2025-11-19", "Gli Stati Uniti vogliono che l'Italia spenda il 5 % del Pil per la difesa.", []),
    ("pl", "2025-11-19", "Polska wyda w 2026 r. 200 mld zł na obronę.", [("POL", 200.0, "PLN billion", 2026)]),
    ("en", "2025-03-04", "Analysts expect Japan's defense budget to exceed 9 trillion yen next year.", []),
    ("en", "2025-03-04", "Hegseth said Japan should spend 3.5% of GDP on defense.", []),
]


@pytest.mark.parametrize(("lang", "published", "sentence", "expected"), CASES, ids=[c[2][:40] for c in CASES])
def test_sentence_pledges(lang: str, published: str, sentence: str, expected: list[tuple]) -> None:
    text = "Defence spending\n" + sentence
    [rec] = allied.extract(text, published=published, language=lang)
    got = [(p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert all(text[s["start"] : s["end"]] == s["text"] for p in rec["pledges"] for s in p["evidence"])


def test_a_target_year_is_not_carried_to_another_state() -> None:
    """ "Canada ... by 2030. Germany ... next year" with no publication date: Germany's year stays unknown."""
    text = (
        "Budgets\nCanada will raise its defence spending to 2% of GDP by 2030, the prime minister said.\n"
        "Germany plans to increase its defence budget to 62.4 billion euros next year."
    )
    [rec] = allied.extract(text, language="en")
    got = {p["country"]: p["by"] for p in rec["pledges"]}
    assert got == {"CAN": 2030, "DEU": None}


def test_a_state_budget_year_carries_to_its_next_sentence() -> None:
    text = (
        "Budget\nSouth Korea's Defense Ministry proposed a 2026 defense budget of 66.3 trillion won. "
        "Next year's defense budget is 8.2 percent higher, according to the budget proposal."
    )
    [rec] = allied.extract(text, language="en")
    assert sorted((p["value"], p["by"]) for p in rec["pledges"]) == [(8.2, 2026), (66.3, 2026)]
