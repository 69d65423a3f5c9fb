"""JSON twins of the Data and Treaties pages and the reference look-ups, asserted as whole bodies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

import allied


def _add_dataset(db: Path) -> None:
    con = allied.connect(db)
    con.execute(
        "INSERT INTO datasets VALUES ('sipri', 'sipri', 'SIPRI-Milex-data-1949-2024.xlsx', 'ab12', "
        "'SIPRI Milex April 2025', TIMESTAMP '2025-05-01 10:00:00', 12345, 1949, 2024, 173, 'test row')"
    )
    con.close()


def test_data_lists_datasets_reference_and_treaties(client: TestClient, db: Path) -> None:
    _add_dataset(db)
    ref = allied.reference()
    body = client.get("/api/data").json()
    assert body == {
        "version": allied.__version__,
        "datasets": jsonable_encoder(allied.data_status(db)),
        "reference": {"states": len(ref.states), "treaties": len(ref.treaties), "officials": len(ref.officials),
                      "organizations": len(ref.organizations), "forums": len(ref.forums),
                      "places": len(ref.places)},
        "treaties": jsonable_encoder(allied.treaties()),
    }
    sipri = [d for d in body["datasets"] if d["dataset"] == "sipri"]
    assert sipri[0] == {"dataset": "sipri", "kind": "sipri", "file": "SIPRI-Milex-data-1949-2024.xlsx",
                        "release": "SIPRI Milex April 2025", "imported_at": "2025-05-01T10:00:00", "rows": 12345,
                        "min_year": 1949, "max_year": 2024, "countries": 173, "note": "test row",
                        "origin": "imported", "in_use": True}
    assert [(d["origin"], d["in_use"]) for d in sipri[1:]] in ([], [("snapshot", False)])


def test_data_page_shows_the_dataset_row(client: TestClient, db: Path) -> None:
    _add_dataset(db)
    page = client.get("/data")
    assert page.status_code == 200
    assert "<td>SIPRI Milex April 2025</td>" in page.text
    assert "1949–2024" in page.text


def test_data_page_lists_what_answers_queries(client: TestClient, db: Path) -> None:
    rows = client.get("/data")
    in_use = [d for d in allied.data_status(db) if d["in_use"]]
    assert rows.text.count('class="in-use"') == len(in_use)


def test_treaties_of_germany_in_2020(client: TestClient) -> None:
    nato = allied.treaty("NATO")
    body = client.get("/api/treaties", params={"state": "deu", "date": "2020-01-01"}).json()
    assert body == {"state": "deu", "date": "2020-01-01",
                    "treaties": jsonable_encoder(allied.treaties(state="DEU", date="2020-01-01"))}
    row = next(t for t in body["treaties"] if t["id"] == "NATO")
    assert row == {"id": "NATO", "name": nato.name, "in_force": "1949-08-24", "terminated": None,
                   "party_since": "1955-05-06", "source": nato.source}


def test_treaty_record(client: TestClient) -> None:
    body = client.get("/api/treaties/nato").json()
    assert body == jsonable_encoder(allied.treaty_record(allied.treaty("NATO")))
    assert body["in_force"] == "1949-08-24"
    assert "5" in [c["article"] for c in body["clauses"]]


def test_states_carry_the_basemap_numeric_code(client: TestClient) -> None:
    rows = {r["iso3"]: r for r in client.get("/api/states").json()["states"]}
    assert rows["KOR"] == {"iso3": "KOR", "name": allied.reference().states["KOR"].name, "historic": False,
                           "numeric": "410"}
    assert rows["SUN"]["historic"] is True
    assert rows["SUN"]["numeric"] is None
    assert len(rows) == len(allied.reference().states)


def test_officials(client: TestClient) -> None:
    body = client.get("/api/officials", params={"q": "hegseth"}).json()
    assert body == {"q": "hegseth", "officials": jsonable_encoder(allied.find_officials("hegseth"))}
    assert [o["id"] for o in body["officials"]] == ["person:pete-hegseth"]


def test_the_page_links_its_json_twin_with_the_same_query(client: TestClient) -> None:
    page = client.get("/treaties", params={"state": "DEU", "date": "2020-01-01"})
    assert 'href="/api/treaties?state=DEU&amp;date=2020-01-01"' in page.text


def test_openapi_describes_every_json_twin(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths == {"/api/data", "/api/treaties", "/api/treaties/{treaty_id}", "/api/states", "/api/officials",
                     "/api/obligations", "/api/burden", "/api/events", "/api/brief", "/api/brief/render"}
    assert all(p.startswith("/api/") for p in paths)


@pytest.mark.parametrize("path", ["/", "/data", "/treaties", "/treaties/NATO"])
def test_pages_answer_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_dates_in_documents_are_iso(client: TestClient) -> None:
    body = client.get("/api/treaties/NATO").json()
    assert dt.date.fromisoformat(body["signed"]) == allied.treaty("NATO").signed
