"""A page and its JSON twin: ``/NAME`` and ``/api/NAME`` share one query model and one document builder,
so the page always shows exactly what the API answers."""

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from allied.model import AlliedError
from allied.web import errors
from allied.web.cache import Memo, store_version
from allied.web.guard import Gate

Render = Callable[..., HTMLResponse]
Build = Callable[[Any, Any], dict[str, Any]]
Inline = bool | Callable[[Any], bool]  # run new work on the event loop (for a query)

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": 'Bad input: {"error": {"type", "message", "field"}}'},
    404: {"description": 'Not found: {"error": {"type", "message"}}'},
    413: {"description": 'Too large: {"error": {"type", "message", "field"}}'},
    415: {"description": 'Not text: {"error": {"type", "message", "field"}}'},
    503: {"description": 'Busy, retry after the Retry-After header\'s seconds: {"error": {"type", "message"}}'},
}


class NoQuery(BaseModel):
    """A page without parameters."""


class Answer:
    """A page's document serialised for the API (``body``), and JSON-ready (``doc``, made when a page or a
    rendering first asks for it: the API only sends the bytes)."""

    def __init__(self, built: Any) -> None:
        self._built, self._doc = built, None
        # fastapi's jsonable_encoder only for what the json module cannot write itself (dates, dataclasses,
        # models): the same bytes, without walking every value of a large document in Python
        self.body = json.dumps(built, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                               default=jsonable_encoder).encode()

    @property
    def doc(self) -> Any:
        if self._doc is None:
            self._doc = jsonable_encoder(self._built)
        return self._doc


def _answer(build: Build, q: BaseModel, db: Any) -> Answer:
    return Answer(build(q, db))


async def answer(request: Request, name: str, q: BaseModel, build: Build, memo: bool,
                 inline: Inline = False) -> Answer:
    """The answer of page ``name`` for query ``q``: memoised per store version if ``memo``. A memoised answer
    is served straight from the event loop; new work runs in the thread pool, or on the event loop itself
    when ``inline`` (for ``q``): work of a few milliseconds of Python costs more CPU handed to a thread
    (measured: 4.3 ms a new obligations answer inline, 10.9 ms through the pool with 50 clients), and the
    threads of one process share one interpreter lock, so they would only take turns."""
    db = request.app.state.db
    if not memo:
        return await run_in_threadpool(_answer, build, q, db)
    key = (name, q.model_dump_json(), str(db), store_version(db))
    cache: Memo = request.app.state.memo
    hit = cache.peek(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    if inline(q) if callable(inline) else inline:
        return cache.get(key, lambda: _answer(build, q, db))  # type: ignore[no-any-return]
    gate: Gate | None = request.app.state.gates.get(name)
    if gate is None:
        return await run_in_threadpool(cache.get, key, lambda: _answer(build, q, db))  # type: ignore[no-any-return]
    async with gate.slot(name):  # heavy work (a new brief) runs a few at a time
        return await run_in_threadpool(cache.get, key, lambda: _answer(build, q, db))  # type: ignore[no-any-return]


def add_twin(app: FastAPI, render: Render, name: str, model: type[BaseModel], build: Build,
             summary: str, always: bool = False, memo: bool = True, inline: Inline = False) -> None:
    """``GET /api/NAME`` answers ``build(query, db)`` as JSON; ``GET /NAME`` draws it with NAME.html.

    The page shows only its form until it has parameters, unless ``always``.
    """

    async def api(request: Request, q: Annotated[model, Query()]) -> Response:  # type: ignore[valid-type]
        return Response((await answer(request, name, q, build, memo, inline)).body, media_type="application/json")

    async def page(request: Request, q: Annotated[model, Query()]) -> HTMLResponse:  # type: ignore[valid-type]
        ctx: dict[str, Any] = {"params": q}
        if not (always or request.query_params):
            return render(request, f"{name}.html", ctx)
        try:
            ctx["doc"] = (await answer(request, name, q, build, memo, inline)).doc
        except AlliedError as exc:
            ctx["error"] = errors.body_of(exc)["error"]
            response = render(request, f"{name}.html", ctx, errors.status_of(exc))
            response.headers.update(errors.retry_after(exc))
            return response
        return render(request, f"{name}.html", ctx)

    app.add_api_route(f"/api/{name}", api, methods=["GET"], summary=summary, name=f"api_{name}",
                      response_class=JSONResponse, responses=ERROR_RESPONSES)
    app.add_api_route(f"/{name}", page, methods=["GET"], include_in_schema=False, name=name,
                      response_class=HTMLResponse)
