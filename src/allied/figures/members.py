"""Who is counted: an alliance's parties in a year (from the treaty model) or an ad-hoc list of states.

An alliance's members in a year are its parties on 31 December of that year — the convention of NATO's
own tables, whose aggregates include an Ally from the year it joined ("from 2024 onwards include Sweden,
which became an Ally on 7 March 2024", NATO defence expenditure tables, notes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from allied.model import InputError
from allied.reference import load as load_reference
from allied.reference import treaty as find_treaty

EXTRA_CODES = {"XKX": "Kosovo (World Bank / SIPRI; not in ISO 3166-1)"}


def check_year(year: object, field: str = "year") -> int:
    try:
        value = int(str(year))
    except ValueError:
        raise InputError(field, year, "a year such as 2024") from None
    if not 1800 <= value <= 2100:
        raise InputError(field, year, "a year between 1800 and 2100")
    return value


def state_codes(codes: str | Iterable[str], field: str = "members") -> list[str]:
    """ISO3 codes from 'USA,KOR,JPN' or a list; each checked against the reference states."""
    items = codes.split(",") if isinstance(codes, str) else list(codes)
    ref = load_reference()
    states = ref.states
    out: list[str] = []
    for item in items:
        code = str(item).strip().upper()
        code = ref.aliases.get(code, code)  # ROC is an input alias of TWN
        if not code:
            continue
        if code not in states and code not in EXTRA_CODES:
            raise InputError(field, item, "ISO 3166-1 alpha-3 codes such as USA,KOR,JPN (or a historic id: "
                             + ", ".join(sorted(s.iso3 for s in states.values() if s.historic)) + ")")
        if code not in out:
            out.append(code)
    if not out:
        raise InputError(field, codes, "at least one ISO3 code, e.g. USA,KOR,JPN")
    return out


def resolve(alliance: str | None, members: str | Iterable[str] | None, year: int) -> tuple[list[str], str]:
    """(ISO3 codes, label) for a treaty id or an ad-hoc list."""
    if alliance and members:
        raise InputError("alliance", alliance, "either an alliance or a members list, not both")
    if members:
        codes = state_codes(members)
        return codes, ",".join(codes)
    if not alliance:
        raise InputError("alliance", alliance, "a treaty id such as NATO, or --members USA,KOR,JPN")
    treaty = find_treaty(alliance)
    day = dt.date(year, 12, 31)
    parties = treaty.parties_on(day)
    if not parties:
        raise InputError("year", year, f"a year in which {treaty.id} has parties in the treaty model "
                         f"(in force {treaty.in_force}; parties recorded: {len(treaty.parties)})",
                         "Or name the members with --members.")
    return parties, treaty.id
