"""The dev corpus (read from ../shared): the shared scorer on our output per language, and what article 000
must show.

Scores are taken per language, over the languages allied has a pack for (a language without a pack is
reported by the pipeline as unsupported and has no floor). ``FLOORS`` holds the level each language must
keep: a drop below it fails CI. Issue thresholds: events F1 >= 0.85, pledges F1 >= 0.80, dates right for
>= 80 % of matched events with a gold date (de, en); events F1 >= 0.75 and pledges F1 >= 0.70 for the
languages added later. Floors below those thresholds are the measured level the engine has not reached yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import allied
from allied.news.lexicon import supported_languages

# language -> (events F1, pledges F1, share of gold-dated matched events with the right date)
FLOORS: dict[str, tuple[float, float, float]] = {
    # German and English, whole corpus (held-out a003, b021, b023, a031 included), measured 2026-12-01 18:30: de
    # 0.96 / 1.00 / 2 of 2, en 0.92 / 0.80 / 28 of 31. English pledges are held at the threshold, 0.80
    # (held-out 0.60): a single English pledge lost on the dev corpus fails CI
    "de": (0.93, 0.95, 0.95),
    "en": (0.90, 0.80, 0.85),
    # Korean, Japanese and Chinese, whole corpus (held-out b005, b010, b015 included), measured 2026-12-01 after
    # booked budgets, fiscal years, targets dated by the sentence after them, weekdays beside days and bracketed
    # datelines: ja 0.75 / 1.00 / 2 of 5, ko 0.82 / 0.80 / 4 of 4, zh 0.91 / 1.00 / 5 of 5
    "ja": (0.75, 0.95, 0.35),  # events exactly 0.75 (6 matched, 9 predicted, 7 gold): the threshold
    "ko": (0.78, 0.75, 0.95),
    "zh": (0.88, 0.95, 0.95),
    # French, Spanish, Italian and Polish, whole corpus (held-out a009 included), measured 2026-12-01 16:05 after
    # officials' terms kept apart and a dateline's day as the reference: fr 0.86 / - / 5 of 6, es 1.00 / 1.00,
    # it 1.00 / - / 2 of 2, pl 1.00 / 1.00 (no French or Italian article holds a pledge)
    "es": (0.95, 0.95, 0.0),
    "fr": (0.83, 0.0, 0.8),
    "it": (0.95, 0.70, 0.95),
    "pl": (0.95, 0.95, 0.0),
}
NEW_LANGUAGE = (0.75, 0.70, 0.0)


def _counts(scorer: Path, dev_dir: Path, gold_rows: list[dict], preds: Path, tmp: Path) -> dict[str, int]:
    gold = tmp / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold_rows), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(scorer), str(dev_dir), str(gold), str(preds)], capture_output=True, text=True, check=True
    ).stdout.strip().splitlines()
    return json.loads(out[-2])


def _f1(match: int, gold: int, pred: int) -> float:
    p, r = (match / pred if pred else 0.0), (match / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.fixture(scope="module")
def by_language(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, int]]:
    from tests.news.conftest import corpus

    dev_dir, gold_path = corpus("articles"), corpus("gold.jsonl")
    scorer = corpus("..", "..", "tools", "score_events.py")
    tmp = tmp_path_factory.mktemp("dev")
    preds = tmp / "pred.jsonl"
    preds.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in allied.extract(sorted(dev_dir.glob("*.txt")))),
        encoding="utf-8",
    )
    rows: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            meta = json.loads((dev_dir / f"{g['id']}.json").read_text(encoding="utf-8"))
            rows[meta["language"]].append(g)
    return {lang: _counts(scorer, dev_dir, r, preds, tmp) for lang, r in rows.items()}


@pytest.mark.parametrize("lang", supported_languages())
def test_dev_corpus_scores_per_language(by_language: dict[str, dict[str, int]], lang: str) -> None:
    if lang not in by_language:
        pytest.skip(f"the dev corpus has no article in {lang!r}")
    t = by_language[lang]
    events_floor, pledges_floor, dates_floor = FLOORS.get(lang, NEW_LANGUAGE)
    assert t["bad_offsets"] == 0 and t["missing_docs"] == 0, t
    assert _f1(t["match"], t["gold_ev"], t["pred_ev"]) >= events_floor, t
    if t["gold_pl"]:
        assert _f1(t["match_pl"], t["gold_pl"], t["pred_pl"]) >= pledges_floor, t
    if t["date_gold"]:
        assert t["date_ok"] / t["date_gold"] >= dates_floor, t


def test_article_000_with_its_publication_date(dev_dir: Path) -> None:
    [rec] = allied.extract(dev_dir / "000.txt", published="2025-10-27")
    events = rec["events"]
    [ann] = [e for e in events if e["type"] == "announcement" and e["countries"] == ["USA"]]
    assert (ann["actors"][0]["id"], ann["date"]) == (
        "org:us-dod",
        {"start": "2025-10-26", "end": "2025-10-26", "inferred": False},
    )
    visits = [e for e in events if e["type"] == "visit"]
    assert [(v["place"]["name"], v["place"]["country"], v["status"]) for v in visits] == [
        ("Hawaii", "USA", "planned"),
        ("Japan", "JPN", "planned"),
        ("Malaysia", "MYS", "planned"),
        ("Vietnam", "VNM", "planned"),
        ("South Korea", "KOR", "planned"),
    ]
    assert [a["id"] for a in visits[0]["actors"]] == ["person:pete-hegseth", "org:usindopacom"]
    assert visits[2]["forum"] == {"id": "forum:admm-plus", "name": "ADMM-Plus"}
    [scm] = [e for e in events if e["type"] == "meeting"]
    assert ({a["id"] for a in scm["actors"]}, scm["place"]["name"], scm["date"]["start"], scm["forum"]["id"]) == (
        {"person:pete-hegseth", "person:ahn-gyu-back"},
        "Seoul",
        "2025-11-04",
        "forum:scm",
    )
    assert {"North Korea", "combined defense posture", "extended deterrence"} <= set(scm["topics"])
    text = (dev_dir / "000.txt").read_text(encoding="utf-8")
    assert all(text[s["start"] : s["end"]] == s["text"] for e in events for s in e["evidence"])


def test_itinerary_after_ingesting_article_000(dev_dir: Path, db: Path) -> None:
    allied.ingest([dev_dir / "000.txt"], db=db, published="2025-10-27")
    stops = allied.itinerary("Pete Hegseth", start="2025-10-20", end="2025-11-10", db=db)
    assert [(s["stop"], s["place"], s["country"]) for s in stops] == [
        (1, "Hawaii", "USA"),
        (2, "Japan", "JPN"),
        (3, "Malaysia", "MYS"),
        (4, "Vietnam", "VNM"),
        (5, "South Korea", "KOR"),
    ]
    assert stops[2]["purposes"] == ["regional security cooperation", "ADMM-Plus"]
    assert all(s["sources"][0]["doc"] == "000" for s in stops)
