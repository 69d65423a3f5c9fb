"""One error shape for every 4xx (and the rare 5xx): ``{"error": {"type", "message", "field"?}}``.

allied's own errors map to statuses here; the JSON API answers with the shape, pages show the message.
A message never carries a path on this machine, and an unexpected error never shows its internals: the
server's log has them, under the incident number the answer gives.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from allied.model import AlliedError, InputError, NotFoundError, ReferenceDataError
from allied.store import StoreBusy

log = logging.getLogger("allied.web")


class PayloadTooLarge(InputError):
    """An upload or pasted article larger than the dashboard accepts (413)."""

    status = 413


class UnsupportedMedia(InputError):
    """An upload that is not text (415)."""

    status = 415


# an absolute path on this machine (POSIX under a usual top folder, or a Windows drive)
LOCAL_PATH = re.compile(r"(?<![\w.:/])(?:/(?:home|root|tmp|var|usr|opt|work|etc|mnt|srv|run|media|private|Users|"
                        r"Library|nix|proc|dev|data)(?:/[^\s'\"<>,;:)]*)?|[A-Za-z]:\\[^\s'\"<>,;:)]*)")


def status_of(exc: AlliedError) -> int:
    """The HTTP status for one of allied's errors."""
    if isinstance(exc, StoreBusy):
        return 503
    status = getattr(exc, "status", None)
    if isinstance(status, int):
        return status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ReferenceDataError):
        return 500  # the package's own data is wrong: not the user's fault
    return 400


def error_body(kind: str, message: str, field: str | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"type": kind, "message": message}
    if field:
        err["field"] = field
    return {"error": err}


def public(message: str) -> str:
    """``message`` without paths on this machine."""
    return LOCAL_PATH.sub("(a local file)", message)


def body_of(exc: AlliedError) -> dict[str, Any]:
    field = exc.field if isinstance(exc, InputError) else None
    if isinstance(exc, StoreBusy):
        message = (f"the store is busy: another allied process is writing it; retry in {exc.retry_after} s")
        return error_body("StoreBusy", message)
    return error_body(type(exc).__name__, public(str(exc)), field)


def retry_after(exc: AlliedError) -> dict[str, str]:
    """The ``Retry-After`` header of a 503 (a busy store, or too many briefs at once)."""
    seconds = getattr(exc, "retry_after", None)
    return {"Retry-After": str(seconds)} if isinstance(seconds, int) else {}


def _validation_body(exc: RequestValidationError) -> dict[str, Any]:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "body", "path", "form")]
    field = ".".join(loc) or None
    if first.get("type") == "missing":
        message = f"{field or 'request'}: a value is required"
    else:
        message = public(f"{field or 'request'}: {first.get('input')!r} is not allowed; {first.get('msg', 'invalid')}")
    return error_body("InputError", message, field)


def _http_body(exc: StarletteHTTPException) -> dict[str, Any]:
    kinds = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge", 415: "UnsupportedMedia"}
    return error_body(kinds.get(exc.status_code, "HTTPError"), public(str(exc.detail)))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.endswith(".json")


def install(app: Any, render_error: Any) -> None:
    """Register the handlers; ``render_error(request, status, body)`` draws the HTML error page."""

    def reply(request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
        if _wants_json(request):
            response: Response = JSONResponse(body, status_code=status)
        else:
            response = render_error(request, status, body)
        response.headers.update(headers or {})
        return response

    app.state.reply = reply

    @app.exception_handler(AlliedError)
    async def allied_error(request: Request, exc: AlliedError) -> Response:
        return reply(request, status_of(exc), body_of(exc), retry_after(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return reply(request, 400, _validation_body(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return reply(request, exc.status_code, _http_body(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        incident = secrets.token_hex(4)
        log.exception("incident %s: unexpected error on %s", incident, request.url.path)
        return reply(request, 500, error_body("InternalError", f"an unexpected error (incident {incident}); the "
                                                              "server's log has the details"))
