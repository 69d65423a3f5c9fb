"""One definition of "the same event": the typed predicate, its candidate keys and its SQL twin agree."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from allied.model import Actor, DateRange, Event, ForumRef, PlaceRef
from allied.news.identity import candidate_keys, containment, same_event
from allied.news.rows import EVENTS, event_row
from allied.news.store import same_event_sql

PEOPLE = [Actor(f"person:p{i}", f"P{i}", "person") for i in range(4)]
ORGS = [Actor(f"org:o{i}", f"O{i}", "organization") for i in range(2)]
INSIDE, OUTSIDE = next(iter(containment().items()))
PLACES = [
    PlaceRef("Tokyo", "JPN", id="place:tokyo", kind="city"),
    PlaceRef("Japan", "JPN", id="state:JPN", kind="country"),
    PlaceRef("Seoul", "KOR", id="place:seoul", kind="city"),
    PlaceRef("Korea", "KOR", id="state:KOR", kind="country"),
    PlaceRef("Panmunjom", "KOR", id=INSIDE, kind="place"),
    PlaceRef("DMZ", "KOR", id=OUTSIDE, kind="region"),
    PlaceRef("Tokyo", "JPN", id="", kind=""),
]
FORUMS = [ForumRef("forum:scm", "SCM"), ForumRef("forum:mcm", "MCM")]
DAY = dt.date(2026, 3, 1)


@st.composite
def events(draw: st.DrawFn) -> Event:
    start = draw(st.none() | st.integers(0, 6))
    date = (
        None
        if start is None
        else DateRange(DAY + dt.timedelta(start), DAY + dt.timedelta(start + draw(st.integers(0, 2))))
    )
    return Event(
        type=draw(st.sampled_from(["visit", "meeting", "forum", "statement", "announcement"])),
        actors=draw(st.lists(st.sampled_from(PEOPLE + ORGS), max_size=3, unique=True)),
        countries=["JPN"],
        place=draw(st.none() | st.sampled_from(PLACES)),
        date=date,
        forum=draw(st.none() | st.sampled_from(FORUMS)),
    )


def _sql_same(pairs: list[tuple[Event, Event]]) -> list[bool]:
    rows = []
    for i, (a, b) in enumerate(pairs):
        rows.append({**event_row("a", i, a)})
        rows.append({**event_row("b", i, b)})
    table = pa.Table.from_pylist(rows, schema=EVENTS)
    con = duckdb.connect()
    con.register("t", table)
    found = dict(
        con.execute(
            f"SELECT a.seq, {same_event_sql('a', 'b')} FROM t a JOIN t b ON a.seq = b.seq "
            "WHERE a.doc_key = 'a' AND b.doc_key = 'b'"
        ).fetchall()
    )
    return [bool(found[i]) for i in range(len(pairs))]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(events(), events()), min_size=1, max_size=30))
def test_sql_and_python_agree_and_keys_block_nothing_away(pairs: list[tuple[Event, Event]]) -> None:
    python = [same_event(a, b) for a, b in pairs]
    assert _sql_same(pairs) == python
    for (a, b), same in zip(pairs, python, strict=True):
        assert same == same_event(b, a)  # symmetric
        if same:
            assert candidate_keys(a) & candidate_keys(b)


def test_the_cases_of_the_definition() -> None:
    hegseth, ahn, marles = PEOPLE[0], PEOPLE[1], PEOPLE[2]
    day = DateRange(DAY, DAY)
    visit = Event("visit", [hegseth], place=PLACES[0], date=day)
    assert same_event(visit, Event("visit", [hegseth, ahn], place=PLACES[1]))  # a city of a country-level stop
    assert not same_event(visit, Event("visit", [hegseth], place=PLACES[2], date=day))  # elsewhere
    assert not same_event(visit, Event("visit", [ahn], place=PLACES[0], date=day))  # someone else
    assert same_event(Event("visit", [hegseth], place=PLACES[4]), Event("visit", [hegseth], place=PLACES[5]))
    talks = Event("meeting", [hegseth, ahn], date=day)
    assert same_event(talks, Event("meeting", [ahn, hegseth]))
    assert not same_event(talks, Event("meeting", [hegseth, ahn, marles]))
    assert same_event(Event("meeting", [hegseth], forum=FORUMS[0]), Event("meeting", [hegseth, ahn], forum=FORUMS[0]))
    assert same_event(Event("forum", [], forum=FORUMS[1]), Event("forum", [ahn], forum=FORUMS[1]))
    said = Event("statement", [hegseth], date=day)
    assert same_event(said, Event("statement", [hegseth, ahn], date=day))
    assert not same_event(said, Event("statement", [hegseth]))  # an undated statement is not that one
    assert candidate_keys(Event("meeting", [ORGS[0]])) == set()
    assert _sql_same([(visit, Event("visit", [hegseth, ahn], place=PLACES[1])), (said, talks)]) == [True, False]
