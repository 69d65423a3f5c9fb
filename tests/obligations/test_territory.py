"""Whose territory, on that date (issue 12): dependencies, microstates, enclaves, coasts, borders, de facto
entities, historic dates, ambiguous names and named islands, each from the reference's dated facts."""

from __future__ import annotations

import datetime as dt

import pytest

import allied
from tests.obligations.obligations_helpers import bound, run

NATO_1955 = sorted(allied.treaty("NATO").parties_on(dt.date(1955, 6, 1)))


def _t(result: dict) -> tuple:  # type: ignore[type-arg]
    t = result["territory"]
    return t["sovereign"], t["administrators"], t["standing"], t["name"]


def test_dependency_bermuda_is_a_british_island_in_the_north_atlantic() -> None:
    result = run(attacker="RUS", place="Hamilton", lat=32.2833, lon=-64.7833, date="2025-11-04")
    assert _t(result) == ("GBR", ["GBR"], "dependency", "Bermuda")
    assert bound(result)[("USA", "NATO")] == ("5", "assist_as_deemed_necessary")
    assert "island under the jurisdiction of United Kingdom in the North Atlantic" in result["obligations"][0]["reason"]


def test_microstate_monaco_is_itself_and_gibraltar_is_british() -> None:
    monaco = run(attacker="RUS", place="Monaco", date="2025-11-04")
    assert _t(monaco)[:3] == ("MCO", ["MCO"], "sovereign") and monaco["obligations"] == []
    gibraltar = run(attacker="ESP", place="Gibraltar", date="2025-11-04")
    assert _t(gibraltar) == ("GBR", ["GBR"], "dependency", "Gibraltar")
    assert any("overrules the neighbouring border polygon" in e for e in gibraltar["resolution"]["evidence"])


def test_enclave_vatican_city_is_not_italy() -> None:
    result = run(attacker="RUS", lat=41.9029, lon=12.4534, date="2025-11-04")
    assert _t(result)[:3] == ("VAT", ["VAT"], "sovereign") and result["attack"]["target"] == "VAT"
    assert result["obligations"] == []


def test_coastal_point_in_the_harbour_is_land_of_the_falklands() -> None:
    result = run(attacker="ARG", lat=-51.690, lon=-57.835, date="2025-11-04")  # in Stanley Harbour
    assert _t(result)[0] == "GBR" and result["attack"]["target"] == "GBR"
    assert any("within about 5 km of the coast of Falkland Is." in e for e in result["resolution"]["evidence"])
    assert {a for (_, tr), (a, _) in bound(result).items() if tr == "NATO"} == {"4"}  # out of the Art. 6 area


def test_border_town_narva_named_in_estonia_beats_the_border_polygon() -> None:
    result = run(attacker="RUS", target="EST", place="Narva", lat=59.3772, lon=28.1903, date="2025-11-04")
    assert _t(result)[:2] == ("EST", ["EST"])
    assert bound(result)[("USA", "NATO")] == ("5", "assist_as_deemed_necessary")
    assert any(e.startswith("gazetteer: Narva lies in EST") for e in result["resolution"]["evidence"])


def test_de_facto_northern_cyprus_is_cyprus_de_jure_not_under_its_control() -> None:
    kyrenia = run(attacker="TUR", place="Kyrenia", date="2025-11-04")
    assert _t(kyrenia)[:3] == ("CYP", ["XNC"], "de_facto")
    assert kyrenia["attack"]["target"] == "CYP"
    assert "not under the sovereign's control" in kyrenia["notes"][0]
    assert bound(kyrenia)[("GRC", "EU_TEU_42_7")] == ("42(7)", "automatic_assistance")
    nicosia = run(attacker="TUR", target="CYP", place="Nicosia", date="2025-11-04")
    assert _t(nicosia)[:2] == ("CYP", ["CYP"])
    assert any("overrules the 1:110m polygon" in e for e in nicosia["resolution"]["evidence"])


def test_historic_dates_tallinn_1980_algiers_1955_dhaka_1965() -> None:
    tallinn = run(attacker="SWE", place="Tallinn", date="1980-05-05")
    assert _t(tallinn) == ("EST", ["SUN"], "occupied", "Estonia") and tallinn["attack"]["target"] == "SUN"
    algiers = run(attacker="EGY", place="Algiers", date="1955-06-01")
    assert _t(algiers)[:3] == ("FRA", ["FRA"], "sovereign")
    assert bound(algiers) == {(s, "NATO"): ("5", "assist_as_deemed_necessary") for s in NATO_1955 if s != "FRA"}
    assert "the Algerian Departments of France" in algiers["obligations"][0]["reason"]
    assert run(attacker="EGY", place="Algiers", date="1963-01-01")["attack"]["target"] == "DZA"
    dhaka = run(attacker="IND", place="Dhaka", date="1965-01-01")
    assert _t(dhaka)[:3] == ("PAK", ["PAK"], "state_part") and dhaka["attack"]["target"] == "PAK"
    assert bound(dhaka)[("GBR", "SEACDT")] == ("IV(1)", "act_per_constitutional_processes")


