"""Publishers' country names to ISO 3166-1 alpha-3: country_converter, plus explicit overrides.

country_converter (``cc``) recognises most spellings ("Korea, South", "Congo, DR", "Türkiye"). The
overrides below exist where it would merge a historic entity into its successor (it maps
"Czechoslovakia" to CZE and "Yemen, North" to YEM) or does not know a name; each names its source.
Aggregates that are not countries are listed so importers can drop them deliberately. A name that
resolves to nothing is an error listing every such name; two names resolving to one code in one table
are an error too (an entity is never silently merged into another).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

from allied.model import DataImportError

HISTORIC_SOURCE = "src/allied/reference/data/states.toml (historic ids); shared/data/PROVENANCE.md §1"

# name (case-folded) -> (iso3, source)
OVERRIDES: dict[str, tuple[str, str]] = {
    "ussr": ("SUN", HISTORIC_SOURCE + " (SIPRI row 'USSR')"),
    "german democratic republic": ("DDR", HISTORIC_SOURCE + " (SIPRI row 'German Democratic Republic')"),
    "yugoslavia": ("YUG", HISTORIC_SOURCE + " (SIPRI row 'Yugoslavia')"),
    "czechoslovakia": ("CSK", HISTORIC_SOURCE + " (SIPRI row 'Czechoslovakia'; cc would give CZE)"),
    "yemen, north": ("YAR", HISTORIC_SOURCE + " (SIPRI row 'Yemen, North'; cc would give YEM)"),
    "kosovo": ("XKX", "World Bank WDI country code for Kosovo (shared/data/worldbank/*.csv)"),
}

# Rows that are aggregates, not countries: dropped by importers on purpose.
AGGREGATES: dict[str, str] = {
    "european union": "SIPRI aggregate row inside Western Europe (shared/data/PROVENANCE.md §1)",
    "nato europe and canada": "NATO aggregate row (shared/data/PROVENANCE.md §2)",
    "nato total": "NATO aggregate row (shared/data/PROVENANCE.md §2)",
}


def is_aggregate(name: str) -> bool:
    return clean(name).casefold() in AGGREGATES


def clean(name: str) -> str:
    """A publisher's name without footnote stars, currency in parentheses or extra spaces."""
    text = str(name).replace("\xa0", " ")
    if "(" in text:
        text = text[: text.index("(")]
    return " ".join(text.replace("*", " ").split())


@functools.lru_cache(maxsize=1)
def _converter() -> tuple[object, dict[str, str]]:
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    cc = coco.CountryConverter()
    exact: dict[str, str] = {}
    for column in ("name_short", "name_official"):
        for name, iso3 in zip(cc.data[column], cc.data["ISO3"], strict=True):
            exact.setdefault(str(name).casefold(), str(iso3))
    return cc, exact


@functools.lru_cache(maxsize=4096)
def lookup(name: str) -> str | None:
    """ISO3 for one publisher name, or None when neither the overrides nor country_converter know it."""
    key = clean(name).casefold()
    if key in OVERRIDES:
        return OVERRIDES[key][0]
    cc, exact = _converter()
    if key in exact:
        return exact[key]
    found = cc.convert(clean(name), to="ISO3", not_found=None)  # type: ignore[attr-defined]
    if isinstance(found, str) and found != clean(name) and len(found) == 3:
        return found
    return None


def resolve(names: Iterable[str], file: str) -> dict[str, str]:
    """Map every (non-aggregate) name to ISO3; unknown names or two names on one code raise."""
    out: dict[str, str] = {}
    unknown: list[str] = []
    for name in dict.fromkeys(names):
        if is_aggregate(name):
            continue
        code = lookup(name)
        if code is None:
            unknown.append(name)
        else:
            out[name] = code
    if unknown:
        raise DataImportError(
            file, f"unknown country names: {', '.join(repr(n) for n in unknown)} (no ISO3 code found by "
            "country_converter nor in allied.figures.countries.OVERRIDES)"
        )
    _check_unique(out, file)
    return out


def _check_unique(mapping: dict[str, str], file: str) -> None:
    seen: dict[str, str] = {}
    for name, code in mapping.items():
        if code in seen and clean(seen[code]) != clean(name):
            raise DataImportError(
                file, f"{seen[code]!r} and {name!r} both map to {code}; refusing to merge two entities"
            )
        seen[code] = name
