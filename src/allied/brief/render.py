"""Render a brief (the dict ``build_brief`` returns) as text, Markdown, self-contained HTML or JSON.

Rendering only: every value shown is in the brief; charts and the map are drawn by ``allied.viz``.
"""

from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.table import Table

from allied.model import InputError
from allied.viz.charts import burden_chart
from allied.viz.itinerary import itinerary_map

FORMATS = ("text", "markdown", "html", "json")


def render(brief: dict[str, Any], fmt: str = "text", width: int = 120) -> str:
    if fmt not in FORMATS:
        raise InputError("--format", fmt, " | ".join(FORMATS))
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2)
    rows = view(brief)
    if fmt == "markdown":
        return _env().get_template("brief.md.j2").render(b=brief, v=rows)
    if fmt == "html":
        return _env().get_template("brief.html.j2").render(b=brief, v=rows, images=_images(brief))
    return _text(brief, rows, width)


def _env() -> Environment:
    return Environment(loader=PackageLoader("allied.brief", "templates"), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} %"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f} %"


def _bn(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1e9:,.1f} bn"


def _when(date: dict[str, Any] | None) -> str:
    if not date:
        return "date not given"
    span = date["start"] if date["start"] == date["end"] else f"{date['start']} – {date['end']}"
    return span + (" (inferred)" if date.get("inferred") else "")


