"""The GeoNames city index: memory-mapped columns in allied's data cache, one entry per version, looked up by
binary search with the answers of a plain dictionary of every name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from allied import datacache
from allied.reference import gazetteer
from allied.reference.cityindex import CityColumns, Row, columns

ROWS: list[Row] = [("Seoul", "KOR", 37.566, 126.9784, 1835848, 10349312), ("Busan", "KOR", 35.1028, 129.0403,
                   1838524, 3678555), ("Naha", "JPN", 26.2125, 127.6811, 1856035, 315954),
                   ("Zürich", "CHE", 47.3667, 8.55, 2657896, 341730), ("Seoul Hill", "", 1.5, 2.5, 42, 0)]
NAMES = [{"seoul", "서울", "soul"}, {"busan", "pusan", "부산"}, {"naha", "那覇"}, {"zurich", "zürich"}, {"seoul"}]


def test_look_ups_answer_what_a_dictionary_of_every_name_answers(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIED_CACHE_DIR", str(tmp_path))
    data = datacache.arrays("cities-test", "v1", lambda: columns(ROWS, lambda i: NAMES[i]))
    data = datacache.arrays("cities-test", "v1", lambda: pytest.fail("built twice"))
    assert all(isinstance(a, np.memmap) for a in data.values() if a.size)
    index = CityColumns(data)
    plain: dict[str, list[Row]] = {}
    for i, names in enumerate(NAMES):
        for name in names:
            plain.setdefault(name, []).append(ROWS[i])
    for name, rows in plain.items():
        assert list(index.rows(name)) == rows, name
    assert index.rows("seoul") == (ROWS[0], ROWS[4])  # most populous first, as the rows are ordered
    for missing in ("", "seo", "seoulx", "zzz", "\uffff", "a"):
        assert index.rows(missing) == ()
    found = index.rows("서울")[0]
    assert type(found[2]) is float and type(found[4]) is int  # Python values, not numpy scalars


def test_the_gazetteer_reads_the_memory_mapped_index() -> None:
    cities = gazetteer._cities()
    assert isinstance(cities.columns.data["keys"], np.memmap)
    seoul = gazetteer.lookup("Seoul")
    assert seoul and seoul[0].country == "KOR" and seoul[0].source.startswith("GeoNames cities15000")
    assert gazetteer.lookup("Qqqqzzzx") == []
