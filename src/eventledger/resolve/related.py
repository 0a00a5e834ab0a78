"""Related events (DESIGN.md): an attack and what follows from it are linked, not merged and not left apart.

Extraction marks a follow-up report (an arrest, a charge, a trial of suspects told in a sentence that names the
attack) with `follows`: the id of its document's report of that attack. Once reports are clustered, the event
holding the follow-up and the event holding the attack report each name the other in `Event.related`, with the
reports that tie them, so an analyst finds the arrests under the attack and the attack from an arrest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventledger.records import Event

FOLLOWS, FOLLOWED_BY = "follows", "followed-by"


def link_related(events: list[Event], reports: Mapping[str, Mapping[str, Any]], event_of: Mapping[str, str]) -> None:
    """Fill `related` on the events of follow-up reports and on the events of the attacks they follow."""
    index = {e.id: e for e in events}
    for rid in sorted(reports):
        parent = reports[rid].get("follows")
        child_event, parent_event = event_of.get(rid), event_of.get(parent) if parent else None
        if child_event is None or parent_event is None or child_event == parent_event:
            continue
        if child_event in index and parent_event in index:
            _add(index[child_event], parent_event, FOLLOWS, rid)
            _add(index[parent_event], child_event, FOLLOWED_BY, rid)
    for e in events:
        e.related.sort(key=lambda x: (x["relation"], x["event"]))


def _add(e: Event, other: str, relation: str, report: str) -> None:
    link = next((x for x in e.related if x["event"] == other and x["relation"] == relation), None)
    if link is None:
        e.related.append({"event": other, "relation": relation, "reports": [report]})
    elif report not in link["reports"]:
        link["reports"].append(report)
        link["reports"].sort()
