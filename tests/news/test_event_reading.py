# ruff: noqa: E501
"""Events told in phrasings no dev article uses, written for this test: each group is one claim about English
news (GUIDELINES §5, §6), with several phrasings of it."""

from __future__ import annotations

import pytest

import allied

PUBLISHED = "2025-03-12"  # a Wednesday


def _events(text: str, published: str | None = PUBLISHED) -> list[dict]:
    [rec] = allied.extract("Title\n" + text, published=published, language="en")
    return rec["events"]


def _day(e: dict) -> str | None:
    return e["date"]["start"] if e["date"] else None


# A call, a teleconference or a conversation between two officials is a meeting (GUIDELINES §5: phone calls).
CALLS = [
    "Japanese Defense Minister Gen Nakatani held a telephone conference with U.S. Defense Secretary Pete Hegseth on Monday.",
    "Japanese Defense Minister Gen Nakatani had a teleconference with U.S. Defense Secretary Pete Hegseth on Monday.",
    "Japanese Defense Minister Gen Nakatani spoke over the phone with U.S. Defense Secretary Pete Hegseth on Monday.",
    "Japanese Defense Minister Gen Nakatani had a conversation with U.S. Defense Secretary Pete Hegseth on Monday.",
    "Japanese Defense Minister Gen Nakatani and U.S. Defense Secretary Pete Hegseth held telephone talks on Monday.",
    "Japanese Defense Minister Gen Nakatani spoke with U.S. Defense Secretary Pete Hegseth by video link on Monday.",
]


@pytest.mark.parametrize("text", CALLS)
def test_a_call_is_a_meeting_of_both_states_on_its_day(text: str) -> None:
    [e] = _events(text)
    assert (e["type"], sorted(e["countries"]), _day(e), e["status"]) == ("meeting", ["JPN", "USA"], "2025-03-10", "occurred")


# The adjective of any state names its officials' nationality, not only the states of the dev articles.
NATIONALITIES = [
    ("Turkish", "Greek", ["GRC", "TUR"]),
    ("Israeli", "Dutch", ["ISR", "NLD"]),
    ("Romanian", "Ukrainian", ["ROU", "UKR"]),
    ("Armenian", "Russian", ["ARM", "RUS"]),
    ("Cambodian", "American", ["KHM", "USA"]),
]


@pytest.mark.parametrize(("a", "b", "states"), NATIONALITIES)
def test_the_adjective_of_a_state_gives_the_officials_country(a: str, b: str, states: list[str]) -> None:
    [e] = _events(f"{a} Defense Minister Arden Kole met his {b} counterpart Tomas Revin in Brussels on Monday to discuss defense cooperation.")
    assert (e["type"], sorted(e["countries"]), _day(e)) == ("meeting", states, "2025-03-10")


# A verb in the past tense dates a weekday backwards and makes the event one that occurred, whatever the verb.
PAST = [
    "On Sunday, U.S. Defense Secretary Pete Hegseth engaged in talks with Israeli Defense Minister Israel Katz.",
    "On Sunday, U.S. Defense Secretary Pete Hegseth conducted talks with Israeli Defense Minister Israel Katz.",
    "U.S. Defense Secretary Pete Hegseth on Sunday talked with Israeli Defense Minister Israel Katz about air defense.",
]


@pytest.mark.parametrize("text", PAST)
def test_a_past_verb_dates_a_weekday_backwards(text: str) -> None:
    [e] = _events(text)
    assert (e["type"], _day(e), e["status"]) == ("meeting", "2025-03-09", "occurred")


# Each predicate has its own tense: a second verb joined by "and" does not re-date the first one's weekday.
SECOND_PREDICATE = [
    ("Turkish Defense Minister Arden Kole and his Greek counterpart Tomas Revin met Monday in Brussels and agreed to hold talks later this month.", "2025-03-10", "occurred"),
    ("Turkish Defense Minister Arden Kole and his Greek counterpart Tomas Revin met on Monday in Brussels and will hold more talks next month.", "2025-03-10", "occurred"),
    ("Turkish Defense Minister Arden Kole and his Greek counterpart Tomas Revin will meet on Friday in Brussels and discussed the agenda by phone.", "2025-03-14", "planned"),
]


