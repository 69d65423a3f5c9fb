"""`allied burden ...`, `allied burden path`, `allied burden oz`, `allied balance` and `allied pacts`:
thin commands over the public API (allied.burden, allied.burden_path, ...)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

import allied
from allied.cli.common import DbOption, FormatOption, emit, handle_errors, say

burden_app = typer.Typer(
    help="Burden sharing: spending, share of GDP, fair shares and gaps to 2 % and 3.5 % (SIPRI, NATO, WDI).\n\n"
         "Example: allied burden --alliance NATO --year 2024 --source nato",
)

AllianceOption = Annotated[str | None, typer.Option("--alliance", help="Treaty id, e.g. NATO (members on 31 Dec).")]
MembersOption = Annotated[str | None, typer.Option("--members", help="Ad-hoc coalition: ISO3 codes, e.g. USA,KOR,JPN.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Year (default: the source's latest).")]
SourceOption = Annotated[str, typer.Option("--source", help="sipri | nato | worldbank.")]
ChartOption = Annotated[Path | None, typer.Option("--chart", help="Also draw a chart to FILE.png or FILE.svg.")]

# table view: (field, header, scale); json / jsonl / csv carry every field unscaled
TABLE_COLUMNS = (("iso3", "iso3", None), ("name", "name", None), ("milex_usd", "milex US$ bn", 1e9),
                 ("gdp_usd", "GDP US$ bn", 1e9), ("milex_pct_gdp", "% of GDP", 1),
                 ("milex_share", "milex share %", 0.01),
                 ("gdp_share", "GDP share %", 0.01), ("fair_share_ratio", "fair share ratio", 1),
                 ("milex_per_capita_usd", "per capita US$", 1), ("gap_pct_to_2", "gap to 2 % (pts)", 1),
                 ("gap_usd_to_2", "gap to 2 % US$ bn", 1e9), ("gap_pct_to_3_5", "gap to 3.5 % (pts)", 1),
                 ("gap_usd_to_3_5", "gap to 3.5 % US$ bn", 1e9), ("estimate", "estimate", None),
                 ("flags", "flags", None))


def _table_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, header, scale in TABLE_COLUMNS:
        value = row[key]
        if key == "flags":
            value = " ".join(f"[{f}]" for f in value)
        out[header] = round(value / scale, 2) if scale and isinstance(value, float) else value
    return out


def _footer(rows: list[dict[str, Any]]) -> None:
    """Under a table: the releases and the notes that apply (json and csv carry them on every row)."""
    releases = dict.fromkeys(p.strip() for r in rows for p in str(r.get("release") or "").split(" ; ") if p.strip())
    notes = dict.fromkeys(n.strip() for r in rows for n in str(r.get("note") or "").split(";") if n.strip())
    meanings = {n["flag"]: n["meaning"] for r in rows for n in r.get("flag_notes") or []}
    for text in releases:
        say(f"Source: {text}")
    for text in notes:
        say(f"Note: {text}")
    for flag, meaning in meanings.items():
        say(f"[{flag}]: {meaning}")


@burden_app.callback(invoke_without_command=True)
@handle_errors
def burden(
    ctx: typer.Context,
    alliance: AllianceOption = None,
    members: MembersOption = None,
    year: YearOption = None,
    source: SourceOption = "sipri",
    chart: ChartOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """One row per member: spending, share of GDP, shares of the alliance, fair-share ratio, gaps.

    Example: allied burden --alliance NATO --year 2024 --source nato
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = allied.burden(alliance=alliance, members=members, year=year, source=source, db=db)
    title = f"Burden sharing: {rows[0]['alliance']}, {rows[0]['year']}, source {rows[0]['source']}"
    if chart is not None:
        allied.burden_chart(rows, chart, title=title)
    if fmt == "table":
        emit([_table_row(r) for r in rows], fmt, title=title)
        _footer(rows)
    else:
        emit(rows, fmt, title=title)


