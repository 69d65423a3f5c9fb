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
