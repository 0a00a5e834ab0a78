"""Exports for analysts' tools: ACLED- and GTD-style CSV, GeoJSON, STIX 2.1 (JSON lines live in jsonl.py)."""

from __future__ import annotations

from typing import TextIO

from sqlalchemy import select

from eventledger.store import Store
from eventledger.store import models as m

FORMATS = ("csv-acled", "csv-gtd", "geojson", "stix")


def _context(store: Store) -> dict:
    """What the formats need beyond the event dicts: update times, report dates, citations."""
    with store.session() as s:
        updated = dict(s.execute(select(m.EventRow.id, m.EventRow.updated_at)).all())
        docs = {d.id: d for d in s.execute(select(m.DocumentRow.id, m.DocumentRow.title, m.DocumentRow.published_value, m.DocumentRow.url))}
        reports = {}
        for r in s.execute(select(m.ReportRow.id, m.ReportRow.source, m.ReportRow.document_id)):
            d = docs.get(r.document_id)
            reports[r.id] = {"source": r.source, "published": d.published_value if d else None}
    return {"updated": updated, "reports": reports, "docs": docs}


def _citations(events: list[dict], docs: dict) -> dict:
    out = {}
    for e in events:
        cites = []
        for s in e.get("sources") or []:
            d = docs.get(s.get("document")) if isinstance(s, dict) else None
            name = s.get("name") if isinstance(s, dict) else s
            if d is not None:
                cites.append(f'{name}, "{d.title or "untitled"}", {d.published_value or "undated"}' + (f", {d.url}" if d.url else ""))
            elif name:
                cites.append(str(name))
        out[e["id"]] = cites
    return out


def write_export(store: Store, *, what: str, fmt: str, out: TextIO) -> None:
    """Write `what` (events) in format `fmt` to a text stream."""
    from eventledger.export import acled, geojson, gtd, stix
    from eventledger.export.codebook import Codebook
    from eventledger.export.jsonl import records
    from eventledger.extract.actors import ActorRegistry

    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}': choose one of jsonl, {', '.join(FORMATS)}")
    if what != "events":
        raise ValueError(f"--format {fmt} exports events; use --what events (or --format jsonl for {what})")
    events = list(records(store, "events"))
    ctx = _context(store)
    actors = ActorRegistry.load()
    if fmt == "csv-acled":
        acled.write(events, out, codebook=Codebook.load(), actors=actors, updated=ctx["updated"])
    elif fmt == "csv-gtd":
        gtd.write(events, out, codebook=Codebook.load(), citations=_citations(events, ctx["docs"]))
    elif fmt == "geojson":
        geojson.write(events, out)
    else:
        stix.write(events, out, reports=ctx["reports"], updated=ctx["updated"], actors=actors)
