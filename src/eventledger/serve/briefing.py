"""The briefing: what the last ingest (or any moment) changed, most significant first, told in quoted sentences.

What is new about an event is read from when each of its reports and statements was stored: a report stored
since the moment is new, so an event all of whose reports are new is a new event, a figure told only by new
reports is a new figure, and so on. Nothing is generated; every sentence is quoted from a source.
"""

from __future__ import annotations

import math
import re

from eventledger.serve.dossier import Context
from eventledger.serve.events import summary
from eventledger.serve.evidence import sentence
from eventledger.store import Store, StoredEvent

# a day, or a moment as the store stamps it (an ingest run's start)
SINCE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$")
ORDER = (
    "by significance, then newest first; significance = log10(1 + deaths) + log2(1 + independent sources) "
    "+ 1 for a new event, + 1 for a new contradiction, + 0.5 for a new figure, claim or attribution"
)
# Deaths count by order of magnitude and sources by doublings, so a 13-source attack outranks a one-source
# report of a bigger toll; what is new breaks near-ties (each kind counted once).
NOVELTY = {"new event": 1.0, "new contradiction": 1.0, "new figure": 0.5, "new claim": 0.5, "new attribution": 0.5}
CANDIDATES = 5000  # events changed since the moment that are ranked; more are counted, not ranked


def default_since(store: Store) -> tuple[str | None, dict | None, list[dict]]:
    """The start of the last ingest run, that run, and the runs before it (newest first).

    A store written before runs were recorded falls back to the day its newest document was stored."""
    runs = store.ingest_runs(limit=10)
    if runs:
        return runs[0]["started"], runs[0], runs
    last = store.last_stored_at()
    return (last[:10] if last else None), None, []


def _is_new(ids, stored: dict[str, str], since: str) -> bool:
    """True when every one of these reports/statements was stored since the moment (and there is one)."""
    ids = [i for i in ids if i]
    return bool(ids) and all(stored.get(i, "") >= since for i in ids)


def whats_new(e: dict, stored: dict[str, str], since: str, revisions: list[dict]) -> list[dict]:
    """[{kind, text}] for one event: new event, new figure, new claim or attribution, new contradiction, or
    what else changed (new reports that repeat known values; a re-resolution or a correction)."""
    reports = [r.get("id") for r in e.get("reports") or []]
    fresh = {r for r in reports if r and stored.get(r, "") >= since}
    out: list[dict] = []
    new_event = _is_new(reports, stored, since)
    if new_event:
        n = len(reports)
        out.append({"kind": "new event", "text": f"first reported: {n} report{'s' if n != 1 else ''}"})
    else:
        for kind, c in (e.get("counts") or {}).items():
            vals = [v for v in (c or {}).get("values") or [] if v.get("report") in fresh and v.get("value") is not None]
            if vals:
                told = ", ".join(f"{v['value']} ({v.get('source') or 'unknown source'})" for v in vals)
                out.append({"kind": "new figure", "text": f"{kind}: {told}"})
        for p in e.get("perpetrators") or []:
            if p.get("basis") not in ("claimed", "attributed"):
                continue
            backing = list(p.get("reports") or []) + list(p.get("statements") or [])
            if _is_new(backing, stored, since):
                by = p.get("by") if isinstance(p.get("by"), str) else ", ".join(p.get("by") or [])
                if p["basis"] == "claimed":
                    out.append({"kind": "new claim", "text": f"{p.get('actor')} claimed it"})
                else:
                    out.append(
                        {"kind": "new attribution", "text": f"{p.get('actor')}, blamed by {by or 'unnamed sources'}"}
                    )
    for c in e.get("contradictions") or []:
        # new when, without what was stored since the moment, fewer than two of its values would stand
        old = [
            v
            for v in c.get("values") or []
            if not _is_new([*(v.get("reports") or []), *(v.get("statements") or [])], stored, since)
        ]
        if new_event or len(old) < 2:
            vals = " vs ".join(str(v.get("value")) for v in c.get("values") or [])
            out.append({"kind": "new contradiction", "text": f"{c.get('field')}: {vals}"})
    if not out and fresh:
        n = len(fresh)
        out.append({"kind": "new reports", "text": f"{n} new report{'s' if n != 1 else ''}, no new value"})
    if not out:
        out += [{"kind": "changed", "text": f"{r['change']}: {r['why']}"} for r in revisions]
    return out or [{"kind": "changed", "text": "re-resolved"}]


