"""Event candidates (stage ``events``): triggers from the language's lexicon, arguments attached per sentence.

Each sentence is read on its own, with a little document memory for anaphora (the current traveller
for "he"/"er"/"the defense secretary", the last pair of officials for "the two sides"/"die beiden", the
last ministry for "the ministry", the last multilateral forum for "the meeting"/"der Gipfel"). A visit
becomes one event per destination (list expansion); a meeting needs officials of two states or a bilateral
mechanism; a forum needs a multilateral gathering that convenes or has a date; announcements and
statements need a speaker. Candidates are merged, folded and filtered by ``merge``.
"""

from __future__ import annotations

import re

from allied.model import Document, Event
from allied.news import communications, gatherings, spans
from allied.news.arguments import bilateral
from allied.news.extractor import Extractor, View
from allied.news.lexicon import Lexicon
from allied.news.names import NameIndex


def read_sentence(ex: Extractor, v: View) -> list[Event]:
    """The events one sentence tells: visits, then meetings and forums, then communications, else more
    about the last event ("The two ministers agreed to ...")."""
    ex.remember(v)
    for m in v.of("forum"):
        if not bilateral(ex.index, m.id):
            ex.forum = ex.index.forums.get(m.id) or ex.forum
    ex.used_places = set()
    visits = ex.visits(v)
    sites = ex.used_places | {e.place.id for e in visits if e.place}
    named_sites = {p for p in sites if not p.startswith(("state:", "geonames:")) and len(p) != 3}
    meetings = gatherings.meetings(ex, v, named_sites)
    meetings = [e for e in meetings if not _folded_into_visit(e, visits)]
    _dates_from_visits(meetings, visits)
    forums = gatherings.forums(ex, v) + gatherings.unnamed_gatherings(ex, v)
    for f in forums:  # the gathering told last is what "the meeting" means next ("on the sidelines of the meeting")
        if f.forum is not None and f.forum.id in ex.index.forums and not bilateral(ex.index, f.forum.id):
            ex.forum = ex.index.forums[f.forum.id]
    talks = visits + meetings + forums
    found = talks + communications.communications(ex, v, talks)
    if not found:
        found = ex.agenda(v)
    ex.events += found
    ex.told(v, found)
    return found


def _dates_from_visits(meetings: list[Event], visits: list[Event]) -> None:
    """ "besucht am Samstag Seoul, wo er ... trifft": a meeting told with a dated stop happens on that day; and a
    meeting told with a stop of one of its people ("to visit Washington in January for talks with Hegseth") is
    held at that stop."""
    for m in meetings:
        if m.place is None:
            stop = next((v for v in visits if v.place and {a.id for a in v.actors} & {a.id for a in m.actors}), None)
            if stop is not None and len(visits) == 1:
                m.place = stop.place
    for m in meetings:
        if m.date is None and not (m.cues.reference or m.cues.purpose):
            stop = next((v for v in visits if v.date and {a.id for a in v.actors} & {a.id for a in m.actors}), None)
            if stop is not None:
                m.date, m.status = stop.date, stop.status
                m.cues.dated = True


def _folded_into_visit(meeting: Event, visits: list[Event]) -> bool:
    """A meeting of people who are all on the same site visit is that visit ("first met ... visiting")."""
    if meeting.forum or not meeting.actors:
        return False
    ids = {a.id for a in meeting.actors}
    return any(v.place and v.place.kind == "place" and ids <= {a.id for a in v.actors} for v in visits)


def extract(doc: Document, lex: Lexicon, index: NameIndex) -> list[Event]:
    """Event candidates of every sentence, in document order."""
    ex = Extractor(doc, lex, index, doc.reference_day or doc.published)
    lead_end = lead_end_of(doc)
    out: list[Event] = []
    mention_starts, date_starts = spans.starts(doc.mentions), spans.starts(doc.dates)
    for i, sent in enumerate(doc.sentences):
        if i == 0 and sent.start == 0 and not doc.title_is_text:
            continue
        v = View(
            sent,
            i,
            spans.between(doc.mentions, sent.start, sent.end, mention_starts),
            spans.between(doc.dates, sent.start, sent.end, date_starts),
            sent.start < lead_end,
        )
        out += read_sentence(ex, v)
    return out


def durations(doc: Document, lex: Lexicon) -> list[int]:
    """Trip lengths in days the text states ("his two-day trip", "einwöchigen Reise")."""
    days = {lex.norm(w.split(":")[0].rstrip("*")): int(w.split(":")[1]) for w in lex.words("triggers", "duration")}
    out = []
    for m in lex.find("triggers", "duration", doc.text):
        key = next((k for k in days if lex.norm(m.group()).startswith(k)), None)  # "為期兩天" is "为期两天"
        if key is not None:
            out.append(days[key])
    return out


UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def lead_end_of(doc: Document) -> int:
    """End of the lead: the title line and the first paragraph of at least eight words (in a script written
    without spaces, two Chinese characters or kana count as a word)."""
    pos = doc.text.find("\n") + 1 if "\n" in doc.text else len(doc.text)
    for line in doc.text[pos:].split("\n"):
        if max(len(line.split()), len(UNSPACED.findall(line)) // 2) >= 8:
            return pos + len(line)
        pos += len(line) + 1
    return len(doc.text)
