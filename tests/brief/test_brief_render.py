"""Rendering the brief: every shape of answer the obligations engine gives, hostile article text, empty parts."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from typing import Any

import pytest

import allied
from allied.brief.build import _treaty_links
from tests.conftest import shared_path

FORMATS = ("text", "markdown", "html", "json")
PAYLOAD = '<meta http-equiv="refresh" content="0;url=https://evil.example/"><script>alert(1)</script>[/b] | x'


def _brief(states: list[str], title: str = "A title", url: str | None = None, on: str = "2025-11-04",
           events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    ref = allied.reference()
    links, unlinked = _treaty_links(states, dt.date.fromisoformat(on))
    return {"doc": "doc", "title": title, "language": "en", "published": on, "url": url, "outlet": None,
            "as_of": on, "events": events or [], "pledges": [], "itinerary": [],
            "states": [{"iso3": s, "name": ref.states[s].name} for s in states],
            "treaty_links": links, "no_treaty_link": unlinked,
            "figures": {"source": "sipri", "year": None, "rows": [], "trend": {}}, "notes": []}


@pytest.fixture(scope="module")
def officials_states() -> list[str]:
    with open(shared_path("reference", "officials.csv"), encoding="utf-8", newline="") as fh:
        return sorted({r["country"] for r in csv.DictReader(fh) if r["country"]})


@pytest.fixture(scope="module")
def all_pairs(officials_states: list[str]) -> dict[str, Any]:
    return _brief(officials_states)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_pair_of_the_officials_states_renders(all_pairs: dict[str, Any], fmt: str) -> None:
    out = allied.render_brief(all_pairs, fmt)
    if fmt == "html":
        out = re.sub(r"<[^>]+>", "", out)
    out = " ".join(out.split())
    kinds = {k for link in all_pairs["treaty_links"] for d in link["directions"] for k in
             ("bound", "contested", "conditional") if d[k]}
    assert kinds == {"bound", "contested", "conditional"}, "the pairs cover every shape of entry"
    assert "None" not in out.replace('"None"', "") or fmt == "json"
    if fmt != "json":
        assert ("would be bound only if communist aggressor under Southeast Asia Collective Defense Treaty "
                "(Manila Pact) Art. IV(1)") in out
        assert "contested party" in out


def test_us_and_australia_each_clause_with_its_source() -> None:
    text = allied.render_brief(_brief(["USA", "AUS"]), "text", width=400)
    assert ("Australia is bound: acts per its constitutional processes under Security Treaty between Australia, "
            "New Zealand and the United States of America Art. IV") in text
    assert "Source: " in text and "treaties.md section 4" in text
    assert "[V] in a source: wording read in a retrieved source." in text


def test_primary_source_is_cited_first() -> None:
    page = allied.render_brief(_brief(["USA", "AUS"]), "html")
    anzus = [line for line in page.splitlines() if "clause-source" in line][0]
    assert anzus.index("https://") < anzus.index("treaties.md")


@pytest.mark.parametrize("fmt", ("html", "markdown"))
def test_article_text_never_becomes_markup(fmt: str) -> None:
    event = {"type": "meeting", "date": None, "place": {"name": PAYLOAD}, "actors": [{"name": PAYLOAD}],
             "forum": None, "topics": [PAYLOAD], "evidence": [{"start": 0, "end": 1, "text": PAYLOAD}],
             "status": "reported"}
    out = allied.render_brief(_brief(["USA", "KOR"], title=PAYLOAD, url="javascript:alert(1)", events=[event]),
                              fmt)
    assert "<script" not in out and "<meta http-equiv=\"refresh\"" not in out
    assert "javascript:" not in out
    assert "&lt;script&gt;" in out


def test_text_brief_shows_markup_as_text() -> None:
    out = allied.render_brief(_brief(["USA"], title=PAYLOAD), "text")
    assert out.splitlines()[0].startswith('<meta http-equiv="refresh"') and "[/b]" in out


def test_links_are_only_http() -> None:
    page = allied.render_brief(_brief(["USA", "KOR"], url="https://example.org/a?b=1&c=2"), "html")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page


@pytest.mark.parametrize(("states", "why"), [
    ([], "nobody is bound: the article names no state"),
    (["USA"], "nobody is bound: the article names one state only (United States)"),
])
@pytest.mark.parametrize("fmt", ("text", "markdown", "html"))
def test_empty_answers_say_why(states: list[str], why: str, fmt: str) -> None:
    out = " ".join(allied.render_brief(_brief(states), fmt).split())
    assert why in out
    assert "no events: the article names no meeting" in out
    assert "no figures: the article names no state" in out
    assert "None" not in out


def test_json_is_the_brief() -> None:
    brief = _brief(["USA", "AUS"])
    assert json.loads(allied.render_brief(brief, "json")) == json.loads(json.dumps(brief))


def test_every_pair_is_looked_up_once(officials_states: list[str]) -> None:
    links, unlinked = _treaty_links(officials_states, dt.date(2025, 11, 4))
    pairs = [frozenset((x["a"], x["b"])) for x in links + unlinked]
    assert len(pairs) == len(set(pairs)) == len(list(itertools.combinations(officials_states, 2)))
