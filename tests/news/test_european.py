"""French, Spanish, Italian and Polish: one set of claims about each language, checked on texts written for
these tests (not dev-corpus articles), parametrized over the packs.

Each language says the same things in its own grammar: a trip announced with several stops, a bilateral
meeting over a date range, a phone call, a pledge with a figure and a year, a demand by another state and a
current level (neither is a pledge), a hedged trip (not an event); and its pack agrees with the libraries it
rests on (CLDR month names via babel, dateparser's relative days), and lingua tells the four apart.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import allied
from allied.news.language import detect
from allied.news.lexicon import lexicons

PUBLISHED = "2025-10-27"  # a Monday
TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "trip": (
            "Tournée en Asie\nLe ministre français des Armées Sébastien Lecornu se rendra au Japon le 3 "
            "novembre, puis en Corée du Sud le 5 novembre, a annoncé lundi le ministère des Armées."
        ),
        "meeting": (
            "Rencontre à Paris\nSébastien Lecornu rencontrera son homologue ukrainien Rustem Umerov à Paris "
            "du 18 au 19 janvier 2024 pour des entretiens sur l'artillerie."
        ),
        "call": (
            "Entretien téléphonique\nLe ministre des Armées Sébastien Lecornu s'est entretenu par téléphone "
            "mardi avec son homologue ukrainien Rustem Umerov."
        ),
        "pledge": (
            "Budget\nLa France prévoit de porter ses dépenses de défense à 3,5 % du PIB d'ici 2030, a "
            "annoncé le gouvernement."
        ),
        "demand": (
            "Pression\nLes États-Unis exigent que la France porte ses dépenses de défense à 5 % du PIB d'ici 2035."
        ),
        "current": ("Niveau\nLes dépenses de défense actuelles de la France atteignent 2,1 % du PIB cette année."),
        "hedge": ("Peut-être\nSébastien Lecornu pourrait se rendre au Japon le mois prochain, selon des rumeurs."),
    },
    "es": {
        "trip": (
            "Gira\nLa ministra de Defensa, Margarita Robles, viajará a Letonia el 4 de noviembre y después a "
            "Lituania el 6 de noviembre, ha anunciado el Ministerio de Defensa."
        ),
        "meeting": (
            "Reunión\nEl ministro de Defensa italiano Guido Crosetto se reunirá con su homólogo británico "
            "John Healey en Roma del 2 al 3 de noviembre de 2025."
        ),
        "call": (
            "Llamada\nEl ministro de Defensa italiano Guido Crosetto mantuvo el martes una conversación "
            "telefónica con su homólogo británico John Healey."
        ),
        "pledge": (
            "Presupuesto\nEspaña se compromete a elevar su gasto en defensa al 2,1 % del PIB en 2026, ha "
            "anunciado el Gobierno."
        ),
        "demand": ("Presión\nEstados Unidos exige a España elevar su gasto en defensa al 5 % del PIB en 2035."),
        "current": ("Nivel\nEl gasto en defensa actual de España es del 1,3 % del PIB."),
        "hedge": ("Quizá\nGuido Crosetto podría viajar a Madrid el próximo martes."),
    },
    "it": {
        "trip": (
            "Missione\nIl ministro della Difesa Guido Crosetto si recherà in Giappone il 3 novembre e poi in "
            "Corea del Sud il 5 novembre, ha annunciato il ministero della Difesa."
        ),
        "meeting": (
            "Incontro\nIl ministro della Difesa Guido Crosetto incontrerà il suo omologo britannico John "
            "Healey a Londra dal 2 al 3 novembre 2025."
        ),
        "call": (
            "Telefonata\nIl ministro della Difesa Guido Crosetto ha avuto martedì un colloquio telefonico "
            "con il suo omologo britannico John Healey."
        ),
        "pledge": (
            "Bilancio\nL'Italia si impegna a portare la spesa per la difesa al 2 % del Pil entro il 2028, ha "
            "annunciato il governo."
        ),
        "demand": (
            "Pressioni\nGli Stati Uniti chiedono all'Italia di portare la spesa per la difesa al 5 % del Pil "
            "entro il 2035."
        ),
        "current": ("Livello\nL'attuale spesa per la difesa dell'Italia è pari all'1,5 % del Pil."),
        "hedge": ("Forse\nGuido Crosetto potrebbe recarsi a Tokyo il prossimo martedì."),
    },
    "pl": {
        "trip": (
            "Podróż\nMinister obrony narodowej Władysław Kosiniak-Kamysz odwiedzi Litwę 4 listopada, a "
            "następnie Łotwę 5 listopada, poinformowało Ministerstwo Obrony Narodowej."
        ),
        "meeting": (
            "Spotkanie\nWładysław Kosiniak-Kamysz spotka się z ministrem obrony Ukrainy Rustemem Umerowem w "
            "Warszawie 4.11.2025."
        ),
        "call": (
            "Rozmowa\nWładysław Kosiniak-Kamysz rozmawiał we wtorek telefonicznie z ministrem obrony "
            "Wielkiej Brytanii Johnem Healeyem."
        ),
        "pledge": ("Budżet\nPolska planuje, że wydatki na obronność wyniosą 4,8 proc. PKB w 2026 r."),
        "demand": ("Presja\nStany Zjednoczone żądają, aby wydatki na obronność Polski wyniosły 5 proc. PKB do 2035 r."),
        "current": ("Poziom\nObecne wydatki na obronność Polski wynoszą 4,1 proc. PKB."),
        "hedge": ("Może\nWładysław Kosiniak-Kamysz może odwiedzić Japonię w przyszły wtorek."),
    },
}
# the stops of each trip text, in order
STOPS = {
    "fr": [("FRA", "JPN", "Japan"), ("FRA", "KOR", "South Korea")],
    "es": [("LVA", "Latvia"), ("LTU", "Lithuania")],
    "it": [("ITA", "JPN", "Japan"), ("ITA", "KOR", "South Korea")],
    "pl": [("LTU", "POL", "Lithuania"), ("LVA", "POL", "Latvia")],
}
PLEDGES = {"fr": ("FRA", 3.5, 2030), "es": ("ESP", 2.1, 2026), "it": ("ITA", 2.0, 2028), "pl": ("POL", 4.8, 2026)}
PARAGRAPHS = {
    "fr": "Le ministre des Armées a annoncé mardi un nouveau plan de soutien à l’Ukraine, qui prévoit la livraison "
    "de canons et de munitions avant la fin de l’année.",
    "es": "La ministra de Defensa anunció el martes un nuevo paquete de ayuda a Ucrania que incluye artillería y "
    "munición antes de final de año.",
    "it": "Il ministro della Difesa ha annunciato martedì un nuovo pacchetto di aiuti all’Ucraina che prevede "
    "artiglieria e munizioni entro la fine dell’anno.",
    "pl": "Minister obrony narodowej zapowiedział we wtorek nowy pakiet pomocy dla Ukrainy, który obejmuje "
    "artylerię i amunicję do końca roku.",
}
LANGS = sorted(TEXTS)


def _run(lang: str, kind: str) -> dict:
    [rec] = allied.extract(TEXTS[lang][kind], published=PUBLISHED, language=lang)
    assert not rec.get("error") and not rec.get("reason"), rec
    return rec


@pytest.mark.parametrize("lang", LANGS)
def test_a_trip_with_several_stops_is_one_planned_visit_per_stop(lang: str) -> None:
    visits = [e for e in _run(lang, "trip")["events"] if e["type"] == "visit"]
    assert [(*e["countries"], e["place"]["name"]) for e in visits] == STOPS[lang]
    assert {e["status"] for e in visits} == {"planned"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_bilateral_meeting_has_both_states_and_its_dates(lang: str) -> None:
    [meeting] = _run(lang, "meeting")["events"]
    assert meeting["type"] == "meeting" and len(meeting["countries"]) == 2
    assert meeting["date"] is not None and meeting["date"]["start"] <= meeting["date"]["end"]
    if lang in ("es", "it"):  # "del 2 al 3 de noviembre de 2025", "dal 2 al 3 novembre 2025"
        assert (meeting["date"]["start"], meeting["date"]["end"], meeting["status"]) == (
            "2025-11-02",
            "2025-11-03",
            "planned",
        )


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_call_is_a_meeting_on_the_weekday_told(lang: str) -> None:
    [call] = _run(lang, "call")["events"]
    assert call["type"] == "meeting" and len(call["countries"]) == 2
    day = dt.date.fromisoformat(call["date"]["start"])
    assert day.weekday() == 1 and abs((day - dt.date.fromisoformat(PUBLISHED)).days) < 7


@pytest.mark.parametrize("lang", LANGS)
def test_a_pledge_has_its_state_figure_unit_and_year(lang: str) -> None:
    [p] = _run(lang, "pledge")["pledges"]
    assert (p["country"], p["value"], p["unit"], p["by"]) == (*PLEDGES[lang][:2], "% GDP", PLEDGES[lang][2])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["demand", "current"])
def test_a_demand_by_another_state_or_a_current_level_is_no_pledge(lang: str, kind: str) -> None:
    assert _run(lang, kind)["pledges"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_hedged_trip_is_no_event(lang: str) -> None:
    assert _run(lang, "hedge")["events"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_language_identification_on_one_paragraph(lang: str) -> None:
    assert detect(PARAGRAPHS[lang]) == lang


@pytest.mark.parametrize("lang", LANGS)
def test_relative_days_agree_with_dateparser(lang: str) -> None:
    """The pack's today/tomorrow/yesterday words are dateparser's (its locale data is the maintained list)."""
    from dateparser.languages.loader import default_loader

    data = default_loader.get_locale(lang).info["relative-type"]
    offsets = {"0 day ago": 0, "1 day ago": -1, "in 1 day": 1, "2 day ago": -2, "in 2 day": 2}
    pack = {k.casefold(): v for k, v in lexicons()[lang].table("dates", "relative_days").items()}
    for key, offset in offsets.items():
        for word in data.get(key, []):
            if len(word) > 3:  # dateparser's abbreviations ("wcz") are not running text
                assert pack.get(word.casefold()) == offset, (lang, word)


BASELINES = {
    "fr": "Budget\nLa France prévoit de porter ses dépenses de défense de 2 % à 3,5 % du PIB d'ici 2030.",
    "es": "Gasto\nEspaña se compromete a elevar su gasto en defensa del 2 % al 3,5 % del PIB en 2030.",
    "it": "Spesa\nL'Italia si impegna a portare la spesa per la difesa dal 2 % al 3,5 % del Pil entro il 2030.",
    "pl": "Wydatki\nPolska planuje zwiększyć wydatki na obronność z 2 proc. do 3,5 proc. PKB do 2030 r.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_baseline_is_not_pledged_only_the_target(lang: str) -> None:
    [rec] = allied.extract(BASELINES[lang], published=PUBLISHED, language=lang)
    assert [(p["value"], p["unit"], p["by"]) for p in rec["pledges"]] == [(3.5, "% GDP", 2030)]


@pytest.mark.parametrize(
    ("lang", "text", "pledge"),
    [
        ("es", "Presupuesto\nCorea del Sur aprobó un presupuesto de Defensa de 66,3 billones de wones para 2026.",
         ("KOR", 66.3, "KRW trillion")),  # the long scale: a billón is 10^12
        ("fr", "Budget\nLa France a annoncé que le budget des Armées atteindra 50,5 milliards d'euros en 2026.",
         ("FRA", 50.5, "EUR billion")),
        ("it", "Bilancio\nL'Italia ha approvato un bilancio della Difesa di 31,3 miliardi di euro per il 2026.",
         ("ITA", 31.3, "EUR billion")),
        ("es", "Plan\nEspaña ha aprobado una inversión adicional de 10.471 millones de euros para 2026.",
         ("ESP", 10471.0, "EUR million")),
        ("fr", "Budget\nLa France a annoncé que le budget des Armées atteindra cinquante milliards d'euros en 2026.",
         ("FRA", 50.0, "EUR billion")),  # number words: text2num
        ("es", "Presupuesto\nEspaña ha aprobado un presupuesto de Defensa de doce mil millones de euros para 2026.",
         ("ESP", 12.0, "EUR billion")),
    ],
)  # fmt: skip
def test_scales_and_currencies_as_each_language_writes_them(lang: str, text: str, pledge: tuple) -> None:
    [rec] = allied.extract(text, published=PUBLISHED, language=lang)
    assert [(p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]] == [(*pledge, 2026)]


def test_an_unqualified_office_is_the_outlets_states() -> None:
    """In a Spanish paper "el Ministerio de Defensa" and "la ministra de Defensa, Ana Ruiz" are Spain's (the
    URL's country-code domain); a ministry the reference lacks is an actor under its name as written; a
    person the reference does not know keeps the name as written."""
    from allied.model import Document
    from allied.news.pipeline import default_pipeline

    text = (
        "Reunión\nEl Ministerio de Defensa anunció el lunes que la ministra de Defensa, Ana Ruiz, viajará a "
        "Letonia el próximo martes."
    )
    doc = Document(name="x", text=text, language="es", url="https://example.es/x", published=dt.date(2025, 10, 27))
    default_pipeline().run(doc)
    got = [(e.type, [a.name for a in e.actors], e.countries, e.date.start if e.date else None) for e in doc.events]
    assert got == [
        ("visit", ["Ana Ruiz"], ["ESP", "LVA"], dt.date(2025, 10, 28)),
        ("announcement", ["Ministerio de Defensa"], ["ESP"], dt.date(2025, 10, 27)),
    ]
    doc = Document(name="y", text=text, language="es", published=dt.date(2025, 10, 27))  # no URL, no state
    default_pipeline().run(doc)
    assert [e.countries for e in doc.events] == [["LVA"]]


@pytest.mark.parametrize(
    ("lang", "text", "country"),
    [
        ("fr", "Titre\nLe ministre français des Armées Sébastien Lecornu a parlé.", "FRA"),
        ("it", "Titolo\nIl ministro della Difesa italiano Guido Crosetto ha parlato.", "ITA"),
        ("es", "Título\nEl ministro de Defensa de España habló.", "ESP"),
        ("pl", "Tytuł\nMinister obrony Ukrainy Rustem Umerow przemawiał.", "UKR"),
    ],
)
def test_a_state_after_or_inside_a_title_qualifies_it(lang: str, text: str, country: str) -> None:
    """The word-order switch pack.qualifier_after_noun: 'ministre [français] des Armées', 'ministro della Difesa
    italiano', 'ministro de Defensa de España', 'minister obrony Ukrainy' (genitive)."""
    from allied.model import Document
    from allied.news.pipeline import default_pipeline

    doc = default_pipeline().run(Document(name="t", text=text, language=lang))
    titles = [m for m in doc.mentions if m.kind == "title"]
    assert [(t.country, t.role) for t in titles] == [(country, "defense")]
    assert not [m for m in doc.mentions if m.kind == "state" and m.role == ""]  # no state taken as a place


