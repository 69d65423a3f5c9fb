"""The Brief page: paste or upload an article (with an optional publication date) and see its brief.

``POST /brief`` (and ``POST /api/brief``) keep the article and answer with its id; the brief itself lives at
``/brief?article=ID&published=DATE`` and its JSON twin at ``/api/brief`` with the same parameters.
"""

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import allied
from allied.model import AlliedError
from allied.web import errors, views
from allied.web.articles import MAX_BYTES, Articles, check_text, suffix_of
from allied.web.params import BriefQuery, BriefRenderQuery
from allied.web.twins import ERROR_RESPONSES, Answer, Render, add_twin, answer

REQUEST_LIMIT = 3 * MAX_BYTES + 65_536  # room for form encoding; each field is then held to MAX_BYTES
MEDIA = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8",
         "text": "text/plain; charset=utf-8", "json": "application/json"}
FORM_BODY = {"content": {media: {"schema": {"type": "object", "properties": {
    "text": {"type": "string", "description": "The article's text, title on the first line."},
    "file": {"type": "string", "format": "binary", "description": "Or an uploaded .txt or .html file."},
    "published": {"type": "string", "description": "Publication date, YYYY-MM-DD."}}}}
    for media in ("multipart/form-data", "application/x-www-form-urlencoded")}}


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with a 413 before they are read in full."""

    def __init__(self, app: ASGIApp, limit: int = REQUEST_LIMIT) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            exc = errors.PayloadTooLarge("request", f"{int(declared):,} bytes", f"at most {self.limit:,} bytes")
            response = scope["app"].state.reply(Request(scope), 413, errors.body_of(exc))
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise errors.PayloadTooLarge("request", f"more than {self.limit:,} bytes", f"at most {self.limit:,}")
            return message

        await self.app(scope, limited, send)


async def _article(form: FormData) -> tuple[str, str]:
    """The pasted text or the uploaded file (the file wins), checked, with its kind (.txt or .html)."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        suffix = suffix_of(upload.filename)
        if upload.size is not None and upload.size > MAX_BYTES:
            raise errors.PayloadTooLarge("file", f"{upload.size:,} bytes", f"at most {MAX_BYTES:,} bytes of text")
        return check_text(await upload.read(MAX_BYTES + 1), "file"), suffix
    text = form.get("text")
    return check_text(str(text or "").encode("utf-8"), "text"), ".txt"


async def keep(request: Request, form: FormData) -> tuple[BriefQuery, Answer]:
    """Build (memoise) the brief of the form's article, and keep the article once its brief is made."""
    text, suffix = await _article(form)
    articles: Articles = request.app.state.articles
    article_id, staged = articles.stage(text, suffix)
    try:
        q = BriefQuery.model_validate({"article": article_id, "published": form.get("published")})
        done = await answer(request, "brief", q, lambda q, db: views.brief_view(q, db, articles), True)
    except BaseException:
        articles.discard(staged)
        raise
    articles.accept(article_id, staged)
    return q, done


def posted(q: BriefQuery, done: Answer) -> bytes:
    """POST /api/brief's answer: the article's id, published date and link, and its brief, written as
    JSONResponse writes them, with the brief's bytes as its answer serialised them once (not the document
    encoded again: a brief is the largest document the dashboard sends)."""
    head = json.dumps({"article": q.article, "published": q.published, "url": link(q)}, ensure_ascii=False,
                      allow_nan=False, separators=(",", ":")).encode()
    return head[:-1] + b',"brief":' + done.body + b"}"


def link(q: BriefQuery) -> str:
    return "/brief?" + urlencode({k: v for k, v in q.model_dump().items() if v})


def register(app: FastAPI, render: Render) -> None:
    add_twin(app, render, "brief", BriefQuery, lambda q, db: views.brief_view(q, db, app.state.articles),
             "The brief of a kept article: events, itinerary and pledges with their sentences; who is bound to "
             "defend whom among its states; who pays what.")

    @app.post("/api/brief", summary="Keep a pasted or uploaded article and answer its id, link and brief.",
              openapi_extra={"requestBody": FORM_BODY}, responses=ERROR_RESPONSES)
    async def api_post_brief(request: Request) -> Response:
        q, done = await keep(request, await request.form(max_part_size=REQUEST_LIMIT))
        return Response(posted(q, done), media_type="application/json")

    @app.post("/brief", include_in_schema=False)
    async def post_brief(request: Request) -> Response:
        form: FormData | None = None
        try:
            form = await request.form(max_part_size=REQUEST_LIMIT)
            q, _ = await keep(request, form)
        except AlliedError as exc:
            ctx = {"params": {"published": form.get("published") if form else None},
                   "text": str(form.get("text") or "") if form else "", "error": errors.body_of(exc)["error"]}
            return render(request, "brief.html", ctx, errors.status_of(exc))
        return RedirectResponse(link(q), status_code=303)

    @app.get("/api/brief/render", summary="A kept article's brief rendered as html, markdown, text or json.",
             responses=ERROR_RESPONSES, response_class=Response)
    async def api_render_brief(request: Request, q: Annotated[BriefRenderQuery, Query()]) -> Response:
        if q.format not in MEDIA:
            raise allied.InputError("format", q.format, " | ".join(MEDIA))
        base = BriefQuery(article=q.article, published=q.published)
        doc = (await answer(request, "brief", base, lambda q, db: views.brief_view(q, db, app.state.articles),
                            True)).doc
        body = await run_in_threadpool(allied.render_brief, doc, q.format)
        return Response(body, media_type=MEDIA[q.format])
