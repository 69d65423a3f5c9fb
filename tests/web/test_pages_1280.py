"""The dashboard at 1280 px in chromium: no page overflows, chart source lines are whole, clause sources are
links, hostile article metadata stays text. Screenshots of the burden and obligations pages go to
screenshots/ (gitignored)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

WIDTH = 1280


def _no_overflow(web: Any) -> None:
    assert web.page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def _texts_inside_their_svg(web: Any, selector: str) -> list[str]:
    """The chart's subtitle lines (its source) that stick out of its drawing (none, when whole)."""
    return web.page.evaluate(
        """(sel) => { const out = [];
             for (const svg of document.querySelectorAll(sel + ' svg')) {
               const box = svg.getBoundingClientRect();
               for (const t of svg.querySelectorAll('.role-title-subtitle text, text.role-subtitle, text')) {
                 if (!t.textContent.startsWith('Source') && !t.closest('.role-title-subtitle')) continue;
                 const r = t.getBoundingClientRect();
                 if (r.right > box.right + 1 || r.left < box.left - 1) out.push(t.textContent);
               } }
             return out; }""", selector)


def test_burden_page_at_1280(web: Any) -> None:
    web.page.goto(web.base + "/burden?alliance=NATO&year=2024&source=sipri&country=KOR&target=3.5&by=2035")
    for chart in ("#chart-pct", "#chart-shares", "#chart-path"):
        web.page.wait_for_selector(f"{chart}[data-ready='1']")
        assert _texts_inside_their_svg(web, chart) == [], chart
    subtitles = web.page.locator("#chart-pct svg .role-title-subtitle text").evaluate_all(
        "ts => ts.map(t => t.textContent)")
    assert subtitles and subtitles[0].startswith("Source: SIPRI Milex data to 2024")
    assert any("World Bank WDI NY.GDP.MKTP.CD" in s for s in subtitles)
    legend = web.page.locator("#notes").inner_text()
    for note in web.page.locator("#result td.source").all_inner_texts():  # every footnote mark is explained
        for mark in __import__("re").findall(r"\[[^\]]+\]", note):
            assert f"{mark}:" in legend, (mark, legend[:300])
        assert "GDP: World Bank WDI" not in note  # what every row shares is said once, below the table
    assert "GDP: World Bank WDI, current US$." in legend
    assert web.page.locator("#oz").inner_text().count(". No significant") + web.page.locator(
        "#oz").inner_text().count(". Significant") <= 1
    _no_overflow(web)
    web.shot("burden-1280")
    web.assert_clean()


def _sources_are_links(web: Any, selector: str) -> int:
    """Every address in the sources under ``selector`` is an http(s) link; the number of links."""
    links = 0
    for source in web.page.locator(selector).all():
        hrefs = source.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(hrefs) == source.inner_text().count("http"), source.inner_text()
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
        links += len(hrefs)
    return links


def test_obligations_page_at_1280(web: Any) -> None:
    # the server loads the obligations engine on its first such request: slow on a loaded machine
    web.page.goto(web.base + "/obligations?attacker=PRK&target=KOR&place=Seoul&date=2025-11-04", timeout=120_000)
    web.page.wait_for_selector("#map[data-drawn='1']")
    body = web.page.inner_text("body")
    assert "Mutual Defense Treaty between the United States and the Republic of Korea" in body
    assert "acts per its constitutional processes" in body and "act_per_constitutional_processes" not in body
    assert _sources_are_links(web, "#texts .source") >= 1
    first = web.page.locator("#texts .source").first.inner_text()
    assert first.index("http") < first.index("treaties.md"), "the primary source is cited first"
    assert "[M] in a source" in web.page.locator("#markers").inner_text()
    _no_overflow(web)
    web.shot("obligations-1280")
    web.assert_clean()


def test_obligations_contested_and_conditional_cite_their_sources(web: Any) -> None:
    web.page.goto(web.base + "/obligations?attacker=RUS&place=Yerevan&date=2025-11-04")
    web.page.wait_for_selector("#map[data-drawn='1']")
    assert web.page.locator("#contested tbody tr").count() >= 1
    assert web.page.locator("#contested .source").count() == web.page.locator("#contested tbody tr").count()
    web.page.goto(web.base + "/obligations?attacker=RUS&place=Yerevan&date=2020-01-01")
    web.page.wait_for_selector("#map[data-drawn='1']")
    assert web.page.locator("#conditional tbody tr").count() == 4
    assert _sources_are_links(web, "#conditional .source") == 4  # the CSTO's page, once a row
    _no_overflow(web)
    web.assert_clean()


