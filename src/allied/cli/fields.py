"""What each output field means and in what unit: the reference `allied docs` prints. A test runs the
commands and checks that every field they output is listed here, so the page cannot drift from the code."""

from __future__ import annotations

Field = tuple[str, str, str]  # (name, unit, meaning)

BURDEN: list[Field] = [
    ("iso3", "ISO 3166-1 alpha-3", "the member"),
    ("name", "", "the member's name in English"),
    ("milex_usd", "US$, current", "military spending (the source's own figure; NATO, SIPRI: US$ m x 1e6)"),
    ("gdp_usd", "US$, current", "GDP (World Bank WDI for SIPRI and WDI; NATO's own GDP for NATO)"),
    ("milex_pct_gdp", "percent (2.56, not 0.0256)", "the source's published share of GDP"),
    ("milex_share", "fraction of the alliance total", "the member's share of the members' spending"),
    ("gdp_share", "fraction of the alliance total", "the member's share of the members' GDP"),
    ("fair_share_ratio", "ratio", "milex_share / gdp_share (above 1: carries more than its GDP share)"),
    ("milex_per_capita_usd", "US$ per person", "spending per inhabitant (SIPRI's figure, else milex_usd / WDI "
                                               "population)"),
    ("gap_pct_to_2", "percentage points", "shortfall to 2 % of GDP (0 when met)"),
    ("gap_usd_to_2", "US$, current", "that shortfall in money"),
    ("gap_pct_to_3_5", "percentage points", "shortfall to 3.5 % of GDP (0 when met)"),
    ("gap_usd_to_3_5", "US$, current", "that shortfall in money"),
    ("year", "year", "the year of the figures"),
    ("estimate", "true | false", "the source marks the figure as an estimate"),
    ("flags", "list", "the source's marks on the figures used: footnote symbols, 'note N', estimate, "
                      "uncertain, placeholder, unavailable"),
    ("flag_notes", "list of {flag, meaning}", "what each flag means, as the release explains it"),
    ("source", "sipri | nato | worldbank", "the source asked for"),
    ("release", "text", "the releases the figures come from (file, date)"),
    ("note", "text", "why a value is missing, who is left out of totals, how a value was derived"),
    ("alliance", "text", "the treaty id or the ad-hoc coalition"),
]
PATH: list[Field] = [
    ("country", "ISO3", "the country"), ("source", "sipri | nato", "the source"),
    ("release", "text", "the release the base figures come from"),
    ("price_basis", "text", "the prices and the unit of the money values"),
    ("unit", "US$", "the unit of every money value in the path (whole dollars)"),
    ("source_unit", "text", "the unit the source publishes"),
    ("base_year", "year", "the latest year with both share of GDP and constant-price spending"),
    ("base_pct_gdp", "percent", "share of GDP in the base year"),
    ("base_milex_usd_const", "US$, constant prices", "spending in the base year"),
    ("target_pct_gdp", "percent", "the target share of GDP"), ("by", "year", "the year the target is met"),
    ("gdp_growth_pct", "percent a year", "real GDP growth assumed"),
    ("gdp_growth_basis", "text", "'given' or how the trend was computed"),
    ("required_real_growth_pct", "percent a year", "real spending growth needed"),
    ("path", "list", "one row a year: year, milex_usd_const, gdp_usd_const (US$, constant prices), "
                     "milex_pct_gdp (percent), increase_usd_const (US$ more than the year before)"),
]
PATH_ROW: list[Field] = [
    ("year", "year", "the year"), ("milex_usd_const", "US$, constant prices", "spending on the path"),
    ("gdp_usd_const", "US$, constant prices", "real GDP"), ("milex_pct_gdp", "percent", "share of GDP"),
    ("increase_usd_const", "US$, constant prices", "increase on the year before (null in the base year)"),
]
OZ: list[Field] = [
    ("alliance", "text", "the treaty id or coalition"), ("year", "year", "the year"),
    ("source", "text", "the source"), ("n", "count", "members with GDP and share of GDP"),
    ("members", "list of ISO3", "members counted"), ("left_out", "list of ISO3", "members without figures"),
    ("spearman_rho", "-1..1", "rank correlation of GDP and share of GDP"), ("spearman_p", "p-value", ""),
    ("kendall_tau", "-1..1", "Kendall's tau of the same"), ("kendall_p", "p-value", ""),
    ("note", "text", "how to read the result"),
]
BALANCE: list[Field] = [
    ("year", "year", "the year"),
    ("members_milex_usd", "US$, current", "the first coalition's SIPRI spending (members with a figure)"),
    ("vs_milex_usd", "US$, current", "the other coalition's"), ("ratio_milex_usd", "ratio", "members / vs"),
    ("members_milex_usd_const", "US$, constant prices", "the same in SIPRI's constant prices"),
    ("vs_milex_usd_const", "US$, constant prices", ""), ("ratio_milex_usd_const", "ratio", ""),
    ("members_cinc", "share of world capabilities", "sum of COW NMC CINC scores"),
    ("vs_cinc", "share of world capabilities", ""), ("ratio_cinc", "ratio", ""),
    ("complete", "true | false", "every member has every figure"),
    ("missing", "list", "'ISO3 measure' for each figure missing"),
    ("release", "text", "the releases used"), ("note", "text", "coverage of each source"),
]
OBLIGATION: list[Field] = [
    ("state", "ISO3", "the state bound"), ("treaty", "treaty id", "the treaty (`allied treaty list`)"),
    ("article", "text", "the article that applies (the strongest one)"),
    ("strength", "strength id", "how strongly (see the strength scale)"),
    ("reason", "text", "why the article applies"), ("quote", "text", "the article's words"),
    ("verified", "true | false", "the quotation was read in a retrieved source ([V]) or not ([M])"),
    ("source", "text", "where the clause comes from"),
]
OBLIGATIONS: list[Field] = [
    ("id", "text", "the input's id (batch)"), ("attack", "object", "the attack as understood"),
    ("obligations", "list", "one entry per (state, treaty), fields below"),
    ("contested", "list of {state, treaty, reason}", "parties whose status is contested"),
    ("conditional", "list", "obligations waiting on a condition (a request, the aggressor's kind)"),
    ("territory", "object", "whose territory or administration the point is in, with its source"),
    ("resolution", "object", "how the place was found"), ("notes", "list of text", "what to know"),
    ("rounds", "list", "with --cascade: who is pulled in, round by round"),
]
TREATY_LIST: list[Field] = [
    ("id", "treaty id", ""), ("name", "text", "the treaty's name"), ("in_force", "date", ""),
    ("terminated", "date | null", ""), ("party_since", "date", "with --state: when the state became a party"),
    ("source", "text", "where the facts come from"),
]
DATA_STATUS: list[Field] = [
    ("dataset", "text", "e.g. sipri, nato, worldbank:NY.GDP.MKTP.CD; news:documents, news:events"),
    ("kind", "text", "the importer"), ("file", "file name", "the file imported or snapshotted"),
    ("release", "text", "the publisher's release"), ("imported_at", "UTC time", ""),
    ("rows", "count", "values (news: articles or events)"), ("min_year", "year", ""), ("max_year", "year", ""),
    ("countries", "count", ""), ("note", "text", ""), ("origin", "imported | snapshot | ingested", ""),
    ("in_use", "true | false", "which copy answers queries (imported wins over the snapshot)"),
]
OFFICIALS: list[Field] = [
    ("id", "person id", ""), ("name", "text", "canonical English name"), ("native_name", "text", ""),
    ("country", "ISO3", ""), ("role", "text", ""), ("organization", "text", ""),
    ("start", "date (may be partial)", "start of term"), ("end", "date | null", "end of term"),
    ("aliases", "list", ""), ("source", "text", "URLs"), ("notes", "text", ""),
]

