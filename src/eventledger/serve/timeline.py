"""The timeline: events and deaths per week or month, drawn so that it shows what it does not know.

Events dated to the day are the bars. Events known only to the month or the year go in a band of their own,
drawn across the period they fall in, so a year-precision event is neither dropped nor piled onto 1 January.
Undated events are counted and said. Empty stretches stay on the axis; a long one (on a long axis) becomes one
marked break instead of a silent jump.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from eventledger.export.fields import date_span
from eventledger.serve.svg import PALETTE
from eventledger.store import EventFilter, Store

DAY_PRECISE = ("day", "second", "minute", "hour")
MAX_SLOTS = 240  # a longer axis folds its long empty stretches into breaks
MIN_BREAK = 6  # slots: shorter empty stretches are always drawn
BREAK_WIDTH = 3  # slots


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _slot(value: str, unit: str) -> str | None:
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:7] if unit == "month" else _monday(d).isoformat()


def _slots_between(a: date, b: date, unit: str) -> list[str]:
    out = []
    if unit == "month":
        y, m = a.year, a.month
        while (y, m) <= (b.year, b.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    d = _monday(a)
    while d <= b:
        out.append(d.isoformat())
        d += timedelta(days=7)
    return out


def _slot_first_day(key: str, unit: str) -> date:
    return date.fromisoformat(key + "-01") if unit == "month" else date.fromisoformat(key)


def timeline(store: Store, f: EventFilter, *, unit: str = "month", actor_id: str | None = None) -> dict:
    """{unit, buckets (day-dated events per slot, empty ones left out), gaps, coarse (month/year-dated events
    per period), undated, policies, counts}."""
    buckets: dict[str, dict] = {}
    coarse: dict[tuple, dict] = {}
    undated = {"events": 0, "killed": 0}
    policies: Counter = Counter()
    for r in store.event_periods(f, actor_id=actor_id):
        if r["killed"] is not None:
            policies[r["policy"] or "unnamed"] += 1
        value, prec = r["date"], r["precision"]
        key = _slot(value, unit) if value and len(value) >= 10 and (prec in DAY_PRECISE or prec is None) else None
        if key is not None:
            slot = buckets.setdefault(key, {"bucket": key, "events": 0, "killed": 0, "by_type": {}})
        else:
            span = date_span(value, prec if prec in ("month", "year") else None) if value and len(value) >= 4 else None
            if span is None:
                undated["events"] += 1
                undated["killed"] += r["killed"] or 0
                continue
            label = value[:7] if span[0].month != 1 or span[1].month != 12 else value[:4]
            slot = coarse.setdefault(
                (span[0], span[1]),
                {
                    "period": label,
                    "precision": "month" if len(label) == 7 else "year",
                    "from": span[0].isoformat(),
                    "to": span[1].isoformat(),
                    "events": 0,
                    "killed": 0,
                    "by_type": {},
                },
            )
        slot["events"] += 1
        slot["killed"] += r["killed"] or 0
        slot["by_type"][r["type"]] = slot["by_type"].get(r["type"], 0) + 1
    ordered = [buckets[k] for k in sorted(buckets)]
    return {
        "unit": unit,
        "buckets": ordered,
        "gaps": _gaps(ordered, unit),
        "coarse": [coarse[k] for k in sorted(coarse)],
        "undated": undated,
        "policies": dict(policies.most_common()),
        "counts": {
            "day": sum(b["events"] for b in ordered),
            "month": sum(c["events"] for c in coarse.values() if c["precision"] == "month"),
            "year": sum(c["events"] for c in coarse.values() if c["precision"] == "year"),
            "undated": undated["events"],
        },
    }


def _gaps(buckets: list[dict], unit: str) -> list[dict]:
    """Stretches with no day-dated event between two that have some: {after, before, empty (slots)}."""
    out = []
    for a, b in zip(buckets, buckets[1:]):
        between = _slots_between(_slot_first_day(a["bucket"], unit), _slot_first_day(b["bucket"], unit), unit)
        empty = len(between) - 2
        if empty > 0:
            out.append({"after": a["bucket"], "before": b["bucket"], "empty": empty})
    return out


def axis(t: dict) -> list[dict]:
    """The slots drawn left to right: every slot from the first date known to the last. On an axis too long to
    read, each long stretch without a day-dated event is folded into one break slot, which says its length and
    how many month- or year-dated events fall in it."""
    unit = t["unit"]
    starts = [_slot_first_day(b["bucket"], unit) for b in t["buckets"]]
    starts += [date.fromisoformat(c["from"]) for c in t["coarse"]] + [date.fromisoformat(c["to"]) for c in t["coarse"]]
    if not starts:
        return []
    keys = _slots_between(min(starts), max(starts), unit)
    filled = {b["bucket"]: b for b in t["buckets"]}
    fold = len(keys) > MAX_SLOTS
    slots: list[dict] = []
    run: list[str] = []

    def empty(k: str) -> dict:
        return {"bucket": k, "events": 0, "killed": 0, "by_type": {}}

    def flush():
        if fold and len(run) >= MIN_BREAK:
            inside = [c for c in t["coarse"] if run[0] <= _slot(c["from"], unit) and _slot(c["to"], unit) <= run[-1]]
            slots.append(
                {
                    "gap": True,
                    "from": run[0],
                    "to": run[-1],
                    "empty": len(run),
                    "coarse": sum(c["events"] for c in inside),
                }
            )
        else:
            slots.extend(empty(k) for k in run)
        run.clear()

    for k in keys:
        if k in filled:
            flush()
            slots.append(filled[k])
        else:
            run.append(k)
    flush()
    return slots


def _slot_index(slots: list[dict], unit: str) -> dict[str, int]:
    """slot key -> its position on the axis (keys inside a break map to the break)."""
    out: dict[str, int] = {}
    for i, s in enumerate(slots):
        if s.get("gap"):
            for k in _slots_between(_slot_first_day(s["from"], unit), _slot_first_day(s["to"], unit), unit):
                out[k] = i
        else:
            out[s["bucket"]] = i
    return out


@dataclass(slots=True, frozen=True)
class _Frame:
    """Where the plot is drawn: each slot's left edge (and the last one's right edge), a plain slot's width, the
    bars' baseline and full height, and the top of each scale."""

    xs: list[float]
    bw: float
    bottom: float
    ph: float
    max_events: int
    max_killed: int


