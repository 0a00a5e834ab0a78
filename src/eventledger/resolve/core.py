"""resolve(): reports -> events, as a pure function of the reports, their contexts, statements,
the previous events (for id stability) and analyst corrections. Input order never matters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eventledger.records import Event
from eventledger.resolve.cluster import Clustering, cluster
from eventledger.resolve.config import ResolveConfig, as_config
from eventledger.resolve.corrections import MEMBERSHIP, Membership, apply_fields, ids_of, ordered, shown, unapplied
from eventledger.resolve.event import build
from eventledger.resolve.features import founds, profile, reach_back
from eventledger.resolve.identity import assign, event_id, founder_of, revisions
from eventledger.resolve.places import outlet_areas, outlet_cities, outlet_states
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
    moved, shifted = _membership_corrections(corr, members, unique, notes)
    clusters = members.result()
    # reports told only in a claim, a denial or an assessment, or told with too little to be one happening, join
    # the event they fit, and found none
    touched = shifted | {r for rs in moved.values() for r in rs}
    clusters = [c for c in clusters if any(founds(profiles[r]) for r in c) or touched & set(c)]
    ids = assign(clusters, lambda r: key[r], previous, frozenset(shifted))
    home = {r: k for k, c in enumerate(clusters) for r in c}
    _merged_keep_their_id(ids, home, corr, {event_id(r): r for r in unique if r in home} | aliases)

    event_of = {r: ids[k][0] for k, c in enumerate(clusters) for r in c}
    groups = {ids[k][0]: [vs[r] for r in sorted(c, key=lambda r: key[r])] for k, c in enumerate(clusters)}
    by_event = _statements_by_event(statements, event_of, groups)
    events = _built(ids, groups, profiles, by_event, order, cfg)
    index = {e.id: e for e in events}
    link_related(events, {v.id: v.report for v in vs.values()}, event_of)  # arrests etc. -> the attack

    for c in corr:
        if c["kind"] in MEMBERSHIP:
            if c["id"] in moved:
                for eid in sorted({event_of[r] for r in moved[c["id"]] if r in event_of}):
                    index[eid].corrections.append(shown(c))
            continue
        eid = _named(c.get("event"), ids, members, home)
        if eid is None:
            notes.append(_unapplied_note(c, f"correction {c['id']}: event {c.get('event')} not found"))
            continue
        e = index[eid]
        failed = apply_fields(e, [c])
        if failed:
            notes.append(_unapplied_note(c, failed[0]))
            continue
        e.corrections.append(shown(c))

    ambiguous = _ambiguous(auto, order, event_of, index)
    events.sort(key=lambda e: e.id)
    return Resolution(events, ambiguous, revisions([e.to_dict() for e in events], previous) + notes)


def _unapplied_note(c: dict, why: str) -> dict:
    """The note a correction that could not be applied leaves in the revisions."""
    return {"event": c.get("event"), "change": "correction-unapplied", "why": why, "correction": c["id"]}


def _membership_corrections(
    corr: list[dict], members: Membership, unique: dict[str, dict], notes: list[dict]
) -> tuple[dict[str, list[str]], set[str]]:
    """Apply the merges, splits and detaches to `members`; a failed one adds its note to `notes`. Returns the
    reports each applied correction concerns (correction id -> report ids, to show it on their events) and the
    reports an analyst split or detached."""
    moved: dict[str, list[str]] = {}
    shifted: set[str] = set()
    for c in corr:
        if c["kind"] not in MEMBERSHIP:
            continue
        k = members.find(c.get("event"))
        before = set(members.clusters[k]) if k is not None else set()
        why = members.apply(c)
        if why:
            notes.append(_unapplied_note(c, f"correction {c['id']}: {why}"))
            continue
        shifted_now = (
            [] if c["kind"] == "merge" else [r for r in ids_of(c.get("target")) + ids_of(c.get("value")) if r in unique]
        )
        shifted.update(shifted_now)
        moved[c["id"]] = sorted(before | members.clusters[k] | set(shifted_now))
    return moved, shifted


def _named(eid: str | None, ids: list[tuple[str, str]], members: Membership, home: dict[str, int]) -> str | None:
    """The id of the event a correction names: an event's id, a previous event's id or a report's own event id."""
    for i, _ in ids:
        if i == eid:
            return i
    r = members.by_evt.get(eid or "") or (eid if eid in home else None)
    k = home.get(r) if r else None
    return None if k is None else ids[k][0]


def _statements_by_event(
    statements: Iterable[dict], event_of: dict[str, str], groups: dict[str, list]
) -> dict[str, list[dict]]:
    linked = link_statements(list(statements), event_of, groups)
    by_event: dict[str, list[dict]] = {}
    for st in sorted(statements, key=lambda s: s["id"]):
        if st["id"] in linked:
            by_event.setdefault(linked[st["id"]], []).append(st)
    return by_event


def _built(
    ids: list[tuple[str, str]],
    groups: dict[str, list],
    profiles: dict,
    by_event: dict[str, list[dict]],
    order: list,
    cfg: ResolveConfig,
) -> list[Event]:
    told = [(v.source or v.origin, v.report) for v in order]
    homes, areas = outlet_states(told), outlet_areas(told)
    cities = outlet_cities(told, homes)
    return [
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
            cities=cities,
        )
        for eid, founder in ids
    ]


def _ambiguous(auto: Clustering, order: list, event_of: dict[str, str], index: dict[str, Event]) -> list[dict]:
    """Mark each report clustering left unmerged between events that fit it about equally well, and list them."""
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
    return ambiguous


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
