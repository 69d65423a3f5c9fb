"""Fuzzing the readers (bounded): whatever the bytes of a .txt, .html, .jsonl, .warc(.gz) or .rss file, reading
gives Documents (bad ones with an error), raises nothing but allied's own error class, and takes under 5 s."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allied.model import AlliedError, Document
from allied.news.read import read_path
from tests.news.synth import pages, warc_record

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
VALID_WARC = b"".join(warc_record(p) for p in pages(3, 0.7))
VALID_RSS = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>Koizumi meets Marles</title>"
    b"<link>https://x.example/1</link><pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>"
    b"<description>Shinjiro Koizumi met Richard Marles in Tokyo.</description></item></channel></rss>"
)
HTML_PARTS = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<body>",
        "<p>",
        "</p>",
        "<article>",
        "<?xml version='1.0'?>",
        "<!DOCTYPE html>",
        "<meta name='date' content='",
        "2026-13-45",
        "'>",
        "<time datetime='",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "&#0;",
        "&#x110000;",
        "<title>",
        "</title>",
        "<a href='javascript:x'>",
        "\x00",
        "\ud800",
        "Koizumi met ",
        "Richard Marles in Tokyo on March 4, 2026. ",
        "<script>",
        "</script>",
        "<svg><foreignObject>",
        "<",
    ]
)


def _mutate(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for pos, value in cuts:
        if out:
            out[pos % len(out)] = value
    return bytes(out)


def _check(path: Path) -> list[Document]:
    start = time.process_time()  # CPU time: the machine is shared
    try:
        docs = read_path(path)
    except AlliedError:
        return []
    took = time.process_time() - start
    assert took < 5, f"{path.name}: {took:.1f} s"
    assert docs and all(isinstance(d, Document) for d in docs)
    for d in docs:
        assert d.error is not None or d.text.strip(), d
        if d.error is None:
            d.text.encode("utf-8")  # storable: no lone surrogates
    return docs


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".rss", ".atom"]))
def test_random_bytes_in_any_reader(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    _check(path)


@SETTINGS
@given(st.lists(HTML_PARTS, max_size=40))
def test_malformed_html(tmp_path_factory, parts: list[str]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "page.html"
    path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
    _check(path)


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.text(max_size=200),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                max_leaves=12,
            ).map(lambda v: json.dumps(v)),
            st.fixed_dictionaries(
                {"text": st.text(max_size=200)},
                optional={
                    "title": st.text(max_size=40) | st.integers(),
                    "published": st.text(max_size=12) | st.integers(),
                    "language": st.text(max_size=4) | st.integers(),
                    "id": st.text(max_size=10) | st.integers() | st.lists(st.integers()),
                },
            ).map(lambda v: json.dumps(v)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_jsonl_lines(tmp_path_factory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "batch.jsonl"
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    docs = _check(path)
    assert len(docs) == max(1, sum(1 for ln in data.split(b"\n") if ln.strip()))  # one document a line


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12), st.integers(0, 2000), st.booleans()
)
def test_damaged_warc(tmp_path_factory, flips: list[tuple[int, int]], cut: int, zipped: bool) -> None:
    data = _mutate(VALID_WARC, flips)[: len(VALID_WARC) - cut]
    path = tmp_path_factory.mktemp("fuzz") / ("a.warc.gz" if zipped else "a.warc")
    path.write_bytes(gzip.compress(data) if zipped else data)
    _check(path)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12), st.integers(0, 200))
def test_damaged_feed(tmp_path_factory, flips: list[tuple[int, int]], cut: int) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "feed.rss"
    path.write_bytes(_mutate(VALID_RSS, flips)[: len(VALID_RSS) - cut])
    _check(path)
