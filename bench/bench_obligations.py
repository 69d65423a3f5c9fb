"""Time the obligations engine: single-query latency and the 1-degree coverage grid, against the naive peer.

Figures, all timed here in one process:
  - single query: `allied.obligations(attack)` on a fixed mix of attacks (named places and coordinates,
    all kinds), warm, repeated to at least 200 queries: median and 95th percentile;
  - coverage grid: `allied.coverage(attacker, date, resolution=1)` over 64,800 cell centres (vectorised
    geography, one evaluation per group of cells with the same geography), median of several runs;
  - the peer, the naive per-cell loop: `allied.obligations({"attacker", "lat", "lon", "date"})` called
    for each cell. It is timed on a random sample of cells and extrapolated to the 64,800 cells (stated).

Usage: python bench/bench_obligations.py [--queries N] [--runs N] [--sample N] [--attacker ISO3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import allied
from allied.obligations.coverage import grid

MIX = [
    {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"},
    {"attacker": "CHN", "place": "Naha, Okinawa", "date": "2025-11-04"},
    {"attacker": "RUS", "target": "LVA", "place": "Riga", "date": "2005-06-01"},
    {"attacker": "CHN", "target": "USA", "place": "Honolulu", "date": "2025-11-04"},
    {"attacker": "RUS", "target": "ITA", "kind": "vessel", "lat": 35.0, "lon": 18.0, "date": "2025-11-04"},
    {"attacker": "AZE", "target": "ARM", "place": "Yerevan", "date": "2023-01-01", "request": True},
    {"attacker": "CHN", "target": "PHL", "kind": "vessel", "place": "Second Thomas Shoal", "date": "2025-11-04"},
    {"attacker": "RUS", "lat": 48.85, "lon": 2.35, "date": "2025-11-04"},
]


def single_latency(queries: int) -> list[float]:
    for attack in MIX:  # warm: load the geography, the land mask and the gazetteer once
        allied.obligations(attack)
    times = []
    for i in range(queries):
        start = time.perf_counter()
        allied.obligations(MIX[i % len(MIX)])
        times.append(time.perf_counter() - start)
    return times


def grid_time(attacker: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        allied.coverage(attacker, "2025-11-04", resolution=1.0)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def naive_time(attacker: str, sample: int) -> tuple[float, int]:
    lons, lats = grid(1.0)
    cells = np.random.default_rng(1).choice(len(lons), size=sample, replace=False)
    start = time.perf_counter()
    for i in cells:
        allied.obligations({"attacker": attacker, "lat": float(lats[i]), "lon": float(lons[i]),
                            "date": "2025-11-04"})
    per_cell = (time.perf_counter() - start) / sample
    return per_cell * len(lons), len(lons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--attacker", default="CHN")
    args = parser.parse_args()

    start = time.perf_counter()
    allied.coverage(args.attacker, "2025-11-04", resolution=1.0)
    cold = time.perf_counter() - start
    lat = single_latency(max(args.queries, 200))
    ms = sorted(t * 1000 for t in lat)
    grid_s = grid_time(args.attacker, args.runs)
    naive_s, cells = naive_time(args.attacker, args.sample)
    print(f"single query (allied.obligations, {len(ms)} warm queries): median {statistics.median(ms):.2f} ms, "
          f"p95 {ms[int(0.95 * len(ms)) - 1]:.2f} ms (target < 20 ms)")
    print(f"coverage grid 1 deg ({cells} cells, attacker {args.attacker}): median {grid_s:.3f} s over {args.runs} "
          f"runs; first run in a fresh process incl. loading data {cold:.2f} s (target < 5 s)")
    print(f"peer, naive per-cell loop over allied.obligations: {naive_s:.1f} s for {cells} cells "
          f"(timed on {args.sample} random cells, extrapolated)")
    print(f"speed-up of the vectorised grid over the naive loop: {naive_s / grid_s:.0f}x (target >= 20x)")


if __name__ == "__main__":
    main()
