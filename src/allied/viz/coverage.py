"""The coverage map: how many states would be bound to respond to an attack in each grid cell, as a PNG
with country outlines and the source printed on the map."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from allied.obligations.coverage import SOURCE, Coverage
from allied.obligations.coverage import coverage as compute_coverage
from allied.obligations.geodata import geography

if TYPE_CHECKING:
    import matplotlib.pyplot as plt


def plot_coverage(cov: Coverage, path: str | Path, title: str = "") -> Path:
    """Write ``cov`` as a PNG map (equirectangular) to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # imported here: `import allied` stays fast for the CLI

    path = Path(path)
    rows, cols = int(round(180 / cov.resolution)), int(round(360 / cov.resolution))
    counts = cov.counts.reshape(rows, cols).astype(float)
    counts[counts == 0] = np.nan
    consult = np.where(cov.consult_only.reshape(rows, cols), 1.0, np.nan)
    fig, ax = plt.subplots(figsize=(14, 7.6), dpi=110)
    ax.set_facecolor("#dfeaf2")
    ax.imshow(consult, origin="lower", extent=(-180, 180, -90, 90), cmap="Greys", vmin=0, vmax=1.5,
              interpolation="nearest")
    image = ax.imshow(counts, origin="lower", extent=(-180, 180, -90, 90), cmap="viridis", interpolation="nearest")
    _outlines(ax)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-90, 90)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    who = cov.attacker or "an unspecified state"
    ax.set_title(title or f"States bound to respond to an attack by {who} on {cov.date.isoformat()} "
                          f"({cov.resolution:g}° grid)")
    fig.colorbar(image, ax=ax, shrink=0.7, label="states bound (above consultation)")
    note = textwrap.fill(f"Source: {SOURCE}.", 170)
    note += ("\nGrey: consultation only (no state bound above it). Cells at sea, of unknown territory or of the "
             "attacker are blank; a cell whose centre is at sea but which holds an island is coloured by the island.")
    ax.text(0.005, 0.005, note, transform=ax.transAxes, fontsize=6.5, va="bottom",
            bbox={"facecolor": "white", "alpha": 0.8, "linewidth": 0})
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def _outlines(ax: plt.Axes) -> None:
    for geom in geography().ne_geoms:
        for poly in getattr(geom, "geoms", [geom]):
            x, y = shapely.get_coordinates(poly.exterior).T
            ax.plot(x, y, color="#555555", linewidth=0.4)


class CoverageMap(Coverage):
    """A coverage grid that writes GeoJSON (``write_geojson``) and a PNG map (``write_png``)."""

    def write_png(self, path: str | Path, title: str = "") -> Path:
        return plot_coverage(self, path, title)


def coverage_map(attacker: str | None, date: str | dt.date, resolution: float = 1.0) -> CoverageMap:
    """For every cell of a global grid, which states would be bound to respond to an attack there."""
    cov = compute_coverage(attacker, date, resolution)
    return CoverageMap(**{f.name: getattr(cov, f.name) for f in fields(Coverage)})
