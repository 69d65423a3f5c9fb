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

from jinja2 import Environment, PackageLoader
from rich.console import Console
from rich.table import Table
from rich.text import Text

from allied.brief.formats import FORMATS
from allied.model import InputError
from allied.viz.answers import clause_label
from allied.viz.charts import burden_chart
from allied.viz.itinerary import itinerary_map
from allied.viz.sources import (
    MARKERS,
    cite,
    clause_source,
    markers_in,
    safe_url,
    source_parts,
    strength_label,
    treaty_name,
)


def render(brief: dict[str, Any], fmt: str = "text", width: int | None = None) -> str:
    if fmt not in FORMATS:
        raise InputError("--format", fmt, " | ".join(FORMATS))
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2)
    rows = view(brief)
    if fmt == "markdown":
        return _env(markdown=True).get_template("brief.md.j2").render(b=brief, v=rows)
    if fmt == "html":
        return _env().get_template("brief.html.j2").render(b=brief, v=rows, images=_images(brief))
    return _text(brief, rows, width or Console().width)


def _env(markdown: bool = False) -> Environment:
    """Templates named *.html.j2 are HTML: autoescaped (select_autoescape matches the last suffix only, so
    it would not escape them); nothing from an article is ever marked safe. In Markdown every value is
    escaped for Markdown (no raw HTML, no table breaks)."""
    return Environment(loader=PackageLoader("allied.brief", "templates"),
                       autoescape=lambda name: bool(name) and ".html" in str(name),
                       finalize=_md if markdown else None,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _md(value: Any) -> Any:
    """A value as Markdown text: HTML is shown, not interpreted; a '|' or a line break cannot end a cell."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("|", "\\|").replace("](", "]\\(").split())


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


def view(brief: dict[str, Any]) -> dict[str, Any]:
    """The brief's values formatted as display strings, shared by every format."""
    names = {s["iso3"]: s["name"] for s in brief["states"]}
    events = [{"type": e["type"], "when": _when(e["date"]), "status": e.get("status", ""),
               "place": (e["place"] or {}).get("name") or "", "who": ", ".join(a["name"] for a in e["actors"]),
               "forum": (e["forum"] or {}).get("name") or "", "topics": ", ".join(e["topics"]),
               "evidence": " … ".join(x["text"] for x in e["evidence"])} for e in brief["events"]]
    stops = [{"person": it["person"], "stop": str(s["stop"]), "when": s["start"] or "date not given",
              "place": s["place"] or "", "country": s["country"] or "", "purposes": ", ".join(s["purposes"]),
              "status": s.get("status") or ""} for it in brief["itinerary"] for s in it["stops"]]
    bound = [_entry(names, d, kind, e) for link in brief["treaty_links"] for d in link["directions"]
             for kind in ("bound", "contested", "conditional") for e in d[kind]]
    seen: set[tuple[str, str]] = set()
    for b in bound:  # each clause is quoted once, at its first use
        key = (b["treaty_id"], b["article"])
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
              "flag": "; ".join(x for x in (" ".join(f"[{f}]" for f in r.get("flags", [])),
                                            _own_note(r, fig["rows"])) if x),
              "source": f"{r['source']}: {r['release']}"} for r in fig["rows"]]
    pledges = [{"country": names.get(p["country"], p["country"]), "what": p["what"],
                "value": f"{p['value']} {p['unit']}", "by": str(p.get("by") or ""),
                "evidence": " … ".join(x["text"] for x in p["evidence"])} for p in brief["pledges"]]
    legend = [{"mark": m, "text": MARKERS[m]} for m in markers_in(*(b["source"] for b in bound))]
    meanings = {n["flag"]: n["meaning"] for r in fig["rows"] for n in r.get("flag_notes", [])}
    if any(t["estimate"] for ts in fig["trend"].values() for t in ts):
        meanings.setdefault("e", "after a figure in the trend: an estimate")
    return {"events": events, "stops": stops, "bound": bound, "unlinked": unlinked, "money": money,
            "pledges": pledges, "figure_notes": [{"text": n} for n in common_notes(fig["rows"])],
            "legend": legend, "figure_legend": [{"mark": f"[{k}]" if k != "e" else k, "text": t}
                                                for k, t in meanings.items()],
            "empty": _empty(brief), "url": [{"href": u} for u in [safe_url(brief.get("url"))] if u]}


def _empty(brief: dict[str, Any]) -> dict[str, str]:
    """Why a section of the brief is empty, for every section that is."""
    why = {}
    if not brief["events"]:
        why["events"] = ("no events: the article names no meeting, visit, forum, statement or announcement "
                         f"that allied reads in {brief['language']}")
    if not brief["states"]:
        why["bound"] = "nobody is bound: the article names no state, so there is no pair to look up"
    elif len(brief["states"]) == 1:
        why["bound"] = f"nobody is bound: the article names one state only ({brief['states'][0]['name']})"
    if not brief["figures"]["rows"]:
        why["money"] = "no figures: the article names no state"
    return why


