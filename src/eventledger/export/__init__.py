"""Exports for analysts' tools: ACLED- and GTD-style CSV, GeoJSON, STIX 2.1, Parquet (JSON lines live in jsonl.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventledger.export.codebook import Codebook
from eventledger.export.fields import outlet_of
from eventledger.store import Store

FORMATS = ("csv-acled", "csv-gtd", "geojson", "stix", "parquet")
BINARY = ("parquet",)


@dataclass(slots=True)
class Context:
    """What the writers need besides the events, read from the store once."""

    codebook: Codebook
    actors: object  # the actor registry
    docs: dict  # document id -> DocumentRef
    reports: dict  # report id -> payload
    told: dict  # report id -> {source, published}: the outlet that told it and when
    updated: dict  # event id -> when it last changed
    notes: list[str] = field(default_factory=list)  # what the writer left out or filled in, for the user

    def first_published(self, e: dict) -> str | None:
        """When the earliest of the event's reports was published (the latest its date can be)."""
        dates = [(self.told.get(r.get("id")) or {}).get("published") for r in e.get("reports") or []]
        return min((d for d in dates if d), default=None)

    def citations(self, e: dict) -> list[str]:
        """One citation per source document: outlet, "title", publication date, URL."""
        out: list[str] = []
        for s in e.get("sources") or []:
            named = outlet_of(s, self.docs)
            if not named:
                continue
            d = self.docs.get(s.get("document")) if isinstance(s, dict) else None
            cite = named[0]
            if d is not None:
                cite += f', "{d.title or "untitled"}", {d.published["value"] or "undated"}' + (
                    f", {d.url}" if d.url else ""
                )
            if cite not in out:
                out.append(cite)
        return out


def context(store: Store) -> Context:
    from eventledger.knowledge import ActorRegistry

    reports = {r["id"]: r for r in store.reports()}
    # who told each report and when: a post's or comment's own date before its page's
    told = {
        rid: {"source": c["source"], "published": c["published"]["value"]}
        for rid, c in store.report_contexts(reports.values()).items()
    }
    return Context(Codebook.load(), ActorRegistry.load(), store.document_refs(), reports, told, store.updated_times())


def write_export(store: Store, *, what: str, fmt: str, out) -> list[str]:
    """Write `what` (events) in format `fmt` to `out` (a text stream; a binary one or a path for Parquet).

    Returns notes for the user: events left out or values filled in by a documented rule."""
    from eventledger.export import acled, geojson, gtd, parquet, stix
    from eventledger.export.jsonl import records

    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}': choose one of jsonl, {', '.join(FORMATS)}")
    if what != "events":
        raise ValueError(f"--format {fmt} exports events; use --what events (or --format jsonl for {what})")
    events = list(records(store, "events"))
    ctx = context(store)
    writer = {
        "csv-acled": acled.write,
        "csv-gtd": gtd.write,
        "geojson": geojson.write,
        "stix": stix.write,
        "parquet": parquet.write,
    }[fmt]
    writer(events, out, ctx=ctx)
    return ctx.notes
