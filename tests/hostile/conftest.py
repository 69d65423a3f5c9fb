"""Helpers for the hostile-input tests: a per-input time budget that fails the test (and interrupts a
hang), a dump of every table of a store (to prove a refused input changed nothing), and the payloads."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

T = TypeVar("T")
LIMIT = 5.0  # seconds one input may take (issue 16: "no hang over 5 s per input")
VOLATILE = {"imported_at", "ingested_at", "stored_at", "updated_at", "created_at"}  # when, not what

# markup and script in every form an article, a title, a URL or a query could carry
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://attacker.example/\">",
    "<x-hostile>marker</x-hostile>",
    "\"><svg onload=window.__pwned=1>",
    "javascript:window.__pwned=1",
    "{{ 7*7 }}{% raw %}",
    "</textarea><iframe src=\"https://attacker.example/\"></iframe>",
    "<a href=\"javascript:window.__pwned=1\">click</a>",
    "';window.__pwned=1;//",
    "\u202e\u2066evil\u2069",
)


class Hang(Exception):
    """An input ran far past its budget (raised by the watchdog, so the suite never hangs)."""


@contextmanager
def budget(what: str, limit: float = LIMIT) -> Iterator[None]:
    """Fail if the block takes more than ``limit`` seconds of CPU time, or more wall-clock time than ``limit``
    seconds of work get on this machine now (``wall_limit``); a block still running at three times that is
    interrupted (SIGALRM, in the main thread) and fails as a hang."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        def _alarm(signum: int, frame: Any) -> None:
            raise Hang(f"{what}: still running after {3 * wall_limit(limit):.0f} s")

        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, 3 * wall_limit(limit))
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    share = wall_limit(limit)
    assert cpu < limit, f"{what}: {cpu:.2f} s CPU (budget {limit:.0f} s)"
    assert wall < share, f"{what}: {wall:.2f} s wall (budget {limit:.0f} s, {share:.1f} s on this machine's load)"


def wall_limit(limit: float = LIMIT) -> float:
    """The wall-clock time ``limit`` seconds of work get on this machine now: on a machine shared by more
    runnable processes than it has cores, each gets its share (a 5 s job at load 8 on 2 cores takes 20 s).
    CPU time is held to ``limit`` itself; this bound is for waits (a lock, a socket, a sleep)."""
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return limit * max(1.0, load)


def timed(what: str, fn: Callable[[], T], limit: float = LIMIT) -> T:
    with budget(what, limit):
        return fn()


def warm_news() -> None:
    """The news engine and every language's pack and segmenter loaded (lazily loaded on first use: loading
    them is not reading an input, so it happens before the measured inputs)."""
    import allied

    langs = sorted(p.name for p in (Path(allied.__file__).parent / "news" / "lang").iterdir() if any(p.glob("*.toml")))
    for lang in langs:
        allied.extract("Koizumi Tokyo\n\nKoizumi met Marles in 東京 and 서울 on 4 March 2026.", language=lang)
    for text in ("window pwned script", "Der Minister reist", "東京で会談した", "서울에서 만났다", "在北京会见"):
        allied.extract(f"Title\n\n{text}")  # the language detector's models, loaded on first detection


def dump(db: Path) -> dict[str, list[str]]:
    """Every row of every table of the store at ``db`` (sorted, times of writing left out), read in a
    fresh read-only connection as a later command would; {} for a store not written yet."""
    if not db.exists():
        return {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall()]
            keep = [f'"{c}"' for c in cols if c not in VOLATILE] or ["1"]
            out[table] = sorted(map(repr, con.execute(f'SELECT {", ".join(keep)} FROM "{table}"').fetchall()))
        return out
    finally:
        con.close()


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove a refused upload left nothing behind)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