def test_coverage_map_without_a_place(web: Any) -> None:
    web.page.goto(web.base + "/obligations")
    web.page.fill("input[name=attacker]", "CHN")
    web.page.fill("input[name=date]", "2025-11-04")
    web.page.check("#coverage")
    web.page.select_option("select[name=resolution]", "5")
    with web.page.expect_navigation():
        web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#map[data-drawn='1']")
    assert web.page.locator("#error").count() == 0
    assert "each cell is an attack of its own" in web.page.locator("#coverage-only").inner_text()
    cells = web.page.locator("#map path.cover").count()
    api = web.page.evaluate("u => fetch(u).then(r => r.json())",
                            "/api/obligations?attacker=CHN&date=2025-11-04&coverage=true&resolution=5")
    assert api["result"] is None and cells == len(api["coverage"]["features"]) > 20
    assert "Natural Earth" in web.page.locator("#coverage-source").inner_text()
    _no_overflow(web)
    web.shot("obligations-coverage-only-1280")
    web.assert_clean()


@pytest.mark.parametrize("path", ["/", "/brief", "/obligations", "/burden", "/events", "/data", "/treaties",
                                  "/treaties/NATO", "/events?country=DEU",
                                  "/burden?alliance=NATO&year=2024&source=nato"])
def test_no_page_overflows_at_1280(web: Any, path: str) -> None:
    response = web.page.goto(web.base + path)
    assert response is not None and response.status == 200
    web.page.wait_for_load_state("networkidle")
    _no_overflow(web)
    web.assert_clean()


def test_treaty_page_sources_are_links(web: Any) -> None:
    web.page.goto(web.base + "/treaties/ANZUS")
    hrefs = web.page.locator(".source a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    first = web.page.locator("p .source").first.inner_text()
    assert first.index("http") < first.index("treaties.md"), "the primary source is cited first"
    _no_overflow(web)
    web.assert_clean()


# written for this test: US and New Zealand officials meet (ANZUS contested, the Manila Pact conditional)
NZ_ARTICLE = ("Hegseth meets New Zealand's defence minister\n"
              "US Defense Secretary Pete Hegseth met New Zealand Defence Minister Judith Collins in Washington on "
              "Tuesday, the Pentagon said.\n")


def test_brief_page_cites_every_clause_with_links_and_a_legend(web: Any) -> None:
    web.page.goto(web.base + "/brief")
    web.page.fill("#text", NZ_ARTICLE)
    web.page.fill("input[name=published]", "2025-11-06")
    with web.page.expect_navigation():
        web.page.click("#form button[type=submit]")
    web.page.wait_for_selector("#links")
    entries = web.page.locator("#links .obligation")
    kinds = entries.evaluate_all("es => es.map(e => e.className)")
    assert "obligation contested" in kinds and "obligation conditional" in kinds, kinds
    for i in range(entries.count()):
        entry = entries.nth(i)
        source = entry.locator(".source")
        assert source.count() == 1 and source.inner_text().startswith("Source: "), entry.inner_text()
        hrefs = source.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(hrefs) == source.inner_text().count("http"), entry.inner_text()  # every address is a link
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
        assert "_" not in entry.locator("a").first.inner_text()  # the treaty's name, not its id
    contested = web.page.locator("#links .obligation.contested").first.inner_text()
    assert "Security Treaty between Australia, New Zealand and the United States of America" in contested
    assert "[V] in a source" in web.page.locator("#markers").inner_text()
    legend = web.page.locator("#figure-legend").inner_text() if web.page.locator("#figure-legend").count() else ""
    for flag in web.page.locator("#figures td.flags").all_inner_texts():
        for mark in flag.split():
            assert mark in legend, (mark, legend)
    _no_overflow(web)
    web.shot("brief-nz-1280")
    web.assert_clean()
