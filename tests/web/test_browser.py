"""The dashboard in Debian's chromium: each page loads, its form submits, the result matches the JSON twin,
nothing is logged as an error and no request leaves 127.0.0.1. Screenshots go to screenshots/ (gitignored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser


def _api(web: Any, path: str, **params: str) -> dict:
    return httpx.get(web.base + path, params=params, timeout=30).json()  # type: ignore[no-any-return]


def test_data_page(web: Any) -> None:
    web.page.goto(web.base + "/data")
    api = _api(web, "/api/data")
    treaty_links = web.page.locator("#treaty-list a.treaty").evaluate_all("as => as.map(a => a.title)")
    assert treaty_links == [t["id"] for t in api["treaties"]]
    names = web.page.locator("#treaty-list a.treaty").all_inner_texts()
    assert names == [t["name"] for t in api["treaties"]]  # people read names; the id is the link's title
    assert "None" not in web.page.inner_text("#datasets")
    rows = web.page.locator("#reference tr").all_inner_texts()
    assert rows == [f"{k}\t{v}" for k, v in api["reference"].items()]
    web.shot("data")
    web.assert_clean()


def test_treaties_form_puts_its_state_in_the_url(web: Any) -> None:
    web.page.goto(web.base + "/treaties")
    web.page.fill("input[name=state]", "DEU")
    web.page.fill("input[name=date]", "2020-01-01")
    web.page.click("#form button[type=submit]")
    web.page.wait_for_load_state()
    assert web.page.url == web.base + "/treaties?state=DEU&date=2020-01-01"
    api = _api(web, "/api/treaties", state="DEU", date="2020-01-01")
    ids = web.page.locator("#result tbody tr td:first-child").all_inner_texts()
    assert ids == [t["id"] for t in api["treaties"]]
    web.shot("treaties")
    web.assert_clean()


def test_bad_input_shows_a_readable_message(web: Any) -> None:
    response = web.page.goto(web.base + "/treaties?state=XXX")
    assert response is not None and response.status == 400
    api = _api(web, "/api/treaties", state="XXX")
    text = web.page.locator("#error").inner_text()
    assert text == f"InputError in state: {api['error']['message']}"
    web.shot("treaties-error")
    # the only console line is chromium's own note of the 400 status of the document
    assert [e for e in web.console_errors if "status of 400" not in e] == []
    assert web.outside == []


def test_treaty_page(web: Any) -> None:
    web.page.goto(web.base + "/treaties/NATO")
    api = _api(web, "/api/treaties/NATO")
    assert web.page.locator("h1").inner_text() == f"NATO: {api['name']}"
    assert web.page.locator("blockquote").all_inner_texts() == [c["quote"].strip() for c in api["clauses"]]
    web.shot("treaty-nato")
    web.assert_clean()


def test_burden_page(web: Any) -> None:
    web.page.goto(web.base + "/burden")
    web.page.select_option("#alliance", "NATO")
    web.page.fill("input[name=year]", "2024")
    web.page.fill("input[name=country]", "KOR")
    web.page.fill("input[name=target]", "3.5")
    web.page.fill("input[name=by]", "2035")
    web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#chart-path[data-ready='1']")
    web.page.wait_for_selector("#chart-pct[data-ready='1']")
    web.page.wait_for_selector("#chart-shares[data-ready='1']")
    query = "alliance=NATO&year=2024&source=sipri&country=KOR&target=3.5&by=2035"
    assert web.page.url == web.base + "/burden?" + query
    api = _api(web, "/api/burden", alliance="NATO", year="2024", source="sipri", country="KOR", target="3.5",
               by="2035")
    assert web.page.locator("#result tbody tr").evaluate_all("rs => rs.map(r => r.dataset.iso3)") == [
        r["iso3"] for r in api["rows"]]
    pct = web.page.locator("#result tbody tr td:nth-child(5)").all_inner_texts()
    assert pct == [("—" if r["milex_pct_gdp"] is None else f"{r['milex_pct_gdp']:,.2f}")
                   + (" e" if r["estimate"] else "") for r in api["rows"]]
    years = web.page.locator("#path tbody tr td:first-child").all_inner_texts()
    assert years == [str(y["year"]) for y in api["path"]["path"]]
    assert web.page.locator("#chart-pct svg .mark-rect path").count() == sum(
        r["milex_pct_gdp"] is not None for r in api["rows"])
    web.shot("burden")
    web.assert_clean()


def _screen_point(web: Any, lon: float, lat: float) -> tuple[float, float]:
    """Where the map draws (lon, lat), in page pixels."""
    return tuple(web.page.evaluate(  # type: ignore[return-value]
        """([lon, lat]) => { const svg = document.getElementById('map');
             const [x, y] = allied.pageMap.projection([lon, lat]);
             const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()); return [p.x, p.y]; }""",
        [lon, lat]))


def test_obligations_click_on_the_map(web: Any) -> None:
    web.page.goto(web.base + "/obligations")
    web.page.fill("input[name=attacker]", "PRK")
    web.page.fill("input[name=date]", "2025-11-04")
    web.page.wait_for_selector("#map[data-ready='1']")
    x, y = _screen_point(web, 127.0, 37.0)  # inland South Korea
    with web.page.expect_navigation():
        web.page.mouse.click(x, y)
    web.page.wait_for_selector("#map[data-drawn='1']")
    params = dict(p.split("=") for p in web.page.url.split("?")[1].split("&"))
    assert (params["attacker"], params["date"], params["kind"]) == ("PRK", "2025-11-04", "territory")
    assert abs(float(params["lat"]) - 37.0) < 0.5 and abs(float(params["lon"]) - 127.0) < 0.5
    api = _api(web, "/api/obligations", **params)
    assert api["result"]["attack"]["target"] == "KOR"
    states = web.page.locator("#result tbody tr").evaluate_all("rs => rs.map(r => r.dataset.state)")
    assert states == [o["state"] for o in api["result"]["obligations"]]
    assert web.page.locator("#map path.target").count() == 1
    assert web.page.locator("#map circle.pick").count() == 1
    web.shot("obligations-click")
    web.assert_clean()


def test_obligations_place_cascade_and_coverage(web: Any) -> None:
    web.page.goto(web.base + "/obligations?attacker=RUS&place=Riga&date=2005-06-01&cascade=1")
    web.page.check("#coverage")
    web.page.select_option("select[name=resolution]", "5")
    web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#map[data-drawn='1']")
    api = _api(web, "/api/obligations", attacker="RUS", place="Riga", date="2005-06-01", cascade="1",
               coverage="true", resolution="5")
    assert web.page.locator("#map path.cover").count() == len(api["coverage"]["features"])
    assert web.page.locator("#rounds li").count() == len(api["result"]["rounds"])
    assert web.page.locator("#texts section").count() == len(
        {(o["treaty"], o["article"]) for o in api["result"]["obligations"]})
    web.shot("obligations-coverage")
    web.assert_clean()


def test_obligations_unknown_place_is_explained(web: Any) -> None:
    response = web.page.goto(web.base + "/obligations?attacker=PRK&place=Nowhereville&date=2025-11-04")
    assert response is not None and response.status == 400
    api = _api(web, "/api/obligations", attacker="PRK", place="Nowhereville", date="2025-11-04")
    assert web.page.locator("#error").inner_text() == f"InputError in place: {api['error']['message']}"
    assert web.page.input_value("input[name=place]") == "Nowhereville"
    web.shot("obligations-error")


def test_events_filter_timeline_and_map(web: Any) -> None:
    web.page.goto(web.base + "/events")
    web.page.fill("input[name=person]", "Richard Marles")
    web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#map[data-drawn='1']")
    web.page.wait_for_selector("#timeline[data-ready='1']")
    assert web.page.url == web.base + "/events?person=Richard+Marles"
    api = _api(web, "/api/events", person="Richard Marles")
    ids = web.page.locator("#result tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert ids == [e["id"] for e in api["events"]]
    sentences = web.page.locator("#result blockquote").all_inner_texts()
    assert sentences == [ev["text"].strip() for e in api["events"] for s in e["sources"] for ev in s["evidence"]]
    assert web.page.locator("#itinerary tbody tr").count() == len(api["itinerary"])
    assert web.page.locator("#map circle.event").count() == sum(
        1 for e in api["events"] if e["place"] and e["place"]["lat"] is not None)
    assert web.page.locator("#map path.route").count() == 1
    web.shot("events")
    web.assert_clean()


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "marles-indopazifik.txt"


def test_brief_upload(web: Any) -> None:
    web.page.goto(web.base + "/brief")
    web.page.set_input_files("#file", str(EXAMPLE))
    web.page.fill("input[name=published]", "2026-03-01")
    with web.page.expect_navigation():
        web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#map[data-drawn='1']")
    web.page.wait_for_selector("#trend[data-ready='1']")
    query = web.page.url.split("?", 1)[1]
    params = dict(p.split("=") for p in query.split("&"))
    assert params["published"] == "2026-03-01" and len(params["article"]) == 16
    api = _api(web, "/api/brief", **params)
    assert web.page.locator("#title").inner_text() == api["title"]
    assert web.page.locator("#events tbody tr").count() == len(api["events"])
    assert web.page.locator("#figures tbody tr").evaluate_all("rs => rs.map(r => r.dataset.iso3)") == [
        r["iso3"] for r in api["figures"]["rows"]]
    assert web.page.locator("#no-link li").all_inner_texts() == [n["note"] for n in api["no_treaty_link"]]
    web.shot("brief")
    web.assert_clean()


def test_brief_paste_shares_the_same_link(web: Any) -> None:
    web.page.goto(web.base + "/brief")
    web.page.fill("#text", EXAMPLE.read_text(encoding="utf-8"))
    web.page.fill("input[name=published]", "2026-03-01")
    with web.page.expect_navigation():
        web.page.click("#form button[type=submit]")
    first = web.page.url
    web.page.goto(first)  # a shared link opens the same brief
    assert web.page.locator("#title").inner_text() == "Marles reist nach Tokio, Manila und Seoul"
    web.assert_clean()


def test_brief_refuses_a_binary_upload_with_a_message(web: Any, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    web.page.goto(web.base + "/brief")
    web.page.set_input_files("#file", str(picture))
    with web.page.expect_navigation() as nav:
        web.page.click("#form button[type=submit]")
    assert nav.value.status == 415
    message = web.page.locator("#error").inner_text()
    assert message == ("UnsupportedMedia in file: file: 'photo.png' is not allowed; expected a text file: "
                       ".txt, .text, .md, .html, .htm")
    web.shot("brief-error")
    assert [e for e in web.console_errors if "status of 415" not in e] == []
    assert web.outside == []


def test_every_page_in_the_menu_loads_clean(web: Any) -> None:
    web.page.goto(web.base + "/")
    links = web.page.locator("header nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == ["/brief", "/obligations", "/burden", "/events", "/data", "/treaties"]
    for href in links:
        response = web.page.goto(web.base + href)
        assert response is not None and response.status == 200, href
        assert web.page.locator("header nav a[aria-current=page]").get_attribute("href") == href
    web.shot("home-last-page")
    web.assert_clean()


def test_obligations_coverage_shows_dependencies(web: Any) -> None:
    query = {"attacker": "RUS", "place": "Nuuk", "date": "2025-11-04", "coverage": "true", "resolution": "2"}
    web.page.goto(web.base + "/obligations?" + "&".join(f"{k}={v}" for k, v in query.items()))
    web.page.wait_for_selector("#map[data-drawn='1']")
    api = _api(web, "/api/obligations", **query)
    features = api["coverage"]["features"]
    assert web.page.locator("#map path.cover").count() == len(features)

    def cover_at(lon: float, lat: float) -> dict:  # type: ignore[type-arg]
        for f in features:
            for (ring,) in f["geometry"]["coordinates"]:
                xs, ys = [p[0] for p in ring], [p[1] for p in ring]
                if min(xs) <= lon <= max(xs) and min(ys) <= lat <= max(ys):
                    return f["properties"]
        return {}

    assert cover_at(-45.0, 65.0)["target"] == "DNK" and cover_at(-45.0, 65.0)["count"] > 25  # Greenland
    assert cover_at(17.0, 79.0)["target"] == "NOR"  # Svalbard
    falklands = cover_at(-59.0, -51.5)
    assert falklands["target"] == "GBR" and falklands["count"] == 0 and "USA" in falklands["consult"]
    assert cover_at(144.8, 13.5)["target"] == "USA"  # Guam's island cell
    web.shot("obligations-coverage-dependencies")
    web.assert_clean()
