"""Rendering of results for people (rich tables) and scripts (json, jsonl, csv)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import io
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from allied.model import InputError

FORMATS = ("table", "json", "jsonl", "csv", "parquet")


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    if fmt not in allowed:
        raise InputError("--format", fmt, " | ".join(allowed))
    return fmt


def plain(value: Any) -> Any:
    """Dataclasses, dates and tuples to JSON-ready values; NaN to None (unknown is null, never 0)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return plain(value.item())
    return value


def dumps(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False)


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(rows: Iterable[Mapping[str, Any]], fmt: str, title: str = "", document: Any = None,
           width: int | None = None) -> str:
    """Render rows; ``document`` (if given) is what the json format prints instead of the bare rows.
    Tables fit ``width`` columns (default: the terminal's width as rich detects it)."""
    rows = [plain(r) for r in rows]
    check_format(fmt)
    if fmt == "json":
        return json.dumps(plain(document) if document is not None else rows, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    columns: list[str] = []
    for r in rows:
        columns.extend(k for k in r if k not in columns)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_cell(r.get(k)) for k in columns})
        return buf.getvalue().rstrip("\n")
    from rich.console import Console  # only a table needs rich (0.05-0.1 s to import): json and csv do not
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title) if title else None, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(Text(_cell(r.get(c))) for c in columns))  # values are never read as rich markup
    console = Console(record=True, width=width or Console().width, file=io.StringIO())
    console.print(table)
    return console.export_text().rstrip("\n")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_parquet(rows: list[Mapping[str, Any]], path: Path) -> None:
    """Rows as a Parquet file: one column per field; lists and objects that do not form one column type
    are stored as JSON text. Unknown values are nulls."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    plain_rows = [plain(r) for r in rows]
    columns: list[str] = []
    for r in plain_rows:
        columns.extend(k for k in r if k not in columns)
    arrays = {}
    for c in columns:
        values = [r.get(c) for r in plain_rows]
        try:
            arrays[c] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[c] = pa.array([None if v is None else json.dumps(v, ensure_ascii=False) for v in values])
    pq.write_table(pa.table(arrays) if columns else pa.table({}), path)
