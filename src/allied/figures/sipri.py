"""SIPRI Military Expenditure Database workbook: every country sheet, footnote marks kept as flags.

Sheets are found by name, header rows by their 'Country' label and the year columns by their headers,
so a new release with a shifted layout still reads. Region and subregion header rows (a name, every
year empty) and the European Union aggregate are dropped; '...' (unavailable) and 'xxx' (not
independent) become nulls flagged 'unavailable' / 'not_independent'. Estimates that SIPRI marks only by
font colour are not visible to a cell reader and are not flagged.
"""

from __future__ import annotations

import operator
import re
from pathlib import Path
from typing import Any

from allied.figures import countries
from allied.figures.records import (
    Parsed,
    Stop,
    Stopped,
    ValueRows,
    never,
    open_workbook,
    sheet_rows,
    xlsx_created,
    year_of,
)
from allied.model import DataImportError

SOURCE = "SIPRI Military Expenditure Database, https://www.sipri.org/databases/milex"
SYMBOLS = "†‡§¶‖"
MARKERS = {"...": "unavailable", ". .": "unavailable", "xxx": "not_independent"}
CELL_MARKS = {**MARKERS, "": "blank"}
FlagCodes = dict[Any, tuple[list[str], int, dict[str, int]]]  # notes cell -> its flags and flag-set ids

# sheet-name prefix -> (indicator, unit); '{base}' is the constant-price base year from the sheet name
SHEETS: dict[str, tuple[str, str]] = {
    "local currency financial years": ("milex_lcu_fy", "local currency, current prices, financial years"),
    "local currency calendar years": ("milex_lcu", "local currency, current prices"),
    "constant": ("milex_usd_const", "US$ m, constant {base} prices and exchange rates"),
    "current us$": ("milex_usd", "US$ m, current prices and exchange rates"),
    "share of gdp": ("milex_gdp", "fraction"),
    "per capita": ("milex_per_capita", "US$, current prices"),
    "share of govt": ("milex_govt", "fraction of general government expenditure"),
}


def parse(path: Path, release: str | None = None, stop: Stop = never) -> Parsed:
    """Every country sheet and the footnotes; ``stop`` is asked before each sheet (see ``Stop``)."""
    file = str(path)
    book = open_workbook(path)
    names = {n.casefold(): n for n in book.sheet_names}
    found = {prefix: _sheet(names, prefix) for prefix in SHEETS}
    missing = [p for p, n in found.items() if n is None]
    if missing:
        raise DataImportError(file, f"not a SIPRI Milex workbook: no sheet starting with {missing}; "
                                    f"sheets are {book.sheet_names}")
    out = Parsed("sipri", "sipri", SOURCE, release or "")
    codes: FlagCodes = {}
    for prefix, sheet in found.items():  # one sheet in memory at a time
        if stop():
            raise Stopped
        rows = sheet_rows(book, str(sheet), file)
        if prefix == "current us$" and not release:
            out.release = _release(path, max(_header(rows, file, "Current US$")[1].values()))
        _read_sheet(out, rows, str(sheet), *SHEETS[prefix], file, codes)
    if "footnotes" in names:
        out.notes = _footnotes(sheet_rows(book, names["footnotes"], file))
    out.skipped.append("European Union aggregate and region rows not imported")
    return out


def _sheet(names: dict[str, str], prefix: str) -> str | None:
    return next((n for k, n in names.items() if k.startswith(prefix)), None)


def _release(path: Path, last_year: int) -> str:
    day = xlsx_created(path)
    return f"SIPRI Milex data to {last_year}" + (f", workbook of {day}" if day else "") + f" ({path.name})"


def _header(rows: list[list[Any]], file: str, sheet: str) -> tuple[int, dict[int, int], dict[str, int]]:
    """(header row index, {column: year}, {label: column}) for a country sheet."""
    for i, row in enumerate(rows):
        if row and str(row[0]).strip().casefold() == "country":
            years = {j: y[0] for j, c in enumerate(row) if (y := year_of(c))}
            labels = {str(c).strip().casefold(): j for j, c in enumerate(row) if isinstance(c, str) and c.strip()}
            if not years:
                break
            return i, years, labels
    raise DataImportError(file, f"sheet {sheet!r}: no header row with 'Country' and year columns")