def geometry(t: dict, *, colour: dict[str, str], width: float = 1000, height: float = 380) -> dict:
    """Stacked bars of day-dated events by type, deaths as a line on the right-hand scale, breaks marked, and
    a lower band (a month row and a year row) with the events known only to the month or year, across their
    periods."""
    left, right, top = 52.0, 56.0, 16.0
    label_h, row_h = 34.0, 24.0
    unit = t["unit"]
    slots = axis(t)
    ph = height - top - label_h - 2 * row_h - 8
    pw = width - left - right
    # a break is drawn three slots wide, so it is seen and can be hovered
    weights = [BREAK_WIDTH if s.get("gap") else 1 for s in slots]
    bw = pw / max(1, sum(weights))
    xs = [left + bw * w for w in accumulate(weights, initial=0)]
    bottom = top + ph
    max_events = max((s.get("events", 0) for s in slots), default=0) or 1
    max_killed = max((s.get("killed", 0) for s in slots), default=0) or 1
    frame = _Frame(xs, bw, bottom, ph, max_events, max_killed)
    bars, breaks, points = _columns(slots, frame, colour, unit)
    rows = {"month": bottom + label_h, "year": bottom + label_h + row_h}
    ticks = [
        {"y": round(bottom - f * ph, 2), "events": round(f * max_events, 1), "killed": round(f * max_killed)}
        for f in (0, 0.5, 1)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": bottom,
        "bars": bars,
        "breaks": breaks,
        "band": _band(t["coarse"], _slot_index(slots, unit), xs, unit, rows, row_h),
        "rows": rows,
        "row_h": row_h,
        "lines": [" ".join(f"{p['x']},{p['y']}" for p in ln) for ln in _runs(points)],
        "dots": [p for p in points if p and p["events"]],
        "labels": _labels(slots, xs, bw),
        "ticks": ticks,
    }


