"""NATO 'Defence Expenditure of NATO Countries' tables workbook, found by titles and names.

Each sheet is read by what it says, not by fixed rows: the table title ('Table 3 : ...'), the unit line
under it, the year header (the row with the most year cells; '2024e' is year 2024 flagged 'estimate'),
block titles ('Current prices', 'Share of real GDP (%)', ...) in the column left of the country names,
and countries by name (a trailing '*' — a national 2 % law, per the workbook's footnote — is kept as the
flag '*'). Aggregate rows ('NATO Total', 'NATO Europe and Canada') are not imported. Table 4 summarises
Tables 2 and 3 and is not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allied.figures import countries
from allied.figures.records import Parsed, Stop, Stopped, never, open_workbook, sheet_rows, xlsx_created, year_of
from allied.model import DataImportError

SOURCE = "NATO, Defence Expenditure of NATO Countries, https://www.nato.int (Public Diplomacy Division)"
ESSENTIAL = ("milex_usd", "milex_gdp", "gdp_usd")


@dataclass
class Layout:
    title: str
    unit: str
    header: int
    years: dict[int, tuple[int, bool]]  # column -> (year, estimate)
    name_col: int


def parse(path: Path, release: str | None = None, stop: Stop = never) -> Parsed:
    """Every year table of the workbook; ``stop`` is asked before each sheet (see ``Stop``)."""
    file = str(path)
    book = open_workbook(path)
    out = Parsed("nato", "nato", SOURCE, "")
    span: set[int] = set()
    for sheet in book.sheet_names:
        if stop():
            raise Stopped
        rows = sheet_rows(book, sheet, file)
        layout = _layout(rows)
        if layout is None or len(layout.years) < 3 or _is_summary(layout.title):
            what = layout.title if layout else "no year header"
            out.skipped.append(f"sheet {sheet!r} ({what}) not imported: a summary or not a year table")
            continue
        span |= {y for y, _ in layout.years.values()}
        _read_blocks(out, rows, layout, sheet, file)
    found = {key[0] for key in out.values.series}
    missing = [i for i in ESSENTIAL if i not in found]
    if missing:
        raise DataImportError(file, f"not a NATO defence expenditure tables workbook: no table found for {missing}")
    out.release = release or _release(path, span)
    return out


def _release(path: Path, years: set[int]) -> str:
    day = xlsx_created(path)
    return (f"NATO Defence Expenditure of NATO Countries ({min(years)}-{max(years)})"
            + (f", workbook of {day}" if day else "") + f" ({path.name})")


def _is_summary(title: str) -> bool:
    return bool(re.search(r"real change \d{4}\s*-\s*\d{4}", title, re.I))


def _layout(rows: list[list[Any]]) -> Layout | None:
    texts = [(i, str(c).strip()) for i, r in enumerate(rows) for c in r if isinstance(c, str) and c.strip()]
    title = next((t for _, t in texts if t.lower().startswith("table")), "")
    best = max(range(len(rows)), key=lambda i: sum(1 for c in rows[i] if year_of(c)), default=None)
    if best is None:
        return None
    years = {j: y for j, c in enumerate(rows[best]) if (y := year_of(c))}
    if not years:
        return None
    title_row = next((i for i, t in texts if t == title), 0)
    unit = next((t for i, t in texts if title_row < i < best), "")
    return Layout(title, unit, best, years, min(years) - 1)


def _read_blocks(out: Parsed, rows: list[list[Any]], layout: Layout, sheet: str, file: str) -> None:
    block = ""
    named: list[tuple[str, str, list[Any]]] = []
    for r in rows[layout.header + 1:]:
        label = _cell(r, layout.name_col - 1)
        name = _cell(r, layout.name_col)
        numeric = any(isinstance(_raw(r, j), int | float) for j in layout.years)
        if label and not name and not numeric:
            block = label
        elif name and numeric and not countries.is_aggregate(name):
            named.append((block, name, r))
    mapping = countries.resolve((n for _, n, _ in named), file)
    unknown: set[str] = set()
    for block_title, name, r in named:
        spec = indicator_for(layout.title, layout.unit, block_title)
        if spec is None:
            unknown.add(f"{sheet}: {block_title or layout.title}")
            continue
        _add_row(out, r, layout, spec, mapping[name], name)
    out.skipped += [f"block {u!r} not recognised, not imported" for u in sorted(unknown)]


def _cell(row: list[Any], j: int) -> str:
    value = _raw(row, j)
    return str(value).strip() if isinstance(value, str) else ""


def _raw(row: list[Any], j: int) -> Any:
    return row[j] if 0 <= j < len(row) else ""


def _add_row(out: Parsed, r: list[Any], layout: Layout, spec: tuple[str, str], iso3: str, name: str) -> None:
    indicator, unit = spec
    base = ["*"] if "*" in name else []
    for j, (year, estimate) in layout.years.items():
        cell = _raw(r, j)
        flags = base + (["estimate"] if estimate else [])
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            out.values.add(indicator, iso3, year, float(cell), unit, flags, name)
        else:
            mark = "blank" if str(cell).strip() == "" else f"cell: {cell!r}"  # error cells read as blank
            out.values.add(indicator, iso3, year, None, unit, flags + [mark], name)


def indicator_for(title: str, unit: str, block: str) -> tuple[str, str] | None:
    """(indicator, unit) for a table title, its unit line and a block title; None when unknown."""
    t, u, b = title.lower(), unit.lower(), block.lower()
    base = re.search(r"(\d{4}) prices", f"{b} {u}")
    const = f"constant {base.group(1) if base else '?'} prices"
    rules: list[tuple[bool, tuple[str, str]]] = [
        ("share of real gdp" in b, ("milex_gdp", "percent of real GDP")),
        ("annual real change" in b, ("milex_real_change", "percent")),
        ("defence expenditure per capita" in b, ("milex_per_capita_const", f"US$, {const}")),
        ("gdp per capita" in b, ("gdp_per_capita_const", f"thousand US$, {const}")),
        ("military personnel" in t, ("personnel", "thousand persons")),
        ("distribution" in t and b != "", (f"milex_{_first_word(b)}_share", "percent of defence expenditure")),
        ("defence expenditure" in t and "national currency" in u and "current" in b,
         ("milex_lcu", "million national currency, current prices")),
        ("defence expenditure" in t and "national currency" in u and "constant" in b,
         ("milex_lcu_const", f"million national currency, {const}")),
        ("defence expenditure" in t and "us dollars" in u and "current" in b,
         ("milex_usd", "US$ m, current prices and exchange rates")),
        ("defence expenditure" in t and "us dollars" in u and "constant" in b,
         ("milex_usd_const", f"US$ m, {const} and exchange rates")),
        ("gdp" in t and "current" in b, ("gdp_usd", "US$ m, current prices and exchange rates")),
        ("gdp" in t and "constant" in b, ("gdp_usd_const", f"US$ m, {const} and exchange rates")),
    ]
    return next((spec for ok, spec in rules if ok), None)


def _first_word(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.split()[0]) if text.split() else "other"
