"""mutual_obligations: both directions for an attack on either homeland, by an unspecified third state."""

from __future__ import annotations

import pytest

import allied
from allied import InputError


def test_usa_kor_both_directions() -> None:
    result = allied.mutual_obligations("USA", "KOR", "2025-11-04")
    assert (result["a"], result["b"], result["date"]) == ("USA", "KOR", "2025-11-04")
    on_usa, on_kor = result["directions"]
    assert on_usa["summary"] == "attack on USA's homeland: KOR consults under US_ROK_MDT Art. II"
    assert on_kor["summary"] == ("attack on KOR's homeland: USA is bound under US_ROK_MDT Art. III "
                                 "(act_per_constitutional_processes)")
    assert [o["quote"][:26] for o in on_kor["bound"]] == ["Each Party recognizes that"]
    assert on_kor["homeland"]["place"] == "South Korea"


def test_no_treaty_link() -> None:
    result = allied.mutual_obligations("KOR", "JPN", "2025-11-04")
    assert [d["summary"] for d in result["directions"]] == [
        "no treaty link: nothing binds JPN to respond to an attack on KOR's homeland",
        "no treaty link: nothing binds KOR to respond to an attack on JPN's homeland"]
    assert all(d["bound"] == [] and d["contested"] == [] for d in result["directions"])


def test_contested_and_conditional_directions() -> None:
    on_usa, on_nzl = allied.mutual_obligations("USA", "NZL", "2025-11-04")["directions"]
    assert on_usa["summary"] == "attack on USA's homeland: NZL is contested under ANZUS"
    assert on_nzl["summary"] == ("attack on NZL's homeland: USA consults under SEACDT Art. IV(2); USA would be bound "
                                 "under SEACDT Art. IV(1) if communist_aggressor")


def test_same_state_is_an_error() -> None:
    with pytest.raises(InputError, match="b: 'usa' is not allowed"):
        allied.mutual_obligations("USA", "usa", "2025-11-04")
