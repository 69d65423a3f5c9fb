"""The dashboard's ASGI app: pages, their JSON twins under /api, static assets and one error shape.

Every page ``/NAME?params`` has a twin ``/api/NAME?params`` answering the same document as JSON; both call
the public API through ``allied.web.views``. Nothing is computed here.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import allied
from allied.web import errors
from allied.web.routes import register

HERE = Path(__file__).resolve().parent
PAGES = (("brief", "Brief"), ("obligations", "Obligations"), ("burden", "Burden"), ("events", "Events"),
         ("data", "Data"), ("treaties", "Treaties"))

CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path | None = None) -> FastAPI:
    """The dashboard over the store at ``db`` (default: $ALLIED_DB or the user data dir)."""
    app = FastAPI(title="allied dashboard API", version=allied.__version__,
                  description="JSON twins of the dashboard's pages: every page's document, same parameters.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.db = db
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["pages"] = [p for p in PAGES if p[0] in available_pages()]
    templates.env.globals["version"] = allied.__version__
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    errors.install(app, lambda req, status, body: render(req, "error.html", {"error": body["error"]}, status))
    app.middleware("http")(_security_headers)
    register(app, render)
    return app


def available_pages() -> set[str]:
    """The pages whose engine API exists in this build (the others are left out, not faked)."""
    names = set(allied.__all__)
    needs = {"brief": {"brief"}, "obligations": {"obligations"}, "burden": {"burden"},
             "events": {"events"}, "data": {"data_status"}, "treaties": {"treaties"}}
    return {page for page, api in needs.items() if api <= names}


async def _security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
    response: Response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Draw a page; ``doc`` (the JSON twin's document) is embedded for the page's scripts."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if v != ""])
    ctx = {"request": request, "query": query, "doc": None, "error": None, **context}
    ctx["doc_json"] = jsonable_encoder(ctx["doc"])
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, ctx, status_code=status)
