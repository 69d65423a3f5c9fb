"""What an importer hands to the store: one dataset's values, notes and provenance."""

from __future__ import annotations

import hashlib
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from allied.model import DataImportError

SeriesKey = tuple[str, str, str, str]  # (indicator, iso3, unit, name as published)
SERIES_FIELDS = ("indicator", "iso3", "unit", "name")


@dataclass
class Batch:
    """A dataset's values as Arrow tables, the way the store keeps them: ``series`` (series, indicator,
    iso3, unit, name), ``flag_sets`` (flag_set, flags) and ``points`` (series, year, value, flag_set)."""

    series: pa.Table
    flag_sets: pa.Table
    points: pa.Table


class ValueRows:
    """Country-year values, grouped in series (one indicator of one country in one unit under one name)
    with their flags as flag sets (each distinct list of flags kept once).

    The store keeps a series' text and a flag set once and each value as (series, year, value, flag set);
    building them here, where the series are known, is what makes an import fast."""

    def __init__(self) -> None:
        self.series: dict[SeriesKey, int] = {}           # series key -> id, in order of first appearance
        self.flag_sets: dict[tuple[str, ...], int] = {}  # flags -> id, in order of first appearance
        self.runs: list[tuple[int, int]] = []            # (series id, number of values), in order added
        self.years: list[int] = []
        self.values: list[float | None] = []
        self.flag_ids: list[int] = []

    def add(self, indicator: str, iso3: str, year: int, value: float | None, unit: str,
            flags: list[str], name: str) -> None:
        self._run(self.series_id(indicator, iso3, unit, name), 1)
        self.years.append(year)
        self.values.append(value)
        self.flag_ids.append(self.flag_set(flags))

    def extend(self, indicator: str, iso3: str, years: list[int], values: list[float | None], unit: str,
               flag_ids: list[int], name: str) -> None:
        """One country's values for several years at once; ``flag_ids`` are ids from ``flag_set``."""
        self._run(self.series_id(indicator, iso3, unit, name), len(years))
        self.years.extend(years)
        self.values.extend(values)
        self.flag_ids.extend(flag_ids)

    def series_id(self, indicator: str, iso3: str, unit: str, name: str) -> int:
        return self.series.setdefault((indicator, iso3, unit, name), len(self.series))

    def flag_set(self, flags: list[str] | tuple[str, ...]) -> int:
        """The id of a list of flags (order kept), for ``extend``."""
        return self.flag_sets.setdefault(tuple(flags), len(self.flag_sets))

    def _run(self, series: int, n: int) -> None:
        if self.runs and self.runs[-1][0] == series:
            self.runs[-1] = (series, self.runs[-1][1] + n)
        else:
            self.runs.append((series, n))

    def __len__(self) -> int:
        return len(self.years)

    def series_ids(self) -> np.ndarray:
        """Each value's series id (int32), in order added."""
        if not self.runs:
            return np.zeros(0, np.int32)
        ids, counts = zip(*self.runs, strict=True)
        return np.repeat(np.asarray(ids, np.int32), counts)

    @property
    def cols(self) -> dict[str, list[Any]]:
        """The values as flat columns (indicator, iso3, year, value, unit, flags, name), in order added."""
        keys, sets = list(self.series), [list(f) for f in self.flag_sets]
        ids = self.series_ids().tolist()
        out: dict[str, list[Any]] = {f: [keys[i][k] for i in ids] for k, f in enumerate(SERIES_FIELDS)}
        return {**out, "year": self.years, "value": self.values, "flags": [sets[i] for i in self.flag_ids]}

    def to_arrow(self) -> Batch:
        """The values as Arrow; dataset, source and release are constants the store adds."""
        keys = list(self.series)
        series = pa.table({"series": pa.array(range(len(keys)), pa.int32()),
                           **{f: pa.array([k[i] for k in keys], pa.string()) for i, f in enumerate(SERIES_FIELDS)}})
        flag_ids = np.asarray(pa.array(self.flag_ids, pa.int32()))
        used = np.flatnonzero(np.bincount(flag_ids, minlength=len(self.flag_sets)))  # sets some value has
        renumber = np.zeros(len(self.flag_sets), np.int32)
        renumber[used] = np.arange(len(used), dtype=np.int32)
        sets = list(self.flag_sets)
        flag_sets = pa.table({"flag_set": pa.array(range(len(used)), pa.int32()),
                              "flags": pa.array([list(sets[i]) for i in used], pa.list_(pa.string()))})
        points = pa.table({"series": self.series_ids(), "year": pa.array(self.years, pa.int32()),
                           "value": pa.array(self.values, pa.float64()), "flag_set": renumber[flag_ids]})
        return Batch(series, flag_sets, points)

    def duplicates(self, points: pa.Table | None = None) -> list[tuple[str, str, int]]:
        """(indicator, iso3, year) keys with more than one value, sorted; [] when every key is unique.
        ``points`` is ``to_arrow().points`` when at hand (saves converting the columns again)."""
        if not self.years:
            return []
        points = points if points is not None else self.to_arrow().points
        pair: dict[tuple[str, str], int] = {}
        of_series = np.array([pair.setdefault(k[:2], len(pair)) for k in self.series], np.int64)
        years = points["year"].to_numpy()
        first = int(years.min())
        span = int(years.max()) - first + 1
        keys = of_series[points["series"].to_numpy()] * span + (years - first)
        if len(pair) * span <= 4 * len(keys) + 100_000:  # a count per possible key: no sort needed
            counts = np.bincount(keys)
            repeated = np.flatnonzero(counts > 1)
        else:
            uniq, counts = np.unique(keys, return_counts=True)
            repeated = uniq[counts > 1]
        names = list(pair)
        return sorted((*names[int(k) // span], int(k) % span + first) for k in repeated)


Stop = Callable[[], bool]  # asked between sheets by the workbook parsers: True means stop reading


class Stopped(Exception):
    """A parser was told to stop (the store holds the file already): nothing is imported."""


def never() -> bool:
    return False


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
        if not math.isfinite(cell):  # an 'inf' or 'nan' header cell is no year
            return None
        y = int(cell)
        return (y, False) if y == cell and 1800 <= y <= 2200 else None
    text = str(cell).strip().strip("'")
    est = text.lower().endswith("e")
    digits = text[:-1] if est else text
    if len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2200:
        return int(digits), est
    return None
