"""Cases of our own, from treaties.md: geography, time, conditions and contested states."""

from __future__ import annotations

import datetime as dt

import allied
from tests.obligations.obligations_helpers import bound, contested, pending, run

NATO_2025 = sorted(allied.treaty("NATO").parties_on(dt.date(2025, 11, 4)))
RIO_2025 = ["ARG", "BHS", "BRA", "CHL", "COL", "CRI", "DOM", "GTM", "HND", "HTI", "PAN", "PER", "PRY", "SLV", "TTO",
            "URY"]
SEACDT = ["AUS", "FRA", "GBR", "NZL", "PHL", "THA", "USA"]


def test_hawaii_nato_consults_only_anzus_and_rio_bind() -> None:
    result = run(attacker="CHN", target="USA", place="Honolulu", date="2025-11-04")
    expected = {(s, "NATO"): ("4", "consult") for s in NATO_2025 if s != "USA"}
    expected |= {(s, "RIO_TIAR"): ("3(1)", "assist_as_deemed_necessary") for s in RIO_2025}
    expected |= {("AUS", "ANZUS"): ("IV", "act_per_constitutional_processes"),
                 ("PHL", "US_PHL_MDT"): ("IV", "act_per_constitutional_processes"),
                 ("KOR", "US_ROK_MDT"): ("III", "act_per_constitutional_processes")}
    assert bound(result) == expected
    assert contested(result) == {("NZL", "ANZUS"), ("CUB", "RIO_TIAR"), ("VEN", "RIO_TIAR")}
    assert ("JPN", "US_JPN_TMCS") not in bound(result)


def test_guam_binds_no_japanese_obligation_but_anzus_and_the_manila_pact() -> None:
    result = run(attacker="CHN", target="USA", place="Guam", date="2025-11-04")
    got = bound(result)
    assert not any(state == "JPN" for state, _ in got)
    assert got[("AUS", "ANZUS")] == ("IV", "act_per_constitutional_processes")
    assert {s for s, t in got if t == "SEACDT"} == set(SEACDT) - {"USA"}
    assert result["territory"]["name"] == "Guam" and result["territory"]["sovereign"] == "USA"


def test_senkakus_under_japanese_administration_since_1972() -> None:
    now = run(attacker="CHN", place="Senkaku Islands", date="2025-11-04")
    assert bound(now) == {("USA", "US_JPN_TMCS"): ("V", "act_per_constitutional_processes")}
    # the places.csv point lies in the water by the islands (1 km land mask); the authored place decides
    assert now["territory"] | {"basis": "", "source": "", "note": ""} == {
        "status": "disputed", "sovereign": "JPN", "administrator": "JPN",
        "name": "Senkaku Islands (Diaoyu / Tiaoyutai)", "claimants": ["JPN", "CHN", "TWN"], "at_sea": True,
        "regions": ["pacific", "west_pacific"], "basis": "", "source": "", "note": "", "standing": "contested",
        "administrators": ["JPN"], "dated": True, "territory_code": "JPN"}
    before = run(attacker="CHN", place="Senkaku Islands", date="1970-11-04")  # under US administration
    assert before["territory"]["administrators"] == ["USA"] and before["territory"]["standing"] == "administered"
    assert before["attack"]["target"] == "USA" and ("JPN", "US_JPN_TMCS") not in bound(before)


def test_dokdo_usa_contested_japan_not_bound() -> None:
    result = run(attacker="JPN", place="Dokdo", date="2025-11-04")
    assert result["obligations"] == []
    assert result["contested"] == [{
        "state": "USA", "treaty": "US_ROK_MDT",
        "reason": "Art. III: the US understanding attached to ratification limits the US commitment to territory the "
                  "US recognizes as lawfully under ROK administrative control; this is the source of the Dokdo "
                  "uncertainty; Art. II (consult) applies in any case",
        "source": "shared/reference/treaties.md section 2 (US understanding [M])"}]


def test_anzus_new_zealand_after_1986() -> None:
    before = run(attacker="CHN", target="NZL", place="Wellington", date="1985-01-01")
    assert bound(before)[("USA", "ANZUS")] == ("IV", "act_per_constitutional_processes")
    after = run(attacker="CHN", target="NZL", place="Wellington", date="2025-11-04")
    assert ("USA", "ANZUS") not in bound(after)
    assert bound(after)[("AUS", "ANZUS")] == ("IV", "act_per_constitutional_processes")
    assert any("obligations of USA to NZL suspended since 1986-08-11" in n for n in after["notes"])
    on_us = run(attacker="CHN", target="USA", place="Honolulu", date="2025-11-04")
    assert ("NZL", "ANZUS") in contested(on_us)


