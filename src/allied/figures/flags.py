"""What the importers' own cell flags mean: every null value in the store says why with one of them."""

from __future__ import annotations

# What the importers' own cell flags mean (a null value says why with one of them), as the releases
# explain their markers: SIPRI's sheets, '". ." = data unavailable. "xxx" = country did not exist or was not
# independent during all or part of the year in question'; COW NMC's missing-value code; an empty cell.
CELL_FLAGS: dict[str, str] = {
    "unavailable": "the source marks the value as unavailable (SIPRI: '. .' = data unavailable)",
    "not_independent": "SIPRI: 'xxx' = the country did not exist or was not independent during all or part of "
                       "the year in question",
    "missing": "the source's missing-value code (COW NMC: -9)",
    "blank": "the source's cell is empty",
}