OBLIGATION_ROW: list[Field] = [
    ("status", "bound | consult | contested | if CONDITION", "how the state stands"),
    ("round", "count", "1 for the attack itself; 2, 3, ... for the cascade's rounds"),
    ("state", "ISO3", "the state"), ("treaty", "treaty id", ""), ("article", "text", ""),
    ("strength", "strength id", ""), ("reason", "text", ""), ("quote", "text", "the article's words"),
    ("verified", "true | false", "[V] or [M]"), ("source", "text", "where the clause comes from, primary first"),
]
EVENT_ROW: list[Field] = [
    ("id", "text", "the stored event's id"), ("type", "visit | meeting | forum | statement | announcement", ""),
    ("start", "date", "null when the text does not fix it"), ("end", "date", ""),
    ("inferred", "true | false", "the date needed more than a look-up against the publication date"),
    ("status", "occurred | planned | ...", ""), ("place", "text", "the place's canonical name"),
    ("place_country", "ISO3", ""), ("lat", "degrees", ""), ("lon", "degrees", ""),
    ("countries", "list of ISO3", "the states involved"), ("actors", "list", "the actors' canonical names"),
    ("forum", "text", "the forum's name"), ("topics", "list", ""),
    ("docs", "list", "the articles the event was read from"), ("urls", "list", "their addresses"),
]
STOP_ROW: list[Field] = [
    ("stop", "count", "the stop's place in the trip"), ("start", "date", ""), ("end", "date", ""),
    ("place", "text", ""), ("country", "ISO3", ""), ("lat", "degrees", ""), ("lon", "degrees", ""),
    ("purposes", "list", "the topics of the meetings and forums held there"),
    ("with", "list", "who else was there"), ("status", "occurred | planned | ...", ""),
    ("docs", "list", "the articles the stop was read from"), ("urls", "list", "their addresses"),
]

FIELDS: dict[str, list[Field]] = {
    "burden": BURDEN, "burden path": PATH, "burden path (path rows)": PATH_ROW, "burden oz": OZ,
    "balance": BALANCE, "obligations": OBLIGATIONS, "obligations (each obligation)": OBLIGATION,
    "obligations -f csv|jsonl|parquet (one row per state)": OBLIGATION_ROW,
    "events (allied.events(...).to_pandas())": EVENT_ROW,
    "itinerary (allied.itinerary(...).to_pandas())": STOP_ROW,
    "treaty list": TREATY_LIST, "data status": DATA_STATUS, "official find": OFFICIALS,
}
EVENTS_NOTE = ("`extract`, `events` and `itinerary` write the PRODUCT.md event records (doc, language, "
               "published, events with type, actors, countries, place, date, forum, topics, evidence offsets; "
               "pledges with country, what, value, unit, by, evidence); a failed document carries `error`.")