@pytest.mark.parametrize(("text", "day", "status"), SECOND_PREDICATE)
def test_a_coordinated_second_verb_keeps_its_own_tense(text: str, day: str, status: str) -> None:
    found = [(_day(e), e["status"]) for e in _events(text) if e["type"] == "meeting" and e["place"]]
    assert (day, status) in found


# A ministry's words inside a title are the title's: the official's state is the adjective before it.
@pytest.mark.parametrize(
    ("title", "state"),
    [("Turkish National Defense Minister", "TUR"), ("Philippine Secretary of National Defense", "PHL"), ("Greek National Defence Minister", "GRC")],
)
def test_a_ministry_inside_a_title_does_not_give_its_own_state(title: str, state: str) -> None:
    [e] = _events(f"{title} Arden Kole met British Defence Secretary John Healey in London on Monday.")
    assert (e["type"], sorted(e["countries"])) == ("meeting", sorted({state, "GBR"}))


# A short quoted term is a name inside the clause, not a quotation that cuts the verb from its day.
@pytest.mark.parametrize("term", ['"two-plus-two"', "“2+2”", '"Quad"'])
def test_a_quoted_term_does_not_cut_a_date_from_its_verb(term: str) -> None:
    text = f"Japanese Defence Minister Gen Nakatani will hold talks with U.S. Defense Secretary Pete Hegseth in a {term} format on Friday to discuss security issues, the ministry said on Wednesday."
    [e] = [e for e in _events(text) if e["type"] == "meeting"]
    assert (_day(e), e["status"]) == ("2025-03-14", "planned")


# Talks told as a possibility are no event (GUIDELINES §4.1: hedged items are left out).
@pytest.mark.parametrize(
    "text",
    [
        "Japanese and Indian defence ministers' talks in Tokyo are on the cards for April, a media report said.",
        "U.S. Defense Secretary Pete Hegseth is open to the possibility of talks with Chinese Defense Minister Dong Jun.",
        "Japan is considering talks between Defense Minister Gen Nakatani and his Chinese counterpart Dong Jun.",
        "Indian Defence Minister Rajnath Singh may meet his Chinese counterpart Dong Jun in Beijing next month.",
    ],
)
def test_talks_told_as_a_possibility_are_no_event(text: str) -> None:
    assert [e for e in _events(text) if e["type"] == "meeting"] == []


def test_an_article_before_a_name_is_no_city() -> None:
    text = "Japanese Defense Minister Shinjiro Koizumi will meet U.S. Defense Secretary Pete Hegseth in Tokyo on Friday, according to The Japan Times."
    places = {(e["place"] or {}).get("name") for e in _events(text)}
    assert places == {"Tokyo"}


# Attending a named ministerial in any aspect of the verb: the forum, dated and placed.
@pytest.mark.parametrize(
    ("verb", "day"),
    [("on Wednesday is taking part in", "2025-03-12"), ("on Monday took part in", "2025-03-10"), ("on Monday joined", "2025-03-10"), ("on Monday attended", "2025-03-10")],
)
def test_taking_part_in_a_ministerial_is_the_forum(verb: str, day: str) -> None:
    events = _events(f"Turkish Defense Minister Arden Kole {verb} a NATO defense ministers meeting in Brussels.")
    assert ("forum", "Brussels", day, "NATO Defence Ministers' Meeting") in [
        (e["type"], (e["place"] or {}).get("name"), _day(e), (e["forum"] or {}).get("name")) for e in events
    ]


# A given name joined by a hyphen is one name, its second part in lower case ("Song Young-moo").
@pytest.mark.parametrize("name", ["Lee Young-moo", "Jeong Kyeong-doo", "Han Min-koo"])
def test_a_hyphenated_given_name_is_read_whole(name: str) -> None:
    [e] = _events(f"South Korean Defense Minister {name} met Japanese Defense Minister Gen Nakatani in Tokyo on Monday.")
    assert name in [a["name"] for a in e["actors"]]


