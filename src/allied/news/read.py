"""Reading articles: ``.txt`` (title on line 1, sidecar ``NAME.json``), ``.html`` (trafilatura), ``.jsonl``.

Reading never raises for a bad document: it returns a Document whose ``error`` says what is wrong
(missing file, empty, binary data, too large, HTML without an article, a bad JSON line), so one bad
document never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from allied.model import Document

MAX_BYTES = 2_000_000  # a news article is a few kilobytes; anything this large is not one
MAX_CHARS = 500_000
MIN_HTML_WORDS = 15  # what trafilatura finds on a page without an article is a few words of furniture
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
PLACEHOLDER_TITLES = ("[title not shown in source]",)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_paths(
    paths: Iterable[str | Path], published: dt.date | None = None, language: str | None = None
) -> Iterator[Document]:
    """Documents from files, in order; ``published``/``language`` override what the files say."""
    for p in paths:
        for doc in read_path(Path(p)):
            if published is not None and doc.error is None:
                doc.published = published
            if language is not None and doc.error is None:
                doc.language = language
            yield doc


def read_path(path: Path) -> list[Document]:
    name = path.stem
    if not path.exists():
        return [Document(name=name, path=str(path), error=f"{path}: no such file")]
    if path.is_dir():
        return [Document(name=name, path=str(path), error=f"{path}: is a folder; give the article files")]
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return [
            Document(
                name=name,
                path=str(path),
                error=f"{path}: unsupported file type {suffix or '(none)'!r}; expected {', '.join(SUFFIXES)}",
            )
        ]
    size = path.stat().st_size
    if size > MAX_BYTES and suffix != ".jsonl":
        return [
            Document(
                name=name,
                path=str(path),
                error=f"{path}: too large for a news article ({size:,} bytes; the limit is {MAX_BYTES:,})",
            )
        ]
    raw = path.read_bytes()
    if suffix == ".jsonl":
        return list(_read_jsonl(path, raw))
    text, problem = decode(raw)
    if problem:
        return [Document(name=name, path=str(path), error=f"{path}: {problem}")]
    if suffix == ".txt":
        return [_from_txt(path, text)]
    return [_from_html(path, text)]


def decode(raw: bytes) -> tuple[str, str | None]:
    """UTF-8 text, or a reason why these bytes are not an article's text."""
    if b"\x00" in raw[:65536]:
        return "", "binary data (NUL bytes), not text"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return "", f"not UTF-8 text (invalid byte at offset {exc.start})"
    return text, check_text(text)


def check_text(text: str) -> str | None:
    if not text.strip():
        return "empty document"
    if len(text) > MAX_CHARS:
        return f"too large for a news article ({len(text):,} characters; the limit is {MAX_CHARS:,})"
    sample = text[:20000]
    if len(CONTROL.findall(sample)) > max(3, len(sample) // 100):
        return "binary data (control characters), not text"
    return None


def _sidecar(path: Path) -> tuple[dict[str, Any], str | None]:
    side = path.with_suffix(".json")
    if not side.exists():
        return {}, None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"sidecar {side.name} is not valid JSON ({exc})"
    if not isinstance(data, dict):
        return {}, f"sidecar {side.name} must hold a JSON object"
    return data, None


def parse_published(value: Any) -> tuple[dt.date | None, str | None]:
    if value in (None, ""):
        return None, None
    try:
        return dt.date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, f"published {value!r} is not a date (YYYY-MM-DD)"


def _meta(doc: Document, meta: dict[str, Any]) -> Document:
    published, problem = parse_published(meta.get("published"))
    if problem:
        doc.error = problem
    doc.published = published
    doc.language = meta.get("language") or None
    doc.url = meta.get("url") or None
    doc.outlet = meta.get("outlet") or None
    return doc


def title_is_text(text: str) -> bool:
    """False for a placeholder title line or a URL slug (lower case, no punctuation): not article text."""
    first = text.split("\n", 1)[0].strip()
    if not first or first in PLACEHOLDER_TITLES:
        return False
    letters = [c for c in first if c.isalpha()]
    return not (letters and all(c.islower() for c in letters) and not re.search(r"[.,:;!?\"'’]", first))


def _from_txt(path: Path, text: str) -> Document:
    meta, problem = _sidecar(path)
    doc = Document(name=path.stem, path=str(path), text=text)
    if problem:
        doc.error = problem
        return doc
    doc = _meta(doc, meta)
    doc.title_is_text = title_is_text(text)
    return doc


def _from_html(path: Path, html: str) -> Document:
    import trafilatura

    doc = Document(name=path.stem, path=str(path))
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    body = getattr(result, "text", None) if result is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        doc.error = f"{path}: no article text found in the HTML"
        return doc
    title = (getattr(result, "title", None) or "").strip()
    doc.text = f"{title or PLACEHOLDER_TITLES[0]}\n{body.strip()}\n"
    doc.title_is_text = bool(title)
    meta, problem = _sidecar(path)
    if problem:
        doc.error = problem
        return doc
    date = getattr(result, "date", None)
    merged = {
        "published": date,
        "url": getattr(result, "url", None),
        "outlet": getattr(result, "sitename", None),
        "language": getattr(result, "language", None),
    }
    merged.update({k: v for k, v in meta.items() if v not in (None, "")})
    return _meta(doc, merged)


def _read_jsonl(path: Path, raw: bytes) -> Iterator[Document]:
    text, problem = decode(raw) if raw.strip() else ("", "empty file")
    if problem and not (problem.startswith("too large") and text):
        yield Document(name=path.stem, path=str(path), error=f"{path}: {problem}")
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield from_record(line, f"{path.stem}:{n}", str(path))


def from_record(line: str, default_name: str, path: str = "") -> Document:
    """One JSON Lines record: ``text`` (required), ``title``, ``id``/``doc``, ``published``, ``language``..."""
    doc = Document(name=default_name, path=path)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        doc.error = f"{default_name}: not valid JSON ({exc.msg} at column {exc.colno})"
        return doc
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        doc.error = f"{default_name}: a record needs a 'text' string (and may have title, id, published, language)"
        return doc
    doc.name = str(rec.get("id") or rec.get("doc") or default_name)
    title = str(rec.get("title") or "").strip()
    doc.text = f"{title or PLACEHOLDER_TITLES[0]}\n{rec['text']}"
    doc.title_is_text = bool(title)
    problem = check_text(rec["text"])
    if problem:
        doc.error = f"{doc.name}: {problem}"
        return doc
    return _meta(doc, rec)


def from_text(text: str, name: str = "text") -> Document:
    """A document from a string (title on line 1)."""
    doc = Document(name=name, text=text)
    problem = check_text(text)
    if problem:
        doc.error = problem
    doc.title_is_text = title_is_text(text)
    return doc
