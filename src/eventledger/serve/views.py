"""Actor, source, document, briefing and search views, and the plain record lists of the API."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Text, cast, func, or_, select

from eventledger.ids import make_id
from eventledger.serve import cursor as cur
from eventledger.serve.dossier import Context
from eventledger.serve.events import _like_escape, summary
from eventledger.serve.evidence import in_context, sentence
from eventledger.store import Store
from eventledger.store import models as m
from eventledger.store.search import search_segments


def _has(col, needle: str):
    return cast(col, Text).like(f"%{_like_escape(needle)}%", escape="\\")


def source_id(name: str) -> str:
    return make_id("src", name.strip().lower())  # the store's own formula, so ids agree


# -- actors --------------------------------------------------------------


def actor_view(store: Store, actor_id: str, *, actors) -> dict | None:
    a = actors.get(actor_id) if actors else None
    with store.session() as s:
        rows = list(s.scalars(select(m.EventRow).where(_has(m.EventRow.payload, f'"actor_id": "{actor_id}"'))
                              .order_by(m.EventRow.date_value.desc(), m.EventRow.id).limit(1000)))
        target_events = set(s.scalars(
            select(m.EventReportRow.event_id).join(m.ReportRow, m.ReportRow.id == m.EventReportRow.report_id)
            .where(_has(m.ReportRow.payload, f'"actor_id": "{actor_id}"'))
        ))
        st_by = [dict(r.payload, event=r.event_id) for r in s.scalars(
            select(m.StatementRow).where(_has(m.StatementRow.payload, f'"speaker_actor_id": "{actor_id}"')).order_by(m.StatementRow.id).limit(200))]
        st_about = [dict(r.payload, event=r.event_id) for r in s.scalars(
            select(m.StatementRow).where(_has(m.StatementRow.payload, f'"actor_id": "{actor_id}"')).order_by(m.StatementRow.id).limit(200))]
        ctx = Context(s, doc_ids={st.get("document") for st in st_by + st_about})
    if a is None and not rows and not st_by and not st_about:
        return None
    by_month: dict[str, Counter] = defaultdict(Counter)
    events = []
    for r in rows:
        roles = sorted({f"perpetrator ({p.get('basis') or 'reported'})" for p in (r.payload or {}).get("perpetrators") or []
                        if p.get("actor_id") == actor_id})
        if not roles and r.id in target_events:
            roles = ["named in reports"]
        events.append({**summary(r), "roles": roles})
        for role in roles:
            by_month[(r.date_value or "")[:7] or "undated"][role] += 1
    for st in st_by + st_about:
        st["quote"] = ctx.quote(st.get("evidence"))
    children = [x for x in (actors.all() if actors else []) if x.parent == actor_id]
    return {
        "id": actor_id,
        "actor": None if a is None else {
            "id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "parent": a.parent,
            "affiliates": list(a.affiliates), "region": a.region, "country": a.country,
        },
        "parent": _actor_ref(actors, a.parent) if a and a.parent else None,
        "affiliates": [_actor_ref(actors, x) for x in (a.affiliates if a else ())],
        "children": [_actor_ref(actors, x.id) for x in children],
        "events": events,
        "by_month": [{"month": k, "roles": dict(v)} for k, v in sorted(by_month.items())],
        "statements_by": st_by,
        "statements_about": [st for st in st_about if st["id"] not in {x["id"] for x in st_by}],
    }


def _actor_ref(actors, actor_id: str) -> dict:
    a = actors.get(actor_id) if actors else None
    return {"id": actor_id, "name": a.name if a else actor_id}


def actor_list(actors) -> list[dict]:
    return [{"id": a.id, "name": a.name, "kind": a.kind, "parent": a.parent, "country": a.country} for a in (actors.all() if actors else [])]


# -- sources -------------------------------------------------------------


def source_names(store: Store) -> dict[str, str]:
    """id -> name of every source that published a document or is named in a report."""
    with store.session() as s:
        names = {r.id: r.name for r in s.scalars(select(m.SourceRow))}
        for (name,) in s.execute(select(m.ReportRow.source).distinct()):
            if name:
                names.setdefault(source_id(name), name)
    return names


def source_list(store: Store) -> list[dict]:
    names = source_names(store)
    with store.session() as s:
        counts = dict(s.execute(select(m.ReportRow.source, func.count()).group_by(m.ReportRow.source)).all())
    return sorted(({"id": k, "name": v, "reports": counts.get(v, 0)} for k, v in names.items()), key=lambda x: (-x["reports"], x["name"]))


def source_view(store: Store, sid: str) -> dict | None:
    name = source_names(store).get(sid)
    if name is None:
        return None
    with store.session() as s:
        reps = list(s.execute(
            select(m.ReportRow.id, m.ReportRow.document_id, m.ReportRow.type, m.ReportRow.date_value, m.EventReportRow.event_id)
            .outerjoin(m.EventReportRow, m.EventReportRow.report_id == m.ReportRow.id)
            .where(or_(m.ReportRow.source == name, m.ReportRow.document_id.in_(select(m.DocumentRow.id).where(m.DocumentRow.source_id == sid))))
            .order_by(m.ReportRow.date_value.desc(), m.ReportRow.id).limit(2000)
        ))
        docs = [{"id": d.id, "title": d.title, "published": d.published_value, "kind": d.kind} for d in s.scalars(
            select(m.DocumentRow).where(m.DocumentRow.source_id == sid).order_by(m.DocumentRow.published_value.desc()).limit(200))]
        event_ids = sorted({r.event_id for r in reps if r.event_id})
        events = list(s.scalars(select(m.EventRow).where(m.EventRow.id.in_(event_ids))))
    shared, disagreed, fields = 0, [], Counter()
    for ev in events:
        mine, others = defaultdict(set), defaultdict(set)
        for kind, c in ((ev.payload or {}).get("counts") or {}).items():
            for v in (c or {}).get("values") or []:
                if v.get("value") is None:
                    continue
                (mine if v.get("source") == name else others)[kind].add(v["value"])
        common = [k for k in mine if others.get(k)]
        if not common:
            continue
        shared += 1
        diff = [k for k in common if mine[k] != others[k]]
        if diff:
            disagreed.append({"event": ev.id, "fields": {k: {"this": sorted(mine[k]), "others": sorted(others[k])} for k in diff}})
            fields.update(diff)
    return {
        "id": sid, "name": name,
        "reports": [{"id": r.id, "document": r.document_id, "type": r.type, "date": r.date_value, "event": r.event_id} for r in reps],
        "documents": docs,
        "events": len(event_ids),
        "agreement": {"events_compared": shared, "events_disagreed": len(disagreed), "by_field": dict(fields), "disagreements": disagreed[:50]},
    }


# -- documents -----------------------------------------------------------


def _seg_span(pieces: list[dict], start: int, end: int) -> tuple[int, int] | None:
    for p in pieces or []:
        if p["doc_start"] <= start and end <= p["doc_start"] + p["length"]:
            return p["seg_start"] + start - p["doc_start"], p["seg_start"] + end - p["doc_start"]
    return None


def document_view(store: Store, doc_id: str, *, start: int | None = None, end: int | None = None) -> dict | None:
    with store.session() as s:
        d = s.get(m.DocumentRow, doc_id)
        if d is None:
            return None
        segs = list(s.scalars(select(m.SegmentRow).where(m.SegmentRow.document_id == doc_id).order_by(m.SegmentRow.idx)))
        dropped = list(s.scalars(select(m.DroppedRow).where(m.DroppedRow.document_id == doc_id).order_by(m.DroppedRow.idx)))
        reports = [r.payload for r in s.scalars(select(m.ReportRow).where(m.ReportRow.document_id == doc_id).order_by(m.ReportRow.id))]
        events = dict(s.execute(select(m.EventReportRow.report_id, m.EventReportRow.event_id)
                                .where(m.EventReportRow.report_id.in_([r["id"] for r in reports]))).all())
        statements = [r.payload for r in s.scalars(select(m.StatementRow).where(m.StatementRow.document_id == doc_id).order_by(m.StatementRow.id))]
        source = s.get(m.SourceRow, d.source_id) if d.source_id else None
        text = d.text
        info = {"id": d.id, "path": d.path, "kind": d.kind, "url": d.url, "title": d.title, "source": source.name if source else None,
                "source_id": d.source_id, "published": {"value": d.published_value, "precision": d.published_precision},
                "language": d.language, "author": d.author, "duplicate_of": d.duplicate_of, "ingested_at": d.ingested_at}
    highlight = in_context(text, start, end) if start is not None and end is not None else None
    seg_out = []
    for g in segs:
        span = _seg_span(g.pieces, start, end) if highlight else None
        parts = {"before": g.text[: span[0]], "mark": g.text[span[0]: span[1]], "after": g.text[span[1]:]} if span else None
        seg_out.append({"id": g.id, "index": g.idx, "kind": g.kind, "title": g.title, "author": g.author, "source": g.source,
                        "date": {"value": g.date_value, "precision": g.date_precision}, "language": g.language,
                        "duplicate_of": g.duplicate_of, "depth": g.depth, "text": g.text, "highlight": parts})
    return {
        "document": info,
        "segments": seg_out,
        "dropped": [{"kind": x.kind, "reason": x.reason, "chars": x.chars, "start": x.start, "end": x.end, "text": x.text} for x in dropped],
        "reports": [{"id": r["id"], "type": r.get("type"), "segment": r.get("segment"), "event": events.get(r["id"])} for r in reports],
        "statements": [{"id": st["id"], "kind": st.get("kind"), "speaker": st.get("speaker"), "text": st.get("text")} for st in statements],
        "highlight": highlight,
        "chars": len(text),
    }


# -- briefing ------------------------------------------------------------


def briefing(store: Store, since: str, *, limit: int = 100, sentences: int = 3) -> dict:
    """What is new or changed since a date, told only in sentences quoted from the evidence."""
    with store.session() as s:
        rows = list(s.scalars(select(m.EventRow).where(m.EventRow.updated_at >= since)
                              .order_by(m.EventRow.updated_at.desc(), m.EventRow.id).limit(limit)))
        revs = defaultdict(list)
        for r in s.scalars(select(m.RevisionRow).where(m.RevisionRow.at >= since, m.RevisionRow.event_id.in_([e.id for e in rows])).order_by(m.RevisionRow.id)):
            revs[r.event_id].append({"at": r.at, "change": r.change, "why": r.why})
        report_ids = [x["id"] for e in rows for x in (e.payload or {}).get("reports") or [] if x.get("id")]
        ctx = Context(s, report_ids=report_ids)
    items = []
    for e in rows:
        quotes, seen = [], set()
        for x in (e.payload or {}).get("reports") or []:
            ev = (ctx.reports.get(x.get("id")) or {}).get("evidence")
            d = ctx.docs.get((ev or {}).get("document"))
            if not ev or d is None or ev.get("start") is None:
                continue
            a, b = sentence(d.text, ev["start"], ev["end"])
            quote = d.text[a:b]
            if quote in seen:
                continue
            seen.add(quote)
            info = ctx.report(x["id"]) or {}
            quotes.append({"text": quote, "document": d.id, "start": a, "end": b, "source": info.get("source"), "reported": info.get("reported")})
            if len(quotes) >= sentences:
                break
        changes = revs.get(e.id, [])
        items.append({**summary(e), "changes": changes, "new": any(c["change"] == "new" for c in changes), "summary": quotes})
    return {"since": since, "events": items}


# -- search and plain lists ----------------------------------------------


def search(store: Store, q: str, *, limit: int = 20, after: str | None = None) -> dict:
    offset = cur.decode(after, "search:" + q)[0] if after else 0
    hits = search_segments(store, q, limit=limit + 1, offset=offset)
    more = len(hits) > limit
    hits = hits[:limit]
    with store.session() as s:
        titles = dict(s.execute(select(m.DocumentRow.id, m.DocumentRow.title).where(m.DocumentRow.id.in_({h.document for h in hits}))).all())
    return {
        "items": [{"segment": h.segment, "document": h.document, "document_title": titles.get(h.document), "kind": h.kind,
                   "title": h.title, "snippet": h.snippet} for h in hits],
        "next": cur.encode("search:" + q, [offset + limit]) if more else None,
    }


def page_by_id(store: Store, model, *, where=(), limit: int = 50, after: str | None = None, name: str, shape) -> dict:
    """Keyset pages ordered by id, for records without a natural sort."""
    stmt = select(model).where(*where)
    if after:
        stmt = stmt.where(model.id > cur.decode(after, name)[0])
    with store.session() as s:
        rows = list(s.scalars(stmt.order_by(model.id).limit(limit + 1)))
        items = [shape(r) for r in rows[:limit]]
    nxt = cur.encode(name, [rows[limit - 1].id]) if len(rows) > limit else None
    return {"items": items, "next": nxt}
