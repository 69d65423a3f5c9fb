"""The data cache: built once per version, old versions removed, arrays memory-mapped, a damaged or
unwritable cache only costs speed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest

from allied import datacache


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ALLIED_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_built_once_per_version_and_old_versions_are_removed(_cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": len(calls)}

    v1 = datacache.version_of([source], packages=("numpy",))
    assert datacache.pickled("demo", v1, build) == {"a": 1}
    assert datacache.pickled("demo", v1, build) == {"a": 1} and len(calls) == 1
    source.write_text("a = 2\n")
    v2 = datacache.version_of([source], packages=("numpy",))
    assert v2 != v1
    assert datacache.pickled("demo", v2, build) == {"a": 2}
    assert sorted(p.name for p in (_cache / "demo").iterdir()) == [v2]


def test_arrays_are_memory_mapped(_cache: Path) -> None:
    made = {"bits": np.arange(1000, dtype=np.uint8), "lat": np.linspace(-90, 90, 7)}
    first = datacache.arrays("grid", "v1", lambda: made)
    again = datacache.arrays("grid", "v1", lambda: pytest.fail("built twice"))
    assert isinstance(again["bits"], np.memmap) and (again["bits"] == made["bits"]).all()
    assert (first["lat"] == made["lat"]).all()


def test_columns_are_memory_mapped_without_numpy_and_give_python_values(_cache: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import mmap
    from array import array

    made = {"n": array("i", [3, -1, 7]), "x": array("d", [0.5, 2.0]), "none": array("q"), "doc": b'{"a": 1}'}
    first = datacache.columns("cols", "v1", lambda: made)
    again = datacache.columns("cols", "v1", lambda: pytest.fail("built twice"))
    for got in (first, again):
        assert list(got["n"]) == [3, -1, 7] and list(got["x"]) == [0.5, 2.0] and list(got["none"]) == []
        assert bytes(got["doc"]) == b'{"a": 1}' and type(got["x"][0]) is float
    assert isinstance(again["n"].obj, mmap.mmap)
    (_cache / "cols" / "v1" / "n.i").write_bytes(b"\x00" * 5)  # damaged: not a whole number of ints
    assert list(datacache.columns("cols", "v1", lambda: {"n": array("i", [9])})["n"]) == [9]
    unwritable = _cache.parent / "a-file"
    unwritable.write_text("x")
    monkeypatch.setenv("ALLIED_CACHE_DIR", str(unwritable))  # a cache that cannot be written: built in memory
    assert list(datacache.columns("cols", "v2", lambda: made)["n"]) == [3, -1, 7]


def test_a_damaged_entry_is_made_again(_cache: Path) -> None:
    assert datacache.pickled("demo", "v1", lambda: [1, 2]) == [1, 2]
    (_cache / "demo" / "v1" / "value.pickle").write_bytes(b"not a pickle")
    assert datacache.pickled("demo", "v1", lambda: [3]) == [3]
    assert datacache.pickled("demo", "v1", lambda: [4]) == [4]  # rebuilt and kept
    assert datacache.pickled("demo", "v1", lambda: [5]) == [4]


def test_an_unfinished_build_is_never_used(_cache: Path) -> None:
    (_cache / "demo" / "v1").mkdir(parents=True)  # a build killed before its marker
    (_cache / "demo" / "v1" / "value.pickle").write_bytes(b"partial")
    (_cache / "demo" / ".v1-x").mkdir()
    assert datacache.pickled("demo", "v1", lambda: "fresh") == "fresh"
    assert datacache.pickled("demo", "v1", lambda: "again") == "fresh"
    assert sorted(p.name for p in (_cache / "demo").iterdir()) == ["v1"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_only_costs_speed(_cache: Path) -> None:
    _cache.mkdir()
    _cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert datacache.pickled("demo", "v1", lambda: "built") == "built"
        assert datacache.arrays("grid", "v1", lambda: {"x": np.ones(3)})["x"].sum() == 3
    finally:
        _cache.chmod(stat.S_IRWXU)


def test_the_reference_is_read_from_the_cache(_cache: Path) -> None:
    from allied.reference import loader

    loader._default.cache_clear()
    try:
        built = loader._default()
        assert len(list((_cache / "reference").iterdir())) == 1
        loader._default.cache_clear()
        cached = loader._default()
        assert cached == built and cached is not built
        assert cached.treaties.keys() == loader._load(loader.DATA_DIR).treaties.keys()
    finally:
        loader._default.cache_clear()
