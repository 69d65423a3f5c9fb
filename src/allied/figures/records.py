"""What an importer hands to the store: one dataset's values, notes and provenance."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from allied.model import DataImportError

VALUE_SCHEMA = pa.schema([
    ("dataset", pa.string()), ("indicator", pa.string()), ("iso3", pa.string()), ("year", pa.int32()),
    ("value", pa.float64()), ("unit", pa.string()), ("flags", pa.list_(pa.string())), ("name", pa.string()),
    ("source", pa.string()), ("release", pa.string()),
])


class ValueRows:
    """Column-wise accumulator of country-year values (fast to build, handed to DuckDB as Arrow)."""

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {n: [] for n in ("indicator", "iso3", "year", "value", "unit",
                                                            "flags", "name")}

    def add(self, indicator: str, iso3: str, year: int, value: float | None, unit: str,
            flags: list[str], name: str) -> None:
        c = self.cols
        c["indicator"].append(indicator)
        c["iso3"].append(iso3)
        c["year"].append(year)
        c["value"].append(value)
        c["unit"].append(unit)
        c["flags"].append(flags)
        c["name"].append(name)

    def __len__(self) -> int:
        return len(self.cols["iso3"])

    def to_arrow(self, dataset: str, source: str, release: str) -> pa.Table:
        n = len(self)
        data = {"dataset": [dataset] * n, **self.cols, "source": [source] * n, "release": [release] * n}
        return pa.Table.from_pydict({k: data[k] for k in VALUE_SCHEMA.names}, schema=VALUE_SCHEMA)


@dataclass
class Parsed:
    """One dataset read from one file, ready to be stored in one transaction."""

    dataset: str
    kind: str
    source: str
    release: str
    values: ValueRows = field(default_factory=ValueRows)
    notes: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def xlsx_created(path: Path) -> str:
    """The workbook's creation and modification dates from docProps/core.xml ('' when absent)."""
    import re

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return ""
    found = dict(re.findall(r"<dcterms:(created|modified)[^>]*>(\d{4}-\d{2}-\d{2})", xml))
    return found.get("modified") or found.get("created", "")


def open_workbook(path: Path) -> Any:
    """A python-calamine workbook; a damaged or non-Excel file is a DataImportError naming the file."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise DataImportError(str(path), f"not a readable Excel workbook ({type(exc).__name__}: {exc})") from None


def sheet_rows(book: Any, name: str, file: str) -> list[list[Any]]:
    try:
        return list(book.get_sheet_by_name(name).to_python())
    except Exception as exc:
        raise DataImportError(file, f"sheet {name!r} cannot be read ({exc})") from None


def year_of(cell: Any) -> tuple[int, bool] | None:
    """A header cell as (year, is_estimate): 2019, 2019.0, '2019', "'2024e" -> (2024, True)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        y = int(cell)
        return (y, False) if y == cell and 1800 <= y <= 2200 else None
    text = str(cell).strip().strip("'")
    est = text.lower().endswith("e")
    digits = text[:-1] if est else text
    if len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2200:
        return int(digits), est
    return None
