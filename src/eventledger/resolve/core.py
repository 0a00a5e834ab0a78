"""resolve(): reports -> events, as a pure function of the reports, their contexts, statements,
the previous events (for id stability) and analyst corrections. Input order never matters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eventledger.records import Event
from eventledger.resolve.cluster import cluster
from eventledger.resolve.config import ResolveConfig, as_config
from eventledger.resolve.corrections import MEMBERSHIP, Membership, apply_fields, ids_of, ordered, shown, unapplied
from eventledger.resolve.event import build
from eventledger.resolve.features import founds, profile, reach_back
from eventledger.resolve.identity import assign, event_id, founder_of, revisions
from eventledger.resolve.places import outlet_areas, outlet_states
from eventledger.resolve.related import link_related
from eventledger.resolve.sources import canonical_key, views
from eventledger.resolve.statements import link_statements
from eventledger.resolve.text import TextIndex


@dataclass(slots=True)
class Resolution:
    events: list[Event] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)  # {report, candidates, scores, why}
    revisions: list[dict] = field(default_factory=list)  # {event, change, why, ...}


def resolve(
    reports: Iterable[dict],
    *,
    contexts: dict[str, dict],
    statements: Iterable[dict] = (),
    previous_events: Iterable[dict] = (),
    corrections: Iterable[dict] = (),
    config: ResolveConfig | dict | None = None,
) -> Resolution:
    cfg = as_config(config)
    # attacks in general ("the militia has staged a growing number of attacks") are of no one event
    unique = {r["id"]: r for r in sorted(reports, key=lambda r: r["id"]) if not (r.get("meta") or {}).get("generic")}
    vs = views(list(unique.values()), contexts, cfg)
    order = sorted(vs.values(), key=canonical_key)
    key = {v.id: canonical_key(v) for v in order}
    profiles = {p.id: p for p in reach_back([profile(v.report, key[v.id], cfg) for v in order])}
    text = TextIndex.build([v.report for v in order], contexts)
    auto = cluster([profiles[v.id] for v in order], cfg, text)
    clusters = [[order[i].id for i in g] for g in auto.clusters]
    previous = sorted(previous_events, key=lambda e: e["id"])
    aliases = {e["id"]: f for e in previous if (f := founder_of(e))}

    corrections = list(corrections)
    notes: list[dict] = unapplied(corrections)  # stored corrections that no longer pass: reported, skipped
    corr = ordered(corrections)
    members = Membership(clusters, aliases)
    moved: dict[str, list[str]] = {}  # correction id -> reports it concerns, to show it on their events
    shifted: set[str] = set()  # reports an analyst split or detached
    for c in corr:
        if c["kind"] not in MEMBERSHIP:
            continue
        k = members.find(c.get("event"))
        before = set(members.clusters[k]) if k is not None else set()
        why = members.apply(c)
        if why:
            notes.append(
                {
                    "event": c.get("event"),
                    "change": "correction-unapplied",
                    "why": f"correction {c['id']}: {why}",
                    "correction": c["id"],
                }
            )
            continue
        shifted_now = (
            [] if c["kind"] == "merge" else [r for r in ids_of(c.get("target")) + ids_of(c.get("value")) if r in unique]
        )
        shifted.update(shifted_now)
        moved[c["id"]] = sorted(before | members.clusters[k] | set(shifted_now))
    clusters = members.result()
    # reports told only in a claim, a denial or an assessment, or told with too little to be one happening, join
    # the event they fit, and found none
    touched = shifted | {r for rs in moved.values() for r in rs}
    clusters = [c for c in clusters if any(founds(profiles[r]) for r in c) or touched & set(c)]
    ids = assign(clusters, lambda r: key[r], previous, frozenset(shifted))
    home = {r: k for k, c in enumerate(clusters) for r in c}
    _merged_keep_their_id(ids, home, corr, {event_id(r): r for r in unique if r in home} | aliases)

    def find(eid: str | None) -> int | None:
        for k, (i, _) in enumerate(ids):
            if i == eid:
                return k
        r = members.by_evt.get(eid or "") or (eid if eid in home else None)
        return home.get(r) if r else None

    event_of = {r: ids[k][0] for k, c in enumerate(clusters) for r in c}
    groups = {ids[k][0]: [vs[r] for r in sorted(c, key=lambda r: key[r])] for k, c in enumerate(clusters)}
    linked = link_statements(list(statements), event_of, groups)
    by_event: dict[str, list[dict]] = {}
    for st in sorted(statements, key=lambda s: s["id"]):
        if st["id"] in linked:
            by_event.setdefault(linked[st["id"]], []).append(st)

    told = [(v.source or v.origin, v.report) for v in order]
    homes, areas = outlet_states(told), outlet_areas(told)
    events = []
    for k, c in enumerate(clusters):
        eid, founder = ids[k]
        events.append(
            build(
                eid,
                founder,
                groups[eid],
                profiles,
                by_event.get(eid, []),
                cfg=cfg,
                policy=cfg.policy,
                homes=homes,
                areas=areas,
            )
        )
    index = {e.id: e for e in events}
    link_related(events, {v.id: v.report for v in vs.values()}, event_of)  # arrests etc. -> the attack

    for c in corr:
        if c["kind"] in MEMBERSHIP:
            if c["id"] in moved:
                for eid in sorted({event_of[r] for r in moved[c["id"]] if r in event_of}):
                    index[eid].corrections.append(shown(c))
            continue
        k = find(c.get("event"))
        if k is None:
            notes.append(
                {
                    "event": c.get("event"),
                    "change": "correction-unapplied",
                    "why": f"correction {c['id']}: event {c.get('event')} not found",
                    "correction": c["id"],
                }
            )
            continue
        e = index[ids[k][0]]
        failed = apply_fields(e, [c])
        if failed:
            notes.append(
                {"event": c.get("event"), "change": "correction-unapplied", "why": failed[0], "correction": c["id"]}
            )
            continue
        e.corrections.append(shown(c))

    ambiguous = []
    for i, cands in sorted(auto.ambiguous.items()):
        rid = order[i].id
        if rid not in event_of:
            continue  # a statement's report that joined nothing
        e = index[event_of[rid]]
        if len(e.reports) != 1:
            continue  # an analyst placed it: no longer ambiguous
        e.ambiguous = True
        options = sorted(
            {(event_of[first], s) for g, s in cands if (first := order[auto.clusters[g][0]].id) in event_of}
            - {(e.id, s) for _, s in cands}
        )
        e.candidates = [eid for eid, _ in options]
        ambiguous.append(
            {
                "report": rid,
                "event": e.id,
                "candidates": [eid for eid, _ in options],
                "scores": [round(s, 3) for _, s in options],
                "why": "fits events that cannot be one event about equally well; left unmerged",
            }
        )
    events.sort(key=lambda e: e.id)
    return Resolution(events, ambiguous, revisions([e.to_dict() for e in events], previous) + notes)


def _merged_keep_their_id(
    ids: list[tuple[str, str]], home: dict[str, int], corr: list[dict], aliases: dict[str, str]
) -> None:
    """`event merge EVENT OTHER` folds OTHER into EVENT: the merged event keeps EVENT's id, whichever
    founder sorts first (the analyst named the event that stays). `home`: report id -> cluster index. `aliases`:
    event id -> founder, for the previous events and for every report's own event id (the event the analyst named
    may not have existed yet when reports arrive in another order: its id still names it)."""
    for c in corr:
        f = aliases.get(c.get("event") or "") if c["kind"] == "merge" else None
        k = home.get(f) if f else None
        if k is not None and all(i != c["event"] for i, _ in ids):
            ids[k] = (c["event"], f)


def singleton_id(report_id: str) -> str:
    """The id a report's event gets when it founds one (useful to address it in a correction)."""
    return event_id(report_id)
