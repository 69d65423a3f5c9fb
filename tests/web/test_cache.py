"""The document memo: same query and unchanged store → same document without recomputing; a write to the
store gives a new key; concurrent askers of one key compute it once; errors are not kept."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import allied
from allied.web.cache import Memo, store_version


def test_a_write_to_the_store_changes_its_version(db: Path) -> None:
    allied.connect(db).close()
    before = store_version(db)
    time.sleep(0.01)
    con = allied.connect(db)
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    assert store_version(db) != before
    assert store_version(":memory:") == (0, 0)
    assert store_version(db.with_name("absent.duckdb")) == (0, 0)


def test_memo_keeps_at_most_size_items_and_reuses_them() -> None:
    memo, calls = Memo(size=2), []

    def compute(k: str) -> str:
        calls.append(k)
        return k.upper()

    assert [memo.get(k, lambda k=k: compute(k)) for k in ("a", "b", "a", "c", "b", "a")] == list("ABACBA")
    assert calls == ["a", "b", "c", "b", "a"]  # 'b' was evicted by 'c' (least recently used), then 'a' by 'b'


def test_concurrent_askers_compute_once() -> None:
    memo, calls, gate = Memo(), [], threading.Event()

    def slow() -> int:
        calls.append(1)
        gate.wait(5)
        return 42

    out: list[int] = []
    threads = [threading.Thread(target=lambda: out.append(memo.get("k", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    gate.set()
    for t in threads:
        t.join(5)
    assert (out, calls) == ([42] * 8, [1])


def test_errors_are_not_kept() -> None:
    memo = Memo()

    def bad() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        memo.get("k", bad)
    assert memo.get("k", lambda: 7) == 7
