"""A page and its JSON twin: ``/NAME`` and ``/api/NAME`` share one query model and one document builder,
so the page always shows exactly what the API answers."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from allied.model import AlliedError
from allied.web import errors
from allied.web.cache import Memo, store_version

Render = Callable[..., HTMLResponse]
Build = Callable[[Any, Any], dict[str, Any]]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": 'Bad input: {"error": {"type", "message", "field"}}'},
    404: {"description": 'Not found: {"error": {"type", "message"}}'},
    413: {"description": 'Too large: {"error": {"type", "message", "field"}}'},
    415: {"description": 'Not text: {"error": {"type", "message", "field"}}'},
}


class NoQuery(BaseModel):
    """A page without parameters."""


def document(request: Request, name: str, q: BaseModel, build: Build, memo: bool) -> Any:
    """The JSON-ready document of page ``name`` for query ``q`` (memoised per store version if ``memo``)."""
    db = request.app.state.db
    if not memo:
        return jsonable_encoder(build(q, db))
    key = (name, q.model_dump_json(), str(db), store_version(db))
    cache: Memo = request.app.state.memo
    return cache.get(key, lambda: jsonable_encoder(build(q, db)))


def add_twin(app: FastAPI, render: Render, name: str, model: type[BaseModel], build: Build,
             summary: str, always: bool = False, memo: bool = True) -> None:
    """``GET /api/NAME`` answers ``build(query, db)`` as JSON; ``GET /NAME`` draws it with NAME.html.

    The page shows only its form until it has parameters, unless ``always``.
    """

    def api(request: Request, q: Annotated[model, Query()]) -> Any:  # type: ignore[valid-type]
        return document(request, name, q, build, memo)

    def page(request: Request, q: Annotated[model, Query()]) -> HTMLResponse:  # type: ignore[valid-type]
        ctx: dict[str, Any] = {"params": q}
        if not (always or request.query_params):
            return render(request, f"{name}.html", ctx)
        try:
            ctx["doc"] = document(request, name, q, build, memo)
        except AlliedError as exc:
            ctx["error"] = errors.body_of(exc)["error"]
            return render(request, f"{name}.html", ctx, errors.status_of(exc))
        return render(request, f"{name}.html", ctx)

    app.add_api_route(f"/api/{name}", api, methods=["GET"], summary=summary, name=f"api_{name}",
                      response_model=None, responses=ERROR_RESPONSES)
    app.add_api_route(f"/{name}", page, methods=["GET"], include_in_schema=False, name=name,
                      response_class=HTMLResponse)
