"""CSV with the Global Terrorism Database's column names and codes (docs/exports.md lists each column and rule).

Only attacks: arrests, threats, foiled plots and types the codebook file does not map are left out."""

from __future__ import annotations

import csv

from eventledger.export.fields import (
    count,
    date_parts,
    event_targets,
    notes,
    one_line,
    organised,
    perpetrators,
    target_type,
)

COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country",
    "country_txt",
    "region",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "summary",
    "doubtterr",
    "multiple",
    "success",
    "suicide",
    "attacktype1",
    "attacktype1_txt",
    "targtype1",
    "targtype1_txt",
    "target1",
    "gname",
    "gname2",
    "gname3",
    "guncertain1",
    "claimed",
    "claimmode",
    "claimmode_txt",
    "weaptype1",
    "weaptype1_txt",
    "weapdetail",
    "nkill",
    "nkillus",
    "nkillter",
    "nwound",
    "nwoundus",
    "property",
    "ishostkid",
    "nhostkid",
    "addnotes",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
    # EventLedger additions
    "eventledger_id",
    "nkill_low",
    "nkill_high",
    "contested",
    "independent_sources",
]
MANDATORY = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "region",
    "region_txt",
    "specificity",
    "success",
    "attacktype1",
    "attacktype1_txt",
    "targtype1",
    "targtype1_txt",
    "weaptype1",
    "weaptype1_txt",
    "gname",
)
SPECIFICITY = {"venue": 1, "city": 1, "admin1": 4, "country": 5, "region": 5}


def _n(v):
    return "" if v is None else v


def city(place: dict, names: set[str]) -> str:
    """The town: the place's city, or its name when the place is a town or a venue; never a country's name."""
    c = place.get("city") or (place.get("name") if place.get("precision") in ("city", "venue") else None) or ""
    return "" if c.strip().lower() in names else c


def rows(events: list[dict], *, ctx):
    seq: dict[str, int] = {}
    dated = _dated(_placed_attacks(events, ctx), ctx)
    for y, mo, dy, approx, e in sorted(dated, key=lambda x: (x[0], x[1], x[2], x[4].get("id"))):
        day_key = f"{y:04d}{mo:02d}{dy:02d}"
        seq[day_key] = seq.get(day_key, 0) + 1
        row = _row(e, f"{day_key}{seq[day_key]:04d}", y, mo, dy, approx, ctx=ctx)
        yield {c: one_line(v) for c, v in row.items()}


def _placed_attacks(events: list[dict], ctx) -> list[dict]:
    """The attacks with a country; what is left out is said in the export's notes."""
    cb = ctx.codebook
    attacks = [e for e in events if cb.is_attack(e.get("type"))]
    left = sorted({e.get("type") or "untyped" for e in events if not cb.is_attack(e.get("type"))})
    if len(attacks) < len(events):
        ctx.notes.append(
            f"GTD: {len(events) - len(attacks)} events that are not attacks were left out ({', '.join(left)})"
        )
    placed = [e for e in attacks if (e.get("place") or {}).get("country")]
    if len(placed) < len(attacks):
        ctx.notes.append(f"GTD: {len(attacks) - len(placed)} attacks were left out: no report says in which country")
    return placed


def _dated(attacks: list[dict], ctx) -> list[tuple]:
    """(year, month, day, approxdate, event) of each attack with a year: its own, or its first report's."""
    dated, undated, dropped = [], 0, 0
    for e in attacks:
        y, mo, dy, prec = date_parts(e)
        approx = ((e.get("date") or {}).get("value") or "") if prec not in ("day", "second") else ""
        if not y and (published := ctx.first_published(e)):
            y, mo, dy = int(published[:4]), 0, 0
            approx, undated = f"no later than {published[:10]} (first report)", undated + 1
        if not y:
            dropped += 1  # GTD has no row without a year
            continue
        dated.append((y, mo or 0, dy or 0, approx, e))
    if undated:
        ctx.notes.append(f"GTD: {undated} attacks without a date carry their first report's year (approxdate says so)")
    if dropped:
        ctx.notes.append(f"GTD: {dropped} attacks were left out: neither they nor their reports have a date")
    return dated


