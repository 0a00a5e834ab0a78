"""CSV with ACLED's column names and value conventions (docs/exports.md lists each column and rule)."""

from __future__ import annotations

import csv
from datetime import datetime

from eventledger.export.fields import count, date_parts, notes, one_line, organised, outlets, perpetrators

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    # EventLedger additions, after ACLED's own columns so positional scripts still work
    "eventledger_id",
    "fatalities_low",
    "fatalities_high",
    "fatalities_best",
    "contested",
    "independent_sources",
]
MANDATORY = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "source",
    "source_scale",
)
GEO_PRECISION = {"venue": 1, "city": 1, "admin1": 2, "country": 3, "region": 3}
# ACLED: 1 the day is known, 2 within a week or so, 3 only the month; a year-only date is also 3 (on 1 January)
TIME_PRECISION = {"second": 1, "day": 1, "month": 3, "year": 3}


def _timestamp(updated: str | None) -> int | str:
    try:
        return int(datetime.fromisoformat(updated).timestamp()) if updated else ""
    except ValueError:
        return ""


def _actors(entries, actors) -> list[tuple[str, str]]:
    return [(a.name, a.kind) for _, a in organised(entries, actors)]


def rows(events: list[dict], *, ctx):
    seq: dict[str, int] = {}
    for event_date, e, y, prec, from_report in sorted(_dated(events, ctx), key=lambda x: (x[0], x[1].get("id"))):
        cc = ctx.codebook.iso3((e.get("place") or {}).get("country"))
        seq[cc] = seq.get(cc, 0) + 1
        row = _row(e, f"{cc}{seq[cc]}", event_date, y, prec, from_report, ctx=ctx)
        yield {c: one_line(v) for c, v in row.items()}


def _dated(events: list[dict], ctx) -> list[tuple]:
    """(event_date, event, year, precision, whether the date is the first report's) of each event with a country
    and a date, its own or its first report's; what is left out is said in the export's notes."""
    undated, dropped = 0, 0
    dated = []
    placed = [e for e in events if (e.get("place") or {}).get("country")]
    if len(placed) < len(events):
        ctx.notes.append(f"ACLED: {len(events) - len(placed)} events were left out: no report says in which country")
    for e in placed:
        y, mo, dy, prec = date_parts(e)
        from_report = False
        if not y:
            published = ctx.first_published(e)
            if not published:
                dropped += 1  # no date and no report date: ACLED has no row without event_date
                continue
            y, mo, dy, prec = date_parts({"date": {"value": published[:10], "precision": "day"}})
            prec, from_report = "month", True  # "no later than": only the month is vouched for
            undated += 1
        dated.append((f"{y:04d}-{mo or 1:02d}-{dy or 1:02d}", e, y, prec, from_report))
    if undated:
        ctx.notes.append(
            f"ACLED: {undated} events without a date carry their first report's publication date "
            "(time_precision 3; said in notes)"
        )
    if dropped:
        ctx.notes.append(f"ACLED: {dropped} events were left out: neither they nor their reports have a date")
    return dated


def _named_targets(e: dict, ctx) -> list[tuple[str, str]]:
    """The registry's actors among the targets the event's reports name."""
    return _actors(
        [
            t
            for r in e.get("reports") or []
            for t in (ctx.reports.get(r.get("id")) or {}).get("targets") or []
            if t.get("actor_id")
        ],
        ctx.actors,
    )


def _row(e: dict, event_id: str, event_date: str, y: int, prec: str | None, from_report: bool, *, ctx) -> dict:
    """One event's ACLED columns (`event_id`: its country's code and its number in the country)."""
    cb = ctx.codebook
    place = e.get("place") or {}
    iso2 = place.get("country")
    country = cb.country_name(iso2)
    etype, sub = cb.for_type(e.get("type"))["acled"]
    disorder = cb.acled_disorder[etype]
    ps = _actors(perpetrators(e), ctx.actors)
    inter1 = cb.inter.get(ps[0][1], "") if ps else ""
    named_targets = _named_targets(e, ctx)
    civilians = etype == "Violence against civilians"
    actor2 = named_targets[0][0] if named_targets else (f"Civilians ({country})" if civilians and iso2 else "")
    inter2 = cb.inter.get(named_targets[0][1], "") if named_targets else (7 if civilians else "")
    k = count(e, "killed")
    fatalities = next(
        (x for x in (k.get("low"), k.get("best"), k.get("high")) if x is not None), 0
    )  # ACLED: most conservative
    sources = outlets(e, ctx.docs)
    note = notes(e) + (" Date unknown: event_date is the first report's publication date." if from_report else "")
    return {
        "event_id_cnty": event_id,
        "event_date": event_date,
        "year": y,
        "time_precision": TIME_PRECISION.get(prec, 3),
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": ps[0][0] if ps else "Unidentified Armed Group" + (f" ({country})" if iso2 else ""),
        "assoc_actor_1": "; ".join(n for n, _ in ps[1:]),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(n for n, _ in named_targets[1:]),
        "inter2": inter2,
        "interaction": f"{inter1}{inter2}" if inter1 != "" and inter2 != "" else "",
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": cb.isonumeric(iso2),
        "region": cb.acled_region.get(iso2 or "", ""),
        "country": country,
        "admin1": place.get("admin1") or "",
        "admin2": place.get("admin2") or "",
        "admin3": "",
        "location": place.get("city") or place.get("name") or country,
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": GEO_PRECISION.get(place.get("precision"), 3),
        "source": "; ".join(n for n, _ in sources),
        "source_scale": cb.joined_scale(cb.source_scale(n, kind) for n, kind in sources),
        "notes": note,
        "fatalities": fatalities,
        "tags": "contested" if e.get("contradictions") else "",
        "timestamp": _timestamp((ctx.updated or {}).get(e.get("id"))),
        "eventledger_id": e.get("id"),
        "fatalities_low": _blank(k.get("low")),
        "fatalities_high": _blank(k.get("high")),
        "fatalities_best": _blank(k.get("best")),
        "contested": int(bool(e.get("contradictions"))),
        "independent_sources": e.get("independent_sources") or 0,
    }


def _blank(v):
    return "" if v is None else v


def write(events: list[dict], out, *, ctx) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(events, ctx=ctx))
