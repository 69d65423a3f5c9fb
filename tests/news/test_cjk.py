"""Korean, Japanese and Chinese: segmentation with offsets into the original text, language identification of
short texts, sentences ending in full-width stops, and names found in Hangul, kanji and hanzi (with
particles, in traditional or simplified characters, unknown names after a title). Texts written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from allied.model import Document
from allied.news import language, segment, sentences
from allied.news.lexicon import lexicons
from allied.news.pipeline import default_pipeline

CJK = ("ko", "ja", "zh")

SEGMENT_TEXTS = {
    "ko": "헤그세스 장관은 다음달 4일 서울을 방문한다.국방부가 밝혔다.",
    "ja": "小泉防衛相は１日、ヘグセス国防長官と会談した。",
    "zh": "中國大陸國防部長董軍九日與美國國防部長通話。美国国防部长赫格塞思",
}


@pytest.mark.parametrize("lang", CJK)
def test_segmenter_offsets_index_the_original_text(lang: str) -> None:
    lex = lexicons()[lang]
    text = "앞\n" + SEGMENT_TEXTS[lang]  # an offset that does not start at 0
    toks = segment.tokens(lex, text, 2, len(text))
    assert len(toks) >= 5
    for t in toks:
        assert text[t.start : t.end] == t.text and t.start >= 2
    assert [t[2] for t in segment.words(lex, text, 2)] == [t.text for t in toks]
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:], strict=False))


def test_chinese_in_traditional_characters_segments_like_simplified() -> None:
    lex = lexicons()["zh"]
    words = [t.text for t in segment.tokens(lex, "美國國防部長")]
    assert words[0] == "美國"


def test_unknown_segmenter_is_a_clear_error() -> None:
    from allied.model import ReferenceDataError

    with pytest.raises(ReferenceDataError, match="unknown segmenter 'mecab'"):
        segment.analyser("mecab", "lang/xx")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("신원식 국방장관, 도쿄 방문", "ko"),
        ("小泉防衛相、董軍国防相と会談", "ja"),
        ("防衛省、令和8年度概算要求を決定", "ja"),  # mostly kanji, one kana
        ("董军与赫格塞思视频通话", "zh"),
        ("中國大陸國防部長董軍與美國國防部長視訊通話", "zh"),
        ("Hegseth meets Koizumi in Tokyo to discuss the alliance", "en"),
        ("Pistorius trifft seinen japanischen Amtskollegen in Tokio", "de"),
    ],
)
def test_language_of_short_texts(text: str, lang: str) -> None:
    assert language.detect(text) == lang


def test_too_short_text_has_no_language() -> None:
    assert language.detect("董军") is None


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ja", "会談した。氏は「伝えた。」と語った！次は？", ["会談した。", "氏は「伝えた。」と語った！", "次は？"]),
        ("zh", "董军表示，两军关系！双方同意。", ["董军表示，两军关系！", "双方同意。"]),
        ("ko", "편성했습니다.올해 예산은 늘었다.", ["편성했습니다.", "올해 예산은 늘었다."]),
    ],
)
def test_sentences_end_at_full_width_stops(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences.split(text, lang)] == expected


def _mentions(lang: str, text: str, day: dt.date = dt.date(2025, 11, 1)) -> list[tuple[str, str, str]]:
    doc = Document(name="t", text="[title]\n" + text, language=lang, published=day)
    default_pipeline().run(doc)
    assert doc.error is None, doc.error
    return [(m.span.text, m.kind, m.id) for m in doc.mentions if m.kind in ("person", "organization", "state")]


@pytest.mark.parametrize(
    ("lang", "text", "written", "oid"),
    [
        ("ko", "헤그세스는 서울에서 안규백 국방부 장관과 만났다.", "헤그세스", "person:pete-hegseth"),
        ("ko", "헤그세스는 서울에서 안규백 국방부 장관과 만났다.", "안규백", "person:ahn-gyu-back"),
        ("ja", "ヘグセス国防長官は小泉防衛相と会談した。", "ヘグセス", "person:pete-hegseth"),
        ("ja", "ヘグセス国防長官は小泉防衛相と会談した。", "小泉", "person:koizumi-shinjiro"),
        ("ja", "小泉進次郎防衛相は董軍国防相と会談した。", "小泉進次郎", "person:koizumi-shinjiro"),
        ("zh", "美国国防部长赫格塞思与中国国防部长董军举行视频通话。", "赫格塞思", "person:pete-hegseth"),
        ("zh", "美國國防部長赫格塞思與中國國防部長董軍視訊通話。", "董軍", "person:dong-jun"),
    ],
)
def test_officials_by_their_names_in_every_script(lang: str, text: str, written: str, oid: str) -> None:
    assert any(written in m[0] and m[1:] == ("person", oid) for m in _mentions(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        ("ko", "차오밍 중국 국방부 장관이 서울을 방문했다.", "차오밍"),
        ("ja", "中国の王海東国防相はマニラを訪問した。", "王海東"),
        ("zh", "美国国防部长帕尔默与董军通话。", "帕尔默"),
    ],
)
def test_unknown_name_next_to_a_title_is_an_actor_as_written(lang: str, text: str, written: str) -> None:
    found = [m for m in _mentions(lang, text) if m[1] == "person" and m[0] == written]
    assert found and found[0][2] == f"person:{written}"
    assert not any(m[2] == "person:pete-hegseth" for m in _mentions(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "state"),
    [("ko", "미 국방부는 성명을 발표했다.", "org:us-dod"), ("zh", "美國國防部發布聲明。", "org:us-dod")],
)
def test_a_state_before_the_ministry_names_whose_it_is(lang: str, text: str, state: str) -> None:
    assert any(m[2] == state for m in _mentions(lang, text))


def _doc(lang: str, text: str, day: dt.date | None = dt.date(2025, 10, 20)) -> Document:
    doc = Document(name="t", text="[title]\n" + text, language=lang, published=day)
    default_pipeline().run(doc)
    assert doc.error is None, doc.error
    return doc


@pytest.mark.parametrize(
    ("lang", "text", "written", "day"),
    [
        ("ko", "헤그세스 장관은 2025년 11월 4일 서울을 방문한다.", "2025년 11월 4일", "2025-11-04"),
        ("ko", "헤그세스 장관은 오는 28일 서울을 방문할 예정이다.", "28일", "2025-10-28"),
        ("ko", "헤그세스 장관은 지난 25일 서울을 방문했다.", "25일", "2025-09-25"),
        ("ko", "헤그세스 장관은 다음달 4일 서울을 방문할 예정이다.", "4일", "2025-11-04"),
        ("ja", "小泉防衛相は１１月４日、ソウルを訪問する予定だ。", "１１月４日", "2025-11-04"),
        ("ja", "小泉防衛相は１日、ソウルを訪問する予定だ。", "１日", "2025-11-01"),
        ("zh", "董军将于十一月四日访问首尔。", "十一月四日", "2025-11-04"),
        ("zh", "董军九日与赫格塞思通话了。", "九日", "2025-10-09"),
        ("zh", "董军明天访问首尔。", "明天", "2025-10-21"),
    ],
)
def test_dates_in_each_pack(lang: str, text: str, written: str, day: str) -> None:
    found = {d.span.text: d.start for d in _doc(lang, text).dates}
    assert found[written] == dt.date.fromisoformat(day)


def test_a_bare_day_without_a_reference_date_stays_null() -> None:
    found = {d.span.text: d.start for d in _doc("ja", "小泉防衛相は１日、ソウルを訪問した。", None).dates}
    assert found["１日"] is None


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit", "by"),
    [
        ("ko", "한국 정부는 내년도 국방 예산을 66조 2천947억 원으로 편성했다.", 66.2947, "KRW trillion", 2026),
        ("ja", "日本政府は2026年度の防衛予算に約9兆9000億円を計上する方針だ。", 9.9, "JPY trillion", 2026),
        ("ja", "小泉進次郎防衛相は2026年度の防衛予算に8472億円を計上すると述べた。", 847.2, "JPY billion", 2026),
        ("zh", "中国政府计划将明年国防预算提高到16655亿元。", 1665.5, "CNY billion", 2026),
    ],
)
def test_pledges_with_myriad_numbers(lang: str, text: str, value: float, unit: str, by: int) -> None:
    pledges = [(p.value, p.unit, p.by) for p in _doc(lang, text).pledges]
    assert (pytest.approx(value), unit, by) in pledges


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "미국은 한국에 국방비를 GDP 대비 5%로 늘리라고 요구했다."),
        ("ja", "米国は日本に防衛費をGDP比5%に引き上げるよう要求した。"),
        ("zh", "美国要求日本将国防预算提高到国内生产总值的5%。"),
    ],
)
def test_a_demand_is_not_a_pledge(lang: str, text: str) -> None:
    assert not [p for p in _doc(lang, text).pledges if p.value is not None]


@pytest.mark.parametrize(
    ("lang", "text", "states"),
    [
        ("ko", "한미일 국방장관회의가 열렸다.", ["KOR", "USA", "JPN"]),
        ("ko", "한·미 국방장관은 통화했다.", ["KOR", "USA"]),
        ("ko", "북러 군사협력이 강화됐다.", ["PRK", "RUS"]),
        ("ja", "日米豪の防衛相が会談した。", ["JPN", "USA", "AUS"]),
        ("ja", "露朝の軍事協力に懸念を示した。", ["RUS", "PRK"]),
        ("zh", "中美防长通话。", ["CHN", "USA"]),
        ("zh", "美日韓三國防長會談。", ["USA", "JPN", "KOR"]),  # traditional characters
    ],
)
def test_a_country_compound_names_each_of_its_states(lang: str, text: str, states: list[str]) -> None:
    doc = _doc(lang, text)
    assert [m.country for m in doc.mentions if m.kind == "state" and m.role == "compound"] == states


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ko", "북한은 미사일을 발사했다."),  # North Korea, not North Korea + South Korea
        ("ja", "小泉防衛相は１日中に会見した。"),  # "all day", after a day number
        ("ja", "朝日新聞が報じた。"),  # the Asahi
        ("zh", "董军访问中美洲。"),  # Central America
        ("zh", "董军九日中午与赫格塞思通话。"),  # "noon" after a day number
    ],
)
def test_words_that_only_look_like_compounds_are_none(lang: str, text: str) -> None:
    assert not [m for m in _doc(lang, text).mentions if m.role == "compound"]


@pytest.mark.parametrize(
    ("lang", "text", "meetings"),
    [
        (
            "ko",
            "신원식 국방부 장관은 오스틴 미 국방장관, 기하라 미노루 일본 방위대신과 도쿄를 방문한다. "
            "이번 회의 계기로 한미 및 한일 국방장관회담도 개최될 예정이다.",
            [["JPN", "KOR"], ["KOR", "USA"]],
        ),
        ("ja", "日中国防相会談が１日、クアラルンプールで行われた。", [["CHN", "JPN"]]),
        ("zh", "中美防长九日举行视频通话。", [["CHN", "USA"]]),
    ],
)
def test_a_compound_before_the_meeting_word_names_its_parties(lang: str, text: str, meetings: list[list[str]]) -> None:
    found = sorted(e.countries for e in _doc(lang, text).events if e.type == "meeting")
    assert found == meetings


def test_a_date_outside_a_quotation_dates_the_saying_not_what_is_quoted() -> None:
    doc = _doc(
        "ko",
        "대한민국 국방부 장관은 오는 28일 도쿄를 방문한다. 국방부는 22일 “이번 한미일 국방장관회의에 신원식 장관, "
        "오스틴 미 국방장관이 참석 예정”이라고 밝혔다.",
        dt.date(2025, 10, 22),  # published the day the ministry spoke
    )
    said = [e for e in doc.events if e.type == "announcement"]
    assert said and said[0].date is not None and said[0].date.start == dt.date(2025, 10, 22)
    assert not [e for e in doc.events if e.type == "meeting" and e.date and e.date.start.day == 22]


@pytest.mark.parametrize(
    ("lang", "text", "written", "day"),
    [
        ("ko", "안규백 장관은 지난해 4월 16일 통화했다.", "4월 16일", "2024-04-16"),
        ("ko", "안규백 장관은 다음달 20일 서울을 방문한다.", "20일", "2026-01-20"),
        ("ko", "안규백 장관은 지난달 3일 서울을 방문했다.", "3일", "2025-11-03"),
        ("ja", "小泉防衛相は来月２０日、ソウルを訪問する。", "２０日", "2026-01-20"),
        ("ja", "小泉防衛相は昨年１１月３日に会談した。", "１１月３日", "2024-11-03"),
        ("zh", "董军去年四月十六日与奥斯丁通话。", "四月十六日", "2024-04-16"),
        ("zh", "董军下月20日访问首尔。", "20日", "2026-01-20"),
    ],
)
def test_a_year_or_month_word_before_a_date_moves_it(lang: str, text: str, written: str, day: str) -> None:
    found = {d.span.text: d.start for d in _doc(lang, text, dt.date(2025, 12, 17)).dates}
    assert found[written] == dt.date.fromisoformat(day)


def test_an_unknown_name_introduced_by_a_title_is_the_same_person_later() -> None:
    doc = _doc("zh", "董軍九日與美國國防部長赫塞斯視訊通話。五角大廈十日發布聲明，證實赫塞斯九日與董軍通話。")
    found = [m for m in doc.mentions if m.span.text == "赫塞斯"]
    assert len(found) == 2 and {m.id for m in found} == {"person:赫塞斯"} and found[1].country == "USA"


def test_a_read_out_of_the_talks_is_part_of_them() -> None:
    doc = _doc("zh", "董軍九日與美國國防部長赫塞斯視訊通話。美國五角大廈十日發布聲明，證實赫塞斯九日與董軍通話。")
    assert [e.type for e in doc.events] == ["meeting"]
    assert len(doc.events[0].evidence) == 2


def test_this_years_budget_as_the_baseline_is_no_target_year() -> None:
    doc = _doc(
        "ko",
        "한국 정부가 내년도 국방 예산을 66조 원 규모로 편성했습니다. 올해 예산 대비 5조 원 증액한 것입니다. "
        "국방 예산 증가율은 8.2％입니다.",
        dt.date(2025, 8, 29),
    )
    assert (8.2, "percent increase", 2026) in [(p.value, p.unit, p.by) for p in doc.pledges]


def test_the_ministry_is_that_of_the_minister_named_before_it_not_after() -> None:
    doc = _doc(
        "ko",
        "대한민국 국방부 장관이 도쿄를 방문한다. 국방부는 22일 “기하라 미노루 일본 방위대신이 참석 예정”이라고 밝혔다.",
    )
    assert [m.id for m in doc.mentions if m.kind == "organization"] == ["org:rok-mnd"]


def test_talks_told_once_without_names_and_once_with_them_on_the_same_day_are_one() -> None:
    doc = _doc(
        "ko",
        "28일 일본서 한미일 국방장관회의 개최\n신원식 국방부 장관은 오는 28일 도쿄에서 오스틴 미 국방장관, "
        "기하라 미노루 일본 방위대신과 한미일 국방장관회의를 갖는다.",
        dt.date(2024, 7, 22),
    )
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert len(meetings) == 1 and meetings[0].countries == ["JPN", "KOR", "USA"]


@pytest.mark.parametrize(
    ("lang", "text", "forum", "states"),
    [
        (
            "ja",
            "小泉防衛相は東南アジア諸国連合や日米中などが参加する拡大ASEAN国防相会議に出席した。",
            "forum:admm-plus",
            {"JPN", "USA", "CHN"},
        ),
    ],
)
def test_an_attended_forum_whose_participants_are_named_is_a_forum(
    lang: str, text: str, forum: str, states: set[str]
) -> None:
    found = [e for e in _doc(lang, text).events if e.type == "forum"]
    assert found and found[0].forum is not None and found[0].forum.id == forum and states <= set(found[0].countries)


def test_a_trip_to_attend_a_forum_is_no_forum_of_its_own() -> None:
    doc = _doc("ja", "小泉防衛相は来月、日米中などが参加する拡大ASEAN国防相会議に出席するためマレーシアを訪問する。")
    assert not [e for e in doc.events if e.type == "forum"]


def test_a_korean_sentence_with_nothing_to_look_up_is_split_at_spaces_not_analysed() -> None:
    lex = lexicons()["ko"]
    text = "비가 많이 내렸습니다.헤그세스 장관은 서울을 방문했다."
    words = [t.text for t in segment.tokens(lex, text)]
    assert words[:3] == ["비가", "많이", "내렸습니다"]  # the first sentence holds no name, title or place word
    assert "헤그세스" in words and "헤그세스는" not in words and "서울" in words  # the second is analysed
    for t in segment.tokens(lex, text):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize("lang", CJK)
def test_the_tokens_of_a_span_are_those_of_the_whole_text_inside_it(lang: str) -> None:
    lex = lexicons()[lang]
    text = SEGMENT_TEXTS[lang] * 2
    lo, hi = 3, len(text) - 4
    inside = [t for t in segment.tokens(lex, text) if lo <= t.start and t.end <= hi]
    assert segment.tokens(lex, text, lo, hi) == inside


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("ja", "【クアラルンプール＝山田太郎】小泉防衛相は１日、董軍国防相と会談した。", "Kuala Lumpur"),
        ("ko", "(서울=연합뉴스) 김철수 기자 = 안규백 국방부 장관은 4일 헤그세스 미 국방장관과 회담했다.", "Seoul"),
        ("ko", "[이데일리 김철수 기자] 안규백 국방부 장관은 4일 헤그세스 미 국방장관과 회담했다.", None),  # no place
    ],
)
def test_a_bracketed_wire_dateline_places_an_event_that_names_none(lang: str, text: str, place: str | None) -> None:
    doc = _doc(lang, text, dt.date(2025, 11, 4))
    assert [e.place.name if e.place else None for e in doc.events] == [place]


def test_a_japanese_verb_that_qualifies_a_noun_does_not_make_the_clause_future() -> None:
    doc = _doc("ja", "小泉防衛相は１日、日米中などが参加する拡大ＡＳＥＡＮ国防相会議に出席した。", dt.date(2025, 11, 3))
    assert [(e.type, e.status) for e in doc.events if e.type == "forum"] == [("forum", "occurred")]


@pytest.mark.parametrize(
    ("lang", "text", "written", "day"),
    [
        ("zh", "本週一（15日）日本議員質詢時批評內閣擬增加軍費。", "15日", "2025-12-15"),  # not next month's 15th
        ("zh", "本周一（15日）日本议员批评内阁拟增加军费。", "15日", "2025-12-15"),
        ("ja", "小泉防衛相は28日（金）、ソウルを訪問する。", "28日", "2025-11-28"),
        ("ko", "안규백 장관은 15일(월) 서울을 방문할 예정이다.", "15일", "2025-12-15"),
    ],
)
def test_a_day_with_its_weekday_is_the_day_that_weekday_falls_on(lang: str, text: str, written: str, day: str) -> None:
    published = dt.date(2025, 12, 17) if day.startswith("2025-12") else dt.date(2025, 11, 26)
    found = {d.span.text: d.start for d in _doc(lang, text, published).dates}
    assert found[written] == dt.date.fromisoformat(day)


def test_a_day_number_told_again_is_the_day_its_weekday_fixed() -> None:
    doc = _doc(
        "zh", "本周一（15日）议员批评内阁。议员15日针对内阁拟提高国防预算一事质询防卫大臣。", dt.date(2025, 12, 17)
    )
    assert [d.start for d in doc.dates if d.span.text == "15日"] == [dt.date(2025, 12, 15)] * 2


@pytest.mark.parametrize(
    ("lang", "text", "start", "end"),
    [
        ("ko", "안규백 국방부 장관은 다음 달 3일부터 5일까지 미국을 방문한다.", "2025-11-03", "2025-11-05"),
        ("ja", "小泉防衛相は来月3日から5日まで米国を訪問する。", "2025-11-03", "2025-11-05"),
        ("zh", "董军将于3日至5日访问首尔。", "2025-11-03", "2025-11-05"),
        ("ja", "小泉防衛相は30日から2日まで米国を訪問する。", "2025-10-30", "2025-11-02"),  # across a month end
    ],
)
def test_a_span_of_bare_days_is_a_range(lang: str, text: str, start: str, end: str) -> None:
    doc = _doc(lang, text, dt.date(2025, 10, 29))
    assert [(str(e.date.start), str(e.date.end)) for e in doc.events if e.date] == [(start, end)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("美國國防部長赫格塞思3日抵達首爾，展開訪問。", "Seoul"),  # right after an arrival verb
        ("中国国防部长董军与美国国防部长赫格塞思在吉隆坡举行会谈。", "Kuala Lumpur"),  # after the preposition 在
    ],
)
def test_a_chinese_city_after_a_travel_verb_or_a_preposition_is_the_place(text: str, place: str) -> None:
    assert [e.place.name if e.place else None for e in _doc("zh", text).events] == [place]


def test_a_tense_inside_a_quotation_does_not_date_the_saying() -> None:
    doc = _doc("ko", '안규백 국방부 장관은 3일 국회에서 "내년 국방예산을 8% 늘리겠다"고 밝혔다.', dt.date(2025, 10, 30))
    assert {d.span.text: d.start for d in doc.dates}["3일"] == dt.date(2025, 10, 3)
    assert [(p.value, p.unit, p.by) for p in doc.pledges] == [(8.0, "percent increase", 2026)]  # 늘리다: to raise


def test_a_japanese_day_parted_by_a_comma_takes_the_tense_of_the_main_verb() -> None:
    doc = _doc("ja", "小泉防衛相は28日、記者会見で来月訪米すると表明した。", dt.date(2025, 10, 30))
    assert {d.span.text: d.start for d in doc.dates}["28日"] == dt.date(2025, 10, 28)


def test_chinese_words_match_as_written_in_taiwan_and_hong_kong() -> None:
    from allied.news.lexicon import han_variants

    assert "為" in han_variants("为") and "爲" in han_variants("为")  # Taiwan's form and OpenCC's standard one
    doc = _doc("zh", "美國國防部長赫格塞思3日抵達首爾，展開為期兩天的訪問。", dt.date(2025, 10, 30))
    assert [(str(e.date.start), str(e.date.end)) for e in doc.events if e.date] == [("2025-10-03", "2025-10-04")]
