"""Resolution time on synthetic reports: all at once for each size, then adding reports to a resolved store.

    .venv/bin/python benchmarks/resolution_scale.py [--sizes 10000 100000] [--add 1000] [--seed 1]

Reports come in incidents of 1-5 reports from different documents (dates a day apart at most, the same city,
a victim name shared in their text); cities are spread over six countries, dates over five years, some reports
name only a month or no place. Times are wall-clock seconds of eventledger.resolve.resolve (in process, no
store). "add" re-resolves the largest size plus --add new reports against the events of the first run
(previous_events), as `eventledger resolve` does; "add incrementally" is what a second ingest does: it picks the
events the new reports can change (resolve/incremental.py) and resolves only those events' reports with the new
ones (the store's reads and writes not included).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from eventledger.records import Count, DateValue, Evidence, Place, Report
from eventledger.resolve import resolve
from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.incremental import StoredSpan, reopened

COUNTRIES = [
    ("US", 39.0, -95.0),
    ("NG", 9.1, 8.7),
    ("SY", 35.0, 38.5),
    ("AF", 34.5, 69.2),
    ("IQ", 33.3, 44.4),
    ("CO", 4.6, -74.1),
]
TYPES = ["armed assault", "bombing", "kidnapping", "assassination", "arson"]
NAMES = ["Ahmed", "Maria", "John", "Fatima", "Carlos", "Aisha", "David", "Lina", "Omar", "Grace", "Ivan", "Sara"]
START = date(2019, 1, 1)


def cities(rng: random.Random, n: int = 3000) -> list[tuple[str, str, float, float]]:
    out = []
    for i in range(n):
        c, lat, lon = rng.choice(COUNTRIES)
        out.append((f"Town{i}", c, lat + rng.uniform(-8, 8), lon + rng.uniform(-8, 8)))
    return out


def synthetic(
    n: int, rng: random.Random, towns: list, tag: str = "", days: tuple[int, int] = (0, 5 * 365)
) -> tuple[list[dict], dict[str, dict]]:
    reports, contexts = [], {}
    k = 0
    while len(reports) < n:
        k += 1
        town, country, lat, lon = rng.choice(towns)
        day = START + timedelta(days=rng.randrange(*days))
        kind = rng.choice(TYPES)
        victim = f"{rng.choice(NAMES)} {rng.choice(NAMES)}son"
        killed = rng.randint(0, 20)
        for m in range(min(rng.randint(1, 5), n - len(reports))):
            doc = f"doc{tag}_{k}_{m}"
            d = day + timedelta(days=rng.choice((0, 0, 0, 1)))
            vague = rng.random()
            when = DateValue(d.isoformat()[:7], "month") if vague < 0.1 else DateValue(d.isoformat(), "day")
            place = (
                Place()
                if vague > 0.95
                else Place(name=town, city=town, country=country, lat=lat, lon=lon, precision="city")
            )
            text = f"{victim} was among {killed} killed in the {kind} in {town} on {d:%A}, police said."
            seg = f"seg{tag}_{k}_{m}"
            r = Report(
                id=f"rep{tag}_{k}_{m}",
                document=doc,
                segment=seg,
                source=f"outlet{m}",
                type=kind,
                date=when,
                place=place,
                evidence=Evidence(doc, seg, 0, len(text), text),
                counts={"killed": [Count(killed, "exact", None, None, "people", None)]},
            )
            reports.append(r.to_dict())
            contexts[r.id] = {
                "source": f"outlet{m}",
                "original_source": None,
                "duplicate_of": None,
                "segment_kind": "article",
                "published": {"value": d.isoformat(), "precision": "day"},
                "title": f"{kind} in {town}",
                "text": text,
            }
    return reports, contexts


def timed(reports: list[dict], contexts: dict, previous=()) -> tuple[float, list]:
    t = time.perf_counter()
    res = resolve(reports, contexts=contexts, previous_events=previous)
    return time.perf_counter() - t, res.events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--incremental-only", action="store_true", help="skip the two whole re-resolutions of the store plus --add"
    )
    a = ap.parse_args()
    rng = random.Random(a.seed)
    towns = cities(rng)
    last = None
    for n in a.sizes:
        reports, contexts = synthetic(n, random.Random(a.seed + n), towns)
        secs, events = timed(reports, contexts)
        print(
            f"resolve {n} reports: {secs:.1f} s, {len(events)} events ({len(reports) / secs:.0f} reports/s)", flush=True
        )
        last = (reports, contexts, events)
    if last and a.add:
        reports, contexts, events = last
        if not a.incremental_only:
            more, more_ctx = synthetic(a.add, random.Random(a.seed - 1), towns, tag="new")
            secs, after = timed(reports + more, {**contexts, **more_ctx}, [e.to_dict() for e in events])
            print(
                f"add {a.add} reports to {len(events)} events ({len(reports)} reports): {secs:.1f} s, "
                f"{len(after)} events",
                flush=True,
            )
        # news as it arrives: the new reports tell incidents of the last month
        more, more_ctx = synthetic(a.add, random.Random(a.seed - 1), towns, tag="new", days=(5 * 365 - 30, 5 * 365))
        after = None
        if not a.incremental_only:
            secs, after = timed(reports + more, {**contexts, **more_ctx}, [e.to_dict() for e in events])
            print(
                f"add {a.add} reports of the last month to {len(events)} events, everything again: {secs:.1f} s",
                flush=True,
            )
        t = time.perf_counter()
        event_of = {r["id"]: e.id for e in events for r in e.reports}
        spans = [
            StoredSpan(event_of[r["id"]], r.get("date"), contexts[r["id"]]["published"], r["place"].get("country"))
            for r in reports
            if r["id"] in event_of
        ]
        opened = reopened(more, more_ctx, spans, ResolveConfig.load(), 30)
        subset = [r for r in reports if event_of.get(r["id"]) in opened] + more
        picked = time.perf_counter() - t
        secs, got = timed(subset, {**contexts, **more_ctx}, [e.to_dict() for e in events if e.id in opened])
        kept = {frozenset(r["id"] for r in e.reports) for e in events if e.id not in opened}
        compared = ""
        if after is not None:
            whole = {frozenset(r["id"] for r in e.reports) for e in after}
            differ = len(whole ^ (kept | {frozenset(r["id"] for r in e.reports) for e in got}))
            # events far from the new reports that the whole run changes too: TF-IDF weights are corpus-wide
            drift = len(kept - whole)
            compared = (
                f"; events not as everything again: {differ} "
                f"({drift} of them events the new reports cannot reach, which everything-again changed)"
            )
        print(
            f"add {a.add} reports of the last month incrementally: {picked + secs:.1f} s "
            f"({picked:.1f} s choosing {len(opened)} events to re-open, "
            f"{secs:.1f} s resolving their {len(subset) - len(more)} reports with the new ones), "
            f"{len(events) - len(opened) + len(got)} events{compared}",
            flush=True,
        )


if __name__ == "__main__":
    main()
