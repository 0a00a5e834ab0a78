"""Exports for analysts' tools: ACLED- and GTD-style CSV, GeoJSON, STIX 2.1 (JSON lines live in jsonl.py)."""

from __future__ import annotations

from typing import TextIO

from eventledger.store import Store

FORMATS = ("csv-acled", "csv-gtd", "geojson", "stix")


def _citations(events: list[dict], docs: dict) -> dict:
    out = {}
    for e in events:
        cites = []
        for s in e.get("sources") or []:
            d = docs.get(s.get("document")) if isinstance(s, dict) else None
            name = s.get("name") if isinstance(s, dict) else s
            if d is not None:
                when = d.published["value"] or "undated"
                cites.append(f'{name}, "{d.title or "untitled"}", {when}' + (f", {d.url}" if d.url else ""))
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
    actors = ActorRegistry.load()
    if fmt == "csv-acled":
        acled.write(events, out, codebook=Codebook.load(), actors=actors, updated=store.updated_times())
    elif fmt == "csv-gtd":
        gtd.write(events, out, codebook=Codebook.load(), citations=_citations(events, store.document_refs()))
    elif fmt == "geojson":
        geojson.write(events, out)
    else:
        stix.write(events, out, reports=store.report_sources(), updated=store.updated_times(), actors=actors)
