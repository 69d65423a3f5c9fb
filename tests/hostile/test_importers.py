"""Fuzz (bounded) over each importer (`allied data import KIND FILE`): slices of the official release files
(read from ../shared/data, written to a temporary folder, never into the repository) damaged at random —
cut at any byte, lines dropped or doubled, a field replaced by a hostile value, bytes flipped, an encoding
mark, a column too many — and small workbooks in SIPRI's and NATO's layouts with hostile cells.

Each input is imported within 5 s (measured per input) and either refused with DataImportError and the
store exactly as it was (every row of every table), or stored with every value finite and in range."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

import allied
from allied.model import AlliedError
from tests.conftest import shared_path
from tests.figures.conftest import write_mini_sipri
from tests.figures.test_nato import _mini_nato
from tests.hostile.conftest import budget, dump

EXAMPLES = 20  # per importer
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
SLICE = 600  # lines of the official file kept: a release small enough to import many times
CSV = {"nmc": ("cow", "NMC-60-abridged.csv"), "atop": ("atop", "atop5_1m.csv"),
       "worldbank": ("worldbank", "wdi_sp.pop.totl.csv")}
WIDE = Path(__file__).resolve().parents[1] / "figures" / "fixtures" / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_allied_test.csv"
HOSTILE_FIELDS = [b"inf", b"-inf", b"nan", b"NaN", b"-1", b"-0.0", b"1e309", b"9" * 400, b"", b" ", b"x", b"\"",
                  b"\"\"\"", b"0x10", b"1_000", b"\xff\xfe", b"\x00", b"2916", b"-2024", b"1799", b"99999999999",
                  b"1,5", b"=cmd|' /C calc'!A0", b"<script>", b"\\N", b"NULL", b"1e-400", b"+5"]


def _values_in_range(db: Path) -> None:
    """Whatever was stored is finite, not negative where a count or money, and in the years of the data."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "figure_points" in tables:
            cols = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = "
                                              "'figure_points'").fetchall()}
            if "value" in cols:
                bad = con.execute("SELECT count(*) FROM figure_points WHERE value IS NOT NULL AND "
                                  "(isinf(value) OR isnan(value))").fetchone()
                assert bad == (0,), "a non-finite value was stored"
            if "year" in cols:
                [(lo, hi)] = con.execute("SELECT min(year), max(year) FROM figure_points").fetchall()
                assert lo is None or (1800 <= lo and hi <= 2100), (lo, hi)
    finally:
        con.close()


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@st.composite
def damage(draw: st.DrawFn, data: bytes) -> bytes:
    """One to three kinds of damage to a CSV file's bytes."""
    for _ in range(draw(st.integers(1, 3))):
        lines = _lines(data)
        kind = draw(st.sampled_from(["cut", "drop", "double", "field", "flip", "mark", "column", "header"]))
        if kind == "cut" and data:
            data = data[: draw(st.integers(0, len(data) - 1))]
        elif kind == "drop" and len(lines) > 1:
            start = draw(st.integers(1, len(lines) - 1))
            data = b"".join(lines[:start] + lines[start + draw(st.integers(1, len(lines))):])
        elif kind == "double" and len(lines) > 1:
            i = draw(st.integers(1, len(lines) - 1))
            data = b"".join(lines[: i + 1] + [lines[i]] * draw(st.integers(1, 3)) + lines[i + 1:])
        elif kind == "field" and len(lines) > 1:
            i = draw(st.integers(1, len(lines) - 1))
            end = b"\r\n" if lines[i].endswith(b"\r\n") else b"\n" if lines[i].endswith(b"\n") else b""
            fields = lines[i].rstrip(b"\r\n").split(b",")
            fields[draw(st.integers(0, len(fields) - 1))] = draw(st.sampled_from(HOSTILE_FIELDS))
            lines[i] = b",".join(fields) + end
            data = b"".join(lines)
        elif kind == "flip" and data:
            out = bytearray(data)
            for _ in range(draw(st.integers(1, 8))):
                out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
            data = bytes(out)
        elif kind == "mark":
            data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"sep=,\n", b"\n\n"])) + data
        elif kind == "column" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = lines[i].rstrip(b"\r\n") + b",extra" + (b"\n" if lines[i].endswith(b"\n") else b"")
            data = b"".join(lines)
        elif kind == "header" and lines:
            data = b"".join([lines[0].upper().replace(b",", b";")] + lines[1:])
    return data


