"""Treaty membership in time, official look-up in any script, and input checks."""

from __future__ import annotations

import datetime as dt

import pytest

from allied.model import InputError, NotFoundError
from allied.reference import find_officials, parse_date, state_code, treaties_of, treaty


def ids(state: str, day: str) -> list[str]:
    return [t.id for t in treaties_of(state, day)]


def test_finland_joins_nato_on_2023_04_04() -> None:
    assert "NATO" in ids("FIN", "2024-06-01")
    assert "NATO" not in ids("FIN", "2023-01-01")
    assert "NATO" not in ids("FIN", "2023-04-03")
    assert "NATO" in ids("FIN", "2023-04-04")


def test_sweden_in_nato_only_from_2024_03_07() -> None:
    assert "NATO" not in ids("SWE", "2024-03-06")
    assert "NATO" in ids("SWE", "2024-03-07")


def test_codes_are_case_insensitive() -> None:
    assert state_code("fin") == "FIN"


@pytest.mark.parametrize(("query", "name"), [
    ("안규백", "Ahn Gyu-back"), ("Ahn Kyu-back", "Ahn Gyu-back"), ("ahn gyu back", "Ahn Gyu-back"),
    ("Hegseth", "Pete Hegseth"), ("헤그세스", "Pete Hegseth"),
])
def test_official_found_by_alias_in_any_script(query: str, name: str) -> None:
    hits = find_officials(query)
    assert [o.name for o in hits] == [name]
    assert hits[0].source.startswith("https://")


def test_official_term_of_office() -> None:
    (ahn,) = find_officials("안규백")
    assert (ahn.start, ahn.end, ahn.country) == ("2025-07-25", "", "KOR")


def test_unknown_state_is_an_input_error_naming_value_and_allowed() -> None:
    with pytest.raises(InputError, match=r"state: 'XYZ' is not allowed; expected an ISO 3166-1 alpha-3 code"):
        treaties_of("XYZ", "2020-01-01")


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday", "1899-12-31", ""])
def test_bad_dates_are_input_errors(bad: str) -> None:
    with pytest.raises(InputError, match=r"^date: "):
        parse_date(bad)


def test_parse_date_accepts_dates() -> None:
    assert parse_date("2025-11-04") == dt.date(2025, 11, 4)
    assert parse_date(dt.date(2001, 9, 12)) == dt.date(2001, 9, 12)


def test_unknown_treaty_lists_known_ones() -> None:
    with pytest.raises(NotFoundError, match=r"treaty 'FOO' is not known; known treaties: .*NATO"):
        treaty("FOO")


def test_empty_official_query_is_rejected() -> None:
    with pytest.raises(InputError, match=r"query"):
        find_officials("  -- ")
