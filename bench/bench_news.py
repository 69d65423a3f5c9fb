"""Time allied's whole news pipeline against dateparser's date search on the same texts.

Figures, timed here in one process on the dev corpus (median of several runs, after one warm-up run that
loads every language pack, its automaton, the name indexes, the analysers, the language detector and the
date patterns once):
  - allied: documents per second for the whole pipeline (read, language, sentences, mentions, dates,
    events, merge, topics, scope, pledges) on every article of the corpus, wall time and CPU time;
  - the peer: ``dateparser.search.search_dates(text, languages=[lang])`` with each article's language pinned,
    only finding the dates in the same texts, wall and CPU time;
  - per language (all nine packs; Korean, Japanese and Chinese include their morphological analysers):
    documents per second of allied and of the peer on that language's articles, wall and CPU;
  - memory: the process's resident size with every pack, automaton, index and analyser loaded, its peak,
    and the peak traced allocation (tracemalloc) of one allied run and one peer run;
  - the anchor scan alone (``--matchers``): the automaton of each pack over its language's texts, beside
    running every word list's regex over them, and beside pyahocorasick when it is installed; and the
    relevance prefilter's automata beside one regex of its vocabulary, on the articles and on unrelated
    texts made from them (vowels crossed out), with the same answers.

The machine is shared, so wall time moves with the load; CPU time is the steadier figure.

Usage: python bench/bench_news.py [ARTICLES_DIR] [--runs N] [--matchers]
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


def timed(fn: Callable[[], object], runs: int, trace: bool = False) -> tuple[float, float, float]:
    """(median wall seconds, median CPU seconds, peak traced MiB of one more run or 0)."""
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    peak = 0
    if trace:
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return statistics.median(walls), statistics.median(cpus), peak / 2**20


def rss_mib() -> float:
    """The process's resident size now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def matchers(docs: list[tuple[Path, str, str]], runs: int) -> None:
    """The anchor scan of each pack's automaton over its language's texts, against the word lists' regexes."""
    from allied.news.lexicon import lexicons

    packs = lexicons()
    by_lang: dict[str, list[str]] = {}
    for _, text, lang in docs:
        if lang in packs:
            by_lang.setdefault(lang, []).append(text)
    specials = {"titles._keys", "topics._all"}
    lists = {lang: sorted(packs[lang].automaton().names - specials) for lang in by_lang}

    def automaton() -> None:
        for lang, texts in by_lang.items():
            auto = packs[lang].automaton()
            for text in texts:
                auto._memo = []
                auto.hits(text)

    def phrases(lang: str, name: str) -> list[str]:
        section, key = name.split(".", 1)
        value = packs[lang].data[section][key]
        return [w[0] if isinstance(w, list) else w.split(":")[0] for w in value]

    compiled = {lang: [packs[lang].compile(phrases(lang, n)) for n in lists[lang]] for lang in by_lang}

    def regexes() -> None:
        for lang, texts in by_lang.items():
            for text in texts:
                for pat in compiled[lang]:
                    if pat is not None:
                        list(pat.finditer(text))

    def rs_scan() -> None:
        for lang, texts in by_lang.items():
            auto = packs[lang].automaton()
            for text in texts:
                auto.matcher.find_matches_as_indexes(auto.fold(text), overlapping=True)  # type: ignore[union-attr]

    rows = [
        ("Automaton.hits: fold, scan, places", automaton),
        ("  its scan alone (ahocorasick_rs)", rs_scan),
    ]
    try:
        import ahocorasick

        built = {}
        for lang in by_lang:
            py = ahocorasick.Automaton()
            for i, p in enumerate(packs[lang].automaton().patterns):
                py.add_word(p, (i, len(p)))
            py.make_automaton()
            built[lang] = py

        def pyaho() -> None:
            for lang, texts in by_lang.items():
                auto, py = packs[lang].automaton(), built[lang]
                for text in texts:
                    [(end - n + 1, end + 1, i) for end, (i, n) in py.iter(auto.fold(text))]

        rows.append(("  the same scan with pyahocorasick", pyaho))
    except ImportError:
        print("  (pyahocorasick is not installed: its row is left out)")
    rows.append(("every word list's regex over the text", regexes))
    rows += _prefilter_rows(docs)
    chars = sum(len(t) for ts in by_lang.values() for t in ts)
    print(f"anchor scan over {chars:,} characters in {len(by_lang)} languages (median of {runs} runs):")
    for label, fn in rows:
        wall, cpu, _ = timed(fn, runs)
        print(f"  {label:40s} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms")


