"""Pledge grammar of Korean, Japanese and Chinese (GUIDELINES §7, §9): amounts a defense ministry books
without a spending noun, supplementary budgets, fiscal years whose end month the word fixes, and myriad
amounts that hold four-digit groups. Texts written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from allied.model import Document
from allied.news.pipeline import default_pipeline


def _doc(lang: str, text: str, day: dt.date | None = dt.date(2025, 11, 28)) -> Document:
    doc = Document(name="t", text="[title]\n" + text, language=lang, published=day)
    default_pipeline().run(doc)
    assert doc.error is None, doc.error
    return doc


def _keys(doc: Document) -> list[tuple[str, str, float | None, str | None, int | None, bool]]:
    return [(p.country, p.what, p.value, p.unit, p.by, p.by_inferred) for p in doc.pledges]


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        # a defense ministry books (計上, 편성) an amount: a budget figure with no spending noun
        ("ja", "小泉防衛相は会見した。防衛省は2026年度に装備品の調達などで9000億円を計上した。", 900.0, "JPY billion"),
        ("ko", "안규백 장관은 회견을 열었다. 국방부는 2026년도 예산에 5000억 원을 편성했다.", 500.0, "KRW billion"),
    ],
)
def test_an_amount_a_defense_ministry_books_is_a_budget(lang: str, text: str, value: float, unit: str) -> None:
    found = [(p.value, p.unit, p.by) for p in _doc(lang, text).pledges]
    assert found == [(pytest.approx(value), unit, 2026)]


def test_the_defense_ministry_in_japanese_is_japans_whoever_spoke_before() -> None:
    doc = _doc("ja", "木原官房長官によると、防衛省は装備品の導入などで8000億円を計上した。")
    assert [m.id for m in doc.mentions if m.kind == "organization"] == ["org:jpn-mod"]
    assert [(p.country, p.value) for p in doc.pledges] == [("JPN", 800.0)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ja", "小泉防衛相は会見した。国土交通省は道路整備に9000億円を計上した。"),  # another ministry's budget
        ("ja", "小泉防衛相は会見した。防衛省は装備品の調達などで9000億円を使った。"),  # no booking verb
        ("ko", "안규백 국방부 장관은 기자회견을 열었다. 국토교통부는 도로 예산 5000억 원을 편성했다."),
    ],
)
def test_no_booking_by_a_defense_ministry_is_no_pledge(lang: str, text: str) -> None:
    assert _doc(lang, text).pledges == []


def test_a_ministers_ministry_in_japanese_follows_the_name_and_title() -> None:
    doc = _doc("ja", "ヘグセス国防長官は会見した。小泉防衛相は28日、記者会見した。防衛省は声明を発表した。")
    assert [m.id for m in doc.mentions if m.kind == "organization"] == ["org:jpn-mod"]


def test_an_amount_put_into_a_supplementary_budget_is_additional_spending() -> None:
    doc = _doc("ja", "小泉防衛相は、2025年度補正予算案に防衛費など約1兆2000億円を盛り込んだと述べた。")
    assert _keys(doc) == [("JPN", "additional defense spending", 1.2, "JPY trillion", 2025, False)]


@pytest.mark.parametrize("text", ["約1兆2000億円を計上した。", "8472億円を計上した。", "2025億円を計上した。"])
def test_a_four_digit_group_of_an_amount_is_no_year(text: str) -> None:
    doc = _doc("ja", "防衛省は" + text)
    assert not [d for d in doc.dates if d.precision == "year"]


@pytest.mark.parametrize(
    ("day", "by"),
    [(dt.date(2025, 11, 28), 2026), (dt.date(2026, 2, 10), 2026), (dt.date(2026, 5, 10), 2027)],
)
def test_the_current_japanese_fiscal_year_is_the_year_it_ends_in_march(day: dt.date, by: int) -> None:
    doc = _doc("ja", "小泉防衛相は今年度中に防衛費をGDP比2%に引き上げる方針を表明した。", day)
    assert _keys(doc) == [("JPN", "defense spending", 2.0, "% GDP", by, True)]


def test_a_named_fiscal_year_is_that_year() -> None:
    doc = _doc("ja", "小泉防衛相は2026年度の防衛予算に約9兆9000億円を計上する方針を示した。")
    assert [(p.value, p.by, p.by_inferred) for p in doc.pledges] == [(9.9, 2026, False)]


def test_a_state_before_a_title_is_the_officials_not_the_owner_of_the_spending() -> None:
    doc = _doc(
        "ko",
        '이재명 대통령은 지난 25일 트럼프 미국 대통령과의 정상회담 직후 "국방비를 증액하겠다"고 밝혔다.',
        dt.date(2025, 8, 29),
    )
    assert [(p.country, p.value) for p in doc.pledges] == [("KOR", None)]


@pytest.mark.parametrize(
    ("lang", "text", "by", "inferred"),
    [
        (
            "ja",
            "小泉防衛相は、防衛費をGDP比2%に引き上げる方針を示した。"
            "当初は2027年度の予定だったが、首相が今年度中の実現を表明した。",
            2026,
            True,
        ),
        (
            "ko",
            "안규백 장관은 국방비를 GDP 대비 3.5%로 늘리겠다고 밝혔다. 정부는 2035년까지 이를 달성할 계획이다.",
            2035,
            False,
        ),
        (
            "en",
            "Japan will raise defense spending to 2% of GDP, Koizumi said. He pledged to achieve it by 2027.",
            2027,
            False,
        ),
    ],
)
def test_the_sentence_after_a_target_that_says_when_it_is_met_dates_it(
    lang: str, text: str, by: int, inferred: bool
) -> None:
    doc = _doc(lang, text)
    assert [(p.unit, p.by, p.by_inferred, len(p.evidence)) for p in doc.pledges] == [("% GDP", by, inferred, 2)]


def test_a_time_told_as_past_after_a_target_does_not_date_it() -> None:
    doc = _doc(
        "en", "Japan will raise defense spending to 2% of GDP by 2027, Koizumi said. The plan was adopted in 2025."
    )

    assert [(p.value, p.by) for p in doc.pledges] == [(2.0, 2027)]


@pytest.mark.parametrize(
    ("text", "country", "unit"),
    [
        ("國防部長顧立雄表示，明年國防預算將編列3495億元。", "TWN", "TWD billion"),  # traditional 億, Taiwan's 元
        ("顾立雄国防部长表示，国防部明年编列国防预算3495亿元。", "TWN", "TWD billion"),
        ("中国政府计划将明年国防预算提高到16655亿元。", "CHN", "CNY billion"),
        ("日本政府計劃明年將防衛預算提高到8兆7000億日圓。", "JPN", "JPY trillion"),
    ],
)
def test_yuan_is_the_currency_of_the_state_whose_budget_it_is(text: str, country: str, unit: str) -> None:
    assert [(p.country, p.unit) for p in _doc("zh", text, dt.date(2025, 8, 29)).pledges] == [(country, unit)]


def test_a_ministrys_own_budget_request_is_no_demand() -> None:
    doc = _doc("ja", "小泉防衛相は会見した。防衛省は2026年度予算の概算要求で過去最大の8兆8454億円を計上した。")
    assert [(p.value, p.unit, p.by) for p in doc.pledges] == [(8.8454, "JPY trillion", 2026)]
