"""The figures engine's tables: country-year values from official releases, footnotes, ATOP members.

Every value row carries the dataset it came from, the publisher's release, the unit it is published in
and the name the publisher used; ``flags`` keeps the publisher's marks (SIPRI footnote symbols, NATO
estimate years, missing-value markers), so a null value always says why it is null.

Values are read from the view ``figure_values`` (one row per value, every column above); they are stored
as ``figure_series`` (the text a series of values shares, once), ``figure_flag_sets`` (each distinct list
of flags, once) and ``figure_points`` (series, year, value, flag set). Series and flag sets are numbered
across datasets, a dataset's with consecutive numbers, so its points are found (and deleted) by range.
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
    # v4: what many values share is stored once: a series' text (dataset, indicator, country, unit, name,
    # source, release) and each distinct list of flags; a value is four numbers. An import writes a fraction
    # of the bytes it wrote before (see bench/bench_import.py). ``figure_values`` becomes a view with the
    # columns of the table it replaces, whose rows move to the new tables.
    """
    CREATE TABLE figure_series (
        series    INTEGER NOT NULL,    -- a dataset's series have consecutive numbers
        dataset   VARCHAR NOT NULL,
        indicator VARCHAR NOT NULL,
        iso3      VARCHAR NOT NULL,
        unit      VARCHAR NOT NULL,
        name      VARCHAR NOT NULL,
        source    VARCHAR NOT NULL,
        release   VARCHAR NOT NULL
        -- one row per series, one series per (dataset, indicator, iso3, unit, name): built on import
    );
    CREATE TABLE figure_flag_sets (
        flag_set  INTEGER NOT NULL,    -- a dataset's flag sets have consecutive numbers
        dataset   VARCHAR NOT NULL,
        flags     VARCHAR[] NOT NULL
    );
    CREATE TABLE figure_points (
        series    INTEGER NOT NULL,
        year      INTEGER NOT NULL,
        value     DOUBLE,
        flag_set  INTEGER NOT NULL
        -- one row per (dataset, indicator, iso3, year): checked on import (an index would slow imports)
    );
    INSERT INTO figure_series
        SELECT (row_number() OVER (ORDER BY dataset, indicator, iso3, unit, name, source, release) - 1)::INTEGER,
               dataset, indicator, iso3, unit, name, source, release
        FROM (SELECT DISTINCT dataset, indicator, iso3, unit, name, source, release FROM figure_values);
    INSERT INTO figure_flag_sets
        SELECT (row_number() OVER (ORDER BY dataset, flags) - 1)::INTEGER, dataset, flags
        FROM (SELECT DISTINCT dataset, flags FROM figure_values);
    INSERT INTO figure_points
        SELECT s.series, v.year, v.value, f.flag_set
        FROM figure_values v
        JOIN figure_series s USING (dataset, indicator, iso3, unit, name, source, release)
        JOIN figure_flag_sets f USING (dataset, flags)
        ORDER BY s.series, v.year;
    DROP TABLE figure_values;
    CREATE VIEW figure_values AS
        SELECT s.dataset, s.indicator, s.iso3, p.year, p.value, s.unit, f.flags, s.name, s.source, s.release
        FROM figure_points p
        JOIN figure_series s ON p.series = s.series
        JOIN figure_flag_sets f ON p.flag_set = f.flag_set;
    """,
)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create or upgrade the figures tables."""
    migrate(con, "figures", MIGRATIONS)
