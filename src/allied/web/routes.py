"""Every route of the dashboard: each page with its JSON twin, plus the reference look-ups."""

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse

from allied.web import brief, views
from allied.web.params import BurdenQuery, EventsQuery, ObligationsQuery, OfficialsQuery, TreatiesQuery
from allied.web.twins import ERROR_RESPONSES, NoQuery, Render, add_twin


def register(app: FastAPI, render: Render) -> None:
    names = {p[0] for p in app.state.templates.env.globals["pages"]}

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return render(request, "home.html", {})

    add_twin(app, render, "data", NoQuery, lambda q, db: views.data_view(db),
             "What is loaded, from which release, with coverage.", always=True, memo=False)
    add_twin(app, render, "treaties", TreatiesQuery, lambda q, db: views.treaties_view(q),
             "Treaties, or those a state is party to on a date.", always=True)
    _treaty_routes(app, render)
    _reference_routes(app)
    if "obligations" in names:
        add_twin(app, render, "obligations", ObligationsQuery, views.obligations_view,
                 "Who is bound to respond to an attack (treaty, article, strength, reason, quotation), who is "
                 "contested, cascades, and the coverage grid for the attacker and date.",
                 inline=lambda q: not q.coverage)  # a coverage grid takes longer: in a thread
    if "brief" in names:
        brief.register(app, render)
    if "events" in names:
        add_twin(app, render, "events", EventsQuery, views.events_view,
                 "Ingested events filtered by state, person, forum and dates, each with its sources and "
                 "sentences; with a person, the itinerary.", always=True)
    if "burden" in names:
        add_twin(app, render, "burden", BurdenQuery, views.burden_view,
                 "Burden sharing of an alliance or coalition in a year, the Olson-Zeckhauser test, and a "
                 "country's path to a target.", inline=True)


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
