"""Result types of the public API: plain lists and dicts (JSON-ready, as before) that also turn into a
pandas DataFrame with documented columns (``allied docs`` lists each column's unit and meaning)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Rows(list[dict[str, Any]]):
    """Result rows, one dict per row; ``to_pandas()`` gives a DataFrame with the columns in ``columns``
    first (in that order), then any other field the rows carry."""

    columns: tuple[str, ...] = ()

    def __init__(self, rows: Any = (), columns: tuple[str, ...] = (),
                 flat: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
        super().__init__(rows)
        self.columns = columns
        self.flat = flat  # nested records (events, stops) to one row of plain columns each

    def to_pandas(self) -> Any:
        import pandas as pd

        rows = [self.flat(r) for r in self] if self.flat is not None else list(self)
        seen = list(self.columns)
        for r in rows:
            seen.extend(k for k in r if k not in seen)
        return pd.DataFrame(rows, columns=seen)


class Result(dict[str, Any]):
    """One result document; ``to_pandas()`` gives its table (the rows under ``table``, e.g. a path's
    years) as a DataFrame, or the document as one row when it has no table."""

    table: str = ""

    def __init__(self, doc: Any = (), table: str = "") -> None:
        super().__init__(doc)
        self.table = table

    def to_pandas(self) -> Any:
        import pandas as pd

        if self.table:
            return pd.DataFrame(list(self[self.table]))
        return pd.DataFrame([dict(self)])
