"""States: ISO 3166-1 from pycountry, names from CLDR (babel), historic entities from states.toml."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allied.model import ReferenceDataError, State

if TYPE_CHECKING:
    from babel import Locale

# pycountry and babel are imported where states are built: a process that reads the reference from allied's
# cache (every one but the first of a version) never needs them
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "ko", "ja", "zh")
ISO_SOURCE = "ISO 3166-1 via pycountry {v}; names: Unicode CLDR via babel {b}"


def _locales() -> dict[str, Locale]:
    from babel import Locale

    return {lang: Locale.parse(lang) for lang in LANGUAGES}


def _cldr_names(iso2: str | None, fallback: str, locales: dict[str, Locale]) -> dict[str, str]:
    names = {}
    for lang, loc in locales.items():
        name = loc.territories.get(iso2 or "", "") if iso2 else ""
        names[lang] = name or fallback
    return names


def current_states() -> list[State]:
    import babel
    import pycountry

    locales = _locales()
    source = ISO_SOURCE.format(v=getattr(pycountry, "__version__", "?"), b=babel.__version__)
    out = []
    for c in pycountry.countries:
        names = _cldr_names(c.alpha_2, getattr(c, "common_name", c.name), locales)
        iso_names = {getattr(c, "official_name", ""), getattr(c, "common_name", ""), c.name}
        aliases = tuple(sorted(n for n in iso_names if n and n != names["en"]))  # "Czech Republic" for Czechia
        out.append(
            State(iso3=c.alpha_3, iso2=c.alpha_2, name=names["en"], names=names, aliases=aliases, source=source)
        )
    return out


def historic_states(path: Path, data: dict[str, Any]) -> list[State]:
    import pycountry

    out = []
    historic = {c.alpha_3: c for c in pycountry.historic_countries}
    for code in data.get("iso3166_3", []):
        c = historic.get(code)
        if c is None:
            raise ReferenceDataError(path.name, f"iso3166_3 entry {code!r}", "not an ISO 3166-3 code in pycountry")
        until = _withdrawal(getattr(c, "withdrawal_date", ""))
        out.append(
            State(iso3=code, name=c.name, names={"en": c.name}, historic=True, valid_until=until,
                  source="ISO 3166-3 via pycountry (valid_until = code withdrawal date)")
        )
    for i, row in enumerate(data.get("state", []), start=1):
        where = f"state #{i} ({row.get('iso3', '?')})"
        if not row.get("source"):
            raise ReferenceDataError(path.name, where, "missing source")
        out.append(
            State(iso3=row["iso3"], name=row["name"], names={"en": row["name"]},
                  historic=not row.get("placeholder", False), valid_until=row.get("valid_until"),
                  source=row["source"])
        )
    return out


def load_aliases(path: Path, states: dict[str, State]) -> dict[str, str]:
    """Input-only aliases (ROC -> TWN): accepted where a code is read, never written out."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = {}
    for i, row in enumerate(data.get("alias", []), start=1):
        where = f"alias #{i} ({row.get('code', '?')})"
        if not row.get("source"):
            raise ReferenceDataError(path.name, where, "missing source")
        if row.get("state") not in states:
            raise ReferenceDataError(path.name, where, f"state {row.get('state')!r} is not a known state code")
        if row["code"] in states:
            raise ReferenceDataError(path.name, where, "an alias must not be a state code itself")
        out[row["code"]] = row["state"]
    return out


def _withdrawal(value: str) -> dt.date | None:
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    if len(value) == 4:
        return dt.date(int(value), 12, 31)
    return None


def load_states(path: Path) -> dict[str, State]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    states = {s.iso3: s for s in current_states()}
    for s in historic_states(path, data):
        if s.iso3 in states:
            raise ReferenceDataError(path.name, s.iso3, "historic id collides with a current ISO 3166-1 code")
        states[s.iso3] = s
    return states