def test_collective_security_treaty_only_on_request() -> None:
    csto = ["BLR", "KAZ", "KGZ", "RUS", "TJK"]
    silent = run(attacker="AZE", target="ARM", place="Yerevan", date="2023-01-01")
    assert silent["obligations"] == []
    assert pending(silent) == {(s, "CSTO_CST", "request") for s in csto}
    asked = run(attacker="AZE", target="ARM", place="Yerevan", date="2023-01-01", request=True)
    assert bound(asked) == {(s, "CSTO_CST"): ("4", "automatic_assistance") for s in csto}
    frozen = run(attacker="AZE", target="ARM", place="Yerevan", date="2025-01-01", request=True)
    assert frozen["obligations"] == [] and contested(frozen) == {(s, "CSTO_CST") for s in csto}


def test_prc_dprk_treaty_is_defensive_only() -> None:
    dprk_attacks = run(attacker="PRK", target="KOR", place="Seoul", date="2025-11-04")
    assert not any(o["state"] == "CHN" for o in dprk_attacks["obligations"])
    dprk_attacked = run(attacker="USA", target="PRK", place="Pyongyang", date="2025-11-04")
    assert bound(dprk_attacked) == {("CHN", "PRC_DPRK_1961"): ("II", "automatic_assistance"),
                                    ("RUS", "RUS_DPRK_2024"): ("4", "automatic_assistance")}
    before_2024_treaty = run(attacker="USA", target="PRK", place="Pyongyang", date="2024-12-03")
    assert bound(before_2024_treaty) == {("CHN", "PRC_DPRK_1961"): ("II", "automatic_assistance")}
    no_war = run(attacker="USA", target="PRK", place="Pyongyang", date="2025-11-04", state_of_war=False)
    assert no_war["obligations"] == []
    assert pending(no_war) == {("CHN", "PRC_DPRK_1961", "state_of_war"), ("RUS", "RUS_DPRK_2024", "state_of_war")}


def test_denmark_and_article_42_7_before_and_after_july_2022() -> None:
    on_germany_2021 = run(attacker="RUS", target="DEU", place="Berlin", date="2021-01-01")
    assert ("DNK", "EU_TEU_42_7") in contested(on_germany_2021)
    assert ("DNK", "EU_TEU_42_7") not in bound(on_germany_2021)
    assert bound(on_germany_2021)[("DNK", "NATO")] == ("5", "assist_as_deemed_necessary")
    on_germany_2023 = run(attacker="RUS", target="DEU", place="Berlin", date="2023-01-01")
    assert bound(on_germany_2023)[("DNK", "EU_TEU_42_7")] == ("42(7)", "automatic_assistance")
    on_finland_2022 = run(attacker="RUS", target="FIN", place="Helsinki", date="2022-06-01")
    assert {t for _, t in bound(on_finland_2022)} == {"EU_TEU_42_7"}


def test_republic_of_china_before_1980_only() -> None:
    in_1970 = run(attacker="CHN", target="TWN", place="Taipei", date="1970-01-01")
    assert bound(in_1970) == {("USA", "US_ROC_MDT"): ("V", "act_per_constitutional_processes")}
    alias = run(attacker="CHN", target="ROC", place="Taipei", date="1970-01-01")
    assert alias["attack"]["target"] == "TWN" and bound(alias) == bound(in_1970)
    okinawa_1968 = run(attacker="CHN", target="USA", place="Okinawa", date="1968-01-01")
    assert bound(okinawa_1968)[("TWN", "US_ROC_MDT")] == ("V", "act_per_constitutional_processes")
    assert bound(okinawa_1968)[("KOR", "US_ROK_MDT")] == ("III", "act_per_constitutional_processes")
    assert okinawa_1968["territory"]["administrator"] == "USA" and okinawa_1968["territory"]["sovereign"] == "JPN"
    # Rio Art. 3(3) turns on sovereignty: an administered island is no American State's territory -> Art. 6.
    assert bound(okinawa_1968)[("ARG", "RIO_TIAR")] == ("6", "consult")
    in_2025 = run(attacker="CHN", target="TWN", place="Taipei", date="2025-11-04")
    assert in_2025["obligations"] == [] and in_2025["contested"] == []


def test_vessel_in_the_mediterranean() -> None:
    result = run(attacker="RUS", target="ITA", kind="vessel", lat=35.0, lon=18.0, date="2025-11-04")
    assert bound(result) == {(s, "NATO"): ("5", "assist_as_deemed_necessary") for s in NATO_2025 if s != "ITA"}
    assert result["obligations"][0]["reason"] == (
        "Art. 5 applies: an armed attack on the public vessels of Italy in or over the Mediterranean Sea (Art. 6(ii)).")
    before_protocol = run(attacker="SUN", target="ITA", kind="vessel", lat=35.0, lon=18.0, date="1950-01-01")
    assert {a for a, _ in bound(before_protocol).values()} == {"4"}


