"""Deterministic agglomerative clustering of report profiles, with vetoes and ambiguity.

Single (best-pair) linkage, strongest pair first, ties broken by the canonical report keys, so the
result is a function of the set of reports, never of their order. Two clusters merge only if every
pair across them is compatible (the veto stops chains from joining a 2002 attack to a 2024 one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date

from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.features import Profile, pair_score


@dataclass(slots=True)
class Clustering:
    clusters: list[list[int]]  # indices into the profiles, each sorted, clusters sorted by first member
    ambiguous: dict[int, list[tuple[int, float]]]  # report index -> [(cluster index, best-pair score)]


def pair_scores(profiles: list[Profile], cfg: ResolveConfig) -> dict[tuple[int, int], float]:
    """Scores of compatible pairs (i < j); a pair absent from the result cannot share an event."""
    buckets: dict[int | None, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        buckets[_year(p)].append(i)
    undated = buckets.pop(None, [])
    out: dict[tuple[int, int], float] = {}

    def add(i: int, j: int) -> None:
        i, j = min(i, j), max(i, j)
        if (i, j) in out:
            return
        s = pair_score(profiles[i], profiles[j], cfg)
        if s is not None:
            out[(i, j)] = s

    years = sorted(buckets)
    for y in years:
        group = buckets[y]
        for a, i in enumerate(group):
            for j in group[a + 1 :]:
                add(i, j)
            for j in undated:
                add(i, j)
        # day dates near a year end may fall in the next year's bucket
        for j in buckets.get(y + 1, ()):
            for i in group:
                if profiles[i].date.precision == "day" and profiles[j].date.precision == "day":
                    add(i, j)
    for a, i in enumerate(undated):
        for j in undated[a + 1 :]:
            add(i, j)
    return out


def _year(p: Profile) -> int | None:
    return None if p.date is None else Date.fromordinal(p.date.lo).year


def cluster(profiles: list[Profile], cfg: ResolveConfig) -> Clustering:
    scores = pair_scores(profiles, cfg)
    excluded: set[int] = set()
    for _ in range(len(profiles) + 1):
        groups = _agglomerate(len(profiles), scores, cfg, excluded)
        new = _ambiguous(groups, scores, cfg, excluded)
        if not new:
            break
        excluded |= new
    return _settle(groups, excluded, scores, cfg, profiles)


def _s(scores: dict[tuple[int, int], float], i: int, j: int) -> float | None:
    return scores.get((i, j) if i < j else (j, i))


def _mergeable(a: list[int] | set[int], b: list[int] | set[int], scores) -> bool:
    return all(_s(scores, i, j) is not None for i in a for j in b)


def _link(i: int, members, scores) -> float:
    return max((_s(scores, i, j) or 0.0 for j in members if j != i), default=0.0)


def _agglomerate(n: int, scores, cfg: ResolveConfig, excluded: set[int]) -> list[list[int]]:
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges = sorted((-s, i, j) for (i, j), s in scores.items() if s >= cfg.merge_threshold and i not in excluded and j not in excluded)
    for _, i, j in edges:
        a, b = find(i), find(j)
        if a == b or not _mergeable(members[a], members[b], scores):
            continue
        a, b = min(a, b), max(a, b)
        parent[b] = a
        members[a] = sorted(members[a] + members.pop(b))
    return sorted(members.values())


def _ambiguous(groups: list[list[int]], scores, cfg: ResolveConfig, excluded: set[int]) -> set[int]:
    """Reports (not yet excluded) that fit two clusters that cannot be one event, about equally well."""
    out: set[int] = set()
    where = {i: g for g in groups for i in g}
    near: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in scores.items():
        if s >= cfg.merge_threshold and i not in excluded and j not in excluded:
            near[i].add(j)
            near[j].add(i)
    for i in sorted(near):
        home = [x for x in where[i] if x != i]
        own = _link(i, home, scores)
        others = {id(where[j]): where[j] for j in near[i] if where[j] is not where[i]}
        fits = [g for g in others.values() if _mergeable([i], g, scores) and _link(i, g, scores) >= own - cfg.ambiguity_margin]
        if home and any(not _mergeable(home, g, scores) for g in fits):
            out.add(i)
        elif not home and any(not _mergeable(a, b, scores) for k, a in enumerate(fits) for b in fits[k + 1 :]):
            out.add(i)
    return out


def _settle(groups: list[list[int]], excluded: set[int], scores, cfg: ResolveConfig, profiles: list[Profile]) -> Clustering:
    """An excluded report with one candidate left joins it; with two or more it stays alone, ambiguous."""
    groups = [list(g) for g in groups if not (len(g) == 1 and g[0] in excluded)]
    ambiguous: dict[int, list[tuple[int, float]]] = {}
    alone: list[list[int]] = []
    fits: dict[int, list[tuple[int, float]]] = {}
    for i in sorted(excluded, key=lambda x: profiles[x].key):
        fits[i] = [(k, _link(i, g, scores)) for k, g in enumerate(groups) if _mergeable([i], g, scores) and _link(i, g, scores) >= cfg.merge_threshold]
    joins: dict[int, list[int]] = defaultdict(list)
    for i, cands in fits.items():
        if len(cands) == 1:
            joins[cands[0][0]].append(i)
        else:
            alone.append([i])
    for k, extra in joins.items():
        groups[k] = sorted(groups[k] + extra)
    final = sorted(groups + alone)
    index = {tuple(g): k for k, g in enumerate(final)}
    for i, cands in fits.items():
        if len(cands) >= 2:
            ambiguous[i] = [(index[tuple(groups[k])], s) for k, s in cands]
    return Clustering(final, ambiguous)
