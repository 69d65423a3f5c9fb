"""Pure types of the reference model: states, treaties and their clauses, officials, forums, places."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Obligation strengths, strongest first (treaties.md section 0).
STRENGTHS: tuple[str, ...] = (
    "automatic_assistance",
    "assist_as_deemed_necessary",
    "act_per_constitutional_processes",
    "consult",
)
ATTACK_KINDS: tuple[str, ...] = ("territory", "vessel", "aircraft", "forces")


@dataclass(frozen=True, slots=True)
class State:
    """A state: ISO 3166-1 alpha-3 code (or an allied id for a historic entity), names by language."""

    iso3: str
    name: str
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple[str, ...] = field(default=(), hash=False, compare=False)  # ISO 3166 official/common names
    cow_code: int | None = None
    iso2: str | None = None
    historic: bool = False
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    source: str = ""

    def name_in(self, lang: str) -> str:
        return self.names.get(lang, self.name)


@dataclass(frozen=True, slots=True)
class Party:
    """A state's membership in a treaty for one period; ``status`` is 'party' or 'contested'."""

    state: str
    start: dt.date
    end: dt.date | None = None
    status: str = "party"
    note: str = ""
    source: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Suspension:
    """Obligations of ``obligor`` towards ``beneficiary`` suspended (or made contested) from a date."""

    obligor: str
    beneficiary: str
    start: dt.date
    end: dt.date | None = None
    effect: str = "suspended"  # or "contested"
    note: str = ""
    source: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Clause:
    """An operative clause as data: what triggers it, where, how strongly, on what conditions."""

    treaty: str
    article: str
    strength: str
    trigger: str
    scope: tuple[str, ...]
    kinds: tuple[str, ...]
    quote: str
    source: str
    conditions: tuple[str, ...] = ()
    verified: bool = True
    note: str = ""
    kinds_note: str = ""  # why a kind of attack (a vessel) is not covered


@dataclass(frozen=True, slots=True)
class Scope:
    """A named geographic scope used by clauses (e.g. 'the Pacific area'), interpreted by the engine."""

    id: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Treaty:
    """A treaty: its dates, its parties in time, suspensions between parties, and its operative clauses."""

    id: str
    name: str
    signed: dt.date
    in_force: dt.date
    parties: tuple[Party, ...]
    clauses: tuple[Clause, ...]
    source: str
    terminated: dt.date | None = None
    suspensions: tuple[Suspension, ...] = ()
    notes: str = ""

    def in_force_on(self, on: dt.date) -> bool:
        return self.in_force <= on and (self.terminated is None or on < self.terminated)

    def parties_on(self, on: dt.date, status: str = "party") -> list[str]:
        if not self.in_force_on(on):
            return []
        return sorted({p.state for p in self.parties if p.status == status and p.covers(on)})


@dataclass(frozen=True, slots=True)
class Official:
    """One tenure of one person in one role; dates may be partial ('2022-12', '2018')."""

    id: str
    name: str
    country: str
    role: str
    organization: str
    start: str
    end: str
    source: str
    aliases: tuple[str, ...] = ()
    native_name: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    kind: str
    country: str
    source: str
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Forum:
    id: str
    name: str
    participants: tuple[str, ...]
    cadence: str
    first_held: str
    editions: tuple[str, ...]
    source: str
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str
    country: str
    source: str
    lat: float | None = None
    lon: float | None = None
    claimants: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    aliases_unverified: tuple[str, ...] = ()
    notes: str = ""
