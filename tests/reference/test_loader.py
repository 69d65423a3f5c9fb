"""The reference loader validates everything and names the file, the row and the problem."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from allied.model import ReferenceDataError
from allied.reference import DATA_DIR, load


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_package_reference_is_valid_and_complete() -> None:
    ref = load()
    assert len(ref.officials) == 88
    assert len(ref.organizations) == 34
    assert len(ref.forums) == 18
    assert len(ref.places) == 30
    assert {"NATO"} <= set(ref.treaties)
    for treaty in ref.treaties.values():
        assert treaty.source and all(p.source for p in treaty.parties) and all(c.source for c in treaty.clauses)


def test_states_have_names_in_seven_languages_from_cldr() -> None:
    kor = load().states["KOR"]
    assert kor.names == {"en": "South Korea", "de": "Südkorea", "fr": "Corée du Sud", "es": "Corea del Sur",
                         "ko": "대한민국", "ja": "韓国", "zh": "韩国"}
    assert "CLDR" in kor.source


def test_former_states_use_iso_3166_3_and_taiwan_is_twn_on_every_date() -> None:
    ref = load()
    states = ref.states
    assert all(states[c].historic for c in ("SUN", "DDR", "YUG", "CSK", "SCG", "YMD", "VDR"))
    assert "ISO 3166-3" in states["DDR"].source
    assert not states["TWN"].historic and "ROC" not in states
    assert ref.aliases == {"ROC": "TWN"}
    assert {c for c in ("XNC", "XAB", "XSO", "XPR", "XKX") if c in states and not states[c].historic} == {
        "XNC", "XAB", "XSO", "XPR", "XKX"}
    assert all(p.state != "ROC" for t in ref.treaties.values() for p in t.parties)


def test_bad_date_names_file_row_and_problem(data_copy: Path) -> None:
    _edit(data_copy / "treaties.toml", "start = 2023-04-04", 'start = "2023-02-30"')
    with pytest.raises(ReferenceDataError) as err:
        load(data_copy)
    assert err.value.file == "treaties.toml"
    assert re.search(r"treaty #1 \(NATO\) party #\d+", err.value.row)
    assert "'2023-02-30' is not a date" in err.value.problem


def test_unknown_state_code_names_file_row_and_problem(data_copy: Path) -> None:
    _edit(data_copy / "officials.toml", 'country = "USA"', 'country = "XXA"')
    with pytest.raises(ReferenceDataError, match=r"officials.toml, official #1 \(person:lloyd-austin\): "
                       r"country 'XXA' is not a known state code"):
        load(data_copy)


def test_missing_source_names_file_row_and_problem(data_copy: Path) -> None:
    path = data_copy / "places.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'\nsource = "[^"]*"', '\nsource = ""', text, count=1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"places.toml, place #1 \(place:camp-humphreys\): missing source"):
        load(data_copy)


def test_dates_out_of_order_are_reported(data_copy: Path) -> None:
    _edit(data_copy / "officials.toml", 'start = "2021-01-22"', 'start = "2026-01-22"')
    with pytest.raises(ReferenceDataError, match=r"official #1 .*dates out of order"):
        load(data_copy)


def test_unknown_strength_is_reported(data_copy: Path) -> None:
    _edit(data_copy / "treaties.toml", 'strength = "consult"', 'strength = "maybe"')
    with pytest.raises(ReferenceDataError, match=r"strength 'maybe' is not one of automatic_assistance"):
        load(data_copy)


def test_broken_toml_is_reported(data_copy: Path) -> None:
    (data_copy / "forums.toml").write_text("[[forum]\nid = ", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"forums.toml, -: not valid TOML"):
        load(data_copy)
