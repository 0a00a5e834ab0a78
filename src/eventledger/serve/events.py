"""Event lists: filters, keyset pagination, and the summaries shown in lists, on the map and timeline."""

from __future__ import annotations

from eventledger.serve import cursor as cur
from eventledger.serve.timeline import timeline as timeline_of
from eventledger.store import SORT_CHOICES, EventFilter, Store, StoredEvent

__all__ = ["SORT_CHOICES", "EventFilter", "facets", "list_events", "map_points", "summary", "timeline"]


def _actor_id(f: EventFilter, actors) -> str | None:
    """The registry id the actor filter names (any alias works), if the registry knows it."""
    return actors.lookup(f.actor) if actors and f.actor else None


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
        "perpetrators": [
            {"actor": p.get("actor"), "actor_id": p.get("actor_id"), "basis": p.get("basis")} for p in e.get("perpetrators") or []
        ],
        "independent_sources": row.independent_sources,
        "contested": bool(row.contested),
        "contradictions": [c.get("field") for c in e.get("contradictions") or []],
        "updated_at": row.updated_at,
    }


def list_events(store: Store, f: EventFilter, *, sort: str = "-date", limit: int = 50, after: str | None = None,
                actors=None, total: bool = True) -> dict:
    """One page of events; `next` is an opaque cursor or None on the last page."""
    if sort not in SORT_CHOICES:
        raise ValueError(f"sort must be one of {', '.join(SORT_CHOICES)}")
    page = store.events_page(f, actor_id=_actor_id(f, actors), sort=sort, limit=limit,
                             after=cur.decode(after, sort) if after else None, total=total)
    nxt = cur.encode(sort, page.next) if page.next else None
    return {"items": [summary(r) for r in page.items], "next": nxt, "total": page.total}


def facets(store: Store) -> dict:
    """Values offered in the filter form."""
    return store.event_facets()


def map_points(store: Store, f: EventFilter, *, actors=None, limit: int = 3000) -> tuple[list[dict], int]:
    """Events with coordinates (largest first, so small points draw on top), and how many matched."""
    return store.located_events(f, actor_id=_actor_id(f, actors), limit=limit)


def timeline(store: Store, f: EventFilter, *, unit: str = "month", actors=None) -> dict:
    """Events and deaths per week or month (serve/timeline.py says how each date precision is drawn)."""
    return timeline_of(store, f, unit=unit, actor_id=_actor_id(f, actors))