def test_no_dated_fact_is_unknown_never_todays_map() -> None:
    before = run(attacker="DEU", place="Tallinn", date="1930-01-01")
    assert before["territory"]["status"] == "unknown" and before["attack"]["target"] is None
    assert "the reference has no fact for 1930-01-01" in before["territory"]["note"]
    berlin = run(attacker="SUN", place="Berlin", date="1970-01-01")
    assert berlin["territory"]["status"] == "unknown"
    assert "West Berlin: sovereign none, administered by USA|GBR|FRA" in berlin["territory"]["note"]
    assert "East Berlin: sovereign none, administered by DDR" in berlin["territory"]["note"]
    bonn = run(attacker="SUN", place="Bonn", date="1970-01-01")
    assert _t(bonn)[0] == "DEU" and ("USA", "NATO") in bound(bonn)


def test_ambiguous_name_is_an_error_listing_candidates_with_countries() -> None:
    with pytest.raises(allied.InputError) as err:
        run(attacker="CHN", place="Stanley", date="2025-11-04")
    assert "'Stanley' names places in 2 states: Stanley (GBR; 54.87, -1.70), Stanley (FLK;" in str(err.value)
    assert run(attacker="ARG", place="Port Stanley, Falkland Islands", date="2025-11-04")["territory"]["name"] == (
        "Falkland Islands (Malvinas)")
    assert run(attacker="IND", place="Islamabad", date="2025-11-04")["attack"]["target"] == "PAK"
    assert run(attacker="CHN", place="Stanley", target="GBR", date="2025-11-04")["territory"]["name"] == (
        "United Kingdom")


def test_named_islands_taiwan_and_the_pescadores_not_kinmen() -> None:
    penghu = run(attacker="CHN", place="Penghu", date="1958-08-23")
    assert bound(penghu) == {("USA", "US_ROC_MDT"): ("V", "act_per_constitutional_processes")}
    kinmen = run(attacker="CHN", place="Kinmen", date="1958-08-23")
    assert _t(kinmen)[:3] == ("TWN", ["TWN"], "contested") and kinmen["obligations"] == []


def test_every_answer_shows_coordinates_and_resolution() -> None:
    result = run(attacker="PRK", place="Seoul", date="2025-11-04")
    assert result["attack"]["lat"] == pytest.approx(37.566, abs=0.01)
    assert result["resolution"]["evidence"][0].startswith("place Seoul (KOR; 37.57, 126.98)")


def test_vessels_are_covered_only_where_a_clause_names_vessels() -> None:
    rok = run(attacker="PRK", target="KOR", kind="vessel", lat=37.0, lon=125.0, date="2025-11-04")
    assert bound(rok) == {("USA", "US_ROK_MDT"): ("II", "consult")}
    assert "US_ROK_MDT Art. III: the text names no vessels" in " ".join(rok["notes"])
    phl = run(attacker="CHN", target="PHL", kind="vessel", place="Second Thomas Shoal", date="2025-11-04")
    assert bound(phl)[("USA", "US_PHL_MDT")] == ("IV", "act_per_constitutional_processes")  # Art. V names them


def test_supplementary_statement_is_a_dated_clause_with_its_own_scope() -> None:
    before = run(attacker="CHN", target="PHL", kind="vessel", place="Second Thomas Shoal", date="2015-01-01")
    assert ("USA", "US_PHL_MDT") not in bound(before)
    assert any(c["state"] == "USA" and "before the US statement of 1 Mar 2019" in c["reason"]
               for c in before["contested"])
    after = run(attacker="CHN", target="PHL", kind="vessel", place="Second Thomas Shoal", date="2024-01-01")
    usa = next(o for o in after["obligations"] if o["treaty"] == "US_PHL_MDT")
    assert "by the US statement of 2023-05-03" in usa["reason"] and "Coast Guards" in usa["reason"]


def test_vague_area_is_certain_in_its_core_and_contested_at_its_edge() -> None:
    core = run(attacker="CHN", target="NZL", lat=-41.29, lon=174.78, date="2025-11-04")  # Wellington
    assert bound(core)[("GBR", "SEACDT")] == ("IV(1)", "act_per_constitutional_processes")
    edge = run(attacker="CHN", target="NZL", lat=-52.55, lon=169.15, date="2025-11-04")  # Campbell Island
    assert edge["territory"]["sovereign"] == "NZL"
    reasons = [c["reason"] for c in edge["contested"] if c["treaty"] == "SEACDT"]
    assert reasons and all("vague edge of 'the general area'" in r for r in reasons)
    assert bound(edge)[("AUS", "ANZUS")] == ("IV", "act_per_constitutional_processes")
