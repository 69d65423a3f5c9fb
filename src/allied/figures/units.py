"""Published units to the units allied reports in: US dollars and percent."""

from __future__ import annotations

from typing import Any

MONEY = (("thousand US$", 1e3), ("US$ m", 1e6), ("US$", 1.0))


def usd(row: dict[str, Any] | None) -> float | None:
    """A money value in US dollars (from 'US$ m', 'thousand US$' or 'US$')."""
    if row is None or row["value"] is None:
        return None
    for prefix, factor in MONEY:
        if str(row["unit"]).startswith(prefix):
            return float(row["value"]) * factor
    raise ValueError(f"not a US$ unit: {row['unit']!r}")


def percent(row: dict[str, Any] | None) -> float | None:
    """A share in percent (from 'fraction' or 'percent ...')."""
    if row is None or row["value"] is None:
        return None
    unit = str(row["unit"])
    if unit.startswith("fraction"):
        return float(row["value"]) * 100
    if unit.startswith("percent"):
        return float(row["value"])
    raise ValueError(f"not a share unit: {unit!r}")


def plain(row: dict[str, Any] | None) -> float | None:
    return None if row is None or row["value"] is None else float(row["value"])
