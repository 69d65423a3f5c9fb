"""The dashboard's ASGI app: pages, their JSON twins under /api, static assets and one error shape.

Every page ``/NAME?params`` has a twin ``/api/NAME?params`` answering the same document as JSON; both call
the public API through ``allied.web.views``. Nothing is computed here.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import allied
from allied.model import ATTACK_KINDS
from allied.web import errors, views
from allied.web.articles import Articles, folder_for
from allied.web.brief import BodyLimit
from allied.web.cache import Memo
from allied.web.filters import FILTERS
from allied.web.guard import Gate, Guard, allowed_hosts
from allied.web.routes import register

HERE = Path(__file__).resolve().parent
PAGES = (("brief", "Brief"), ("obligations", "Obligations"), ("burden", "Burden"), ("events", "Events"),
         ("data", "Data"), ("treaties", "Treaties"))

CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path | None = None, host: str | None = None, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The dashboard over the store at ``db`` (default: $ALLIED_DB or the user data dir), answering requests
    addressed to loopback names, to ``host`` (the address it is bound to) and to ``hosts``."""
    app = FastAPI(title="allied dashboard API", version=allied.__version__,
                  description="JSON twins of the dashboard's pages: every page's document, same parameters.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.db = db
    app.state.memo = Memo()
    app.state.articles = Articles(folder_for(db))
    app.state.gates = {"brief": Gate(limit=2, queue=64, wait=30.0)}
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["pages"] = [p for p in PAGES if p[0] in available_pages()]
    templates.env.globals["version"] = allied.__version__
    templates.env.globals["treaty_ids"] = [t["id"] for t in allied.treaties()]
    templates.env.globals["state_codes"] = [s for s in views.states_view()["states"] if not s["historic"]]
    templates.env.globals["state_names"] = {s["iso3"]: s["name"] for s in views.states_view()["states"]}
    templates.env.globals["attack_kinds"] = ATTACK_KINDS
    templates.env.filters.update(FILTERS)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    errors.install(app, _render_error)
    app.add_middleware(BodyLimit)
    app.add_middleware(Guard, hosts=allowed_hosts(host, hosts))
    app.add_middleware(SecurityHeaders)
    register(app, render)
    return app


def available_pages() -> set[str]:
    """The pages whose engine API exists in this build (the others are left out, not faked)."""
    names = set(allied.__all__)
    needs = {"brief": {"brief", "render_brief"}, "obligations": {"obligations", "coverage"},
             "burden": {"burden", "burden_path", "olson_zeckhauser"},
             "events": {"events", "itinerary"}, "data": {"data_status"}, "treaties": {"treaties"}}
    return {page for page, api in needs.items() if api <= names}


class SecurityHeaders:
    """Adds the content security policy (only this server) and related headers to every response; a plain
    ASGI middleware, so it costs next to nothing per request. The referrer goes to this server only
    (``same-origin``; with ``no-referrer`` browsers send ``Origin: null`` on the dashboard's own forms)."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"same-origin")]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Draw a page; ``doc`` (the JSON twin's document) is embedded for the page's scripts."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if v != ""])
    ctx = {"request": request, "query": query, "doc": None, "error": None, **context}
    ctx["doc_json"] = jsonable_encoder(ctx["doc"])
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, ctx, status_code=status)


def _render_error(request: Request, status: int, body: dict[str, Any]) -> HTMLResponse:
    """A page's own form with the message when its parameters are bad; else the plain error page."""
    name = request.url.path.strip("/")
    pages = {slug for slug, _ in request.app.state.templates.env.globals["pages"]}
    context = {"error": body["error"], "params": dict(request.query_params)}
    return render(request, f"{name}.html" if name in pages else "error.html", context, status)
