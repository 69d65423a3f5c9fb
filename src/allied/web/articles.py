"""Articles pasted or uploaded to the Brief page: checked (size, text), kept as files named by their
content hash, so a brief's URL (``/brief?article=ID``) stays valid and shareable.

An article is staged while its brief is made and kept only once the brief is made (a refused article
leaves nothing behind). The folder is capped (``MAX_KEPT`` files, ``MAX_KEPT_BYTES`` bytes): past the cap
the articles used least recently are removed (down to 90 % of the cap, so the folder is scanned again only
some articles later), and their links answer "not kept".

The brief engine reads an article from a path or takes its text; the dashboard always hands it a file it
wrote itself, so nothing a visitor types is ever taken for a path on this machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from pathlib import Path

from allied.model import InputError, NotFoundError
from allied.store.db import default_path
from allied.web.errors import PayloadTooLarge, UnsupportedMedia

MAX_BYTES = 2_000_000  # an article, not a book: 2 MB of text
SUFFIXES = {".txt": ".txt", ".text": ".txt", ".md": ".txt", ".html": ".html", ".htm": ".html"}
ID = re.compile(r"^[0-9a-f]{16}$")
MAX_KEPT = 2_000  # articles kept per store
MAX_KEPT_BYTES = 200_000_000  # and bytes
PENDING = ".pending"
RESCAN_EVERY = 64  # articles kept by this process between two scans of the folder at most


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

    def __init__(self, folder: Path | None, max_kept: int = MAX_KEPT, max_bytes: int = MAX_KEPT_BYTES) -> None:
        """Keep articles in ``folder``; None keeps them in a temporary folder removed with this object."""
        self._tmp = tempfile.TemporaryDirectory(prefix="allied-articles-") if folder is None else None
        self.folder: Path = Path(self._tmp.name) if self._tmp else Path(str(folder))
        self.max_kept, self.max_bytes = max_kept, max_bytes
        # what this process knows of the folder: (files, bytes) at the last scan plus what it kept since, so
        # that it scans (a stat per kept file) only when the cap may be passed, not on every article kept
        self._seen: tuple[int, int] | None = None
        self._added = self._added_bytes = 0

    def stage(self, text: str, suffix: str) -> tuple[str, Path | None]:
        """Write ``text`` where only its own brief finds it; returns its id and the staged file (None when
        the article is kept already)."""
        data = text.replace("\r\n", "\n").encode("utf-8")
        article_id = hashlib.sha256(data + suffix.encode()).hexdigest()[:16]
        if (self.folder / f"{article_id}{suffix}").exists():
            return article_id, None
        pending = self.folder / PENDING / secrets.token_hex(8)  # one folder per request
        pending.mkdir(parents=True)
        staged = pending / f"{article_id}{suffix}"
        part = pending / f".{article_id}{suffix}.part"  # written whole, then named: another request's look-up
        part.write_bytes(data)  # for the same article never finds it half written
        part.replace(staged)
        return article_id, staged

    def accept(self, article_id: str, staged: Path | None) -> None:
        """Keep a staged article (its brief was made), then hold the folder to its cap: the folder is scanned
        when this process's tally may pass the cap, and at least every ``RESCAN_EVERY`` articles (other
        processes keep articles in the same folder)."""
        if staged is None:
            return
        size = staged.stat().st_size
        staged.replace(self.folder / staged.name)
        staged.parent.rmdir()
        self._added, self._added_bytes = self._added + 1, self._added_bytes + size
        seen = self._seen
        if seen is None or self._added >= RESCAN_EVERY or seen[0] + self._added > self.max_kept or \
                seen[1] + self._added_bytes > self.max_bytes:
            self.evict()

    def discard(self, staged: Path | None) -> None:
        if staged is not None:
            staged.unlink(missing_ok=True)
            staged.parent.rmdir()

    def save(self, text: str, suffix: str) -> str:
        """Keep ``text`` at once (once per content) and return its id."""
        article_id, staged = self.stage(text, suffix)
        self.accept(article_id, staged)
        return article_id

    def evict(self) -> list[str]:
        """Past the cap, remove the least recently used articles down to 90 % of it (so that the next scan
        is some articles away); returns the names removed."""
        kept = []
        self._added = self._added_bytes = 0
        if not self.folder.is_dir():
            self._seen = (0, 0)
            return []
        for entry in os.scandir(self.folder):
            if entry.is_file():
                st = entry.stat()
                kept.append((st.st_mtime_ns, st.st_size, entry.name))
        kept.sort(reverse=True)
        over = len(kept) > self.max_kept or sum(k[1] for k in kept) > self.max_bytes
        most = self.max_kept - self.max_kept // 10 if over else self.max_kept
        most_bytes = self.max_bytes - self.max_bytes // 10 if over else self.max_bytes
        count, size, removed = 0, 0, []
        for _, nbytes, name in kept:
            if count + 1 > most or size + nbytes > most_bytes:
                (self.folder / name).unlink(missing_ok=True)
                removed.append(name)
                continue
            count, size = count + 1, size + nbytes
        self._seen = (count, size)
        return removed

    def path(self, article_id: str) -> Path:
        """The file of a kept (or staged) article, marked as used; an unknown or malformed id is a
        NotFoundError."""
        if ID.match(article_id or ""):
            for suffix in (".txt", ".html"):
                found = self.folder / f"{article_id}{suffix}"
                if found.exists():
                    try:
                        os.utime(found)  # used now: evicted last
                    except OSError:
                        pass
                    return found
            for suffix in (".txt", ".html"):
                for staged in (self.folder / PENDING).glob(f"*/{article_id}{suffix}"):
                    return staged
        raise NotFoundError(f"article {article_id!r} is not kept by this dashboard; paste or upload it on /brief")
