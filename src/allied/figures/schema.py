"""The figures engine's tables: country-year values from official releases, footnotes, ATOP members.

Every value row carries the dataset it came from, the publisher's release, the unit it is published in
and the name the publisher used; ``flags`` keeps the publisher's marks (SIPRI footnote symbols, NATO
estimate years, missing-value markers), so a null value always says why it is null.
"""

from __future__ import annotations

import duckdb

from allied.store import migrate

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS figure_values (
        dataset   VARCHAR NOT NULL,    -- 'sipri', 'nato', 'worldbank:NY.GDP.MKTP.CD', 'nmc'
        indicator VARCHAR NOT NULL,    -- 'milex_usd', 'milex_gdp', 'gdp_usd', 'cinc', ...
        iso3      VARCHAR NOT NULL,    -- ISO 3166-1 alpha-3, or an allied id for a historic entity
        year      INTEGER NOT NULL,
        value     DOUBLE,              -- null: see flags ('unavailable', 'not_independent', 'missing')
        unit      VARCHAR NOT NULL,    -- as published: 'US$ m', 'fraction', 'percent', ...
        flags     VARCHAR[] NOT NULL,
        name      VARCHAR NOT NULL,    -- the country name (or code) as the publisher wrote it
        source    VARCHAR NOT NULL,
        release   VARCHAR NOT NULL
        -- one row per (dataset, indicator, iso3, year): checked on import (an index would make imports
        -- four times slower, see bench/bench_import.py)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS figure_notes (
        dataset VARCHAR NOT NULL,
        mark    VARCHAR NOT NULL,      -- a footnote symbol ('§') or number ('16')
        text    VARCHAR NOT NULL,
        PRIMARY KEY (dataset, mark)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS atop_members (
        atopid   INTEGER NOT NULL,
        member   INTEGER NOT NULL,     -- COW state code, as ATOP publishes it
        phase    INTEGER NOT NULL,
        yrent    INTEGER NOT NULL,
        moent    INTEGER,
        dayent   INTEGER,
        yrexit   INTEGER NOT NULL,     -- 0: still in effect at the end of ATOP's coverage
        moexit   INTEGER,
        dayexit  INTEGER,
        defense  INTEGER,
        offense  INTEGER,
        neutral  INTEGER,
        nonagg   INTEGER,
        consul   INTEGER,
        bilat    INTEGER,
        asymm    INTEGER,
        provisions VARCHAR NOT NULL,   -- every column of the row, as JSON
        release  VARCHAR NOT NULL,
        PRIMARY KEY (atopid, member, phase, yrent)
    )
    """,
)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create or upgrade the figures tables."""
    migrate(con, "figures", MIGRATIONS)
