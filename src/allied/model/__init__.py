"""Pure types: no I/O, no imports from higher layers."""

from allied.model.errors import (
    AlliedError,
    DataImportError,
    InputError,
    NotFoundError,
    ReferenceDataError,
)
from allied.model.reference import (
    ATTACK_KINDS,
    STRENGTHS,
    Clause,
    Forum,
    Official,
    Organization,
    Party,
    Place,
    Scope,
    State,
    Suspension,
    Treaty,
)

__all__ = [
    "ATTACK_KINDS",
    "STRENGTHS",
    "AlliedError",
    "Clause",
    "DataImportError",
    "Forum",
    "InputError",
    "NotFoundError",
    "Official",
    "Organization",
    "Party",
    "Place",
    "ReferenceDataError",
    "Scope",
    "State",
    "Suspension",
    "Treaty",
]
