"""Pure types of the news pipeline: spans into a text, mentions, dates, events, pledges and documents.

Every annotation carries character offsets into ``Document.text`` (the text as read, title line
included), so ``doc.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

EVENT_TYPES: tuple[str, ...] = ("visit", "meeting", "forum", "statement", "announcement")
EVENT_STATUSES: tuple[str, ...] = ("planned", "occurred", "cancelled")
MENTION_KINDS: tuple[str, ...] = (
    "person",
    "organization",
    "forum",
    "place",
    "state",
    "title",
    "alliance",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the document text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text linked to the reference model (``id`` empty when not linked).

    ``kind`` is one of MENTION_KINDS; ``country`` is the ISO3 code the thing belongs to (a person's
    state, a place's state, the state itself); ``role`` is an official's role or a title's meaning.
    """

    span: Span
    kind: str
    id: str
    name: str
    country: str = ""
    role: str = ""
    lat: float | None = None
    lon: float | None = None
    place_kind: str = ""  # for places: country, city, us_state, place (authored), region
    source: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved to a day or a range of days (``start``/``end`` None if unresolved)."""

    span: Span
    start: dt.date | None
    end: dt.date | None
    inferred: bool = False
    precision: str = "day"  # day | week | month | year | relative-year
    year: int | None = None  # for year-level expressions ("by 2035", "next year")


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organization
    country: str = ""


@dataclass(frozen=True, slots=True)
class PlaceRef:
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None
    id: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class DateRange:
    start: dt.date
    end: dt.date
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class ForumRef:
    id: str
    name: str


@dataclass
class Cues:
    """How an event candidate was found in its document (read by the in-document merge and the scope rules).

    ``lead``: told in the title or the first paragraph; ``dated``: its own clause gives a day; ``stop``: a
    country-level stop of a trip; ``reference``: refers to an event told elsewhere ("their talks", "ahead of
    the summit") and only joins it; ``purpose``: the stated purpose of a trip ("for talks"), not an event of
    its own; ``anonymous``: has no participants of its own; ``joint``: the hosts go along; ``defense``: its
    words name defense officials though it names no one ("the two defense ministers' talks"); ``certainty``:
    how firmly the status was read
    (0 default, 1 tense, 2 a date against the reference day, 3 the text says it was called off).
    """

    lead: bool = False
    dated: bool = False
    stop: bool = False
    reference: bool = False
    purpose: bool = False
    anonymous: bool = False
    joint: bool = False  # a visit the hosts go along on (a site such as a ministry, with the visitor)
    defense: bool = False
    certainty: int = 0

    def join(self, other: Cues) -> None:
        for name in ("lead", "dated", "stop", "reference", "purpose", "anonymous", "joint", "defense"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        self.certainty = max(self.certainty, other.certainty)


@dataclass
class Event:
    """One defense-diplomacy event (GUIDELINES §4-6) with the sentences it came from."""

    type: str
    actors: list[Actor] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    place: PlaceRef | None = None
    date: DateRange | None = None
    forum: ForumRef | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "occurred"
    evidence: list[Span] = field(default_factory=list)
    order: tuple[int, int, int] = (0, 0, 0)  # position for ordering: (-list length, list offset, index)
    cues: Cues = field(default_factory=Cues)


@dataclass
class Pledge:
    """A commitment, plan, target, proposal or adopted budget for future defense spending (§7)."""

    country: str
    what: str
    value: float | None = None
    unit: str | None = None
    by: int | None = None
    by_inferred: bool = False
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Document:
    """A document as it moves through the pipeline; each stage fills what it declares it assigns."""

    name: str
    text: str = ""
    path: str = ""
    language: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    fetched: str | None = None  # when an archive fetched the page (WARC-Date), as it says it
    position: int | None = None  # where in its file: the line of a JSONL export, the record offset in a WARC
    title_is_text: bool = True
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    reference_day: dt.date | None = None  # the day relative dates are resolved against (stage ``dates``)
    reference_inferred: bool = False  # the reference day is not the publication date (a dateline, a caption)
    dateline: PlaceRef | None = None  # where the report was filed from ("PANAMA CITY — ...")
    candidates: list[Event] = field(default_factory=list)  # event candidates before the in-document merge
    durations: list[int] = field(default_factory=list)  # trip lengths in days the text states
    error: str | None = None
    reason: str | None = None  # why a readable document yields nothing (e.g. unsupported language)
    done: list[str] = field(default_factory=list)  # names of the stages that ran

    @property
    def ok(self) -> bool:
        return self.error is None and self.reason is None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])
