"""The event dossier: every field with every reported value, its source, its date and its sentence."""

from __future__ import annotations

from eventledger.serve.evidence import in_context
from eventledger.store import Store


class Context:
    """Documents and reports needed to show evidence, loaded once per page."""

    def __init__(self, store: Store, *, report_ids=(), doc_ids=()):
        self.reports = store.reports_by_id(report_ids)
        self.told = store.report_contexts(self.reports.values())
        doc_ids = set(doc_ids) | {r.get("document") for r in self.reports.values()}
        self.docs = store.document_refs([d for d in doc_ids if d], text=True)

    def doc(self, doc_id: str | None) -> dict | None:
        d = self.docs.get(doc_id)
        if d is None:
            return None
        return {
            "id": d.id,
            "title": d.title,
            "url": d.url,
            "kind": d.kind,
            "source": d.source,
            "published": dict(d.published),
        }

    def report(self, report_id: str | None) -> dict | None:
        """Who reported it and when: the segment's own date (a post, a comment) or the document's."""
        r = self.reports.get(report_id)
        if r is None:
            return None
        told, d = self.told[r["id"]], self.docs.get(r.get("document"))
        return {
            "id": r["id"],
            "document": r.get("document"),
            "segment": r.get("segment"),
            "source": told["source"],
            "reported": told["published"],
            "kind": told["segment_kind"],
            "document_title": d.title if d else None,
        }

    def quote(self, ev: dict | None) -> dict | None:
        if not ev:
            return None
        d = self.docs.get(ev.get("document"))
        ctx = in_context(d.text if d else "", ev.get("start"), ev.get("end"), quoted=ev.get("text"))
        return {**ev, "context": ctx}


def _contested_fields(e: dict) -> set[str]:
    out = set()
    for c in e.get("contradictions") or []:
        f = str(c.get("field") or "")
        out.add(f)
        out.add(f.split(".")[-1])
    for kind, c in (e.get("counts") or {}).items():
        if isinstance(c, dict) and c.get("contested"):
            out.add(kind)
    return out


def dossier(store: Store, event_id: str) -> dict | None:
    stored = store.event(event_id)
    if stored is None:
        return None
    e = stored.payload or {}
    report_ids = {r["id"] for r in e.get("reports") or [] if r.get("id")}
    report_ids |= store.event_report_ids(event_id)
    statements = store.event_statements(event_id, list(e.get("statements") or []))
    ev_docs = {
        v.get("evidence", {}).get("document")
        for c in (e.get("counts") or {}).values()
        if isinstance(c, dict)
        for v in c.get("values") or []
        if v.get("evidence")
    }
    ctx = Context(store, report_ids=report_ids, doc_ids=ev_docs | {st.get("document") for st in statements})
    corrections = store.corrections(event_id=event_id)
    revisions = store.revisions([event_id]).get(event_id, [])
    contested = _contested_fields(e)
    reports = sorted(
        (ctx.report(rid) for rid in report_ids if rid in ctx.reports),
        key=lambda r: (r["reported"]["value"] or "", r["id"]),
    )
    counts = _counts(e, ctx, contested)
    per_report = [_told(rid, ctx) for rid in sorted(report_ids) if ctx.reports.get(rid) is not None]
    for st in statements:
        st["quote"] = ctx.quote(st.get("evidence"))
    return {
        "event": e,
        "id": event_id,
        "updated_at": stored.updated_at,
        "contested": sorted(contested),
        "counts": counts,
        "reports": reports,
        "per_report": per_report,
        "perpetrators": e.get("perpetrators") or [],
        "contradictions": e.get("contradictions") or [],
        "statements": statements,
        "documents": [ctx.doc(d) for d in sorted(ctx.docs)],
        "corrections": corrections,
        "applied_corrections": e.get("corrections") or [],
        "revisions": revisions,
        "sources": e.get("sources") or [],
    }


def _counts(e: dict, ctx: Context, contested: set[str]) -> list[dict]:
    """Each count kind's summary with every reported figure, its source, report and quote."""
    counts = []
    for kind, c in (e.get("counts") or {}).items():
        if not isinstance(c, dict):
            continue
        values = [
            {
                **{k: v.get(k) for k in ("value", "qualifier", "low", "high", "who")},
                "source": v.get("source") or (ctx.report(v.get("report")) or {}).get("source"),
                "report": ctx.report(v.get("report")) or {"id": v.get("report")},
                "evidence": ctx.quote(v.get("evidence")),
            }
            for v in c.get("values") or []
        ]
        counts.append(
            {
                "kind": kind,
                "low": c.get("low"),
                "high": c.get("high"),
                "best": c.get("best"),
                "policy": c.get("policy"),
                "contested": kind in contested,
                "values": values,
            }
        )
    return counts


def _told(report_id: str, ctx: Context) -> dict:
    """What one report says of the event, each value with its quote."""
    r = ctx.reports[report_id]
    info = ctx.report(report_id)
    place = r.get("place") or {}
    return {
        "report": info,
        "type": r.get("type"),
        "trigger": r.get("trigger"),
        "opinion": r.get("opinion"),
        "sentence": ctx.quote(r.get("evidence")),
        "date": {**(r.get("date") or {}), "evidence": ctx.quote(r.get("date_evidence"))},
        "place": {
            **{k: place.get(k) for k in ("name", "city", "admin1", "country", "lat", "lon", "precision")},
            "evidence": ctx.quote(place.get("evidence")),
        },
        "perpetrators": [{**a, "evidence": ctx.quote(_arg_evidence(r, a))} for a in r.get("perpetrator_orgs") or []],
        "targets": [a.get("text") for a in r.get("targets") or []],
        "weapons": [a.get("text") for a in r.get("weapons") or []],
    }


def _arg_evidence(report: dict, arg: dict) -> dict | None:
    if arg.get("start") is None:
        return None
    return {
        "document": report.get("document"),
        "segment": report.get("segment"),
        "start": arg["start"],
        "end": arg["end"],
        "text": arg.get("text"),
    }
