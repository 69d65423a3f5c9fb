"""The HTML brief opens in headless Chromium offline: no console errors, no request leaving the machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import allied
from tests.conftest import ROOT, shared_path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# the clauses by their treaties' names, as the brief shows them to people
ROK_III = "Mutual Defense Treaty between the United States and the Republic of Korea Art. III"
MANILA_IV1 = "Southeast Asia Collective Defense Treaty (Manila Pact) Art. IV(1)"


def _open(html_file: Path, screenshot: Path, images: bool = True) -> tuple[list[str], list[str], str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (.ci/install-browser.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    errors: list[str] = []
    requests: list[str] = []

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url.startswith(("file://", "data:")):
            r.continue_()
        else:
            r.abort()

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", route)
        page.goto(html_file.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # a <meta refresh> would have fired by now
        assert page.url == html_file.as_uri(), "nothing in the page navigates away"
        drawn = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth > 0)")
        assert all(drawn) and (drawn or not images), "every embedded image renders"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, "no overflow at 1280 px"
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
        for source in page.locator(".clause-source").all():  # every address in a clause's source is a link
            assert source.locator("a").count() == source.inner_text().count("http"), source.inner_text()
        clause_links = page.locator(".clause-source a").count()
        screenshot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        text = page.inner_text("body")
        browser.close()
    assert clause_links > 0 or "clause-source" not in html_file.read_text(encoding="utf-8")
    return errors, [u for u in requests if not u.startswith(("file://", "data:"))], text


@pytest.mark.browser
def test_dev000_html_brief_in_chromium(tmp_path: Path) -> None:
    brief = allied.brief(shared_path("corpus", "dev", "articles", "000.txt"), published="2025-10-27")
    page = tmp_path / "brief-000.html"
    page.write_text(allied.render_brief(brief, "html"), encoding="utf-8")
    errors, outside, text = _open(page, ROOT / "screenshots" / "brief-000.png")
    assert errors == [] and outside == []
    for needle in ("Security Consultative Meeting", ROK_III, "Vietnam", "Hawaii"):
        assert needle in text


@pytest.mark.browser
def test_example_html_brief_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "brief-example.html"
    page.write_text(allied.render_brief(allied.brief(ROOT / "examples" / "marles-indopazifik.txt"), "html"),
                    encoding="utf-8")
    errors, outside, text = _open(page, ROOT / "screenshots" / "brief-example.png")
    assert errors == [] and outside == []
    assert MANILA_IV1 in text


@pytest.mark.browser
def test_injected_article_text_stays_text_in_chromium(tmp_path: Path) -> None:
    from tests.brief.test_brief_render import PAYLOAD, _brief

    event = {"type": "meeting", "date": None, "place": {"name": PAYLOAD}, "actors": [{"name": PAYLOAD}],
             "forum": None, "topics": [PAYLOAD], "evidence": [{"start": 0, "end": 1, "text": PAYLOAD}],
             "status": "reported"}
    brief = _brief(["USA", "AUS"], title=PAYLOAD + '<img src=x onerror="document.title=1">',
                   url="javascript:alert(document.domain)", events=[event])
    page = tmp_path / "brief-injected.html"
    page.write_text(allied.render_brief(brief, "html"), encoding="utf-8")
    errors, outside, text = _open(page, ROOT / "screenshots" / "brief-injected.png", images=False)
    assert outside == [] and errors == []
    assert "<script>alert(1)</script>" in text and '<meta http-equiv="refresh"' in text
    assert "Source: https://books.google" in text or "Source: http" in text
