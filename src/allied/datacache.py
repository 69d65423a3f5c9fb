"""Derived data kept between runs: built once per data version, opened fast (memory-mapped arrays, or one
pickle), the versions no longer current removed.

A cache entry is a folder ``CACHE/NAME/VERSION/`` (``CACHE`` is ``$ALLIED_CACHE_DIR``, else a folder of
the user cache folder for this installation of allied: two installations, e.g. two virtual environments,
keep their own entries instead of removing each other's). ``VERSION`` is a digest of whatever the data is
derived from (``version_of``): its source files' bytes, allied's version, the versions of the libraries
that shape it. Entries are written to a temporary folder and renamed into place, so a reader sees a whole
entry or none, and two processes building the same one at once both succeed. A cache folder that cannot
be written only costs speed.

This module imports nothing of allied's and nothing heavy (numpy only when arrays are asked for; columns
of plain numbers, ``columns``, need no numpy at all).
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import shutil
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")
DONE = "complete"  # the marker written last: an entry without it is not used


def root() -> Path:
    env = os.environ.get("ALLIED_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    installed = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:12]
    return platformdirs.user_cache_path("allied", appauthor=False) / f"install-{installed}"


def version_of(files: Iterable[Path] = (), packages: Iterable[str] = (), extra: str = "") -> str:
    """A digest of the files' names and bytes, the installed versions of ``packages`` (allied is always
    one), the Python version and ``extra``."""
    h = hashlib.sha256(f"{sys.version_info[:2]}|{extra}".encode())
    for name in ("allied", *packages):
        try:
            h.update(f"|{name}={version(name)}".encode())
        except PackageNotFoundError:
            h.update(f"|{name}=?".encode())
    for f in sorted(Path(p) for p in files):
        h.update(f"|{f.name}|".encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


def entry(name: str, key: str, build: Callable[[Path], None]) -> Path | None:
    """The folder of cache entry ``name`` at version ``key``, made by ``build(folder)`` when missing;
    None when the cache cannot be written (the caller builds in memory)."""
    base = root() / name
    done = base / key
    if (done / DONE).exists():
        return done
    try:
        base.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=base))
    except OSError:
        return None
    try:
        build(tmp)
        (tmp / DONE).write_text(key, encoding="utf-8")
        if done.exists() and not (done / DONE).exists():
            shutil.rmtree(done, ignore_errors=True)  # left by a build that was killed
        try:
            tmp.rename(done)
        except OSError:  # another process put the same entry in place first
            if not (done / DONE).exists():
                raise
    except OSError:
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_others(base, key)
    return done


def _remove_others(base: Path, key: str) -> None:
    """Remove the other versions of an entry (and builds left by killed processes)."""
    for old in base.iterdir():
        if old.name != key and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def pickled(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s value, kept as one pickle per version (for a validated model of many small objects)."""
    value: list[T] = []

    def write(folder: Path) -> None:
        value.append(build())
        with open(folder / "value.pickle", "wb") as fh:
            pickle.dump(value[0], fh, protocol=pickle.HIGHEST_PROTOCOL)

    folder = entry(name, key, write)
    if value:
        return value[0]
    if folder is None:
        return build()
    try:
        with open(folder / "value.pickle", "rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)  # damaged or stale: made again next time
        return build()


def arrays(name: str, key: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, Any]:
    """``build()``'s arrays, kept as one ``.npy`` file each and memory-mapped when opened: a process
    reads only the pages it looks at."""
    import numpy as np

    made: list[dict[str, np.ndarray]] = []

    def write(folder: Path) -> None:
        made.append(build())
        for array_name, values in made[0].items():
            np.save(folder / f"{array_name}.npy", np.ascontiguousarray(values), allow_pickle=False)

    folder = entry(name, key, write)
    if folder is None:
        return build()
    try:
        return {p.stem: np.load(p, mmap_mode="r", allow_pickle=False) for p in sorted(folder.glob("*.npy"))}
    except (OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)
        return made[0] if made else build()


def columns(name: str, key: str, build: Callable[[], dict[str, array[Any] | bytes]]) -> dict[str, memoryview]:
    """``build()``'s columns (``array.array``s, or bytes), kept as one raw file each (``COLUMN.TYPECODE``, in
    this machine's byte order) and memory-mapped when opened, as flat memoryviews of their type: indexing
    gives Python ints and floats, a process reads only the pages it looks at, and nothing imports numpy."""
    made: list[dict[str, array[Any] | bytes]] = []

    def write(folder: Path) -> None:
        made.append(build())
        for column, values in made[0].items():
            code = values.typecode if isinstance(values, array) else "B"
            with open(folder / f"{column}.{code}", "wb") as fh:
                fh.write(values.tobytes() if isinstance(values, array) else bytes(values))

    def views(cols: dict[str, array[Any] | bytes]) -> dict[str, memoryview]:
        return {k: memoryview(v) if isinstance(v, array) else memoryview(bytes(v)) for k, v in cols.items()}

    folder = entry(name, key, write)
    if folder is None:
        return views(made[0] if made else build())
    try:
        return {p.stem: _mapped(p, p.suffix[1:]) for p in sorted(folder.iterdir()) if p.name != DONE}
    except (OSError, ValueError, TypeError):
        shutil.rmtree(folder, ignore_errors=True)
        return views(made[0] if made else build())


def _mapped(path: Path, code: str) -> memoryview:
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return memoryview(b"").cast(code)  # type: ignore[call-overload,no-any-return]
        view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    return view if code == "B" else view.cast(code)  # type: ignore[call-overload,no-any-return]
