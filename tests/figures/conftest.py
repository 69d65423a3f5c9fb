"""Fixtures for the figures tests: store dumps (to prove an import left the store unchanged) and small
workbooks written here, in the layouts of the official files (never copies of them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

import allied
from tests.conftest import shared_path

TABLES = ("datasets", "figure_values", "figure_series", "figure_flag_sets", "figure_points", "figure_notes",
          "atop_members")
FIXTURES = Path(__file__).parent / "fixtures"
SIPRI_FILE = ("sipri", "SIPRI-Milex-data-1949-2024_2.xlsx")
NATO_FILE = ("nato", "240617-def-exp-2024-TABLES-en.xlsx")


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every figures table (sorted), to compare a store before and after."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES if t in present}
    finally:
        con.close()


@pytest.fixture
def store_dump() -> Callable[[Path], dict[str, list[tuple[Any, ...]]]]:
    return dump


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test (usable from module-scoped fixtures)."""
    return shared_path("data", *parts)


@pytest.fixture
def data_file() -> Callable[..., Path]:
    """data_file('cow', 'NMC-60-abridged.csv'): a path under ../shared/data, or skip the test."""
    return shared_data


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """module_store(("sipri", "sipri", "SIPRI-...xlsx"), ...): one store per module with the shared
    files imported (kind first, then the path under shared/data), for read-only checks."""
    def build(*imports: tuple[str, ...]) -> Path:
        db = tmp_path_factory.mktemp("store") / "allied.duckdb"
        for kind, *parts in imports:
            allied.import_data(kind, shared_data(*parts), db=db)
        return db
    return build


@pytest.fixture
def sipri_file() -> Path:
    return shared_data(*SIPRI_FILE)


@pytest.fixture
def nato_file() -> Path:
    return shared_data(*NATO_FILE)


def write_mini_sipri(path: Path, rows: list[list[Any]]) -> Path:
    """A workbook with SIPRI's country sheets, notes above the header, a region row and the given rows
    (each: name, notes, value 2023, value 2024) in every sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    layouts = {  # sheet -> columns before the years
        "Local currency financial years": ["Country", "Currency", "Fiscal Year (Jan-Dec if not stated)", "Notes"],
        "Local currency calendar years": ["Country", "Currency", "Notes"],
        "Constant (2023) US$": ["Country", "", "Notes"],
        "Current US$": ["Country", "Notes"],
        "Share of GDP": ["Country", "Notes"],
        "Per capita": ["Country", "Notes"],
        "Share of Govt. spending": ["Country", "Notes", "Reporting year"],
    }
    for sheet, head in layouts.items():
        ws = wb.create_sheet(sheet)
        ws.append([f"{sheet}, written for allied's tests"])
        ws.append(['". ." = data unavailable. "xxx" = country did not exist'])
        ws.append([])
        ws.append([*head, 2023, 2024])
        ws.append([])
        ws.append(["Asia & Oceania"])
        for name, notes, v23, v24 in rows:
            before = {"Country": name, "Notes": notes, "Currency": "Won"}
            ws.append([before.get(h, "") for h in head] + [v23, v24])
    ws = wb.create_sheet("Footnotes")
    ws.append(["§", "Figures for these countries are for the adopted budget"])
    ws.append([7, "", "Testland: a numbered note written for the tests."])
    wb.save(path)
    return path


@pytest.fixture
def mini_sipri(tmp_path: Path) -> Callable[[list[list[Any]]], Path]:
    return lambda rows: write_mini_sipri(tmp_path / "mini-sipri.xlsx", rows)