def _events(lang: str, text: str, published: str = "2025-10-29", url: str | None = None) -> list:
    """The events of ``text`` (a title line is added) as (type, status, actor names, countries, place, start,
    end) tuples; ``published`` 2025-10-29 is a Wednesday."""
    from allied.model import Document
    from allied.news.pipeline import default_pipeline

    doc = Document(name="t", text="Titre\n" + text, language=lang, url=url, published=dt.date.fromisoformat(published))
    default_pipeline().run(doc)
    assert doc.error is None and doc.reason is None
    return [
        (
            e.type,
            e.status,
            sorted(a.name for a in e.actors),
            e.countries,
            e.place.name if e.place else None,
            str(e.date.start) if e.date else None,
            str(e.date.end) if e.date else None,
        )
        for e in doc.events
    ]


# "the day before" / "the next day" count from the day told just before, not from the publication date
CHAINED = {
    "fr": "Guido Crosetto s'est entretenu le 24 octobre à Berlin avec Boris Pistorius. La veille, il avait "
    "rencontré à Varsovie Władysław Kosiniak-Kamysz.",
    "es": "Guido Crosetto se reunió el 24 de octubre en Berlín con Boris Pistorius. El día anterior, se había "
    "reunido en Varsovia con Władysław Kosiniak-Kamysz.",
    "it": "Guido Crosetto ha incontrato il 24 ottobre a Berlino Boris Pistorius. Il giorno prima aveva "
    "incontrato a Varsavia Władysław Kosiniak-Kamysz.",
    "pl": "Guido Crosetto spotkał się 24 października w Berlinie z Borisem Pistoriusem. Dzień wcześniej "
    "spotkał się w Warszawie z Władysławem Kosiniakiem-Kamyszem.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_day_before_counts_from_the_day_told_before(lang: str) -> None:
    got = [(e[0], e[2], e[4], e[5]) for e in _events(lang, CHAINED[lang])]
    assert got == [
        ("meeting", ["Boris Pistorius", "Guido Crosetto"], "Berlin", "2025-10-24"),
        ("meeting", ["Guido Crosetto", "Władysław Kosiniak-Kamysz"], "Warsaw", "2025-10-23"),
    ]


# a trip with a date before each stop, the second one "the next day"
NEXT_DAY = {
    "fr": "Guido Crosetto se rendra le 3 novembre à Londres, puis le lendemain à Berlin.",
    "es": "Guido Crosetto viajará el 3 de noviembre a Londres y al día siguiente a Berlín.",
    "it": "Guido Crosetto si recherà il 3 novembre a Londra e il giorno dopo a Berlino.",
    "pl": "Guido Crosetto poleci 3 listopada do Londynu, a następnego dnia do Berlina.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_each_stop_takes_the_date_told_before_it(lang: str) -> None:
    got = [(e[0], e[1], e[4], e[5]) for e in _events(lang, NEXT_DAY[lang])]
    assert got == [("visit", "planned", "London", "2025-11-03"), ("visit", "planned", "Berlin", "2025-11-04")]


# a day and month without a year: the tense puts it after (future) or before (past) the publication date
YEARLESS = {
    "fr": ("Guido Crosetto se rendra à Bruxelles du 12 au 13 février.", "Guido Crosetto s'est rendu à Bruxelles "
           "le 30 décembre."),
    "es": ("Guido Crosetto viajará a Bruselas del 12 al 13 de febrero.", "Guido Crosetto viajó a Bruselas el 30 "
           "de diciembre."),
    "it": ("Guido Crosetto si recherà a Bruxelles dal 12 al 13 febbraio.", "Guido Crosetto si è recato a Bruxelles "
           "il 30 dicembre."),
    "pl": ("Guido Crosetto poleci do Brukseli 12-13 lutego.", "Guido Crosetto poleciał do Brukseli 30 grudnia."),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_day_without_a_year_is_on_the_side_of_its_tense(lang: str) -> None:
    future, past = YEARLESS[lang]
    assert [(e[1], e[5], e[6]) for e in _events(lang, future)] == [("planned", "2026-02-12", "2026-02-13")]
    assert [(e[1], e[5]) for e in _events(lang, past, published="2026-01-02")] == [("occurred", "2025-12-30")]


# a language that drops its subjects goes on with the person told last; French says "il"
PRO_DROP = {
    "fr": "Guido Crosetto est arrivé lundi à Kiev. Le lendemain, il a rencontré Rustem Umerov.",
    "es": "Guido Crosetto llegó el lunes a Kiev. Al día siguiente, se reunió con Rustem Umerov.",
    "it": "Guido Crosetto è arrivato lunedì a Kiev. Il giorno dopo ha incontrato Rustem Umerov.",
    "pl": "Guido Crosetto przyleciał w poniedziałek do Kijowa. Następnego dnia spotkał się z Rustemem Umerowem.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_next_sentence_goes_on_with_the_traveller(lang: str) -> None:
    got = [(e[0], e[1], e[2], e[3], e[4], e[5]) for e in _events(lang, PRO_DROP[lang])]
    assert got == [
        ("visit", "occurred", ["Guido Crosetto"], ["ITA", "UKR"], "Kyiv", "2025-10-27"),
        ("meeting", "occurred", ["Guido Crosetto", "Rustem Umerov"], ["ITA", "UKR"], None, "2025-10-28"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Polish inflects every word of a name and of a place: instrumental, genitive, locative
        ("Władysław Kosiniak-Kamysz spotkał się wczoraj w Warszawie z Borisem Pistoriusem.",
         (["Boris Pistorius", "Władysław Kosiniak-Kamysz"], "Warsaw")),
        ("Boris Pistorius rozmawiał w Brukseli z Rustemem Umerowem.",
         (["Boris Pistorius", "Rustem Umerov"], "Brussels")),
        ("Władysław Kosiniak-Kamysz przyleciał w poniedziałek do Kijowa.", (["Władysław Kosiniak-Kamysz"], "Kyiv")),
        ("Władysław Kosiniak-Kamysz uda się w przyszłym tygodniu do Waszyngtonu.", (["Władysław Kosiniak-Kamysz"],
                                                                                   "Washington")),
    ],
)  # fmt: skip
def test_polish_names_and_places_are_read_in_every_case(text: str, names: tuple) -> None:
    [e] = _events("pl", text)
    assert (e[2], e[4]) == names


def test_a_title_before_a_name_refers_to_no_one_told_before() -> None:
    """ "Minister obrony narodowej X uda się ... do Waszyngtonu, gdzie spotka się z Y": X travels, Y hosts; the
    title is X's, not a word for the last person told."""
    text = (
        "Minister obrony narodowej Władysław Kosiniak-Kamysz uda się w przyszłym tygodniu do Waszyngtonu, gdzie "
        "spotka się z sekretarzem obrony USA Pete'em Hegsethem."
    )
    got = [(e[0], e[1], e[2], e[4], e[5], e[6]) for e in _events("pl", text)]
    assert got == [
        ("visit", "planned", ["Władysław Kosiniak-Kamysz"], "Washington", "2025-11-03", "2025-11-09"),
        ("meeting", "planned", ["Pete Hegseth", "Władysław Kosiniak-Kamysz"], "Washington", "2025-11-03", "2025-11-09"),
    ]


# One trip told in five languages, each in its own way: a weekday or a day and month, the counterpart by name or
# as "son homologue polonais", Polish names and places in the instrumental and genitive; and a sixth report
# that names only the country and no day.
MERGE_PUBLISHED = "2025-11-03"  # a Monday
MERGE_TEXTS = {
    "en": "Crosetto to visit Warsaw\nItalian Defense Minister Guido Crosetto will travel to Warsaw on Tuesday, "
    "where he will meet Polish Defense Minister Władysław Kosiniak-Kamysz to discuss air defense.",
    "fr": "Crosetto à Varsovie\nLe ministre italien de la Défense Guido Crosetto se rendra mardi à Varsovie, où il "
    "rencontrera son homologue polonais Władysław Kosiniak-Kamysz pour évoquer la défense aérienne.",
    "es": "Crosetto viaja a Varsovia\nEl ministro de Defensa italiano, Guido Crosetto, viajará el 4 de noviembre a "
    "Varsovia, donde se reunirá con su homólogo polaco, Władysław Kosiniak-Kamysz, para hablar de defensa aérea.",
    "it": "Crosetto a Varsavia\nIl ministro della Difesa Guido Crosetto si recherà martedì 4 novembre a Varsavia, "
    "dove incontrerà il suo omologo polacco Władysław Kosiniak-Kamysz per discutere di difesa aerea.",
    "pl": "Crosetto w Warszawie\nMinister obrony Włoch Guido Crosetto przyleci we wtorek do Warszawy, gdzie spotka "
    "się z wicepremierem, szefem MON Władysławem Kosiniakiem-Kamyszem. Rozmowy będą dotyczyć obrony powietrznej.",
    "fr2": "Crosetto en Pologne\nLe ministre italien de la Défense Guido Crosetto se rendra en Pologne, a annoncé "
    "son ministère.",
}


def test_one_trip_reported_in_five_languages_is_one_visit_and_one_meeting_in_the_store(tmp_path: Path) -> None:
    paths = []
    for name, text in MERGE_TEXTS.items():
        lang = name[:2]
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = {"published": MERGE_PUBLISHED, "language": lang}
        (tmp_path / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(tmp_path / f"{name}.txt")
    for rec in allied.extract(paths[:5]):  # every report on its own reads the same two events
        assert [(e["type"], e["place"]["name"], e["date"]["start"], e["status"]) for e in rec["events"]] == [
            ("visit", "Warsaw", "2025-11-04", "planned"),
            ("meeting", "Warsaw", "2025-11-04", "planned"),
        ], rec["doc"]
    db = tmp_path / "store"
    allied.ingest(paths, db=db)
    events = allied.events(person="Guido Crosetto", db=db)
    got = sorted(
        (e["type"], e["place"]["name"], e["date"]["start"], sorted({s["language"] for s in e["sources"]}))
        for e in events
    )
    assert got == [
        ("meeting", "Warsaw", "2025-11-04", ["en", "es", "fr", "it", "pl"]),
        ("visit", "Warsaw", "2025-11-04", ["en", "es", "fr", "it", "pl"]),
    ]
    [visit] = [e for e in events if e["type"] == "visit"]
    assert len(visit["sources"]) == 6  # the country-level, undated French report is the same trip
    [meeting] = [e for e in events if e["type"] == "meeting"]
    assert {a["name"] for a in meeting["actors"]} == {"Guido Crosetto", "Władysław Kosiniak-Kamysz"}
    assert meeting["countries"] == ["ITA", "POL"]


@pytest.mark.parametrize(
    ("lang", "text", "forum"),
    [
        # the word for a summit stands before the organisation's name, with or without "of the"
        ("fr", "Guido Crosetto participera au sommet de l'OTAN à La Haye les 24 et 25 juin.", "NATO Summit"),
        ("es", "Guido Crosetto participará en la cumbre de la OTAN en La Haya los días 24 y 25 de junio.",
         "NATO Summit"),
        ("it", "Guido Crosetto parteciperà al vertice NATO a Vilnius l'11 e il 12 luglio.", "NATO Summit"),
        ("pl", "Władysław Kosiniak-Kamysz weźmie udział w szczycie NATO w Waszyngtonie 9-11 lipca.", "NATO Summit"),
        # a ministers' meeting of the organisation is its ministerial forum of the reference model
        ("fr", "Guido Crosetto participera à la réunion des ministres de la Défense de l'OTAN à Bruxelles le "
         "12 février.", "NATO Defence Ministers' Meeting"),
        ("it", "Guido Crosetto parteciperà dal 12 al 13 febbraio alla riunione dei ministri della Difesa della "
         "NATO a Bruxelles.", "NATO Defence Ministers' Meeting"),
        ("pl", "Władysław Kosiniak-Kamysz weźmie udział w spotkaniu ministrów obrony NATO w Brukseli 12-13 lutego.",
         "NATO Defence Ministers' Meeting"),
        ("es", "Los ministros de Defensa de la OTAN se reunirán el 12 de febrero en Bruselas.",
         "NATO Defence Ministers' Meeting"),
    ],
)  # fmt: skip
def test_forums_named_in_the_languages_word_order(lang: str, text: str, forum: str) -> None:
    from allied.model import Document
    from allied.news.pipeline import default_pipeline

    doc = Document(name="t", text="Titre\n" + text, language=lang, published=dt.date(2025, 5, 28))
    default_pipeline().run(doc)
    forums = {e.forum.name for e in doc.events if e.forum}
    assert forums == {forum}
    [ev] = [e for e in doc.events if e.type == "forum"]
    assert ev.status == "planned" and ev.place is not None and ev.date is not None


@pytest.mark.parametrize(
    ("lang", "text", "url"),
    [
        ("fr", "La ministre française des Armées est attendue mercredi à Kiev.", None),
        ("fr", "La ministre des Armées se rendra mercredi à Kiev.", "https://www.example.fr/a"),  # the outlet's state
    ],
)
def test_a_title_of_a_state_is_its_one_minister_in_office(lang: str, text: str, url: str | None) -> None:
    """GUIDELINES §9: a role is resolved to a person when it is unambiguous: one defense minister of France
    held office on 29 October 2025 (the reference's terms)."""
    assert _events(lang, text, url=url) == [
        ("visit", "planned", ["Catherine Vautrin"], ["FRA", "UKR"], "Kyiv", "2025-10-29", "2025-10-29")
    ]


def test_a_polish_year_abbreviation_ends_no_sentence_and_a_past_level_is_no_pledge() -> None:
    """ "w 2026 r. 4,8 proc.": "r." (roku) is an abbreviation; "W 2025 r. plan zakładał ... 4,7 proc." told in 2025
    is the level the 2026 target is compared with."""
    text = (
        "Budżet\nPolska przeznaczy w 2026 r. 4,8 proc. PKB na obronność – zapowiedział premier Donald Tusk. "
        "W 2025 r. plan zakładał, że na obronność pójdą środki o równowartości 4,7 proc. PKB."
    )
    [rec] = allied.extract(text, published="2025-08-28", language="pl")
    assert [(p["country"], p["value"], p["unit"], p["by"]) for p in rec["pledges"]] == [("POL", 4.8, "% GDP", 2026)]


HOSTING = {
    "fr": "Guido Crosetto accueillera à Rome Boris Pistorius le 4 novembre.",
    "es": "Guido Crosetto recibirá en Roma a Boris Pistorius el 4 de noviembre.",
    "it": "Guido Crosetto riceverà a Roma Boris Pistorius il 4 novembre.",
    "pl": "Guido Crosetto przyjmie w Rzymie Borisa Pistoriusa 4 listopada.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_host_receiving_a_guest_is_the_guests_visit_and_their_meeting(lang: str) -> None:
    """The guest travels to the host's city (a visit, GUIDELINES §5) and they meet there; the host's presence
    does not make the trip a joint site visit folded into the meeting."""
    assert [(e[0], e[2], e[4], e[5]) for e in _events(lang, HOSTING[lang])] == [
        ("visit", ["Boris Pistorius"], "Rome", "2025-11-04"),
        ("meeting", ["Boris Pistorius", "Guido Crosetto"], "Rome", "2025-11-04"),
    ]


SIGNED = {
    "fr": "Le Premier ministre britannique Keir Starmer et le chancelier allemand Friedrich Merz ont parlé de "
    "dissuasion. La déclaration, signée jeudi par Starmer et Merz, renforce la dissuasion.",
    "es": "El primer ministro británico, Keir Starmer, y el canciller alemán, Friedrich Merz, hablaron de disuasión. "
    "La declaración, firmada el jueves por Starmer y Merz, refuerza la disuasión.",
    "it": "Il primo ministro britannico Keir Starmer e il cancelliere tedesco Friedrich Merz hanno parlato di "
    "deterrenza. La dichiarazione, firmata giovedì da Starmer e Merz, rafforza la deterrenza.",
    "pl": "Premier Wielkiej Brytanii Keir Starmer i kanclerz Niemiec Friedrich Merz rozmawiali o odstraszaniu. "
    "Deklaracja podpisana w czwartek przez Starmera i Merza wzmacnia odstraszanie.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_leaders_the_reference_does_not_know_are_found_again_by_surname_and_signing_together_is_meeting(
    lang: str,
) -> None:
    """Names introduced by a title ("le Premier ministre britannique Keir Starmer") are the same people where
    the surname stands alone; officials of two states who sign one declaration met."""
    meetings = [e for e in _events(lang, SIGNED[lang]) if e[0] == "meeting"]
    assert [(e[1], e[2], e[3], e[5]) for e in meetings] == [
        ("occurred", ["Friedrich Merz", "Keir Starmer"], ["DEU", "GBR"], "2025-10-23")
    ]


def test_a_verb_that_receives_a_guest_is_no_verb_of_saying_for_the_day_beside_it() -> None:
    """Polish "przyjął" receives a guest (and adopts a budget): "przyjął we wtorek w Warszawie ministra" dates the
    visit and the meeting, not a communication."""
    text = "Władysław Kosiniak-Kamysz przyjął we wtorek w Warszawie Borisa Pistoriusa."
    assert [(e[0], e[2], e[4], e[5]) for e in _events("pl", text)] == [
        ("visit", ["Boris Pistorius"], "Warsaw", "2025-10-28"),
        ("meeting", ["Boris Pistorius", "Władysław Kosiniak-Kamysz"], "Warsaw", "2025-10-28"),
    ]
