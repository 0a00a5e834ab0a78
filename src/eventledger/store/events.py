"""Reading events back: filters, keyset pages, and the rows behind lists, map, timeline and dossier."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Text, and_, cast, func, or_, select

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
    admin1: str | None = None  # the event's own province or state (not one some report gave), any case

    def query_args(self) -> dict:
        """The filter as URL query arguments (empty ones left out)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", 0, False)}


@dataclass(slots=True)
class StoredEvent:
    """An event as stored: its payload (`Event.to_dict()`) and the columns lists filter and sort on."""

    id: str
    type: str
    date_value: str | None
    date_precision: str | None
    country: str | None
    lat: float | None
    lon: float | None
    killed_best: int | None
    independent_sources: int
    contested: bool
    updated_at: str
    payload: dict[str, Any]

    @classmethod
    def of(cls, row: m.EventRow) -> StoredEvent:
        return cls(
            row.id,
            row.type,
            row.date_value,
            row.date_precision,
            row.country,
            row.lat,
            row.lon,
            row.killed_best,
            row.independent_sources,
            row.contested,
            row.updated_at,
            row.payload,
        )


@dataclass(slots=True)
class EventPage:
    items: list[StoredEvent]
    next: list | None  # the last item's sort key, to continue after it; None on the last page
    total: int | None


def like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(col, needle: str):
    """Payloads are JSON text: a quoted key and value appear verbatim in it."""
    return cast(col, Text).like(f"%{like_escape(needle)}%", escape="\\")


def _filtered(stmt, f: EventFilter, *, store, actor_id: str | None):
    E = m.EventRow
    if f.date_from:
        stmt = stmt.where(E.date_value >= f.date_from)
    if f.date_to:
        stmt = stmt.where(E.date_value <= f.date_to + "\uffff")  # "2024-03-31T10:00" is still on the 31st
    if f.country:
        stmt = stmt.where(E.country == f.country.upper())
    if f.admin1:
        stmt = stmt.where(func.lower(E.payload[("place", "admin1")].as_string()) == f.admin1.strip().lower())
    if f.type:
        stmt = stmt.where(E.type == f.type)
    if f.min_sources:
        stmt = stmt.where(E.independent_sources >= f.min_sources)
    if f.contested:
        stmt = stmt.where(E.contested.is_(True))
    if f.actor:
        actor_id = actor_id or f.actor
        # the id appears quoted exactly once per perpetrator entry
        stmt = stmt.where(
            or_(contains(E.payload, f'"actor_id": "{actor_id}"'), contains(E.payload, f'"actor": "{f.actor}"'))
        )
    if f.q and f.q.strip():
        segs = matching_segment_ids(store, f.q, limit=2000)
        by_text = (
            (
                select(m.EventReportRow.event_id)
                .join(m.ReportRow, m.ReportRow.id == m.EventReportRow.report_id)
                .where(m.ReportRow.segment_id.in_(segs))
            )
            if segs
            else None
        )
        cond = cast(E.payload, Text).ilike(f"%{like_escape(f.q.strip())}%", escape="\\")
        stmt = stmt.where(or_(cond, E.id.in_(by_text)) if by_text is not None else cond)
    return stmt


def _order(stmt, dialect: str, sort: str):
    desc = sort.startswith("-")
    col = SORTS[sort.lstrip("-")]
    pg = dialect == "postgresql"
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


