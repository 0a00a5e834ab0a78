"""CSV with ACLED's column names and value conventions (docs/exports.md lists each column)."""

from __future__ import annotations

import csv
from datetime import datetime

from eventledger.export.codebook import Codebook
from eventledger.export.fields import count, date_parts, notes, perpetrators, source_names

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    # EventLedger additions, after ACLED's own columns so positional scripts still work
    "eventledger_id", "fatalities_low", "fatalities_high", "fatalities_best", "contested", "independent_sources",
]
GEO_PRECISION = {"venue": 1, "city": 1, "admin1": 2, "country": 3, "region": 3}
TIME_PRECISION = {"second": 1, "day": 1, "month": 3, "year": 3}


def _timestamp(updated: str | None) -> int | str:
    try:
        return int(datetime.fromisoformat(updated).timestamp()) if updated else ""
    except ValueError:
        return ""


def rows(events: list[dict], *, codebook: Codebook, actors=None, updated: dict | None = None):
    seq: dict[str, int] = {}
    for e in sorted(events, key=lambda e: ((e.get("date") or {}).get("value") or "", e.get("id"))):
        place = e.get("place") or {}
        iso2 = place.get("country")
        y, mo, dy, prec = date_parts(e)
        kind = codebook.for_type(e.get("type"))
        etype, sub = kind["acled"]
        ps = perpetrators(e)
        inter1 = ""
        if ps and actors is not None and ps[0].get("actor_id"):
            a = actors.get(ps[0]["actor_id"])
            inter1 = codebook.inter.get(a.kind, "") if a else ""
        targets = [t.get("text") if isinstance(t, dict) else t for t in e.get("targets") or []]
        civilians = etype == "Violence against civilians"
        actor2 = targets[0] if targets else (f"Civilians ({codebook.country_name(iso2)})" if civilians and iso2 else "")
        inter2 = 7 if civilians else ""
        k = count(e, "killed")
        cc = codebook.iso3(iso2)
        seq[cc] = seq.get(cc, 0) + 1
        fatalities = next((x for x in (k.get("low"), k.get("best"), k.get("high")) if x is not None), 0)  # ACLED: most conservative
        yield {
            "event_id_cnty": f"{cc}{seq[cc]}",
            "event_date": f"{y:04d}-{mo or 1:02d}-{dy or 1:02d}" if y else "",
            "year": y or "",
            "time_precision": TIME_PRECISION.get(prec, 3) if y else "",
            "disorder_type": "Political violence",
            "event_type": etype, "sub_event_type": sub,
            "actor1": ps[0]["actor"] if ps else "Unidentified Armed Group" + (f" ({codebook.country_name(iso2)})" if iso2 else ""),
            "assoc_actor_1": "; ".join(p["actor"] for p in ps[1:]),
            "inter1": inter1, "actor2": actor2, "assoc_actor_2": "; ".join(targets[1:]), "inter2": inter2,
            "interaction": f"{inter1}{inter2}" if inter1 != "" and inter2 != "" else "",
            "civilian_targeting": "Civilian targeting" if civilians else "",
            "iso": codebook.isonumeric(iso2), "region": codebook.acled_region.get(iso2 or "", ""),
            "country": codebook.country_name(iso2), "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
            "location": place.get("city") or place.get("name") or "",
            "latitude": place.get("lat") if place.get("lat") is not None else "",
            "longitude": place.get("lon") if place.get("lon") is not None else "",
            "geo_precision": GEO_PRECISION.get(place.get("precision"), 3),
            "source": "; ".join(source_names(e)), "source_scale": "",
            "notes": notes(e), "fatalities": fatalities,
            "tags": "contested" if e.get("contradictions") else "",
            "timestamp": _timestamp((updated or {}).get(e.get("id"))),
            "eventledger_id": e.get("id"), "fatalities_low": _blank(k.get("low")), "fatalities_high": _blank(k.get("high")),
            "fatalities_best": _blank(k.get("best")), "contested": int(bool(e.get("contradictions"))),
            "independent_sources": e.get("independent_sources") or 0,
        }


def _blank(v):
    return "" if v is None else v


def write(events: list[dict], out, **kw) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(events, **kw))