def _columns(slots: list[dict], frame: _Frame, colour: dict[str, str], unit: str) -> tuple[list, list, list]:
    """Each slot's stacked bars (one per type) or its break, and its point of the deaths line (None at a break)."""
    bars, breaks, points = [], [], []
    xs, bw, bottom, ph = frame.xs, frame.bw, frame.bottom, frame.ph
    for i, s in enumerate(slots):
        x = xs[i]
        if s.get("gap"):
            held = f"; {s['coarse']} known only to the month or year fall in it (lower band)" if s["coarse"] else ""
            breaks.append(
                {
                    "x": round(x, 2),
                    "w": round(xs[i + 1] - x, 2),
                    "title": f"{s['from']} to {s['to']}: {s['empty']} {unit}s with no event dated to the day{held}",
                }
            )
            points.append(None)  # the deaths line is broken across a break
            continue
        y = bottom
        for typ in sorted(s["by_type"]):
            h = s["by_type"][typ] / frame.max_events * ph
            y -= h
            bars.append(
                {
                    "x": round(x + bw * 0.1, 2),
                    "y": round(y, 2),
                    "w": round(max(bw * 0.8, 0.6), 2),
                    "h": round(h, 2),
                    "colour": colour.get(typ, PALETTE[-1]),
                    "title": f"{s['bucket']}: {s['by_type'][typ]} {typ}",
                }
            )
        points.append(
            {
                "x": round(x + bw / 2, 2),
                "y": round(bottom - s["killed"] / frame.max_killed * ph, 2),
                "killed": s["killed"],
                "events": s["events"],
                "bucket": s["bucket"],
            }
        )
    return bars, breaks, points


def _runs(points: list[dict | None]) -> list[list[dict]]:
    """The deaths line's pieces: the points between two breaks."""
    lines, cur = [], []
    for p in points + [None]:
        if p is None:
            if cur:
                lines.append(cur)
            cur = []
        else:
            cur.append(p)
    return lines


def _band(
    coarse: list[dict], index: dict[str, int], xs: list[float], unit: str, rows: dict[str, float], row_h: float
) -> list[dict]:
    """The month- and year-dated events, one box per precision and stretch of slots they fall in."""
    merged: dict[tuple, dict] = {}
    for c in coarse:
        idx = [
            index[k]
            for k in _slots_between(date.fromisoformat(c["from"]), date.fromisoformat(c["to"]), unit)
            if k in index
        ]
        if not idx:
            continue
        key = (c["precision"], min(idx), max(idx))
        m = merged.setdefault(key, {"events": 0, "killed": 0, "periods": []})
        m["events"] += c["events"]
        m["killed"] += c["killed"]
        m["periods"].append(c["period"])
    band = []
    for (prec, i0, i1), m in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        x0, x1 = xs[i0], xs[i1 + 1]
        band.append(
            {
                "x": round(x0 + 0.5, 2),
                "w": round(max(x1 - x0 - 1, 1.5), 2),
                "y": round(rows[prec] + 2, 2),
                "h": row_h - 4,
                "label": str(m["events"]) if x1 - x0 > 12 else "",
                "title": f"{', '.join(m['periods'])} ({prec} known only): {m['events']} events, {m['killed']} killed",
            }
        )
    return band


def _labels(slots: list[dict], xs: list[float], bw: float) -> list[dict]:
    """Slot names under the axis, as many as fit without overlapping."""
    labels, last_x = [], -1e9
    step_px = 64.0
    for i, s in enumerate(slots):
        if s.get("gap"):
            continue
        x = xs[i] + bw / 2
        if x - last_x >= step_px:
            labels.append({"x": round(x, 2), "text": s["bucket"]})
            last_x = x
    return labels
