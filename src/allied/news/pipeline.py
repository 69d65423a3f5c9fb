"""The news pipeline: a list of named stages, each ``Document -> Document``, declaring what it requires
and what it assigns (after spaCy's components). ``Pipeline.run`` checks the declarations, records which
stages ran, and turns an unexpected failure into that document's error, so one bad document never stops
a batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from allied.model import Document
from allied.news import datelines, dates, events, language, mentions, merge, pledges, sentences, topics
from allied.news.arguments import is_defense
from allied.news.lexicon import Lexicon, lexicons, supported_languages
from allied.news.names import index_for
from allied.reference import Reference, load


@dataclass
class Context:
    """What the stages share: the reference model, the lexicons and the name indexes (built once)."""

    ref: Reference = field(default_factory=load)
    _defense: dict[str, tuple[object, frozenset[str]]] = field(default_factory=dict, repr=False)
    _terms: dict[str, tuple[object, dict[str, list[int]]]] = field(default_factory=dict, repr=False)

    def lexicon(self, lang: str) -> Lexicon:
        return lexicons()[lang]

    def index(self, lang: str):  # type: ignore[no-untyped-def]
        return index_for(lang, self.ref)

    def defense_officials(self, lang: str) -> frozenset[str]:
        """The ids of the name index's officials whose role is a defense one (once per index, not per document)."""
        index = self.index(lang)
        cached = self._defense.get(lang)
        if cached is None or cached[0] is not index:
            cached = (index, frozenset(e.id for e in index.officials if is_defense(e.role)))
            self._defense[lang] = cached
        return cached[1]

    def terms_of(self, lang: str, ids: set[str]) -> tuple[tuple[tuple[str, str], ...], ...]:
        """The terms in office of the index's officials with these ids, in the index's order (a look-up per
        id, not a pass over every official for each document)."""
        index = self.index(lang)
        cached = self._terms.get(lang)
        if cached is None or cached[0] is not index:
            where: dict[str, list[int]] = {}
            for i, e in enumerate(index.officials):
                where.setdefault(e.id, []).append(i)
            cached = (index, where)
            self._terms[lang] = cached
        officials = index.officials
        return tuple(officials[i].terms for i in sorted(i for x in ids for i in cached[1].get(x, ())))


INPUTS = frozenset({"name", "text", "path", "language", "published", "url", "outlet", "title_is_text"})
FIELDS = tuple(f.name for f in dataclasses.fields(Document) if f.name not in ("done", "error", "reason"))


Picture = tuple[tuple[object, ...], tuple[int, ...]]


def _picture(get: Callable[[Document], tuple[object, ...]], doc: Document) -> Picture:
    """The objects the watched fields hold and the length of each list among them (-1 for other values)."""
    values = get(doc)
    return values, tuple(len(v) if isinstance(v, list) else -1 for v in values)


def _changed(watched: tuple[str, ...], before: Picture, after: tuple[object, ...]) -> list[str]:
    """The watched fields that changed: a list replaced, grown or shrunk, another value of another hash
    (the same object is the same value: every field but the lists holds an immutable value)."""
    out = []
    for name, a, b, n in zip(watched, before[0], after, before[1], strict=True):
        if a is b:
            if n >= 0 and len(b) != n:  # type: ignore[arg-type]
                out.append(name)
        elif n >= 0 or isinstance(b, list) or hash(a) != hash(b):
            out.append(name)
    return out


@dataclass(frozen=True)
class Stage:
    """A named step ``Document -> Document`` that declares the fields it reads and the fields it writes.

    Before it runs, every field it reads must be an input field or written by a stage that already ran;
    after it runs, no field it does not declare may have been replaced, grown or shrunk. A breach is a bug
    in the stage and becomes the document's error.
    """

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    func: Callable[[Document, Context], None]

    def __call__(self, doc: Document, ctx: Context, written: set[str] | None = None) -> Document:
        have = INPUTS | (written if written is not None else set())
        missing = [r for r in self.reads if r not in have]
        if missing:
            raise RuntimeError(f"stage {self.name!r} reads {', '.join(missing)}, which no earlier stage wrote")
        watched, get = _watch(self.writes)
        before = _picture(get, doc)
        self.func(doc, ctx)
        undeclared = _changed(watched, before, get(doc))
        if undeclared:
            raise RuntimeError(f"stage {self.name!r} changed {', '.join(undeclared)} without declaring it")
        doc.done.append(self.name)
        return doc


@lru_cache(maxsize=64)
def _watch(writes: tuple[str, ...]) -> tuple[tuple[str, ...], Callable[[Document], tuple[object, ...]]]:
    """The fields a stage that writes ``writes`` must leave alone, and a getter of their values."""
    watched = tuple(f for f in FIELDS if f not in writes)
    if len(watched) > 1:
        return watched, attrgetter(*watched)
    return watched, lambda doc: tuple(getattr(doc, f) for f in watched)


