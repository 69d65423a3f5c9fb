"""Fuzz (bounded) over every route of the dashboard, enumerated from the app itself (so a route added later
is fuzzed without anyone remembering to): valid, odd and hostile values for each query, path and form
parameter, plus parameters nobody declared.

Every answer comes within 5 s (measured per request), is never a 5xx, has the one error shape on the JSON
API, carries no path on this machine and no traceback, never echoes markup unescaped into a page, and
leaves the store unchanged; a refused upload leaves the kept-articles folder unchanged too."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from starlette.routing import Mount, Route

import allied
from allied.web import create_app
from tests.hostile.conftest import PAYLOADS, budget, files_of, warm_news
from tests.hostile.strategies import BODY, WEIRD, encode

EXAMPLES = 30  # per route: about 20 routes x 30 requests
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parents[2]
README = Path(__file__).with_name("README.md")

GOOD = {  # plausible values per parameter name, so the fuzz reaches past the validation
    "state": ["USA", "KOR", "JPN", "DEU", "usa", "TWN"], "date": ["2024-01-01", "1950-06-25", "2026-03-04"],
    "q": ["Hegseth", "안규백", "Marles", "Koizumi"], "alliance": ["NATO", "US_ROK_MDT", "ANZUS"],
    "members": ["USA,KOR,JPN", "USA", "DEU,FRA,,"], "year": ["2023", "2024", "1949", "2031"],
    "source": ["sipri", "nato", "worldbank"], "country": ["KOR", "DEU", "AUS"], "target": ["3.5", "KOR", "2"],
    "by": ["2035", "2026"], "gdp_growth": ["1.5", "-3"], "attacker": ["PRK", "RUS", "CHN"],
    "place": ["Guam", "Tallinn", "Okinawa", "Atlantis"], "lat": ["37.5", "59.4", "-90", "90"],
    "lon": ["127", "24.7", "180", "-180"], "kind": ["territory", "vessel", "aircraft", "forces"],
    "request": ["true", "false", "1"], "conditions": ["state_of_war=false", "communist_aggressor=true"],
    "cascade": ["0", "1", "2"], "coverage": ["true", "false"], "resolution": ["2", "5", "10", "1"],
    "person": ["Richard Marles", "Pete Hegseth"], "forum": ["ADMM-Plus", "Shangri-La Dialogue"],
    "start": ["2026-01-01"], "end": ["2026-12-31"], "published": ["2026-03-04", "2026-02-30"],
    "article": ["0000000000000000", "../../etc/passwd"], "format": ["html", "markdown", "text", "json", "pdf"],
    "path": ["app.css", "js/../app.css", "../app.py", "..%2f..%2fapp.py", "%2e%2e/%2e%2e/app.py", "vendor/",
             "/etc/passwd", "app.css%00.js"],
    "treaty_id": ["NATO", "US_ROK_MDT", "ANZUS", "nato", "..", "%2e%2e"],
}
HOSTILE = st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(WEIRD),
                    st.sampled_from(["nan", "inf", "-inf", "1e309", "-1", "0", "99999999999999999999", "", " ",
                                     "true,false", "[]", "{}", "null", "%00", "\\", "' OR 1=1 --"]),
                    st.text(max_size=40))
UNESCAPED = re.compile(r"<x-hostile|<script>window\.__pwned|<img src=x onerror|<svg onload|<iframe src=\"https://"
                       r"attacker|<meta http-equiv=\"refresh\"|<a href=\"javascript:", re.I)
INTERNALS = re.compile(r"Traceback|File \"|/work/|/tmp/|/root/|site-packages")


def _value(name: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(GOOD.get(name, ["x"])), HOSTILE)


def _query_names(route: APIRoute) -> list[str]:
    names = []
    for param in route.dependant.query_params:
        kind = param.field_info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            names += list(kind.model_fields)
        else:
            names.append(param.name)
    return names


def _routes() -> list[tuple[str, str]]:
    """Every (method, path) the app answers, read from the app."""
    out = []
    for route in create_app(":memory:").routes:
        if isinstance(route, Mount):
            out.append(("GET", route.path + "/{path}"))
        elif isinstance(route, APIRoute | Route):
            out += [(m, route.path) for m in sorted(route.methods or []) if m != "HEAD"]
    return sorted(set(out))


ROUTES = _routes()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """The dashboard over a store holding the example articles' events."""
    db = tmp_path_factory.mktemp("web") / "allied.duckdb"
    allied.ingest(sorted((ROOT / "examples").glob("*.txt")), db=db)
    with TestClient(create_app(db), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        warm_news()  # the engines loaded outside the measured requests
        client.post("/api/brief", data={"text": (ROOT / "examples" / "marles-indopazifik.txt").read_text()})
        client.get("/api/obligations?attacker=PRK&target=KOR&date=2024-01-01")
        yield client, db


def test_the_map_lists_every_route() -> None:
    """tests/hostile/README.md names each route the app answers, and no other."""
    listed = set(re.findall(r"^\| `(GET|POST) ([^`]+)`", README.read_text(), re.M))
    missing, gone = sorted(set(ROUTES) - listed), sorted(listed - set(ROUTES))
    assert not missing and not gone, f"add to README.md: {missing}; no longer routes: {gone}"


def _fingerprint(db: Path) -> tuple[str, bool]:
    """The store file's bytes (hashed) and whether a write-ahead log is beside it: a reader changes neither."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.with_name(db.name + ".wal").exists()


def _check(response: Any, path: str, sent: str) -> None:
    status, text = response.status_code, response.text
    assert status < 500, f"{path} {sent}: {status} {text[:300]}"
    assert not INTERNALS.search(text) or path == "/openapi.json", f"{path}: internals in the answer: {text[:300]}"
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/html") and not path.startswith("/static"):
        assert not UNESCAPED.search(text), f"{path} {sent}: markup echoed unescaped"
    if path.startswith("/static") and status == 200:
        assert "import " not in text or "vega" in text, f"{path}: served a file from outside the static folder"
    if status >= 400 and kind.startswith("application/json"):
        body = response.json()
        assert set(body) == {"error"} and {"type", "message"} <= set(body["error"]), body


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route(method: str, path: str, served: tuple[TestClient, Path]) -> None:
    client, db = served
    route = next((r for r in client.app.routes if isinstance(r, APIRoute) and r.path == path  # type: ignore[attr-defined]
                  and method in r.methods), None)
    names = _query_names(route) if route is not None else []
    holes = re.findall(r"{(\w+)}", path)
    warm = {n: GOOD.get(n, ["x"])[0] for n in names}
    if method == "GET":  # the route's engine loaded (lazily, on first use) outside the measured requests
        client.get(re.sub(r"{(\w+)}", lambda m: GOOD.get(m.group(1), ["x"])[0], path), params=warm)
    store = _fingerprint(db)
    kept = client.app.state.articles.folder  # type: ignore[attr-defined]

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={n: _value(n) for n in names}),
           st.fixed_dictionaries({h: _value(h) for h in holes}),
           st.dictionaries(st.text(min_size=1, max_size=8), HOSTILE, max_size=2),
           st.data())
    def run(query: dict[str, str], parts: dict[str, str], extra: dict[str, str], data: st.DataObject) -> None:
        url = path
        for hole, value in parts.items():
            url = url.replace("{" + hole + "}", quote(value, safe="%/" if hole == "path" else "%"))
        params = {**extra, **query}
        with budget(f"{method} {url}"):
            if method == "GET":
                response = client.get(url, params=params)
            else:
                before = files_of(kept)
                response = _post(client, url, params, data)
        _check(response, path, repr(params)[:200])
        if method == "POST" and response.status_code >= 400:
            assert files_of(kept) == before, "a refused article left something behind"
        assert _fingerprint(db) == store, "a request changed the store"

    run()


def _post(client: TestClient, url: str, params: dict[str, str], data: st.DataObject) -> Any:
    """A pasted or uploaded article, possibly hostile, possibly from another site."""
    text = data.draw(st.one_of(BODY, st.sampled_from(PAYLOADS)), label="text")
    published = data.draw(st.one_of(st.none(), _value("published")), label="published")
    headers = data.draw(st.sampled_from([{}, {"Origin": "http://127.0.0.1"}, {"Origin": "https://attacker.example"},
                                         {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}]), label="headers")
    form = {"published": published} if published is not None else {}
    if data.draw(st.booleans(), label="upload"):
        name = data.draw(st.sampled_from(["a.txt", "a.html", "a.exe", "../../a.txt", "", "a.TXT", "a.htm.exe"]))
        body = data.draw(st.one_of(st.just(encode(text)), st.binary(max_size=200)), label="file")
        return client.post(url, params=params, data=form, files={"file": (name, body)}, headers=headers)
    return client.post(url, params=params, data={**form, "text": text}, headers=headers)
