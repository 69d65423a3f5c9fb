"""allied's local web dashboard: a thin face over the public API (``allied serve``)."""

from allied.web.app import create_app

__all__ = ["create_app"]
