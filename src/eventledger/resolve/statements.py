"""Statements tied to events, perpetrators with their basis, and the attribution graph."""

from __future__ import annotations

import re
from collections import defaultdict

from eventledger.records import Event
from eventledger.resolve.config import norm
from eventledger.resolve.sources import View

BLAME = ("attribution", "accusation")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
BASIS_ORDER = {"claimed": 0, "attributed": 1, "reported": 2}


def _start(x: dict | None) -> int | None:
    return (x or {}).get("start")


def link_statements(statements: list[dict], event_of: dict[str, str], members: dict[str, list[View]]) -> dict[str, str]:
    """statement id -> event id: by its report, else the nearest report of its segment, else its document's only
    event."""
    by_seg: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    by_doc: dict[str, set[str]] = defaultdict(set)
    for eid, vs in members.items():
        for v in vs:
            year = ((v.report.get("date") or {}).get("value") or "")[:4]
            by_seg[v.report["segment"]].append((_start(v.report.get("evidence")) or 0, eid, year))
            by_doc[v.report["document"]].add(eid)
    out = {}
    for st in sorted(statements, key=lambda s: s["id"]):
        eid = event_of.get(st.get("report") or "")
        years = set(_YEAR.findall(st.get("text") or ""))
        # "the bombings of 1997 ..., blamed on the separatists": a statement that dates what it is about
        # to other years than a report's is not about that report's event, however near it is written
        near = [p for p in by_seg.get(st.get("segment"), ()) if not years or p[2] in years]
        if eid is None and near:
            at = _start(st.get("evidence")) or 0
            eid = min(near, key=lambda p: (abs(p[0] - at), p[1]))[1]
        if eid is None and len(by_doc.get(st.get("document"), ())) == 1:
            eid = next(iter(by_doc[st["document"]]))
        if eid is None and st.get("event") in members:
            eid = st["event"]
        if eid is not None:
            out[st["id"]] = eid
    return out


def _who(st: dict) -> tuple[str | None, str | None]:
    return st.get("speaker"), st.get("speaker_actor_id")


def blamed(st: dict) -> tuple[str | None, str | None]:
    """The actor a claim or attribution names: `about`, or for a claim without one, the speaker."""
    about = st.get("about") or {}
    if about.get("text") or about.get("actor_id"):
        return about.get("text"), about.get("actor_id")
    if st.get("kind") == "claim-of-responsibility":
        return _who(st)
    return None, None


def self_claim(st: dict) -> bool:
    """A claim of responsibility made by the actor itself (its speaker is the actor claimed for)."""
    name, aid = blamed(st)
    sname, said = _who(st)
    if st.get("kind") != "claim-of-responsibility":
        return False
    if not (sname or said) or not (st.get("about") or {}):
        return True  # "X claimed responsibility" with no other speaker: X speaks
    return (aid is not None and aid == said) or norm(name) == norm(sname)


def _known_ids(vs: list[View], statements: list[dict]) -> dict[str, str]:
    """Names this event's sources tie to an actor id, to give the same id to the same name told bare."""
    out: dict[str, str] = {}
    for v in vs:
        for k in ("perpetrator_orgs", "perpetrator_individuals", "targets"):
            for a in v.report.get(k) or ():
                if a.get("actor_id") and a.get("text"):
                    out.setdefault(norm(a["text"]), a["actor_id"])
    for st in statements:
        about = st.get("about") or {}
        if about.get("actor_id") and about.get("text"):
            out.setdefault(norm(about["text"]), about["actor_id"])
        if st.get("speaker_actor_id") and st.get("speaker"):
            out.setdefault(norm(st["speaker"]), st["speaker_actor_id"])
    return out


def perpetrators(vs: list[View], statements: list[dict], names: dict[str, str] | None = None) -> list[dict]:
    """Each actor once per (basis, by), with the reports and statements behind it; an actor the registry knows
    goes by the registry's name (`names`), one spelling however each source wrote it."""
    entries: dict[tuple, dict] = {}
    known = _known_ids(vs, statements)

    def add(name: str | None, aid: str | None, basis: str, by: str | None, reports: list[str], sts: list[str]) -> None:
        if not (name or aid):
            return
        aid = aid or known.get(norm(name))
        key = (aid or norm(name), basis, norm(by) or None)
        e = entries.setdefault(
            key,
            {
                "actor": (names or {}).get(aid or "") or name or aid,
                "actor_id": aid,
                "basis": basis,
                "by": by,
                "reports": set(),
                "statements": set(),
            },
        )
        e["reports"].update(reports)
        e["statements"].update(sts)

    seg_reports: dict[str, list[str]] = defaultdict(list)
    for v in vs:
        seg_reports[v.report["segment"]].append(v.id)
        if v.opinion:
            continue
        for k in ("perpetrator_orgs", "perpetrator_individuals"):
            for a in v.report.get(k) or ():
                if a.get("described") and not a.get("actor_id"):
                    continue  # "the gunmen", "two suicide bombers": a kind of attacker, no actor to list
                add(a.get("text"), a.get("actor_id"), "reported", None, [v.id], [])
    for st in statements:
        kind = st.get("kind")
        if kind not in ("claim-of-responsibility", *BLAME):
            continue
        name, aid = blamed(st)
        reps = [st["report"]] if st.get("report") in {v.id for v in vs} else seg_reports.get(st.get("segment"), [])
        if self_claim(st):
            add(name, aid, "claimed", st.get("speaker") or name, reps, [st["id"]])
        else:
            add(name, aid, "attributed", st.get("speaker"), reps, [st["id"]])
    out = []
    for e in entries.values():
        out.append({**e, "reports": sorted(e["reports"]), "statements": sorted(e["statements"])})
    return sorted(out, key=lambda e: (BASIS_ORDER[e["basis"]], norm(e["actor"]), norm(e["by"])))


def attribution_graph(events: list[Event], statements: list[dict]) -> list[dict]:
    """Edges speaker -> blamed actor -> event, one per claim, attribution, accusation or denial."""
    event_of = {sid: e.id for e in events for sid in e.statements or ()}
    edges = []
    for st in sorted(statements, key=lambda s: s["id"]):
        if st.get("kind") not in ("claim-of-responsibility", "denial", *BLAME):
            continue
        name, aid = blamed(st)
        if st.get("kind") == "denial" and not (name or aid):
            name, aid = _who(st)
        edges.append(
            {
                "speaker": st.get("speaker"),
                "speaker_actor_id": st.get("speaker_actor_id"),
                "speaker_role": st.get("speaker_role"),
                "kind": st.get("kind"),
                "actor": name,
                "actor_id": aid,
                "event": event_of.get(st["id"]) or st.get("event"),
                "statement": st["id"],
                "document": st.get("document"),
            }
        )
    return edges
