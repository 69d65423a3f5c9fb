"""Bad input: one JSON error shape and a 4xx everywhere, a readable message on the page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import allied
from allied.model import InputError, NotFoundError


def _message(call: object) -> str:
    with pytest.raises((InputError, NotFoundError)) as info:
        call()  # type: ignore[operator]
    return str(info.value)


def test_unknown_country(client: TestClient) -> None:
    r = client.get("/api/treaties", params={"state": "XXX"})
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "InputError", "field": "state",
                                  "message": _message(lambda: allied.treaties(state="XXX"))}}


def test_malformed_date(client: TestClient) -> None:
    r = client.get("/api/treaties", params={"state": "DEU", "date": "2020-13-45"})
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "InputError", "field": "date",
                                  "message": "date: '2020-13-45' is not allowed; expected a date as YYYY-MM-DD"}}


def test_unknown_treaty_is_404(client: TestClient) -> None:
    r = client.get("/api/treaties/FOO")
    assert r.status_code == 404
    assert r.json() == {"error": {"type": "NotFoundError", "message": _message(lambda: allied.treaty("FOO"))}}


def test_missing_parameter_has_the_same_shape(client: TestClient) -> None:
    r = client.get("/api/officials")
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "InputError", "field": "q", "message": "q: a value is required"}}


def test_unknown_api_path_and_method(client: TestClient) -> None:
    assert client.get("/api/nothing").json() == {"error": {"type": "NotFound", "message": "Not Found"}}
    r = client.post("/api/data")
    assert r.status_code == 405
    assert r.json() == {"error": {"type": "MethodNotAllowed", "message": "Method Not Allowed"}}


def test_page_shows_the_message_with_a_4xx(client: TestClient) -> None:
    r = client.get("/treaties", params={"state": "XXX"})
    assert r.status_code == 400
    assert 'role="alert"' in r.text
    assert "state: &#39;XXX&#39; is not allowed" in r.text
    assert 'value="XXX"' in r.text  # the form keeps what was typed


def test_unknown_page_is_a_readable_404(client: TestClient) -> None:
    r = client.get("/treaties/FOO")
    assert r.status_code == 404
    assert "treaty &#39;FOO&#39; is not known" in r.text
