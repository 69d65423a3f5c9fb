"""The query parameters of each page and of its JSON twin (the same model serves both)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TreatiesQuery(BaseModel):
    state: str | None = Field(None, description="ISO 3166-1 alpha-3 code: only this state's treaties.")
    date: str | None = Field(None, description="YYYY-MM-DD: the date the state must be a party on.")


class OfficialsQuery(BaseModel):
    q: str = Field(description="A name or alias in any script, e.g. 'Hegseth' or '안규백'.")
