"""Reading articles and garbage in: every input gives one document, a bad one carries a clear error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from allied.news.read import MAX_BYTES, SUFFIXES, read_path, title_is_text


def test_txt_with_sidecar(fixtures: Path) -> None:
    [doc] = read_path(fixtures / "reise_de.txt")
    assert (doc.name, doc.language, doc.published, doc.outlet, doc.error) == (
        "reise_de",
        "de",
        dt.date(2026, 3, 1),
        "allied test fixture (invented)",
        None,
    )
    assert doc.text.startswith("Pistorius reist nach Tokio und Seoul\n")
    assert doc.title_is_text


def test_title_line_kinds() -> None:
    assert title_is_text("Hegseth besucht Südkorea\nText")
    assert not title_is_text("us defense chief japan visit\nText")
    assert not title_is_text("[title not shown in source]\nText")


def test_html_through_trafilatura(tmp_path: Path) -> None:
    body = " ".join(["Defense Minister Shinjiro Koizumi held talks with Richard Marles in Tokyo on Wednesday."] * 6)
    page = (
        f"<html><head><title>Koizumi meets Marles</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Koizumi meets Marles</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    [doc] = read_path(tmp_path / "a.html")
    assert doc.error is None
    assert doc.text.splitlines()[0] == "Koizumi meets Marles"
    assert "held talks with Richard Marles" in doc.text
    assert "Home | World" not in doc.text


def test_jsonl_records_and_a_bad_line(tmp_path: Path) -> None:
    good = {
        "id": "a1",
        "title": "Koizumi trifft Hegseth",
        "text": "Der Minister reist nach Tokio.",
        "published": "2025-10-27",
        "language": "de",
    }
    (tmp_path / "batch.jsonl").write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"x": 1}) + "\n", encoding="utf-8"
    )
    docs = read_path(tmp_path / "batch.jsonl")
    assert [(d.name, d.error) for d in docs] == [
        ("a1", None),
        ("batch:2", "batch:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("batch:3", "batch:3: a record needs a 'text' string (and may have title, id, published, language)"),
    ]
    assert docs[0].text == "Koizumi trifft Hegseth\nDer Minister reist nach Tokio."
    assert docs[0].published == dt.date(2025, 10, 27)


def test_garbage_files_give_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("Verteidigungsminister M\xfcller".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("word " * (5 * 1024 * 1024 // 5), encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Titel\nText", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{published: never}", encoding="utf-8")
    errors = {
        p: read_path(tmp_path / p)[0].error
        for p in (
            "empty.txt",
            "blank.txt",
            "binary.txt",
            "latin1.txt",
            "huge.txt",
            "nav.html",
            "table.csv",
            "bad.txt",
            "missing.txt",
        )
    }
    t = str(tmp_path)
    assert errors == {
        "empty.txt": f"{t}/empty.txt: empty document",
        "blank.txt": f"{t}/blank.txt: empty document",
        "binary.txt": f"{t}/binary.txt: binary data (NUL bytes), not text",
        "latin1.txt": f"{t}/latin1.txt: not UTF-8 text (invalid byte at offset 23)",
        "huge.txt": f"{t}/huge.txt: too large for a news article (5,242,880 bytes; the limit is {MAX_BYTES:,})",
        "nav.html": f"{t}/nav.html: no article text found in the HTML",
        "table.csv": f"{t}/table.csv: unsupported file type '.csv'; expected {', '.join(SUFFIXES)}",
        "bad.txt": "sidecar bad.json is not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        "missing.txt": f"{t}/missing.txt: no such file",
    }


def test_bad_published_date_in_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Titel\nText", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"published": "27.10.2025"}', encoding="utf-8")
    [doc] = read_path(tmp_path / "a.txt")
    assert doc.error == "published '27.10.2025' is not a date (YYYY-MM-DD)"
