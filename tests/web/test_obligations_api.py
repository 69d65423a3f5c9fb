"""The Obligations page's JSON twin, as whole bodies, on the worked cases of issue 3."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

import allied

QUERY = {"attacker": None, "target": None, "place": None, "lat": None, "lon": None, "date": None,
         "kind": "territory", "request": False, "conditions": None, "cascade": 0, "coverage": False, "resolution": 2.0}


def _get(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/api/obligations", params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_north_korea_attacks_seoul(client: TestClient) -> None:
    body = _get(client, attacker="PRK", target="KOR", place="Seoul", date="2025-11-04")
    attack = {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04", "kind": "territory",
              "request": False}
    assert body == {"query": {**QUERY, "attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"},
                    "result": allied.obligations(attack), "coverage": None}
    bound = [(o["state"], o["treaty"], o["article"], o["strength"]) for o in body["result"]["obligations"]]
    assert bound == [("USA", "US_ROK_MDT", "III", "act_per_constitutional_processes")]


def test_a_clicked_point_with_cascade_and_coverage(client: TestClient) -> None:
    body = _get(client, attacker="RUS", lat="56.95", lon="24.1", date="2005-06-01", cascade="1", coverage="true",
                resolution="5")
    attack = {"attacker": "RUS", "lat": 56.95, "lon": 24.1, "date": "2005-06-01", "kind": "territory",
              "request": False}
    assert body == {
        "query": {**QUERY, "attacker": "RUS", "lat": 56.95, "lon": 24.1, "date": "2005-06-01", "cascade": 1,
                  "coverage": True, "resolution": 5.0},
        "result": allied.obligations(attack, cascade=1),
        "coverage": allied.coverage("RUS", "2005-06-01", 5.0).geojson(),
    }
    assert body["result"]["attack"]["target"] == "LVA"
    assert {o["treaty"] for o in body["result"]["obligations"]} == {"NATO"}


def test_riga_before_latvia_joined(client: TestClient) -> None:
    body = _get(client, attacker="RUS", target="LVA", place="Riga", date="2003-06-01")
    assert [o for o in body["result"]["obligations"] if o["treaty"] == "NATO"] == []


@pytest.mark.parametrize(("params", "field"), [
    ({"attacker": "XXX", "place": "Seoul", "date": "2025-11-04"}, "attacker"),
    ({"attacker": "PRK", "place": "Seoul", "date": "04/11/2025"}, "date"),
    ({"attacker": "PRK", "place": "Seoul", "date": "1899-12-31"}, "date"),
    ({"attacker": "PRK", "lat": "95", "lon": "0", "date": "2025-11-04"}, "lat"),
    ({"attacker": "PRK", "place": "Seoul", "date": "2025-11-04", "kind": "boat"}, "kind"),
    ({"attacker": "PRK", "place": "Nowhereville", "date": "2025-11-04"}, "place"),
    ({"attacker": "PRK", "place": "Seoul", "date": "2025-11-04", "cascade": "-1"}, "cascade"),
    ({"attacker": "PRK", "place": "Seoul", "date": "2025-11-04", "coverage": "true", "resolution": "7"},
     "resolution"),
    ({"attacker": "PRK", "lat": "north", "date": "2025-11-04"}, "lat"),
])
def test_bad_input_names_the_field(client: TestClient, params: dict[str, str], field: str) -> None:
    r = client.get("/api/obligations", params=params)
    assert r.status_code == 400
    error = r.json()["error"]
    assert (set(error), error["type"], error["field"]) == ({"type", "message", "field"}, "InputError", field)


def test_the_message_is_the_engines_own(client: TestClient) -> None:
    r = client.get("/api/obligations", params={"attacker": "PRK", "place": "Seoul", "date": "2025-11-04",
                                               "kind": "boat"})
    with pytest.raises(allied.InputError) as info:
        allied.obligations({"attacker": "PRK", "place": "Seoul", "date": "2025-11-04", "kind": "boat"})
    assert r.json() == {"error": {"type": "InputError", "field": "kind", "message": str(info.value)}}


def test_page_lists_the_bound_and_quotes_each_article_once(client: TestClient) -> None:
    r = client.get("/obligations", params={"attacker": "RUS", "target": "LVA", "place": "Riga",
                                           "date": "2005-06-01"})
    bound = allied.obligations({"attacker": "RUS", "target": "LVA", "place": "Riga", "date": "2005-06-01"})
    assert r.text.count("<tr data-state=") == len(bound["obligations"])
    assert r.text.count('<section class="clause" id="text-NATO-5">') == 1
