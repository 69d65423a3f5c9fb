"""Publishers' names to ISO3: country_converter plus explicit overrides; unknown names and merges fail."""

from __future__ import annotations

import pytest

from allied.figures import countries
from allied.model import DataImportError


@pytest.mark.parametrize(("name", "iso3"), [
    ("USSR", "SUN"), ("German Democratic Republic", "DDR"), ("Yugoslavia", "YUG"),
    ("Czechoslovakia", "CSK"), ("Yemen, North", "YAR"), ("Yemen", "YEM"), ("Kosovo", "XKX"),
    ("Korea, South", "KOR"), ("Korea, North", "PRK"), ("United States of America", "USA"),
    ("Türkiye", "TUR"), ("Viet Nam", "VNM"), ("Congo, DR", "COD"), ("Congo, Republic", "COG"),
    ("Gambia, The", "GMB"), ("Cote d'Ivoire", "CIV"), ("Kyrgyz Republic", "KGZ"), ("Timor Leste", "TLS"),
    ("Czechia", "CZE"), ("North Macedonia", "MKD"), ("Eswatini", "SWZ"), ("Cape Verde", "CPV"),
    ("Slovak Republic", "SVK"), ("United States", "USA"), ("Poland*", "POL"), ("Albania   (Leks)", "ALB"),
    ("Czechia*   (Koruny)", "CZE"),
])
def test_names_map_to_iso3(name: str, iso3: str) -> None:
    assert countries.lookup(name) == iso3


def test_every_override_names_its_source() -> None:
    assert all(source for _, source in countries.OVERRIDES.values())
    assert all(source for source in countries.AGGREGATES.values())


def test_aggregates_are_dropped_not_mapped() -> None:
    assert countries.resolve(["European Union", "NATO Total", "Japan"], "f.xlsx") == {"Japan": "JPN"}


def test_unknown_names_are_listed_in_one_error() -> None:
    with pytest.raises(DataImportError) as err:
        countries.resolve(["Japan", "Freedonia", "Ruritania"], "book.xlsx")
    assert err.value.file == "book.xlsx"
    assert "'Freedonia', 'Ruritania'" in err.value.problem


def test_two_names_on_one_code_are_never_merged() -> None:
    with pytest.raises(DataImportError, match="'Korea, South' and 'South Korea' both map to KOR"):
        countries.resolve(["Korea, South", "South Korea"], "book.xlsx")


def test_the_same_name_with_a_star_is_one_entity() -> None:
    assert countries.resolve(["Poland*", "Poland"], "t.xlsx") == {"Poland*": "POL", "Poland": "POL"}
