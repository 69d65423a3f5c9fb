"""Pure types of the obligations engine: an attack, where it falls, and who is bound, contested or pending."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Attack:
    """A hypothetical armed attack; ``attacker`` None means an unspecified third state."""

    attacker: str | None
    target: str | None
    date: dt.date
    kind: str = "territory"
    lat: float | None = None
    lon: float | None = None
    place: str = ""
    conditions: tuple[tuple[str, bool], ...] = ()  # what the scenario states (obligations/conditions.py)
    id: str = ""

    def stated(self, name: str) -> bool | None:
        """The scenario's value of a condition, or None where it says nothing."""
        return dict(self.conditions).get(name)


@dataclass(frozen=True, slots=True)
class TerritoryContest:
    """A state whose obligation under one treaty is contested at one place (e.g. the USA for Dokdo)."""

    treaty: str
    state: str
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class Territory:
    """Whose territory a point is: ``status`` is 'state', 'disputed', 'sea' or 'unknown'; ``standing`` is the
    reference's own status (sovereign, dependency, occupied, administered, de_facto, contested, state_part);
    ``dated`` says whether a dated fact of the reference decided it (else today's map)."""

    status: str
    sovereign: str = ""
    administrator: str = ""
    entity: str = ""
    name: str = ""
    metropolitan: bool = False
    eu: str = ""
    claimants: tuple[str, ...] = ()
    contests: tuple[TerritoryContest, ...] = ()
    basis: str = ""
    source: str = ""
    note: str = ""
    standing: str = ""
    administrators: tuple[str, ...] = ()
    dated: bool = False

    def holder(self) -> str:
        """The state that administers the point (or, failing that, holds sovereignty); '' if none."""
        return self.administrator or self.sovereign


@dataclass(frozen=True, slots=True)
class Where:
    """What the geography says about a point on a date: its territory, land or sea, and treaty regions."""

    territory: Territory
    at_sea: bool
    regions: frozenset[str] = field(default_factory=frozenset)
    evidence: tuple[str, ...] = ()  # how the point and its territory were resolved, step by step


@dataclass(frozen=True, slots=True)
class Obligation:
    """One (state, treaty) entry: the strongest applicable article and why it applies."""

    state: str
    treaty: str
    article: str
    strength: str
    reason: str
    quote: str
    verified: bool
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Contested:
    state: str
    treaty: str
    reason: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Conditional:
    """An obligation that applies only if a condition the scenario does not state holds (e.g. a request)."""

    state: str
    treaty: str
    article: str
    strength: str
    condition: str
    reason: str


@dataclass(frozen=True, slots=True)
class CascadeRound:
    """States first bound in one cascade round, and whose homelands were struck to bind them."""

    round: int
    struck: tuple[str, ...]
    obligations: tuple[Obligation, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The answer for one attack."""

    attack: Attack
    where: Where
    obligations: tuple[Obligation, ...]
    contested: tuple[Contested, ...]
    conditional: tuple[Conditional, ...] = ()
    notes: tuple[str, ...] = ()
    rounds: tuple[CascadeRound, ...] = ()