def _language(doc: Document, ctx: Context) -> None:
    if doc.language is None:
        doc.language = language.detect(doc.text)
        if doc.language is None:
            doc.reason = "language not identified: the text has too few letters"
            return
    doc.language = doc.language.lower()[:2]
    if doc.language not in supported_languages():
        doc.reason = (
            f"language {doc.language!r} is not supported; supported: {', '.join(supported_languages())} "
            "(add a folder under allied/news/lang/ to support another)"
        )


def _sentences(doc: Document, ctx: Context) -> None:
    lex = ctx.lexicon(doc.language or "en")
    keys = ("percent", "scales", "year_after")  # "4,8 proc. PKB", "w 2026 r. 4,8 proc."
    abbreviations = [w for key in keys for w in lex.words("pledges", key) if w.endswith(".")]
    doc.sentences = sentences.split(doc.text, doc.language or "en", abbreviations)


def _mentions(doc: Document, ctx: Context) -> None:
    lang = doc.language or "en"
    day = doc.published
    doc.mentions = mentions.find_mentions(doc, ctx.lexicon(lang), ctx.index(lang), day)


def _dates(doc: Document, ctx: Context) -> None:
    lang = doc.language or "en"
    named = {m.id for m in doc.mentions if m.kind == "person" and m.id}
    terms = ctx.terms_of(lang, named)  # per official
    doc.dates = dates.find_dates(doc, ctx.lexicon(lang), terms)


def _dateline(doc: Document, ctx: Context) -> None:
    found = datelines.find_dateline(doc, ctx.lexicon(doc.language or "en"))
    doc.dateline = found[0] if found else None
    if found:
        doc.mentions = datelines.without_dateline_places(doc, found[1], found[2])


def _events(doc: Document, ctx: Context) -> None:
    lang = doc.language or "en"
    doc.candidates = events.extract(doc, ctx.lexicon(lang), ctx.index(lang))
    doc.durations = events.durations(doc, ctx.lexicon(lang))


def _merge(doc: Document, ctx: Context) -> None:
    known = frozenset(m.id for m in doc.mentions if m.kind == "person" and m.source)
    merged = merge.merge_document(doc.candidates, doc.durations, doc.dateline, known)
    doc.events = merge.fold_remarks(doc, ctx.lexicon(doc.language or "en"), merged)
    doc.candidates = []


def _topics(doc: Document, ctx: Context) -> None:
    topics.assign_topics(doc, ctx.lexicon(doc.language or "en"), doc.events)


def _scope(doc: Document, ctx: Context) -> None:
    defense = {m.id for m in doc.mentions if m.id and is_defense(m.role)}
    # an official a title was resolved to ("la ministre française des Armées") is one without a mention of his own
    defense |= ctx.defense_officials(doc.language or "en")
    doc.events = merge.scope(doc, ctx.lexicon(doc.language or "en"), doc.events, defense)


def _pledges(doc: Document, ctx: Context) -> None:
    doc.pledges = pledges.find_pledges(doc, ctx.lexicon(doc.language or "en"))


STAGES: tuple[Stage, ...] = (
    Stage("language", ("text",), ("language",), _language),
    Stage("sentences", ("text", "language"), ("sentences",), _sentences),
    Stage("mentions", ("sentences", "published"), ("mentions",), _mentions),
    Stage("dates", ("sentences", "mentions", "published"), ("dates", "reference_day", "reference_inferred"), _dates),
    Stage("dateline", ("sentences", "mentions"), ("dateline", "mentions"), _dateline),
    Stage("events", ("mentions", "dates", "reference_day"), ("candidates", "durations"), _events),
    Stage("merge", ("mentions", "candidates", "durations", "dateline"), ("events", "candidates"), _merge),
    Stage("topics", ("events",), ("events",), _topics),
    Stage("scope", ("events", "mentions"), ("events",), _scope),
    Stage("pledges", ("mentions", "dates", "reference_day"), ("pledges",), _pledges),
)


@dataclass
class Pipeline:
    stages: tuple[Stage, ...] = STAGES
    ctx: Context = field(default_factory=Context)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, doc: Document) -> Document:
        written: set[str] = set()
        for stage in self.stages:
            if not doc.ok:
                break
            try:
                stage(doc, self.ctx, written)
                written.update(stage.writes)
            except Exception as exc:  # one bad document never stops a batch
                doc.error = f"internal error in stage {stage.name!r}: {type(exc).__name__}: {exc}"
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self.run(doc)


_DEFAULT: list[Pipeline] = []


def default_pipeline() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(Pipeline())
    return _DEFAULT[0]
