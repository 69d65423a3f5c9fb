"""Load and validate the authored reference files; every error names the file, the row and the problem."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from allied.model import (
    ATTACK_KINDS,
    STRENGTHS,
    Clause,
    Forum,
    Official,
    Organization,
    Party,
    Place,
    ReferenceDataError,
    Scope,
    State,
    Suspension,
    Treaty,
)
from allied.model.sovereignty import Regime, TerritoryPeriod
from allied.reference.sovereignty import load_sovereignty
from allied.reference.states import load_aliases, load_states

DATA_DIR = Path(__file__).parent / "data"
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TRIGGERS = ("armed_attack", "threat")
CONDITIONS = ("request", "state_of_war", "defensive_only", "communist_aggressor_for_usa", "administration")


@dataclass(frozen=True)
class Reference:
    """The whole reference model, validated."""

    states: dict[str, State]
    scopes: dict[str, Scope]
    treaties: dict[str, Treaty]
    officials: tuple[Official, ...]
    organizations: dict[str, Organization]
    forums: dict[str, Forum]
    places: dict[str, Place]
    data_dir: Path = field(default=DATA_DIR)
    aliases: dict[str, str] = field(default_factory=dict)  # input-only codes, e.g. ROC -> TWN
    territories: tuple[TerritoryPeriod, ...] = ()  # dated sovereignty (sovereignty.toml)
    regimes: tuple[Regime, ...] = ()


class _Rows:
    """Reads one TOML file and checks rows, naming file and row in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with open(path, "rb") as fh:
                self.data: dict[str, Any] = tomllib.load(fh)
        except FileNotFoundError:
            raise ReferenceDataError(path.name, "-", "file is missing") from None
        except tomllib.TOMLDecodeError as exc:
            raise ReferenceDataError(path.name, "-", f"not valid TOML ({exc})") from None

    def fail(self, row: str, problem: str) -> ReferenceDataError:
        return ReferenceDataError(self.path.name, row, problem)

    def rows(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        out = []
        for i, row in enumerate(self.data.get(table, []), start=1):
            where = f"{table} #{i} ({row.get('id') or row.get('article') or row.get('iso3') or '?'})"
            if not str(row.get("source", "")).strip():
                raise self.fail(where, "missing source: every fact must name where it comes from")
            out.append((where, row))
        return out

    def date(self, row: str, value: Any, name: str, required: bool = True) -> dt.date | None:
        if value in (None, ""):
            if required:
                raise self.fail(row, f"{name} is missing")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(row, f"{name} {value!r} is not a date (YYYY-MM-DD)") from None

    def partial(self, row: str, value: str, name: str) -> str:
        if value and not PARTIAL_DATE.match(value):
            raise self.fail(row, f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if value:
            _check_calendar(self, row, value, name)
        return value

    def state(self, row: str, code: str, states: dict[str, State], name: str = "state") -> str:
        if code not in states:
            raise self.fail(row, f"{name} {code!r} is not a known state code (ISO 3166-1 alpha-3 or historic id)")
        return code

    def choice(self, row: str, value: str, allowed: tuple[str, ...], name: str) -> str:
        if value not in allowed:
            raise self.fail(row, f"{name} {value!r} is not one of {', '.join(allowed)}")
        return value


def _check_calendar(rows: _Rows, row: str, value: str, name: str) -> None:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise rows.fail(row, f"{name} {value!r} is not a real calendar date") from None


def _ordered(rows: _Rows, row: str, first: Any, second: Any, names: str) -> None:
    if first and second and str(second) < str(first):
        raise rows.fail(row, f"dates out of order: {names} ({first} > {second})")


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else tuple(v for v in str(value or "").split("|") if v)


def _load_treaties(path: Path, states: dict[str, State]) -> tuple[dict[str, Scope], dict[str, Treaty]]:
    rows = _Rows(path)
    scopes = {r["id"]: Scope(r["id"], r.get("description", ""), r["source"]) for _, r in rows.rows("scope")}
    treaties: dict[str, Treaty] = {}
    for where, r in rows.rows("treaty"):
        tid = r.get("id", "")
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", tid):
            raise rows.fail(where, f"treaty id {tid!r} must be upper case letters, digits and '_'")
        if tid in treaties:
            raise rows.fail(where, f"treaty id {tid!r} appears twice")
        signed = rows.date(where, r.get("signed"), "signed")
        in_force = rows.date(where, r.get("in_force"), "in_force")
        terminated = rows.date(where, r.get("terminated"), "terminated", required=False)
        _ordered(rows, where, signed, in_force, "signed after in_force")
        _ordered(rows, where, in_force, terminated, "in_force after terminated")
        treaties[tid] = Treaty(
            id=tid, name=r.get("name", tid), signed=signed, in_force=in_force,  # type: ignore[arg-type]
            terminated=terminated, source=r["source"], notes=r.get("notes", ""),
            parties=_parties(rows, where, r, states),
            suspensions=_suspensions(rows, where, r, states),
            clauses=_clauses(rows, where, r, tid, scopes),
        )
    return scopes, treaties


def _sub(rows: _Rows, where: str, r: dict[str, Any], table: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for i, sub in enumerate(r.get(table, []), start=1):
        sw = f"{where} {table} #{i}"
        if not str(sub.get("source", "")).strip():
            raise rows.fail(sw, "missing source: every fact must name where it comes from")
        out.append((sw, sub))
    return out


def _parties(rows: _Rows, where: str, r: dict[str, Any], states: dict[str, State]) -> tuple[Party, ...]:
    out = []
    for sw, p in _sub(rows, where, r, "party"):
        codes = p.get("states") or ([p["state"]] if p.get("state") else [])
        if not codes:
            raise rows.fail(sw, "no states given")
        start = rows.date(sw, p.get("start"), "start")
        end = rows.date(sw, p.get("end"), "end", required=False)
        _ordered(rows, sw, start, end, "start after end")
        status = rows.choice(sw, p.get("status", "party"), ("party", "contested"), "status")
        for code in codes:
            rows.state(sw, code, states)
            out.append(Party(code, start, end, status, p.get("note", ""), p["source"]))  # type: ignore[arg-type]
    return tuple(out)


def _suspensions(rows: _Rows, where: str, r: dict[str, Any], states: dict[str, State]) -> tuple[Suspension, ...]:
    out = []
    for sw, s in _sub(rows, where, r, "suspension"):
        start = rows.date(sw, s.get("start"), "start")
        end = rows.date(sw, s.get("end"), "end", required=False)
        _ordered(rows, sw, start, end, "start after end")
        out.append(Suspension(
            obligor=rows.state(sw, s.get("obligor", ""), states, "obligor"),
            beneficiary=rows.state(sw, s.get("beneficiary", ""), states, "beneficiary"),
            start=start, end=end,  # type: ignore[arg-type]
            effect=rows.choice(sw, s.get("effect", "suspended"), ("suspended", "contested"), "effect"),
            note=s.get("note", ""), source=s["source"],
        ))
    return tuple(out)


def _clauses(rows: _Rows, where: str, r: dict[str, Any], tid: str, scopes: dict[str, Scope]) -> tuple[Clause, ...]:
    out = []
    for sw, c in _sub(rows, where, r, "clause"):
        for scope in c.get("scope", []):
            if scope not in scopes:
                raise rows.fail(sw, f"scope {scope!r} is not defined; defined scopes: {', '.join(sorted(scopes))}")
        for kind in c.get("kinds", []):
            rows.choice(sw, kind, ATTACK_KINDS, "kind")
        for cond in c.get("conditions", []):
            rows.choice(sw, cond, CONDITIONS, "condition")
        if not c.get("quote"):
            raise rows.fail(sw, "missing quote")
        out.append(Clause(
            treaty=tid, article=str(c.get("article", "")),
            strength=rows.choice(sw, c.get("strength", ""), STRENGTHS, "strength"),
            trigger=rows.choice(sw, c.get("trigger", ""), TRIGGERS, "trigger"),
            scope=tuple(c.get("scope", [])), kinds=tuple(c.get("kinds", [])), quote=c["quote"],
            source=c["source"], conditions=tuple(c.get("conditions", [])),
            verified=bool(c.get("verified", True)), note=c.get("note", ""), kinds_note=c.get("kinds_note", ""),
        ))
    return tuple(out)


def _load_officials(path: Path, states: dict[str, State]) -> tuple[Official, ...]:
    rows = _Rows(path)
    out = []
    for where, r in rows.rows("official"):
        start = rows.partial(where, r.get("start", ""), "start")
        end = rows.partial(where, r.get("end", ""), "end")
        _ordered(rows, where, start, end, "start after end")
        out.append(Official(
            id=r["id"], name=r["name"], country=rows.state(where, r.get("country", ""), states, "country"),
            role=r.get("role", ""), organization=r.get("organization", ""), start=start, end=end,
            source=r["source"], aliases=_tuple(r.get("aliases")), native_name=r.get("native_name", ""),
            notes=r.get("notes", ""),
        ))
    return tuple(out)


def _countries(rows: _Rows, where: str, value: str, states: dict[str, State]) -> str:
    for code in filter(None, value.split("|")):
        rows.state(where, code, states, "country")
    return value


def _unique(rows: _Rows, where: str, key: str, seen: dict[str, Any]) -> str:
    if key in seen:
        raise rows.fail(where, f"id {key!r} appears twice")
    return key


def _load_organizations(path: Path, states: dict[str, State]) -> dict[str, Organization]:
    rows = _Rows(path)
    out: dict[str, Organization] = {}
    for where, r in rows.rows("organization"):
        oid = _unique(rows, where, r["id"], out)
        out[oid] = Organization(
            id=oid, name=r["name"], kind=r.get("kind", ""),
            country=_countries(rows, where, r.get("country", ""), states), source=r["source"],
            aliases=_tuple(r.get("aliases")), aliases_unverified=_tuple(r.get("aliases_unverified")),
            notes=r.get("notes", ""),
        )
    return out


def _load_forums(path: Path, states: dict[str, State]) -> dict[str, Forum]:
    rows = _Rows(path)
    out: dict[str, Forum] = {}
    for where, r in rows.rows("forum"):
        fid = _unique(rows, where, r["id"], out)
        participants = _tuple(r.get("participants"))
        for code in participants:
            if re.fullmatch(r"[A-Z]{3}", code):
                rows.state(where, code, states, "participant")
        out[fid] = Forum(
            id=fid, name=r["name"], participants=participants, cadence=r.get("cadence", ""),
            first_held=rows.partial(where, r.get("first_held", ""), "first_held"),
            editions=_tuple(r.get("editions")), source=r["source"], aliases=_tuple(r.get("aliases")),
            aliases_unverified=_tuple(r.get("aliases_unverified")), notes=r.get("notes", ""),
        )
    return out


def _load_places(path: Path, states: dict[str, State]) -> dict[str, Place]:
    rows = _Rows(path)
    out: dict[str, Place] = {}
    for where, r in rows.rows("place"):
        pid = _unique(rows, where, r["id"], out)
        lat, lon = r.get("lat"), r.get("lon")
        if (lat is None) != (lon is None):
            raise rows.fail(where, "lat and lon must be given together")
        if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise rows.fail(where, f"coordinates ({lat}, {lon}) out of range")
        for code in _tuple(r.get("claimants")):
            rows.state(where, code, states, "claimant")
        out[pid] = Place(
            id=pid, name=r["name"], kind=r.get("kind", ""),
            country=_countries(rows, where, r.get("country", ""), states), source=r["source"],
            lat=lat, lon=lon, claimants=_tuple(r.get("claimants")), aliases=_tuple(r.get("aliases")),
            aliases_unverified=_tuple(r.get("aliases_unverified")), notes=r.get("notes", ""),
        )
    return out


def load(data_dir: Path | str | None = None) -> Reference:
    """Load and validate the reference files in ``data_dir`` (default: the package's own)."""
    if data_dir is None:
        return _default()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _default() -> Reference:
    """The package's own reference, validated once per version of its files (and of the libraries state
    names come from) and then read from allied's cache (see ``allied.datacache``)."""
    from allied import datacache

    here = Path(__file__).parent
    code = [here.parent / "model" / "reference.py", *here.glob("*.py")]  # the pickled types and their builders
    files = [*DATA_DIR.glob("*.toml"), *code]
    key = datacache.version_of(files, packages=("babel", "pycountry"), extra=str(DATA_DIR))
    return datacache.pickled("reference", key, lambda: _load(DATA_DIR))


def _load(d: Path) -> Reference:
    states = load_states(d / "states.toml")
    scopes, treaties = _load_treaties(d / "treaties.toml", states)
    officials = _load_officials(d / "officials.toml", states)
    territories, regimes = load_sovereignty(d / "sovereignty.toml", states)
    return Reference(
        states=states, scopes=scopes, treaties=treaties, officials=officials,
        organizations=_load_organizations(d / "organizations.toml", states),
        forums=_load_forums(d / "forums.toml", states), places=_load_places(d / "places.toml", states),
        data_dir=d, aliases=load_aliases(d / "states.toml", states), territories=territories, regimes=regimes,
    )
