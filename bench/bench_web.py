"""Bounded load on the dashboard: 50 concurrent clients on loopback for 30 s against /api/obligations and
/api/burden (mixed, each client alternating through realistic queries), then the same clients for 10 s
against a static file of the same server as the peer (Starlette's StaticFiles: the floor any endpoint pays).

With --fresh every request is a query not asked before, so the memo cannot answer it: what the engines
cost under the same load.

Starts `allied serve` itself on a free 127.0.0.1 port, reports p50/p95/max latency, requests per second
and errors per endpoint, and stops by itself (every loop is bounded in time). Target: p95 < 200 ms, no errors.

    python bench/bench_web.py [--clients 50] [--seconds 30] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import aiohttp
import httpx

OBLIGATIONS = [
    {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04", "kind": "territory"},
    {"attacker": "CHN", "target": "JPN", "place": "Naha", "date": "2025-11-04", "kind": "territory"},
    {"attacker": "RUS", "target": "LVA", "place": "Riga", "date": "2005-06-01", "kind": "territory"},
    {"attacker": "RUS", "target": "LVA", "place": "Riga", "date": "2003-06-01", "kind": "territory"},
    {"attacker": "RUS", "lat": "59.44", "lon": "24.75", "date": "2024-05-01", "kind": "territory"},
    {"attacker": "CHN", "lat": "14.6", "lon": "121.0", "date": "2025-11-04", "kind": "territory"},
    {"attacker": "RUS", "target": "DEU", "place": "Berlin", "date": "2025-11-04", "kind": "territory",
     "cascade": "2"},
]
BURDEN = [
    {"alliance": "NATO", "year": "2024", "source": "sipri"},
    {"alliance": "NATO", "year": "2023", "source": "sipri"},
    {"alliance": "NATO", "year": "2020", "source": "sipri"},
    {"members": "USA,KOR,JPN", "year": "2024", "source": "sipri"},
    {"members": "USA,KOR,JPN,AUS,PHL", "year": "2022", "source": "sipri"},
]
PEER = "/static/vendor/VENDOR.json"
Plan = Callable[[int], tuple[str, dict[str, str]]]


RNG = random.Random(7)


def fresh_query(i: int, rng: random.Random = RNG) -> tuple[str, dict[str, str]]:
    """A query no one asked before (so the memo cannot answer it): a random point and day for obligations;
    a random year and GDP growth for burden with Korea's path to 3.5 % by 2035."""
    if i % 2 == 0:
        return "/api/obligations", {"attacker": rng.choice(["RUS", "CHN", "PRK"]), "kind": "territory",
                                    "lat": f"{rng.uniform(-50, 70):.4f}", "lon": f"{rng.uniform(-170, 170):.4f}",
                                    "date": f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-15"}
    return "/api/burden", {"alliance": "NATO", "year": str(rng.randint(2000, 2024)), "source": "sipri",
                           "country": "KOR", "target": "3.5", "by": "2035",
                           "gdp_growth": f"{rng.uniform(0.5, 3.0):.6f}"}


def make_plan(endpoints: list[str]) -> list[tuple[str, dict[str, str]]]:
    """The queries every client goes through in turn, the two endpoints interleaved."""
    queries = {"obligations": OBLIGATIONS, "burden": BURDEN}
    chosen = [[(f"/api/{name}", q) for q in queries[name]] for name in endpoints]
    longest = max(len(c) for c in chosen)
    return [c[i % len(c)] for i in range(longest) for c in chosen]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "allied", "serve", "--port", str(port), "--db", str(db)]
    proc = subprocess.Popen(cmd, env={**os.environ, "ALLIED_DB": str(db)}, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/data", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("allied serve did not start within 60 s")


async def client(http: aiohttp.ClientSession, base: str, plan: Plan, offset: int,
                 until: float, lat: dict[str, list[float]], errors: dict[str, list[str]]) -> None:
    i = offset
    while time.monotonic() < until:
        path, params = plan(i)
        i += 1
        t0 = time.perf_counter()
        try:
            async with http.get(base + path, params=params) as r:
                body = await r.read()
                ok, why = r.status == 200, f"{r.status} {body[:120]!r}"
        except (TimeoutError, aiohttp.ClientError) as exc:
            ok, why = False, repr(exc)
        lat[path].append(time.perf_counter() - t0)
        if not ok:
            errors[path].append(why)


async def run(base: str, plan: Plan, clients: int, seconds: float) -> tuple[
        dict[str, list[float]], dict[str, list[str]]]:
    """``clients`` concurrent clients, each sending its next request as soon as the last is answered."""
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(http, base, plan, k, until, lat, errors) for k in range(clients)))
    return lat, errors


def report(title: str, lat: dict[str, list[float]], errors: dict[str, list[str]], seconds: float) -> None:
    print(f"\n{title}")
    print(f"{'endpoint':<28}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for path, xs in sorted(lat.items()):
        ms = sorted(x * 1000 for x in xs)
        p95 = statistics.quantiles(ms, n=100)[94] if len(ms) > 1 else ms[0]
        print(f"{path:<28}{len(ms):>10}{len(ms) / seconds:>9.1f}{statistics.median(ms):>9.1f}{p95:>9.1f}"
              f"{ms[-1]:>9.1f}{len(errors.get(path, [])):>8}")
        for why in sorted(set(errors.get(path, [])))[:3]:
            print(f"    e.g. {why}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--peer-seconds", type=float, default=10.0)
    ap.add_argument("--endpoints", default="obligations,burden", help="which of obligations,burden to load")
    ap.add_argument("--fresh", action="store_true",
                    help="every request a query not asked before (what the engines cost without the memo)")
    ap.add_argument("--db", type=Path, default=None, help="store to serve (default: a fresh one in a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        port = free_port()
        proc = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            plan = make_plan(args.endpoints.split(","))
            for path, params in plan:  # one pass to load the engines' data, and a clear stop if a query is broken
                t0 = time.perf_counter()
                r = httpx.get(base + path, params=params, timeout=60)
                ms = (time.perf_counter() - t0) * 1000
                query = "&".join(f"{k}={v}" for k, v in params.items())
                print(f"first {path}?{query} -> {r.status_code} in {ms:.1f} ms")
                if r.status_code != 200:
                    raise SystemExit(f"warm-up failed: {r.text[:300]}")
            names = args.endpoints.split(",")
            step, first = (1, 0) if len(names) == 2 else (2, 0 if names[0] == "obligations" else 1)
            ask = (lambda i: fresh_query(step * i + first)) if args.fresh else (lambda i: plan[i % len(plan)])
            kind = "every query new (no memo)" if args.fresh else "mixed realistic queries"
            lat, errors = asyncio.run(run(base, ask, args.clients, args.seconds))
            report(f"allied: {args.clients} clients, {args.seconds:.0f} s, {kind}", lat, errors, args.seconds)
            lat, errors = asyncio.run(run(base, lambda i: (PEER, {}), args.clients, args.peer_seconds))
            report(f"peer (static file, same server): {args.clients} clients, {args.peer_seconds:.0f} s", lat,
                   errors, args.peer_seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