# "X said Friday that he met Y": the meeting took place by the day of the saying, an inferred date; a future
# complement stays undated.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("U.S. Defense Secretary Pete Hegseth said Tuesday that he met Chinese Defense Minister Dong Jun in Kuala Lumpur.", "2025-03-11"),
        ("Chinese Defense Minister Dong Jun told reporters on Tuesday that he had held talks with U.S. Defense Secretary Pete Hegseth.", "2025-03-11"),
        ("U.S. Defense Secretary Pete Hegseth said Tuesday that he will meet Chinese Defense Minister Dong Jun in Kuala Lumpur.", None),
    ],
)
def test_a_past_meeting_reported_on_a_day_is_dated_by_the_report(text: str, day: str | None) -> None:
    [e] = [e for e in _events(text) if e["type"] == "meeting"]
    assert _day(e) == day


def test_the_date_of_a_reported_meeting_is_flagged_inferred() -> None:
    [e] = _events("U.S. Defense Secretary Pete Hegseth said Tuesday that he met Chinese Defense Minister Dong Jun in Kuala Lumpur.")
    assert e["date"] == {"start": "2025-03-11", "end": "2025-03-11", "inferred": True}


# A headline tells a plan with "to" ("Defense chiefs to hold talks"), where a body would say "will".
@pytest.mark.parametrize(
    "title",
    ["Defense chiefs of South Korea, Japan to hold talks in Seoul", "South Korean, Japanese defense ministers to meet in Seoul", "Japanese defense chief set to hold talks in Seoul"],
)
def test_a_headline_infinitive_is_a_plan(title: str) -> None:
    [rec] = allied.extract(
        f"{title}\nSouth Korean Defense Minister Ahn Gyu-back and his Japanese counterpart Gen Nakatani will discuss trilateral cooperation.",
        published=PUBLISHED,
        language="en",
    )
    assert [e["status"] for e in rec["events"] if e["type"] == "meeting"] == ["planned"]


# "The meeting between A and B" names talks, even in a sentence that also tells a forum being hosted.
def test_the_meeting_between_two_officials_is_talks_not_the_forum() -> None:
    text = "The meeting between Defense Minister Ahn Gyu-back and his Japanese counterpart Gen Nakatani comes as Nakatani is set to visit Seoul for the Seoul Defense Dialogue, an annual forum hosted by the ministry."
    meetings = [e for e in _events(text) if e["type"] == "meeting"]
    assert [(sorted(m["countries"]), m["status"]) for m in meetings] == [(["JPN", "KOR"], "planned")]


# A city told as a possessor or a partner stands for its state (metonymy, issue 10): it is no venue.
@pytest.mark.parametrize(
    "text",
    [
        "Japanese Defense Minister Shinjiro Koizumi praised Tokyo's alliance after talks with U.S. Defense Secretary Pete Hegseth on Thursday.",
        "Japanese Defense Minister Shinjiro Koizumi stressed ties with Beijing after talks with Chinese Defense Minister Dong Jun on Thursday.",
    ],
)
def test_a_city_standing_for_its_state_is_no_venue(text: str) -> None:
    [e] = [e for e in _events(text) if e["type"] == "meeting"]
    assert e["place"] is None


# Counterparts named by their states only: one bilateral meeting with each state, unless the talks are joint.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish Defense Minister Arden Kole held separate talks on Monday with his Dutch and U.S. counterparts.", [["NLD", "TUR"], ["TUR", "USA"]]),
        ("Turkish Defense Minister Arden Kole on Monday held bilateral meetings with his counterparts from Greece, Romania and Bulgaria.", [["BGR", "TUR"], ["GRC", "TUR"], ["ROU", "TUR"]]),
        ("Turkish Defense Minister Arden Kole held trilateral talks on Monday with his Romanian and Bulgarian counterparts.", [["BGR", "ROU", "TUR"]]),
    ],
)
def test_counterparts_named_by_state_are_one_meeting_each(text: str, expected: list[list[str]]) -> None:
    found = sorted(sorted(e["countries"]) for e in _events(text) if e["type"] == "meeting")
    assert found == expected
    assert all(_day(e) == "2025-03-10" for e in _events(text) if e["type"] == "meeting")