def _entry(names: dict[str, str], direction: dict[str, Any], kind: str, e: dict[str, Any]) -> dict[str, Any]:
    """One obligation, contested membership or conditional obligation as display strings. Contested and
    conditional entries carry no state (it is the direction's responder); contested ones no article."""
    state = e.get("state") or direction["responder"]
    article = e.get("article") or ""
    source = e.get("source") or clause_source(e["treaty"], article or None)
    if kind == "bound":
        how = f"is bound: {strength_label(e.get('strength'))}" if e.get("strength") != "consult" else "consults"
    elif kind == "contested":
        how = "is a contested party (reported as neither bound nor free)"
    else:
        how = f"would be bound only if {str(e.get('condition') or 'a condition is met').replace('_', ' ')}"
    return {"attacked": names.get(direction["attacked"], direction["attacked"]), "state": names.get(state, state),
            "treaty_id": e["treaty"], "treaty": treaty_name(e["treaty"]), "article": article,
            "where": clause_label(e["treaty"], article), "kind": kind, "how": how,
            "strength": e.get("strength") or "", "reason": _sentence(e.get("reason")), "quote": e.get("quote") or "",
            "source": cite(source), "parts": source_parts(source),
            "verified": "" if e.get("verified", True) else " (wording not verified in a retrieved source)"}


def _sentence(text: str | None) -> str:
    """A reason as a sentence: a capital first letter and a full stop."""
    words = (text or "").strip()
    if not words:
        return ""
    return words[0].upper() + words[1:] + ("" if words.endswith((".", "!", "?")) else ".")


HEADERS = {"pct": "% of GDP", "spending": "spending US$", "milex_share": "share of spending",
           "gdp_share": "share of GDP", "gap2": "gap to 2 %", "gap35": "gap to 3.5 %", "trend": "trend, 5 years",
           "flag": "note"}


def _table(title: str, rows: list[dict[str, str]], columns: list[str]) -> Table:
    table = Table(title=Text(title), title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(HEADERS.get(c, c), overflow="fold")
    for r in rows:
        table.add_row(*(Text(r[c]) for c in columns))  # article text is never read as rich markup
    return table


def _text(brief: dict[str, Any], v: dict[str, Any], width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=False)
    console.print(Text(brief["title"], style="bold"))
    console.print(f"{brief.get('outlet') or ''} {brief.get('published') or 'no publication date'} "
                  f"({brief['language']}) {brief.get('url') or ''}".strip(), markup=False)
    if v["events"]:
        console.print(_table("What happened and will happen", v["events"],
                             ["type", "when", "status", "place", "who", "forum", "topics"]))
    else:
        console.print(f"What happened and will happen: {v['empty']['events']}.", markup=False)
    if v["stops"]:
        console.print(_table("Itinerary", v["stops"], ["person", "stop", "when", "place", "purposes", "status"]))
    if v["pledges"]:
        console.print(_table("Pledges", v["pledges"], ["country", "what", "value", "by", "evidence"]))
    console.print("[bold]Who is bound to defend whom[/bold] (attack on a homeland by a third state, "
                  f"as of {brief['as_of']})")
    for b in v["bound"]:
        quote = f"\n  “{b['quote']}”" if b["quote"] else ""
        console.print(f"• Attack on {b['attacked']}: {b['state']} {b['how']} under {b['where']}. "
                      f"{b['reason']}{b['verified']}{quote}\n  Source: {b['source'] or 'none given'}", markup=False)
    for u in v["unlinked"]:
        console.print(f"• {u['pair']}: no treaty link. {u['note']}.", markup=False)
    if "bound" in v["empty"]:
        console.print(f"• {v['empty']['bound']}.", markup=False)
    for item in v["legend"]:
        console.print(f"{item['mark']} in a source: {item['text']}.", markup=False)
    fig = brief["figures"]
    if v["money"]:
        console.print(_table(f"Who pays what ({fig['source']}, {fig['year']})", v["money"],
                             ["state", "year", "pct", "spending", "milex_share", "gdp_share", "gap2", "gap35",
                              "trend", "flag"]))
    else:
        console.print(f"Who pays what: {v['empty']['money']}.", markup=False)
    for note in v["figure_notes"]:
        console.print(f"Figures: {note['text']}", markup=False)
    for item in v["figure_legend"]:
        console.print(f"{item['mark']}: {item['text']}", markup=False)
    for source in sorted({m["source"] for m in v["money"]}):
        console.print(f"Source: {source}", markup=False)
    for note in brief["notes"]:
        console.print(f"Note: {note}", markup=False)
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