def _fuzz_import(kind: str, name: str, good: bytes, damaged: st.SearchStrategy[bytes],
                 tmp: pytest.TempPathFactory, extra: Callable[[Path], None] | None = None) -> None:
    """Import ``good`` into a fresh store once, then each damaged file into a copy of that store."""
    folder = tmp.mktemp(kind)
    path = folder / name
    path.write_bytes(good)
    if extra:
        extra(folder)
    base = folder / "base.duckdb"
    allied.import_data(kind, path, db=base)
    before_bytes = base.read_bytes()
    before = dump(base)

    @FUZZ
    @given(damaged, st.booleans())
    def run(data: bytes, force: bool) -> None:
        db = folder / "store.duckdb"
        db.write_bytes(before_bytes)
        path.write_bytes(data)
        with budget(f"import {kind} ({len(data):,} bytes)"):
            try:
                allied.import_data(kind, path, db=db, force=force)
            except AlliedError as exc:
                assert str(exc), "an error says what was wrong"
                assert dump(db) == before, f"refused ({exc}), yet the store changed"
                return
        _values_in_range(db)

    run()


@pytest.mark.parametrize("kind", list(CSV))
def test_damaged_csv_release(kind: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    source = shared_path("data", *CSV[kind])
    good = b"".join(_lines(source.read_bytes())[:SLICE])
    extra = None
    if kind == "worldbank":  # the sidecar names the indicator
        sidecar = source.with_name(source.name.removesuffix(".csv") + ".datapackage.json")

        def extra(folder: Path) -> None:
            (folder / sidecar.name).write_bytes(sidecar.read_bytes())
    _fuzz_import(kind, source.name, good, damage(good), tmp_path_factory, extra)


def test_damaged_wdi_wide_download(tmp_path_factory: pytest.TempPathFactory) -> None:
    good = WIDE.read_bytes()
    _fuzz_import("worldbank", WIDE.name, good, damage(good), tmp_path_factory)


def _zipped(csv: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv", "Country Code,Region\nJPN,East Asia\n")
        z.writestr(WIDE.name, csv)
    return buf.getvalue()


@st.composite
def damaged_zip(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return _zipped(draw(damage(WIDE.read_bytes())))
    data = bytearray(_zipped(WIDE.read_bytes()))
    if draw(st.booleans()):
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    for _ in range(draw(st.integers(1, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def test_damaged_wdi_api_zip(tmp_path_factory: pytest.TempPathFactory) -> None:
    _fuzz_import("worldbank", "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.zip", _zipped(WIDE.read_bytes()), damaged_zip(),
                 tmp_path_factory)


CELLS_ANY = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**20), 10**20), st.none(),
                  st.sampled_from(["..", "xxx", "", "#REF!", "-", "1e309", "inf", "nan", "=1/0", "<b>", "\x00x"]),
                  st.text(max_size=12), st.booleans())
CELLS = CELLS_ANY.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)  # what Excel holds


@st.composite
def sipri_rows(draw: st.DrawFn) -> list[list[Any]]:
    names = ["Korea, South", "Japan", "Australia", "Germany", "Testland", "", "Korea, North"]
    return [[draw(st.sampled_from(names)), draw(st.sampled_from(["", "§", "7", "‡"])), draw(CELLS), draw(CELLS)]
            for _ in range(draw(st.integers(0, 6)))]


def test_hostile_sipri_workbook(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("sipri")
    good = write_mini_sipri(folder / "good.xlsx", [["Korea, South", "", 0.025, 0.026], ["Japan", "", 0.012, 0.014]])
    base = folder / "base.duckdb"
    allied.import_data("sipri", good, db=base)
    before_bytes, before = base.read_bytes(), dump(base)

    @FUZZ
    @given(sipri_rows(), st.booleans())
    def run(rows: list[list[Any]], force: bool) -> None:
        db = folder / "store.duckdb"
        db.write_bytes(before_bytes)
        path = write_mini_sipri(folder / "SIPRI-Milex-hostile.xlsx", rows)
        with budget("import sipri workbook"):
            try:
                allied.import_data("sipri", path, db=db, force=force)
            except AlliedError:
                assert dump(db) == before
                return
        _values_in_range(db)

    run()


def _hostile_nato(path: Path, cells: list[Any], title: str) -> Path:
    import openpyxl

    _mini_nato(path, 0)
    wb = openpyxl.load_workbook(path)
    ws = wb["T2"]
    for i, value in enumerate(cells):
        ws.cell(row=5 + i % 2, column=5 + i % 5, value=value)
    ws.cell(row=1, column=3, value=title)
    wb.save(path)
    return path


def test_hostile_nato_workbook(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("nato")
    base = folder / "base.duckdb"
    allied.import_data("nato", _mini_nato(folder / "good.xlsx", 0), db=base)
    before_bytes, before = base.read_bytes(), dump(base)

    @FUZZ
    @given(st.lists(CELLS, max_size=10),
           st.sampled_from(["Table 2 : Defence expenditure", "Table 2", "", "Table 3 : Defence expenditure as a "
                            "share of GDP", "<script>", "Table 2 : Defence expenditure" * 50]), st.booleans())
    def run(cells: list[Any], title: str, force: bool) -> None:
        db = folder / "store.duckdb"
        db.write_bytes(before_bytes)
        path = _hostile_nato(folder / "nato-hostile.xlsx", cells, title)
        with budget("import nato workbook"):
            try:
                allied.import_data("nato", path, db=db, force=force)
            except AlliedError:
                assert dump(db) == before
                return
        _values_in_range(db)

    run()


XLSX = {"sipri": ("sipri", "SIPRI-Milex-data-1949-2024_2.xlsx"),
        "nato": ("nato", "240617-def-exp-2024-TABLES-en.xlsx")}


@pytest.mark.parametrize("kind", list(XLSX))
def test_damaged_official_workbook(kind: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The real workbook (a zip of XML parts) cut short or with bytes flipped: refused, store unchanged."""
    source = shared_path("data", *XLSX[kind])
    good = source.read_bytes()
    folder = tmp_path_factory.mktemp(kind)
    base = folder / "base.duckdb"
    allied.import_data(kind, source, db=base)
    before_bytes, before = base.read_bytes(), dump(base)

    @settings(FUZZ, max_examples=8)
    @given(st.integers(0, len(good) - 1), st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(0, 255)),
                                                   max_size=6))
    def run(cut: int, flips: list[tuple[int, int]]) -> None:
        data = bytearray(good)
        for at, value in flips:
            data[at] = value
        path = folder / source.name
        path.write_bytes(bytes(data[: cut if not flips else len(data)]))
        db = folder / "store.duckdb"
        db.write_bytes(before_bytes)
        with budget(f"import {kind}"):
            try:
                allied.import_data(kind, path, db=db)
            except AlliedError:
                assert dump(db) == before
                return
        _values_in_range(db)

    run()


@pytest.mark.parametrize("sidecar", [
    b"[" * 100_000 + b"]" * 100_000,  # deeper than Python's parser goes
    b"\xff\xfe{}", b"{\"worldbank\": \"NY.GDP.MKTP.CD\"}", b"{\"worldbank\": {\"indicator\": {\"a\": 1}}}",
    b"{\"worldbank\": {\"indicator\": \"../../etc/passwd\"}}", b"{\"worldbank\": {\"indicator\": null}}", b"",
    b"{\"worldbank\": {\"indicator\": \"xx.yy.zz\"}}", json.dumps({"worldbank": {"indicator": "\ud800"}}).encode(),
])
def test_a_damaged_wdi_sidecar(sidecar: bytes, tmp_path: Path) -> None:
    """A WDI CSV whose .datapackage.json is damaged: imported under the indicator its file name gives, or
    refused with a message; never a traceback, never under an id nothing reads."""
    source = shared_path("data", *CSV["worldbank"])
    path = tmp_path / source.name
    path.write_bytes(b"".join(_lines(source.read_bytes())[:SLICE]))
    path.with_name(path.name.removesuffix(".csv") + ".datapackage.json").write_bytes(sidecar)
    db = tmp_path / "s.duckdb"
    with budget("import worldbank with a damaged sidecar"):
        try:
            result = allied.import_data("worldbank", path, db=db)
        except AlliedError:
            assert dump(db).get("datasets", []) == [], "refused, yet a dataset was stored"
            return
    assert result["dataset"] == "worldbank:SP.POP.TOTL"


def test_a_zip_bomb_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """An API .zip whose data member inflates to 100 MB (100 kB on disk): refused at once, not read into
    memory (the real member is a few hundred kB)."""
    path = tmp_path / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.zip"
    head = WIDE.read_bytes()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open(WIDE.name, "w", force_zip64=True) as member:
        member.write(head)
        chunk = b" " * (1 << 20)
        for _ in range(100):
            member.write(chunk)
    db = tmp_path / "s.duckdb"
    with budget("import a zip bomb"), pytest.raises(AlliedError, match="too large|larger than"):
        allied.import_data("worldbank", path, db=db)
    assert dump(db).get("datasets", []) == [] and dump(db).get("figure_points", []) == []


def test_non_finite_values_never_reach_the_store(tmp_path: Path) -> None:
    """Every importer's numbers: the store of each successful fuzz import held only finite values; here the
    classic one of issue 16 (an NMC milex of inf, later a 500 from /api/burden) once more, end to end."""
    source = shared_path("data", *CSV["nmc"])
    lines = _lines(source.read_bytes())[:SLICE]
    fields = lines[5].split(b",")
    fields[3] = b"inf"
    lines[5] = b",".join(fields)
    path = tmp_path / source.name
    path.write_bytes(b"".join(lines))
    db = tmp_path / "s.duckdb"
    with pytest.raises(AlliedError, match="finite"):
        allied.import_data("nmc", path, db=db)
    assert dump(db).get("figure_points", []) == []


@pytest.mark.parametrize("kind", list(CSV))
@pytest.mark.parametrize("keep", [0.9, 0.6])
def test_a_release_cut_at_a_line_end_does_not_replace_the_whole(kind: str, keep: float, tmp_path: Path) -> None:
    """A copy of the stored release cut cleanly at a line end (no ragged row shows it): refused while the
    store holds more of the very same release; --force replaces it. (Issue 16: 2,510 ATOP rows with 245.)"""
    source = shared_path("data", *CSV[kind])
    db = tmp_path / "s.duckdb"
    allied.import_data(kind, source, db=db)
    before = dump(db)
    lines = _lines(source.read_bytes())
    path = tmp_path / source.name
    path.write_bytes(b"".join(lines[: int(len(lines) * keep)]))
    if kind == "worldbank":
        sidecar = source.with_name(source.name.removesuffix(".csv") + ".datapackage.json")
        (tmp_path / sidecar.name).write_bytes(sidecar.read_bytes())
    with budget(f"import a cut {kind}"), pytest.raises(AlliedError, match="same release|far fewer|holds [\\d,]+ "):
        allied.import_data(kind, path, db=db)
    assert dump(db) == before
    assert allied.import_data(kind, path, db=db, force=True)["changed"] is True
