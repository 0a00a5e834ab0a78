"""Contradictions as data: values of one field, from reports of one event, that cannot all be true."""

from __future__ import annotations

from collections import defaultdict

from eventledger.records import Contradiction
from eventledger.resolve.config import ResolveConfig, norm
from eventledger.resolve.features import Profile, place_score, related
from eventledger.resolve.sources import View, placing
from eventledger.resolve.statements import BLAME, blamed, self_claim
from eventledger.resolve.values import disagreeing


def _grouped(pairs: list[tuple[str, str]]) -> list[dict]:
    g: dict[str, set[str]] = defaultdict(set)
    for value, rid in pairs:
        g[value].add(rid)
    return [{"value": k, "reports": sorted(v)} for k, v in sorted(g.items())]


def contradictions(
    vs: list[View],
    profiles: dict[str, Profile],
    counts: dict[str, dict],
    perps: list[dict],
    statements: list[dict],
    cfg: ResolveConfig,
) -> list[Contradiction]:
    facts = [v for v in vs if not v.opinion]
    out = []
    for kind in sorted(counts):
        if counts[kind]["contested"]:
            out.append(Contradiction(f"counts.{kind}", disagreeing(counts[kind]["values"], cfg, kind)))
    days = _grouped([(v.report["date"]["value"][:10], v.id) for v in facts if _stated_day(v.report)])
    if len(days) > 1:
        out.append(Contradiction("date", days))
    fams = _grouped([(cfg.family(v.report.get("type")), v.id) for v in facts if cfg.family(v.report.get("type"))])
    if len(fams) > 1:
        types = [(norm(v.report.get("type")), v.id) for v in facts if cfg.family(v.report.get("type"))]
        out.append(Contradiction("type", _grouped(types)))
    place = _places(placing(facts), profiles, cfg)
    if place:
        out.append(place)
    named = [p for p in perps if p.get("actor_id") or p.get("basis") != "reported"]
    if _incompatible({p["actor_id"] or norm(p["actor"]) for p in named}, cfg.parents, cfg.affiliates):
        out.append(Contradiction("perpetrator", _perpetrator_values(named, cfg.parents)))
    claim = _claims(statements, cfg)
    if claim:
        out.append(claim)
    return out


def _stated_day(report: dict) -> bool:
    """A day the source states for the event; a date borrowed from the publication is when it was told, not when it
    happened, and two publication days are no contradiction."""
    d = report.get("date") or {}
    if d.get("precision") not in ("day", "second") or not d.get("value"):
        return False
    borrowed = (report.get("meta") or {}).get("date_from") and not d.get("text") and not report.get("date_evidence")
    return not borrowed


def _lineage(actor: str, parents: dict[str, str]) -> set[str]:
    out = {actor}
    while (actor := parents.get(actor)) is not None and actor not in out:
        out.add(actor)
    return out


def _compatible(a: str, b: str, parents: dict[str, str], affiliates: dict[str, frozenset[str]] | None = None) -> bool:
    """One is part of the other (IS-K is a branch of IS), or a group and its affiliate (Jamaat-ul-Ahrar, a TTP
    faction): both can be right at once."""
    la, lb = _lineage(a, parents), _lineage(b, parents)
    if a in lb or b in la:
        return True
    aff = affiliates or {}
    return any(y in aff.get(x, ()) for x in la for y in lb)


def _incompatible(
    actor_ids: set[str], parents: dict[str, str], affiliates: dict[str, frozenset[str]] | None = None
) -> bool:
    """Two registry actors named as perpetrators that cannot both be right (see _compatible). A name outside the
    registry counts only when someone blamed or claimed it ("Ukraine", blamed by a speaker): a bare phrase a report
    gives ("gunmen") is too vague to contradict a named group."""
    ids = sorted(actor_ids)
    return any(not _compatible(a, b, parents, affiliates) for i, a in enumerate(ids) for b in ids[i + 1 :])


def _perpetrator_values(perps: list[dict], parents: dict[str, str]) -> list[dict]:
    """The actors that disagree, a parent told beside its one branch folded into the branch (IS and IS-K are one
    side against Ukraine, not two), so the values list only sides that cannot both be right."""
    keys = {p["actor_id"] or norm(p["actor"]) for p in perps}
    side = {}
    for k in keys:
        below = [b for b in keys if b != k and k in _lineage(b, parents)]
        side[k] = below[0] if len(below) == 1 else k
    pairs = [(side[p["actor_id"] or norm(p["actor"])], r) for p in perps for r in p["reports"] or ["-"]]
    return [{**a, "reports": [r for r in a["reports"] if r != "-"]} for a in _grouped(pairs)]


def _places(facts: list[View], profiles: dict[str, Profile], cfg: ResolveConfig) -> Contradiction | None:
    """Cities farther apart than one place (Krasnogorsk and Moscow are one place; Moscow and Kazan are not)."""
    cities: dict[str, list[View]] = defaultdict(list)
    for v in facts:
        if profiles[v.id].city:
            cities[profiles[v.id].city].append(v)
    names = sorted(cities)
    clash = any(
        (place_score(profiles[cities[a][0].id], profiles[cities[b][0].id], cfg) or 0.0) < cfg.place["city_near"]
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    )
    if not clash:
        return None
    return Contradiction("place", [{"value": c, "reports": sorted(v.id for v in cities[c])} for c in names])


def _claims(statements: list[dict], cfg: ResolveConfig) -> Contradiction | None:
    """A claim of responsibility against a denial by the same actor, or against blame put on someone unrelated."""
    claims, denials, blames = [], [], []
    for st in statements:
        name, aid = blamed(st)
        key = aid or norm(name)
        if st.get("kind") == "claim-of-responsibility" and self_claim(st) and key:
            claims.append((key, name, st))
        elif st.get("kind") == "denial":
            who = st.get("speaker_actor_id") or norm(st.get("speaker")) or key
            denials.append((who, st))
        elif st.get("kind") in BLAME and key:
            blames.append((key, name, st))
    if not claims:
        return None
    values: dict[str, set[str]] = defaultdict(set)
    report_of = {st["id"]: st.get("report") for st in statements}
    claimed = {k for k, _, _ in claims}
    for k, name, st in claims:
        values[f"claimed by {name or k}"].add(st["id"])
    hit = False
    for who, st in denials:
        if who in claimed:
            values[f"denied by {st.get('speaker') or who}"].add(st["id"])
            hit = True
    for k, name, st in blames:
        if all(
            k != c and not related(k, c, cfg.parents) and not _compatible(k, c, cfg.parents, cfg.affiliates)
            for c in claimed
        ):
            values[f"blamed on {name or k} by {st.get('speaker') or 'unnamed'}"].add(st["id"])
            hit = True
    if not hit:
        return None
    return Contradiction(
        "claim",
        [
            {"value": k, "reports": sorted({report_of[s] for s in v if report_of[s]}), "statements": sorted(v)}
            for k, v in sorted(values.items())
        ],
    )
