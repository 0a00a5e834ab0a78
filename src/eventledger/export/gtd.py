"""CSV with the Global Terrorism Database's column names and codes (docs/exports.md lists each column)."""

from __future__ import annotations

import csv

from eventledger.export.codebook import Codebook
from eventledger.export.fields import count, date_parts, notes, perpetrators

COLUMNS = [
    "eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country_txt", "region_txt", "provstate", "city",
    "latitude", "longitude", "specificity", "vicinity", "summary", "doubtterr", "multiple", "success", "suicide",
    "attacktype1_txt", "targtype1_txt", "target1", "gname", "gname2", "gname3", "guncertain1", "claimed", "claimmode_txt",
    "weaptype1_txt", "weapdetail", "nkill", "nkillus", "nkillter", "nwound", "nwoundus", "property", "ishostkid", "nhostkid",
    "addnotes", "scite1", "scite2", "scite3", "dbsource",
    # EventLedger additions
    "eventledger_id", "nkill_low", "nkill_high", "contested", "independent_sources",
]
SPECIFICITY = {"venue": 1, "city": 1, "admin1": 4, "country": 5, "region": 5}


def _n(v):
    return "" if v is None else v


def rows(events: list[dict], *, codebook: Codebook, citations: dict | None = None, **_):
    seq: dict[str, int] = {}
    for e in sorted(events, key=lambda e: ((e.get("date") or {}).get("value") or "", e.get("id"))):
        place = e.get("place") or {}
        iso2 = place.get("country")
        y, mo, dy, prec = date_parts(e)
        day_key = f"{y or 0:04d}{mo or 0:02d}{dy or 0:02d}"
        seq[day_key] = seq.get(day_key, 0) + 1
        kind = codebook.for_type(e.get("type"))
        ps = perpetrators(e)
        k, w, kid = count(e, "killed"), count(e, "injured"), count(e, "kidnapped")
        targets = [t.get("text") if isinstance(t, dict) else t for t in e.get("targets") or []]
        cites = (citations or {}).get(e.get("id"), [])
        hostage = kind["gtd"].startswith("Hostage") or (kid.get("best") or 0) > 0
        yield {
            "eventid": f"{day_key}{seq[day_key]:04d}", "iyear": y or "", "imonth": mo or 0, "iday": dy or 0,
            "approxdate": ((e.get("date") or {}).get("value") or "") if prec not in ("day", "second") else "",
            "extended": 0, "country_txt": codebook.country_name(iso2), "region_txt": codebook.gtd_region.get(iso2 or "", ""),
            "provstate": place.get("admin1") or "", "city": place.get("city") or place.get("name") or "",
            "latitude": _n(place.get("lat")), "longitude": _n(place.get("lon")),
            "specificity": SPECIFICITY.get(place.get("precision"), 5), "vicinity": 0, "summary": notes(e),
            "doubtterr": -9, "multiple": 0, "success": 1, "suicide": int("suicide" in (e.get("type") or "")),
            "attacktype1_txt": kind["gtd"], "targtype1_txt": "Unknown", "target1": targets[0] if targets else "",
            "gname": ps[0]["actor"] if len(ps) > 0 else "Unknown", "gname2": ps[1]["actor"] if len(ps) > 1 else "",
            "gname3": ps[2]["actor"] if len(ps) > 2 else "",
            "guncertain1": (0 if ps[0].get("basis") == "claimed" else 1) if ps else "",
            "claimed": 1 if any(p.get("basis") == "claimed" for p in ps) else 0, "claimmode_txt": "",
            "weaptype1_txt": kind["weapon"], "weapdetail": "",
            "nkill": _n(k.get("best")), "nkillus": "", "nkillter": "", "nwound": _n(w.get("best")), "nwoundus": "",
            "property": -9, "ishostkid": int(hostage), "nhostkid": _n(kid.get("best")) if hostage else "",
            "addnotes": "Sources disagree on: " + ", ".join(str(c.get("field")) for c in e["contradictions"]) if e.get("contradictions") else "",
            "scite1": cites[0] if len(cites) > 0 else "", "scite2": cites[1] if len(cites) > 1 else "",
            "scite3": cites[2] if len(cites) > 2 else "", "dbsource": "EventLedger",
            "eventledger_id": e.get("id"), "nkill_low": _n(k.get("low")), "nkill_high": _n(k.get("high")),
            "contested": int(bool(e.get("contradictions"))), "independent_sources": e.get("independent_sources") or 0,
        }


def write(events: list[dict], out, **kw) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(events, **kw))
