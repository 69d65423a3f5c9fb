"""The Burden page's JSON twin: the burden table, the Olson-Zeckhauser test and a path, as whole bodies."""

from __future__ import annotations

from pathlib import Path

from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

import allied

QUERY = {"alliance": None, "members": None, "year": None, "source": "sipri", "country": None, "target": None,
         "by": None, "gdp_growth": None}


def test_coalition_with_a_path(client: TestClient, db: Path) -> None:
    params = {"members": "USA,KOR,JPN", "year": "2024", "country": "KOR", "target": "3.5", "by": "2035"}
    body = client.get("/api/burden", params=params).json()
    who = {"members": "USA,KOR,JPN", "year": 2024, "source": "sipri", "db": db}
    assert body == {
        "query": {**QUERY, "members": "USA,KOR,JPN", "year": 2024, "country": "KOR", "target": 3.5, "by": 2035},
        "rows": jsonable_encoder(allied.burden(**who)),
        "olson_zeckhauser": jsonable_encoder(allied.olson_zeckhauser(**who)),
        "path": jsonable_encoder(allied.burden_path("KOR", 3.5, 2035, db=db)),
    }
    pct = {r["iso3"]: round(r["milex_pct_gdp"], 2) for r in body["rows"]}
    assert (pct["KOR"], pct["JPN"]) == (2.56, 1.37)  # SIPRI's own share of GDP (issue 4)
    assert body["path"]["path"][-1]["year"] == 2035


def test_alliance_without_a_path(client: TestClient, db: Path) -> None:
    body = client.get("/api/burden", params={"alliance": "NATO", "year": "2024"}).json()
    assert body["path"] is None
    assert body["rows"] == jsonable_encoder(allied.burden(alliance="NATO", year=2024, db=db))
    assert body["query"] == {**QUERY, "alliance": "NATO", "year": 2024}


def test_empty_form_fields_mean_not_given(client: TestClient) -> None:
    full = client.get("/api/burden", params={"alliance": "NATO", "year": "2024"}).json()
    blank = client.get("/api/burden", params={"alliance": "NATO", "members": "", "year": "2024", "country": "",
                                              "target": "", "by": "", "gdp_growth": " "}).json()
    assert blank == full


def test_bad_inputs(client: TestClient) -> None:
    r = client.get("/api/burden", params={"members": "USA,XXX", "year": "2024"})
    assert r.status_code == 400
    assert r.json()["error"]["field"] == "members"
    assert r.json()["error"]["message"].startswith("members: 'XXX' is not allowed")
    r = client.get("/api/burden", params={"alliance": "NATO", "year": "20x4"})
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "InputError", "field": "year", "message":
                                  "year: '20x4' is not allowed; Input should be a valid integer, unable to parse "
                                  "string as an integer"}}
    r = client.get("/api/burden", params={"alliance": "NOPE", "year": "2024"})
    assert r.status_code == 404
    assert r.json()["error"]["type"] == "NotFoundError"
    r = client.get("/api/burden", params={"alliance": "NATO", "country": "KOR", "target": "3.5"})
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "InputError", "field": "by",
                                  "message": "by: no value was given; expected a year such as 2024"}}


def test_page_keeps_the_form_and_shows_the_message(client: TestClient) -> None:
    r = client.get("/burden", params={"alliance": "NATO", "year": "20x4"})
    assert r.status_code == 400
    assert "year: &#39;20x4&#39; is not allowed" in r.text
    assert 'value="20x4"' in r.text
    assert '<option value="NATO" selected>' in r.text


def test_page_table_has_one_row_per_member(client: TestClient, db: Path) -> None:
    r = client.get("/burden", params={"alliance": "NATO", "year": "2024"})
    members = [row["iso3"] for row in allied.burden(alliance="NATO", year=2024, db=db)]
    assert r.text.count("<tr data-iso3=") == len(members)
