"""What the importers' own cell flags mean: every null value in the store says why with one of them."""

from __future__ import annotations

# What the importers' own cell flags mean (a null value says why with one of them), as the releases
# explain their markers: SIPRI's sheets, '". ." = data unavailable. "xxx" = country did not exist or was not
# independent during all or part of the year in question'; NATO's estimate columns and its '*' footnote;
# COW NMC's missing-value code; an empty cell. A dataset's own notes (SIPRI's footnotes and colours) take precedence.
CELL_FLAGS: dict[str, str] = {
    "unavailable": "the source marks the value as unavailable (SIPRI: '. .' = data unavailable)",
    "not_independent": "SIPRI: 'xxx' = the country did not exist or was not independent during all or part of "
                       "the year in question",
    "missing": "the source's missing-value code (COW NMC: -9)",
    "blank": "the source's cell is empty",
    "estimate": "the source marks the figure as an estimate (NATO: a year column such as '2024e'; its tables' "
                "notes: 'Figures for 2023 and 2024 are estimates')",
    "*": "NATO's footnote to the name: 'These Allies have national laws or political agreements which call for 2% "
         "of GDP or more to be spent on defence annually, consequently future estimates are expected to change "
         "accordingly.'",
}
