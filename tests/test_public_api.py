"""The public API is exactly ``allied.__all__``: complete, importable, and nothing private leaks into it."""

from __future__ import annotations

import inspect

import allied


def test_all_names_exist_and_are_sorted() -> None:
    assert all(hasattr(allied, name) for name in allied.__all__)
    assert list(allied.__all__) == sorted(allied.__all__)
    assert len(set(allied.__all__)) == len(allied.__all__)


def test_all_is_complete() -> None:
    public = {
        name for name, obj in vars(allied).items()
        if not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
        and getattr(obj, "__module__", "").startswith("allied")
    }
    assert public <= set(allied.__all__), f"public but not in __all__: {sorted(public - set(allied.__all__))}"


def test_public_api_is_pinned() -> None:
    """Adding or removing a public name is a decision: change this list with it."""
    assert allied.__all__ == [
        "AlliedError", "DataImportError", "InputError", "NotFoundError", "Reference", "ReferenceDataError", "Treaty",
        "__version__", "balance", "balance_chart", "brief", "burden", "burden_chart", "burden_path",
        "burden_report", "connect", "coverage", "data_status", "defense_pacts", "events", "extract", "find_officials",
        "import_data", "ingest",
        "itinerary", "itinerary_map", "mutual_obligations", "obligations", "obligations_batch", "olson_zeckhauser",
        "reference", "render_brief", "treaties", "treaty", "treaty_record", "update_data",
    ]
