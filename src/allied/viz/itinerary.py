"""The itinerary map: a person's stops in order, as a self-contained HTML page (inline SVG and a few lines
of plain JavaScript, no network) or a PNG (matplotlib). Country outlines are Natural Earth's, as shipped
for the obligations engine; stops without coordinates are listed but not drawn.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from allied.model import InputError

FORMATS = (".html", ".png")
WIDTH, HEIGHT, PAD = 960, 560, 4.0
OUTLINE_SOURCE = "Outlines: Natural Earth 1:110m (public domain)"


def _check(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise InputError("--map", str(path), "a file name ending in .html or .png")
    return target


def _points(stops: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in stops if s.get("lat") is not None and s.get("lon") is not None]


def _bbox(points: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    if not points:
        return (-180.0, -60.0, 180.0, 80.0)
    lons = [float(p["lon"]) for p in points]
    lats = [float(p["lat"]) for p in points]
    x0, x1 = min(lons) - PAD * 2, max(lons) + PAD * 2
    y0, y1 = min(lats) - PAD, max(lats) + PAD
    aspect = WIDTH / HEIGHT
    if (x1 - x0) / max(y1 - y0, 1e-6) < aspect:
        grow = ((y1 - y0) * aspect - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / aspect - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return x0, y0, x1, y1


def _outlines(bbox: tuple[float, float, float, float]) -> list[list[tuple[float, float]]]:
    """Country rings clipped to the box, simplified (empty if the outline data are not installed)."""
    try:
        import shapely

        from allied.obligations.geodata import geography

        geoms = geography().ne_geoms
    except Exception:  # outlines are decoration: a map without them is still a map
        return []
    box = shapely.box(*bbox)
    rings: list[list[tuple[float, float]]] = []
    for geom in geoms:
        clipped = shapely.intersection(geom, box)
        if clipped.is_empty:
            continue
        for poly in getattr(clipped, "geoms", [clipped]):
            if poly.geom_type == "Polygon":
                rings.append([(float(x), float(y)) for x, y in shapely.get_coordinates(poly.exterior.simplify(0.05))])
    return rings


def _label(s: dict[str, Any]) -> str:
    when = s.get("start") or "date not given"
    if s.get("end") and s.get("end") != s.get("start"):
        when += f" – {s['end']}"
    return f"{s['stop']}. {s.get('place') or '?'} ({when})"


def write_html(stops: Sequence[dict[str, Any]], path: Path, title: str) -> Path:
    bbox = _bbox(_points(stops))
    x0, y0, x1, y1 = bbox

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) / (x1 - x0) * WIDTH, (y1 - lat) / (y1 - y0) * HEIGHT

    shapes = "".join(
        '<polygon points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in (xy(x, y) for x, y in ring)) + '"/>'
        for ring in _outlines(bbox)
    )
    pts = [(s, *xy(float(s["lon"]), float(s["lat"]))) for s in _points(stops)]
    route = " ".join(f"{x:.1f},{y:.1f}" for _, x, y in pts)
    marks = "".join(
        f'<g class="stop" data-i="{i}"><circle cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
        f'<text x="{x + 10:.1f}" y="{y - 8 + 15 * (i % 3):.1f}">{html.escape(_label(s))}</text></g>'
        for i, (s, x, y) in enumerate(pts)
    )
    rows = "".join(
        f"<tr><td>{s['stop']}</td><td>{html.escape(str(s.get('start') or ''))}</td>"
        f"<td>{html.escape(str(s.get('place') or ''))}</td>"
        f"<td>{html.escape(', '.join(s.get('purposes') or []))}</td><td>{html.escape(s.get('status') or '')}</td>"
        f"<td>{html.escape('; '.join(src['doc'] for src in s.get('sources') or []))}</td></tr>"
        for s in stops
    )
    data = json.dumps(
        [
            {
                "label": _label(s),
                "purposes": s.get("purposes") or [],
                "evidence": [e for src in s.get("sources") or [] for e in src.get("evidence", [])][:3],
            }
            for s, _, _ in pts
        ],
        ensure_ascii=False,
    ).replace("</", "<\\/")
    page = _PAGE.format(
        title=html.escape(title),
        w=WIDTH,
        h=HEIGHT,
        shapes=shapes,
        route=route,
        marks=marks,
        rows=rows,
        data=data,
        source=html.escape(OUTLINE_SOURCE),
    )
    path.write_text(page, encoding="utf-8")
    return path


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }}
svg {{ background: #dfeaf2; border: 1px solid #bbb; max-width: 100%; height: auto; }}
polygon {{ fill: #f4f1ea; stroke: #888; stroke-width: .6; }}
polyline {{ fill: none; stroke: #c0392b; stroke-width: 2; stroke-dasharray: 6 4; }}
.stop circle {{ fill: #c0392b; stroke: white; stroke-width: 2; cursor: pointer; }}
.stop text {{ font-size: 13px; paint-order: stroke; stroke: white; stroke-width: 3px; }}
#detail {{ min-height: 3em; margin: .8em 0; padding: .5em; background: #f7f7f7; }}
table {{ border-collapse: collapse; }} td, th {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }}
</style></head><body>
<h1>{title}</h1>
<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{title}">
<g>{shapes}</g><polyline points="{route}"/>{marks}</svg>
<div id="detail">Click a stop to see its purposes and the sentences it comes from.</div>
<table><tr><th>#</th><th>date</th><th>place</th><th>purposes</th><th>status</th><th>sources</th></tr>{rows}</table>
<p><small>{source}. Made by allied; works offline.</small></p>
<script>
const stops = {data};
document.querySelectorAll('.stop').forEach(g => g.addEventListener('click', () => {{
  const s = stops[+g.dataset.i];
  const d = document.getElementById('detail');
  d.textContent = '';
  const h = document.createElement('strong'); h.textContent = s.label; d.appendChild(h);
  const p = document.createElement('div');
  p.textContent = 'Purposes: ' + (s.purposes.join(', ') || '—'); d.appendChild(p);
  s.evidence.forEach(e => {{ const q = document.createElement('blockquote'); q.textContent = e; d.appendChild(q); }});
}}));
</script></body></html>
"""


