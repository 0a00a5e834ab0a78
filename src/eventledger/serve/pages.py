"""Server-rendered pages. Every value from the store goes through Jinja's autoescape."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from eventledger.serve import events as ev
from eventledger.serve import svg, views
from eventledger.serve import timeline as tl
from eventledger.serve.basemap import land_cells, land_path
from eventledger.serve.briefing import SINCE, briefing
from eventledger.serve.cursor import BadCursor
from eventledger.serve.dossier import dossier

router = APIRouter(include_in_schema=False)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    tpl = request.app.state.jinja.get_template(name)
    return HTMLResponse(tpl.render(request=request, path=request.url.path, **ctx), status_code=status)


def parse_filter(params) -> tuple[ev.EventFilter, list[str]]:
    """Lenient form parsing: blanks are unset, bad values are reported on the page, not as a 422."""
    errors: list[str] = []
    get = lambda k: (params.get(k) or "").strip() or None  # noqa: E731
    f = ev.EventFilter(actor=get("actor"), type=get("type"), q=get("q"), admin1=get("admin1"))
    for k in ("date_from", "date_to"):
        v = get(k)
        if v and not _DATE.match(v):
            errors.append(f"{k.replace('_', ' ')} must look like 2024, 2024-03 or 2024-03-22")
        elif v:
            setattr(f, k, v)
    c = get("country")
    if c and not re.fullmatch(r"[A-Za-z]{2}", c):
        errors.append("country must be a two-letter ISO code such as NG")
    elif c:
        f.country = c.upper()
    s = get("min_sources")
    if s:
        if s.isdigit():
            f.min_sources = int(s)
        else:
            errors.append("minimum sources must be a whole number")
    f.contested = params.get("contested") in ("1", "true", "on", "yes")
    return f, errors


def _palette(request: Request) -> tuple[dict, dict]:
    fac = ev.facets(request.app.state.store)
    return fac, svg.colours(fac["types"])


@router.get("/", response_class=HTMLResponse)
def home():
    return RedirectResponse("/events", status_code=307)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    f, errors = parse_filter(request.query_params)
    sort = request.query_params.get("sort") or "-date"
    if sort not in ev.SORT_CHOICES:
        errors.append("unknown sort order; showing newest first")
        sort = "-date"
    fac, colour = _palette(request)
    page = {"items": [], "next": None, "total": 0}
    try:
        page = ev.list_events(
            request.app.state.store,
            f,
            sort=sort,
            limit=50,
            after=request.query_params.get("cursor") or None,
            actors=request.app.state.actors,
        )
    except BadCursor as e:
        errors.append(str(e))
    return _render(
        request, "events.html", f=f, page=page, sort=sort, facets=fac, colour=colour, errors=errors, args=f.query_args()
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    f, errors = parse_filter(request.query_params)
    fac, colour = _palette(request)
    pts, n = ev.map_points(request.app.state.store, f, actors=request.app.state.actors)
    geo = svg.map_geometry(pts, colour=colour)
    return _render(
        request,
        "map.html",
        f=f,
        geo=geo,
        land=_land(request),
        matched=n,
        facets=fac,
        colour=colour,
        errors=errors,
        args=f.query_args(),
    )


def _land(request: Request) -> str:
    state = request.app.state
    if getattr(state, "land", None) is None:
        state.land = land_path(land_cells(), width=svg.W, height=svg.H)
    return state.land


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request):
    f, errors = parse_filter(request.query_params)
    unit = "week" if request.query_params.get("unit") == "week" else "month"
    fac, colour = _palette(request)
    t = ev.timeline(request.app.state.store, f, unit=unit, actors=request.app.state.actors)
    geo = tl.geometry(t, colour=colour)
    return _render(
        request,
        "timeline.html",
        f=f,
        geo=geo,
        t=t,
        slots=tl.axis(t),
        unit=unit,
        facets=fac,
        colour=colour,
        errors=errors,
        args=f.query_args(),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    d = dossier(request.app.state.store, event_id)
    if d is None:
        return _render(request, "missing.html", 404, what="event", ident=event_id)
    _, colour = _palette(request)
    actors = request.app.state.actors
    return _render(
        request, "event.html", d=d, e=d["event"], colour=colour, known=lambda a: bool(a and actors and actors.get(a))
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    return _render(request, "actors.html", actors=views.actor_list(request.app.state.actors))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str):
    a = views.actor_view(request.app.state.store, actor_id, actors=request.app.state.actors)
    if a is None:
        return _render(request, "missing.html", 404, what="actor", ident=actor_id)
    return _render(request, "actor.html", a=a)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    return _render(request, "sources.html", sources=views.source_list(request.app.state.store))


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(request: Request, source_id: str):
    v = views.source_view(request.app.state.store, source_id)
    if v is None:
        return _render(request, "missing.html", 404, what="source", ident=source_id)
    return _render(request, "source.html", v=v)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str):
    def num(k):
        v = request.query_params.get(k)
        return int(v) if v and v.isdigit() else None

    d = views.document_view(request.app.state.store, document_id, start=num("start"), end=num("end"))
    if d is None:
        return _render(request, "missing.html", 404, what="document", ident=document_id)
    return _render(request, "document.html", d=d)


@router.get("/briefing", response_class=HTMLResponse)
def briefing_page(request: Request):
    since = (request.query_params.get("since") or "").strip() or None
    errors = []
    if since and not SINCE.match(since):
        errors.append("since must look like 2024-03-22; showing what the last ingest changed")
        since = None
    return _render(request, "briefing.html", b=briefing(request.app.state.store, since), errors=errors)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    q = (request.query_params.get("q") or "").strip()[:200]
    res, errors = {"events": [], "items": [], "next": None}, []
    if q:
        try:
            res = views.search(
                request.app.state.store,
                q,
                limit=20,
                after=request.query_params.get("cursor") or None,
                actors=request.app.state.actors,
            )
        except BadCursor as e:
            errors.append(str(e))
    return _render(request, "search.html", q=q, res=res, errors=errors)


@router.get("/favicon.ico")
def favicon():
    return FileResponse(Path(__file__).parent / "static" / "favicon.svg", media_type="image/svg+xml")


def not_found_page(request: Request, exc: HTTPException):
    return _render(request, "missing.html", exc.status_code, what="page", ident=request.url.path)
