"""Articles pasted or uploaded to the Brief page: checked (size, text), kept as files named by their
content hash, so a brief's URL (``/brief?article=ID``) stays valid and shareable.

The brief engine reads an article from a path or takes its text; the dashboard always hands it a file it
wrote itself, so nothing a visitor types is ever taken for a path on this machine.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

from allied.model import InputError, NotFoundError
from allied.store.db import default_path
from allied.web.errors import PayloadTooLarge, UnsupportedMedia

MAX_BYTES = 2_000_000  # an article, not a book: 2 MB of text
SUFFIXES = {".txt": ".txt", ".text": ".txt", ".md": ".txt", ".html": ".html", ".htm": ".html"}
ID = re.compile(r"^[0-9a-f]{16}$")


def folder_for(db: str | Path | None) -> Path | None:
    """Where a store's articles are kept: beside the store (``NAME.articles/``); None for ``:memory:``."""
    if db is not None and str(db) == ":memory:":
        return None
    path = Path(db) if db is not None else default_path()
    return path.with_name(path.stem + ".articles")


def suffix_of(filename: str | None) -> str:
    """``.txt`` or ``.html`` for an upload's name (a paste is ``.txt``); other kinds are not text."""
    if not filename:
        return ".txt"
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedMedia("file", filename, "a text file: " + ", ".join(SUFFIXES))
    return SUFFIXES[suffix]


def check_text(data: bytes, name: str) -> str:
    """The article as text; too large, binary or not UTF-8 is refused with 413 or 415, empty with 400."""
    if len(data) > MAX_BYTES:
        raise PayloadTooLarge(name, f"{len(data):,} bytes", f"at most {MAX_BYTES:,} bytes of text")
    if b"\x00" in data:
        raise UnsupportedMedia(name, "binary data", "text (UTF-8); this looks like a binary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedMedia(name, f"bytes not UTF-8 at offset {exc.start}", "text encoded as UTF-8") from None
    if not text.strip():
        raise InputError(name, "", "the text of an article (title on the first line), pasted or uploaded")
    return text


class Articles:
    """The kept articles of one store."""

    def __init__(self, folder: Path | None) -> None:
        """Keep articles in ``folder``; None keeps them in a temporary folder removed with this object."""
        self._tmp = tempfile.TemporaryDirectory(prefix="allied-articles-") if folder is None else None
        self.folder: Path = Path(self._tmp.name) if self._tmp else Path(str(folder))

    def save(self, text: str, suffix: str) -> str:
        """Keep ``text`` (once per content) and return its id."""
        data = text.replace("\r\n", "\n").encode("utf-8")
        article_id = hashlib.sha256(data + suffix.encode()).hexdigest()[:16]
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{article_id}{suffix}"
        if not target.exists():
            part = target.with_suffix(".part")
            part.write_bytes(data)
            part.replace(target)
        return article_id

    def path(self, article_id: str) -> Path:
        """The file of a kept article; an unknown or malformed id is a NotFoundError."""
        if ID.match(article_id or ""):
            for suffix in (".txt", ".html"):
                found = self.folder / f"{article_id}{suffix}"
                if found.exists():
                    return found
        raise NotFoundError(f"article {article_id!r} is not kept by this dashboard; paste or upload it on /brief")