def write_png(stops: Sequence[dict[str, Any]], path: Path, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pts = _points(stops)
    bbox = _bbox(pts)
    fig, ax = plt.subplots(figsize=(10, 6.2), dpi=110)
    ax.set_facecolor("#dfeaf2")
    for ring in _outlines(bbox):
        xs, ys = zip(*ring, strict=True)
        ax.fill(xs, ys, facecolor="#f4f1ea", edgecolor="#888888", linewidth=0.5)
    if pts:
        ax.plot([p["lon"] for p in pts], [p["lat"] for p in pts], "--", color="#c0392b", linewidth=1.5)
        ax.scatter(
            [p["lon"] for p in pts], [p["lat"] for p in pts], s=60, color="#c0392b", zorder=3, edgecolors="white"
        )
        for k, p in enumerate(pts):  # labels of nearby stops are staggered so that they stay readable
            ax.annotate(
                _label(p),
                (p["lon"], p["lat"]),
                xytext=(6, 6 - 13 * (k % 3)),
                textcoords="offset points",
                fontsize=9,
                bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0, "pad": 1},
            )
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title)
    ax.text(0.005, 0.005, OUTLINE_SOURCE, transform=ax.transAxes, fontsize=7, va="bottom")
    fig.savefig(path, format="png", bbox_inches="tight")
    plt.close(fig)
    return path


def itinerary_map(stops: Sequence[dict[str, Any]], path: str | Path, title: str = "Itinerary") -> Path:
    """Write the stops (as returned by ``allied.itinerary``) as a map: ``.html`` (offline) or ``.png``."""
    target = _check(path)
    if target.suffix.lower() == ".html":
        return write_html(stops, target, title)
    return write_png(stops, target, title)
