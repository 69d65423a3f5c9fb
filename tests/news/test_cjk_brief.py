"""`allied brief` on one trip told in English, Korean, Japanese and Chinese (texts written for this test) gives
the same events, itinerary and obligations whatever the language; the reports merge into one event each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import allied

PUBLISHED = "2025-10-28"
TEXTS = {
    "en": "Hegseth to visit Seoul, Tokyo and Manila\n"
    "U.S. Defense Secretary Pete Hegseth will visit Seoul on November 3 and meet South Korean Defense Minister "
    "Ahn Gyu-back. Hegseth will then visit Tokyo on November 5 and meet Japanese Defense Minister Shinjiro "
    "Koizumi. Hegseth will travel to Manila on November 6.",
    "ko": "헤그세스 장관, 서울·도쿄·마닐라 방문\n"
    "피트 헤그세스 미 국방장관이 11월 3일 서울을 방문해 안규백 국방부 장관과 회담할 예정이다. 헤그세스 장관은 이어 "
    "11월 5일 도쿄를 방문해 고이즈미 신지로 일본 방위상과 회담할 예정이다. 헤그세스 장관은 11월 6일 마닐라를 방문할 "
    "예정이다.",
    "ja": "ヘグセス国防長官、ソウル・東京・マニラを訪問へ\n"
    "ヘグセス米国防長官は11月3日にソウルを訪問し、安圭伯国防相と会談する予定だ。ヘグセス氏はその後、11月5日に東京を"
    "訪問し、小泉進次郎防衛相と会談する予定だ。ヘグセス氏は11月6日にマニラを訪問する予定だ。",
    "zh": "赫格塞思将访问首尔、东京和马尼拉\n"
    "美国国防部长赫格塞思将于11月3日访问首尔，与韩国国防部长安圭伯举行会谈。赫格塞思随后将于11月5日访问东京，"
    "与日本防卫大臣小泉进次郎举行会谈。赫格塞思将于11月6日访问马尼拉。",
}


@pytest.fixture(scope="module")
def briefs() -> dict[str, dict[str, Any]]:
    return {lang: allied.brief(text, published=PUBLISHED) for lang, text in TEXTS.items()}


def _events(brief: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        (
            e["type"],
            tuple(sorted(e["countries"])),
            e["place"] and e["place"]["name"],
            e["date"] and e["date"]["start"],
            e["status"],
        )
        for e in brief["events"]
    }


def _stops(brief: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(t["person"], s["place"], s["start"]) for t in brief["itinerary"] for s in t["stops"]]


def _links(brief: dict[str, Any]) -> set[frozenset[str]]:
    return {frozenset((link["a"], link["b"])) for link in brief["treaty_links"]}


def test_the_english_brief(briefs: dict[str, dict[str, Any]]) -> None:
    en = briefs["en"]
    assert _events(en) == {
        ("meeting", ("KOR", "USA"), "Seoul", "2025-11-03", "planned"),
        ("meeting", ("JPN", "USA"), "Tokyo", "2025-11-05", "planned"),
        ("visit", ("PHL", "USA"), "Manila", "2025-11-06", "planned"),
    }
    assert _stops(en) == [("Pete Hegseth", "Manila", "2025-11-06")]
    assert _links(en) == {frozenset(("USA", "KOR")), frozenset(("USA", "JPN")), frozenset(("USA", "PHL"))}


@pytest.mark.parametrize("lang", ["ko", "ja", "zh"])
def test_the_same_brief_in_every_language(briefs: dict[str, dict[str, Any]], lang: str) -> None:
    brief, en = briefs[lang], briefs["en"]
    assert brief["language"] == lang
    assert _events(brief) == _events(en)
    assert _stops(brief) == _stops(en)
    assert _links(brief) == _links(en)
    assert [s["iso3"] for s in brief["states"]] == [s["iso3"] for s in en["states"]]
    for e in brief["events"]:  # Hegseth in Hangul, katakana and hanzi is the reference's Pete Hegseth
        assert "person:pete-hegseth" in {a["id"] for a in e["actors"]}


def test_reports_in_four_languages_merge_into_one_event_each(tmp_path: Path) -> None:
    paths = []
    for lang, text in TEXTS.items():
        (tmp_path / f"trip_{lang}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"trip_{lang}.json").write_text(f'{{"published": "{PUBLISHED}"}}', encoding="utf-8")
        paths.append(tmp_path / f"trip_{lang}.txt")
    db = tmp_path / "store"
    allied.ingest(paths, db=db)
    events = allied.events(person="Pete Hegseth", db=db)
    by_place = {
        (e["type"], e["place"]["name"]): e for e in events if e["type"] != "meeting" or e["place"]["name"] != "Tokyo"
    }
    assert sorted(by_place) == [("meeting", "Seoul"), ("visit", "Manila")]
    for e in by_place.values():
        assert {s["language"] for s in e["sources"]} == {"en", "ko", "ja", "zh"}
    # the reference names Koizumi in Latin letters and kanji only: the Korean report's 고이즈미 신지로 stays an
    # actor as written, never a guessed official, so that report of the Tokyo talks is kept apart
    tokyo = sorted(
        ([a["name"] for a in e["actors"]], sorted(s["language"] for s in e["sources"]))
        for e in events
        if e["place"]["name"] == "Tokyo"
    )
    assert tokyo == [
        (["Shinjiro Koizumi", "Pete Hegseth"], ["en", "ja", "zh"]),
        (["고이즈미 신지로", "Pete Hegseth"], ["ko"]),
    ]
