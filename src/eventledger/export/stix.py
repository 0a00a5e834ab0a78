"""A STIX 2.1 bundle: incidents, perpetrators as threat actors, locations, source identities, reports,
attributed-to relationships and notes for contested values. Ids are UUIDv5 of our ids, so re-exports agree."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import stix2

NS = uuid.UUID("6f1c7d3e-2a59-4c1b-9d55-3b1f0e7a8c42")  # EventLedger's namespace for STIX ids
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def sid(kind: str, *parts) -> str:
    return f"{kind}--{uuid.uuid5(NS, '|'.join(str(p) for p in (kind, *parts)))}"


def _when(value: str | None, fallback: datetime) -> datetime:
    if not value:
        return fallback
    try:
        v = value if len(value) > 7 else (value + "-01" if len(value) == 7 else value + "-01-01")
        d = datetime.fromisoformat(v)
        return d if d.tzinfo else d.replace(tzinfo=UTC)
    except ValueError:
        return fallback


THREAT_TYPES = {"armed-group": ["terrorist"], "criminal": ["criminal"], "state-force": ["nation-state"], "government": ["nation-state"]}


def bundle(events: list[dict], *, reports: dict | None = None, updated: dict | None = None, actors=None, **_) -> stix2.Bundle:
    objs: dict[str, object] = {}
    reports = reports or {}
    for e in events:
        stamp = _when((updated or {}).get(e.get("id")), EPOCH)
        common = {"created": stamp, "modified": stamp}
        place = e.get("place") or {}
        inc_id = sid("incident", e["id"])
        desc = [f"{e.get('type') or 'event'} on {(e.get('date') or {}).get('value') or 'an unknown date'}"]
        for kind, c in (e.get("counts") or {}).items():
            if isinstance(c, dict) and c.get("values"):
                desc.append(f"{kind}: " + ", ".join(f"{v.get('value')} ({v.get('source') or 'unknown'})" for v in c["values"]))
        objs[inc_id] = stix2.Incident(id=inc_id, name=f"{e.get('type') or 'event'} in {place.get('name') or place.get('country') or 'unknown place'}",
                                      description="; ".join(desc), **common)
        refs = [inc_id]
        if place.get("country") or (place.get("lat") is not None and place.get("lon") is not None):
            loc_id = sid("location", place.get("name"), place.get("country"), place.get("lat"), place.get("lon"))
            kw = {k: v for k, v in {"name": place.get("name"), "country": place.get("country"), "city": place.get("city"),
                                    "administrative_area": place.get("admin1"), "latitude": place.get("lat"),
                                    "longitude": place.get("lon")}.items() if v is not None}
            objs.setdefault(loc_id, stix2.Location(id=loc_id, created=EPOCH, modified=EPOCH, **kw))
            rel = sid("relationship", inc_id, "located-at", loc_id)
            objs[rel] = stix2.Relationship(id=rel, source_ref=inc_id, target_ref=loc_id, relationship_type="located-at", **common)
            refs.append(loc_id)
        for p in e.get("perpetrators") or []:
            if not p.get("actor"):
                continue
            ta_id = sid("threat-actor", p.get("actor_id") or p["actor"].lower())
            a = actors.get(p["actor_id"]) if actors is not None and p.get("actor_id") else None
            extra = {"threat_actor_types": THREAT_TYPES[a.kind]} if a and a.kind in THREAT_TYPES else {}
            if a and a.aliases:
                extra["aliases"] = list(a.aliases)[:20]
            objs.setdefault(ta_id, stix2.ThreatActor(id=ta_id, name=a.name if a else p["actor"], created=EPOCH, modified=EPOCH, **extra))
            by = p.get("by")
            why = {"claimed": "claimed responsibility", "attributed": f"attributed by {by}" if by else "attributed"}.get(p.get("basis"), "named in reports")
            rel = sid("relationship", inc_id, "attributed-to", ta_id)
            objs[rel] = stix2.Relationship(id=rel, source_ref=inc_id, target_ref=ta_id, relationship_type="attributed-to",
                                           description=why, confidence=85 if p.get("basis") == "claimed" else 50, **common)
            refs.append(ta_id)
        for c in e.get("contradictions") or []:
            note_id = sid("note", e["id"], c.get("field"))
            vals = ", ".join(str(v.get("value") if isinstance(v, dict) else v) + (f" ({v.get('source')})" if isinstance(v, dict) and v.get("source") else "")
                             for v in c.get("values") or [])
            objs[note_id] = stix2.Note(id=note_id, abstract=f"Sources disagree on {c.get('field')}", content=vals or "values differ",
                                       object_refs=[inc_id], **common)
        for r in e.get("reports") or []:
            src = r.get("source") or (reports.get(r.get("id")) or {}).get("source")
            ident = None
            if src:
                ident = sid("identity", src.strip().lower())
                objs.setdefault(ident, stix2.Identity(id=ident, name=src, identity_class="organization", created=EPOCH, modified=EPOCH))
            rep = reports.get(r.get("id")) or {}
            published = _when(rep.get("published") or (e.get("date") or {}).get("value"), stamp)
            rid = sid("report", r["id"])
            objs[rid] = stix2.Report(id=rid, name=f"{src or 'Unknown source'}: {e.get('type') or 'event'}", published=published,
                                     report_types=["threat-report"], object_refs=refs, created=min(published, stamp), modified=stamp,
                                     **({"created_by_ref": ident} if ident else {}))
    return stix2.Bundle(objects=list(objs.values()), id=sid("bundle", *sorted(e["id"] for e in events)), allow_custom=False)


def write(events: list[dict], out, **kw) -> None:
    out.write(bundle(events, **kw).serialize(pretty=False))
    out.write("\n")
