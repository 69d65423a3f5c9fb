"""Figures: importers for official releases, the country-year store, burden sharing and balance.

Functions here take an open store connection; the public API in ``allied`` opens and closes it.
"""

from allied.figures.atop import defense_pacts
from allied.figures.balance import balance
from allied.figures.burden import SOURCES, burden, burden_years
from allied.figures.importing import KINDS, import_file, import_into
from allied.figures.oz import olson_zeckhauser
from allied.figures.paths import burden_path
from allied.figures.status import status_rows
from allied.figures.update import update

__all__ = ["KINDS", "SOURCES", "balance", "burden", "burden_path", "burden_years", "defense_pacts", "import_file",
           "import_into", "olson_zeckhauser", "status_rows", "update"]
