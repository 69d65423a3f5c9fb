"""Events beyond the dev phrasings (GUIDELINES §4-§6, §9), on texts written for these tests."""

from __future__ import annotations

import pytest

import allied

Row = tuple[str, list[str], str | None, str | None, str]

CASES: list[tuple[str, str | None, str, list[Row]]] = [
    (  # a dateline gives the place of a meeting that names none
        "en",
        None,
        "Defense chiefs meet\nCANBERRA, Australia, Oct. 9 (AP) — Indian Defence Minister Rajnath Singh held talks "
        "with Australian Defence Minister Richard Marles on Thursday, the two governments said.",
        [("meeting", ["Rajnath Singh", "Richard Marles"], "Canberra", None, "occurred")],
    ),
    (  # the host in his own capital is no visitor
        "en",
        "2025-06-04",
        "Shoigu in Pyongyang\nRussian Security Council Secretary Sergei Shoigu arrived in Pyongyang on Wednesday, "
        "where he is scheduled to meet North Korean leader Kim Jong Un.",
        [
            ("visit", ["Sergei Shoigu"], "Pyongyang", "2025-06-04", "occurred"),
            ("meeting", ["Sergei Shoigu", "Kim Jong Un"], "Pyongyang", None, "planned"),
        ],
    ),
    (  # a forum that "takes place", with a range across a month end
        "en",
        "2024-05-28",
        "Shangri-La Dialogue\nThe Shangri-La Dialogue takes place in Singapore from May 31 to June 2.",
        [("forum", [], "Singapore", "2024-05-31", "planned")],
    ),
    (  # a phone call is a meeting
        "en",
        "2025-03-10",
        "Call\nU.S. Defense Secretary Pete Hegseth spoke by phone with Japanese Defense Minister Gen Nakatani on "
        "Sunday about deterrence and the alliance.",
        [("meeting", ["Pete Hegseth", "Gen Nakatani"], None, "2025-03-09", "occurred")],
    ),
    (  # welcomed to a city: the guest visits, the host does not
        "en",
        "2025-10-09",
        "Welcome\nAustralian Defence Minister Richard Marles welcomed Indian Defence Minister Rajnath Singh to "
        "Canberra on Thursday.",
        [("visit", ["Rajnath Singh"], "Canberra", "2025-10-09", "occurred")],
    ),
    (  # told a broadcaster on a day: a statement; the negation is inside what was said
        "en",
        "2023-06-06",
        "Interview\nGerman Defence Minister Boris Pistorius told Deutsche Welle on Monday that India's dependence "
        "on Russian weapons was not in Germany's interest.",
        [("statement", ["Boris Pistorius"], None, "2023-06-05", "occurred")],
    ),
    (  # a video conference is a meeting
        "de",
        "2025-03-10",
        "Telefonat\nBundesverteidigungsminister Boris Pistorius hat am Montag mit seinem französischen Amtskollegen "
        "Sébastien Lecornu per Videokonferenz über die Unterstützung der Ukraine beraten.",
        [("meeting", ["Boris Pistorius", "Sébastien Lecornu"], None, "2025-03-10", "occurred")],
    ),
    (  # a ministry's dated statement
        "de",
        "2025-03-10",
        "Erklärung\nDas japanische Verteidigungsministerium erklärte am Montag, China habe seine Aktivitäten rund "
        "um Taiwan verstärkt.",
        [("statement", ["Ministry of Defense (Japan)"], None, "2025-03-10", "occurred")],
    ),
    (  # present tense with a future time is planned
        "en",
        "2025-03-10",
        "Trip\nU.S. Defense Secretary Pete Hegseth travels to Tokyo next week for talks with Japanese Defense "
        "Minister Gen Nakatani.",
        [
            ("visit", ["Pete Hegseth"], "Tokyo", "2025-03-17", "planned"),
            ("meeting", ["Pete Hegseth", "Gen Nakatani"], "Tokyo", None, "planned"),
        ],
    ),
    (  # an invitation is no event
        "en",
        "2025-03-10",
        "Invite\nVietnam's defense minister invited U.S. Defense Secretary Pete Hegseth to visit Hanoi next year.",
        [],
    ),
]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), CASES)
def test_events(lang: str, published: str | None, text: str, expected: list[Row]) -> None:
    [rec] = allied.extract(text, published=published, language=lang)
    got = [
        (
            e["type"],
            [a["name"] for a in e["actors"]],
            e["place"]["name"] if e["place"] else None,
            e["date"]["start"] if e["date"] else None,
            e["status"],
        )
        for e in rec["events"]
    ]
    assert got == expected
    assert all(text[s["start"] : s["end"]] == s["text"] for e in rec["events"] for s in e["evidence"])


def test_a_statement_lists_the_states_it_is_about() -> None:
    [rec] = allied.extract(CASES[5][2], published="2023-06-06", language="en")
    assert rec["events"][0]["countries"] == ["DEU", "IND", "RUS"]


