"""Hostile and careless input (issue 16): one bad batch line is that line's error record, in order, with its
id; the batch goes on and exits 1. A bounded fuzz test over the batch reader and the API/CLI inputs: nothing
but AlliedError escapes, and no input takes more than 5 s (hypothesis' deadline)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import allied
from allied import AlliedError
from allied.cli import app

GOOD = {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"}
FUZZ = settings(max_examples=150, deadline=dt.timedelta(seconds=5), suppress_health_check=list(HealthCheck),
                database=None)


def _line(record: Any) -> bytes:
    return json.dumps(record).encode()


def test_each_bad_line_is_its_own_error_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    deep = b'{"id": "deep", "attack": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    lines = [
        _line({"id": "ok1", "attack": GOOD}),
        deep,
        b'{"id": "long", "attack": {"lat": ' + b"9" * 5000 + b', "lon": 1, "date": "2025-11-04"}}',
        _line({"id": "two", "cascade": "two", "attack": GOOD}),
        _line({"id": "huge", "attack": GOOD | {"lat": 1e308, "lon": 10}}),
        _line({"id": "huger", "attack": GOOD | {"lat": 10**400, "lon": 10}}),
        b'{"id": "latin1", "attack": {"place": "S\xe3o Paulo", "date": "2025-11-04"}}',
        b'{"id": "surrogate", "attack": {"place": "\\ud800", "date": "2025-11-04"}}',
        _line({"id": "ok2", "attack": GOOD}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    res = runner.invoke(app, ["obligations", "--batch", str(src), "--format", "jsonl"])
    assert res.exit_code == 1, res.output
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in out] == ["ok1", "line 2", "line 3", "two", "huge", "huger", "line 7", "line 8", "ok2"]
    errors = {r["id"]: r.get("error") for r in out}
    assert errors["ok1"] is None and errors["ok2"] is None
    assert errors["line 2"] == "line 2: JSON nested too deeply"
    assert errors["line 3"].startswith("line 3: not usable JSON (Exceeds the limit (4300 digits)")
    assert errors["two"] == "cascade: 'two' is not allowed; expected a whole number of rounds from 0 to 50"
    assert errors["huge"] == "lat: 1e+308 is not allowed; expected a number from -90 to 90"
    assert errors["huger"].startswith("lat: '10000000000") and "(401 characters)" in errors["huger"]
    assert errors["line 7"] == "line 7: not valid UTF-8 (byte 0xe3 at position 39)"
    assert errors["line 8"] == "line 8: contains \\ud800, a lone surrogate, which is not valid Unicode"
    assert all("internal error" not in (e or "") for e in errors.values())


def test_exit_codes_all_good_zero_usage_two(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(_line({"id": "a", "attack": GOOD}) + b"\n\n")
    res = runner.invoke(app, ["obligations", "--batch", str(src), "--format", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["a"]
    assert runner.invoke(app, ["obligations", "--batch", str(src), "--cascade", "x"]).exit_code == 2


def test_api_rejects_bad_cascade_and_non_iterables() -> None:
    for bad in (True, -1, 51, "2", 1.5):
        with pytest.raises(allied.InputError, match="cascade"):
            allied.obligations(GOOD, cascade=bad)  # type: ignore[arg-type]
    with pytest.raises(allied.InputError, match="lines_or_records"):
        allied.obligations_batch('{"id": "x"}')  # type: ignore[arg-type]


def test_roc_is_an_input_alias_for_pacts_too() -> None:
    from allied.figures.members import state_codes

    assert state_codes("ROC,USA", field="country") == ["TWN", "USA"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
    max_leaves=12,
)
FIELDS = ("attacker", "target", "place", "lat", "lon", "date", "kind", "request", "state_of_war",
          "communist_aggressor", "cascade", "conditions")
field_values = st.one_of(
    json_values,
    st.sampled_from(["PRK", "KOR", "ROC", "TWN", "SUN", "XNC", "Seoul", "Stanley", "Nicosia", "Nuuk", "1980-05-05",
                     "2025-11-04", "1899-12-31", "territory", "vessel", "aircraft", "forces", "", " "]),
    st.floats(min_value=-200, max_value=200),
)
attacks = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=8)


@FUZZ
@given(attacks)
def test_fuzz_api_raises_only_allied_errors(attack: dict[str, Any]) -> None:
    try:
        result = allied.obligations(attack)
    except AlliedError:
        return
    assert set(result) >= {"obligations", "contested", "territory"}


@FUZZ
@given(st.lists(st.one_of(
    st.binary(max_size=200),
    attacks.map(lambda a: json.dumps({"id": "f", "attack": a}, allow_nan=True).encode()),
    st.builds(lambda a, c: json.dumps({"id": 7, "attack": a, "cascade": c}), attacks, json_values),
    json_values.map(lambda v: json.dumps(v)),
), max_size=4))
def test_fuzz_batch_answers_every_line(lines: list[bytes | str]) -> None:
    out = allied.obligations_batch(lines)
    assert len(out) == sum(1 for line in lines if line.strip())
    for record in out:
        assert "id" in record
        assert "internal error" not in record.get("error", ""), record
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # every record can be written out


@FUZZ
@given(st.lists(st.binary(max_size=120), min_size=1, max_size=3))
def test_fuzz_cli_batch_never_tracebacks(lines: list[bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_bytes(b"\n".join(lines))
        res = CliRunner().invoke(app, ["obligations", "--batch", str(src), "--format", "jsonl"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code in (0, 1)


def test_conditions_registry_every_face_sets_every_condition(runner: CliRunner) -> None:
    from allied.obligations.conditions import names

    assert names() == ("request", "state_of_war", "communist_aggressor")
    import dataclasses

    assert {f.name for f in dataclasses.fields(allied.model.Attack)} == {
        "attacker", "target", "date", "kind", "lat", "lon", "place", "conditions", "id"}  # nothing treaty-specific
    api = allied.obligations(GOOD | {"attacker": "USA", "target": "PRK", "place": "Pyongyang",
                                     "conditions": {"state_of_war": False}})
    assert api["obligations"] == [] and api["attack"]["conditions"] == {"state_of_war": False}
    batch = allied.obligations_batch([json.dumps({"id": "b", "attack": GOOD | {
        "attacker": "USA", "target": "PRK", "place": "Pyongyang", "state_of_war": False}})])
    assert batch[0]["obligations"] == []
    res = runner.invoke(app, ["obligations", "--attacker", "USA", "--target", "PRK", "--place", "Pyongyang",
                              "--date", "2025-11-04", "--condition", "state_of_war=false", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["obligations"] == []
    with pytest.raises(allied.InputError, match="conditions: 'cyber' is not allowed; expected one of request"):
        allied.obligations(GOOD | {"conditions": {"cyber": True}})
    bad = runner.invoke(app, ["obligations", "--place", "Seoul", "--date", "2025-11-04", "--condition", "x"])
    assert bad.exit_code == 1 and "--condition: 'x' is not allowed" in bad.stderr
