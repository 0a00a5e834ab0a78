"""The FastAPI application: JSON API under /api, HTML pages, static files from the package."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from eventledger.serve import api_routes, pages, templating
from eventledger.serve.jobs import Jobs
from eventledger.serve.security import MAX_BODY, BodyLimit, add_headers
from eventledger.store import Store

HERE = Path(__file__).parent

DESCRIPTION = """EventLedger's analyst workspace API: events, reports, statements, documents, actors and sources,
each value with the evidence span it came from. Lists page with an opaque `cursor` (pass the previous
page's `next`). Reading needs no credentials; writing (uploads, corrections) needs the operator's bearer
token (EVENTLEDGER_TOKEN): 401 without one, 403 with a wrong one or when writes are disabled."""


def create_app(
    store: Store, *, write_token: str | None = None, actors=None, max_upload: int = api_routes.MAX_UPLOAD
) -> FastAPI:
    if actors is None:
        from eventledger.knowledge import ActorRegistry

        actors = ActorRegistry.load()
    app = FastAPI(
        title="EventLedger",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.actors = actors
    app.state.write_token = write_token if write_token is not None else (os.environ.get("EVENTLEDGER_TOKEN") or None)
    app.state.jinja = templating.environment(HERE / "templates")
    app.state.land = None
    app.state.max_upload = max_upload
    app.state.jobs = Jobs(api_routes.ingest_upload(store))  # uploads are ingested off the request path
    app.middleware("http")(add_headers)
    # outermost: an oversized body is refused before any route reads it (multipart adds its framing)
    app.add_middleware(BodyLimit, limit_for=lambda path: max_upload + 2**20 if path == "/api/documents" else MAX_BODY)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_routes.router)
    app.include_router(pages.router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json" or exc.status_code != 404:
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
            )
        return pages.not_found_page(request, exc)

    return app
