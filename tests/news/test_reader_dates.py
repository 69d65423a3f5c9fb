"""Dates the way a reader gets them, on texts written for these tests (GUIDELINES §6 date, §9)."""

from __future__ import annotations

import allied
from allied.news.dates import in_office, office_year


def _events(text: str, lang: str = "en", published: str | None = None) -> list[dict]:
    [rec] = allied.extract(text, language=lang, published=published)
    return rec["events"]


def test_with_no_date_and_no_year_a_day_takes_the_year_its_officials_were_in_office() -> None:
    """Hegseth (from 2025-01-25) and Ahn Gyu-back (from 2025-07-25) in office together: 4 November is 2025's."""
    text = (
        "Treffen in Seoul\nUS-Verteidigungsminister Pete Hegseth trifft am 4. November in Seoul den südkoreanischen "
        "Verteidigungsminister Ahn Gyu-back."
    )
    [meeting] = [e for e in _events(text, "de") if e["type"] == "meeting"]
    assert meeting["date"] == {"start": "2025-11-04", "end": "2025-11-04", "inferred": True}


def test_office_year_is_the_first_year_all_terms_hold() -> None:
    hegseth, ahn, austin = (("2025-01-25", ""),), (("2025-07-25", ""),), (("2021-01-22", "2025-01-20"),)
    assert office_year([hegseth, ahn], 11, 4) == 2025
    assert office_year([hegseth, ahn], 3, 1) == 2026  # 1 March 2025 is before Ahn took office
    assert office_year([hegseth, austin], 11, 4) is None  # never in office together: no year
    assert office_year([], 11, 4) is None


def test_an_official_with_two_terms_is_in_office_in_either() -> None:
    """Lecornu: minister 2022-05-20 to 2025-10-05, then prime minister in charge 2025-10-06 to 2025-10-12; with
    Umerov (minister from 2023-09-06 to 2025-07-17) a 18 January is 2024's (dev a008's reading)."""
    lecornu = (("2022-05-20", "2025-10-05"), ("2025-10-06", "2025-10-12"))
    umerov = (("2023-09-06", "2025-07-17"),)
    assert office_year([lecornu, umerov], 1, 18) == 2024
    assert in_office([lecornu], 2025, 10, 8) and not in_office([lecornu, umerov], 2025, 10, 8)  # his second term


def test_a_date_before_the_verb_dates_every_stop_it_names() -> None:
    text = (
        "Trip\nOn November 3-4, U.S. Defense Secretary Pete Hegseth is scheduled to visit the Joint Security Area "
        "at Panmunjom with South Korean Defense Minister Ahn Gyu-back and attend the Security Consultative Meeting "
        "in Seoul."
    )
    events = _events(text, published="2025-10-30")
    visit = next(e for e in events if e["type"] == "visit" and e["place"]["name"] == "Panmunjom")
    meeting = next(e for e in events if e["type"] == "meeting")
    assert visit["date"]["start"] == meeting["date"]["start"] == "2025-11-03"
    assert visit["date"]["end"] == meeting["date"]["end"] == "2025-11-04"


def test_the_days_of_one_forum_told_apart_are_one_forum() -> None:
    text = (
        "Ministers meet\nThe ADMM-Plus meeting of defense ministers is scheduled for November 1 in Kuala Lumpur. "
        "The ADMM-Plus will conclude on November 2 after working group sessions."
    )
    forums = [e for e in _events(text, published="2025-10-30") if e["type"] == "forum"]
    assert len(forums) == 1
    assert (forums[0]["date"]["start"], forums[0]["date"]["end"]) == ("2025-11-01", "2025-11-02")


def test_a_datelines_day_is_the_reference_of_a_text_with_no_date() -> None:
    """ "Roma, 12 nov. (agenzia) –" with no publication date: the day's year from the officials named (Crosetto
    from 2022-10-22 and Pistorius from 2023-01-19: 2023, a guess), and "ieri" the day before it (inferred); a
    weekday needs a certain year, which officials still in office do not give."""
    text = (
        "Difesa\nRoma, 12 nov. (agenzia) – Il ministro della Difesa Guido Crosetto ha incontrato ieri a Roma il "
        "suo omologo tedesco Boris Pistorius."
    )
    [meeting] = [e for e in _events(text, "it", published=None) if e["type"] == "meeting"]
    assert meeting["date"] == {"start": "2023-11-11", "end": "2023-11-11", "inferred": True}
    weekday = text.replace("ha incontrato ieri", "ha incontrato giovedì")
    [meeting] = [e for e in _events(weekday, "it", published=None) if e["type"] == "meeting"]
    assert meeting["date"] is None


def test_a_day_a_few_days_after_the_reference_stays_in_its_year_whatever_the_tense_reads() -> None:
    """ "the Dialogue, held from May 31 to June 2" told on 28 May: 'held' is a participle here, and a day three
    days ahead is this year's; "met on 30 December" told on 2 January is still last year's."""
    text = "Dialogue\nDong Jun will attend the Shangri-La Dialogue, held from May 31 to June 2 in Singapore."
    [forum] = _events(text, published="2024-05-28")
    assert (forum["date"]["start"], forum["date"]["end"]) == ("2024-05-31", "2024-06-02")
    text = text.replace(", held from", " in Singapore, which takes place from").replace("June 2 in Singapore", "June 2")
    [forum] = _events(text, published="2024-05-28")  # a relative clause after the forum dates it
    assert (forum["date"]["start"], forum["date"]["end"]) == ("2024-05-31", "2024-06-02")
    text = "Talks\nHegseth met Japanese Defense Minister Shinjiro Koizumi in Tokyo on Dec. 30."
    [meeting] = _events(text, published="2026-01-02")
    assert meeting["date"]["start"] == "2025-12-30"
