"""Charts of burden sharing and of the balance between coalitions, each with its source printed on it.

The functions take the rows that ``allied.burden`` / ``allied.balance`` return and write a PNG or SVG
(the file's extension decides). matplotlib is imported on first use and runs headless (Agg backend).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from allied.model import InputError

FORMATS = (".png", ".svg")
TARGET_LINES = ((2.0, "2 %"), (3.5, "3.5 %"))


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _integer_ticks() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _check_path(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise InputError("--chart", str(path), "a file name ending in .png or .svg")
    return target


def _source_line(rows: Sequence[dict[str, Any]]) -> str:
    releases = dict.fromkeys(part.strip() for r in rows for part in str(r.get("release") or "").split(" ; ")
                             if part.strip())
    return "Source: " + ("; ".join(releases) if releases else "no figures")


def _save(fig: Any, target: Path, source: str) -> Path:
    fig.text(0.01, 0.01, source, fontsize=7, ha="left", va="bottom", wrap=True)
    with _pyplot().rc_context({"svg.fonttype": "none"}):  # SVG text stays text: searchable, selectable
        fig.savefig(target, format=target.suffix.lower().lstrip("."), dpi=120)
    _pyplot().close(fig)
    return target


def burden_chart(rows: Sequence[dict[str, Any]], path: str | Path, title: str = "") -> Path:
    """Bars of each member's share of GDP with the 2 % and 3.5 % lines; GDP share against spending share."""
    target = _check_path(path)
    bars = sorted((r for r in rows if r.get("milex_pct_gdp") is not None), key=lambda r: -r["milex_pct_gdp"])
    fig, (left, right) = _pyplot().subplots(1, 2, figsize=(14, 6.5), gridspec_kw={"width_ratios": [3, 2]})
    left.bar([r["iso3"] for r in bars], [r["milex_pct_gdp"] for r in bars], color="#4a6fa5")
    for level, label in TARGET_LINES:
        left.axhline(level, color="#b22222", linestyle="--", linewidth=1)
        left.text(len(bars) - 0.5, level, f" {label}", va="bottom", ha="right", fontsize=8, color="#b22222")
    left.set_ylabel("Military expenditure, % of GDP")
    left.tick_params(axis="x", rotation=90, labelsize=7)
    _share_scatter(right, rows)
    fig.suptitle(title or "Burden sharing")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    return _save(fig, target, _source_line(rows))


def _share_scatter(ax: Any, rows: Sequence[dict[str, Any]]) -> None:
    points = [r for r in rows if (r.get("gdp_share") or 0) > 0 and (r.get("milex_share") or 0) > 0]
    xs = [r["gdp_share"] * 100 for r in points]
    ys = [r["milex_share"] * 100 for r in points]
    ax.scatter(xs, ys, color="#4a6fa5")
    for r, x, y in zip(points, xs, ys, strict=True):
        ax.annotate(r["iso3"], (x, y), fontsize=7, xytext=(3, 2), textcoords="offset points")
    low, top = min([*xs, *ys, 1.0]) / 1.5, max([*xs, *ys, 1.0]) * 1.5
    ax.plot([low, top], [low, top], color="grey", linewidth=1, linestyle=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Share of the alliance's GDP, % (log scale)")
    ax.set_ylabel("Share of the alliance's military spending, % (log scale)")
    ax.set_title("Above the line: more than a GDP-proportional share", fontsize=9)


BALANCE_PANELS = (("milex_usd", "Military spending, current US$ bn", 1e9),
                  ("milex_usd_const", "Military spending, constant US$ bn", 1e9),
                  ("cinc", "CINC (share of world capabilities)", 1.0))


def balance_chart(rows: Sequence[dict[str, Any]], path: str | Path, members: str, vs: str) -> Path:
    """Lines over time: each side's total spending (current and constant US$) and CINC where covered."""
    target = _check_path(path)
    panels = [p for p in BALANCE_PANELS if any(r.get(f"members_{p[0]}") is not None for r in rows)]
    if not panels:
        raise InputError("--chart", str(path), "years with figures to draw", "No side has figures in these years.")
    fig, axes = _pyplot().subplots(len(panels), 1, figsize=(10, 3.2 * len(panels) + 1), squeeze=False)
    for ax, (measure, label, scale) in zip(axes[:, 0], panels, strict=True):
        for side, name, color in (("members", members, "#4a6fa5"), ("vs", vs, "#b22222")):
            pts = [(r["year"], r[f"{side}_{measure}"] / scale) for r in rows if r.get(f"{side}_{measure}") is not None]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3, color=color, label=name)
        ax.set_ylabel(label, fontsize=8)
        ax.xaxis.set_major_locator(_integer_ticks())
        ax.legend(fontsize=8)
    fig.suptitle(f"Balance: {members} vs {vs}")
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    return _save(fig, target, _source_line(rows))