def _prefilter_rows(docs: list[tuple[Path, str, str]]) -> list[tuple[str, Callable[[], object]]]:
    """The relevance prefilter's vocabulary automata against one regex of the whole vocabulary (as before)."""
    import re

    from allied.news.prefilter import _spaced, _vocabulary, vocabulary

    terms = sorted(vocabulary(), key=len, reverse=True)
    spaced = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms if _spaced(t))
    unspaced = "|".join(re.escape(t) for t in terms if not _spaced(t))
    regex = re.compile(rf"(?<![^\W_])(?:{spaced})|{unspaced}", re.IGNORECASE)
    vocab = _vocabulary()
    # unrelated texts, as most of an archive is: each article with its vocabulary's letters shifted away
    texts = [t for _, t, _ in docs] + [t.translate({ord(c): "x" for c in "aeiouAEIOU"}) for _, t, _ in docs]
    assert [vocab.search(t) for t in texts] == [regex.search(t) is not None for t in texts]
    return [
        ("prefilter, articles + unrelated copies: automata", lambda: [vocab.search(t) for t in texts]),
        ("  the same with one regex of the vocabulary", lambda: [regex.search(t) for t in texts]),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--matchers", action="store_true", help="also time the anchor scan against the regexes")
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
    assert all(d.error is None for d in warm), [d.error for d in warm if d.error]
    loaded = rss_mib()  # every pack, automaton, name index and analyser of the corpus's languages
    peer()
    ours_s, ours_cpu, ours_mib = timed(ours, args.runs, trace=True)
    peer_s, peer_cpu, peer_mib = timed(peer, args.runs, trace=True)
    n, chars = len(docs), sum(len(t) for _, t, _ in docs)
    print(f"corpus: {n} articles, {chars:,} characters ({args.folder}); load average {os.getloadavg()[0]:.1f}")
    print(f"first run incl. one-time setup (packs, automata, indexes, analysers, detector): {setup:.2f} s")
    for label, sec, cpu, mib in (
        ("allied pipeline", ours_s, ours_cpu, ours_mib),
        ("dateparser search_dates", peer_s, peer_cpu, peer_mib),
    ):
        print(
            f"{label:24s} wall {sec * 1000:7.1f} ms {n / sec:6.1f} docs/s   cpu {cpu * 1000:7.1f} ms "
            f"{n / cpu:6.1f} docs/s   traced peak {mib:6.1f} MiB"
        )
    print(f"allied is {peer_s / ours_s:.1f}x (wall) / {peer_cpu / ours_cpu:.1f}x (cpu) the speed of the peer")
    print("per language: docs/s wall / cpu (the peer only finds dates):")
    for lang in sorted({lang for _, _, lang in docs}):
        mine = [(p, t, lg) for p, t, lg in docs if lg == lang]
        lang_paths = [p for p, _, _ in mine]
        ours_l, ours_lc, _ = timed(lambda lang_paths=lang_paths: extract_documents(lang_paths), args.runs)
        peer_l, peer_lc, _ = timed(lambda mine=mine: [search_dates(t, languages=[lg]) for _, t, lg in mine], args.runs)
        k = len(mine)
        print(
            f"  {lang}: {k:2d} articles  allied {k / ours_l:6.1f} / {k / ours_lc:6.1f}   "
            f"peer {k / peer_l:6.1f} / {k / peer_lc:6.1f}   ({peer_l / ours_l:.1f}x wall, {peer_lc / ours_lc:.1f}x cpu)"
        )
    if args.matchers:
        matchers(docs, args.runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resident with all packs and analysers loaded: {loaded:.0f} MiB; process peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
