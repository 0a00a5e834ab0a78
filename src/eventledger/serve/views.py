"""Actor, source, document and search views, and the plain record lists of the API."""

from __future__ import annotations

from collections import Counter, defaultdict

from eventledger.records import Piece, Source
from eventledger.serve import cursor as cur
from eventledger.serve.dossier import Context
from eventledger.serve.events import summary
from eventledger.serve.evidence import in_context
from eventledger.store import EventFilter, Store
from eventledger.store.search import terms


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
        roles = sorted(
            {
                f"perpetrator ({p.get('basis') or 'reported'})"
                for p in (r.payload or {}).get("perpetrators") or []
                if p.get("actor_id") == actor_id
            }
        )
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
        "actor": None
        if a is None
        else {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "parent": a.parent,
            "affiliates": list(a.affiliates),
            "region": a.region,
            "country": a.country,
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
    return [
        {"id": a.id, "name": a.name, "kind": a.kind, "parent": a.parent, "country": a.country}
        for a in (actors.all() if actors else [])
    ]


# -- sources -------------------------------------------------------------


def source_names(store: Store) -> dict[str, str]:
    """id -> name of every source that published a document or is named in a report."""
    return {s.id: s.name for s in store.sources()}


def source_list(store: Store) -> list[dict]:
    names = source_names(store)
    counts = store.report_counts_by_source()
    return sorted(
        ({"id": k, "name": v, "reports": counts.get(v, 0)} for k, v in names.items()),
        key=lambda x: (-x["reports"], x["name"]),
    )


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
            disagreed.append(
                {"event": ev.id, "fields": {k: {"this": sorted(mine[k]), "others": sorted(others[k])} for k in diff}}
            )
            fields.update(diff)
    return {
        "id": sid,
        "name": name,
        "reports": reps,
        "documents": docs,
        "events": len(event_ids),
        "agreement": {
            "events_compared": shared,
            "events_disagreed": len(disagreed),
            "by_field": dict(fields),
            "disagreements": disagreed[:50],
        },
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
    info = {
        "id": d.id,
        "path": d.path,
        "kind": d.kind,
        "url": d.url,
        "title": d.title,
        "source": d.source,
        "source_id": stored.source_id,
        "published": {"value": d.published.value, "precision": d.published.precision},
        "language": d.language,
        "author": d.author,
        "duplicate_of": d.duplicate_of,
        "ingested_at": stored.ingested_at,
    }
    highlight = in_context(text, start, end) if start is not None and end is not None else None
    seg_out = []
    for g in d.segments:
        span = _seg_span(g.pieces, start, end) if highlight else None
        parts = (
            {"before": g.text[: span[0]], "mark": g.text[span[0] : span[1]], "after": g.text[span[1] :]}
            if span
            else None
        )
        seg_out.append(
            {
                "id": g.id,
                "index": g.index,
                "kind": g.kind,
                "title": g.title,
                "author": g.author,
                "source": g.source,
                "date": {"value": g.date.value, "precision": g.date.precision},
                "language": g.language,
                "duplicate_of": g.duplicate_of,
                "depth": g.depth,
                "text": g.text,
                "highlight": parts,
            }
        )
    return {
        "document": info,
        "segments": seg_out,
        "dropped": [x.to_dict() for x in d.dropped],
        "reports": [
            {"id": r["id"], "type": r.get("type"), "segment": r.get("segment"), "event": events.get(r["id"])}
            for r in reports
        ],
        "statements": [
            {"id": st["id"], "kind": st.get("kind"), "speaker": st.get("speaker"), "text": st.get("text")}
            for st in statements
        ],
        "highlight": highlight,
        "chars": len(text),
    }


# -- search and plain lists ----------------------------------------------


def search(store: Store, q: str, *, limit: int = 20, after: str | None = None, actors=None) -> dict:
    """Events (by place, actor, type or their reports' words) and the document passages that match, each
    passage with its source, its date and the events its reports are in."""
    offset = cur.decode(after, "search:" + q)[0] if after else 0
    hits = store.search_segments(q, limit=limit + 1, offset=offset)
    more = len(hits) > limit
    hits = hits[:limit]
    docs = store.document_refs({h.document for h in hits})
    seg_events = store.segment_events(h.segment for h in hits)
    labels = {e.id: _event_label(e) for e in store.events_by_id({x for ids in seg_events.values() for x in ids})}
    items = []
    for h in hits:
        d = docs.get(h.document)
        title = d.title if d else None
        items.append(
            {
                "segment": h.segment,
                "document": h.document,
                "document_title": title,
                "kind": h.kind,
                "title": h.title if h.title and h.title != title else None,  # a segment titled as its page says it once
                "snippet": h.snippet,
                "source": h.source or (d.source if d else None),
                "date": {"value": h.date, "precision": None} if h.date else (dict(d.published) if d else None),
                "events": [labels[x] for x in seg_events.get(h.segment, []) if x in labels],
            }
        )
    return {
        "events": search_events(store, q, actors=actors) if not after else [],
        "items": items,
        "next": cur.encode("search:" + q, [offset + limit]) if more else None,
    }


def search_events(store: Store, q: str, *, actors=None, limit: int = 50) -> list[dict]:
    """Events whose place, type, actors or report text match, those matched by place first, then by type or
    actor, then by the words of their reports; a registry alias also finds its actor's events."""
    found = {e.id: e for e in store.events_page(EventFilter(q=q), sort="-sources", limit=500, total=False).items}
    aid = actors.lookup(q) if actors else None
    if aid:
        page = store.events_page(EventFilter(actor=q), actor_id=aid, sort="-sources", limit=500, total=False)
        found.update({e.id: e for e in page.items})
    words = [w.lower() for w in terms(q)]
    out = []
    for e in found.values():
        s = summary(e)
        place = " ".join(
            str(v) for k, v in (s["place"] or {}).items() if k in ("name", "city", "admin1", "country") and v
        )
        named = " ".join([s["type"] or ""] + [str(p.get("actor") or "") for p in s["perpetrators"]])
        matched = (
            "place"
            if _has_all(place, words)
            else "actor"
            if aid and any(p.get("actor_id") == aid for p in s["perpetrators"])
            else "type or actor"
            if _has_all(named, words)
            else "report text"
        )
        out.append({**s, "matched": matched})
    tier = {"place": 0, "actor": 1, "type or actor": 1, "report text": 2}
    out.sort(
        key=lambda s: (tier[s["matched"]], -s["independent_sources"], (s["date"] or {}).get("value") or "~", s["id"])
    )
    return out[:limit]


def _has_all(text: str, words: list[str]) -> bool:
    low = text.lower()
    return bool(words) and all(w in low for w in words)


def _event_label(e) -> dict:
    s = summary(e)
    date = {k: (s["date"] or {}).get(k) for k in ("value", "precision")}
    return {
        "id": s["id"],
        "type": s["type"],
        "date": date,
        "place": s["place"].get("name") or s["place"].get("country"),
    }


def paged(fetch, *, after: str | None, name: str, **kw) -> dict:
    """A keyset page ordered by id, for records without a natural sort (`fetch`: a Store *_page method)."""
    page = fetch(after=cur.decode(after, name)[0] if after else None, **kw)
    return {"items": page.items, "next": cur.encode(name, [page.next]) if page.next is not None else None}
