"""Reading articles: ``.txt`` (title on line 1, sidecar ``NAME.json``), ``.html`` (trafilatura), ``.jsonl``
(also gzipped), WARC archives and RSS/Atom feeds (``archives``), and folders of them, streamed.

Reading never raises for a bad input: it yields a Document whose ``error`` says what is wrong (missing file,
empty, binary data, too large, HTML without an article, a bad JSON line, a damaged archive), so one bad
document never stops a batch. Any unexpected failure inside a reader becomes the error of that document (or
of the rest of that file, when the file itself cannot be read further).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any

from allied.model import Document

MAX_BYTES = 2_000_000  # a news article is a few kilobytes; anything this large is not one
MAX_CHARS = 500_000
MIN_HTML_WORDS = 15  # what trafilatura finds on a page without an article is a few words of furniture
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom", ".xml")
PLACEHOLDER_TITLES = ("[title not shown in source]",)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
META_FIELDS = ("language", "url", "outlet")


def read_paths(
    paths: Iterable[str | Path], published: dt.date | None = None, language: str | None = None, raw: bool = False
) -> Iterator[Any]:
    """Documents from files and folders, in order, one at a time; ``published``/``language`` override the files.

    With ``raw=True`` a web page (``.html``, a WARC response) comes as a ``pages.RawPage``, its text not yet
    extracted (the ingest skips, filters and extracts it later); otherwise every item is a Document."""
    for p in paths:
        for doc in iter_path(Path(p), raw):
            if published is not None and doc.error is None:
                doc.published = published
            if language is not None and doc.error is None:
                doc.language = language
            yield doc


def read_path(path: Path) -> list[Document]:
    return list(iter_path(path))


def kind(path: Path) -> str | None:
    """The supported suffix ``path`` ends with (``.warc.gz`` before ``.gz``), or None."""
    name = path.name.lower()
    return next((s for s in _LONGEST_FIRST if name.endswith(s)), None)


_LONGEST_FIRST = tuple(sorted(SUFFIXES, key=len, reverse=True))


def stem(path: Path) -> str:
    k = kind(path)
    return path.name[: -len(k)] if k and len(path.name) > len(k) else path.stem


def _error(path: Path, problem: str, name: str | None = None) -> Document:
    return Document(name=name or stem(path), path=str(path), error=f"{path}: {problem}")


def iter_path(path: Path, raw: bool = False) -> Iterator[Any]:
    """The documents of one file, or of every supported file under a folder (sorted, sidecars skipped)."""
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:  # a name too long, a path the system refuses
        yield _error(path, f"cannot be opened ({exc.strerror or exc})")
        return
    if not exists:
        yield _error(path, "no such file")
        return
    if is_dir:
        files = sorted(p for p in path.rglob("*") if kind(p) and p.is_file() and not _is_sidecar(p))
        if not files:
            yield _error(path, f"the folder holds no articles ({', '.join(SUFFIXES)})")
        for f in files:
            yield from iter_path(f, raw)
        return
    yield from guarded(path, partial(_readers().get(kind(path) or "", _unsupported), raw=raw))


def _is_sidecar(p: Path) -> bool:
    return p.suffix.lower() == ".json" and any(p.with_suffix(s).exists() for s in (".txt", ".html", ".htm"))


def guarded(path: Path, reader: Callable[[Path], Iterable[Any]]) -> Iterator[Any]:
    """Run a reader; whatever it raises becomes an error document (the documents read before it are kept)."""
    try:
        yield from reader(path)
    except Exception as exc:  # one damaged file never stops a batch
        yield _error(path, f"could not be read further ({type(exc).__name__}: {str(exc)[:200]})")


def _unsupported(path: Path, raw: bool = False) -> list[Document]:
    return [_error(path, f"unsupported file type {path.suffix.lower() or '(none)'!r}; expected {', '.join(SUFFIXES)}")]


def _readers() -> dict[str, Callable[..., Iterable[Any]]]:
    from allied.news import archives

    return {
        ".txt": _read_txt,
        ".html": _read_html,
        ".htm": _read_html,
        ".jsonl": _read_jsonl,
        ".jsonl.gz": _read_jsonl,
        ".warc": archives.read_warc,
        ".warc.gz": archives.read_warc,
        ".rss": archives.read_feed,
        ".atom": archives.read_feed,
        ".xml": archives.read_feed,
    }


def _small_file(path: Path) -> tuple[bytes, str | None]:
    size = path.stat().st_size
    if size > MAX_BYTES:
        return b"", f"too large for a news article ({size:,} bytes; the limit is {MAX_BYTES:,})"
    return path.read_bytes(), None


def _read_txt(path: Path, raw: bool = False) -> list[Document]:
    data, problem = _small_file(path)
    text, problem = ("", problem) if problem else decode(data)
    if problem:
        return [_error(path, problem)]
    return [_from_txt(path, text)]


def _read_html(path: Path, raw: bool = False) -> list[Any]:
    from allied.news.pages import RawPage, digest, finish

    data, problem = _small_file(path)
    text, problem = ("", problem) if problem else decode(data)
    if problem:
        return [_error(path, problem)]
    meta, problem = _sidecar(path)
    if problem:
        return [Document(name=stem(path), path=str(path), error=problem)]
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    page = RawPage(stem(path), str(path), text, digest(data), url=url or None, meta=json.dumps(meta))
    return [page if raw else finish(page)]


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
    bad = SURROGATE.search(text)
    if bad:
        return f"not text: a lone surrogate {bad.group()!a} at character {bad.start()}"
    sample = text[:20000]
    if len(CONTROL.findall(sample)) > max(3, len(sample) // 100):
        return "binary data (control characters), not text"
    return None


def _sidecar(path: Path) -> tuple[dict[str, Any], str | None]:
    side = path.with_suffix(".json")
    if not side.exists():
        return {}, None
    size = side.stat().st_size
    if size > MAX_BYTES:
        return {}, f"sidecar {side.name} is too large ({size:,} bytes)"
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"sidecar {side.name} is not valid JSON ({exc})"
    except (RecursionError, ValueError) as exc:
        return {}, f"sidecar {side.name} cannot be read ({type(exc).__name__})"
    if not isinstance(data, dict):
        return {}, f"sidecar {side.name} must hold a JSON object"
    if not looks_like_sidecar(data):
        return {}, None  # e.g. `allied brief X.txt -f json > X.json`: an output, not X.txt's metadata
    return data, None


SIDECAR_FIELDS = ("published", *META_FIELDS, "title")
OUTPUT_FIELDS = ("events", "pledges", "allied_version", "treaty_links", "figures", "obligations", "itinerary")


def looks_like_sidecar(data: dict[str, Any]) -> bool:
    """A sidecar holds an article's metadata (published, language, url, outlet): a JSON object with at least
    one of those fields and none of the fields allied writes in its own outputs (a brief, an extract)."""
    return any(k in data for k in SIDECAR_FIELDS) and not any(k in data for k in OUTPUT_FIELDS)


def parse_published(value: Any) -> tuple[dt.date | None, str | None]:
    if value in (None, ""):
        return None, None
    if isinstance(value, dt.date):
        return value, None
    shown = repr(value) if len(repr(value)) < 60 else repr(value)[:57] + "..."
    if not isinstance(value, str):
        return None, f"published {shown} is not a date (YYYY-MM-DD)"
    try:
        return dt.date.fromisoformat(value[:10]), None
    except ValueError:
        return None, f"published {shown} is not a date (YYYY-MM-DD)"


def _meta(doc: Document, meta: dict[str, Any]) -> Document:
    published, problem = parse_published(meta.get("published"))
    for key in META_FIELDS:
        value = meta.get(key)
        if value not in (None, "") and (not isinstance(value, str) or len(value) > 2000 or SURROGATE.search(value)):
            problem = problem or f"{key} must be a short text, not {str(type(value).__name__)} {repr(value)[:40]}"
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
    doc = Document(name=stem(path), path=str(path), text=text)
    if problem:
        doc.error = problem
        return doc
    doc = _meta(doc, meta)
    doc.title_is_text = title_is_text(text)
    return doc


def _extract(html: str | bytes, metadata: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(html, with_metadata=metadata, include_comments=False, favor_precision=True)


def html_document(html: str | bytes, name: str, path: str, url: str | None = None) -> tuple[Document, dict[str, Any]]:
    """The main text of a web page (trafilatura) as a Document, and the page's own date, URL, outlet and
    language (htmldate through trafilatura) for the caller to merge with what it knows."""
    doc = Document(name=name, path=path)
    page: dict[str, Any] = {}
    try:
        result = _extract(html, metadata=True)
    except ImportError as exc:  # a broken install is not a bad page: say what is missing
        doc.error = f"{path}: the HTML reader cannot run ({exc}); reinstall allied"
        return doc, page
    except Exception:  # htmldate and lxml fail on some malformed pages: read the text without metadata
        try:
            result = _extract(html, metadata=False)
        except Exception as exc:
            doc.error = f"{path}: the HTML cannot be parsed ({type(exc).__name__})"
            return doc, page
    body = getattr(result, "text", None) if result is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        doc.error = f"{path}: no article text found in the HTML"
        return doc, page
    title = (getattr(result, "title", None) or "").strip()
    body = body.strip()
    if title and body.startswith(title + "\n"):  # the headline is the title line already
        body = body[len(title) + 1 :].lstrip()
    doc.text = f"{title or PLACEHOLDER_TITLES[0]}\n{body}\n"
    problem = check_text(doc.text)
    if problem:
        doc.error = f"{path}: {problem}"
        return doc, page
    doc.title_is_text = bool(title)
    page = {
        "published": getattr(result, "date", None),
        "url": url or getattr(result, "url", None),
        "outlet": getattr(result, "sitename", None),
        "language": getattr(result, "language", None),
    }
    return doc, page


def _open_text(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def lines(fh: IO[bytes], limit: int = MAX_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a stream, one line in memory at a time; None for a line over ``limit`` bytes."""
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line without keeping it
                line = fh.readline(1 << 20)
            yield n, None
            continue
        yield n, line


