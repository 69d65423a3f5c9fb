"""`allied obligations --batch` through the CLI, from a file and from stdin: hostile JSON Lines (the issue's
reproductions — deep JSON, a 5,000-digit number, "cascade": "two", a huge latitude, bytes not UTF-8, a lone
surrogate — mixed with good lines) give one output line per input line, in order, each with its id; exit 1
when any failed; within 5 s per input; never a traceback. (tests/obligations/test_hostile_input.py fuzzes
the API and the batch reader themselves.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import allied
from allied.cli import app
from tests.hostile.conftest import budget

GOOD = {"attacker": "PRK", "target": "KOR", "place": "Seoul", "date": "2025-11-04"}
ISSUE = [
    b'{"id": "deep", "attack": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b'{"id": "digits", "attack": {"lat": ' + b"9" * 5000 + b', "lon": 127, "date": "2025-11-04"}}',
    json.dumps({"id": "cascade", "attack": GOOD, "cascade": "two"}).encode(),
    json.dumps({"id": "lat", "attack": {**GOOD, "place": None, "lat": 1e308, "lon": 127}}).encode(),
    b'{"id": "latin1", "attack": {"place": "S\xe9oul"}}',
    b'{"id": "surrogate", "attack": {"place": "\\ud800"}}',
    b'{"id": "nan", "attack": {"lat": NaN, "lon": Infinity}}',
    b"\xff\xfe\x00{",
]
LINE = st.one_of(
    st.sampled_from(ISSUE),
    st.just(json.dumps({"id": "good", "attack": GOOD}).encode()),
    st.dictionaries(st.sampled_from(["attacker", "target", "place", "lat", "lon", "date", "kind", "cascade"]),
                    st.one_of(st.text(max_size=12), st.floats(), st.integers(), st.none(),
                              st.sampled_from(["PRK", "KOR", "Guam", "2025-11-04", "vessel"])), max_size=6)
      .map(lambda a: json.dumps({"id": "f", "attack": a}).encode()),
    st.binary(max_size=60).filter(lambda b: b.strip() and b"\n" not in b and b"\r" not in b),
)
FUZZ = settings(max_examples=20, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def warm() -> None:
    allied.obligations(GOOD)  # geography and treaties loaded outside the measured inputs


def _answers(result: object, lines: list[bytes]) -> list[dict[str, object]]:
    exc = getattr(result, "exception", None)
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    assert getattr(result, "exit_code", None) in (0, 1), getattr(result, "stderr", "")
    out = [json.loads(x) for x in getattr(result, "stdout", "").splitlines() if x.strip()]
    assert len(out) == len([ln for ln in lines if ln.strip()]), "one answer per line"
    return out


@FUZZ
@given(st.lists(LINE, min_size=1, max_size=4), st.booleans())
def test_any_batch_from_a_file_or_stdin(tmp_path_factory: pytest.TempPathFactory, warm: None, lines: list[bytes],
                                        stdin: bool) -> None:
    data = b"\n".join(lines)
    with budget(f"obligations --batch ({len(lines)} lines)"):
        if stdin:
            result = CliRunner().invoke(app, ["obligations", "--batch", "-", "--format", "jsonl"], input=data)
        else:
            path = tmp_path_factory.mktemp("batch") / "in.jsonl"
            path.write_bytes(data)
            result = CliRunner().invoke(app, ["obligations", "--batch", str(path), "--format", "jsonl"])
    out = _answers(result, lines)
    failed = [r for r in out if r.get("error")]
    assert (getattr(result, "exit_code", None) == 1) == bool(failed)
    assert all("internal error" not in str(r.get("error", "")) for r in out), failed


def test_the_issues_lines_each_fail_alone(tmp_path: Path, warm: None) -> None:
    path = tmp_path / "issue.jsonl"
    lines = [json.dumps({"id": "first", "attack": GOOD}).encode(), *ISSUE,
             json.dumps({"id": "last", "attack": GOOD}).encode()]
    path.write_bytes(b"\n".join(lines))
    with budget("the issue's batch"):
        result = CliRunner().invoke(app, ["obligations", "--batch", str(path), "--format", "jsonl"])
    out = _answers(result, lines)
    assert out[0]["id"] == "first" and out[-1]["id"] == "last"
    assert not out[0].get("error") and not out[-1].get("error"), "good lines around bad ones are answered"
    assert all(r.get("error") for r in out[1:-1] if r.get("id") not in ("lat",)), out[1:-1]
    assert getattr(result, "exit_code", None) == 1
