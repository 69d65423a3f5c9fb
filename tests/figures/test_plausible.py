"""Importers check plausibility before they replace anything: a truncated, header-only, ragged or
out-of-range file is refused with the store unchanged; far fewer values than the stored release needs
--force; WDI ids only from known indicator codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import allied
from allied.cli import app
from allied.model import DataImportError
from tests.figures.conftest import shared_data

CSV_FILES = {"nmc": ("cow", "NMC-60-abridged.csv"), "atop": ("atop", "atop5_1m.csv"),
             "worldbank": ("worldbank", "wdi_ny.gdp.mktp.cd.csv")}
XLSX_FILES = {"sipri": ("sipri", "SIPRI-Milex-data-1949-2024_2.xlsx"),
              "nato": ("nato", "240617-def-exp-2024-TABLES-en.xlsx")}


@pytest.fixture(scope="module")
def full_store(module_store: Callable[..., Path]) -> Path:
    return module_store(*((kind, *parts) for kind, parts in {**CSV_FILES, **XLSX_FILES}.items()))


@pytest.fixture
def store(full_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(full_store.read_bytes())
    return copy


def _copy(kind: str, tmp_path: Path, keep: Callable[[bytes], bytes]) -> Path:
    source = shared_data(*{**CSV_FILES, **XLSX_FILES}[kind])
    out = tmp_path / source.name  # the same name: the WDI indicator is read from the file's name
    out.write_bytes(keep(source.read_bytes()))
    return out


def _refused(kind: str, path: Path, db: Path, dump: Callable[[Path], Any], match: str, **kw: Any) -> None:
    before = dump(db)
    with pytest.raises(DataImportError, match=match) as err:
        allied.import_data(kind, path, db=db, **kw)
    assert err.value.file == str(path)
    assert dump(db) == before, "a refused import leaves the store unchanged"


@pytest.mark.parametrize("kind", list(CSV_FILES))
def test_a_file_cut_mid_line_is_refused(kind: str, store: Path, tmp_path: Path,
                                        store_dump: Callable[[Path], Any]) -> None:
    def cut(data: bytes) -> bytes:
        lines = data.splitlines(keepends=True)
        head = b"".join(lines[: len(lines) * 2 // 3])
        return head + lines[len(lines) * 2 // 3][:5]  # a third of the file lost, the last line cut short

    _refused(kind, _copy(kind, tmp_path, cut), store, store_dump, r"line \d+ has \d+ fields? where the header has")


@pytest.mark.parametrize("kind", list(CSV_FILES))
def test_a_header_only_file_is_refused(kind: str, store: Path, tmp_path: Path,
                                       store_dump: Callable[[Path], Any]) -> None:
    path = _copy(kind, tmp_path, lambda data: data.splitlines(keepends=True)[0])
    match = "holds no values|no data rows"
    _refused(kind, path, store, store_dump, match)


@pytest.mark.parametrize("kind", list(CSV_FILES))
def test_far_fewer_rows_need_force(kind: str, store: Path, tmp_path: Path,
                                   store_dump: Callable[[Path], Any]) -> None:
    def tenth(data: bytes) -> bytes:
        lines = data.splitlines(keepends=True)
        return b"".join(lines[: len(lines) // 10])

    path = _copy(kind, tmp_path, tenth)
    _refused(kind, path, store, store_dump, r"far fewer|holds [\d,]+ values where the stored release .* Pass --force")
    result = allied.import_data(kind, path, db=store, force=True)
    assert result["changed"] is True and 0 < result["rows"]


@pytest.mark.parametrize("kind", list(XLSX_FILES))
def test_a_truncated_workbook_is_refused(kind: str, store: Path, tmp_path: Path,
                                         store_dump: Callable[[Path], Any]) -> None:
    path = _copy(kind, tmp_path, lambda data: data[: len(data) // 2])
    _refused(kind, path, store, store_dump, "not a readable Excel workbook")


@pytest.mark.parametrize(("value", "why"), [("inf", "not a finite number"), ("nan", "not a finite number"),
                                            ("-5000", "is outside 0 to inf")])
def test_non_finite_and_negative_values_are_refused(value: str, why: str, store: Path, tmp_path: Path,
                                                    store_dump: Callable[[Path], Any]) -> None:
    def poison(data: bytes) -> bytes:
        lines = data.split(b"\r\n")
        fields = lines[201].split(b",")  # USA 2016 (PROVENANCE.md: line 202)
        fields[3] = value.encode()  # milex
        lines[201] = b",".join(fields)
        return b"\r\n".join(lines)

    _refused("nmc", _copy("nmc", tmp_path, poison), store, store_dump, why)


def test_a_year_out_of_range_is_refused(store: Path, tmp_path: Path, store_dump: Callable[[Path], Any]) -> None:
    def future(data: bytes) -> bytes:
        lines = data.split(b"\r\n")
        fields = lines[201].split(b",")
        fields[2] = b"2916"
        lines[201] = b",".join(fields)
        return b"\r\n".join(lines)

    _refused("nmc", _copy("nmc", tmp_path, future), store, store_dump, "year 2916 is outside 1800-")


def test_a_wdi_file_needs_a_known_indicator(store: Path, tmp_path: Path,
                                            store_dump: Callable[[Path], Any]) -> None:
    source = shared_data(*CSV_FILES["worldbank"])
    renamed = tmp_path / "gdp.csv"  # no sidecar and no indicator code in its name
    renamed.write_bytes(source.read_bytes())
    _refused("worldbank", renamed, store, store_dump, "cannot tell which WDI indicator")
    _refused("worldbank", renamed, store, store_dump, r"WDI indicator 'XX\.YY\.ZZ' is not one allied reads",
             indicator="XX.YY.ZZ")


def test_the_cli_says_to_use_force(store: Path, tmp_path: Path, runner: CliRunner) -> None:
    lines = shared_data(*CSV_FILES["nmc"]).read_bytes().splitlines(keepends=True)
    path = tmp_path / "NMC-60-abridged.csv"
    path.write_bytes(b"".join(lines[:500]))
    res = runner.invoke(app, ["data", "import", "nmc", str(path), "--db", str(store)])
    assert res.exit_code == 1 and "Pass --force" in res.stderr
    res = runner.invoke(app, ["data", "import", "nmc", str(path), "--db", str(store), "--force", "-f", "json"])
    assert res.exit_code == 0, res.stderr
