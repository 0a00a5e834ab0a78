"""A STIX 2.1 bundle: incidents with their figures in a property extension, organised perpetrators as threat
actors, locations, source identities, reports, attributed-to relationships and notes for contested values.
Ids are UUIDv5 of our ids, so re-exports agree; it parses with `stix2.parse(..., allow_custom=False)`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import stix2

from eventledger.export.fields import one_line, organised, outlet_of

NS = uuid.UUID("6f1c7d3e-2a59-4c1b-9d55-3b1f0e7a8c42")  # EventLedger's namespace for STIX ids
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
THREAT_TYPES = {
    "armed-group": ["terrorist"],
    "criminal": ["criminal"],
    "state-force": ["nation-state"],
    "government": ["nation-state"],
    "movement": ["activist"],
}
COUNT_KINDS = ("killed", "injured", "missing", "arrested", "kidnapped")
EXTENSION_SCHEMA = (
    "EventLedger event figures. Properties: event (the EventLedger event id), date {value, precision}, "
    "independent_sources (integer), and per count kind (killed, injured, missing, arrested, kidnapped) an object "
    "{low, high, best (integers or absent), policy (the rule that chose best), contested (boolean), values: list of "
    "{value or low/high, qualifier, source, report}} -- every figure a source reported, with the source that "
    "reported it."
)


def sid(kind: str, *parts) -> str:
    return f"{kind}--{uuid.uuid5(NS, '|'.join(str(p) for p in (kind, *parts)))}"


EXTENSION_ID = sid("extension-definition", "eventledger-figures", 1)
PRODUCER_ID = sid("identity", "eventledger")


def _when(value: str | None, fallback: datetime) -> datetime:
    if not value:
        return fallback
    try:
        v = value if len(value) > 7 else (value + "-01" if len(value) == 7 else value + "-01-01")
        d = datetime.fromisoformat(v)
        return d if d.tzinfo else d.replace(tzinfo=UTC)
    except ValueError:
        return fallback


def _figures(e: dict) -> dict:
    """The extension's properties: every reported figure per kind with its source; nothing absent is written."""
    out: dict = {
        "extension_type": "property-extension",
        "event": e["id"],
        "independent_sources": e.get("independent_sources") or 0,
    }
    date = e.get("date") or {}
    if date.get("value"):
        out["date"] = {k: date[k] for k in ("value", "precision") if date.get(k)}
    for kind in COUNT_KINDS:
        c = (e.get("counts") or {}).get(kind)
        if not isinstance(c, dict) or not c.get("values"):
            continue
        values = []
        for v in c["values"]:
            item = {k: v[k] for k in ("value", "low", "high", "qualifier", "source", "report") if v.get(k) is not None}
            if "value" in item or "low" in item:
                values.append(item)
        summary = {k: c[k] for k in ("low", "high", "best", "policy") if c.get(k) is not None}
        out[kind] = {**summary, "contested": bool(c.get("contested")), "values": values}
    return out


def _description(e: dict, place: dict, attack: bool) -> str:
    """Prose built from stored words only; figures are in the extension, not here."""
    where = ", ".join(x for x in (place.get("name"), place.get("country")) if x) or "an unknown place"
    when = (e.get("date") or {}).get("value") or "an unknown date"
    parts = [
        f"{e.get('type') or 'event'} at {where} on {when}",
        f"{e.get('independent_sources') or 0} independent sources",
    ]
    disputed = [str(c.get("field")) for c in e.get("contradictions") or []]
    if disputed:
        parts.append("sources disagree on " + ", ".join(disputed))
    if not attack:
        parts.append("not an attack: no threat actor is attributed")
    return one_line("; ".join(parts))


def bundle(events: list[dict], *, ctx) -> stix2.Bundle:
    objs: dict[str, object] = {
        PRODUCER_ID: stix2.Identity(
            id=PRODUCER_ID, name="EventLedger", identity_class="system", created=EPOCH, modified=EPOCH
        ),
        EXTENSION_ID: stix2.ExtensionDefinition(
            id=EXTENSION_ID,
            created_by_ref=PRODUCER_ID,
            created=EPOCH,
            modified=EPOCH,
            name="EventLedger event figures",
            description="Every casualty figure each source reported for an incident, with the summary EventLedger "
            "derived.",
            schema=EXTENSION_SCHEMA,
            version="1.0.0",
            extension_types=["property-extension"],
        ),
    }
    for e in events:
        _add_event(objs, e, ctx=ctx)
    return stix2.Bundle(
        objects=list(objs.values()), id=sid("bundle", *sorted(e["id"] for e in events)), allow_custom=False
    )