# One capitalised word after a title of a named state is a surname ("Japanese Defense Minister Kishi"), a weekday is not.
def test_a_lone_surname_after_a_title_is_a_person() -> None:
    [e] = _events("Japanese Defense Minister Kishi held a telephone conference with Indian Defence Minister Rajnath Singh on Monday.")
    assert (sorted(e["countries"]), "Kishi" in [a["name"] for a in e["actors"]]) == (["IND", "JPN"], True)


def test_a_weekday_after_a_title_is_no_surname() -> None:
    events = _events("The Japanese Defense Minister Monday met Indian Defence Minister Rajnath Singh in Tokyo.")
    assert all("Monday" not in [a["name"] for a in e["actors"]] for e in events)


# Leaving for a place is travel; a counterpart of talks told after the trip stays home (visit + meeting).
@pytest.mark.parametrize("verb", ["will leave for", "will travel to", "will fly to"])
def test_a_trip_for_talks_is_a_visit_and_the_talks(verb: str) -> None:
    events = _events(f"Israeli Defense Minister Moshe Ya'alon {verb} Tokyo on Thursday for a meeting with Japanese Defense Minister Gen Nakatani.")
    assert sorted((e["type"], (e["place"] or {}).get("name"), e["status"]) for e in events) == [
        ("meeting", "Tokyo", "planned"),
        ("visit", "Tokyo", "planned"),
    ]
    assert "Moshe Ya'alon" in [a["name"] for e in events for a in e["actors"]]


# A stated length beyond five days stretches the stop from its first day.
@pytest.mark.parametrize(("length", "end"), [("six-day", "2025-03-23"), ("ten-day", "2025-03-27"), ("week-long", "2025-03-24")])
def test_a_stated_trip_length_gives_the_range(length: str, end: str) -> None:
    [e] = _events(f"Japanese Defense Minister Gen Nakatani will make a {length} visit to Australia from next Tuesday.")
    assert (e["date"]["start"], e["date"]["end"]) == ("2025-03-18", end)


# A state named after a topic word, once talks are told, is what they are about, not a stop.
@pytest.mark.parametrize("topic", ["on North Korea", "about Taiwan", "regarding Ukraine"])
def test_a_state_the_talks_are_about_is_no_stop(topic: str) -> None:
    text = f"South Korean Defense Minister Ahn Gyu-back will visit Japan next week for talks with his Japanese counterpart {topic}."
    assert [(e["place"] or {}).get("name") for e in _events(text) if e["type"] == "visit"] == ["Japan"]


# A defense spokesperson told by state only speaks for that state's defense ministry.
@pytest.mark.parametrize("title", ["A Chinese defense spokesperson", "China's defence spokesman"])
def test_a_spokesperson_without_a_name_speaks_for_the_ministry(title: str) -> None:
    [e] = _events(f"{title} on Monday denounced the U.S. arms sale to Taiwan.")
    assert (e["type"], _day(e), [a["kind"] for a in e["actors"]], "CHN" in e["countries"]) == ("statement", "2025-03-10", ["organization"], True)


# "arrived at the Pentagon": after a locative the name is the building, a place; "the Pentagon said" stays the department.
def test_the_pentagon_after_a_locative_is_a_place() -> None:
    events = _events("Australian Defence Minister Richard Marles arrived at the Pentagon on Monday for defense discussions with U.S. Defense Secretary Pete Hegseth.")
    assert {(e["place"] or {}).get("name") for e in events} == {"Pentagon"}
    said = _events("The Pentagon said on Monday that Hegseth will travel to Tokyo next week.")
    assert "United States Department of Defense" in [a["name"] for e in said for a in e["actors"]]