def _row(e: dict, eventid: str, y: int, mo: int, dy: int, approx: str, *, ctx) -> dict:
    """One attack's GTD columns (`eventid`: its day and its number on that day)."""
    cb = ctx.codebook
    codes = cb.gtd_codes
    place = e.get("place") or {}
    iso2 = place.get("country")
    kind = cb.for_type(e.get("type"))
    ps = [(p, a.name) for p, a in organised(perpetrators(e), ctx.actors)]
    k, w, kid = count(e, "killed"), count(e, "injured"), count(e, "kidnapped")
    targets, victims = event_targets(e, ctx.reports)
    ttype = target_type(targets, victims, cb)
    cites = ctx.citations(e)
    hostage = kind["gtd"].startswith("Hostage") or (kid.get("best") or 0) > 0
    code, country = cb.gtd_country(iso2)
    region = cb.gtd_region.get(iso2 or "", "")
    return {
        "eventid": eventid,
        "iyear": y or "",
        "imonth": mo,
        "iday": dy,
        "approxdate": approx,
        "extended": 0,
        "country": code,
        "country_txt": country,
        "region": codes["region"].get(region, ""),
        "region_txt": region,
        "provstate": place.get("admin1") or "",
        "city": city(place, {country.lower(), cb.country_name(iso2).lower(), (iso2 or "").lower()}),
        "latitude": _n(place.get("lat")),
        "longitude": _n(place.get("lon")),
        "specificity": SPECIFICITY.get(place.get("precision"), 5),
        "vicinity": 0,
        "summary": notes(e),
        "doubtterr": -9,
        "multiple": 0,
        "success": 1,
        "suicide": int("suicide" in (e.get("type") or "")),
        "attacktype1": codes["attacktype"][kind["gtd"]],
        "attacktype1_txt": kind["gtd"],
        "targtype1": codes["targtype"][ttype],
        "targtype1_txt": ttype,
        "target1": (targets or victims or [""])[0],
        "gname": ps[0][1] if len(ps) > 0 else "Unknown",
        "gname2": ps[1][1] if len(ps) > 1 else "",
        "gname3": ps[2][1] if len(ps) > 2 else "",
        "guncertain1": (0 if ps[0][0].get("basis") == "claimed" else 1) if ps else "",
        "claimed": 1 if any(p.get("basis") == "claimed" for p in perpetrators(e)) else 0,
        "claimmode": "",
        "claimmode_txt": "",
        "weaptype1": codes["weaptype"][kind["weapon"]],
        "weaptype1_txt": kind["weapon"],
        "weapdetail": "",
        "nkill": _n(k.get("best")),
        "nkillus": "",
        "nkillter": "",
        "nwound": _n(w.get("best")),
        "nwoundus": "",
        "property": -9,
        "ishostkid": int(hostage),
        "nhostkid": _n(kid.get("best")) if hostage else "",
        "addnotes": "Sources disagree on: " + ", ".join(str(c.get("field")) for c in e["contradictions"])
        if e.get("contradictions")
        else "",
        "scite1": cites[0] if len(cites) > 0 else "",
        "scite2": cites[1] if len(cites) > 1 else "",
        "scite3": cites[2] if len(cites) > 2 else "",
        "dbsource": "EventLedger",
        "eventledger_id": e.get("id"),
        "nkill_low": _n(k.get("low")),
        "nkill_high": _n(k.get("high")),
        "contested": int(bool(e.get("contradictions"))),
        "independent_sources": e.get("independent_sources") or 0,
    }


def write(events: list[dict], out, *, ctx) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(events, ctx=ctx))
