"""The event dossier: every field with every reported value, its source, its date and its sentence."""

from __future__ import annotations

from sqlalchemy import or_, select

from eventledger.serve.evidence import in_context
from eventledger.store import Store
from eventledger.store import models as m


class Context:
    """Documents, segments and reports needed to show evidence, loaded once per page."""

    def __init__(self, s, *, report_ids=(), doc_ids=()):
        self.reports = {r.id: r.payload for r in s.scalars(select(m.ReportRow).where(m.ReportRow.id.in_(list(report_ids))))}
        doc_ids = set(doc_ids) | {r.get("document") for r in self.reports.values()}
        D = m.DocumentRow
        rows = s.execute(
            select(D.id, D.title, D.text, D.url, D.kind, D.published_value, D.published_precision, D.source_id, D.meta)
            .where(D.id.in_([d for d in doc_ids if d]))
        ).all()
        self.docs = {r.id: r for r in rows}
        seg_ids = [r.get("segment") for r in self.reports.values() if r.get("segment")]
        self.segs = {
            g.id: g for g in s.execute(select(m.SegmentRow.id, m.SegmentRow.date_value, m.SegmentRow.date_precision,
                                              m.SegmentRow.source, m.SegmentRow.kind).where(m.SegmentRow.id.in_(seg_ids)))
        }

    def doc(self, doc_id: str | None) -> dict | None:
        d = self.docs.get(doc_id)
        if d is None:
            return None
        return {"id": d.id, "title": d.title, "url": d.url, "kind": d.kind, "source": (d.meta or {}).get("source"),
                "published": {"value": d.published_value, "precision": d.published_precision}}

    def report(self, report_id: str | None) -> dict | None:
        """Who reported it and when: the segment's own date (a post, a comment) or the document's."""
        r = self.reports.get(report_id)
        if r is None:
            return None
        g, d = self.segs.get(r.get("segment")), self.docs.get(r.get("document"))
        if g is not None and g.date_value:
            when = {"value": g.date_value, "precision": g.date_precision}
        else:
            when = {"value": d.published_value if d else None, "precision": d.published_precision if d else None}
        doc_source = (d.meta or {}).get("source") if d is not None else None
        source = (g.source if g is not None and g.source else None) or r.get("source") or doc_source
        return {"id": r["id"], "document": r.get("document"), "segment": r.get("segment"), "source": source,
                "reported": when, "kind": g.kind if g is not None else None,
                "document_title": d.title if d else None}

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
    with store.session() as s:
        row = s.get(m.EventRow, event_id)
        if row is None:
            return None
        e = row.payload or {}
        report_ids = {r["id"] for r in e.get("reports") or [] if r.get("id")}
        report_ids |= set(s.scalars(select(m.EventReportRow.report_id).where(m.EventReportRow.event_id == event_id)))
        st_ids = list(e.get("statements") or [])
        statements = [
            {**r.payload, "event": r.event_id}
            for r in s.scalars(select(m.StatementRow).where(or_(m.StatementRow.event_id == event_id, m.StatementRow.id.in_(st_ids))).order_by(m.StatementRow.id))
        ]
        ev_docs = {v.get("evidence", {}).get("document") for c in (e.get("counts") or {}).values() if isinstance(c, dict)
                   for v in c.get("values") or [] if v.get("evidence")}
        ctx = Context(s, report_ids=report_ids, doc_ids=ev_docs | {st.get("document") for st in statements})
        corrections = [dict(c.payload, created=c.created_at) for c in
                       s.scalars(select(m.CorrectionRow).where(m.CorrectionRow.event_id == event_id).order_by(m.CorrectionRow.created_at))]
        revisions = [{"at": r.at, "change": r.change, "why": r.why} for r in
                     s.scalars(select(m.RevisionRow).where(m.RevisionRow.event_id == event_id).order_by(m.RevisionRow.id))]
    contested = _contested_fields(e)
    reports = sorted((ctx.report(rid) for rid in report_ids if rid in ctx.reports), key=lambda r: (r["reported"]["value"] or "", r["id"]))
    counts = []
    for kind, c in (e.get("counts") or {}).items():
        if not isinstance(c, dict):
            continue
        values = [
            {**{k: v.get(k) for k in ("value", "qualifier", "low", "high", "who")},
             "source": v.get("source") or (ctx.report(v.get("report")) or {}).get("source"),
             "report": ctx.report(v.get("report")) or {"id": v.get("report")},
             "evidence": ctx.quote(v.get("evidence"))}
            for v in c.get("values") or []
        ]
        counts.append({"kind": kind, "low": c.get("low"), "high": c.get("high"), "best": c.get("best"),
                       "policy": c.get("policy"), "contested": kind in contested, "values": values})
    per_report = []
    for rid in sorted(report_ids):
        r = ctx.reports.get(rid)
        if r is None:
            continue
        info = ctx.report(rid)
        place = r.get("place") or {}
        per_report.append({
            "report": info,
            "type": r.get("type"), "trigger": r.get("trigger"), "opinion": r.get("opinion"),
            "sentence": ctx.quote(r.get("evidence")),
            "date": {**(r.get("date") or {}), "evidence": ctx.quote(r.get("date_evidence"))},
            "place": {**{k: place.get(k) for k in ("name", "city", "admin1", "country", "lat", "lon", "precision")},
                      "evidence": ctx.quote(place.get("evidence"))},
            "perpetrators": [{**a, "evidence": ctx.quote(_arg_evidence(r, a))} for a in r.get("perpetrator_orgs") or []],
            "targets": [a.get("text") for a in r.get("targets") or []],
            "weapons": [a.get("text") for a in r.get("weapons") or []],
        })
    for st in statements:
        st["quote"] = ctx.quote(st.get("evidence"))
    return {
        "event": e,
        "id": event_id,
        "updated_at": row.updated_at,
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


def _arg_evidence(report: dict, arg: dict) -> dict | None:
    if arg.get("start") is None:
        return None
    return {"document": report.get("document"), "segment": report.get("segment"), "start": arg["start"], "end": arg["end"], "text": arg.get("text")}
