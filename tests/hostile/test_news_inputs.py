"""Fuzz (bounded) over the news entry points that read user input: `allied extract`, `allied ingest` and
`allied brief` on .txt (with sidecar), .html, .jsonl(.gz), .warc(.gz) and .rss files, and on folders.

Each input must be handled within 5 s (wall and CPU, measured per input), end with exit code 0 or 1 (never a
traceback), give one JSON line per document, and leave the store exactly as it was unless a document was
stored — and then with exactly those documents added, each whole (no event without its source)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import allied
from allied.cli import app
from tests.hostile.conftest import budget, dump, warm_news
from tests.hostile.strategies import feed, html_page, jsonl_lines, txt_article, warc_file

EXAMPLES = 25  # per format and command: 6 formats x 3 commands x 25 inputs (about 60 s in all here)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "marles-indopazifik.txt"


def _write_txt(folder: Path, drawn: tuple[bytes, bytes | None]) -> Path:
    data, sidecar = drawn
    path = folder / "article.txt"
    path.write_bytes(data)
    if sidecar is not None:
        (folder / "article.json").write_bytes(sidecar)
    return path


def _write(suffix: str) -> Callable[[Path, bytes], Path]:
    def write(folder: Path, data: bytes) -> Path:
        path = folder / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        return path
    return write


FORMATS = {  # name -> (strategy, writer)
    "txt": (txt_article(), _write_txt),
    "html": (html_page(), _write(".html")),
    "jsonl": (jsonl_lines(), _write(".jsonl")),
    "jsonl.gz": (jsonl_lines(), _write(".jsonl.gz")),
    "warc": (warc_file(), _write(".warc")),
    "warc.gz": (warc_file(), _write(".warc.gz")),
    "rss": (feed(), _write(".rss")),
}


@pytest.fixture(scope="module")
def warm() -> None:
    """The news engine and every language's pack and segmenter loaded once, outside the measured inputs
    (loading them is not reading an input)."""
    allied.extract(EXAMPLE)
    warm_news()


def _records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _clean_exit(result: object, what: str) -> None:
    exc = getattr(result, "exception", None)
    code = getattr(result, "exit_code", None)
    assert exc is None or isinstance(exc, SystemExit), f"{what}: {exc!r}"
    assert code in (0, 1), f"{what}: exit code {code}: {getattr(result, 'stderr', '')}"
    assert "Traceback" not in getattr(result, "stderr", "")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_extract_any_input(fmt: str, warm: None, tmp_path_factory: pytest.TempPathFactory) -> None:
    strategy, write = FORMATS[fmt]

    @FUZZ
    @given(strategy)
    def run(drawn: object) -> None:
        path = write(tmp_path_factory.mktemp("in"), drawn)  # type: ignore[arg-type]
        with budget(f"extract {path.name}"):
            result = CliRunner().invoke(app, ["extract", str(path), "-f", "jsonl"])
        _clean_exit(result, f"extract {path.name}")
        recs = _records(result.stdout)
        assert recs, "every input gives at least one line (its error, if nothing else)"
        for rec in recs:
            assert rec.get("error") or rec.get("reason") or isinstance(rec.get("events"), list), rec
        assert (result.exit_code == 1) == any(r.get("error") or r.get("reason") for r in recs)

    run()


def _stored(rows: list[dict[str, object]]) -> int:
    return sum(1 for r in rows if r.get("status") == "stored")


def _whole(db: Path) -> None:
    """Every stored document with all of its rows: no source without its document or event, no key
    without its event."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        [(orphans,)] = con.execute("SELECT count(*) FROM news_event_sources s LEFT JOIN news_documents d "
                                   "USING (doc_key) WHERE d.doc_key IS NULL").fetchall()
        [(unkeyed,)] = con.execute("SELECT count(*) FROM news_event_keys k LEFT JOIN news_events e "
                                   "USING (event_id) WHERE e.event_id IS NULL").fetchall()
        [(sourceless,)] = con.execute("SELECT count(*) FROM news_events e WHERE NOT EXISTS (SELECT 1 FROM "
                                      "news_event_sources s WHERE s.event_id = e.event_id)").fetchall()
        assert orphans == unkeyed == sourceless == 0
    finally:
        con.close()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory, warm: None) -> bytes:
    """A store holding the project's example articles (the user's good data), as bytes to copy."""
    db = tmp_path_factory.mktemp("base") / "allied.duckdb"
    allied.ingest(sorted(EXAMPLE.parent.glob("*.txt")), db=db)
    return db.read_bytes()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_ingest_any_input(fmt: str, base_store: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    strategy, write = FORMATS[fmt]
    db = tmp_path_factory.mktemp("store") / "allied.duckdb"
    db.write_bytes(base_store)

    @FUZZ
    @given(strategy, st.booleans())
    def run(drawn: object, keep_all: bool) -> None:
        path = write(tmp_path_factory.mktemp("in"), drawn)  # type: ignore[arg-type]
        before = dump(db)
        args = ["ingest", str(path), "--db", str(db), "-f", "json"] + (["--no-filter"] if keep_all else [])
        with budget(f"ingest {path.name}"):
            result = CliRunner().invoke(app, args)
        _clean_exit(result, f"ingest {path.name}")
        rows = json.loads(result.stdout)
        after = dump(db)
        if _stored(rows) == 0:  # where an article was seen (a new place for a known text, a page the filter
            # dropped) is remembered so a re-ingest skips it; nothing else may change
            seen = ("news_locations", "news_passed_over")
            kept = {t: r for t, r in after.items() if t not in seen}
            unchanged = {t: r for t, r in before.items() if t not in seen}
            assert kept == unchanged, f"nothing was stored, yet the store changed: {rows}"
        else:
            added = set(after["news_documents"]) - set(before["news_documents"])
            assert len(added) == _stored(rows) and set(before["news_documents"]) <= set(after["news_documents"])
            _whole(db)

    run()


@pytest.mark.parametrize("fmt", ["txt", "html", "jsonl"])
def test_brief_any_article(fmt: str, warm: None, tmp_path_factory: pytest.TempPathFactory) -> None:
    """`allied brief FILE`: a brief or a clear error, never a traceback."""
    strategy, write = FORMATS[fmt]

    @FUZZ
    @given(strategy, st.sampled_from(["text", "html", "markdown", "json"]))
    def run(drawn: object, out: str) -> None:
        path = write(tmp_path_factory.mktemp("in"), drawn)  # type: ignore[arg-type]
        with budget(f"brief {path.name}"):
            result = CliRunner().invoke(app, ["brief", str(path), "-f", out])
        _clean_exit(result, f"brief {path.name}")
        if result.exit_code == 1:
            assert result.stderr.startswith("Error: "), result.stderr

    run()


def test_a_folder_with_a_symlink_loop_and_odd_entries(tmp_path: Path, warm: None) -> None:
    """A folder that links to itself, a fifo, an unreadable file and a directory named like an article:
    read once each, within the budget, each with its own error."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "loop").symlink_to(folder)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dir.txt").mkdir()
    locked = folder / "locked.txt"
    locked.write_text("Title\n\nText.")
    locked.chmod(0)
    (folder / "good.txt").write_bytes(EXAMPLE.read_bytes())
    try:
        with budget("extract folder"):
            result = CliRunner().invoke(app, ["extract", str(folder), "-f", "jsonl"])
    finally:
        locked.chmod(0o644)
    _clean_exit(result, "extract folder")
    recs = _records(result.stdout)
    good = [r for r in recs if r["doc"] == "good"]
    assert len(good) == 1 and good[0]["events"], "the good article is read once, with its events"
