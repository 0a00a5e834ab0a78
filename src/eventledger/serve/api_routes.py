"""The JSON API: the same data as the pages, read-only unless the operator set a token."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Path, Query, Request, Response, UploadFile
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from eventledger.resolve import corrections
from eventledger.resolve.corrections import KINDS
from eventledger.serve import events as ev
from eventledger.serve import views
from eventledger.serve.briefing import SINCE, briefing
from eventledger.serve.cursor import BadCursor
from eventledger.serve.dossier import dossier
from eventledger.serve.jobs import QueueFull
from eventledger.serve.security import bearer, check_token

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_UPLOAD = 64 * 2**20  # one uploaded file; larger ones go through the command line
MAX_WAIT_S = 60  # how long POST /api/documents?wait= may hold its answer
WAIT_HELP = "Seconds to wait for the job to finish before answering (the job runs either way)."

router = APIRouter(prefix="/api")


class Page(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = Field(None, description="Opaque cursor for the next page; absent on the last page.")
    total: int | None = None


class CorrectionIn(BaseModel):
    kind: Literal[KINDS]  # type: ignore[valid-type]  # one definition: eventledger.resolve.corrections
    field: str | None = Field(
        None, max_length=80, description="edit: a field (date, place, type, ...); set-best: a count kind (killed)"
    )
    value: Any = None
    target: str | None = Field(None, max_length=200, description="merge: the other event; detach: the report to detach")
    note: str = Field("", max_length=4000)
    author: str | None = Field(None, max_length=200)


def event_filter(
    date_from: Annotated[
        str | None, Query(pattern=DATE, description="Earliest event date (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, Query(pattern=DATE, description="Latest event date, inclusive.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166 alpha-2.")] = None,
    actor: Annotated[str | None, Query(min_length=1, max_length=200, description="Actor id or any alias.")] = None,
    type: Annotated[str | None, Query(min_length=1, max_length=40)] = None,  # noqa: A002 - the API's word
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the reports' text or the event's names.")
    ] = None,
    min_sources: Annotated[int, Query(ge=0, le=10000, description="Minimum independent sources.")] = 0,
    contested: Annotated[bool, Query(description="Only events where sources contradict each other.")] = False,
    admin1: Annotated[
        str | None,
        Query(
            min_length=1, max_length=200, description="The event's first-order division (province, state), any case."
        ),
    ] = None,
) -> ev.EventFilter:
    return ev.EventFilter(date_from, date_to, country, actor, type, q, min_sources, contested, admin1)


Filter = Annotated[ev.EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=500)]
Cursor = Annotated[str | None, Query(max_length=2000, description="Opaque cursor from the previous page's `next`.")]


def _store(request: Request):
    return request.app.state.store


def _paged(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except BadCursor as e:
        raise HTTPException(422, str(e)) from e


def writer(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    check_token(request.app.state.write_token, credentials)


@router.get("/events", response_model=Page, summary="Events, filtered and sorted, one page at a time")
def list_events(
    request: Request, f: Filter, sort: Literal[ev.SORT_CHOICES] = "-date", limit: Limit = 50, cursor: Cursor = None
):  # type: ignore[valid-type]
    return _paged(
        ev.list_events, _store(request), f, sort=sort, limit=limit, after=cursor, actors=request.app.state.actors
    )


@router.get("/events/{event_id}", summary="Event dossier: every reported value with its source and evidence")
def get_event(request: Request, event_id: str) -> dict:
    d = dossier(_store(request), event_id)
    if d is None:
        raise HTTPException(404, f"no event {event_id}")
    return d


@router.get("/map", summary="Events as GeoJSON points (largest first, at most `limit`)")
def map_json(request: Request, f: Filter, limit: Annotated[int, Query(ge=1, le=20000)] = 3000) -> dict:
    pts, n = ev.map_points(_store(request), f, actors=request.app.state.actors, limit=limit)
    return {
        "type": "FeatureCollection",
        "matched": n,
        "features": [
            {
                "type": "Feature",
                "id": p["id"],
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {k: p[k] for k in ("type", "killed", "date", "place")},
            }
            for p in pts
        ],
    }


@router.get("/timeline", summary="Events and deaths per week or month, by type; month- and year-dated events apart")
def timeline_json(request: Request, f: Filter, unit: Literal["week", "month"] = "month") -> dict:
    return ev.timeline(_store(request), f, unit=unit, actors=request.app.state.actors)


@router.get("/reports", response_model=Page, summary="Reports (one source's account of one event)")
def list_reports(
    request: Request,
    document: str | None = None,
    source: str | None = None,
    type: str | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
):  # noqa: A002
    return _paged(
        views.paged,
        _store(request).reports_page,
        document=document,
        source=source,
        type=type,
        limit=limit,
        after=cursor,
        name="reports",
    )


@router.get("/reports/{report_id}", summary="One report")
def get_report(request: Request, report_id: str) -> dict:
    r = _store(request).report(report_id)
    if r is None:
        raise HTTPException(404, f"no report {report_id}")
    return r


@router.get("/statements", response_model=Page, summary="Statements: claims, attributions, denials, quotes")
def list_statements(
    request: Request, event: str | None = None, kind: str | None = None, limit: Limit = 50, cursor: Cursor = None
):
    return _paged(
        views.paged,
        _store(request).statements_page,
        event=event,
        kind=kind,
        limit=limit,
        after=cursor,
        name="statements",
    )


@router.get("/statements/{statement_id}", summary="One statement")
def get_statement(request: Request, statement_id: str) -> dict:
    st = _store(request).statement(statement_id)
    if st is None:
        raise HTTPException(404, f"no statement {statement_id}")
    return st


@router.get("/documents", response_model=Page, summary="Documents (metadata; fetch one for its segments)")
def list_documents(request: Request, limit: Limit = 50, cursor: Cursor = None):
    return _paged(views.paged, _store(request).documents_page, limit=limit, after=cursor, name="documents")


@router.get("/documents/{document_id}", summary="A document's cleaned segments beside what was dropped and why")
def get_document(
    request: Request,
    document_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> dict:
    d = views.document_view(_store(request), document_id, start=start, end=end)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    return d


@router.get("/actors", summary="Actors of the curated registry")
def list_actors(request: Request) -> dict:
    return {"items": views.actor_list(request.app.state.actors)}


@router.get(
    "/actors/{actor_id}", summary="An actor: aliases, parent and affiliates, events by role, statements by and about it"
)
def get_actor(request: Request, actor_id: str) -> dict:
    a = views.actor_view(_store(request), actor_id, actors=request.app.state.actors)
    if a is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return a


@router.get("/sources", summary="Sources with how many reports each gave")
def list_sources(request: Request) -> dict:
    return {"items": views.source_list(_store(request))}


@router.get("/sources/{source_id}", summary="A source: what it reported and how often it disagreed with others")
def get_source(request: Request, source_id: str) -> dict:
    v = views.source_view(_store(request), source_id)
    if v is None:
        raise HTTPException(404, f"no source {source_id}")
    return v


@router.get(
    "/briefing", summary="What changed since the last ingest (or `since`), most significant first, in quoted sentences"
)
def get_briefing(
    request: Request,
    since: Annotated[
        str | None,
        Query(
            pattern=SINCE.pattern,
            description="A day or a moment (an ingest run's start); default: the start of the last ingest.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict:
    return briefing(_store(request), since, limit=limit)


class SearchPage(Page):
    events: list[dict[str, Any]] = Field(default_factory=list, description="Matching events (first page only).")


@router.get(
    "/search",
    response_model=SearchPage,
    summary="Events and document passages matching words, each passage with its source, date and events",
)
def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20, cursor: Cursor = None
):
    return _paged(views.search, _store(request), q, limit=limit, after=cursor, actors=request.app.state.actors)


@router.post(
    "/documents",
    status_code=202,
    dependencies=[Depends(writer)],
    summary="Queue an uploaded file for ingestion (token required); follow it at /api/jobs/{id}",
)
async def upload(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File(description="Any input the readers accept")],
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S, description=WAIT_HELP)] = 0,
) -> dict:
    limit = request.app.state.max_upload
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"upload larger than {limit // 2**20} MiB; ingest it with the command line")
    # The name becomes a temporary file: ".", ".." or one over the 255-byte file-name limit would fail (500).
    name = (file.filename or "").rsplit("/", 1)[-1].lstrip(".")[-60:] or "upload"
    try:
        job = request.app.state.jobs.submit(data, name)
    except QueueFull as e:
        raise HTTPException(503, str(e), headers={"Retry-After": "30"}) from e
    if wait:
        # the ingest runs in the jobs' thread; waiting for it here never holds the event loop
        future = request.app.state.jobs.future(job["id"])
        with contextlib.suppress(TimeoutError, asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), timeout=wait)
        job = request.app.state.jobs.get(job["id"]) or job
    response.headers["Location"] = f"/api/jobs/{job['id']}"
    return job


@router.get(
    "/jobs/{job_id}", summary="An upload's job: queued, running, done (with what was stored and quarantined) or failed"
)
def get_job(request: Request, job_id: Annotated[str, Path(max_length=100)]) -> dict:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id} (jobs are kept in memory until the server restarts)")
    return job


def ingest_upload(store):
    """The jobs' work: ingest one uploaded file into the store; what the API shows when it is done."""

    def run(data: bytes, name: str) -> dict:
        from eventledger.ingest import ingest_bytes

        result = ingest_bytes(data, name, store=store)
        return {
            "read": result.read,
            "stored": result.stored,
            "skipped": result.skipped,
            "reports": result.reports,
            "statements": result.statements,
            "events": result.events,
            "quarantined": [{"path": q.path, "reason": q.reason, "stage": q.stage} for q in result.quarantined],
        }

    return run


