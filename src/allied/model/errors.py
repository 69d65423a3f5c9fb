"""One exception root for allied: every error names the bad value, what is allowed and what to do."""

from __future__ import annotations


class AlliedError(Exception):
    """Root of every error allied raises on purpose."""


class InputError(AlliedError, ValueError):
    """A value given by the user is not allowed.

    ``field`` names the input, ``value`` the bad value and ``allowed`` what would have been accepted.
    """

    def __init__(self, field: str, value: object, allowed: str, hint: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        given = "no value was given" if value is None else f"{value!r} is not allowed"  # never 'None'
        msg = f"{field}: {given}; expected {allowed}"
        if hint:
            msg += f". {hint}"
        super().__init__(msg)


class ReferenceDataError(AlliedError):
    """An authored reference file is wrong: names the file, the row and the problem."""

    def __init__(self, file: str, row: str, problem: str) -> None:
        self.file = file
        self.row = row
        self.problem = problem
        super().__init__(f"{file}, {row}: {problem}")


class DataImportError(AlliedError):
    """An official release file could not be imported; the store is left as it was."""

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")


class NotFoundError(AlliedError, LookupError):
    """A looked-up thing (treaty, official, place, document) is not known."""
