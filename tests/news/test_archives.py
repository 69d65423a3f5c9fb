"""Inputs as published: WARC archives, RSS/Atom feeds, gzipped JSON Lines and folders, each bad record its
own error; the HTML path works on a fresh install; a malformed page is an error, not a crash."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib
import importlib.metadata
import json
from pathlib import Path

import pytest

from allied.news import read
from allied.news.read import read_path, read_paths
from tests.news.synth import Page, pages, warc_record, write_jsonl, write_warc

ARTICLE = Page(
    "https://news.example.org/en/koizumi-marles",
    "Koizumi and Marles hold talks in Tokyo\nJapanese Defense Minister Shinjiro Koizumi met Australian Defence "
    "Minister Richard Marles in Tokyo on March 4, 2026. The two ministers discussed air defence and "
    "shipbuilding at length with their delegations.\n",
    dt.date(2026, 3, 4),
    "en",
    True,
)


def _raw_record(kind: str, url: str, http: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(len(url) * 7919):032x}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-03-05T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def test_html_path_dependencies_are_declared_and_import() -> None:
    """trafilatura -> justext needs lxml_html_clean, which lxml no longer brings: it must be declared."""
    required = " ".join(importlib.metadata.requires("allied") or []).lower().replace("-", "_")
    for dist in ("trafilatura", "lxml_html_clean", "fastwarc", "feedparser", "htmldate"):
        assert dist in required, dist
    for module in ("lxml_html_clean", "justext", "trafilatura", "htmldate", "fastwarc.warc", "feedparser"):
        importlib.import_module(module)
    [doc] = read.read_path(_page(Path(importlib.import_module("tempfile").mkdtemp())))
    assert doc.error is None and "Richard Marles" in doc.text


def _page(folder: Path) -> Path:
    path = folder / "page.html"
    path.write_text(ARTICLE.html(), encoding="utf-8")
    return path


def test_warc_html_responses_only_with_url_date_and_fetch_time(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, iter([ARTICLE]))
    extra = (
        _raw_record("request", "https://news.example.org/x", b"GET /x HTTP/1.1\r\nHost: news.example.org\r\n\r\n")
        + _raw_record(
            "response",
            "https://news.example.org/a.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG",
        )
        + _raw_record("response", "https://news.example.org/old", b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n")
    )
    with open(warc, "ab") as fh:
        fh.write(gzip.compress(extra))
    [doc] = read_path(warc)
    assert (doc.error, doc.name, doc.url, doc.published, doc.fetched, doc.position) == (
        None,
        "crawl:1",
        ARTICLE.url,
        dt.date(2026, 3, 4),
        "2026-06-01T00:00:00Z",
        0,
    )
    assert doc.text.splitlines()[0] == "Koizumi and Marles hold talks in Tokyo"
    assert doc.text.count("Koizumi and Marles hold talks") == 1  # the headline is not repeated in the body
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_damaged_warc_keeps_what_came_before(tmp_path: Path) -> None:
    good = tmp_path / "good.warc"
    write_warc(good, pages(6, 0.5))
    raw = good.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(raw[: len(raw) - 300])
    docs = read_path(cut)
    assert [d.error for d in docs[:5]] == [None] * 5
    assert docs[-1].error is not None and "truncated" in docs[-1].error
    (tmp_path / "noise.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" * 50)
    (tmp_path / "text.warc").write_text("hello, not an archive\n", encoding="utf-8")
    for name in ("noise.warc.gz", "text.warc"):
        [doc] = read_path(tmp_path / name)
        assert doc.error and doc.error.startswith(str(tmp_path / name)), doc.error


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    rss = tmp_path / "feed.rss"
    rss.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>The Example Times</title><language>en-gb</language>"
        f"<item><title>Koizumi and Marles hold talks</title><link>{ARTICLE.url}</link>"
        "<pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Japanese Defense Minister Shinjiro Koizumi met Richard Marles in Tokyo.&lt;/p&gt;"
        "</description></item><item><title>Empty</title></item></channel></rss>",
        encoding="utf-8",
    )
    first, empty = read_path(rss)
    assert (first.error, first.url, first.published, first.outlet, first.language) == (
        None,
        ARTICLE.url,
        dt.date(2026, 3, 4),
        "The Example Times",
        "en",
    )
    assert (
        first.text
        == "Koizumi and Marles hold talks\nJapanese Defense Minister Shinjiro Koizumi met Richard Marles in Tokyo.\n"
    )
    assert empty.error == "feed:2: the entry has no text"
    atom = tmp_path / "feed.atom"
    atom.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
        "<entry><title>Pistorius in Berlin</title><link href='https://wire.example.org/1'/>"
        "<updated>2026-02-01T08:00:00Z</updated><content type='html'>Boris Pistorius spoke in Berlin.</content>"
        "</entry></feed>",
        encoding="utf-8",
    )
    [doc] = read_path(atom)
    assert (doc.url, doc.published, doc.text) == (
        "https://wire.example.org/1",
        dt.date(2026, 2, 1),
        "Pistorius in Berlin\nBoris Pistorius spoke in Berlin.\n",
    )
    (tmp_path / "junk.xml").write_text("<not a feed", encoding="utf-8")
    [bad] = read_path(tmp_path / "junk.xml")
    assert bad.error and bad.error.startswith(f"{tmp_path / 'junk.xml'}: not an RSS/Atom feed")


def test_jsonl_gz_and_folders_are_streamed(tmp_path: Path) -> None:
    sub = tmp_path / "export" / "2026"
    sub.mkdir(parents=True)
    items = list(pages(20, 0.5))
    write_jsonl(tmp_path / "plain.jsonl", iter(items[:10]))
    with gzip.open(sub / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(p.record()) + "\n" for p in items[10:])
    (sub / "a.txt").write_text(ARTICLE.text, encoding="utf-8")
    (sub / "a.json").write_text('{"published": "2026-03-04"}', encoding="utf-8")
    (sub / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    stream = read_paths([tmp_path])
    assert next(stream).path == str(tmp_path / "export" / "2026" / "a.txt")  # one document at a time
    rest = list(stream)
    assert len(rest) == 20 and all(d.error is None for d in rest)
    assert [d.name for d in rest[:2]] == [items[10].record()["id"], items[11].record()["id"]]
    empty = tmp_path / "none"
    empty.mkdir()
    [doc] = read_path(empty)
    assert doc.error and "the folder holds no articles" in doc.error


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "not a readable JSON record (RecursionError"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "not a readable JSON record (ValueError"),
        ('{"text": "Text \\ud800 here"}', "not text: a lone surrogate '\\ud800' at character 5"),
        ('{"text": "Text", "language": 7}', "language must be a short text, not int 7"),
        ('{"text": "Text", "published": 20260101}', "published 20260101 is not a date (YYYY-MM-DD)"),
        ('{"text": "Text", "title": ["a"]}', "'title' must be a text, not list"),
        ('{"text": "Text", "id": {"a": 1}}', "'id' must be a short text or number"),
    ],
)
def test_one_bad_jsonl_line_is_that_lines_error(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps(ARTICLE.record())
    path.write_text(f"{good}\n{line}\n{good}\n", encoding="utf-8", errors="surrogatepass")
    docs = read_path(path)
    assert [d.error is None for d in docs] == [True, False, True]
    assert expected in (docs[1].error or ""), docs[1].error


def test_non_utf8_and_overlong_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps(ARTICLE.record()).encode()
    path.write_bytes(good + b"\n" + b'{"text": "M\xfcller"}\n' + b"x" * (read.MAX_BYTES + 10) + b"\n" + good + b"\n")
    docs = read_path(path)
    assert [d.error for d in docs] == [
        None,
        "batch:2: not UTF-8 text (byte 11)",
        f"batch:3: line too long (over {read.MAX_BYTES:,} bytes)",
        None,
    ]


def test_a_page_that_breaks_the_metadata_parser_is_read_without_it(tmp_path: Path, monkeypatch) -> None:
    """lxml's AssertionError through htmldate on a malformed page: the text is read without the metadata."""
    real = read._extract

    def fragile(html: str | bytes, metadata: bool) -> object:
        if metadata:
            raise AssertionError("lxml: malformed document")
        return real(html, metadata)

    monkeypatch.setattr(read, "_extract", fragile)
    [doc] = read_path(_page(tmp_path))
    assert doc.error is None and doc.published is None and "Richard Marles" in doc.text
    monkeypatch.setattr(read, "_extract", lambda html, metadata: (_ for _ in ()).throw(AssertionError()))
    [doc] = read_path(_page(tmp_path))
    assert doc.error == f"{tmp_path / 'page.html'}: the HTML cannot be parsed (AssertionError)"


def test_a_reader_that_fails_midway_keeps_the_documents_before(tmp_path: Path, monkeypatch) -> None:
    path = write_warc(tmp_path / "w.warc", pages(4, 0.5))
    from allied.news import archives

    real = archives._record
    calls = []

    def third_breaks(p: Path, where: str, rec: object) -> object:
        calls.append(where)
        if len(calls) == 3:
            raise MemoryError("simulated")
        return real(p, where, rec)

    monkeypatch.setattr(archives, "_record", third_breaks)
    docs = read_path(path)
    assert [d.error for d in docs] == [None, None, "w:3: record unreadable (MemoryError)", None]
    raw = warc_record(ARTICLE)
    assert raw.startswith(b"WARC/1.0")