def significance(item: dict) -> float:
    killed = (item.get("killed") or {}).get("best") or 0
    novelty = sum(NOVELTY.get(k, 0) for k in {n["kind"] for n in item["new"]})
    return round(math.log10(1 + killed) + math.log2(1 + (item.get("independent_sources") or 0)) + novelty, 2)


def _rank(item: dict) -> tuple:
    return (-item["significance"], _desc((item.get("date") or {}).get("value") or ""), item["id"])


def _desc(s: str) -> str:
    """A key that sorts strings newest first (dates are ISO, so invert each character)."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in s) if s else "\U0010ffff"


def _quotes(e: StoredEvent, ctx: Context, fresh: set[str], n: int) -> list[dict]:
    """Up to n sentences quoted from the event's reports, those stored since the moment first."""
    out, seen = [], set()  # a syndicated copy ("U.S." for "US") is quoted once
    reps = sorted(
        (x.get("id") for x in (e.payload or {}).get("reports") or [] if x.get("id")),
        key=lambda rid: (rid not in fresh, rid),
    )
    for rid in reps:
        ev = (ctx.reports.get(rid) or {}).get("evidence")
        d = ctx.docs.get((ev or {}).get("document"))
        if not ev or d is None or ev.get("start") is None:
            continue
        a, b = sentence(d.text, ev["start"], ev["end"])
        quote = d.text[a:b]
        key = re.sub(r"\W+", "", quote.lower())
        if key in seen:
            continue
        seen.add(key)
        info = ctx.report(rid) or {}
        out.append(
            {
                "text": quote,
                "document": d.id,
                "start": a,
                "end": b,
                "source": info.get("source"),
                "reported": info.get("reported"),
                "new": rid in fresh,
            }
        )
        if len(out) >= n:
            break
    return out


def briefing(store: Store, since: str | None = None, *, limit: int = 100, sentences: int = 3) -> dict:
    """Events changed since `since` (default: the start of the last ingest), most significant first."""
    run, runs, chosen = None, [], since is not None
    if since is None:
        since, run, runs = default_since(store)
    else:
        runs = store.ingest_runs(limit=10)
        run = next((r for r in runs if r["started"] == since), None)
    if since is None:  # an empty store
        return {
            "since": None,
            "basis": "nothing ingested",
            "run": None,
            "runs": [],
            "order": ORDER,
            "changed": 0,
            "events": [],
        }
    rows = store.events_changed_since(since, limit=CANDIDATES)
    payloads = [r.payload or {} for r in rows]
    stored = store.ingested_at(
        reports={x.get("id") for p in payloads for x in p.get("reports") or []},
        statements={s for p in payloads for q in p.get("perpetrators") or [] for s in q.get("statements") or []},
    )
    revs = store.revisions([r.id for r in rows], since=since)
    items = [{**summary(r), "new": whats_new(r.payload or {}, stored, since, revs.get(r.id, []))} for r in rows]
    for i in items:
        i["significance"] = significance(i)
    items.sort(key=_rank)
    items = items[:limit]
    shown = {i["id"] for i in items}
    by_id = {r.id: r for r in rows if r.id in shown}
    fresh = {rid for rid, at in stored.items() if at >= since}
    ctx = Context(
        store,
        report_ids=[x["id"] for r in by_id.values() for x in (r.payload or {}).get("reports") or [] if x.get("id")],
    )
    for i in items:
        i["summary"] = _quotes(by_id[i["id"]], ctx, fresh, sentences)
    basis = (
        "asked for"
        if chosen
        else "the start of the last ingest"
        if run
        else "the day the newest document was stored (this store has no record of its ingest runs)"
    )
    return {
        "since": since,
        "basis": basis,
        "run": run,
        "runs": runs,
        "order": ORDER,
        "changed": len(rows),
        "events": items,
    }
