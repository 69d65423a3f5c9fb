"""What an importer hands to the store: one dataset's values, notes and provenance."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from allied.model import DataImportError


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

    def extend(self, indicator: str, iso3: str, years: list[int], values: list[float | None], unit: str,
               flags: list[list[str]], name: str) -> None:
        """One country's values for several years at once."""
        n = len(years)
        c = self.cols
        c["indicator"].extend([indicator] * n)
        c["iso3"].extend([iso3] * n)
        c["year"].extend(years)
        c["value"].extend(values)
        c["unit"].extend([unit] * n)
        c["flags"].extend(flags)
        c["name"].extend([name] * n)

    def __len__(self) -> int:
        return len(self.cols["iso3"])

    def to_arrow(self) -> pa.Table:
        """The columns as Arrow; repeated strings and flag lists are dictionary-built (fast for 100k rows).
        dataset, source and release are constants the store adds."""
        c = self.cols
        return pa.table({
            "indicator": _dictionary(c["indicator"]), "iso3": _dictionary(c["iso3"]),
            "year": pa.array(c["year"], pa.int32()), "value": pa.array(c["value"], pa.float64()),
            "unit": _dictionary(c["unit"]), "flags": _flag_lists(c["flags"]), "name": _dictionary(c["name"]),
        })


def _dictionary(values: list[str]) -> pa.Array:
    keys: dict[str, int] = {}
    index = [keys.setdefault(v, len(keys)) for v in values]
    return pa.DictionaryArray.from_arrays(pa.array(index, pa.int32()), pa.array(list(keys), pa.string()))


def _flag_lists(values: list[list[str]]) -> pa.Array:
    keys: dict[tuple[str, ...], int] = {}
    index = [keys.setdefault(tuple(v), len(keys)) for v in values]
    lists = pa.array([list(k) for k in keys], pa.list_(pa.string()))
    return pa.DictionaryArray.from_arrays(pa.array(index, pa.int32()), lists).dictionary_decode()


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