def _own_note(row: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """The parts of a row's note that not every row shares (the shared parts are printed once)."""
    shared = common_notes(rows)
    return "; ".join(p for p in (row.get("note") or "").split("; ") if p and p not in shared)


def common_notes(rows: list[dict[str, Any]]) -> list[str]:
    parts = [[p for p in (r.get("note") or "").split("; ") if p] for r in rows]
    return [p for p in parts[0] if all(p in other for other in parts[1:])] if parts else []


def view(brief: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The brief's values formatted as display strings, shared by every format."""
    names = {s["iso3"]: s["name"] for s in brief["states"]}
    events = [{"type": e["type"], "when": _when(e["date"]), "status": e.get("status", ""),
               "place": (e["place"] or {}).get("name") or "", "who": ", ".join(a["name"] for a in e["actors"]),
               "forum": (e["forum"] or {}).get("name") or "", "topics": ", ".join(e["topics"]),
               "evidence": " … ".join(x["text"] for x in e["evidence"])} for e in brief["events"]]
    stops = [{"person": it["person"], "stop": str(s["stop"]), "when": s["start"] or "date not given",
              "place": s["place"] or "", "country": s["country"] or "", "purposes": ", ".join(s["purposes"]),
              "status": s.get("status") or ""} for it in brief["itinerary"] for s in it["stops"]]
    bound = [{"attacked": names.get(d["attacked"], d["attacked"]), "state": names.get(e["state"], e["state"]),
              "treaty": e["treaty"], "article": e["article"], "strength": e["strength"].replace("_", " "),
              "kind": kind, "reason": e.get("reason", ""), "quote": e.get("quote", ""),
              "verified": "" if e.get("verified", True) else " (wording not verified in a retrieved source)"}
             for link in brief["treaty_links"] for d in link["directions"]
             for kind, entries in (("bound", d["bound"]), ("contested", d["contested"]),
                                   ("conditional", d["conditional"])) for e in entries]
    seen: set[tuple[str, str]] = set()
    for b in bound:  # each clause is quoted once, at its first use
        key = (b["treaty"], b["article"])
        if key in seen:
            b["quote"] = ""
        seen.add(key)
    unlinked = [{"pair": f"{names[u['a']]} – {names[u['b']]}", "note": u["note"]} for u in brief["no_treaty_link"]]
    fig = brief["figures"]
    money = [{"state": r["name"], "iso3": r["iso3"], "year": str(r["year"]), "pct": _pct(r["milex_pct_gdp"]),
              "spending": _bn(r["milex_usd"]), "milex_share": _share(r["milex_share"]),
              "gdp_share": _share(r["gdp_share"]), "gap2": _bn(r["gap_usd_to_2"]), "gap35": _bn(r["gap_usd_to_3_5"]),
              "trend": " → ".join(_pct(t["milex_pct_gdp"]).replace(" %", "") + ("e" if t["estimate"] else "")
                                  for t in fig["trend"].get(r["iso3"], [])),
              "flag": "; ".join(x for x in ("estimate" if r.get("estimate") else "", _own_note(r, fig["rows"])) if x),
              "source": f"{r['source']}: {r['release']}"} for r in fig["rows"]]
    pledges = [{"country": names.get(p["country"], p["country"]), "what": p["what"],
                "value": f"{p['value']} {p['unit']}", "by": str(p.get("by") or ""),
                "evidence": " … ".join(x["text"] for x in p["evidence"])} for p in brief["pledges"]]
    return {"events": events, "stops": stops, "bound": bound, "unlinked": unlinked, "money": money,
            "pledges": pledges, "figure_notes": [{"text": n} for n in common_notes(fig["rows"])]}


HEADERS = {"pct": "% of GDP", "spending": "spending US$", "milex_share": "share of spending",
           "gdp_share": "share of GDP", "gap2": "gap to 2 %", "gap35": "gap to 3.5 %", "trend": "trend, 5 years",
           "flag": "note"}


def _table(title: str, rows: list[dict[str, str]], columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(HEADERS.get(c, c), overflow="fold")
    for r in rows:
        table.add_row(*(r[c] for c in columns))
    return table


def _text(brief: dict[str, Any], v: dict[str, list[dict[str, str]]], width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=False)
    console.print(f"[bold]{brief['title']}[/bold]")
    console.print(f"{brief.get('outlet') or ''} {brief.get('published') or 'no publication date'} "
                  f"({brief['language']}) {brief.get('url') or ''}".strip())
    console.print(_table("What happened and will happen", v["events"],
                         ["type", "when", "status", "place", "who", "forum", "topics"]))
    if v["stops"]:
        console.print(_table("Itinerary", v["stops"], ["person", "stop", "when", "place", "purposes", "status"]))
    if v["pledges"]:
        console.print(_table("Pledges", v["pledges"], ["country", "what", "value", "by", "evidence"]))
    console.print("[bold]Who is bound to defend whom[/bold] (attack on a homeland by a third state, "
                  f"as of {brief['as_of']})")
    for b in v["bound"]:
        quote = f"\n  “{b['quote']}”" if b["quote"] else ""
        console.print(f"• Attack on {b['attacked']}: {b['state']} {b['kind']} under {b['treaty']} Art. "
                      f"{b['article']} ({b['strength']}). {b['reason']}{b['verified']}{quote}")
    for u in v["unlinked"]:
        console.print(f"• {u['pair']}: no treaty link. {u['note']}.")
    fig = brief["figures"]
    console.print(_table(f"Who pays what ({fig['source']}, {fig['year']})", v["money"],
                         ["state", "year", "pct", "spending", "milex_share", "gdp_share", "gap2", "gap35", "trend",
                          "flag"]))
    for note in v["figure_notes"]:
        console.print(f"Figures: {note['text']}")
    for source in sorted({m["source"] for m in v["money"]}):
        console.print(f"Source: {source}")
    for note in brief["notes"]:
        console.print(f"Note: {note}")
    return console.export_text().rstrip("\n")


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _images(brief: dict[str, Any]) -> dict[str, Any]:
    """The burden chart (SVG) and each itinerary map (PNG), embedded so the page needs nothing else."""
    out: dict[str, Any] = {"chart": None, "maps": []}
    with tempfile.TemporaryDirectory(prefix="allied-brief-") as tmp:
        rows = [r for r in brief["figures"]["rows"] if r["milex_pct_gdp"] is not None]
        if rows:
            chart = burden_chart(rows, Path(tmp) / "burden.svg",
                                 title=f"Military spending, share of GDP ({brief['figures']['year']})")
            out["chart"] = _data_uri(chart, "image/svg+xml")
        for i, it in enumerate(brief["itinerary"]):
            drawn = itinerary_map(it["stops"], Path(tmp) / f"map{i}.png", title=f"Itinerary of {it['person']}")
            out["maps"].append({"person": it["person"], "src": _data_uri(drawn, "image/png")})
    return out
