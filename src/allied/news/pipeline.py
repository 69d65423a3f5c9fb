"""The news pipeline: a list of named stages, each ``Document -> Document``, declaring what it requires
and what it assigns (after spaCy's components). ``Pipeline.run`` checks the declarations, records which
stages ran, and turns an unexpected failure into that document's error, so one bad document never stops
a batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from allied.model import Document
from allied.news import dates, events, language, mentions, merge, pledges, sentences, topics
from allied.news.arguments import is_defense
from allied.news.lexicon import Lexicon, lexicons, supported_languages
from allied.news.names import index_for
from allied.reference import Reference, load


@dataclass
class Context:
    """What the stages share: the reference model, the lexicons and the name indexes (built once)."""

    ref: Reference = field(default_factory=load)

    def lexicon(self, lang: str) -> Lexicon:
        return lexicons()[lang]

    def index(self, lang: str):  # type: ignore[no-untyped-def]
        return index_for(lang, self.ref)


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Document, Context], None]

    def __call__(self, doc: Document, ctx: Context) -> Document:
        missing = [r for r in self.requires if r not in doc.done]
        if missing:
            raise RuntimeError(f"stage {self.name!r} needs {', '.join(missing)} to run first")
        self.func(doc, ctx)
        doc.done.append(self.name)
        return doc


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
    doc.sentences = sentences.split(doc.text, doc.language or "en")


def _mentions(doc: Document, ctx: Context) -> None:
    lang = doc.language or "en"
    day = doc.published
    doc.mentions = mentions.find_mentions(doc, ctx.lexicon(lang), ctx.index(lang), day)


def _dates(doc: Document, ctx: Context) -> None:
    doc.dates = dates.find_dates(doc, ctx.lexicon(doc.language or "en"))


def _events(doc: Document, ctx: Context) -> None:
    lang = doc.language or "en"
    doc.meta["candidates"] = events.extract(doc, ctx.lexicon(lang), ctx.index(lang))


def _merge(doc: Document, ctx: Context) -> None:
    doc.events = merge.merge_document(doc.meta.pop("candidates", []), doc.meta.get("durations", []))


def _topics(doc: Document, ctx: Context) -> None:
    topics.assign_topics(doc, ctx.lexicon(doc.language or "en"), doc.events)


def _scope(doc: Document, ctx: Context) -> None:
    defense = {m.id for m in doc.mentions if m.id and is_defense(m.role)}
    doc.events = merge.scope(doc, ctx.lexicon(doc.language or "en"), doc.events, defense)


def _pledges(doc: Document, ctx: Context) -> None:
    doc.pledges = pledges.find_pledges(doc, ctx.lexicon(doc.language or "en"))


STAGES: tuple[Stage, ...] = (
    Stage("language", (), ("language",), _language),
    Stage("sentences", ("language",), ("sentences",), _sentences),
    Stage("mentions", ("sentences",), ("mentions",), _mentions),
    Stage("dates", ("sentences",), ("dates",), _dates),
    Stage("events", ("mentions", "dates"), ("candidates",), _events),
    Stage("merge", ("events",), ("events",), _merge),
    Stage("topics", ("merge",), ("topics",), _topics),
    Stage("scope", ("topics",), ("events",), _scope),
    Stage("pledges", ("mentions", "dates"), ("pledges",), _pledges),
)


@dataclass
class Pipeline:
    stages: tuple[Stage, ...] = STAGES
    ctx: Context = field(default_factory=Context)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, doc: Document) -> Document:
        for stage in self.stages:
            if not doc.ok:
                break
            try:
                stage(doc, self.ctx)
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


def reference_day(doc: Document) -> dt.date | None:
    value = doc.meta.get("reference_day")
    return value if isinstance(value, dt.date) else None
