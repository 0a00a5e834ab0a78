"""Analyst corrections, applied after automatic resolution so that they survive every re-run.

This module is the one definition of what a correction is; the CLI (`eventledger event ...`) and the API
(`POST /api/events/{id}/corrections`) both build them with `make`, which validates them, so a bad
correction is refused when written and can never break a later resolution run.

Kinds: merge (event + target event), split (event, value: report ids that form a new event),
detach (event, target or value: one report that stands alone), edit (event, field, value),
set-best (event, field: a count kind such as "killed" or "counts.killed", value), note (event, note:
a remark shown on the event that changes nothing).
Events are found by id through their founder report (see identity.py), so a correction written
against an id still lands after that event's membership has changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from eventledger.ids import make_id
from eventledger.records import Event
from eventledger.resolve.identity import event_id

KINDS = ("merge", "split", "detach", "edit", "set-best", "note")
MEMBERSHIP = ("merge", "split", "detach")


def problem(c: dict) -> str | None:
    """Why a correction cannot be applied as written, or None."""
    kind = c.get("kind")
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(KINDS)}"
    if not c.get("event"):
        return "it names no event"
    if kind == "merge" and not c.get("target"):
        return "merge needs the other event (target)"
    if kind == "split" and not ids_of(c.get("value")):
        return "split needs the report ids that form the new event"
    if kind == "detach" and not (ids_of(c.get("target")) or ids_of(c.get("value"))):
        return "detach needs the report to detach"
    if kind in ("edit", "set-best") and not c.get("field"):
        return f"{kind} needs a field"
    if kind == "set-best" and not (isinstance(c.get("value"), int) and not isinstance(c.get("value"), bool) and c["value"] >= 0):
        return "set-best needs a whole number of at least 0"
    if kind == "note" and not (c.get("note") or "").strip():
        return "a note needs its text"
    return None


def make(kind: str, event: str, *, field: str | None = None, value: Any = None, target: str | None = None,
         note: str = "", author: str | None = None, created: str | None = None) -> dict:
    """A validated correction; its id comes from its content, so recording the same decision twice keeps one."""
    c = {"kind": kind, "event": event, "target": target, "field": field, "value": value, "note": note or "",
         "author": author, "created": created or datetime.now(UTC).isoformat(timespec="seconds")}
    why = problem(c)
    if why:
        raise ValueError(f"correction refused: {why}")
    c["id"] = make_id("cor", kind, event, target, field, repr(value), c["note"], author)
    return c


def ordered(corrections) -> list[dict]:
    """Corrections in the order they were made; any that could not be applied (older rows) are left out."""
    return [c for c in sorted(corrections, key=lambda c: (c.get("created") or "", c["id"])) if problem(c) is None]


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


def apply_fields(event: Event, corrections: list[dict]) -> Event:
    """edit and set-best on a built event; the computed value is kept beside the analyst's."""
    for c in corrections:
        if c["kind"] == "edit":
            field = c.get("field")
            if not field:
                raise ValueError(f"edit correction {c['id']} names no field")
            event.edit(field, c.get("value"))
        elif c["kind"] == "set-best":
            kind = (c.get("field") or "killed").removeprefix("counts.")
            slot = event.counts.setdefault(kind, {"values": [], "low": None, "high": None, "best": None,
                                                  "policy": None, "contested": False})
            slot["computed_best"], slot["computed_policy"] = slot.get("best"), slot.get("policy")
            slot["best"], slot["policy"] = c.get("value"), "analyst"
    return event


def shown(c: dict) -> dict:
    return {k: c.get(k) for k in ("id", "kind", "event", "target", "field", "value", "note", "author", "created")}
