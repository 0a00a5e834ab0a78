"""Latency of the workspace API over 100,000 synthetic events on SQLite (median and p99, in process).

.venv/bin/python benchmarks/api_latency.py [--events 100000] [--requests 300] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from eventledger.store import Store
from eventledger.store import models as m

TYPES = ["armed-assault", "bombing", "kidnapping", "assassination", "airstrike", "arson"]
COUNTRIES = [
    ("NG", 9.1, 8.7),
    ("SY", 35.0, 38.5),
    ("AF", 34.5, 69.2),
    ("ML", 17.6, -4.0),
    ("IQ", 33.3, 44.4),
    ("CO", 4.6, -74.1),
]


def synthetic_event(i: int, rng: random.Random) -> dict:
    c, lat, lon = rng.choice(COUNTRIES)
    day = f"20{rng.randint(15, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    vals = [rng.randint(0, 60) for _ in range(rng.randint(1, 3))]
    e = {
        "id": f"evt_{i:016x}",
        "type": rng.choice(TYPES),
        "date": {"value": day, "precision": "day"},
        "place": {
            "name": f"Place {i % 5000}",
            "city": f"Place {i % 5000}",
            "admin1": None,
            "country": c,
            "lat": lat + rng.uniform(-3, 3),
            "lon": lon + rng.uniform(-3, 3),
            "precision": "city",
        },
        "perpetrators": [
            {
                "actor": "Islamic State",
                "actor_id": "islamic-state",
                "basis": rng.choice(["claimed", "reported"]),
                "by": None,
                "reports": [],
            }
        ],
        "counts": {
            "killed": {
                "values": [
                    {
                        "value": v,
                        "qualifier": "exact",
                        "low": v,
                        "high": v,
                        "who": "people",
                        "evidence": None,
                        "report": f"rep_{i:016x}_{k}",
                        "source": f"Outlet {k}",
                    }
                    for k, v in enumerate(vals)
                ],
                "low": min(vals),
                "high": max(vals),
                "best": max(vals),
                "policy": "latest",
                "contested": len(set(vals)) > 1,
            }
        },
        "reports": [
            {"id": f"rep_{i:016x}_{k}", "document": None, "segment": None, "source": f"Outlet {k}"}
            for k in range(len(vals))
        ],
        "sources": [{"name": f"Outlet {k}", "document": None} for k in range(len(vals))],
        "independent_sources": len(vals),
        "contradictions": [{"field": "killed", "values": vals}] if len(set(vals)) > 1 else [],
        "statements": [],
        "corrections": [],
    }
    return e


def build(store: Store, n: int) -> list[str]:
    rng = random.Random(7)
    ids = []
    with store.engine.begin() as conn:
        batch = []
        for i in range(n):
            e = synthetic_event(i, rng)
            ids.append(e["id"])
            k = e["counts"]["killed"]
            batch.append(
                {
                    "id": e["id"],
                    "type": e["type"],
                    "date_value": e["date"]["value"],
                    "date_precision": "day",
                    "country": e["place"]["country"],
                    "lat": e["place"]["lat"],
                    "lon": e["place"]["lon"],
                    "killed_best": k["best"],
                    "independent_sources": e["independent_sources"],
                    "contested": bool(e["contradictions"]),
                    "updated_at": "2025-01-01T00:00:00+00:00",
                    "payload": e,
                }
            )
            if len(batch) == 5000:
                conn.execute(insert(m.EventRow), batch)
                batch = []
        if batch:
            conn.execute(insert(m.EventRow), batch)
    return ids


def measure(client, urls: list[str]) -> tuple[float, float]:
    times = []
    for u in urls:
        t = time.perf_counter()
        r = client.get(u)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{u}: HTTP {r.status_code}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="Print one JSON object (for benchmarks/run.py).")
    args = ap.parse_args()
    say = (lambda *a: None) if args.json else print
    from fastapi.testclient import TestClient

    from eventledger.serve import create_app

    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "bench.db"
    fresh = not path.exists()
    store = Store(f"sqlite:///{path}")
    t0 = time.perf_counter()
    ids = build(store, args.events) if fresh else [f"evt_{i:016x}" for i in range(args.events)]
    build_s = time.perf_counter() - t0
    say(
        f"store: {args.events} synthetic events "
        f"({'built in %.1f s' % (time.perf_counter() - t0) if fresh else 'reused'}) at {path}"
    )
    client = TestClient(create_app(store))
    rng = random.Random(1)
    client.get("/api/events")  # warm caches and the connection pool
    cases = {
        "list (newest first, 50)": ["/api/events?limit=50"] * args.requests,
        "list page 2 via cursor": [],
        "list filtered (country+contested)": [
            f"/api/events?country={rng.choice(COUNTRIES)[0]}&contested=true&limit=50" for _ in range(args.requests)
        ],
        "list filtered (country)": [
            f"/api/events?country={rng.choice(COUNTRIES)[0]}&limit=50" for _ in range(args.requests)
        ],
        "list filtered (contested)": ["/api/events?contested=true&limit=50"] * args.requests,
        "list filtered (min 3 sources)": ["/api/events?min_sources=3&limit=50"] * args.requests,
        "list filtered (date range)": [
            f"/api/events?date_from=20{rng.randint(15, 23)}-01&date_to=20{rng.randint(23, 24)}-12&limit=50"
            for _ in range(args.requests)
        ],
        "list filtered (type)": [f"/api/events?type={rng.choice(TYPES)}&limit=50" for _ in range(args.requests)],
        "list sorted by deaths": ["/api/events?sort=-killed&limit=50"] * args.requests,
        "dossier": [f"/api/events/{rng.choice(ids)}" for _ in range(args.requests)],
    }
    nxt = client.get("/api/events?limit=50").json()["next"]
    cases["list page 2 via cursor"] = [f"/api/events?limit=50&cursor={nxt}"] * args.requests
    say(f"{'endpoint':36} {'median ms':>10} {'p99 ms':>8}")
    out = {}
    for name, urls in cases.items():
        med, p99 = measure(client, urls)
        out[name] = {"median_ms": round(med, 2), "p99_ms": round(p99, 2), "requests": len(urls)}
        say(f"{name:36} {med:10.1f} {p99:8.1f}")
    store.close()
    if args.json:
        import json

        print(json.dumps({"events": args.events, "build_s": round(build_s, 1), "cases": out}))


if __name__ == "__main__":
    main()
