"""ATOP v5.1 member-level CSV: each state's commitments per alliance and phase, and the defense pacts
of a state in a year.

ATOP identifies members by COW state code; ``cow_iso3.csv`` turns an ISO3 code and a year into COW
codes and back. ``yrexit = 0`` means the commitment was still in effect at the end of ATOP's coverage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import duckdb

from allied.figures import cow, plausible, schema
from allied.model import DataImportError, InputError, NotFoundError
from allied.store import transaction

SOURCE = ("ATOP: Leeds, Ritter, Mitchell & Long (2002), Alliance Treaty Obligations and Provisions; "
          "http://www.atopdata.org")
KEYS = ("atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")
FLAGS = ("defense", "offense", "neutral", "nonagg", "consul", "bilat", "asymm")
COVERAGE_END = 2018  # ATOP v5.1 (shared/data/PROVENANCE.md §4)


def store(con: duckdb.DuckDBPyConnection, path: Path, sha: str, release: str | None,
          force: bool = False) -> dict[str, Any]:
    rows, version = _read(path)
    release = release or f"ATOP v{version} member-level ({path.name})"
    plausible.check_count(con, "atop", len(rows), str(path), force, release)
    years = [r[3] for r in rows]
    members = len({r[1] for r in rows})
    with transaction(con):
        con.execute("DELETE FROM atop_members")
        con.executemany("INSERT INTO atop_members VALUES (" + ", ".join(["?"] * 18) + ")",
                        [[*r, release] for r in rows])
        con.execute("DELETE FROM datasets WHERE dataset = 'atop'")
        con.execute("INSERT INTO datasets VALUES ('atop', 'atop', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [path.name, sha, release, dt.datetime.now(dt.UTC).replace(tzinfo=None), len(rows),
                     min(years), COVERAGE_END, members, "members are COW state codes"])
    return {"dataset": "atop", "kind": "atop", "file": path.name, "release": release, "rows": len(rows),
            "min_year": min(years), "max_year": COVERAGE_END, "countries": members, "changed": True,
            "note": "members are COW state codes"}


def _read(path: Path) -> tuple[list[list[Any]], str]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise DataImportError(file, f"cannot be read as a UTF-8 CSV ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in (*KEYS, *FLAGS, "version") if c not in (reader.fieldnames or [])]
    if missing:
        raise DataImportError(file, f"missing column(s) {missing}; not an ATOP member-level file")
    records = list(reader)
    plausible.check_records(records, len(reader.fieldnames or []), file)
    rows: list[list[Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for n, rec in enumerate(records, start=2):
        row = [_int(rec[k], file, n, k) for k in KEYS] + [_int(rec[k], file, n, k) for k in FLAGS]
        key = (row[0], row[1], row[2], row[3])
        if key in seen:
            raise DataImportError(file, f"line {n}: duplicate alliance/member/phase/entry {key}")
        seen.add(key)
        rows.append(row + [json.dumps(rec, ensure_ascii=False)])
    if not rows:
        raise DataImportError(file, "no data rows")
    return rows, str(json.loads(str(rows[0][-1])).get("version", "?"))


def _int(text: str | None, file: str, line: int, column: str) -> int | None:
    text = (text or "").strip()
    if text == "":
        if column in ("atopid", "member", "phase", "yrent", "yrexit"):
            raise DataImportError(file, f"line {line}: {column} is empty")
        return None
    try:
        return int(float(text))
    except (ValueError, OverflowError):  # OverflowError: 'inf' (int(float('inf')))
        raise DataImportError(file, f"line {line}: {column} {text!r} is not a number") from None


def defense_pacts(con: duckdb.DuckDBPyConnection, iso3: str, year: int) -> list[dict[str, Any]]:
    """ATOP alliances in effect in ``year`` where ``iso3`` or a partner has a defense obligation."""
    schema.ensure(con)
    if not con.execute("SELECT 1 FROM datasets WHERE dataset = 'atop'").fetchone():
        raise NotFoundError("ATOP data are not in the store; import the ATOP v5.1 member-level file first: "
                            "allied data import atop atop5_1m.csv")
    if not 1815 <= year <= COVERAGE_END:
        raise InputError("year", year, f"1815-{COVERAGE_END} (ATOP v5.1 coverage)")
    codes = cow.codes_of(iso3, year)
    if not codes:
        return []
    active = ("yrent <= ? AND (yrexit >= ? OR yrexit = 0)")
    own = con.execute(f"SELECT atopid, member, yrent, yrexit, defense, offense, neutral, nonagg, consul, "
                      f"bilat, asymm FROM atop_members WHERE list_contains(?, member) AND {active} "
                      "ORDER BY atopid", [codes, year, year]).fetchall()
    return [r for r in (_pact(con, row, year) for row in own) if r is not None]


def _pact(con: duckdb.DuckDBPyConnection, row: tuple[Any, ...], year: int) -> dict[str, Any] | None:
    atopid, member = row[0], row[1]
    partners = con.execute(
        "SELECT member, max(defense) FROM atop_members WHERE atopid = ? AND member <> ? AND yrent <= ? "
        "AND (yrexit >= ? OR yrexit = 0) GROUP BY member ORDER BY member", [atopid, member, year, year]).fetchall()
    defended_by = [_name(p[0], year) for p in partners if p[1] == 1]
    if row[4] != 1 and not defended_by:
        return None
    return {"atopid": atopid, "year": year, "entered": row[2], "exit": row[3] or None,
            "defense": row[4], "offense": row[5], "neutrality": row[6], "nonaggression": row[7],
            "consultation": row[8], "bilateral": row[9], "asymmetric": row[10],
            "partners": [_name(p[0], year) for p in partners], "partners_defending": defended_by,
            "source": SOURCE}


def _name(code: int, year: int) -> str:
    try:
        return cow.iso3_of(code, year) or f"COW {code}"
    except DataImportError:
        return f"COW {code}"