def test_point_at_sea_is_nobodys_territory() -> None:
    result = run(attacker="RUS", lat=-40.0, lon=-120.0, date="2025-11-04")
    assert result["obligations"] == [] and result["attack"]["target"] is None
    assert result["territory"]["status"] == "sea" and result["territory"]["at_sea"] is True
    assert result["notes"] == [
        "no target: the point's territory is sea (at sea, outside the country layer and the authored places: no "
        "state's territory); give target to name the state attacked"]


def test_south_china_sea_us_philippines_bound_anzus_contested() -> None:
    phl = run(attacker="CHN", target="PHL", kind="vessel", place="Second Thomas Shoal", date="2025-11-04")
    assert bound(phl)[("USA", "US_PHL_MDT")] == ("IV", "act_per_constitutional_processes")
    aus = run(attacker="CHN", target="AUS", kind="vessel", lat=12.0, lon=113.0, date="2025-11-04")
    assert {("NZL", "ANZUS"), ("USA", "ANZUS")} <= contested(aus)


def test_ceuta_is_out_of_area_for_nato_but_eu_territory() -> None:
    result = run(attacker="MAR", target="ESP", place="Ceuta", date="2025-11-04")
    got = bound(result)
    assert {a for (s, t), (a, _) in got.items() if t == "NATO"} == {"4"}
    assert got[("FRA", "EU_TEU_42_7")] == ("42(7)", "automatic_assistance")


def test_manila_pact_us_understanding_inferred_from_regimes_explicit_input_overrides() -> None:
    inferred = run(attacker="CHN", target="THA", place="Bangkok", date="2025-11-04")
    assert bound(inferred)[("USA", "SEACDT")] == ("IV(1)", "act_per_constitutional_processes")
    usa = next(o for o in inferred["obligations"] if o["state"] == "USA")
    assert "CHN was ruled by a communist party in one-party rule on 2025-11-04" in usa["reason"]
    not_communist = run(attacker="KHM", target="THA", place="Bangkok", date="1995-01-01")
    assert bound(not_communist)[("USA", "SEACDT")] == ("IV(2)", "consult")
    overridden = run(attacker="CHN", target="THA", place="Bangkok", date="2025-11-04", communist_aggressor=False)
    assert bound(overridden)[("USA", "SEACDT")] == ("IV(2)", "consult")
    unspecified = run(target="THA", place="Bangkok", date="2025-11-04")
    assert pending(unspecified) == {("USA", "SEACDT", "communist_aggressor")}
    pakistan_1975 = run(attacker="IND", target="PAK", place="Karachi", date="1975-01-01")
    assert pakistan_1975["obligations"] == []


def test_attacker_and_target_never_listed() -> None:
    result = run(attacker="USA", target="CAN", place="Ottawa", date="2025-11-04")
    states = {o["state"] for o in result["obligations"]} | {c["state"] for c in result["contested"]}
    assert "USA" not in states and "CAN" not in states
    assert bound(result)[("FRA", "NATO")] == ("5", "assist_as_deemed_necessary")


def test_attack_without_attacker_is_an_unspecified_state() -> None:
    result = run(target="KOR", place="Seoul", date="2025-11-04")
    assert bound(result) == {("USA", "US_ROK_MDT"): ("III", "act_per_constitutional_processes")}
    assert result["attack"]["attacker"] is None


def test_greenland_is_danish_territory_in_north_america() -> None:
    result = run(attacker="RUS", place="Nuuk", date="2025-11-04")
    t = result["territory"]
    assert (t["sovereign"], t["administrators"], t["standing"], t["name"]) == ("DNK", ["DNK"], "dependency",
                                                                             "Greenland")
    assert result["attack"]["target"] == "DNK"
    assert {s for (s, tr), (a, _) in bound(result).items() if tr == "NATO" and a == "5"} == set(NATO_2025) - {"DNK"}
    assert result["obligations"][0]["reason"].startswith(
        "Art. 5 applies: an armed attack on the territory of Denmark in North America (Nuuk)")
    assert all(tr == "EU_TEU_42_7" for _, tr in contested(result))  # an overseas country or territory


def test_us_forces_at_yokosuka_oblige_japan_and_a_japanese_destroyer_abroad_gets_consultation() -> None:
    yokosuka = run(attacker="CHN", target="USA", kind="forces", place="Yokosuka", date="2025-11-04")
    assert {k: v for k, v in bound(yokosuka).items() if v[1] != "consult"} == {
        ("JPN", "US_JPN_TMCS"): ("V", "act_per_constitutional_processes"),
        ("AUS", "ANZUS"): ("IV", "act_per_constitutional_processes"),
        ("PHL", "US_PHL_MDT"): ("IV", "act_per_constitutional_processes")}
    destroyer = run(attacker="CHN", target="JPN", kind="vessel", lat=-20.0, lon=60.0, date="2025-11-04")
    assert bound(destroyer) == {("USA", "US_JPN_TMCS"): ("IV", "consult")}