def _read_jsonl(path: Path, raw: bool = False) -> Iterator[Document]:
    name = stem(path)
    seen = False
    with _open_text(path) as fh:
        for n, line in lines(fh):
            where = f"{name}:{n}"
            if line is None:
                seen = True
                yield Document(name=where, path=str(path), error=f"{where}: line too long (over {MAX_BYTES:,} bytes)")
                continue
            if not line.strip():
                continue
            seen = True
            try:
                doc = from_record(line.decode("utf-8-sig"), where, str(path))
            except UnicodeDecodeError as exc:
                doc = Document(name=where, path=str(path), error=f"{where}: not UTF-8 text (byte {exc.start})")
            except Exception as exc:  # one bad line never stops a batch
                doc = Document(name=where, path=str(path), error=f"{where}: cannot be read ({type(exc).__name__})")
            doc.position = n
            yield doc
    if not seen:
        yield _error(path, "empty file")


def from_record(line: str, default_name: str, path: str = "") -> Document:
    """One JSON Lines record: ``text`` (required), ``title``, ``id``/``doc``, ``published``, ``language``..."""
    doc = Document(name=default_name, path=path)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        doc.error = f"{default_name}: not valid JSON ({exc.msg} at column {exc.colno})"
        return doc
    except (RecursionError, ValueError) as exc:  # nesting too deep, a number of thousands of digits
        doc.error = f"{default_name}: not a readable JSON record ({type(exc).__name__}: {str(exc)[:80]})"
        return doc
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        doc.error = f"{default_name}: a record needs a 'text' string (and may have title, id, published, language)"
        return doc
    ident = rec.get("id") or rec.get("doc")
    if ident is not None and (not isinstance(ident, str | int) or isinstance(ident, bool) or len(str(ident)) > 300):
        doc.error = f"{default_name}: 'id' must be a short text or number, not {repr(ident)[:40]}"
        return doc
    doc.name = str(ident or default_name)
    title = rec.get("title") or ""
    if not isinstance(title, str):
        doc.error = f"{doc.name}: 'title' must be a text, not {type(title).__name__}"
        return doc
    doc.text = f"{title.strip() or PLACEHOLDER_TITLES[0]}\n{rec['text']}"
    doc.title_is_text = bool(title.strip())
    problem = check_text(rec["text"]) or check_text(doc.text) or _bad_name(doc.name)
    if problem:
        doc.error = f"{doc.name[:80]}: {problem}"
        return doc
    return _meta(doc, rec)


def _bad_name(name: str) -> str | None:
    return "the id holds a lone surrogate" if SURROGATE.search(name) else None


def from_text(text: str, name: str = "text") -> Document:
    """A document from a string (title on line 1)."""
    doc = Document(name=name, text=text)
    problem = check_text(text)
    if problem:
        doc.error = problem
    doc.title_is_text = title_is_text(text)
    return doc
