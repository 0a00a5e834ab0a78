"""Actor, source, document, briefing and search views, and the plain record lists of the API."""

from __future__ import annotations

from collections import Counter, defaultdict

from eventledger.records import Piece, Source
from eventledger.serve import cursor as cur
from eventledger.serve.dossier import Context
from eventledger.serve.events import summary
from eventledger.serve.evidence import in_context, sentence
from eventledger.store import Store


def source_id(name: str) -> str:
    return Source.named(name).id  # the store's own formula, so ids agree


# -- actors --------------------------------------------------------------


def actor_view(store: Store, actor_id: str, *, actors) -> dict | None:
    a = actors.get(actor_id) if actors else None
    rows = store.events_naming_actor(actor_id, limit=1000)
    target_events = store.event_ids_with_report_actor(actor_id)
    st_by = store.actor_statements(actor_id, speaker=True, limit=200)
    st_about = store.actor_statements(actor_id, speaker=False, limit=200)
    ctx = Context(store, doc_ids={st.get("document") for st in st_by + st_about})
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
    return {s.id: s.name for s in store.sources()}


def source_list(store: Store) -> list[dict]:
    names = source_names(store)
    counts = store.report_counts_by_source()
    return sorted(({"id": k, "name": v, "reports": counts.get(v, 0)} for k, v in names.items()), key=lambda x: (-x["reports"], x["name"]))


def source_view(store: Store, sid: str) -> dict | None:
    name = source_names(store).get(sid)
    if name is None:
        return None
    reps = store.source_reports(name, sid, limit=2000)
    docs = store.source_documents(sid, limit=200)
    event_ids = sorted({r["event"] for r in reps if r["event"]})
    events = store.events_by_id(event_ids)
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
        "reports": reps,
        "documents": docs,
        "events": len(event_ids),
        "agreement": {"events_compared": shared, "events_disagreed": len(disagreed), "by_field": dict(fields), "disagreements": disagreed[:50]},
    }


# -- documents -----------------------------------------------------------


def _seg_span(pieces: list[Piece], start: int, end: int) -> tuple[int, int] | None:
    for p in pieces or []:
        if p.doc_start <= start and end <= p.doc_start + p.length:
            return p.seg_start + start - p.doc_start, p.seg_start + end - p.doc_start
    return None


def document_view(store: Store, doc_id: str, *, start: int | None = None, end: int | None = None) -> dict | None:
    stored = store.document(doc_id)
    if stored is None:
        return None
    d = stored.document
    reports = store.reports(document=doc_id)
    events = store.event_of_reports([r["id"] for r in reports])
    statements = store.statements(document=doc_id)
    text = d.text
    info = {"id": d.id, "path": d.path, "kind": d.kind, "url": d.url, "title": d.title, "source": d.source,
            "source_id": stored.source_id,
            "published": {"value": d.published.value, "precision": d.published.precision},
            "language": d.language, "author": d.author, "duplicate_of": d.duplicate_of,
            "ingested_at": stored.ingested_at}
    highlight = in_context(text, start, end) if start is not None and end is not None else None
    seg_out = []
    for g in d.segments:
        span = _seg_span(g.pieces, start, end) if highlight else None
        parts = {"before": g.text[: span[0]], "mark": g.text[span[0]: span[1]], "after": g.text[span[1]:]} if span else None
        seg_out.append({"id": g.id, "index": g.index, "kind": g.kind, "title": g.title, "author": g.author,
                        "source": g.source, "date": {"value": g.date.value, "precision": g.date.precision},
                        "language": g.language, "duplicate_of": g.duplicate_of, "depth": g.depth,
                        "text": g.text, "highlight": parts})
    return {
        "document": info,
        "segments": seg_out,
        "dropped": [x.to_dict() for x in d.dropped],
        "reports": [{"id": r["id"], "type": r.get("type"), "segment": r.get("segment"), "event": events.get(r["id"])} for r in reports],
        "statements": [{"id": st["id"], "kind": st.get("kind"), "speaker": st.get("speaker"), "text": st.get("text")} for st in statements],
        "highlight": highlight,
        "chars": len(text),
    }


# -- briefing ------------------------------------------------------------


def briefing(store: Store, since: str, *, limit: int = 100, sentences: int = 3) -> dict:
    """What is new or changed since a date, told only in sentences quoted from the evidence."""
    rows = store.events_changed_since(since, limit=limit)
    revs = store.revisions([e.id for e in rows], since=since)
    report_ids = [x["id"] for e in rows for x in (e.payload or {}).get("reports") or [] if x.get("id")]
    ctx = Context(store, report_ids=report_ids)
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
    hits = store.search_segments(q, limit=limit + 1, offset=offset)
    more = len(hits) > limit
    hits = hits[:limit]
    docs = store.document_refs({h.document for h in hits})
    return {
        "items": [{"segment": h.segment, "document": h.document,
                   "document_title": d.title if (d := docs.get(h.document)) else None,
                   "kind": h.kind, "title": h.title, "snippet": h.snippet} for h in hits],
        "next": cur.encode("search:" + q, [offset + limit]) if more else None,
    }


def paged(fetch, *, after: str | None, name: str, **kw) -> dict:
    """A keyset page ordered by id, for records without a natural sort (`fetch`: a Store *_page method)."""
    page = fetch(after=cur.decode(after, name)[0] if after else None, **kw)
    return {"items": page.items, "next": cur.encode(name, [page.next]) if page.next is not None else None}