def _read_sheet(out: Parsed, rows: list[list[Any]], sheet: str, indicator: str, unit: str, file: str,
                codes: FlagCodes) -> None:
    head, years, labels = _header(rows, file, sheet)
    base = re.search(r"(\d{4})", sheet)
    unit = unit.format(base=base.group(1) if base else "?")
    notes_col = next((j for k, j in labels.items() if k.startswith("notes")), None)
    currency_col = labels.get("currency")
    fiscal_col = next((j for k, j in labels.items() if k.startswith("fiscal year")), None)
    data = _country_rows(rows[head + 1:], list(years))
    mapping = countries.resolve((str(r[0]).strip() for r, _ in data), file)
    year_list = list(years.values())
    for r, cells in data:
        name = str(r[0]).strip()
        if name not in mapping:
            continue
        row_unit = f"{str(r[currency_col]).strip()} ({unit})" if currency_col is not None else unit
        if fiscal_col is not None and str(r[fiscal_col]).strip():
            row_unit += f"; fiscal year: {str(r[fiscal_col]).strip()}"
        flags = _flag_codes(out.values, codes, r[notes_col] if notes_col is not None else "")
        values, flag_ids = _row(out.values, cells, year_list, flags, (file, sheet, name))
        out.values.extend(indicator, mapping[name], year_list, values, row_unit, flag_ids, name)


def _country_rows(rows: list[list[Any]], columns: list[int]) -> list[tuple[list[Any], tuple[Any, ...]]]:
    """(row, its year cells) for rows with a name and a year cell that is not empty (region header rows
    have a name and every year cell empty). The cells are picked in one C-level call per row."""
    width = max(columns) + 1
    pick = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    out = []
    for r in rows:
        if r and str(r[0]).strip():
            padded = r if len(r) >= width else r + [""] * (width - len(r))
            cells = pick(padded)
            if cells.count("") < len(cells):
                out.append((padded, cells))
    return out


def _flag_codes(rows: ValueRows, codes: FlagCodes, notes: Any) -> tuple[list[str], int, dict[str, int]]:
    """A notes cell's flags, their flag-set id, and for each cell marker the id of the flags plus the
    marker's flag; worked out once per distinct notes cell."""
    found = codes.get(notes)
    if found is None:
        flags = _marks(notes)
        plain = rows.flag_set(flags)  # first: flag sets are numbered in order of appearance
        marked = {text: rows.flag_set([*flags, mark]) for text, mark in CELL_MARKS.items()}
        found = codes[notes] = (flags, plain, marked)
    return found


def _row(rows: ValueRows, cells: tuple[Any, ...], years: list[int], codes: tuple[list[str], int, dict[str, int]],
         where: tuple[str, str, str]) -> tuple[list[float | None], list[int]]:
    """One country row's values and flag-set ids. Numbers and markers take the fast path (78,000 cells):
    whole rows at a time in list comprehensions; any other cell (an int, text) is looked at on its own."""
    flags, plain, marked = codes
    values: list[float | None] = [c if type(c) is float else None for c in cells]
    ids = [plain if type(c) is float else marked.get(c, -1) for c in cells]
    if -1 in ids:
        for k, cell in enumerate(cells):
            if ids[k] == -1:
                values[k], extra = _value(cell, *where, years[k])
                ids[k] = rows.flag_set(flags + extra)
    return values, ids


def _marks(cell: Any) -> list[str]:
    """'‡§¶16' -> ['‡', '§', '¶', 'note 16']: the symbols as printed, numbered notes by number."""
    text = str(cell).strip()
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    marks = [ch for ch in text if ch in SYMBOLS]
    marks += [f"note {n}" for n in re.findall(r"\d+", text)]
    return marks


def _value(cell: Any, file: str, sheet: str, name: str, year: int) -> tuple[float | None, list[str]]:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell), []
    text = str(cell).strip()
    if text in MARKERS:
        return None, [MARKERS[text]]
    if text == "":
        return None, ["blank"]
    raise DataImportError(file, f"sheet {sheet!r}, {name} {year}: unexpected cell value {text!r} "
                                "(expected a number, '...' or 'xxx')")


def _footnotes(rows: list[list[Any]]) -> list[tuple[str, str]]:
    """Symbol notes (symbol, text in column B) and numbered notes (number, text in column C)."""
    out: dict[str, str] = {}
    for r in rows:
        if len(r) < 2:
            continue
        key = r[0]
        if isinstance(key, str) and key.strip() in tuple(SYMBOLS):
            out[key.strip()] = str(r[1]).strip()
        elif isinstance(key, int | float) and float(key).is_integer() and len(r) > 2 and str(r[2]).strip():
            out[f"note {int(key)}"] = str(r[2]).strip()
    return sorted(out.items())
