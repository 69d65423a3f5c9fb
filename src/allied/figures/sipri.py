"""SIPRI Military Expenditure Database workbook: every country sheet, footnote marks kept as flags.

Sheets are found by name, header rows by their 'Country' label and the year columns by their headers,
so a new release with a shifted layout still reads. Region and subregion header rows (a name, every
year empty) and the European Union aggregate are dropped; '...' (unavailable) and 'xxx' (not
independent) become nulls flagged 'unavailable' / 'not_independent'.

Two things SIPRI does not say in the cells themselves:
- **Estimates.** Blue figures are SIPRI estimates and red ones highly uncertain (the note above every
  sheet's header says so); the colours are read from the workbook's cell formats and flagged 'estimate'
  and 'uncertain'.
- **Placeholder zeros.** Some sheets hold a 0 where SIPRI has no figure (Current US$ for North Korea
  1986-2014, Taiwan 1976-87, Russia 1992; Iceland's and Costa Rica's spending rows): a 0 is a placeholder
  when, for the same country and year, another sheet holds a non-zero figure or '...'. It is stored as
  unknown (null) and flagged 'placeholder'.
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
from allied.figures.xlsx_marks import Marks, coloured_cells
from allied.model import DataImportError

SOURCE = "SIPRI Military Expenditure Database, https://www.sipri.org/databases/milex"
SYMBOLS = "†‡§¶‖"
MARKERS = {"...": "unavailable", ". .": "unavailable", "xxx": "not_independent"}
CELL_MARKS = {**MARKERS, "": "blank"}
COLOURS = {12: "estimate", 10: "uncertain"}  # font colour (indexed) -> flag; PROVENANCE.md and each sheet's notes
NOTES = [("estimate", "a SIPRI estimate (the figure is blue in the workbook)"),
         ("uncertain", "highly uncertain data (the figure is red in the workbook)"),
         ("placeholder", "SIPRI's sheet holds 0 where its other sheets hold a figure or '...' for the same "
                         "country and year: a placeholder, stored as unknown")]
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
    marks = coloured_cells(path, [str(n) for n in found.values()], COLOURS)
    for prefix, sheet in found.items():  # one sheet in memory at a time
        if stop():
            raise Stopped
        rows = sheet_rows(book, str(sheet), file)
        if prefix == "current us$" and not release:
            out.release = _release(path, max(_header(rows, file, "Current US$")[1].values()))
        start = book.get_sheet_by_name(str(sheet)).start
        _read_sheet(out, rows, str(sheet), *SHEETS[prefix], file, codes,
                    {(r - start[0], c - start[1]): m for (r, c), m in marks[str(sheet)].items()})
    placeholders = mark_placeholder_zeros(out)
    if "footnotes" in names:
        out.notes = _footnotes(sheet_rows(book, names["footnotes"], file))
    out.notes += NOTES
    out.skipped.append("European Union aggregate and region rows not imported")
    if placeholders:
        out.skipped.append(f"{placeholders} placeholder zeros stored as unknown")
    return out


def mark_placeholder_zeros(out: Parsed) -> int:
    """Null and flag 'placeholder' every 0 whose country-year has, in another indicator, a non-zero figure
    or '...' (see the module's docstring); returns how many there were."""
    rows = out.values
    keys, ids = list(rows.series), rows.series_ids().tolist()
    sets = list(rows.flag_sets)
    evidence: dict[tuple[str, int], set[str]] = {}
    zeros = []
    for i, (series, year, value) in enumerate(zip(ids, rows.years, rows.values, strict=True)):
        indicator, iso3 = keys[series][0], keys[series][1]
        if value == 0:
            zeros.append(i)
        elif value is not None or "unavailable" in sets[rows.flag_ids[i]]:
            evidence.setdefault((iso3, year), set()).add(indicator)
    count = 0
    for i in zeros:
        indicator, iso3 = keys[ids[i]][0], keys[ids[i]][1]
        if evidence.get((iso3, rows.years[i]), set()) - {indicator}:
            rows.values[i] = None
            rows.flag_ids[i] = rows.flag_set([*sets[rows.flag_ids[i]], "placeholder"])
            count += 1
    return count


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
                codes: FlagCodes, marks: Marks) -> None:
    head, years, labels = _header(rows, file, sheet)
    base = re.search(r"(\d{4})", sheet)
    unit = unit.format(base=base.group(1) if base else "?")
    notes_col = next((j for k, j in labels.items() if k.startswith("notes")), None)
    currency_col = labels.get("currency")
    fiscal_col = next((j for k, j in labels.items() if k.startswith("fiscal year")), None)
    data = _country_rows(rows, list(years), head + 1)
    mapping = countries.resolve((str(r[0]).strip() for _, r, _ in data), file)
    year_list, year_cols = list(years.values()), list(years)
    for at, r, cells in data:
        name = str(r[0]).strip()
        if name not in mapping:
            continue
        row_unit = f"{str(r[currency_col]).strip()} ({unit})" if currency_col is not None else unit
        if fiscal_col is not None and str(r[fiscal_col]).strip():
            row_unit += f"; fiscal year: {str(r[fiscal_col]).strip()}"
        flags = _flag_codes(out.values, codes, r[notes_col] if notes_col is not None else "")
        values, flag_ids = _row(out.values, cells, year_list, flags, (file, sheet, name))
        _colour_flags(out, flag_ids, [marks.get((at, col)) for col in year_cols] if marks else [])
        out.values.extend(indicator, mapping[name], year_list, values, row_unit, flag_ids, name)


def _country_rows(rows: list[list[Any]], columns: list[int],
                  first: int) -> list[tuple[int, list[Any], tuple[Any, ...]]]:
    """(row index, row, its year cells) for rows from ``first`` on with a name and a year cell that is not
    empty (region header rows have a name and every year cell empty). The cells are picked in one C-level
    call per row."""
    width = max(columns) + 1
    pick = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    out = []
    for at in range(first, len(rows)):
        r = rows[at]
        if r and str(r[0]).strip():
            padded = r if len(r) >= width else r + [""] * (width - len(r))
            cells = pick(padded)
            if cells.count("") < len(cells):
                out.append((at, padded, cells))
    return out


def _colour_flags(out: Parsed, flag_ids: list[int], marks: list[str | None]) -> None:
    """Add a cell's colour mark ('estimate', 'uncertain') to its flags, for the cells that have one."""
    if not any(marks):
        return
    sets = list(out.values.flag_sets)
    for k, mark in enumerate(marks):
        if mark:
            flag_ids[k] = out.values.flag_set([*sets[flag_ids[k]], mark])


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
