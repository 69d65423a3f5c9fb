"""French, Spanish, Italian and Polish: one set of claims about each language, checked on texts written for
these tests (not dev-corpus articles), parametrized over the packs.

Each language says the same things in its own grammar: a trip announced with several stops, a bilateral
meeting over a date range, a phone call, a pledge with a figure and a year, a demand by another state and a
current level (neither is a pledge), a hedged trip (not an event); and its pack agrees with the libraries it
rests on (CLDR month names via babel, dateparser's relative days), and lingua tells the four apart.
"""

from __future__ import annotations

import datetime as dt

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
