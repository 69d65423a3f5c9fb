"""The brief: one article joined with the treaties and the figures of the states in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import allied
from allied.cli import app
from tests.conftest import ROOT, shared_path

EXAMPLE = ROOT / "examples" / "marles-indopazifik.txt"

# the clauses by their treaties' names, as the brief shows them to people
ROK_III = "Mutual Defense Treaty between the United States and the Republic of Korea Art. III"
JPN_V = "Treaty of Mutual Cooperation and Security between the United States and Japan Art. V"
MANILA_IV1 = "Southeast Asia Collective Defense Treaty (Manila Pact) Art. IV(1)"


@pytest.fixture(scope="module")
def dev000() -> dict[str, Any]:
    return allied.brief(shared_path("corpus", "dev", "articles", "000.txt"), published="2025-10-27")


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return allied.brief(EXAMPLE)


def _bound(brief: dict[str, Any], attacked: str, responder: str) -> list[tuple[str, str, str]]:
    return [(e["treaty"], e["article"], e["strength"]) for link in brief["treaty_links"] for d in link["directions"]
            if d["attacked"] == attacked and d["responder"] == responder for e in d["bound"]]


def test_dev000_itinerary_has_the_five_stops_in_order(dev000: dict[str, Any]) -> None:
    (trip,) = dev000["itinerary"]
    assert trip["person"] == "Pete Hegseth"
    assert [(s["stop"], s["place"], s["country"]) for s in trip["stops"]] == [
        (1, "Hawaii", "USA"), (2, "Japan", "JPN"), (3, "Malaysia", "MYS"), (4, "Vietnam", "VNM"),
        (5, "South Korea", "KOR")]
    assert all(s["purposes"] for s in trip["stops"])
    assert "ADMM-Plus" in trip["stops"][2]["purposes"]


def test_dev000_security_consultative_meeting(dev000: dict[str, Any]) -> None:
    scm = [e for e in dev000["events"] if (e["forum"] or {}).get("id") == "forum:scm"]
    assert len(scm) == 1
    assert scm[0]["type"] == "meeting" and scm[0]["place"]["name"] == "Seoul"
    assert scm[0]["date"]["start"] == "2025-11-04"
    assert {a["name"] for a in scm[0]["actors"]} >= {"Pete Hegseth", "Ahn Gyu-back"}


def test_dev000_treaty_obligations_both_ways(dev000: dict[str, Any]) -> None:
    assert _bound(dev000, "KOR", "USA") == [("US_ROK_MDT", "III", "act_per_constitutional_processes")]
    assert _bound(dev000, "USA", "KOR") == [("US_ROK_MDT", "II", "consult")]
    assert _bound(dev000, "JPN", "USA") == [("US_JPN_TMCS", "V", "act_per_constitutional_processes")]
    # Art. V covers only territories under the administration of Japan; Art. IV consultation is not
    # triggered by an attack on the United States' homeland.
    assert _bound(dev000, "USA", "JPN") == []
    for link in dev000["treaty_links"]:
        for d in link["directions"]:
            for e in d["bound"]:
                assert e["quote"] and e["reason"]


def test_dev000_no_treaty_between_usa_and_malaysia_or_vietnam(dev000: dict[str, Any]) -> None:
    pairs = {frozenset((u["a"], u["b"])) for u in dev000["no_treaty_link"]}
    assert frozenset(("USA", "MYS")) in pairs and frozenset(("USA", "VNM")) in pairs
    assert frozenset(("USA", "KOR")) not in pairs


def test_dev000_figures_with_source_and_year(dev000: dict[str, Any]) -> None:
    fig = dev000["figures"]
    rows = {r["iso3"]: r for r in fig["rows"]}
    assert set(rows) == {"USA", "JPN", "MYS", "VNM", "KOR"}
    assert fig["year"] == 2024
    assert round(rows["KOR"]["milex_pct_gdp"], 2) == 2.56
    assert round(rows["JPN"]["milex_pct_gdp"], 2) == 1.37
    assert rows["MYS"]["milex_pct_gdp"] is not None and rows["USA"]["milex_pct_gdp"] is not None
    assert rows["VNM"]["milex_pct_gdp"] is None and "VNM" in rows["VNM"]["note"]
    for r in rows.values():
        assert r["source"] == "sipri" and "SIPRI" in r["release"]
    assert [t["year"] for t in fig["trend"]["KOR"]] == [2020, 2021, 2022, 2023, 2024]


def test_text_brief_names_what_matters(dev000: dict[str, Any]) -> None:
    assert "| Security Consultative Meeting |" in allied.render_brief(dev000, "markdown")
    text = allied.render_brief(dev000, "text", width=300)
    for needle in (ROK_III, JPN_V, "Hawaii",
                   "United States – Malaysia: no treaty link", "Source: sipri: SIPRI"):
        assert needle in text, needle


def test_json_brief_round_trips(dev000: dict[str, Any]) -> None:
    assert json.loads(allied.render_brief(dev000, "json")) == json.loads(json.dumps(dev000))


def test_example_brief_needs_no_shared_data(example: dict[str, Any]) -> None:
    assert example["published"] == "2026-03-01" and example["language"] == "de"
    assert [s["place"] for s in example["itinerary"][0]["stops"]] == ["Tokyo", "Manila", "Seoul"]
    assert _bound(example, "PHL", "AUS") == [("SEACDT", "IV(1)", "act_per_constitutional_processes")]
    assert {r["iso3"] for r in example["figures"]["rows"]} == {"AUS", "JPN", "PHL", "KOR"}
    assert [(p["country"], p["value"], p["by"]) for p in example["pledges"]] == [("AUS", 2.4, 2033)]


def test_markdown_and_html_are_rendered_from_the_same_values(example: dict[str, Any]) -> None:
    md = allied.render_brief(example, "markdown")
    page = allied.render_brief(example, "html")
    for needle in (MANILA_IV1, "Tokyo", "Manila", "Seoul", "1.88 %"):
        assert needle in md and needle in page, needle
    assert not re.search(r'(src|srcset|action)="(https?:)?//', page), "nothing is loaded from outside the page"
    assert "<link" not in page
    assert page.count('src="data:image/') == 2  # the map and the chart are embedded


def test_cli_writes_the_brief(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--format", "markdown", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Marles reist nach Tokio, Manila und Seoul\n")


@pytest.mark.parametrize(("args", "message"), [
    (["brief", "no/such/article.txt"], "Error: article: 'no/such/article.txt' is not allowed"),
    (["brief", str(EXAMPLE), "--format", "pdf"], "Error: --format: 'pdf' is not allowed; expected text | markdown"),
    (["brief", str(EXAMPLE), "--published", "2026-02-30"], "Error: published: '2026-02-30' is not allowed"),
])
def test_cli_bad_input(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.stderr


def test_empty_article_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(allied.InputError, match=r"article: 'empty' is not allowed; expected a readable article"):
        allied.brief(empty)