MORE: list[tuple[str, str | None, str, list[Row]]] = [
    (  # a speech at a forum and attending it are that forum's event: the speaker joins its actors
        "en",
        "2024-06-01",
        "SLD\nThe Shangri-La Dialogue opened in Singapore on Friday. U.S. Defense Secretary Lloyd Austin delivered "
        "a speech at the forum on Saturday, and Chinese Defense Minister Dong Jun attended the dialogue.",
        [("forum", ["Lloyd Austin", "Dong Jun"], "Singapore", "2024-05-31", "occurred")],
    ),
    (  # a meeting of officials the text does not name
        "en",
        "2025-03-10",
        "Ministers\nThe defense ministers of Japan and Australia met in Tokyo on Monday to discuss maritime security.",
        [("meeting", [], "Tokyo", "2025-03-10", "occurred")],
    ),
    (  # present at a ceremony abroad: a visit (the ceremony itself is no event)
        "de",
        "2025-05-22",
        "Brigade\nIn Anwesenheit von Bundeskanzler Friedrich Merz und Verteidigungsminister Boris Pistorius wurde die "
        "Brigade am Donnerstag auf dem Domplatz der Hauptstadt Vilnius feierlich in Dienst gestellt.",
        [("visit", ["Friedrich Merz", "Boris Pistorius"], "Vilnius", "2025-05-22", "occurred")],
    ),
    (  # a headline alone is no event
        "en",
        "2025-03-10",
        "Hegseth meets Koizumi in Tokyo\nThe yen fell against the dollar on Monday as markets weighed interest rates.",
        [],
    ),
]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), MORE)
def test_more_events(lang: str, published: str | None, text: str, expected: list[Row]) -> None:
    test_events(lang, published, text, expected)


def test_the_url_gives_the_reference_day_when_the_date_is_missing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(
        "Visit\nU.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday for talks with Vietnamese Defense "
        "Minister Phan Van Giang.",
        encoding="utf-8",
    )
    (tmp_path / "a.json").write_text('{"url": "https://news.example/2025/11/03/hegseth-hanoi", "language": "en"}')
    [rec] = allied.extract(tmp_path / "a.txt")
    assert [(e["type"], e["date"]) for e in rec["events"]] == [
        ("visit", {"start": "2025-11-02", "end": "2025-11-02", "inferred": True}),
        ("meeting", None),  # the purpose of the trip ("for talks"): the text does not date the talks
    ]


FORUMS: list[tuple[str, str | None, str, list[Row]]] = [
    (  # an organisation's summit inside a compound, and a two-day range joined by "und"
        "de",
        "2025-06-20",
        "Gipfel\nBeim NATO-Gipfel in Den Haag kommen die Staats- und Regierungschefs am 24. und 25. Juni zusammen.",
        [("forum", [], "The Hague", "2025-06-24", "planned")],
    ),
    (  # "ADMM+" is ADMM-Plus, not ADMM
        "en",
        "2025-10-30",
        "ADMM\nDefense ministers from ASEAN and its partners will meet at the ADMM+ in Kuala Lumpur on Nov. 1.",
        [("forum", [], "Kuala Lumpur", "2025-11-01", "planned")],
    ),
    (  # remarks at a press conference after the meeting fold into the meeting
        "en",
        "2025-11-04",
        "SCM\nHegseth and Ahn held the annual Security Consultative Meeting in Seoul on Tuesday. At a joint press "
        "conference after the meeting, Hegseth told reporters that the alliance was strong.",
        [("meeting", ["Pete Hegseth", "Ahn Gyu-back"], "Seoul", "2025-11-04", "occurred")],
    ),
]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), FORUMS)
def test_forums_and_folding(lang: str, published: str | None, text: str, expected: list[Row]) -> None:
    test_events(lang, published, text, expected)
    [rec] = allied.extract(text, published=published, language=lang)
    assert rec["events"][0]["forum"]["name"] in ("NATO Summit", "ADMM-Plus", "Security Consultative Meeting")


def test_a_planned_and_a_past_meeting_of_the_same_people_stay_two_events() -> None:
    text = (
        "Shoigu back\nRussian Security Council Secretary Sergei Shoigu is scheduled to meet North Korean leader "
        "Kim Jong Un this week. Shoigu last visited Pyongyang on March 21, when he held a two-hour meeting "
        "with Kim."
    )
    [rec] = allied.extract(text, published="2025-06-04", language="en")
    got = [(e["type"], e["status"], e["date"]["start"] if e["date"] else None) for e in rec["events"]]
    assert ("visit", "occurred", "2025-03-21") in got  # a city stop stays a stop beside the meeting held there
    assert ("meeting", "occurred", "2025-03-21") in got
    assert [s for t, s, _ in got if t == "meeting"] == ["planned", "occurred"]


def test_a_hedge_on_a_second_verb_leaves_the_first_event_and_will_on_the_day_is_planned() -> None:
    text = (
        "Pistorius in India\nGerman Defence Minister Boris Pistorius is in India for a four-day visit and will "
        "likely meet defence start-ups. He will hold a meeting with Indian Defence Minister Rajnath Singh in "
        "New Delhi on June 6."
    )
    [rec] = allied.extract(text, published="2023-06-06", language="en")
    got = [(e["type"], e["place"]["name"] if e["place"] else None, e["status"]) for e in rec["events"]]
    assert ("visit", "India", "occurred") in got
    assert ("meeting", "Delhi", "planned") in got


def test_told_reporters_is_a_statement_and_a_speech_at_a_forum_is_the_forums() -> None:
    [told] = allied.extract(
        "Koizumi\nAhead of their talks, Japanese Defense Minister Shinjiro Koizumi told reporters on Tuesday that "
        "Japan will strengthen its defense capabilities.",
        published="2025-10-29",
        language="en",
    )
    assert [e["type"] for e in told["events"]] == ["statement"]
    [speech] = allied.extract(
        "SLD\nWhile attending the Shangri-La Dialogue, Chinese Defense Minister Dong Jun will deliver a speech on "
        "China's global security.",
        published="2024-05-28",
        language="en",
    )
    assert "announcement" not in [e["type"] for e in speech["events"]]
