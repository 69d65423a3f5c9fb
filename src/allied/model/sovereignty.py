"""Pure types of dated sovereignty: who held and who administered a territory over a period, and which
states a dated attribute (a communist party in sole power) applied to. Dates stay as the reference gives
them (YYYY, YYYY-MM or YYYY-MM-DD); a partial date is a span, so a day inside it is only 'maybe' covered."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

TERRITORY_STATUSES = ("sovereign", "dependency", "occupied", "administered", "de_facto", "contested", "state_part")


def first_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


@dataclass(frozen=True, slots=True)
class Span:
    """A period with a start (inclusive) and an end (exclusive: the day the next fact starts); '' = open."""

    start: str
    end: str

    def covers(self, day: dt.date) -> str:
        """'yes', 'maybe' (the day falls within a partial date at either end) or 'no'."""
        lo = first_day(self.start) if self.start else dt.date.min
        hi = last_day(self.start) if self.start else dt.date.min
        if self.end:
            stop_certain = first_day(self.end) if len(self.end) < 10 else dt.date.fromisoformat(self.end)
            stop_maybe = last_day(self.end) + dt.timedelta(days=1) if len(self.end) < 10 else stop_certain
        else:
            stop_certain = stop_maybe = dt.date.max
        if hi <= day < stop_certain:
            return "yes"
        return "maybe" if lo <= day < stop_maybe else "no"


@dataclass(frozen=True, slots=True)
class TerritoryPeriod:
    """One row of shared/reference/sovereignty.csv: a territory's sovereign and administrators over a period."""

    territory: str
    iso3_now: str
    lat: float | None
    lon: float | None
    sovereign: str
    administrators: tuple[str, ...]
    span: Span
    status: str
    claimants: tuple[str, ...]
    source: str
    notes: str

    @property
    def site(self) -> str:
        """The place the representative point stands for ('[coords: Tallinn]' in the notes)."""
        mark = self.notes.rfind("[coords: ")
        return self.notes[mark + 9:].rstrip("]").strip() if mark >= 0 else ""

    def facts(self) -> tuple[str, tuple[str, ...], str]:
        return self.sovereign, self.administrators, self.status


@dataclass(frozen=True, slots=True)
class Regime:
    """A dated attribute of a state (regimes.csv), e.g. one-party rule by a communist party."""

    state: str
    attribute: str
    span: Span
    source: str
    notes: str
