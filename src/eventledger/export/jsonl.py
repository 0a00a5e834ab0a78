"""DESIGN.md export shapes, one dict per record, straight from the store."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from eventledger.store import Store
from eventledger.store import models as m

WHAT = ("documents", "reports", "statements", "events")


def _date(value, precision) -> dict:
    return {"value": value, "precision": precision}


def documents(store: Store) -> Iterator[dict]:
    with store.session() as s:
        sources = {r.id: r.name for r in s.scalars(select(m.SourceRow))}
        for d in s.scalars(select(m.DocumentRow).order_by(m.DocumentRow.id)):
            segs = s.scalars(select(m.SegmentRow).where(m.SegmentRow.document_id == d.id).order_by(m.SegmentRow.idx))
            dropped = s.scalars(select(m.DroppedRow).where(m.DroppedRow.document_id == d.id).order_by(m.DroppedRow.idx))
            yield {
                "id": d.id,
                "path": d.path,
                "source": sources.get(d.source_id) if d.source_id else None,
                "kind": d.kind,
                "url": d.url,
                "title": d.title,
                "published": _date(d.published_value, d.published_precision),
                "fetched": d.fetched,
                "language": d.language,
                "author": d.author,
                "content_hash": d.content_hash,
                "meta": {k: v for k, v in (d.meta or {}).items() if k != "source"},
                "segments": [
                    {
                        "id": g.id, "kind": g.kind, "title": g.title, "date": _date(g.date_value, g.date_precision),
                        "author": g.author, "source": g.source, "score": g.score, "depth": g.depth,
                        "parent": g.parent, "language": g.language, "duplicate_of": g.duplicate_of,
                        "text": g.text, "pieces": g.pieces, "meta": g.meta,
                    }
                    for g in segs
                ],
                "dropped": [{"kind": x.kind, "reason": x.reason, "chars": x.chars, "start": x.start, "end": x.end, "text": x.text} for x in dropped],
                "duplicate_of": d.duplicate_of,
                "text": d.text,
            }


def records(store: Store, what: str) -> Iterator[dict]:
    if what == "documents":
        yield from documents(store)
    elif what == "reports":
        yield from store.payloads(m.ReportRow)
    elif what == "statements":
        for row in store.rows(m.StatementRow):
            yield {**row.payload, "event": row.event_id}
    elif what == "events":
        yield from store.payloads(m.EventRow)
    else:
        raise ValueError(f"unknown export '{what}': choose one of {', '.join(WHAT)}")
