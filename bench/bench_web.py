"""Load on the dashboard: `allied serve --workers 2` on loopback, 50 concurrent clients for 30 s per
endpoint, every query new (``--fresh``: a random point and day for /api/obligations, a random year and GDP
growth for /api/burden with Korea's path to 3.5 % by 2035, a new article for POST /api/brief), each beside
the same endpoint with 1 client and with 50 clients repeating one query (what the memo answers). Then all
three endpoints mixed (a third of the clients on each), once without and once while `allied.ingest` writes
new documents into the same store: errors, and documents lost (ingested but not in the store) must both
be 0. A static file of the same server is the peer (the floor every request pays). A 503 with Retry-After
(too many new briefs at once) is waited out and sent again, as a user would, and counted as "retried".

Reports requests, req/s, p50/p95/max latency and errors per run, the server's CPU time (all its processes,
from /proc) and the load generator's own (``bench/httpload.py``: one kept-alive connection per client, on the
same cores) next to the run's wall time, and the load average: the machine is shared.

    python bench/bench_web.py --fresh [--clients 50] [--seconds 30] [--workers 2] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import httpx
from httpload import Ask, Connection
from httpload import run as run_loop

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
PEER = "/static/vendor/VENDOR.json"
CLK = os.sysconf("SC_CLK_TCK")


Plan = Callable[[int], Ask]
_count = itertools.count()


def _article(n: int) -> str:
    """An example article made new: a dated last sentence no other request has."""
    text = EXAMPLES[n % len(EXAMPLES)].read_text(encoding="utf-8")
    return f"{text.rstrip()}\n\nBench note {n}-{random.getrandbits(48):x}: the report was updated."


def fresh(endpoint: str, rng: random.Random) -> Plan:
    def plan(i: int) -> Ask:
        if endpoint == "obligations":
            return Ask("GET", "/api/obligations", {
                "attacker": rng.choice(["RUS", "CHN", "PRK"]), "kind": "territory",
                "lat": f"{rng.uniform(-50, 70):.4f}", "lon": f"{rng.uniform(-170, 170):.4f}",
                "date": f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-15"})
        if endpoint == "burden":
            return Ask("GET", "/api/burden", {"alliance": "NATO", "year": str(rng.randint(2000, 2024)),
                                              "source": "sipri", "country": "KOR", "target": "3.5", "by": "2035",
                                              "gdp_growth": f"{rng.uniform(0.5, 3.0):.6f}"})
        return Ask("POST", "/api/brief", form={"text": _article(next(_count)), "published": "2026-03-01"})
    return plan


def repeated(endpoint: str) -> Plan:
    one = {"obligations": Ask("GET", "/api/obligations", {"attacker": "PRK", "target": "KOR", "place": "Seoul",
                                                          "date": "2025-11-04", "kind": "territory"}),
           "burden": Ask("GET", "/api/burden", {"alliance": "NATO", "year": "2024", "source": "sipri",
                                                "country": "KOR", "target": "3.5", "by": "2035"}),
           "brief": Ask("POST", "/api/brief", form={"text": EXAMPLES[0].read_text(encoding="utf-8"),
                                                    "published": "2026-03-01"})}[endpoint]
    return lambda i: one


def mixed(rng: random.Random, clients: int) -> Plan:
    """Client k always asks endpoint k % 3 (a cheap query never waits behind a brief of its own client)."""
    plans = [fresh(e, rng) for e in ("obligations", "burden", "brief")]
    count = itertools.count()
    return lambda i: plans[i % clients % 3](next(count))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "allied", "serve", "--port", str(port), "--db", str(db), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env={**os.environ, "ALLIED_DB": str(db)}, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/data", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("allied serve did not start within 120 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and all its descendants (living ones; uvicorn's workers live on)."""
    children: dict[int, list[int]] = defaultdict(list)
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parts = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children[int(parts[1])].append(int(d.name))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            parts = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(parts[11]) + int(parts[12])) / CLK
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return total


async def client(port: int, plan: Plan, offset: int, stride: int, until: float, lat: dict[str, list[float]],
                 errors: dict[str, list[str]], retries: dict[str, int]) -> None:
    """Sends its next request as soon as the last is answered, on one kept-alive connection; a 503 with
    Retry-After (the dashboard's "busy, come back") is waited out and sent again, as a browser user would,
    and counted as a retry."""
    conn = Connection("127.0.0.1", port)
    i = offset
    try:
        while time.monotonic() < until:
            ask = plan(i)
            i += stride
            key = f"{ask.method} {ask.path}"
            t0 = time.perf_counter()
            while True:
                try:
                    r = await conn.send(ask)
                    ok, why, wait = r.status == 200, f"{r.status} {r.body[:160]!r}", r.headers.get("retry-after")
                except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                        ValueError) as exc:
                    ok, why, wait = False, repr(exc), None
                if ok or wait is None or not wait.isdigit() or time.perf_counter() - t0 > 120:
                    break
                retries[key] += 1
                await asyncio.sleep(int(wait))
            lat[key].append(time.perf_counter() - t0)
            if not ok:
                errors[key].append(why)
    finally:
        conn.close()


async def load(port: int, plan: Plan, clients: int, seconds: float) -> tuple[
        dict[str, list[float]], dict[str, list[str]], dict[str, int]]:
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    retries: dict[str, int] = defaultdict(int)
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(port, plan, k, clients, until, lat, errors, retries) for k in range(clients)))
    return lat, errors, retries


HEADER = (f"{'run':<46}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>7}"
          f"{'retried':>8}{'srv ms/req':>11}{'cli ms/req':>11}{'load':>6}")