class EventReads:
    """The Store's event queries (mixed into Store, which gives `session()` and `dialect`)."""

    def events(self) -> list[dict]:
        """Every event's payload (the export shape), ordered by id."""
        with self.session() as s:
            return [r.payload for r in s.scalars(select(m.EventRow).order_by(m.EventRow.id))]

    def event(self, event_id: str) -> StoredEvent | None:
        with self.session() as s:
            row = s.get(m.EventRow, event_id)
            return StoredEvent.of(row) if row is not None else None

    def event_ids_starting(self, prefix: str, *, limit: int = 5) -> list[str]:
        with self.session() as s:
            stmt = select(m.EventRow.id).where(m.EventRow.id.startswith(prefix, autoescape=True)).limit(limit)
            return list(s.scalars(stmt))

    def events_page(
        self,
        f: EventFilter,
        *,
        actor_id: str | None = None,
        sort: str = "-date",
        limit: int = 50,
        after: list | None = None,
        total: bool = True,
    ) -> EventPage:
        """One page of events in `sort` order, after the sort key `after` (keyset paging).

        `actor_id`: the registry id of `f.actor` when it names a known actor (an alias or the id itself)."""
        if sort not in SORT_CHOICES:
            raise ValueError(f"sort must be one of {', '.join(SORT_CHOICES)}")
        stmt = _filtered(select(m.EventRow), f, store=self, actor_id=actor_id)
        if after:
            stmt = _after(stmt, sort, after)
        stmt = _order(stmt, self.dialect, sort).limit(limit + 1)
        with self.session() as s:
            rows = [StoredEvent.of(r) for r in s.scalars(stmt)]
            count = None
            if total:
                counted = select(func.count()).select_from(m.EventRow)
                count = s.scalar(_filtered(counted, f, store=self, actor_id=actor_id))
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = None
        if more and rows:
            last = rows[-1]
            nxt = [getattr(last, SORTS[sort.lstrip("-")].key), last.id]
        return EventPage(rows, nxt, count)

    def event_facets(self) -> dict[str, list[str]]:
        """Types and countries that occur, for the filter form."""
        with self.session() as s:
            E = m.EventRow
            types = [t for (t,) in s.execute(select(E.type).distinct().order_by(E.type)) if t]
            countries = [c for (c,) in s.execute(select(E.country).distinct().order_by(E.country)) if c]
        return {"types": types, "countries": countries}

    def located_events(
        self, f: EventFilter, *, actor_id: str | None = None, limit: int = 3000
    ) -> tuple[list[dict], int]:
        """Events with coordinates, largest first, and how many matched.

        Each as {id, type, lat, lon, killed, date, place (its name), precision (of the place), country,
        sources (independent)}."""
        E = m.EventRow
        cols = select(
            E.id, E.type, E.lat, E.lon, E.killed_best, E.date_value, E.payload, E.country, E.independent_sources
        )
        base = _filtered(cols, f, store=self, actor_id=actor_id)
        base = base.where(E.lat.is_not(None), E.lon.is_not(None))
        with self.session() as s:
            n = s.scalar(select(func.count()).select_from(base.subquery()))
            rows = s.execute(base.order_by(E.killed_best.desc(), E.id).limit(limit)).all()
        pts = [
            {
                "id": r.id,
                "type": r.type,
                "lat": r.lat,
                "lon": r.lon,
                "killed": r.killed_best,
                "date": r.date_value,
                "place": ((r.payload or {}).get("place") or {}).get("name"),
                "precision": ((r.payload or {}).get("place") or {}).get("precision"),
                "country": r.country,
                "sources": r.independent_sources,
            }
            for r in rows
        ]
        return pts, n or 0

    def event_dates(self, f: EventFilter, *, actor_id: str | None = None) -> list[tuple]:
        """(date, type, killed) of every dated event that matches."""
        E = m.EventRow
        stmt = _filtered(select(E.date_value, E.type, E.killed_best), f, store=self, actor_id=actor_id)
        stmt = stmt.where(E.date_value.is_not(None))
        with self.session() as s:
            return [tuple(r) for r in s.execute(stmt)]

    def event_periods(self, f: EventFilter, *, actor_id: str | None = None) -> list[dict]:
        """What the timeline draws of every matching event: {date, precision, type, killed, policy}; undated
        events too (date None), so the page can say how many it leaves out."""
        E = m.EventRow
        policy = E.payload[("counts", "killed", "policy")].as_string()
        stmt = _filtered(
            select(E.date_value, E.date_precision, E.type, E.killed_best, policy), f, store=self, actor_id=actor_id
        )
        with self.session() as s:
            return [
                {"date": d, "precision": p, "type": t, "killed": k, "policy": pol}
                for d, p, t, k, pol in s.execute(stmt)
            ]

    def events_by_id(self, ids) -> list[StoredEvent]:
        with self.session() as s:
            rows = s.scalars(select(m.EventRow).where(m.EventRow.id.in_(list(ids))))
            return [StoredEvent.of(r) for r in rows]

    def resolution_version(self) -> str | None:
        """The resolution settings version one stored event was built with (all share it: ingest resolves
        everything again when the settings changed); None in a store with no events."""
        with self.session() as s:
            row = s.scalars(select(m.EventRow).limit(1)).first()
            return (row.payload or {}).get("resolution") if row is not None else None

    def event_payloads(self, ids: Iterable[str]) -> list[dict]:
        """The payloads of the given events (those that exist), ordered by id."""
        E = m.EventRow
        with self.session() as s:
            rows = self._batched(s, lambda chunk: select(E.id, E.payload).where(E.id.in_(chunk)), ids)
        return [p for _, p in sorted(rows, key=lambda r: r[0])]

    def events_naming_actor(self, actor_id: str, *, limit: int = 1000) -> list[StoredEvent]:
        """Events any of whose values carries this actor id, newest first."""
        E = m.EventRow
        stmt = (
            select(E)
            .where(contains(E.payload, f'"actor_id": "{actor_id}"'))
            .order_by(E.date_value.desc(), E.id)
            .limit(limit)
        )
        with self.session() as s:
            return [StoredEvent.of(r) for r in s.scalars(stmt)]

    def event_ids_with_report_actor(self, actor_id: str) -> set[str]:
        """Events with a report that names this actor in any role."""
        R, ER = m.ReportRow, m.EventReportRow
        stmt = select(ER.event_id).join(R, R.id == ER.report_id).where(contains(R.payload, f'"actor_id": "{actor_id}"'))
        with self.session() as s:
            return set(s.scalars(stmt))

    def events_changed_since(self, since: str, *, limit: int = 100) -> list[StoredEvent]:
        E = m.EventRow
        stmt = select(E).where(E.updated_at >= since).order_by(E.updated_at.desc(), E.id).limit(limit)
        with self.session() as s:
            return [StoredEvent.of(r) for r in s.scalars(stmt)]

    def event_report_ids(self, event_id: str) -> set[str]:
        with self.session() as s:
            ER = m.EventReportRow
            return set(s.scalars(select(ER.report_id).where(ER.event_id == event_id)))

    def event_of_reports(self, report_ids) -> dict[str, str]:
        """report id -> the event it is in, for those in one."""
        E = m.EventReportRow
        with self.session() as s:
            stmt = select(E.report_id, E.event_id).where(E.report_id.in_(list(report_ids)))
            return dict(s.execute(stmt).all())

    def updated_times(self) -> dict[str, str]:
        """event id -> when its stored row last changed."""
        with self.session() as s:
            return dict(s.execute(select(m.EventRow.id, m.EventRow.updated_at)).all())

    def revisions(self, event_ids, *, since: str | None = None) -> dict[str, list[dict]]:
        """event id -> its revisions {at, change, why}, oldest first."""
        R = m.RevisionRow
        stmt = select(R).where(R.event_id.in_(list(event_ids)))
        if since is not None:
            stmt = stmt.where(R.at >= since)
        out: dict[str, list[dict]] = defaultdict(list)
        with self.session() as s:
            for r in s.scalars(stmt.order_by(R.id)):
                out[r.event_id].append({"at": r.at, "change": r.change, "why": r.why})
        return dict(out)

    def corrections(self, *, event_id: str | None = None) -> list[dict]:
        """Analyst corrections: all (ordered by id), or one event's in the order made (with `created`
        as stored)."""
        C = m.CorrectionRow
        with self.session() as s:
            if event_id is None:
                return [c.payload for c in s.scalars(select(C).order_by(C.id))]
            rows = s.scalars(select(C).where(C.event_id == event_id).order_by(C.created_at))
            return [dict(c.payload, created=c.created_at) for c in rows]