def _add_event(objs: dict[str, object], e: dict, *, ctx) -> None:
    """The event's incident and what hangs on it, in the bundle's order: its location, threat actors, notes and
    reports. Objects several events share (locations, actors, sources) are added once."""
    stamp = _when((ctx.updated or {}).get(e.get("id")), EPOCH)
    common = {"created": stamp, "modified": stamp}
    place = e.get("place") or {}
    attack = ctx.codebook.is_attack(e.get("type"))
    inc_id = sid("incident", e["id"])
    objs[inc_id] = stix2.Incident(
        id=inc_id,
        name=one_line(f"{e.get('type') or 'event'} in {place.get('name') or place.get('country') or 'unknown place'}"),
        description=_description(e, place, attack),
        extensions={EXTENSION_ID: _figures(e)},
        **common,
    )
    refs = [inc_id]
    if place.get("country") or (place.get("lat") is not None and place.get("lon") is not None):
        refs.append(_add_location(objs, inc_id, place, common))
    # threat actors: organised actors of the registry behind an attack; who arrested whom is not a threat
    for p, a in organised(e.get("perpetrators") or [], ctx.actors) if attack else []:
        refs.append(_add_threat_actor(objs, inc_id, p, a, common))
    for c in e.get("contradictions") or []:
        note_id = sid("note", e["id"], c.get("field"))
        objs[note_id] = stix2.Note(
            id=note_id,
            abstract=f"Sources disagree on {c.get('field')}",
            content=one_line(_disputed_values(c)) or "values differ",
            object_refs=[inc_id],
            **common,
        )
    _add_reports(objs, e, refs, stamp, ctx=ctx)


def _add_location(objs: dict[str, object], inc_id: str, place: dict, common: dict) -> str:
    loc_id = sid("location", place.get("name"), place.get("country"), place.get("lat"), place.get("lon"))
    kw = {
        k: v
        for k, v in {
            "name": place.get("name"),
            "country": place.get("country"),
            "city": place.get("city"),
            "administrative_area": place.get("admin1"),
            "latitude": place.get("lat"),
            "longitude": place.get("lon"),
        }.items()
        if v is not None
    }
    objs.setdefault(loc_id, stix2.Location(id=loc_id, created=EPOCH, modified=EPOCH, **kw))
    rel = sid("relationship", inc_id, "located-at", loc_id)
    objs[rel] = stix2.Relationship(
        id=rel, source_ref=inc_id, target_ref=loc_id, relationship_type="located-at", **common
    )
    return loc_id


def _add_threat_actor(objs: dict[str, object], inc_id: str, p: dict, a, common: dict) -> str:
    """The actor `a` of the registry that perpetrator `p` names, and the incident's attributed-to relationship."""
    ta_id = sid("threat-actor", a.id)
    extra = {"threat_actor_types": THREAT_TYPES[a.kind]} if a.kind in THREAT_TYPES else {}
    if a.aliases:
        extra["aliases"] = list(a.aliases)[:20]
    objs.setdefault(ta_id, stix2.ThreatActor(id=ta_id, name=a.name, created=EPOCH, modified=EPOCH, **extra))
    by = p.get("by") if isinstance(p.get("by"), str) else ", ".join(p.get("by") or [])
    why = {"claimed": "claimed responsibility", "attributed": f"attributed by {by}" if by else "attributed"}.get(
        p.get("basis"), "named in reports"
    )
    rel = sid("relationship", inc_id, "attributed-to", ta_id)
    objs[rel] = stix2.Relationship(
        id=rel,
        source_ref=inc_id,
        target_ref=ta_id,
        relationship_type="attributed-to",
        description=one_line(why),
        confidence=85 if p.get("basis") == "claimed" else 50,
        **common,
    )
    return ta_id


def _disputed_values(c: dict) -> str:
    """A contradiction's values, each with its source when known."""
    return "; ".join(
        str(v.get("value") if isinstance(v, dict) else v)
        + (f" ({v.get('source')})" if isinstance(v, dict) and v.get("source") else "")
        for v in c.get("values") or []
        if (v.get("value") if isinstance(v, dict) else v) is not None
    )


def _add_reports(objs: dict[str, object], e: dict, refs: list[str], stamp: datetime, *, ctx) -> None:
    """A STIX report per report of the event, created by its source's identity when the source is known."""
    told = ctx.told or {}
    names = {
        s.get("document"): named[0]
        for s in e.get("sources") or []
        if isinstance(s, dict) and (named := outlet_of(s, ctx.docs))
    }
    for r in e.get("reports") or []:
        src = names.get(r.get("document")) or r.get("source") or (told.get(r.get("id")) or {}).get("source")
        ident = None
        if src:
            ident = sid("identity", src.strip().lower())
            objs.setdefault(
                ident,
                stix2.Identity(
                    id=ident, name=one_line(src), identity_class="organization", created=EPOCH, modified=EPOCH
                ),
            )
        published = _when((told.get(r.get("id")) or {}).get("published") or (e.get("date") or {}).get("value"), stamp)
        rid = sid("report", r["id"])
        objs[rid] = stix2.Report(
            id=rid,
            name=one_line(f"{src or 'Unknown source'}: {e.get('type') or 'event'}"),
            published=published,
            report_types=["threat-report"],
            object_refs=refs,
            created=min(published, stamp),
            modified=stamp,
            **({"created_by_ref": ident} if ident else {}),
        )


def write(events: list[dict], out, *, ctx) -> None:
    out.write(bundle(events, ctx=ctx).serialize(pretty=False))
    out.write("\n")
