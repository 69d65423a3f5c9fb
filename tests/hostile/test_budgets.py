"""Per-document budgets: size (a document over the reader's limits is that document's error, the batch goes
on and the store is unchanged) and CPU (reading stays linear in a text's length for the texts an attacker
would send: dense names, dates and amounts, one endless sentence, no spaces, one name repeated), so the
largest document accepted costs a bounded time."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import allied
from allied.news.read import MAX_BYTES, MAX_CHARS
from tests.hostile.conftest import dump, warm_news

CPU_AT_LIMIT = 20.0  # seconds of CPU the largest accepted document (MAX_CHARS) may cost, extrapolated
DENSE = ("Richard Marles met Shinjiro Koizumi and Pete Hegseth in Tokyo, Manila and Canberra on March 4, 2026, "
         "and pledged 3.5 % of GDP and 50 billion dollars by 2035. ")
SHAPES: dict[str, Callable[[int], str]] = {
    "dense": lambda n: (DENSE * (n // len(DENSE) + 1))[:n],
    "one sentence": lambda n: (DENSE.replace(". ", ", ") * (n // len(DENSE) + 1))[:n],
    "no spaces": lambda n: ("MarlesKoizumiTokyo2026" * (n // 22 + 1))[:n],
    "one name": lambda n: ("Koizumi " * (n // 8 + 1))[:n],
    "dates": lambda n: ("on 4 March 2026, 5 March, 2026-03-06, next Monday, " * (n // 51 + 1))[:n],
}


def _cpu(text: str) -> float:
    """CPU seconds of reading ``text``, with the cyclic garbage collector paused: in a full-suite run the dense
    text took 0.08 s -> 0.75 s for 4x the text, in a fresh process 0.07 s -> 0.32 s; the collector's passes over
    what earlier tests left in the process are the suspected cause (not proven)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        rec = allied.extract("Budget test\n\n" + text, published="2026-03-01", language="en")[0]
        took = time.process_time() - start
    finally:
        gc.enable()
    assert not rec.get("error"), rec
    return took


@pytest.fixture(scope="module")
def warm() -> None:
    warm_news()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_reading_stays_linear_and_within_the_cpu_budget(shape: str, warm: None) -> None:
    small, large = 10_000, 40_000
    make = SHAPES[shape]
    a = min(_cpu(make(small)) for _ in range(2))
    b = _cpu(make(large))
    per_char = b / large
    at_limit = per_char * MAX_CHARS
    print(f"{shape}: {a:.2f} s CPU at {small:,} chars, {b:.2f} s at {large:,}; {at_limit:.1f} s at {MAX_CHARS:,}")
    assert b <= 2 * (large / small) * max(a, 0.05), f"{shape}: {a:.2f} s -> {b:.2f} s for 4x the text (not linear)"
    assert at_limit <= CPU_AT_LIMIT, f"{shape}: {at_limit:.1f} s of CPU extrapolated to {MAX_CHARS:,} characters"


def test_a_document_over_the_size_limits_is_its_own_error(tmp_path: Path, warm: None) -> None:
    db = tmp_path / "s.duckdb"
    allied.ingest(sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt")), db=db)
    before = dump(db)
    big = tmp_path / "big.jsonl"
    good = {"text": "Marles in Tokyo\n\nRichard Marles met Shinjiro Koizumi in Tokyo on March 4, 2026.",
            "published": "2026-03-04"}
    with big.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Long\n\n" + "Koizumi " * (MAX_CHARS // 8 + 10)}) + "\n")
        fh.write(json.dumps({"text": "x" * (MAX_BYTES + 10)}) + "\n")
        fh.write(json.dumps(good) + "\n")
    huge_txt = tmp_path / "huge.txt"
    huge_txt.write_bytes(b"Huge\n\n" + b"Koizumi met Marles. " * (MAX_BYTES // 20 + 10))
    start = time.process_time()
    rows = allied.ingest([big, huge_txt], db=db, prefilter=False)
    took = time.process_time() - start
    by = {r["doc"]: r for r in rows}
    assert [r["status"] for r in rows] == ["skipped", "skipped", "stored", "skipped"], rows
    assert "too large" in by["big:1"]["reason"] and "500,000" in by["big:1"]["reason"]
    assert "too long" in by["big:2"]["reason"] and "too large" in by["huge"]["reason"]
    assert took < 5, f"refusing oversized documents took {took:.1f} s of CPU"
    after = dump(db)
    added = set(after["news_documents"]) - set(before["news_documents"])
    assert len(added) == 1 and set(before["news_documents"]) <= set(after["news_documents"])
