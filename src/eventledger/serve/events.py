"""Event lists: filters, keyset pagination, and the summaries shown in lists, on the map and timeline."""

from __future__ import annotations

from eventledger.serve import cursor as cur
from eventledger.serve.timeline import timeline as timeline_of
from eventledger.store import SORT_CHOICES, EventFilter, Store, StoredEvent

__all__ = [
    "FLAT_COLUMNS",
    "SORT_CHOICES",
    "EventFilter",
    "all_events",
    "facets",
    "flat",
    "list_events",
    "map_points",
    "summary",
    "timeline",
]


def _actor_id(f: EventFilter, actors) -> str | None:
    """The registry id the actor filter names (any alias works), if the registry knows it."""
    return actors.lookup(f.actor) if actors and f.actor else None


def _perpetrators(perps: list[dict]) -> list[dict]:
    """One entry per actor and basis: the event keeps one per attributing speaker ("attributed by experts",
    "attributed by a channel"), which a list row would show as repeats; the dossier keeps who said it."""
    seen, out = set(), []
    for p in perps:
        key = (p.get("actor_id") or p.get("actor"), p.get("basis"))
        if key not in seen:
            seen.add(key)
            out.append({"actor": p.get("actor"), "actor_id": p.get("actor_id"), "basis": p.get("basis")})
    return out


def summary(row: StoredEvent) -> dict:
    e = row.payload or {}
    killed = (e.get("counts") or {}).get("killed") or {}
    injured = (e.get("counts") or {}).get("injured") or {}
    return {
        "id": row.id,
        "type": row.type,
        "date": e.get("date") or {"value": row.date_value, "precision": row.date_precision},
        "place": e.get("place") or {"country": row.country, "lat": row.lat, "lon": row.lon},
        "killed": {k: killed.get(k) for k in ("low", "high", "best")} if killed else None,
        "injured": {k: injured.get(k) for k in ("low", "high", "best")} if injured else None,
        "perpetrators": _perpetrators(e.get("perpetrators") or []),
        "independent_sources": row.independent_sources,
        "contested": bool(row.contested),
        "contradictions": [c.get("field") for c in e.get("contradictions") or []],
        "background": bool(e.get("background")),
        "updated_at": row.updated_at,
    }


def list_events(
    store: Store,
    f: EventFilter,
    *,
    sort: str = "-date",
    limit: int = 50,
    after: str | None = None,
    actors=None,
    total: bool = True,
) -> dict:
    """One page of events; `next` is an opaque cursor or None on the last page."""
    if sort not in SORT_CHOICES:
        raise ValueError(f"sort must be one of {', '.join(SORT_CHOICES)}")
    page = store.events_page(
        f,
        actor_id=_actor_id(f, actors),
        sort=sort,
        limit=limit,
        after=cur.decode(after, sort) if after else None,
        total=total,
    )
    nxt = cur.encode(sort, page.next) if page.next else None
    return {"items": [summary(r) for r in page.items], "next": nxt, "total": page.total}


def all_events(store: Store, f: EventFilter, *, sort: str = "-date", limit: int | None = None, actors=None):
    """Every matching event's summary in `sort` order, page by page (the command line lists them all)."""
    after, n = None, 0
    while True:
        page = store.events_page(f, actor_id=_actor_id(f, actors), sort=sort, limit=500, after=after, total=False)
        for row in page.items:
            if limit is not None and n >= limit:
                return
            n += 1
            yield summary(row)
        if not page.next:
            return
        after = page.next


FLAT_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "type",
    "place",
    "city",
    "admin1",
    "country",
    "lat",
    "lon",
    "killed_low",
    "killed_high",
    "killed_best",
    "injured_best",
    "perpetrators",
    "independent_sources",
    "contested",
    "background",
)


def flat(s: dict) -> dict:
    """A summary as one flat row of FLAT_COLUMNS (perpetrators and contested fields `; `-joined)."""
    place, date = s.get("place") or {}, s.get("date") or {}
    killed, injured = s.get("killed") or {}, s.get("injured") or {}
    return {
        "id": s["id"],
        "date": date.get("value"),
        "date_precision": date.get("precision"),
        "type": s.get("type"),
        "place": place.get("name"),
        "city": place.get("city"),
        "admin1": place.get("admin1"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "killed_low": killed.get("low"),
        "killed_high": killed.get("high"),
        "killed_best": killed.get("best"),
        "injured_best": injured.get("best"),
        "perpetrators": "; ".join(
            f"{p['actor']} ({p.get('basis') or 'reported'})" for p in s.get("perpetrators") or [] if p.get("actor")
        ),
        "independent_sources": s.get("independent_sources"),
        "contested": "; ".join(s.get("contradictions") or []),
        "background": bool(s.get("background")),
    }


def facets(store: Store) -> dict:
    """Values offered in the filter form."""
    return store.event_facets()


def map_points(store: Store, f: EventFilter, *, actors=None, limit: int = 3000) -> tuple[list[dict], int]:
    """Events with coordinates (largest first, so small points draw on top), and how many matched."""
    return store.located_events(f, actor_id=_actor_id(f, actors), limit=limit)


def timeline(store: Store, f: EventFilter, *, unit: str = "month", actors=None) -> dict:
    """Events and deaths per week or month (serve/timeline.py says how each date precision is drawn)."""
    return timeline_of(store, f, unit=unit, actor_id=_actor_id(f, actors))
