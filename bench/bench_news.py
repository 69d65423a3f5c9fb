"""Time allied's whole news pipeline against dateparser's date search on the same texts.

Figures, timed here in one process on the dev corpus (median of several runs, after one warm-up run that
builds the name indexes, the language detector and the date patterns once):
  - allied: documents per second for the whole pipeline (read, language, sentences, mentions, dates,
    events, merge, topics, scope, pledges) on every article of the corpus;
  - the peer: ``dateparser.search.search_dates(text, languages=[lang])`` with each article's language pinned,
    only finding the dates in the same texts;
  - peak memory (tracemalloc) of one allied run and of one peer run, and the process's peak RSS;
  - per language: documents per second of allied and of the peer on that language's articles (Korean,
    Japanese and Chinese include their morphological analysers, loaded in the warm-up); the peak RSS is
    then that of a process with every language pack and analyser loaded.

Usage: python bench/bench_news.py [ARTICLES_DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from dateparser.search import search_dates

from allied.news import extract_documents

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("ALLIED_SHARED", ROOT.parent / "shared")) / "corpus" / "dev" / "articles"


def articles(folder: Path) -> list[tuple[Path, str, str]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        side = path.with_suffix(".json")
        lang = json.loads(side.read_text(encoding="utf-8")).get("language") if side.exists() else None
        out.append((path, path.read_text(encoding="utf-8"), lang or "en"))
    return out


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median seconds, peak traced MiB of one run)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    docs = articles(args.folder)
    if not docs:
        raise SystemExit(f"no .txt articles in {args.folder}")
    paths = [p for p, _, _ in docs]

    def ours() -> object:
        return extract_documents(paths)

    def peer() -> object:
        return [search_dates(text, languages=[lang]) for _, text, lang in docs]

    t0 = time.perf_counter()
    warm = extract_documents(paths)
    setup = time.perf_counter() - t0
    peer()
    assert all(d.error is None for d in warm), [d.error for d in warm if d.error]
    ours_s, ours_mib = timed(ours, args.runs)
    peer_s, peer_mib = timed(peer, args.runs)
    n, chars = len(docs), sum(len(t) for _, t, _ in docs)
    print(f"corpus: {n} articles, {chars:,} characters ({args.folder})")
    print(f"first run incl. one-time setup (indexes, detector, patterns): {setup:.2f} s")
    for label, sec, mib in (("allied pipeline", ours_s, ours_mib), ("dateparser search_dates", peer_s, peer_mib)):
        print(f"{label:24s}{sec * 1000:8.1f} ms per corpus {n / sec:8.1f} docs/s  traced peak {mib:6.1f} MiB")
    print(f"allied is {peer_s / ours_s:.1f}x the speed of the peer (which only finds dates)")
    print("per language (articles without a pack are refused with a reason):")
    for lang in sorted({lang for _, _, lang in docs}):
        mine = [(p, t, lg) for p, t, lg in docs if lg == lang]
        lang_paths = [p for p, _, _ in mine]
        ours_l, _ = timed(lambda lang_paths=lang_paths: extract_documents(lang_paths), args.runs)
        peer_l, _ = timed(lambda mine=mine: [search_dates(t, languages=[lg]) for _, t, lg in mine], args.runs)
        print(f"  {lang}: {len(mine):2d} articles  allied {len(mine) / ours_l:7.1f} docs/s  "
              f"peer {len(mine) / peer_l:7.1f} docs/s  ({peer_l / ours_l:.1f}x)")
    print(f"process peak RSS (all packs and analysers loaded): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
