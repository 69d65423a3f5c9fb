"""Bad input is an InputError naming the field and the allowed values; a bad batch line is an error record."""

from __future__ import annotations

import json

import pytest

import allied
from allied import InputError

GOOD = {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"}


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"attacker": "XXX"}, "attacker", "attacker: 'XXX' is not allowed; expected an ISO 3166-1 alpha-3 code"),
    ({"target": "KORR"}, "target", "target: 'KORR' is not allowed; expected an ISO 3166-1 alpha-3 code"),
    ({"date": "1899-12-31"}, "date", "date: '1899-12-31' is not allowed; expected a date from 1900-01-01 on"),
    ({"date": "2025-13-01"}, "date", "date: '2025-13-01' is not allowed; expected a date as YYYY-MM-DD"),
    ({"date": None}, "date", "date: no value was given; expected a date as YYYY-MM-DD"),
    ({"lat": 95, "lon": 10}, "lat", "lat: 95 is not allowed; expected a number from -90 to 90"),
    ({"lat": 10, "lon": -181}, "lon", "lon: -181 is not allowed; expected a number from -180 to 180"),
    ({"lat": "north", "lon": 10}, "lat", "lat: 'north' is not allowed; expected a number from -90 to 90"),
    ({"lat": 10}, "lon", "lon: no value was given; expected lat and lon given together"),
    ({"kind": "cyber"}, "kind",
     "kind: 'cyber' is not allowed; expected one of territory, vessel, aircraft, forces"),
    ({"place": "Xqzzyville"}, "place",
     "place: 'Xqzzyville' is not allowed; expected a known place name, or give lat and lon. it is not in the "
     "gazetteer; give lat and lon"),
    ({"place": "Yongsan"}, "place",
     "place: 'Yongsan' is not allowed; expected a known place name, or give lat and lon. it is known but has no "
     "coordinates; give lat and lon"),
    ({"attacker": "KOR"}, "target", "target: 'KOR' is not allowed; expected a state other than the attacker"),
    ({"request": "yes"}, "request", "request: 'yes' is not allowed; expected true or false"),
    ({"kind": "vessel", "target": None}, "target", "target: no value was given; expected the state whose vessel"),
])
def test_bad_input_names_the_field(change: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        allied.obligations(GOOD | change)
    assert err.value.field == field
    assert str(err.value).startswith(message)


def test_bad_cascade_and_not_an_object() -> None:
    with pytest.raises(InputError, match="cascade: -1 is not allowed"):
        allied.obligations(GOOD, cascade=-1)
    with pytest.raises(InputError, match="attack: 'Seoul' is not allowed"):
        allied.obligations("Seoul")  # type: ignore[arg-type]


def test_batch_one_bad_line_the_rest_run_in_order() -> None:
    lines = [
        json.dumps({"id": "c1", "attack": GOOD | {"lat": 37.57, "lon": 126.98, "kind": "territory"}}),
        "{not json",
        json.dumps({"id": "c3", "attack": GOOD | {"attacker": "ZZZ"}}),
        json.dumps({"id": "c4"}),
        "",
        json.dumps({"id": "c5", "attack": {"attacker": "CHN", "place": "Naha, Okinawa", "date": "2025-11-04"}}),
    ]
    out = allied.obligations_batch(lines)
    assert [r["id"] for r in out] == ["c1", "line 2", "c3", "c4", "c5"]
    assert [(o["state"], o["treaty"], o["article"]) for o in out[0]["obligations"]] == [("USA", "US_ROK_MDT", "III")]
    assert out[1] == {"id": "line 2", "error": "line 2: not valid JSON (Expecting property name enclosed in double "
                                               "quotes)"}
    assert out[2]["id"] == "c3" and out[2]["error"].startswith("attacker: 'ZZZ' is not allowed")
    assert out[3] == {"id": "c4", "error": "attack: missing; expected an object with attacker, target, place or "
                                           "lat/lon, date, kind"}
    assert [(o["state"], o["treaty"], o["article"]) for o in out[4]["obligations"]] == [("USA", "US_JPN_TMCS", "V")]
    assert set(out[0]) >= {"id", "obligations", "contested"}