def _events_de(text: str) -> list[dict]:
    [rec] = allied.extract("Titel\n" + text, published=PUBLISHED, language="de")
    return rec["events"]


# German: a call or a talk "with" someone, the verb and its "mit" apart, is a meeting of both states.
@pytest.mark.parametrize(
    "text",
    [
        "Bundesverteidigungsminister Boris Pistorius hat am Montag mit seinem polnischen Amtskollegen Wladyslaw Kosiniak-Kamysz telefoniert.",
        "Bundesverteidigungsminister Boris Pistorius sprach am Montag mit dem polnischen Verteidigungsminister Wladyslaw Kosiniak-Kamysz.",
        "Bundesverteidigungsminister Boris Pistorius hat am Montag mit seinem Amtskollegen aus Polen gesprochen.",
    ],
)
def test_a_german_call_is_a_meeting(text: str) -> None:
    [e] = [e for e in _events_de(text) if e["type"] == "meeting"]
    assert (sorted(e["countries"]), _day(e), e["status"]) == (["DEU", "POL"], "2025-03-10", "occurred")


# A meeting with "the counterpart" of a trip's traveller, told without a subject, is the traveller's.
def test_a_meeting_with_the_counterpart_is_the_travellers() -> None:
    text = "Bundesverteidigungsminister Boris Pistorius reist am Mittwoch nach Polen. Am Donnerstag steht dann in Polen ein Treffen mit dem Amtskollegen Wladyslaw Kosiniak-Kamysz an."
    [m] = [e for e in _events_de(text) if e["type"] == "meeting"]
    assert ("Boris Pistorius" in [a["name"] for a in m["actors"]], _day(m), m["status"]) == (True, "2025-03-13", "planned")


# An initial and its period belong to the name ("Lloyd J. Austin"), in any pack written with Latin letters.
@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_middle_initial_is_part_of_the_name(lang: str) -> None:
    text = {"en": "Defense Minister Arden J. Kole met Japanese Defense Minister Gen Nakatani on Monday.",
            "de": "Verteidigungsminister Arden J. Kole traf am Montag den japanischen Verteidigungsminister Gen Nakatani."}[lang]
    [rec] = allied.extract("T\n" + text, published=PUBLISHED, language=lang)
    assert "Arden J. Kole" in [a["name"] for e in rec["events"] for a in e["actors"]]


def _events_fr(text: str) -> list[dict]:
    [rec] = allied.extract("Titre\n" + text, published=PUBLISHED, language="fr")
    return rec["events"]


# French: a telephone conversation or a meeting announced with "se réunir" is a meeting of both states.
@pytest.mark.parametrize(
    "text",
    [
        "Le ministre turc de la Défense Arden Kole et le secrétaire américain à la Défense Pete Hegseth ont eu une conversation téléphonique lundi.",
        "Le ministre turc de la Défense Arden Kole a eu un échange téléphonique lundi avec le secrétaire américain à la Défense Pete Hegseth.",
        "Le ministre turc de la Défense Arden Kole s'est réuni lundi avec le secrétaire américain à la Défense Pete Hegseth.",
    ],
)
def test_a_french_conversation_is_a_meeting(text: str) -> None:
    [e] = [e for e in _events_fr(text) if e["type"] == "meeting"]
    assert (sorted(e["countries"]), _day(e), e["status"]) == (["TUR", "USA"], "2025-03-10", "occurred")


# An unknown name set off by a comma before its title ("Name, title,") is the title's holder; a sentence's
# opening words ("On Monday, the ... minister") are not.
@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "Arden Kole, Australia's defence minister, met Japanese Defense Minister Gen Nakatani in Tokyo on Monday.", "Arden Kole"),
        ("fr", "Jean-Yves Le Drian, ministre de la Défense, se rendra aux États-Unis où il rencontrera son homologue américain Ashton Carter.", "Jean-Yves Le Drian"),
    ],
)
def test_a_name_in_apposition_before_its_title_is_a_person(lang: str, text: str, name: str) -> None:
    [rec] = allied.extract("T\n" + text, published=PUBLISHED, language=lang)
    assert name in [a["name"] for e in rec["events"] for a in e["actors"]]


