"""Small pieces shared by the event rules: actors from mentions, places and dates as event fields."""

from __future__ import annotations

import re
from functools import lru_cache

from allied.model import Actor, DateMention, DateRange, Mention, PlaceRef
from allied.news.lexicon import canonical
from allied.news.names import NameIndex


def actor(m: Mention) -> Actor:
    return Actor(m.id, m.name, "person" if m.kind == "person" else "organization", m.country)


def is_defense(role: str) -> bool:
    """A role or title class that makes its holder a defense or military official or body."""
    classes = ("defense", "military", "ministry", "command", "alliance")
    return bool(_defense_role().search(role or "")) or role in classes


@lru_cache(maxsize=1)
def _defense_role() -> re.Pattern[str]:
    """Words of the reference's role descriptions that make an office a defense or military one."""
    words = canonical()["defense_roles"]["words"]
    return re.compile("|".join(re.escape(w) for w in words), re.I)


def unique_actors(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def date_range(d: DateMention | None) -> DateRange | None:
    if d is None or d.start is None or d.end is None:
        return None
    return DateRange(d.start, d.end, d.inferred)


def place_ref(m: Mention) -> PlaceRef:
    return PlaceRef(m.name, m.country, m.lat, m.lon, m.id, m.place_kind)


def bilateral(index: NameIndex, forum_id: str) -> bool:
    f = index.forums.get(forum_id)
    return bool(f and 2 <= len(f.participants) <= 3 and all(re.fullmatch(r"[A-Z]{3}", p) for p in f.participants))
