"""Reading documents, reports, statements and sources back, as records or plain dicts (never ORM rows)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from eventledger.records import DateValue, Document, Dropped, Piece, Segment, Source
from eventledger.store import models as m
from eventledger.store.events import contains
from eventledger.store.search import Hit, search_segments

BATCH = 500  # ids per IN (...) query, well under every backend's limit on bound parameters


def id_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """The distinct ids, sorted, in chunks of BATCH: one IN (...) each."""
    ids = sorted({i for i in ids if i})
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    next: str | None  # the last item's id, to continue after it; None on the last page


@dataclass(slots=True)
class StoredDocument:
    """A document with its segments and what was dropped, and when and under which source it was stored."""

    document: Document
    source_id: str | None
    ingested_at: str


@dataclass(slots=True)
class DocumentRef:
    """What a citation or a quoted sentence needs of a document (its text only when asked for)."""

    id: str
    title: str | None
    url: str | None
    kind: str
    published: dict[str, str | None]  # {value, precision}
    source: str | None  # the source name the document was read with
    text: str | None = None


def _segment(g: m.SegmentRow) -> Segment:
    return Segment(
        id=g.id,
        document=g.document_id,
        index=g.idx,
        kind=g.kind,
        text=g.text,
        pieces=[Piece(**p) for p in g.pieces or ()],
        title=g.title,
        date=DateValue(g.date_value, g.date_precision),
        author=g.author,
        source=g.source,
        score=g.score,
        depth=g.depth,
        parent=g.parent,
        language=g.language,
        duplicate_of=g.duplicate_of,
        meta=g.meta,
    )


def _dropped(x: m.DroppedRow) -> Dropped:
    return Dropped(kind=x.kind, reason=x.reason, chars=x.chars, start=x.start, end=x.end, text=x.text)


def _document(s, d: m.DocumentRow, source: str | None) -> Document:
    G, X = m.SegmentRow, m.DroppedRow
    segs = s.scalars(select(G).where(G.document_id == d.id).order_by(G.idx))
    dropped = s.scalars(select(X).where(X.document_id == d.id).order_by(X.idx))
    return Document(
        id=d.id,
        path=d.path,
        kind=d.kind,
        content=d.content,
        text=d.text,
        source=source,
        url=d.url,
        title=d.title,
        published=DateValue(d.published_value, d.published_precision),
        fetched=d.fetched,
        language=d.language,
        author=d.author,
        meta={k: v for k, v in (d.meta or {}).items() if k != "source"},  # stored there only to be read back
        segments=[_segment(g) for g in segs],
        dropped=[_dropped(x) for x in dropped],
        duplicate_of=d.duplicate_of,
    )


def _told(report: dict, g, d) -> dict:
    """Who told a report and when: the segment's outlet and date (a post, a comment) before the document's."""
    if g is not None and g.date_value:
        date = (g.date_value, g.date_precision)
    else:
        date = (d.published_value, d.published_precision) if d is not None else (None, None)
    doc_source = (d.meta or {}).get("source") if d is not None else None
    return {
        "source": (g.source if g is not None and g.source else None) or report.get("source") or doc_source,
        "original_source": ((g.meta or {}).get("syndicated_from") if g is not None else None),
        "duplicate_of": ((d.duplicate_of if d is not None else None) or (g.duplicate_of if g is not None else None)),
        "segment_kind": g.kind if g is not None else None,
        "published": {"value": date[0], "precision": date[1]},
        # the segment's words, for resolution's text similarity (resolve/text.py)
        "title": (g.title if g is not None else None) or (d.title if d is not None else None),
        "text": g.text if g is not None else None,
    }


def _statement(r: m.StatementRow) -> dict:
    return {**r.payload, "event": r.event_id}


class RecordReads:
    """The Store's queries for documents, reports, statements and sources (mixed into Store)."""

    def _batched(self, s, stmt_for, ids: Iterable) -> list:
        out: list = []
        for chunk in id_chunks(ids):
            out += s.execute(stmt_for(chunk)).all()
        return out

    def _page_by_id(self, model, *, where=(), limit: int, after, shape) -> Page:
        stmt = select(model).where(*where)
        if after is not None:
            stmt = stmt.where(model.id > after)
        with self.session() as s:
            rows = list(s.scalars(stmt.order_by(model.id).limit(limit + 1)))
            items = [shape(r) for r in rows[:limit]]
        return Page(items, rows[limit - 1].id if len(rows) > limit else None)

    # -- documents -------------------------------------------------------

    def documents(self) -> Iterator[Document]:
        """Every document with its segments and what was dropped, ordered by id."""
        with self.session() as s:
            sources = {r.id: r.name for r in s.scalars(select(m.SourceRow))}
            for d in s.scalars(select(m.DocumentRow).order_by(m.DocumentRow.id)):
                yield _document(s, d, sources.get(d.source_id) if d.source_id else None)

    def document(self, doc_id: str) -> StoredDocument | None:
        with self.session() as s:
            d = s.get(m.DocumentRow, doc_id)
            if d is None:
                return None
            source = s.get(m.SourceRow, d.source_id) if d.source_id else None
            document = _document(s, d, source.name if source else None)
            return StoredDocument(document, d.source_id, d.ingested_at)

    def document_refs(self, ids: Iterable[str] | None = None, *, text: bool = False) -> dict[str, DocumentRef]:
        """id -> DocumentRef of these documents (all when `ids` is None)."""
        D = m.DocumentRow
        cols = [D.id, D.title, D.url, D.kind, D.published_value, D.published_precision, D.meta]
        cols += [D.text] if text else []
        with self.session() as s:
            if ids is None:
                rows = s.execute(select(*cols)).all()
            else:
                rows = self._batched(s, lambda chunk: select(*cols).where(D.id.in_(chunk)), ids)
        return {
            r.id: DocumentRef(
                r.id,
                r.title,
                r.url,
                r.kind,
                {"value": r.published_value, "precision": r.published_precision},
                (r.meta or {}).get("source"),
                r.text if text else None,
            )
            for r in rows
        }

    def documents_page(self, *, limit: int = 50, after: str | None = None) -> Page:
        def shape(d):
            return {
                "id": d.id,
                "path": d.path,
                "kind": d.kind,
                "title": d.title,
                "url": d.url,
                "published": {"value": d.published_value, "precision": d.published_precision},
                "duplicate_of": d.duplicate_of,
            }

        return self._page_by_id(m.DocumentRow, limit=limit, after=after, shape=shape)

    def source_documents(self, source_id: str, *, limit: int = 200) -> list[dict]:
        D = m.DocumentRow
        with self.session() as s:
            stmt = select(D).where(D.source_id == source_id).order_by(D.published_value.desc()).limit(limit)
            return [
                {"id": d.id, "title": d.title, "published": d.published_value, "kind": d.kind} for d in s.scalars(stmt)
            ]

    def search_segments(self, query: str, *, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Full-text search over segment text and titles, best match first."""
        return search_segments(self, query, limit=limit, offset=offset)

    def segment_events(self, segment_ids: Iterable[str]) -> dict[str, list[str]]:
        """segment id -> the events its reports are in (a search hit links to them)."""
        R, ER = m.ReportRow, m.EventReportRow
        out: dict[str, list[str]] = {}
        with self.session() as s:
            rows = self._batched(
                s,
                lambda chunk: (
                    select(R.segment_id, ER.event_id)
                    .join(ER, ER.report_id == R.id)
                    .where(R.segment_id.in_(chunk))
                    .distinct()
                ),
                segment_ids,
            )
        for seg, event in sorted(rows):
            out.setdefault(seg, []).append(event)
        return out

    def ingested_at(self, *, reports: Iterable[str] = (), statements: Iterable[str] = ()) -> dict[str, str]:
        """report or statement id -> when the document it came from was stored (what is new since a run)."""
        D = m.DocumentRow
        out: dict[str, str] = {}
        with self.session() as s:
            for model, ids in ((m.ReportRow, reports), (m.StatementRow, statements)):
                rows = self._batched(
                    s,
                    lambda chunk, M=model: (
                        select(M.id, D.ingested_at).join(D, D.id == M.document_id).where(M.id.in_(chunk))
                    ),
                    ids,
                )
                out.update(dict(rows))
        return out

    def ingest_runs(self, *, limit: int = 20) -> list[dict]:
        """The latest `ingest` runs, newest first: {id, started, finished, and the run's counts}."""
        R = m.IngestRunRow
        with self.session() as s:
            rows = s.scalars(select(R).order_by(R.started_at.desc(), R.id.desc()).limit(limit))
            return [{**(r.payload or {}), "id": r.id, "started": r.started_at, "finished": r.finished_at} for r in rows]

    def last_stored_at(self) -> str | None:
        """When the newest document was stored (stands in for the last run in stores made before runs were kept)."""
        with self.session() as s:
            return s.scalar(select(func.max(m.DocumentRow.ingested_at)))

    # -- reports ---------------------------------------------------------

    def reports(self, *, document: str | None = None) -> list[dict]:
        """Report payloads (the export shape), ordered by id: all, or one document's."""
        R = m.ReportRow
        stmt = select(R).order_by(R.id)
        if document is not None:
            stmt = stmt.where(R.document_id == document)
        with self.session() as s:
            return [r.payload for r in s.scalars(stmt)]

    def unresolved_reports(self) -> list[dict]:
        """Reports no resolution has taken in yet (stored since the last one), ordered by id."""
        R = m.ReportRow
        with self.session() as s:
            return [r.payload for r in s.scalars(select(R).where(R.resolved_in.is_(None)).order_by(R.id))]

    def resolution_spans(self) -> list[tuple]:
        """(event id, report date, publication date, country, the event's coordinates) of every report in an
        event: what choosing the events new reports re-open needs (resolve/incremental.py), without any payload."""
        R, D, E, ER = m.ReportRow, m.DocumentRow, m.EventRow, m.EventReportRow
        stmt = (
            select(
                ER.event_id,
                R.date_value,
                R.date_precision,
                D.published_value,
                D.published_precision,
                R.country,
                E.lat,
                E.lon,
            )
            .join(R, R.id == ER.report_id)
            .join(D, D.id == R.document_id)
            .join(E, E.id == ER.event_id)
        )
        with self.session() as s:
            return [
                (
                    e,
                    {"value": dv, "precision": dp},
                    {"value": pv, "precision": pp},
                    c,
                    (lat, lon) if lat is not None and lon is not None else None,
                )
                for e, dv, dp, pv, pp, c, lat, lon in s.execute(stmt)
            ]

    def unheld_spans(self) -> list[tuple]:
        """(report id, report date, publication date, country) of every resolved report that is in no event (told only
        in a statement, or with too little to found one): a report stored later may give it an event to join."""
        R, D, ER = m.ReportRow, m.DocumentRow, m.EventReportRow
        stmt = (
            select(R.id, R.date_value, R.date_precision, D.published_value, D.published_precision, R.country)
            .join(D, D.id == R.document_id)
            .where(R.resolved_in.is_not(None), R.id.not_in(select(ER.report_id)))
        )
        with self.session() as s:
            return [
                (r, {"value": dv, "precision": dp}, {"value": pv, "precision": pp}, c)
                for r, dv, dp, pv, pp, c in s.execute(stmt)
            ]

    def orphaned_events(self) -> set[str]:
        """Events holding a report that is gone (its document turned out to be a copy of one stored later)."""
        R, ER = m.ReportRow, m.EventReportRow
        stmt = select(ER.event_id).outerjoin(R, R.id == ER.report_id).where(R.id.is_(None)).distinct()
        with self.session() as s:
            return set(s.scalars(stmt))

    def event_members(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """event id -> its report ids, for the given events."""
        ER = m.EventReportRow
        out: dict[str, list[str]] = {}
        with self.session() as s:
            rows = self._batched(
                s, lambda chunk: select(ER.event_id, ER.report_id).where(ER.event_id.in_(chunk)), event_ids
            )
        for e, r in sorted(rows):
            out.setdefault(e, []).append(r)
        return out

    def statements_near(self, *, documents: Iterable[str], events: Iterable[str]) -> list[dict]:
        """Statements of the given documents or linked to the given events, ordered by id."""
        S = m.StatementRow
        with self.session() as s:
            rows = self._batched(s, lambda chunk: select(S).where(S.document_id.in_(chunk)), documents)
            rows += self._batched(s, lambda chunk: select(S).where(S.event_id.in_(chunk)), events)
            return [_statement(r) for r in sorted({r[0].id: r[0] for r in rows}.values(), key=lambda r: r.id)]

    def report(self, report_id: str) -> dict | None:
        with self.session() as s:
            r = s.get(m.ReportRow, report_id)
            return r.payload if r is not None else None

    def reports_by_id(self, ids: Iterable[str]) -> dict[str, dict]:
        R = m.ReportRow
        with self.session() as s:
            rows = self._batched(s, lambda chunk: select(R.id, R.payload).where(R.id.in_(chunk)), ids)
            return {r.id: r.payload for r in rows}

    def reports_page(
        self,
        *,
        document: str | None = None,
        source: str | None = None,
        type: str | None = None,
        limit: int = 50,
        after: str | None = None,
    ) -> Page:
        R = m.ReportRow
        where = [
            c
            for c in (
                R.document_id == document if document else None,
                R.source == source if source else None,
                R.type == type if type else None,
            )
            if c is not None
        ]
        return self._page_by_id(R, where=where, limit=limit, after=after, shape=lambda r: r.payload)

    def report_contexts(self, reports: Iterable[dict]) -> dict[str, dict]:
        """report id -> what resolution needs from its segment and document: the source that told it (and the
        one it was syndicated from), whether it is a copy, the segment kind, when it was published, and its title and
        text."""
        reports = list(reports)
        D, G = m.DocumentRow, m.SegmentRow
        with self.session() as s:
            doc_cols = select(D.id, D.meta, D.duplicate_of, D.published_value, D.published_precision, D.title)
            seg_cols = select(
                G.id, G.kind, G.source, G.meta, G.duplicate_of, G.date_value, G.date_precision, G.title, G.text
            )
            docs = {
                d.id: d
                for d in self._batched(
                    s, lambda chunk: doc_cols.where(D.id.in_(chunk)), (r["document"] for r in reports)
                )
            }
            segs = {
                g.id: g
                for g in self._batched(
                    s, lambda chunk: seg_cols.where(G.id.in_(chunk)), (r["segment"] for r in reports)
                )
            }
        return {r["id"]: _told(r, segs.get(r["segment"]), docs.get(r["document"])) for r in reports}

    def report_sources(self) -> dict[str, dict]:
        """report id -> {source: the outlet it names, published: its document's date}."""
        R, D = m.ReportRow, m.DocumentRow
        stmt = select(R.id, R.source, D.published_value).outerjoin(D, D.id == R.document_id)
        with self.session() as s:
            return {r.id: {"source": r.source, "published": r.published_value} for r in s.execute(stmt)}

    def source_reports(self, name: str, source_id: str, *, limit: int = 2000) -> list[dict]:
        """Reports that name this source or come from its documents, newest first, with their event."""
        R, D, ER = m.ReportRow, m.DocumentRow, m.EventReportRow
        stmt = (
            select(R.id, R.document_id, R.type, R.date_value, ER.event_id)
            .outerjoin(ER, ER.report_id == R.id)
            .where(or_(R.source == name, R.document_id.in_(select(D.id).where(D.source_id == source_id))))
            .order_by(R.date_value.desc(), R.id)
            .limit(limit)
        )
        with self.session() as s:
            return [
                {"id": r.id, "document": r.document_id, "type": r.type, "date": r.date_value, "event": r.event_id}
                for r in s.execute(stmt)
            ]

    # -- statements ------------------------------------------------------

    def statements(self, *, document: str | None = None) -> list[dict]:
        """Statement payloads with the event each concerns, ordered by id: all, or one document's."""
        S = m.StatementRow
        stmt = select(S).order_by(S.id)
        if document is not None:
            stmt = stmt.where(S.document_id == document)
        with self.session() as s:
            return [_statement(r) for r in s.scalars(stmt)]

    def statement(self, statement_id: str) -> dict | None:
        with self.session() as s:
            r = s.get(m.StatementRow, statement_id)
            return _statement(r) if r is not None else None

    def event_statements(self, event_id: str, ids: Iterable[str] = ()) -> list[dict]:
        """Statements linked to the event, or listed by it, ordered by id."""
        S = m.StatementRow
        with self.session() as s:
            rows = s.scalars(select(S).where(or_(S.event_id == event_id, S.id.in_(list(ids)))).order_by(S.id))
            return [_statement(r) for r in rows]

    def actor_statements(self, actor_id: str, *, speaker: bool, limit: int = 200) -> list[dict]:
        """Statements this actor made (`speaker`), or that name it as the actor claimed for, blamed
        or denied."""
        S = m.StatementRow
        needle = f'"speaker_actor_id": "{actor_id}"' if speaker else f'"actor_id": "{actor_id}"'
        with self.session() as s:
            stmt = select(S).where(contains(S.payload, needle)).order_by(S.id).limit(limit)
            return [_statement(r) for r in s.scalars(stmt)]

    def statements_page(
        self, *, event: str | None = None, kind: str | None = None, limit: int = 50, after: str | None = None
    ) -> Page:
        S = m.StatementRow
        where = [c for c in (S.event_id == event if event else None, S.kind == kind if kind else None) if c is not None]
        return self._page_by_id(S, where=where, limit=limit, after=after, shape=_statement)

    # -- sources ---------------------------------------------------------

    def sources(self) -> list[Source]:
        """Every source that published a stored document, then every other outlet a report names."""
        with self.session() as s:
            out = {r.id: Source(r.id, r.name, r.kind, r.url) for r in s.scalars(select(m.SourceRow))}
            for (name,) in s.execute(select(m.ReportRow.source).distinct()):
                if name:
                    src = Source.named(name)
                    out.setdefault(src.id, src)
        return list(out.values())

    def report_counts_by_source(self) -> dict[str | None, int]:
        """outlet name (as reports give it) -> how many reports."""
        R = m.ReportRow
        with self.session() as s:
            return dict(s.execute(select(R.source, func.count()).group_by(R.source)).all())
