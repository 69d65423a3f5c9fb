"""Registers each page together with its JSON twin: ``/NAME`` and ``/api/NAME`` share one query model
and one document builder, so the page always shows exactly what the API answers."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from allied.model import AlliedError
from allied.web import engines, errors, views
from allied.web.params import OfficialsQuery, TreatiesQuery

Render = Callable[..., HTMLResponse]
Build = Callable[[Any, Any], dict[str, Any]]


class NoQuery(BaseModel):
    """A page without parameters."""


def add_twin(app: FastAPI, render: Render, name: str, model: type[BaseModel], build: Build,
             summary: str, always: bool = False) -> None:
    """``GET /api/NAME`` answers ``build(query, db)`` as JSON; ``GET /NAME`` draws it with NAME.html.

    The page shows only its form until it has parameters, unless ``always``.
    """

    def api(request: Request, q: Annotated[model, Query()]) -> Any:  # type: ignore[valid-type]
        return jsonable_encoder(build(q, request.app.state.db))

    def page(request: Request, q: Annotated[model, Query()]) -> HTMLResponse:  # type: ignore[valid-type]
        ctx: dict[str, Any] = {"params": q}
        if not (always or request.query_params):
            return render(request, f"{name}.html", ctx)
        try:
            ctx["doc"] = build(q, request.app.state.db)
        except AlliedError as exc:
            ctx["error"] = errors.body_of(exc)["error"]
            return render(request, f"{name}.html", ctx, errors.status_of(exc))
        return render(request, f"{name}.html", ctx)

    app.add_api_route(f"/api/{name}", api, methods=["GET"], summary=summary, name=f"api_{name}",
                      response_model=None, responses=ERROR_RESPONSES)
    app.add_api_route(f"/{name}", page, methods=["GET"], include_in_schema=False, name=name,
                      response_class=HTMLResponse)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": 'Bad input: {"error": {"type", "message", "field"}}'},
    404: {"description": 'Not found: {"error": {"type", "message"}}'},
}


def register(app: FastAPI, render: Render) -> None:
    pages = app.state.templates.env.globals["pages"]
    names = {p[0] for p in pages}

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return render(request, "home.html", {})

    add_twin(app, render, "data", NoQuery, lambda q, db: views.data_view(db),
             "What is loaded, from which release, with coverage.", always=True)
    add_twin(app, render, "treaties", TreatiesQuery, lambda q, db: views.treaties_view(q),
             "Treaties, or those a state is party to on a date.", always=True)
    _treaty_routes(app, render)
    _reference_routes(app)
    engines.register(app, render, names)


def _treaty_routes(app: FastAPI, render: Render) -> None:
    @app.get("/api/treaties/{treaty_id}", summary="One treaty: parties with dates, clauses with quotations.",
             responses=ERROR_RESPONSES)
    def api_treaty(treaty_id: str) -> Any:
        return jsonable_encoder(views.treaty_view(treaty_id))

    @app.get("/treaties/{treaty_id}", include_in_schema=False)
    def treaty_page(request: Request, treaty_id: str) -> HTMLResponse:
        return render(request, "treaty.html", {"doc": views.treaty_view(treaty_id)})


def _reference_routes(app: FastAPI) -> None:
    @app.get("/api/states", summary="States of the reference model with the basemap's numeric codes.")
    def api_states() -> Any:
        return views.states_view()

    @app.get("/api/officials", summary="Officials matching a name in any script.", responses=ERROR_RESPONSES)
    def api_officials(q: Annotated[OfficialsQuery, Query()]) -> Any:
        return jsonable_encoder(views.officials_view(q))