@burden_app.command("path")
@handle_errors
def path(
    country: Annotated[str, typer.Option("--country", help="ISO3 code, e.g. KOR.")],
    target: Annotated[float, typer.Option("--target", help="Target share of GDP in percent, e.g. 3.5.")],
    by: Annotated[int, typer.Option("--by", help="Year the target is to be met, e.g. 2035.")],
    gdp_growth: Annotated[float | None, typer.Option("--gdp-growth", help="Real GDP growth, % a year "
                                                      "(default: the ten-year trend).")] = None,
    source: Annotated[str, typer.Option("--source", help="sipri | nato.")] = "sipri",
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """The yearly real spending path to a target share of GDP, and the real growth rate it needs.

    Example: allied burden path --country KOR --target 3.5 --by 2035
    """
    doc = allied.burden_path(country, target, by, gdp_growth=gdp_growth, source=source, db=db)
    title = (f"{doc['country']}: {doc['base_pct_gdp']:.2f} % of GDP in {doc['base_year']} to "
             f"{doc['target_pct_gdp']:g} % by {doc['by']} needs {doc['required_real_growth_pct']:.2f} % real "
             f"growth a year (GDP {doc['gdp_growth_pct']:.2f} % a year, {doc['gdp_growth_basis']})")
    emit(doc["path"], fmt, title=title, document=doc)
    if fmt == "table":
        say(f"Prices: {doc['price_basis']}. Source: {doc['release']}")


@burden_app.command("oz")
@handle_errors
def olson_zeckhauser(
    alliance: AllianceOption = None,
    members: MembersOption = None,
    year: YearOption = None,
    source: SourceOption = "sipri",
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Olson–Zeckhauser test: rank correlation (Spearman, Kendall) of members' GDP and share of GDP.

    Example: allied burden oz --alliance NATO --year 2024
    """
    doc = allied.olson_zeckhauser(alliance=alliance, members=members, year=year, source=source, db=db)
    emit([doc], fmt, title=f"Olson–Zeckhauser test: {doc['alliance']}, {doc['year']}", document=doc)


def balance(
    members: Annotated[str, typer.Option("--members", help="One coalition: ISO3 codes, e.g. USA,KOR,JPN,AUS,PHL.")],
    vs: Annotated[str, typer.Option("--vs", help="The other coalition, e.g. CHN,PRK,RUS.")],
    start: Annotated[int, typer.Option("--from", help="First year.")],
    end: Annotated[int, typer.Option("--to", help="Last year.")],
    chart: ChartOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Coalition against coalition, year by year: spending (current, constant US$), CINC, and ratios.

    Example: allied balance --members USA,KOR,JPN,AUS,PHL --vs CHN,PRK,RUS --from 2000 --to 2024
    """
    rows = allied.balance(members, vs, start, end, db=db)
    if chart is not None:
        allied.balance_chart(rows, chart, members=members.upper(), vs=vs.upper())
    if fmt == "table":
        emit([_balance_row(r) for r in rows], fmt, title=f"Balance: {members.upper()} vs {vs.upper()}")
        _footer(rows)
    else:
        emit(rows, fmt, title="Balance")


def _balance_row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"year": row["year"]}
    for measure, label, scale in (("milex_usd", "US$ bn", 1e9), ("milex_usd_const", "const US$ bn", 1e9),
                                  ("cinc", "CINC", 1.0)):
        for side in ("members", "vs"):
            value = row[f"{side}_{measure}"]
            out[f"{side} {label}"] = None if value is None else round(value / scale, 4 if scale == 1 else 1)
        ratio = row[f"ratio_{measure}"]
        out[f"ratio {label}"] = None if ratio is None else round(ratio, 2)
    out["missing"] = ", ".join(row["missing"])
    return out


def pacts(
    country: Annotated[str, typer.Option("--country", help="ISO3 code, e.g. KOR.")],
    year: Annotated[int, typer.Option("--year", help="Year (ATOP v5.1 covers 1815-2018).")],
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """The defense pacts of a state in a year (ATOP member-level data; import it first).

    Example: allied pacts --country KOR --year 2018
    """
    rows = allied.defense_pacts(country, year, db=db)
    if fmt == "table":
        emit([{k: v for k, v in r.items() if k != "source"} for r in rows], fmt,
             title=f"Defense pacts of {country.upper()} in {year} (ATOP)")
        _footer([{"release": r["source"]} for r in rows[:1]])
    else:
        emit(rows, fmt, title="Defense pacts")


balance_command = handle_errors(balance)
pacts_command = handle_errors(pacts)