def _self_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def measure(title: str, server: subprocess.Popen[bytes], port: int, plan: Plan, clients: int,
            seconds: float) -> dict[str, float]:
    cpu0, own0, t0 = cpu_seconds(server.pid), _self_cpu(), time.monotonic()
    lat, errors, retries = run_loop(load(port, plan, clients, seconds))  # type: ignore[misc]
    wall, cpu, own = time.monotonic() - t0, cpu_seconds(server.pid) - cpu0, _self_cpu() - own0
    n = sum(len(xs) for xs in lat.values()) or 1
    out: dict[str, float] = {}
    for key, xs in sorted(lat.items()):
        ms = sorted(x * 1000 for x in xs)
        p95 = statistics.quantiles(ms, n=100, method="inclusive")[94] if len(ms) > 1 else ms[0]
        n_err = len(errors.get(key, []))
        print(f"{title + ' ' + key:<46}{len(ms):>9}{len(ms) / wall:>8.1f}{statistics.median(ms):>9.1f}"
              f"{p95:>9.1f}{ms[-1]:>9.1f}{n_err:>7}{retries.get(key, 0):>8}{cpu * 1000 / n:>11.2f}"
              f"{own * 1000 / n:>11.2f}{os.getloadavg()[0]:>6.1f}", flush=True)
        for why in sorted(set(errors.get(key, [])))[:2]:
            print(f"    e.g. {why}")
        out[key] = p95
    print(f"{'':<46}(wall {wall:.1f} s, server CPU {cpu:.1f} s = {cpu / wall:.2f} cores, load generator "
          f"{own:.1f} s = {own / wall:.2f} cores)", flush=True)
    return out


WRITER = """
import json, sys, tempfile, time
from pathlib import Path
import allied
db, seconds, texts = sys.argv[1], float(sys.argv[2]), [Path(p).read_text(encoding="utf-8") for p in sys.argv[3:]]
sent, errors, n, end = 0, [], 0, None
allied.extract("Warm-up\\n\\nRichard Marles reist am Montag nach Tokio.")  # load the news engine first
print("ready", flush=True)
end = time.monotonic() + seconds
with tempfile.TemporaryDirectory() as tmp:
    while time.monotonic() < end:
        batch = []
        for k in range(3):  # three new articles a batch, as files (the way `allied ingest` reads them)
            path = Path(tmp) / f"writer-{n + k}.txt"
            path.write_text(f"{texts[(n + k) % len(texts)].rstrip()}\\n\\nWriter note {n + k}: updated.\\n",
                            encoding="utf-8")
            batch.append(path)
        n += len(batch)
        try:
            done = allied.ingest(batch, db=db, published="2026-02-01")
            sent += len(batch)
            errors.extend(str(d.get("error")) for d in done if d.get("error"))
        except allied.AlliedError as exc:
            errors.append(str(exc))
print(json.dumps({"sent": sent, "errors": errors}))
"""


def stored_documents(db: Path) -> int:
    done = subprocess.run([sys.executable, "-c", "import sys\nfrom allied.store import reader\n"
                           "with reader(sys.argv[1]) as con:\n"
                           "    has = con.execute(\"SELECT count(*) FROM duckdb_tables() WHERE table_name = "
                           "'news_documents'\").fetchone()[0]\n"
                           "    print(con.execute('SELECT count(*) FROM news_documents').fetchone()[0] if has else 0)",
                           str(db)], capture_output=True, text=True, timeout=300)
    return int(done.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--short", type=float, default=10.0, help="seconds of the 1-client, repeated and peer runs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--endpoints", default="obligations,burden,brief")
    ap.add_argument("--fresh", action="store_true", help="accepted for compatibility: the runs are always new")
    ap.add_argument("--no-writer", action="store_true", help="skip the runs with and without an ingest")
    ap.add_argument("--db", type=Path, default=None, help="store to serve (default: a fresh one in a temp dir)")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        port = free_port()
        server = start_server(db, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            for name in args.endpoints.split(","):  # warm each worker's engines and check the queries work
                for k in range(2 * args.workers):
                    ask = fresh(name, rng)(k)
                    r = httpx.request(ask.method, base + ask.path, params=ask.params or None, data=ask.form,
                                      timeout=120)
                    if r.status_code != 200:
                        raise SystemExit(f"warm-up of {name} failed: {r.status_code} {r.text[:300]}")
            print(f"allied serve --workers {args.workers}, {args.clients} clients; {os.cpu_count()} CPUs\n{HEADER}")
            for name in args.endpoints.split(","):
                measure(f"new x{args.clients}", server, port, fresh(name, rng), args.clients, args.seconds)
                measure("new x1", server, port, fresh(name, rng), 1, args.short)
                measure(f"repeated x{args.clients}", server, port, repeated(name), args.clients, args.short)
            measure(f"peer x{args.clients}", server, port, lambda i: Ask("GET", PEER), args.clients, args.short)
            if not args.no_writer:
                measure(f"mixed new x{args.clients}, no writer", server, port, mixed(rng, args.clients),
                        args.clients, args.seconds)
                before = stored_documents(db)
                writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(args.seconds),
                                           *map(str, EXAMPLES)], stdout=subprocess.PIPE, text=True)
                assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
                measure(f"mixed new x{args.clients}, ingest writing", server, port, mixed(rng, args.clients),
                        args.clients, args.seconds)
                out, _ = writer.communicate(timeout=600)
                result = json.loads(out.strip().splitlines()[-1])
                stored = stored_documents(db) - before
                print(f"ingest while serving: {result['sent']} documents sent, {stored} new in the store, "
                      f"{result['sent'] - stored} lost, {len(result['errors'])} writer errors"
                      + (f" (e.g. {result['errors'][0]})" if result["errors"] else ""))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
