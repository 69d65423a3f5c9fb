"""Start-up: the wall and CPU time of `allied` commands beside `python -c pass` (the floor: the interpreter
itself), all in the same run, each repeated and the median reported.

    python bench/bench_startup.py [--repeat 7] [--db PATH]

Commands: `import allied`; `allied treaty list` (the reference alone); `allied obligations` for an attack
on Seoul (the reference, the territory layer and the obligations engine); `allied burden` for NATO 2024
(the figures engine over the bundled snapshot). Target: each command under 0.8 s wall, `import allied`
under 0.3 s. The machine is shared: CPU time (user + system of the child) is printed next to wall time.

Python's bytecode cache is on for the children (as for any installed package: pip compiles it), even where
the environment sets PYTHONDONTWRITEBYTECODE: without it every start compiles every module it imports from
source. The first round of warm-up runs writes it; ``--as-is`` keeps the environment as it is.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", [PY, "-c", "pass"]),
    ("import allied", [PY, "-c", "import allied"]),
    ("allied --version", [PY, "-m", "allied", "--version"]),
    ("allied treaty list", [PY, "-m", "allied", "treaty", "list"]),
    ("allied obligations (Seoul)", [PY, "-m", "allied", "obligations", "--attacker", "PRK", "--target", "KOR",
                                    "--place", "Seoul", "--date", "2025-11-04", "--format", "json"]),
    ("allied burden NATO 2024", [PY, "-m", "allied", "burden", "--alliance", "NATO", "--year", "2024",
                                 "--format", "json"]),
]


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, timeout=300)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--db", type=Path, default=None, help="store (default: a fresh one in a temp dir)")
    ap.add_argument("--as-is", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if it is set")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ALLIED_DB": str(args.db or Path(tmp) / "bench.duckdb")}
        if not args.as_is:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _, argv in COMMANDS:  # once each first: caches (land mask, cities) are built, not measured
            once(argv, env)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in COMMANDS}
        for _ in range(args.repeat):  # interleaved, so load on the machine hits every command alike
            for name, argv in COMMANDS:
                results[name].append(once(argv, env))
    floor = statistics.median(w for w, _ in results["python -c pass"])
    cpu_floor = statistics.median(c for _, c in results["python -c pass"])
    print(f"{'command':<30}{'wall ms':>9}{'min':>8}{'- floor':>9}{'cpu ms':>9}{'- floor':>9}   "
          f"(median of {args.repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    for name, runs in results.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"{name:<30}{wall * 1000:>9.0f}{min(walls) * 1000:>8.0f}{(wall - floor) * 1000:>9.0f}"
              f"{cpu * 1000:>9.0f}{(cpu - cpu_floor) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
