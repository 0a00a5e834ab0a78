"""Event ids that depend on the event's content, not on the order reports arrived in, and the revisions
that explain every change against the previous resolution.

An event's id is make_id("evt", founder), the founder being its earliest member report under the
canonical key (facts before comments, earliest published, then report id). So the same reports give the
same ids in any ingestion order, file by file or all at once. A report that sorts before an event's
founder and joins it later makes it a new founder and a new id: the revision log records the old id's
reports as now in the new one, and every id ever derived from a report still finds its event
(corrections.Membership), so an analyst's correction follows the event. Analyst corrections decide
ids where they move reports: the event a report was split or detached from keeps its id on the part
holding most of its other reports, and a merge keeps the id of the event the analyst named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from eventledger.ids import make_id

TRACKED = ("type", "date", "place", "independent_sources")


def event_id(founder: str) -> str:
    return make_id("evt", founder)


def founder_of(event: dict) -> str | None:
    if event.get("founder"):
        return event["founder"]
    return next((r["id"] for r in event.get("reports") or () if event_id(r["id"]) == event["id"]), None)


def assign(
    clusters: list[list[str]],
    key: Callable[[str], tuple],
    previous: Iterable[dict],
    moved: frozenset[str] = frozenset(),
) -> list[tuple[str, str]]:
    """(event id, founder) for each cluster of report ids.

    `moved`: reports an analyst split or detached; they take no previous id with them, and the
    event they left keeps its id on the cluster holding most of its other reports.
    """
    previous = list(previous)
    prev = {}
    for e in previous:
        f = founder_of(e)
        if f:
            prev[f] = e["id"]
    out: list[tuple[str, str] | None] = [None] * len(clusters)
    for k, c in enumerate(clusters):
        # the founder is the earliest report the analyst did not move; a previous id is kept only when it
        # was that same founder's (ids of events whose earliest report arrived late are not kept: they
        # would make the id depend on ingestion order)
        stay = [r for r in c if r not in moved]
        f = min(stay, key=key) if stay else None
        if f is not None and f in prev:
            out[k] = (prev[f], f)
    taken = {x[0] for x in out if x}
    for e in previous:
        if e["id"] in taken or founder_of(e) not in moved:
            continue
        mine = _reports(e) - moved
        overlap = [(len(mine & set(c)), -k) for k, c in enumerate(clusters) if out[k] is None and mine & set(c)]
        if overlap:
            k = -max(overlap)[1]
            out[k] = (e["id"], min(clusters[k], key=key))
            taken.add(e["id"])
    result = []
    for x, c in zip(out, clusters):
        if x is None:
            f = min(c, key=key)
            eid, n = event_id(f), 1
            while eid in taken:  # its founder's id stayed with the event it was detached from
                eid, n = make_id("evt", f, n), n + 1
            taken.add(eid)
            x = (eid, f)
        result.append(x)
    return result


def _reports(e: dict) -> set[str]:
    return {r["id"] for r in e.get("reports") or ()}


def _bests(e: dict) -> dict:
    return {
        k: (v.get("low"), v.get("high"), v.get("best"), v.get("contested"), len(v.get("values") or ()))
        for k, v in (e.get("counts") or {}).items()
    }


def _actors(e: dict) -> list:
    return sorted((p.get("actor_id") or p.get("actor"), p.get("basis")) for p in e.get("perpetrators") or ())


def _brief(x):
    return (
        {k: x.get(k) for k in ("value", "precision", "name", "city", "country") if x.get(k) is not None}
        if isinstance(x, dict)
        else x
    )


def revisions(events: list[dict], previous: Iterable[dict]) -> list[dict]:
    """One record per new, changed, merged or vanished event: {event, change, why, ...}."""
    prev = {e["id"]: e for e in previous}
    home = {r: e["id"] for e in prev.values() for r in _reports(e)}
    now_ids = {e["id"] for e in events}
    now_home = {r["id"]: e["id"] for e in events for r in e.get("reports") or ()}
    out = []
    for e in events:
        mine = _reports(e)
        old = prev.get(e["id"])
        came_from = sorted({home[r] for r in mine if r in home and home[r] != e["id"]})
        if old is None:
            why = "new reports" if not came_from else f"formed from reports of {', '.join(came_from)}"
            out.append(
                {
                    "event": e["id"],
                    "change": "new" if not came_from else "split",
                    "why": why,
                    "reports_added": sorted(mine),
                    "from": came_from,
                }
            )
            continue
        added, removed = sorted(mine - _reports(old)), sorted(_reports(old) - mine)
        fields = [f for f in TRACKED if _brief(e.get(f)) != _brief(old.get(f))]
        if _bests(e) != _bests(old):
            fields.append("counts")
        if _actors(e) != _actors(old):
            fields.append("perpetrators")
        if (e.get("corrections") or []) != (old.get("corrections") or []):
            fields.append("corrections")
        absorbed = [p for p in came_from if p not in now_ids]
        if not (added or removed or fields):
            continue
        change = "merge" if absorbed else "update"
        parts = []
        if added:
            parts.append(f"{len(added)} report(s) joined")
        if removed:
            parts.append(f"{len(removed)} report(s) left")
        if absorbed:
            parts.append(f"absorbed {', '.join(absorbed)}")
        if fields:
            parts.append(f"changed {', '.join(fields)}")
        out.append(
            {
                "event": e["id"],
                "change": change,
                "why": "; ".join(parts),
                "reports_added": added,
                "reports_removed": removed,
                "fields": fields,
                "from": absorbed,
            }
        )
    for pid in sorted(set(prev) - now_ids):
        gone = sorted({now_home[r] for r in _reports(prev[pid]) if r in now_home})
        why = f"its reports are now in {', '.join(gone)}" if gone else "its reports are gone"
        out.append({"event": pid, "change": "removed", "why": why, "into": gone})
    return out
