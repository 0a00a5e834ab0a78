"""Analyst corrections, applied after automatic resolution so that they survive every re-run.

Kinds: merge (event + target event), split (event, value: report ids that form a new event),
detach (event, target or value: one report that stands alone), edit (event, field, value),
set-best (event, field: a count kind such as "killed" or "counts.killed", value).
Events are found by id through their founder report (see identity.py), so a correction written
against an id still lands after that event's membership has changed.
"""

from __future__ import annotations

from eventledger.resolve.identity import event_id

KINDS = ("merge", "split", "detach", "edit", "set-best")
MEMBERSHIP = ("merge", "split", "detach")


def ordered(corrections) -> list[dict]:
    out = sorted(corrections, key=lambda c: (c.get("created") or "", c["id"]))
    for c in out:
        if c.get("kind") not in KINDS:
            raise ValueError(f"correction {c.get('id')} has kind {c.get('kind')!r}; use one of {', '.join(KINDS)}")
    return out


def ids_of(x) -> list[str]:
    if x is None:
        return []
    return [x] if isinstance(x, str) else list(x)


class Membership:
    """Clusters of report ids that corrections move reports between."""

    def __init__(self, clusters: list[list[str]], aliases: dict[str, str]):
        self.where: dict[str, int] = {}
        self.clusters: list[set[str]] = []
        for c in clusters:
            self.clusters.append(set(c))
            for r in c:
                self.where[r] = len(self.clusters) - 1
        self.by_evt = {event_id(r): r for r in self.where}
        self.by_evt.update({e: r for e, r in aliases.items() if r in self.where})

    def find(self, eid: str | None) -> int | None:
        r = self.by_evt.get(eid or "")
        if r is None and eid in self.where:  # a report id given in place of an event id
            r = eid
        return None if r is None else self.where[r]

    def _move(self, reports: list[str]) -> None:
        new = len(self.clusters)
        self.clusters.append(set())
        for r in reports:
            self.clusters[self.where[r]].discard(r)
            self.clusters[new].add(r)
            self.where[r] = new

    def apply(self, c: dict) -> str | None:
        """None when applied; else why not."""
        k = self.find(c.get("event"))
        if k is None:
            return f"event {c.get('event')} not found"
        if c["kind"] == "merge":
            t = self.find(c.get("target"))
            if t is None:
                return f"target event {c.get('target')} not found"
            if t != k:
                for r in list(self.clusters[t]):
                    self.clusters[k].add(r)
                    self.where[r] = k
                self.clusters[t] = set()
            return None
        reports = [r for r in ids_of(c.get("value") if c["kind"] == "split" else (c.get("target") or c.get("value"))) if r in self.where]
        if not reports:
            return "no known report to move"
        if c["kind"] == "detach":
            for r in reports:
                self._move([r])
        else:
            self._move(reports)
        return None

    def result(self) -> list[list[str]]:
        return sorted(sorted(c) for c in self.clusters if c)


def apply_fields(event: dict, corrections: list[dict]) -> dict:
    """edit and set-best on a built event; the computed value is kept beside the analyst's."""
    for c in corrections:
        if c["kind"] == "edit":
            field = c.get("field")
            if not field:
                raise ValueError(f"edit correction {c['id']} names no field")
            event.setdefault("computed", {})[field] = event.get(field)
            event[field] = c.get("value")
        elif c["kind"] == "set-best":
            kind = (c.get("field") or "killed").removeprefix("counts.")
            slot = event["counts"].setdefault(kind, {"values": [], "low": None, "high": None, "best": None, "policy": None, "contested": False})
            slot["computed_best"], slot["computed_policy"] = slot.get("best"), slot.get("policy")
            slot["best"], slot["policy"] = c.get("value"), "analyst"
    return event


def shown(c: dict) -> dict:
    return {k: c.get(k) for k in ("id", "kind", "event", "target", "field", "value", "note", "author", "created")}