@pytest.mark.parametrize("opening", ["On Monday", "In Tokyo", "After Talks"])
def test_opening_words_before_a_title_are_no_name(opening: str) -> None:
    events = _events(f"{opening}, the Turkish defense minister met Greek Defense Minister Nikos Dendias.")
    assert all(opening not in [a["name"] for a in e["actors"]] for e in events)


# "South Korean and Japanese defense chiefs will hold talks": the states of a coordinated defense title take
# part, whether or not their ministers can be named.
@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("South Korean and Japanese defense chiefs will hold talks in Seoul on Friday.", ["JPN", "KOR"]),
        ("Turkish and Greek defense ministers met in Brussels on Monday.", ["GRC", "TUR"]),
    ],
)
def test_a_coordinated_defense_title_names_the_states_of_the_talks(text: str, states: list[str]) -> None:
    [e] = [e for e in _events(text) if e["type"] == "meeting"]
    assert sorted(e["countries"]) == states


# Talks a trip is for take the day told after them ("planning to meet Hegseth in Washington on Thursday"), not
# the trip's own day told before ("will travel to Washington on Monday for talks").
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Japanese Defense Minister Gen Nakatani will visit the United States next week, planning to meet U.S. Defense Secretary Pete Hegseth in Washington on Thursday.", "2025-03-13"),
        ("Japanese Defense Minister Gen Nakatani will travel to Washington on Monday for talks with U.S. Defense Secretary Pete Hegseth.", None),
    ],
)
def test_talks_a_trip_is_for_are_dated_by_their_own_day(text: str, day: str | None) -> None:
    [m] = [e for e in _events(text) if e["type"] == "meeting"]
    assert _day(m) == day


# Two days told apart and joined by a range word are one span; a conjunction joins two days of two events.
@pytest.mark.parametrize(
    ("span", "start", "end"),
    [("from Monday through March 21", "2025-03-17", "2025-03-21"), ("from Monday to Thursday", "2025-03-17", "2025-03-20")],
)
def test_a_range_of_a_weekday_and_a_date_is_one_span(span: str, start: str, end: str) -> None:
    [e] = _events(f"Japanese Defense Minister Gen Nakatani will visit Australia {span}.")
    assert (e["date"]["start"], e["date"]["end"]) == (start, end)


def test_two_stops_on_two_days_stay_two_days() -> None:
    events = _events("Japanese Defense Minister Gen Nakatani will visit Manila on Monday and Canberra on Thursday.")
    assert sorted(((e["place"] or {}).get("name"), _day(e)) for e in events if e["type"] == "visit") == [
        ("Canberra", "2025-03-13"),
        ("Manila", "2025-03-17"),
    ]


# A surname that is an ordinary word of the language (names.ignore_aliases) is read only inside the full name.
@pytest.mark.parametrize(
    "text",
    ["No agreement was announced after the talks in Seoul.", "The Pentagon's No. 3 official spoke in Seoul on Monday."],
)
def test_a_surname_that_is_a_word_is_no_name_alone(text: str) -> None:
    [rec] = allied.extract("Talks\n" + text, published="2025-03-14", language="en")
    assert all("No Kwang" not in " ".join(e["actors"]) for e in rec["events"])


def test_the_full_name_of_an_official_whose_surname_is_a_word_is_read() -> None:
    from allied.news.api import extract_documents

    text = "Talks\nNorth Korean Defense Minister No Kwang Chol spoke in Pyongyang on Monday. No date was set."
    [doc] = extract_documents(text, published="2025-03-14", language="en")
    people = [doc.text[m.span.start : m.span.end] for m in doc.mentions if m.id == "person:no-kwang-chol"]
    assert people == ["No Kwang Chol"]
