"""Incremental resolution: which stored events a batch of new reports can change.

Resolution is a function of every report, but reports only ever meet within windows of days: two reports share an
event only when their dates (a borrowed date reaching back `borrowed_window_days`) overlap within the day
tolerance, and documents are linked only when published within the document search window of each other, or, for
a story told through an arrest or a trial, within `proceeding_window_days` before it. So new reports re-open just
the stored events that have a report or a publication inside those windows around the new reports (and the stored
reports there that hold no event: told only in a statement, or with too little to found one); resolution
runs over the new reports and the re-opened events' reports, with the re-opened events as the previous events
(ids kept), and every other event stays as stored.

What this gives up, measured in EVAL.md/BENCHMARKS.md against a full re-resolution: two stored events that
a new report would now chain together are both re-opened only if both lie inside its windows; a trial story's
look-back re-opens the events within LONG_KM of it only; an older trial story reaching back to a new report's
days is not looked for; two documents that name one person or one street (resolve/text.py namesakes) are linked
further apart than these windows only by a full re-resolution (ingest re-opens the stored segments naming them when
at most PEOPLE_DF segments hold the name's words), and so is an undated report (dated by its publication's windows
only) to an event of its city dated before them (resolve/anchor.py); TF-IDF weights are those of the re-opened reports,
not of the whole store. `eventledger resolve` re-resolves everything.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from eventledger.knowledge import distance_km
from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.features import date_span, report_span

LONG_DAYS = 62  # a span of days longer than this (a year; a trial's look-back) re-opens only the events near its
LONG_KM = 300  # place: within this distance of it, or of its country when either has no city coordinates


@dataclass(frozen=True, slots=True)
class StoredSpan:
    """One stored report of an event, as much as choosing what to re-open needs (no payload)."""

    event: str
    date: dict | None  # {value, precision} of the report
    published: dict | None  # ... of its document
    country: str | None
    coords: tuple[float, float] | None = None  # the event's


@dataclass(frozen=True, slots=True)
class Window:
    lo: int  # first day
    hi: int  # last day
    country: str | None = None  # a long window: only events of this country ...
    coords: tuple[float, float] | None = None  # ... and near here, when known
    long: bool = False


def _day(d: dict | None) -> tuple[int, int] | None:
    s = date_span(d) if d else None
    return (s.lo, s.hi) if s else None


def windows(
    new: Iterable[dict], contexts: dict[str, dict], cfg: ResolveConfig, search_days: int
) -> list[Window] | None:
    """The days the new reports reach; None when one of them is dated by nothing at all (no date, no
    publication): such a report may join any event, so everything is re-opened."""
    margin = max(int(cfg.date["tolerance_days"]), int(cfg.date["borrowed_window_days"]), search_days)
    back = int(cfg.date.get("proceeding_window_days", 0))
    out = []
    for r in new:
        span = report_span(r, cfg)
        pub = _day((contexts.get(r["id"]) or {}).get("published"))
        if span is None and pub is None:
            return None
        place = r.get("place") or {}
        country = (place.get("country") or "").upper() or None
        fine = (
            place.get("precision") in ("venue", "city")
            and place.get("lat") is not None
            and place.get("lon") is not None
        )
        coords = (place["lat"], place["lon"]) if fine else None
        # the day it was published: documents are linked by their publication, wherever they are placed
        if pub:
            out.append(Window(pub[0] - margin, pub[1] + margin))
        # the days it tells of: a short span anywhere (a report placed in no city meets others of every place);
        # a long one (a year, "last year"; a trial story looking back years) only near its own place, as
        # resolution pairs such reports only within their place's blocks
        if span:
            lo = min(span.lo, span.hi - back) if (r.get("meta") or {}).get("proceeding") else span.lo
            if span.hi - lo > LONG_DAYS:
                out.append(Window(lo - margin, span.hi + margin, country, coords, long=True))
            else:
                out.append(Window(lo - margin, span.hi + margin))
    return out


def reopened(
    new: Iterable[dict], contexts: dict[str, dict], stored: Iterable[StoredSpan], cfg: ResolveConfig, search_days: int
) -> set[str] | None:
    """The ids of the stored events the new reports could join or change (None: all of them)."""
    got = windows(new, contexts, cfg, search_days)
    if got is None:
        return None
    near = _merged([(w.lo, w.hi) for w in got if not w.long])
    far = [w for w in got if w.long]
    spans: dict[str, list[tuple[int, int]]] = {}  # event -> the days its reports tell of and were published on
    where: dict[str, tuple[set, tuple[float, float] | None]] = {}
    undated: set[str] = set()
    for s in stored:
        days = [x for x in (_day(s.date), _day(s.published)) if x]
        if not days:
            undated.add(s.event)  # an undated stored report: it may fit the new ones anywhere
        spans.setdefault(s.event, []).extend(days)
        where.setdefault(s.event, (set(), s.coords))[0].add(s.country)
    out: set[str] = set(undated)
    for event, days in spans.items():
        # (a stored report dated by its publication reaches back the borrowed window: the margin of the new
        # reports' windows covers that)
        countries, coords = where[event]
        if any(_meets(near, lo, hi) for lo, hi in days) or any(
            w.lo <= hi and w.hi >= lo and _near(w, countries, coords) for w in far for lo, hi in days
        ):
            out.add(event)
    return out


def _near(w: Window, countries: set[str | None], coords: tuple[float, float] | None) -> bool:
    if w.country is not None and None not in countries and w.country not in countries:
        return False
    return w.coords is None or coords is None or distance_km(w.coords, coords) <= LONG_KM


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _meets(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Whether [lo, hi] overlaps one of the sorted, disjoint spans."""
    k = bisect_left(spans, (lo, lo))
    return any(0 <= i < len(spans) and spans[i][0] <= hi and spans[i][1] >= lo for i in (k - 1, k))
