"""Web pages whose main text is extracted later, where the heavy stages run.

A reader of HTML (a ``.html`` file, a WARC response) yields a ``RawPage`` when the caller asks for it: the
page as fetched, the SHA-256 of its bytes, where it was found and what the source says about it. The ingest
then (1) skips a page whose location and digest the store holds already, before anything else; (2) runs the
cheap relevance check on the page's visible text (every word the reader would see, a superset of the main
text), so an unrelated page never reaches trafilatura or htmldate; (3) extracts the main text and date
(``finish``) on whichever worker runs the pipeline. ``finish`` gives the Document an eager reader yields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmlmod
import json
import re
from dataclasses import dataclass

from allied.model import Document

HIDDEN = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.IGNORECASE)


@dataclass
class RawPage:
    """A fetched page before extraction. ``meta`` is the JSON text of what the source says (a sidecar, the
    archive's URL), which wins over what the page says about itself; ``published``/``language`` are given
    for every document of the run (``--published``, ``--language``) and win over both."""

    name: str
    path: str
    html: str
    digest: str  # sha256 of the page's bytes as fetched: with the location, what a re-ingest skips on
    url: str | None = None
    fetched: str | None = None
    position: int | None = None
    meta: str = "{}"
    published: dt.date | None = None
    language: str | None = None

    @property
    def error(self) -> None:  # a page that could not be read is a Document with its error, never a RawPage
        return None

    @property
    def location(self) -> str:
        return location(self.url, self.path, self.position)


def location(url: str | None, path: str, position: int | None) -> str:
    """Where a document was found: its URL, else its file (and line or offset in the file)."""
    if url:
        return url
    return f"{path}#{position}" if position is not None else path


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def visible_text(html: str) -> str:
    """The words of a page without its markup, scripts and styles (entities decoded): cheap, no parser."""
    return SPACE.sub(" ", htmlmod.unescape(TAG.sub(" ", HIDDEN.sub(" ", html))))


def language_hint(page: RawPage) -> str | None:
    """The run's language, else the source's, else the page's own ``<html lang>``; None when none is given."""
    if page.language:
        return page.language
    try:
        said = json.loads(page.meta).get("language")
    except (ValueError, AttributeError):
        said = None
    if isinstance(said, str) and said.strip():
        return said.strip().lower()[:2]
    found = LANG.search(page.html[:4000])
    return found.group(1).lower()[:2] if found else None


def finish(page: RawPage) -> Document:
    """The page's main text (trafilatura) and metadata (htmldate through it) as a Document: the source's
    metadata over the page's, the run's over both (the eager readers' result)."""
    from allied.news.read import _meta, html_document

    doc, found = html_document(page.html, page.name, page.path, url=page.url)
    doc.url = page.url
    doc.fetched, doc.position = page.fetched, page.position
    if doc.error:
        return doc
    try:
        said = json.loads(page.meta)
    except ValueError:
        said = {}
    said = said if isinstance(said, dict) else {}
    doc = _meta(doc, {**found, **{k: v for k, v in said.items() if v not in (None, "")}})
    if doc.error is None:
        if page.published is not None:
            doc.published = page.published
        if page.language is not None:
            doc.language = page.language
    return doc