@router.post(
    "/events/{event_id}/corrections",
    status_code=201,
    dependencies=[Depends(writer)],
    summary="Record an analyst correction (token required); applied on the next resolution",
)
def correct(request: Request, event_id: str, body: CorrectionIn) -> dict:
    store = _store(request)
    if store.event(event_id) is None:
        raise HTTPException(404, f"no event {event_id}")
    try:
        c = corrections.make(
            body.kind,
            event_id,
            field=body.field,
            value=body.value,
            target=body.target,
            note=body.note,
            author=body.author,
        )
    except ValueError as e:  # checked against the field's type, size-bounded: refused before it is stored
        raise HTTPException(422, str(e)) from e
    store.add_correction(c)
    return c


@router.get(
    "/corrections", summary="Analyst corrections, oldest first, each with its status (in force, withdrawn, unapplied)"
)
def list_corrections(
    request: Request, event: Annotated[str | None, Query(max_length=200)] = None, withdrawn: bool = False
) -> dict:
    return {"items": corrections.listed(_store(request).corrections(), event=event, withdrawn=withdrawn)}


@router.delete(
    "/corrections/{correction_id}",
    dependencies=[Depends(writer)],
    summary="Withdraw a correction (token required): it stays listed and stops applying from the next resolution",
)
def withdraw_correction(
    request: Request,
    correction_id: Annotated[str, Path(max_length=200)],
    note: Annotated[str, Query(max_length=4000)] = "",
    author: Annotated[str | None, Query(max_length=200)] = None,
) -> dict:
    c = _store(request).withdraw_correction(correction_id, by=author, note=note)
    if c is None:
        raise HTTPException(404, f"no correction {correction_id}")
    return corrections.shown(c)
