"""Archives as published: WARC files (``.warc``, ``.warc.gz``, read by FastWARC) and RSS/Atom feed files
(feedparser), streamed one record at a time.

From a WARC only HTTP responses with an HTML body are articles; their main text comes through trafilatura,
their date from the page (htmldate), and the URL and fetch time from the record. Every other record
(requests, metadata, images, redirects) is passed over. A record that cannot be read becomes that record's
error; a damaged archive ends with one error for the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from allied.model import Document
from allied.news.pages import RawPage, digest
from allied.news.read import MAX_BYTES, PLACEHOLDER_TITLES, _error, _meta, check_text, stem

HTML_TYPES = ("text/html", "application/xhtml+xml")
TAG = re.compile(r"<[^>]{0,2000}>")


def _fetched(rec: Any) -> str | None:
    value = rec.headers.get("WARC-Date")
    return str(value) if value else None


def read_warc(path: Path, raw: bool = False) -> Iterator[Any]:
    """One Document per HTML response of the archive (with its offset and fetch time); errors per record.
    With ``raw`` a response comes as a ``RawPage`` (extracted later, after the cheap checks)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from allied.news.pages import finish

    name = stem(path)
    seen = given = 0
    with open(path, "rb") as fh:
        for n, rec in enumerate(ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True), 1):
            seen += 1
            where = f"{name}:{n}"
            try:
                doc = _record(path, where, rec)
            except Exception as exc:  # one bad record never stops an archive
                doc = Document(name=where, path=str(path), error=f"{where}: record unreadable ({type(exc).__name__})")
            if doc is not None:
                doc.position = int(rec.stream_pos)
                given += 1
                yield finish(doc) if isinstance(doc, RawPage) and not raw else doc
    if not seen:
        yield _error(path, "not a WARC archive, or one without HTTP responses")
    elif not given:  # a record cut inside its headers reads as a response that is no page
        yield _error(path, f"no HTML page among its {seen} responses (damaged, truncated or none of them HTML)")


def _record(path: Path, where: str, rec: Any) -> Document | RawPage | None:
    url = str(rec.headers.get("WARC-Target-URI") or "") or None
    http = rec.http_headers
    status = http.status_code if http is not None else None
    if http is None or status is None:
        return Document(name=where, path=str(path), url=url, error=f"{where}: damaged or truncated record")
    ctype = (rec.http_content_type or "").lower()
    if status != 200 or not any(ctype.startswith(t) for t in HTML_TYPES):
        return None  # not an article: a redirect, an image, a script...
    if rec.content_length == 0:
        return Document(name=where, path=str(path), url=url, error=f"{where}: empty or truncated page")
    if rec.content_length > MAX_BYTES:
        return Document(
            name=where, path=str(path), url=url, error=f"{where}: page too large ({rec.content_length:,} bytes)"
        )
    body = rec.reader.read(MAX_BYTES + 1)
    declared = http.get("Content-Length")
    if declared and str(declared).isdigit() and len(body) < int(declared):
        return Document(name=where, path=str(path), url=url, error=f"{where}: record truncated")
    html = body.decode(_charset(rec.http_charset), errors="replace")
    meta = json.dumps({"url": url}) if url else "{}"
    return RawPage(where, str(path), html, digest(body), url=url, fetched=_fetched(rec), meta=meta)


def _charset(value: Any) -> str:
    import codecs

    name = str(value or "utf-8").strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return name


def _entry_day(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _plain(html: str) -> str:
    import html as htmlmod

    return re.sub(r"[ \t]+", " ", htmlmod.unescape(TAG.sub(" ", html))).strip()


def read_feed(path: Path, raw: bool = False) -> Iterator[Document]:
    """One Document per entry of an RSS or Atom feed file: title, text (content, else summary), link, date."""
    import feedparser

    size = path.stat().st_size
    if size > 50 * MAX_BYTES:
        yield _error(path, f"too large for a feed file ({size:,} bytes; the limit is {50 * MAX_BYTES:,})")
        return
    feed = feedparser.parse(path.read_bytes(), sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None)
        yield _error(path, "not an RSS/Atom feed" + (f" ({type(why).__name__})" if why else " (no entries)"))
        return
    outlet = feed.feed.get("title") or None
    lang = (feed.feed.get("language") or "")[:2] or None
    name = stem(path)
    for n, entry in enumerate(feed.entries, 1):
        where = f"{name}:{n}"
        try:
            doc = _entry(path, where, entry, outlet, lang)
        except Exception as exc:  # one bad entry never stops a feed
            doc = Document(name=where, path=str(path), error=f"{where}: entry unreadable ({type(exc).__name__})")
        yield doc


def _entry(path: Path, where: str, entry: Any, outlet: str | None, lang: str | None) -> Document:
    content = entry.get("content") or []
    raw = (content[0].get("value") if content else None) or entry.get("summary") or ""
    body = _plain(str(raw))
    title = _plain(str(entry.get("title") or ""))
    doc = Document(name=where, path=str(path), url=entry.get("link") or None)
    problem = check_text(body) if body else "the entry has no text"
    if problem:
        doc.error = f"{where}: {problem}"
        return doc
    doc.text = f"{title or PLACEHOLDER_TITLES[0]}\n{body}\n"
    doc.title_is_text = bool(title)
    day = _entry_day(entry)
    return _meta(doc, {"published": day, "url": doc.url, "outlet": outlet, "language": lang})
