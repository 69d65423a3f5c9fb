# ruff: noqa: E501
"""Events read from short news texts written for this test, one claim about English news each (GUIDELINES §4,
§5, §9): a verb of travel or hosting, a summit named by its alliance, a speech at a forum, a date told for a
communication that does not date the trip, counterparts told apart, a stated length, and what is no event."""

from __future__ import annotations

import pytest

import allied

PUBLISHED = "2025-03-12"  # a Wednesday

# (text, [(type, place or None, start or None, end or None, status, forum or None)]) — exactly these events
CASES = [
    (
        "Call\nGerman Defence Minister Boris Pistorius spoke by phone with his Ukrainian counterpart Rustem Umerov on Monday about air defence deliveries.",
        [("meeting", None, "2025-03-10", "2025-03-10", "occurred", None)],
    ),
    (
        "Summit\nNATO leaders will gather in The Hague on June 24-25 for the alliance's annual summit, Secretary General Mark Rutte said on Tuesday.",
        [("forum", "The Hague", "2025-06-24", "2025-06-25", "planned", "NATO Summit")],
    ),
    (
        "Protest\nChina's Defense Ministry spokesperson Zhang Xiaogang on Wednesday condemned the U.S. arms sale to Taiwan and urged Washington to stop.",
        # a ministry's protest on a day is a statement; no trip from "a sale to Taiwan", "urged ... to stop"
        [("statement", None, "2025-03-12", "2025-03-12", "occurred", None)],
    ),
    (
        "Invitation\nVietnamese Defense Minister Phan Van Giang invited Hegseth to visit Hanoi at a convenient time.",
        [],
    ),
    (
        "Shangri-La\nHegseth delivered a keynote speech at the Shangri-La Dialogue in Singapore on Saturday, warning of a threat from China.",
        [("forum", "Singapore", "2025-03-08", "2025-03-08", "occurred", "Shangri-La Dialogue")],
    ),
    (
        "Tokyo\nTokyo's alliance with Washington is the cornerstone of regional security, Japanese officials said, as Marles prepared to fly to Tokyo next week.",
        [("visit", "Tokyo", "2025-03-17", "2025-03-23", "planned", None)],
    ),
    (
        "Talks in Berlin\nPistorius hosted French Armed Forces Minister Sébastien Lecornu in Berlin on Monday.",
        [  # the guest travelled: a visit, and the talks
            ("visit", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
            ("meeting", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
        ],
    ),
    (
        "Trip\nAustralian Defence Minister Richard Marles will travel to Washington and Ottawa later this month, his office said in a statement on Wednesday.",
        [("visit", "Washington", None, None, "planned", None), ("visit", "Ottawa", None, None, "planned", None)],
    ),
    (
        "Visit\nPolish Defence Minister Wladyslaw Kosiniak-Kamysz paid a two-day visit to Kyiv starting on Monday, where he met Ukrainian President Volodymyr Zelensky.",
        [
            ("visit", "Kyiv", "2025-03-10", "2025-03-11", "occurred", None),
            ("meeting", "Kyiv", "2025-03-10", "2025-03-10", "occurred", None),
        ],
    ),
    (
        "Earlier\nHegseth visited Japan in March, when he met Nakatani. He will return to Tokyo on Friday for talks with Prime Minister Shigeru Ishiba.",
        [
            ("visit", "Japan", None, None, "occurred", None),
            ("meeting", "Japan", None, None, "occurred", None),  # held at the stop told with it
            ("visit", "Tokyo", "2025-03-14", "2025-03-14", "planned", None),
            ("meeting", "Tokyo", None, None, "planned", None),
        ],
    ),
    (
        "Pentagon\nThe Pentagon announced on Tuesday that Defense Secretary Pete Hegseth will travel to Brussels next month for a meeting of NATO defence ministers.",
        [
            ("visit", "Brussels", None, None, "planned", None),  # the announcement's day does not date the trip
            ("announcement", None, "2025-03-11", "2025-03-11", "occurred", None),
        ],
    ),
    (
        "2+2\nJapan and Australia will hold a 2+2 meeting of foreign and defence ministers in Tokyo on Friday.",
        [("meeting", "Tokyo", "2025-03-14", "2025-03-14", "planned", None)],  # named states, no named people
    ),
    ("Compare\nLike his predecessor, who visited Kyiv in 2023, the minister is a strong supporter of Ukraine.", []),
    ("Institute\nThe Wellington Koo Institute in Taipei published a report on Taiwan's defence spending on Monday.", []),
    ("Exercise\nU.S. and Philippine forces began their annual Balikatan exercise on Monday, with 14,000 troops taking part.", []),
    (
        "Arrival\nItalian Defence Minister Guido Crosetto arrived in Washington on Sunday for a three-day visit.",
        [("visit", "Washington", "2025-03-09", "2025-03-11", "occurred", None)],
    ),
    (
        "Briefing\nAt a press conference in Tokyo on Tuesday, Defense Minister Gen Nakatani told reporters that Japan would strengthen its missile defenses.",
        [("statement", None, "2025-03-11", "2025-03-11", "occurred", None)],  # told, not the reported "would"
    ),
    (
        "Talks and remarks\nPistorius hosted French Armed Forces Minister Sébastien Lecornu in Berlin on Monday. At a joint press conference after the talks, the two ministers told reporters that the tank programme was on track.",
        [  # the press conference folds into the talks it reports
            ("visit", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
            ("meeting", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
        ],
    ),
    (
        "Sidelines\nOn the sidelines of the NATO defence ministers' meeting in Brussels on Thursday, Pistorius met Hegseth for their first talks.",
        # the gathering on whose sidelines they met is the meeting's forum (GUIDELINES §6, §9)
        [("meeting", "Brussels", "2025-03-06", "2025-03-06", "occurred", "NATO Defence Ministers' Meeting")],
    ),
]


GERMAN = [
    (
        "Besuch\nVerteidigungsminister Boris Pistorius ist am Montag zu einem zweitägigen Besuch in Litauen eingetroffen.",
        [("visit", "Lithuania", "2025-03-10", "2025-03-11", "occurred", None)],  # Perfekt: past, so last Monday
    ),
    (
        "Telefonat\nPistorius telefonierte am Dienstag mit seinem amerikanischen Amtskollegen Pete Hegseth.",
        [("meeting", None, "2025-03-11", "2025-03-11", "occurred", None)],
    ),
    (
        "Empfang\nPistorius empfing seinen französischen Amtskollegen Sébastien Lecornu am Montag in Berlin.",
        [
            ("visit", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
            ("meeting", "Berlin", "2025-03-10", "2025-03-10", "occurred", None),
        ],
    ),
    (
        "Kritik\nDas chinesische Verteidigungsministerium kritisierte am Mittwoch die Waffenlieferungen an Taiwan scharf.",
        [("statement", None, "2025-03-12", "2025-03-12", "occurred", None)],
    ),
    (
        "Absage\nPistorius hat seine für nächste Woche geplante Reise nach Japan abgesagt.",
        [("visit", "Japan", "2025-03-17", "2025-03-23", "cancelled", None)],
    ),
    (
        "Gipfel\nDie Staats- und Regierungschefs der Nato treffen sich am 24. und 25. Juni in Den Haag zum Gipfel.",
        [("forum", "The Hague", "2025-06-24", "2025-06-25", "planned", "NATO Summit")],
    ),
    (
        "Rede\nPistorius hielt am Samstag eine Rede auf der Münchner Sicherheitskonferenz.",
        [("forum", None, "2025-03-08", "2025-03-08", "occurred", "Munich Security Conference")],
    ),
    (
        "Reise\nHegseth besucht nächste Woche Südkorea.",  # "besucht" is present tense, not a participle
        [("visit", "South Korea", "2025-03-17", "2025-03-23", "planned", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GERMAN, ids=[c[0].split("\n")[0] for c in GERMAN])
def test_events_of_a_german_text(text: str, expected: list[tuple]) -> None:
    [rec] = allied.extract(text, published=PUBLISHED, language="de")
    assert sorted(map(_row, rec["events"]), key=str) == sorted(expected, key=str)


def _row(e: dict) -> tuple:
    d = e.get("date") or {}
    return (
        e["type"],
        (e.get("place") or {}).get("name"),
        d.get("start"),
        d.get("end"),
        e["status"],
        (e.get("forum") or {}).get("name"),
    )


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0].split("\n")[0] for c in CASES])
def test_events_of_a_text(text: str, expected: list[tuple]) -> None:
    [rec] = allied.extract(text, published=PUBLISHED, language="en")
    assert sorted(map(_row, rec["events"]), key=str) == sorted(expected, key=str)


def test_two_meetings_with_other_counterparts_stay_two() -> None:
    text = next(t for t, _ in CASES if t.startswith("Earlier"))
    [rec] = allied.extract(text, published=PUBLISHED, language="en")
    meetings = [e for e in rec["events"] if e["type"] == "meeting"]
    assert sorted(sorted(a["name"] for a in m["actors"]) for m in meetings) == [
        ["Gen Nakatani", "Pete Hegseth"],
        ["Pete Hegseth", "Shigeru Ishiba"],
    ]


def test_a_title_naming_the_states_of_the_talks_the_text_tells_is_those_talks() -> None:
    text = (
        "Defense chiefs of Korea, U.S. to hold annual security talks\n"
        "South Korean Defense Minister Ahn Gyu-back and U.S. Defense Secretary Pete Hegseth will meet in Seoul on "
        "Nov. 4 for the annual security talks."
    )
    [rec] = allied.extract(text, published="2025-10-28", language="en")
    [meeting] = [e for e in rec["events"] if e["type"] == "meeting"]
    assert meeting["date"]["start"] == "2025-11-04" and len(meeting["evidence"]) == 2


# (published, text, expected events as in CASES): a dateline's place, agreeing and discussing as talks, a summit
# told with a place and a future week, a meeting on the sidelines of a multilateral forum
DATED = [
    (
        "2025-10-28",
        "Hegseth to visit Seoul\nWASHINGTON (Reuters) - U.S. Defense Secretary Pete Hegseth will travel to South Korea next week for the annual Security Consultative Meeting with South Korean Defense Minister Ahn Gyu-back, the Pentagon said on Tuesday.",
        [  # the dateline names where the report was filed: nobody travels to Washington; the dated saying is an announcement
            ("visit", "Seoul", "2025-11-03", "2025-11-09", "planned", None),
            ("meeting", "South Korea", "2025-11-03", "2025-11-09", "planned", "Security Consultative Meeting"),
            ("announcement", "Washington", "2025-10-28", "2025-10-28", "occurred", None),
        ],
    ),
    (
        "2025-10-28",
        "US, Japan defence chiefs meet in Tokyo\nTOKYO - U.S. Defense Secretary Pete Hegseth and Japanese Defense Minister Shinjiro Koizumi agreed on Wednesday to speed up joint missile production. The two ministers also discussed China's military activities near Taiwan.",
        [("meeting", "Tokyo", "2025-10-22", "2025-10-22", "occurred", None)],  # past tense: the Wednesday before
    ),
    (
        "2025-06-20",
        "NATO\nNATO Secretary General Mark Rutte said on Tuesday that allies would agree to the new spending target at the summit in The Hague next week.",
        [("forum", "The Hague", "2025-06-23", "2025-06-29", "planned", "NATO Summit")],
    ),
    (
        "2025-11-03",
        "Talks\nChinese Defense Minister Dong Jun held talks with Hegseth on the sidelines of the ASEAN Defence Ministers' Meeting-Plus in Kuala Lumpur on Saturday.",
        [("meeting", "Kuala Lumpur", "2025-11-01", "2025-11-01", "occurred", "ADMM-Plus")],
    ),
    (
        "2025-10-28",
        "Vilnius\nGerman Defence Minister Boris Pistorius flew into Vilnius on Tuesday to meet his Lithuanian counterpart Dovile Sakaliene.",
        [  # the talks are the trip's purpose: told, not dated
            ("visit", "Vilnius", "2025-10-28", "2025-10-28", "occurred", None),
            ("meeting", "Vilnius", None, None, "occurred", None),
        ],
    ),
    (
        "2025-10-28",
        "Asia trip\nHegseth landed in Manila on Monday, the first stop of an Asia trip that will also take him to Japan.",
        [  # the stop told in the future clause is planned and not dated by the landing
            ("visit", "Manila", "2025-10-27", "2025-10-27", "occurred", None),
            ("visit", "Japan", None, None, "planned", None),
        ],
    ),
    (
        "2025-10-31",
        "Memorandum\nKoizumi and Hegseth signed a memorandum on joint missile production in Tokyo on Tuesday.",
        [("meeting", "Tokyo", "2025-10-28", "2025-10-28", "occurred", None)],  # signing together is meeting
    ),
    (
        "2025-10-31",
        "Call\nHegseth spoke with Japanese Defense Minister Shinjiro Koizumi on Monday about China.",
        [("meeting", None, "2025-10-27", "2025-10-27", "occurred", None)],
    ),
    (
        "2025-10-31",
        "Summit\nLee Jae-myung and Donald Trump held a summit in Gyeongju on Wednesday and agreed that Seoul would build nuclear-powered submarines.",
        [("meeting", "Gyeongju", "2025-10-29", "2025-10-29", "occurred", None)],  # a summit of two is talks
    ),
    (
        "2025-10-31",
        "Courtesy call\nKoizumi paid a courtesy call on Philippine President Ferdinand Marcos Jr. in Manila on Friday.",
        [("meeting", "Manila", "2025-10-31", "2025-10-31", "occurred", None)],
    ),
    (
        "2025-10-31",
        "Hanoi\nU.S. Defense Secretary Pete Hegseth left for Hanoi on Sunday.",
        [("visit", "Hanoi", "2025-10-26", "2025-10-26", "occurred", None)],
    ),
    (
        "2025-10-31",
        "Guam\nHegseth touched down in Guam on Saturday, his first stop.",
        [("visit", "Guam", "2025-10-25", "2025-10-25", "occurred", None)],  # past: the Saturday before
    ),
    (
        "2025-11-02",
        "Video call\nU.S. and Chinese defense chiefs held a video call on Friday, the first since 2022.",
        [("meeting", None, "2025-10-31", "2025-10-31", "occurred", None)],  # each state's one minister in office
    ),
    (
        "2025-11-02",
        "Trilateral\nJapan, the United States and the Philippines held their first trilateral defense ministers' meeting on the sidelines of the Shangri-La Dialogue on Sunday.",
        [("meeting", None, "2025-11-02", "2025-11-02", "occurred", "Shangri-La Dialogue")],
    ),
    (
        "2025-11-02",
        "2+2\nThe Japan-Australia 2+2 meeting was held in Tokyo on Monday.",
        [("meeting", "Tokyo", "2025-10-27", "2025-10-27", "occurred", None)],  # GUIDELINES §9: a 2+2 has no forum
    ),
    (
        "2025-11-02",
        "Talks\nUS-Japan defense talks were held in Tokyo on Tuesday.",
        [("meeting", "Tokyo", "2025-10-28", "2025-10-28", "occurred", None)],
    ),
    ("2025-10-31", "Order\nHegseth signed an order renaming the Department of Defense on Friday.", []),
    ("2025-10-31", "Treaty\nThe two countries signed a mutual defense treaty in 1951.", []),
    (
        "2025-10-28",
        "Ramstein\nThe Ukraine Defense Contact Group met in Brussels on Wednesday, with Pistorius and Healey in the chair.",
        [("forum", "Brussels", "2025-10-22", "2025-10-22", "occurred", "Ukraine Defense Contact Group")],  # no talks
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), DATED, ids=[c[1].split("\n")[0] for c in DATED])
def test_events_of_a_dated_text(published: str, text: str, expected: list[tuple]) -> None:
    [rec] = allied.extract(text, published=published, language="en")
    assert sorted(map(_row, rec["events"]), key=str) == sorted(expected, key=str)


def test_talks_told_as_a_trips_purpose_are_held_at_its_stop_and_stay_apart_from_earlier_talks() -> None:
    text = (
        "Koizumi\nU.S. Defense Secretary Pete Hegseth, who met Japanese Defense Minister Shinjiro Koizumi in Tokyo in "
        "October, has urged Japan to spend more. Koizumi is scheduled to visit Washington in January for talks with "
        "Hegseth."
    )
    [rec] = allied.extract(text, published="2025-12-26", language="en")
    talks = sorted((e["place"]["name"], e["status"]) for e in rec["events"] if e["type"] == "meeting")
    assert talks == [("Tokyo", "occurred"), ("Washington", "planned")]


def test_a_ministerial_told_before_hosts_talks_on_its_sidelines_and_its_press_conference() -> None:
    text = (
        "Ministers meet\nNATO defence ministers met in Brussels on Thursday to discuss support for Ukraine.\n"
        "Secretary General Mark Rutte told a news conference after the meeting that allies were on track to reach "
        "3.5% of GDP on core defence by 2035.\n"
        "German Defence Minister Boris Pistorius said Germany would increase its defence budget to 108 billion euros "
        "next year. He also met his Ukrainian counterpart Denys Shmyhal on the sidelines of the meeting."
    )
    [rec] = allied.extract(text, published="2025-10-17", language="en")
    forum = next(e for e in rec["events"] if e["type"] == "forum")
    talks = next(e for e in rec["events"] if e["type"] == "meeting")
    assert forum["forum"]["name"] == talks["forum"]["name"] == "NATO Defence Ministers' Meeting"
    assert talks["date"] == {"start": "2025-10-16", "end": "2025-10-16", "inferred": True}  # the ministerial's day
    assert [a["name"] for a in forum["actors"]] == ["Mark Rutte"]  # his press conference is part of it
    assert sorted(a["name"] for a in talks["actors"]) == ["Boris Pistorius", "Denys Shmyhal"]  # "he" = Pistorius
    assert not [e for e in rec["events"] if e["type"] == "statement"]
    pledges = sorted((p["country"], p["value"], p["by"]) for p in rec["pledges"])
    assert pledges == [("DEU", 108.0, 2026), ("NATO", 3.5, 2035)]  # the allies pledge, not Rutte's Netherlands


def test_the_annual_talks_of_a_lead_are_the_named_meeting_the_text_then_tells() -> None:
    text = (
        "South Korea, US agree to modernise alliance at annual security talks\n"
        "SEOUL, Nov 4 (Yonhap) -- South Korea and the United States agreed Tuesday to modernise their alliance "
        "and strengthen extended deterrence against North Korea during their annual defense ministerial talks in "
        "Seoul.\n"
        "Defense Minister Ahn Gyu-back and U.S. Secretary of War Pete Hegseth held the 57th Security Consultative "
        "Meeting (SCM) at the defense ministry.\n"
        'Ahn said Seoul plans to raise its defense budget to 3.5 percent of gross domestic product "as soon as '
        'possible." South Korea\'s defense budget for next year stands at 66.3 trillion won.'
    )
    [rec] = allied.extract(text, published="2025-11-04", language="en")
    [scm] = rec["events"]  # the title's, the lead's and the named talks are one meeting; North Korea is no party
    assert (scm["date"]["start"], scm["place"]["name"], scm["countries"], scm["forum"]["name"]) == (
        "2025-11-04",
        "Seoul",
        ["KOR", "USA"],
        "Security Consultative Meeting",
    )
    pledges = sorted((p["value"], p["unit"], p["by"]) for p in rec["pledges"])
    assert pledges == [(3.5, "% GDP", None), (66.3, "KRW trillion", 2026)]  # "as soon as possible" has no year


def test_a_forums_own_days_hold_within_an_attendees_longer_stay() -> None:
    text = (
        "Dialogue\nChina's Defense Minister Dong Jun will attend the Shangri-La Dialogue in Singapore. The dialogue "
        "takes place from May 31 to June 2. As part of his attendance at the Shangri-La Dialogue, Dong will be in "
        "Singapore from May 29 to June 3."
    )
    [rec] = allied.extract(text, published="2024-05-28", language="en")
    [forum] = [e for e in rec["events"] if e["type"] == "forum"]
    assert (forum["date"]["start"], forum["date"]["end"]) == ("2024-05-31", "2024-06-02")
