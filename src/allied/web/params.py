"""The query parameters of each page and of its JSON twin (the same model serves both)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Blank(BaseModel):
    """Query parameters where an empty field of a form means 'not given'; numbers are finite (JSON has no
    NaN or infinity)."""

    model_config = ConfigDict(allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and v.strip() == "")}
        return data


class TreatiesQuery(Blank):
    state: str | None = Field(None, description="ISO 3166-1 alpha-3 code: only this state's treaties.")
    date: str | None = Field(None, description="YYYY-MM-DD: the date the state must be a party on.")


class OfficialsQuery(Blank):
    q: str = Field(description="A name or alias in any script, e.g. 'Hegseth' or '안규백'.")


class BurdenQuery(Blank):
    alliance: str | None = Field(None, description="Treaty id, e.g. NATO (members: its parties on 31 December).")
    members: str | None = Field(None, description="Ad-hoc coalition instead: ISO3 codes, e.g. USA,KOR,JPN.")
    year: int | None = Field(None, description="Year (default: the source's latest).")
    source: str = Field("sipri", description="sipri | nato | worldbank.")
    country: str | None = Field(None, description="ISO3 code: also the path of this country to a target.")
    target: float | None = Field(None, description="Target share of GDP in percent for the path, e.g. 3.5.")
    by: int | None = Field(None, description="Year the path reaches the target, e.g. 2035.")
    gdp_growth: float | None = Field(None, description="Real GDP growth for the path, % a year "
                                                       "(default: the ten-year trend).")


class ObligationsQuery(Blank):
    attacker: str | None = Field(None, description="ISO3 code of the attacker (empty: an unspecified state).")
    target: str | None = Field(None, description="ISO3 code of the state attacked (default: whoever holds the "
                                                 "point).")
    place: str | None = Field(None, description="A known place (city, state, island), instead of lat/lon.")
    lat: float | None = Field(None, description="Latitude of the attack, -90 to 90.")
    lon: float | None = Field(None, description="Longitude of the attack, -180 to 180.")
    date: str | None = Field(None, description="Date of the attack, YYYY-MM-DD.")
    kind: str = Field("territory", description="territory | vessel | aircraft | forces.")
    request: bool = Field(False, description="The attacked state has asked for assistance.")
    conditions: str | None = Field(None, description="Other conditions of the registry as NAME=true|false, comma "
                                                     "separated, e.g. state_of_war=false,communist_aggressor=true.")
    cascade: int = Field(0, description="Rounds of cascade: the attacker then strikes the homelands of those bound.")
    coverage: bool = Field(False, description="Also the coverage grid for the attacker and date (GeoJSON).")
    resolution: float = Field(2.0, ge=1.0, le=10.0,
                              description="Coverage grid cell size in degrees, dividing 180: the dashboard draws "
                                          "1 to 10 (finer grids with `allied obligations coverage`).")


class EventsQuery(Blank):
    country: str | None = Field(None, description="ISO3 code of a state taking part.")
    person: str | None = Field(None, description="A person's name or id (also gives the person's itinerary).")
    forum: str | None = Field(None, description="A forum's name or id, e.g. ADMM-Plus.")
    start: str | None = Field(None, description="From this date, YYYY-MM-DD.")
    end: str | None = Field(None, description="To this date, YYYY-MM-DD.")
    page: int = Field(1, ge=1, le=1_000_000, description="Page of the events in date order (100 a page).")


class BriefQuery(Blank):
    article: str | None = Field(None, description="Id of a pasted or uploaded article (POST /api/brief gives it).")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD (dates in the text are read "
                                                    "against it).")


class BriefRenderQuery(BriefQuery):
    format: str = Field("html", description="html (one self-contained offline page) | markdown | text | json.")
