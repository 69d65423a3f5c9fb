"""The worked cases of issue 3, each pinned as a whole value."""

from __future__ import annotations

import datetime as dt

import allied
from tests.obligations.obligations_helpers import bound, run

NATO_2005_EXCEPT_LVA = ["BEL", "BGR", "CAN", "CZE", "DEU", "DNK", "ESP", "EST", "FRA", "GBR", "GRC", "HUN", "ISL",
                        "ITA", "LTU", "LUX", "NLD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "TUR", "USA"]
US_ROK_III = ("Each Party recognizes that an armed attack in the Pacific area on either of the Parties in territories "
              "now under their respective administrative control, or hereafter recognized by one of the Parties as "
              "lawfully brought under the administrative control of the other, would be dangerous to its own peace "
              "and safety and declares that it would act to meet the common danger in accordance with its "
              "constitutional processes.")


def test_north_korea_attacks_seoul() -> None:
    result = run(attacker="PRK", target="KOR", place="Seoul", date="2025-11-04")
    assert result["obligations"] == [{
        "state": "USA", "treaty": "US_ROK_MDT", "article": "III", "strength": "act_per_constitutional_processes",
        "reason": "Art. III applies: an armed attack in the Pacific area on South Korea in territory under its "
                  "administrative control (Seoul).",
        "quote": US_ROK_III, "verified": False,
        "source": "shared/reference/treaties.md section 2, Art. III [M]; "
                  "https://search.wikileaks.org/plusd/cables/1976STATE176518.html",
    }]
    assert result["contested"] == [] and result["conditional"] == []
    assert "JPN" not in {o["state"] for o in result["obligations"]}
    assert result["territory"]["administrator"] == "KOR" and result["territory"]["status"] == "state"


def test_china_attacks_naha_okinawa() -> None:
    result = run(attacker="CHN", place="Naha, Okinawa", date="2025-11-04")
    assert bound(result) == {("USA", "US_JPN_TMCS"): ("V", "act_per_constitutional_processes")}
    assert result["attack"]["target"] == "JPN"
    assert result["territory"]["name"] == "Okinawa Prefecture (Ryukyu Islands)"
    assert result["obligations"][0]["reason"] == (
        "Art. V applies: an armed attack on the territory of Japan in the territories under the administration "
        "of Japan (Naha, Okinawa).")


def test_russia_attacks_riga_before_latvia_joined_nato() -> None:
    result = run(attacker="RUS", target="LVA", place="Riga", date="2003-06-01")
    assert result["obligations"] == [] and result["contested"] == []


def test_russia_attacks_riga_2005_every_other_ally_under_article_5() -> None:
    result = run(attacker="RUS", target="LVA", place="Riga", date="2005-06-01")
    assert bound(result) == {(s, "NATO"): ("5", "assist_as_deemed_necessary") for s in NATO_2005_EXCEPT_LVA}
    from_data = [s for s in allied.treaty("NATO").parties_on(dt.date(2005, 6, 1)) if s != "LVA"]
    assert NATO_2005_EXCEPT_LVA == from_data
    assert {o["reason"] for o in result["obligations"]} == {
        "Art. 5 applies: an armed attack on the territory of Latvia in Europe (Riga) (Art. 6(i))."}


def test_riga_2005_cascade_two_rounds() -> None:
    result = run(cascade=2, attacker="RUS", target="LVA", place="Riga", date="2005-06-01")
    rounds = result["rounds"]
    assert [r["round"] for r in rounds] == [1, 2, 3]
    assert rounds[0]["struck"] == ["LVA"]
    assert [o["state"] for o in rounds[0]["bound"]] == NATO_2005_EXCEPT_LVA
    assert rounds[1]["struck"] == NATO_2005_EXCEPT_LVA
    round2 = {(o["state"], o["treaty"], o["strength"]) for o in rounds[1]["bound"]}
    rio_2005 = ["ARG", "BHS", "BOL", "BRA", "CHL", "COL", "CRI", "DOM", "ECU", "GTM", "HND", "HTI", "NIC", "PAN",
                "PER", "PRY", "SLV", "TTO", "URY", "VEN"]
    assert round2 == ({(s, "RIO_TIAR", "assist_as_deemed_necessary") for s in rio_2005}
                      | {("AUS", "ANZUS", "act_per_constitutional_processes"),
                         ("PHL", "US_PHL_MDT", "act_per_constitutional_processes")})
    # Rio parties strike back: striking their homelands binds no one who is not already listed.
    assert rounds[2] == {"round": 3, "struck": rio_2005, "bound": []}
    assert all(o["round"] == 2 for o in rounds[1]["bound"])
