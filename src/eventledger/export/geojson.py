"""GeoJSON FeatureCollection of events (RFC 7946: [longitude, latitude]; no coordinates -> null geometry)."""

from __future__ import annotations

import json

from eventledger.export.fields import count, outlets, perpetrators


def feature(e: dict, docs: dict | None = None) -> dict:
    place = e.get("place") or {}
    has_point = place.get("lat") is not None and place.get("lon") is not None
    k, w = count(e, "killed"), count(e, "injured")
    return {
        "type": "Feature",
        "id": e.get("id"),
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if has_point else None,
        "properties": {
            "id": e.get("id"),
            "type": e.get("type"),
            "date": (e.get("date") or {}).get("value"),
            "date_precision": (e.get("date") or {}).get("precision"),
            "place": place.get("name"),
            "city": place.get("city"),
            "admin1": place.get("admin1"),
            "country": place.get("country"),
            "place_precision": place.get("precision"),
            "killed_low": k.get("low"),
            "killed_high": k.get("high"),
            "killed_best": k.get("best"),
            "injured_best": w.get("best"),
            "perpetrators": [
                {"actor": p["actor"], "actor_id": p.get("actor_id"), "basis": p.get("basis")} for p in perpetrators(e)
            ],
            "sources": [n for n, _ in outlets(e, docs or {})],
            "independent_sources": e.get("independent_sources") or 0,
            "contested": [c.get("field") for c in e.get("contradictions") or []],
        },
    }


def write(events: list[dict], out, *, ctx) -> None:
    json.dump(
        {"type": "FeatureCollection", "features": [feature(e, ctx.docs) for e in events]}, out, ensure_ascii=False
    )
    out.write("\n")
