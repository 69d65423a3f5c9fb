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
    _no_overflow(web)
    web.shot("burden-1280")
    web.assert_clean()


def test_obligations_page_at_1280(web: Any) -> None:
    web.page.goto(web.base + "/obligations?attacker=PRK&target=KOR&place=Seoul&date=2025-11-04")
    web.page.wait_for_load_state("networkidle")
    assert "US_ROK_MDT" in web.page.inner_text("body")
    _no_overflow(web)
    web.shot("obligations-1280")
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
