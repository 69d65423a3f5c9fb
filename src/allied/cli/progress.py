"""A progress bar for long ingests (rich, on stderr): documents read, documents/s, kept by the filter."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class IngestProgress:
    """``with IngestProgress() as bar: ... on_batch=bar.update``; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.fields[read]:>9,} read  {task.fields[rate]:>7.1f} docs/s  {task.fields[kept]:>8,} kept"),
            TextColumn("{task.fields[stored]:>8,} stored  {task.fields[events]:>8,} new events"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
            disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("ingest", total=None, read=0, rate=0.0, kept=0, stored=0, events=0)

    def __enter__(self) -> IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.stop()

    def update(self, tally: Any) -> None:
        self.progress.update(
            self.task,
            read=tally.read,
            rate=tally.rate(),
            kept=tally.kept,
            stored=tally.stored,
            events=tally.new_events,
        )
