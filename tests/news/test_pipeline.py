"""The pipeline as a whole: stage contracts, languages, garbage in, and the offset invariant."""

from __future__ import annotations

from pathlib import Path

import pytest

import allied
from allied.model import Document, InputError
from allied.news import extract_documents
from allied.news.pipeline import STAGES, Pipeline


def test_stages_declare_what_they_need_and_run_in_order(fixtures: Path) -> None:
    [doc] = extract_documents(fixtures / "talks_en.txt")
    assert (
        doc.done
        == [s.name for s in STAGES]
        == ["language", "sentences", "mentions", "dates", "dateline", "events", "merge", "topics", "scope", "pledges"]
    )
    stage = next(s for s in STAGES if s.name == "events")
    with pytest.raises(RuntimeError, match="stage 'events' reads mentions, dates, reference_day, which no earlier"):
        stage(Document(name="x", text="Titel\nText"), Pipeline().ctx)


def test_a_stage_that_writes_what_it_did_not_declare_is_a_bug(fixtures: Path) -> None:
    def sloppy(doc: Document, ctx: object) -> None:
        doc.pledges = []
        doc.events = []

    stages = tuple(s if s.name != "topics" else type(s)("topics", s.reads, s.writes, sloppy) for s in STAGES)
    [doc] = extract_documents([fixtures / "talks_en.txt"], pipeline=Pipeline(stages))
    assert doc.error == (
        "internal error in stage 'topics': RuntimeError: stage 'topics' changed pledges without declaring it"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda doc: doc.mentions.append(doc.mentions[0]), "mentions"),  # a list grown in place
        (lambda doc: doc.dates.pop(), "dates"),  # ... or shrunk
        (lambda doc: setattr(doc, "sentences", list(doc.sentences)), "sentences"),  # replaced by an equal copy
        (lambda doc: setattr(doc, "published", None), "published"),  # another value
        (lambda doc: setattr(doc, "dateline", doc.mentions[0]), "dateline"),
    ],
)
def test_every_kind_of_undeclared_change_is_caught(fixtures: Path, change, field: str) -> None:  # type: ignore[no-untyped-def]
    def sloppy(doc: Document, ctx: object) -> None:
        change(doc)

    stages = tuple(s if s.name != "topics" else type(s)("topics", s.reads, s.writes, sloppy) for s in STAGES)
    [doc] = extract_documents([fixtures / "talks_en.txt"], pipeline=Pipeline(stages))
    assert doc.error == (
        f"internal error in stage 'topics': RuntimeError: stage 'topics' changed {field} without declaring it"
    )


def test_an_equal_value_written_again_or_a_list_changed_in_place_is_no_change(fixtures: Path) -> None:
    def careful(doc: Document, ctx: object) -> None:
        doc.language = "".join(doc.language or "")  # an equal string, perhaps another object
        doc.published = doc.published
        if doc.mentions:
            doc.mentions[0] = doc.mentions[0]  # the same list, the same length
        doc.events.append(doc.events[0])  # declared

    stages = tuple(s if s.name != "topics" else type(s)("topics", s.reads, s.writes, careful) for s in STAGES)
    [doc] = extract_documents([fixtures / "talks_en.txt"], pipeline=Pipeline(stages))
    assert doc.error is None and doc.done[-3:] == ["topics", "scope", "pledges"]


def test_language_is_detected_when_not_given(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "reise_de.txt").read_text(encoding="utf-8")
    (tmp_path / "ohne.txt").write_text(text, encoding="utf-8")
    [rec] = allied.extract(tmp_path / "ohne.txt")
    assert rec["language"] == "de"
    assert rec["published"] is None
    assert len(rec["events"]) == 5


def test_unsupported_language_gives_a_reason_not_events(tmp_path: Path) -> None:
    (tmp_path / "nl.txt").write_text(
        "De minister ontmoet zijn ambtgenoot\nDe minister van Defensie heeft dinsdag in Tokio zijn Japanse "
        "ambtgenoot ontmoet om te praten over de samenwerking op het gebied van defensie en maritieme veiligheid.",
        encoding="utf-8",
    )
    [rec] = allied.extract(tmp_path / "nl.txt")
    assert rec["events"] == [] and rec["pledges"] == []
    assert rec["reason"].startswith("language 'nl' is not supported; supported: ")
    assert rec["reason"].endswith("(add a folder under allied/news/lang/ to support another)")


def test_one_bad_document_never_stops_a_batch(fixtures: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "huge.txt").write_text("Wort " * (5 * 1024 * 1024 // 5), encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    paths = [
        tmp_path / "empty.txt",
        fixtures / "talks_en.txt",
        tmp_path / "binary.txt",
        tmp_path / "huge.txt",
        tmp_path / "nav.html",
        fixtures / "reise_de.txt",
    ]
    recs = allied.extract(paths)
    assert [r["doc"] for r in recs] == ["empty", "talks_en", "binary", "huge", "nav", "reise_de"]
    assert [bool(r.get("error")) for r in recs] == [True, False, True, True, True, False]
    assert [len(r["events"]) for r in recs] == [0, 2, 0, 0, 0, 5]


def test_an_internal_failure_is_that_documents_error(fixtures: Path) -> None:
    def broken(doc: Document, ctx: object) -> None:
        raise ValueError("boom")

    stages = tuple(s if s.name != "pledges" else type(s)("pledges", s.reads, s.writes, broken) for s in STAGES)
    docs = extract_documents([fixtures / "talks_en.txt", fixtures / "reise_de.txt"], pipeline=Pipeline(stages))
    assert [d.error for d in docs] == ["internal error in stage 'pledges': ValueError: boom"] * 2


def test_text_input_and_bad_arguments() -> None:
    [rec] = allied.extract(
        "Koizumi trifft Hegseth\nDer japanische Verteidigungsminister Shinjiro Koizumi trifft "
        "am Dienstag US-Verteidigungsminister Pete Hegseth in Tokio.",
        published="2025-10-27",
        language="de",
    )
    assert [(e["type"], e["date"], e["place"]["name"]) for e in rec["events"]] == [
        ("meeting", {"start": "2025-10-28", "end": "2025-10-28", "inferred": False}, "Tokyo")
    ]
    with pytest.raises(InputError, match="published: '27.10.2025' is not allowed; expected a date as YYYY-MM-DD"):
        allied.extract("Titel\nText", published="27.10.2025")
    with pytest.raises(InputError, match=r"language: 'nl' is not allowed; expected (\w\w \| )*\w\w$"):
        allied.extract("Titel\nText", language="nl")


def test_every_evidence_offset_points_at_its_text(fixtures: Path) -> None:
    docs = extract_documents(sorted(fixtures.glob("*.txt")))
    spans = [(d, s) for d in docs for item in [*d.events, *d.pledges] for s in item.evidence]
    assert spans
    assert all(d.text[s.start : s.end] == s.text for d, s in spans)
