"""Events as one flat, typed table: what `eventledger.open(db).events()` returns and the Parquet export writes.

Dates are typed: `date` is the first day the event's date can mean and `date_last` the last (the same day for a
day-precise date, the month's or the year's ends otherwise), with `date_precision` beside them, so a time filter
can ask for what surely falls in a period (`date >= a and date_last <= b`) or what may (`date <= b and date_last >= a`).
"""

from __future__ import annotations

import pandas as pd

from eventledger.export.fields import count, date_span, outlets, perpetrators

COUNTS = ("killed", "injured", "kidnapped")
INTS = [f"{k}_{s}" for k in COUNTS for s in ("low", "high", "best")] + ["independent_sources", "n_reports"]
LISTS = ("perpetrators", "perpetrator_ids", "perpetrator_basis", "sources", "contested")
COLUMNS = [
    "id",
    "type",
    "date",
    "date_last",
    "date_precision",
    "date_text",
    "place",
    "city",
    "admin1",
    "country",
    "lat",
    "lon",
    "place_precision",
    *INTS[:9],
    "perpetrators",
    "perpetrator_ids",
    "perpetrator_basis",
    "sources",
    "independent_sources",
    "n_reports",
    "contested",
]


def rows(events: list[dict], *, docs: dict | None = None) -> list[dict]:
    out = []
    for e in events:
        place, d = e.get("place") or {}, e.get("date") or {}
        span = date_span(d.get("value"), d.get("precision"))
        row = {
            "id": e["id"],
            "type": e.get("type"),
            "date": span[0] if span else None,
            "date_last": span[1] if span else None,
            "date_precision": d.get("precision") if span else None,
            "date_text": d.get("value"),
            "place": place.get("name"),
            "city": place.get("city"),
            "admin1": place.get("admin1"),
            "country": place.get("country"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "place_precision": place.get("precision"),
        }
        for kind in COUNTS:
            c = count(e, kind)
            row.update({f"{kind}_low": c.get("low"), f"{kind}_high": c.get("high"), f"{kind}_best": c.get("best")})
        ps = perpetrators(e)
        row.update(
            {
                "perpetrators": [p["actor"] for p in ps],
                "perpetrator_ids": [p.get("actor_id") for p in ps],
                "perpetrator_basis": [p.get("basis") for p in ps],
                "sources": [n for n, _ in outlets(e, docs or {})],
                "independent_sources": e.get("independent_sources") or 0,
                "n_reports": len(e.get("reports") or []),
                "contested": [c.get("field") for c in e.get("contradictions") or []],
            }
        )
        out.append(row)
    return out


def frame(events: list[dict], *, docs: dict | None = None) -> pd.DataFrame:
    """The typed DataFrame: dates as datetime64, counts as nullable integers, lists as lists."""
    df = pd.DataFrame(rows(events, docs=docs), columns=COLUMNS)
    for col in ("date", "date_last"):
        df[col] = pd.to_datetime(df[col])
    for col in INTS:
        df[col] = df[col].astype("Int64")
    for col in ("lat", "lon"):
        df[col] = df[col].astype("Float64")
    return df
