"""The news engine: articles in, defense-diplomacy events and spending pledges out, each pointing at the
sentences it came from; documents and events stored, merged across outlets and languages, and queried.

Stages (see ``pipeline.STAGES``): language -> sentences -> mentions -> dates -> events -> topics -> merge,
and pledges. Per-language data lives in the packs ``lang/<iso>/*.toml`` (keys in ``schema``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from allied.model import Document, InputError
from allied.news.itinerary import stop_records, travellers
from allied.news.pipeline import Pipeline, default_pipeline
from allied.news.read import from_text, read_paths
from allied.news.records import document_record

__all__ = ["Pipeline", "default_pipeline", "document_record", "extract_documents", "itineraries"]


def itineraries(doc: Document) -> list[dict[str, Any]]:
    """Each traveller's stops in one read document, in travel order, with the purposes of each stop."""
    return [{"person": p, "stops": stop_records(doc, p)} for p in travellers(doc)]


def _sources(paths_or_text: str | Path | Iterable[str | Path]) -> tuple[list[Path], str | None]:
    if isinstance(paths_or_text, Path):
        return [paths_or_text], None
    if isinstance(paths_or_text, str):
        if "\n" in paths_or_text or len(paths_or_text) > 255 or not Path(paths_or_text).suffix:
            return [], paths_or_text
        return [Path(paths_or_text)], None
    return [Path(p) for p in paths_or_text], None


def extract_documents(
    paths_or_text: str | Path | Iterable[str | Path],
    published: str | dt.date | None = None,
    language: str | None = None,
    pipeline: Pipeline | None = None,
) -> list[Document]:
    """Run the pipeline over files (or one text); every input gives one Document, errors included."""
    day = _published(published)
    lang = _language(language)
    paths, text = _sources(paths_or_text)
    pipe = pipeline or default_pipeline()
    if text is not None:
        doc = from_text(text)
        doc.published, doc.language = day, lang
        return [pipe.run(doc)]
    return list(pipe.pipe(read_paths(paths, published=day, language=lang)))


def _published(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError("published", value, "a date as YYYY-MM-DD") from None


def _language(value: str | None) -> str | None:
    from allied.news.lexicon import supported_languages

    if value is None:
        return None
    code = value.strip().lower()
    if code not in supported_languages():
        raise InputError("language", value, " | ".join(supported_languages()))
    return code


def records(docs: Iterable[Document]) -> list[dict[str, Any]]:
    return [document_record(d) for d in docs]
