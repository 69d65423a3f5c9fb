"""Queries on the reference model that users expect from day one."""

from __future__ import annotations

import datetime as dt
import unicodedata

from allied.model import InputError, NotFoundError, Official, Treaty
from allied.reference.loader import Reference, load


def parse_date(value: str | dt.date, field: str = "date") -> dt.date:
    """An ISO date from 1900 on; anything else is an InputError naming the field."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise InputError(field, value, "a date as YYYY-MM-DD") from None
    if value.year < 1900:
        raise InputError(field, value.isoformat(), "a date from 1900-01-01 on")
    return value


def state_code(code: str, ref: Reference | None = None, field: str = "state") -> str:
    """Normalise and check an ISO 3166-1 alpha-3 code, an ISO 3166-3 code of a former state, a placeholder
    code of the reference (XNC, XAB, XSO, XPR, XKX) or an input alias (ROC -> TWN)."""
    ref = ref or load()
    norm = str(code).strip().upper()
    norm = ref.aliases.get(norm, norm)
    if norm not in ref.states:
        raise InputError(field, code, "an ISO 3166-1 alpha-3 code such as USA, KOR, DEU",
                         "Former states (ISO 3166-3) and other codes: "
                         + ", ".join(sorted(s.iso3 for s in ref.states.values() if s.historic or s.iso3[0] == "X"))
                         + "; aliases: " + ", ".join(f"{a} = {c}" for a, c in sorted(ref.aliases.items())))
    return norm


def treaty(treaty_id: str, ref: Reference | None = None) -> Treaty:
    ref = ref or load()
    key = str(treaty_id).strip().upper()
    if key not in ref.treaties:
        raise NotFoundError(f"treaty {treaty_id!r} is not known; known treaties: {', '.join(sorted(ref.treaties))}")
    return ref.treaties[key]


def treaties_of(state: str, on: str | dt.date, ref: Reference | None = None) -> list[Treaty]:
    """The treaties ``state`` is a party to (status 'party', not contested) on a date."""
    ref = ref or load()
    code, day = state_code(state, ref), parse_date(on)
    return [t for t in ref.treaties.values() if code in t.parties_on(day)]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text if ch.isalnum())


def _names(o: Official) -> list[str]:
    return [o.name, o.native_name, *o.aliases]


def find_officials(query: str, ref: Reference | None = None) -> list[Official]:
    """Officials whose name, native name or alias matches ``query`` in any script.

    Matching ignores case, accents, spaces and hyphens ("ahn kyu back" finds the alias "Ahn Kyu-back").
    """
    ref = ref or load()
    q = _fold(query)
    if not q:
        raise InputError("query", query, "a name or part of a name")
    hits = [o for o in ref.officials if any(q in _fold(n) for n in _names(o) if n)]
    return sorted(hits, key=lambda o: (o.name, o.start))
