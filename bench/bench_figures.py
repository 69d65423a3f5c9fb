"""Time the figures read path the brief uses: its figures and five-year trend for the states of an article.

Figures, all timed here in one process on the same store (a fresh one: the bundled snapshot answers):
  - one read: `allied.figures.api.burden_years(members, years)`: each dataset read once for every member
    and year;
  - the peer, one call per year: `allied.burden(members, year)` for each year (what the brief did);
  - NATO in one year: `allied.burden(alliance="NATO", year=2024)`.
Each is repeated (median and 95th percentile of wall time, and CPU time next to it: the machine is shared).

Usage: python bench/bench_figures.py [--runs N] [--members ISO3,...] [--first YEAR] [--last YEAR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import allied
from allied.figures.api import burden_years


def timed(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    work()  # warm
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    wall.sort()
    return statistics.median(wall), wall[int(0.95 * (len(wall) - 1))], statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--members", default="USA,KOR,JPN,AUS,PHL,VNM,MYS")
    parser.add_argument("--first", type=int, default=2016)
    parser.add_argument("--last", type=int, default=2024)
    args = parser.parse_args()
    years = list(range(args.first, args.last + 1))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        os.environ["ALLIED_DB"] = str(db)
        one = timed(lambda: burden_years(members=args.members, years=years, db=db), args.runs)
        peer = timed(lambda: [allied.burden(members=args.members, year=y, db=db) for y in years], args.runs)
        nato = timed(lambda: allied.burden(alliance="NATO", year=2024, db=db), args.runs)
    print(f"{len(args.members.split(','))} states x {len(years)} years, {args.runs} runs (wall median / p95, CPU)")
    for label, (med, p95, cpu) in (("burden_years, one read", one), ("peer: burden per year", peer),
                                   ("burden NATO 2024", nato)):
        print(f"  {label:26} {med * 1000:8.1f} ms / {p95 * 1000:8.1f} ms   CPU {cpu * 1000:7.1f} ms")
    print(f"  one read is {peer[0] / one[0]:.1f}x faster than the peer")


if __name__ == "__main__":
    main()
