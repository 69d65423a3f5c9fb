"""Cells a workbook marks only by font colour (SIPRI: blue = SIPRI estimate, red = highly uncertain).

A cell reader (python-calamine) sees values only, so the marks are read from the file's XML: the fonts in
``xl/styles.xml``, the cell formats (``cellXfs``) that use them, and each sheet's cells by format index.
Reading only the attributes needed keeps this a fraction of the time of loading the workbook's styles
with a general reader.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from allied.model import DataImportError

Marks = dict[tuple[int, int], str]  # (row, column), both from 0 as in A1 = (0, 0) -> mark

_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|'
                  rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"')
_FONT = re.compile(rb"<font\b[^>]*?(?:/>|>(.*?)</font>)", re.S)
_XF = re.compile(rb"<xf\b([^>]*)")
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>)')
_STYLE = re.compile(rb'\bs="(\d+)"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _unescape(name: bytes) -> str:
    return (name.decode("utf-8").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'"))


def _styles(z: zipfile.ZipFile, colours: dict[int, str]) -> dict[int, str]:
    """Cell-format index -> mark, for formats whose font has one of ``colours`` (indexed colour -> mark)."""
    xml = z.read("xl/styles.xml")
    fonts_part = re.search(rb"<fonts\b[^>]*>(.*?)</fonts>", xml, re.S)
    xfs_part = re.search(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", xml, re.S)
    if not fonts_part or not xfs_part:
        return {}
    font_marks = {}
    for i, m in enumerate(_FONT.finditer(fonts_part.group(1))):
        colour = re.search(rb'<color\b[^>]*?indexed="(\d+)"', m.group(1) or b"")
        if colour and int(colour.group(1)) in colours:
            font_marks[i] = colours[int(colour.group(1))]
    out = {}
    for i, m in enumerate(_XF.finditer(xfs_part.group(1))):
        font = re.search(rb'fontId="(\d+)"', m.group(1))
        if font and int(font.group(1)) in font_marks:
            out[i] = font_marks[int(font.group(1))]
    return out


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    rels = {}
    for m in _REL.finditer(z.read("xl/_rels/workbook.xml.rels")):
        rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        path = target.decode("utf-8").lstrip("/")
        rels[rid] = path if path.startswith("xl/") else f"xl/{path}"
    return {_unescape(name): rels[rid] for name, rid in _SHEET.findall(z.read("xl/workbook.xml")) if rid in rels}


def coloured_cells(path: Path, sheets: list[str], colours: dict[int, str]) -> dict[str, Marks]:
    """For each sheet in ``sheets``: the cells whose font has one of ``colours``, with their mark."""
    try:
        with zipfile.ZipFile(path) as z:
            styles = _styles(z, colours)
            paths = _sheet_paths(z)
            out: dict[str, Marks] = {}
            for sheet in sheets:
                marks: Marks = {}
                if styles and sheet in paths:
                    for m in _CELL.finditer(z.read(paths[sheet])):
                        style = _STYLE.search(m.group(3))
                        if style and int(style.group(1)) in styles:
                            marks[(int(m.group(2)) - 1, _column(m.group(1)))] = styles[int(style.group(1))]
                out[sheet] = marks
            return out
    except (KeyError, zipfile.BadZipFile, OSError, zlib.error, EOFError) as exc:  # zlib, EOF: a damaged part
        raise DataImportError(str(path), f"cannot read the workbook's cell formats ({exc})") from None
