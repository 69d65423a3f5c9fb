"""The dev corpus (read from ../shared): the shared scorer on our output, and what article 000 must show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import allied


def _score(scorer: Path, dev_dir: Path, gold: Path, preds: Path) -> dict[str, float]:
    out = (
        subprocess.run(
            [sys.executable, str(scorer), str(dev_dir), str(gold), str(preds)],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()
    )
    counts = json.loads(out[-2])
    p_ev, r_ev = counts["match"] / counts["pred_ev"], counts["match"] / counts["gold_ev"]
    p_pl, r_pl = counts["match_pl"] / counts["pred_pl"], counts["match_pl"] / counts["gold_pl"]
    return {
        "events_f1": 2 * p_ev * r_ev / (p_ev + r_ev),
        "pledges_f1": 2 * p_pl * r_pl / (p_pl + r_pl),
        "bad_offsets": counts["bad_offsets"],
        "missing_docs": counts["missing_docs"],
    }


def test_scorer_on_the_whole_dev_corpus(
    dev_articles: list[Path], dev_dir: Path, dev_gold: Path, scorer: Path, tmp_path: Path
) -> None:
    preds = tmp_path / "pred.jsonl"
    preds.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in allied.extract(dev_articles)), encoding="utf-8"
    )
    score = _score(scorer, dev_dir, dev_gold, preds)
    assert score["bad_offsets"] == 0 and score["missing_docs"] == 0
    assert score["events_f1"] >= 0.75, score
    assert score["pledges_f1"] >= 0.70, score


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
