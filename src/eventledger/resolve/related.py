"""Related events (DESIGN.md): an attack and what follows from it are linked, not merged and not left apart.

Extraction marks a follow-up report (an arrest, a charge, a trial of suspects told in a sentence that names the
attack) with `follows`: the id of its document's report of that attack. Once reports are clustered, the event
holding the follow-up and the event holding the attack report each name the other in `Event.related`, with the
reports that tie them, so an analyst finds the arrests under the attack and the attack from an arrest. A
follow-up whose attack report joined no event (too little to found one) follows the attack told in its own
sentence, when one event holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventledger.records import Event

FOLLOWS, FOLLOWED_BY = "follows", "followed-by"


def link_related(events: list[Event], reports: Mapping[str, Mapping[str, Any]], event_of: Mapping[str, str]) -> None:
    """Fill `related` on the events of follow-up reports and on the events of the attacks they follow."""
    index = {e.id: e for e in events}
    told = _told_in(reports, event_of)
    for rid in sorted(reports):
        parent = reports[rid].get("follows")
        child_event, parent_event = event_of.get(rid), event_of.get(parent) if parent else None
        if parent and parent_event is None:
            parent_event = _sentence_attack(reports[rid], told)
        if child_event is None or parent_event is None or child_event == parent_event:
            continue
        if child_event in index and parent_event in index:
            _add(index[child_event], parent_event, FOLLOWS, rid)
            _add(index[parent_event], child_event, FOLLOWED_BY, rid)
    for e in events:
        e.related.sort(key=lambda x: (x["relation"], x["event"]))


def _told_in(reports: Mapping[str, Mapping[str, Any]], event_of: Mapping[str, str]) -> dict[tuple, set[str]]:
    """(segment, sentence start) -> the events of the attack reports told in that sentence."""
    out: dict[tuple, set[str]] = {}
    for rid, r in reports.items():
        meta = r.get("meta") or {}
        if rid not in event_of or meta.get("family") != "attack":
            continue
        starts = {(r.get("evidence") or {}).get("start")} | {t.get("start") for t in meta.get("told_in") or ()}
        for s in starts - {None}:
            out.setdefault((r.get("segment"), s), set()).add(event_of[rid])
    return out


def _sentence_attack(report: Mapping[str, Any], told: dict[tuple, set[str]]) -> str | None:
    """The event of the attack told in the follow-up's own sentence, when the attack it follows (its segment's
    headline, say) joined no event: "the attack on the hall last week, which led to the arrests of ..." names
    the attack the arrests follow. None unless that sentence tells exactly one event's attack."""
    got = told.get((report.get("segment"), (report.get("evidence") or {}).get("start")), set())
    return next(iter(got)) if len(got) == 1 else None


def _add(e: Event, other: str, relation: str, report: str) -> None:
    link = next((x for x in e.related if x["event"] == other and x["relation"] == relation), None)
    if link is None:
        e.related.append({"event": other, "relation": relation, "reports": [report]})
    elif report not in link["reports"]:
        link["reports"].append(report)
        link["reports"].sort()
