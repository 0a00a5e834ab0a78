"""Event lists: filters, keyset pagination, and the summaries shown in lists, on the map and timeline."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import Text, and_, cast, func, or_, select

from eventledger.serve import cursor as cur
from eventledger.store import Store
from eventledger.store import models as m
from eventledger.store.search import matching_segment_ids

SORTS = {
    "date": m.EventRow.date_value,
    "killed": m.EventRow.killed_best,
    "sources": m.EventRow.independent_sources,
    "updated": m.EventRow.updated_at,
}
SORT_CHOICES = tuple(s for k in SORTS for s in (k, f"-{k}"))


@dataclass(slots=True)
class EventFilter:
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    q: str | None = None
    min_sources: int = 0
    contested: bool = False

    def query_args(self) -> dict:
        """The filter as URL query arguments (empty ones left out)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", 0, False)}


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _payload_contains(needle: str):
    return cast(m.EventRow.payload, Text).like(f"%{_like_escape(needle)}%", escape="\\")


def apply_filters(stmt, f: EventFilter, *, store: Store, actors=None):
    E = m.EventRow
    if f.date_from:
        stmt = stmt.where(E.date_value >= f.date_from)
    if f.date_to:
        stmt = stmt.where(E.date_value <= f.date_to + "\uffff")  # "2024-03-31T10:00" is still on the 31st
    if f.country:
        stmt = stmt.where(E.country == f.country.upper())
    if f.type:
        stmt = stmt.where(E.type == f.type)
    if f.min_sources:
        stmt = stmt.where(E.independent_sources >= f.min_sources)
    if f.contested:
        stmt = stmt.where(E.contested.is_(True))
    if f.actor:
        actor_id = (actors.lookup(f.actor) if actors else None) or f.actor
        # payloads are JSON text; the id appears quoted exactly once per perpetrator entry
        stmt = stmt.where(or_(_payload_contains(f'"actor_id": "{actor_id}"'), _payload_contains(f'"actor": "{f.actor}"')))
    if f.q and f.q.strip():
        segs = matching_segment_ids(store, f.q, limit=2000)
        by_text = (
            select(m.EventReportRow.event_id)
            .join(m.ReportRow, m.ReportRow.id == m.EventReportRow.report_id)
            .where(m.ReportRow.segment_id.in_(segs))
        ) if segs else None
        cond = cast(E.payload, Text).ilike(f"%{_like_escape(f.q.strip())}%", escape="\\")
        stmt = stmt.where(or_(cond, E.id.in_(by_text)) if by_text is not None else cond)
    return stmt


def _order(stmt, store: Store, sort: str):
    desc = sort.startswith("-")
    col = SORTS[sort.lstrip("-")]
    pg = store.dialect == "postgresql"
    # NULLs sort as the smallest value on every backend (SQLite's native order), so keysets agree
    if desc:
        first = col.desc().nulls_last() if pg else col.desc()
        return stmt.order_by(first, m.EventRow.id.desc())
    first = col.asc().nulls_first() if pg else col.asc()
    return stmt.order_by(first, m.EventRow.id.asc())


def _after(stmt, sort: str, key: list):
    desc = sort.startswith("-")
    col = SORTS[sort.lstrip("-")]
    v, last = key[0], key[1]
    idc = m.EventRow.id
    if desc:
        if v is None:
            return stmt.where(and_(col.is_(None), idc < last))
        return stmt.where(or_(col < v, and_(col == v, idc < last), col.is_(None)))
    if v is None:
        return stmt.where(or_(and_(col.is_(None), idc > last), col.is_not(None)))
    return stmt.where(or_(col > v, and_(col == v, idc > last)))


def summary(row: m.EventRow) -> dict:
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
    stmt = apply_filters(select(m.EventRow), f, store=store, actors=actors)
    if after:
        stmt = _after(stmt, sort, cur.decode(after, sort))
    stmt = _order(stmt, store, sort).limit(limit + 1)
    with store.session() as s:
        rows = list(s.scalars(stmt))
        count = None
        if total:
            count = s.scalar(apply_filters(select(func.count()).select_from(m.EventRow), f, store=store, actors=actors))
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = None
    if more and rows:
        last = rows[-1]
        nxt = cur.encode(sort, [getattr(last, SORTS[sort.lstrip("-")].key), last.id])
    return {"items": [summary(r) for r in rows], "next": nxt, "total": count}


def facets(store: Store) -> dict:
    """Values offered in the filter form."""
    with store.session() as s:
        types = [t for (t,) in s.execute(select(m.EventRow.type).distinct().order_by(m.EventRow.type)) if t]
        countries = [c for (c,) in s.execute(select(m.EventRow.country).distinct().order_by(m.EventRow.country)) if c]
    return {"types": types, "countries": countries}


def map_points(store: Store, f: EventFilter, *, actors=None, limit: int = 3000) -> tuple[list[dict], int]:
    """Events with coordinates (largest first, so small points draw on top), and how many matched."""
    E = m.EventRow
    base = apply_filters(select(E.id, E.type, E.lat, E.lon, E.killed_best, E.date_value, E.payload), f, store=store, actors=actors)
    base = base.where(E.lat.is_not(None), E.lon.is_not(None))
    with store.session() as s:
        n = s.scalar(select(func.count()).select_from(base.subquery()))
        rows = s.execute(base.order_by(E.killed_best.desc(), E.id).limit(limit)).all()
    pts = [
        {"id": r.id, "type": r.type, "lat": r.lat, "lon": r.lon, "killed": r.killed_best, "date": r.date_value,
         "place": ((r.payload or {}).get("place") or {}).get("name")}
        for r in rows
    ]
    return pts, n or 0


def bucket_of(value: str | None, unit: str) -> str | None:
    if not value or len(value) < 7:
        return None
    if unit == "month":
        return value[:7]
    if len(value) < 10:
        return None  # a month-precise date has no week
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()  # weeks start on Monday


def timeline(store: Store, f: EventFilter, *, unit: str = "month", actors=None) -> list[dict]:
    """Events and deaths per bucket and type, oldest first."""
    E = m.EventRow
    stmt = apply_filters(select(E.date_value, E.type, E.killed_best), f, store=store, actors=actors).where(E.date_value.is_not(None))
    buckets: dict[str, dict] = {}
    with store.session() as s:
        for value, typ, killed in s.execute(stmt):
            b = bucket_of(value, unit)
            if b is None:
                continue
            slot = buckets.setdefault(b, {"bucket": b, "events": 0, "killed": 0, "by_type": {}})
            slot["events"] += 1
            slot["killed"] += killed or 0
            slot["by_type"][typ] = slot["by_type"].get(typ, 0) + 1
    return [buckets[k] for k in sorted(buckets)]

