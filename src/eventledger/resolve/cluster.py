"""Deterministic agglomerative clustering of report profiles, with vetoes and ambiguity.

Single (best-pair) linkage, strongest pair first, ties broken by the canonical report keys, so the
result is a function of the set of reports, never of their order. Two clusters merge only if every
pair across them is compatible (the veto stops chains from joining a 2002 attack to a 2024 one).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from eventledger.groups import DisjointSets
from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.features import Profile, compatible, pair_score
from eventledger.resolve.text import TextIndex


@dataclass(slots=True)
class Clustering:
    clusters: list[list[int]]  # indices into the profiles, each sorted, clusters sorted by first member
    ambiguous: dict[int, list[tuple[int, float]]]  # report index -> [(cluster index, best-pair score)]


MAX_SPAN = 400  # days: the longest date span (a year, a borrowed window) a sweep must look back over
GRID_DEG = 0.5  # coordinates block in cells of this many degrees (~55 km), probed with their neighbours


def _homes(p: Profile) -> list[tuple]:
    """The blocks a profile is filed under: its city, its admin1, its coordinates' grid cell."""
    keys: list[tuple] = []
    if p.city:
        keys.append(("city", p.country, p.city))
    if p.admin1:
        keys.append(("admin1", p.country, p.admin1))
    if p.coords:
        keys.append(("grid", int(p.coords[0] // GRID_DEG), int(p.coords[1] // GRID_DEG)))
    return keys


def _probes(p: Profile) -> list[tuple]:
    """The blocks a profile looks for partners in: its city and the cells around it; with no city, its admin1
    (and a city of that name: "Moscow" the region against "Moscow" the city)."""
    keys: list[tuple] = []
    if p.city:
        keys.append(("city", p.country, p.city))
        keys.append(("admin1", p.country, p.city))
    elif p.admin1:
        keys.append(("admin1", p.country, p.admin1))
        keys.append(("city", p.country, p.admin1))
    if p.coords:
        x, y = int(p.coords[0] // GRID_DEG), int(p.coords[1] // GRID_DEG)
        keys.extend(("grid", x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    return keys


def _window(pool: list[tuple[int, int]], p: Profile, profiles: list[Profile], tol: int) -> Iterator[int]:
    """Members of a date-sorted pool [(first day, index)] whose date span can overlap p's (all, if p is undated)."""
    if p.date is None:
        yield from (j for _, j in pool)
        return
    for lo, j in pool[bisect_left(pool, (p.date.lo - tol - MAX_SPAN, -1)) :]:
        if lo > p.date.hi + tol:
            break
        if profiles[j].date.hi + tol >= p.date.lo:
            yield j


def _sorted_pool(idx: list[int], profiles: list[Profile]) -> tuple[list[tuple[int, int]], list[int]]:
    dated = sorted((profiles[i].date.lo, i) for i in idx if profiles[i].date is not None)
    return dated, [i for i in idx if profiles[i].date is None]


def candidate_pairs(profiles: list[Profile], cfg: ResolveConfig) -> set[tuple[int, int]]:
    """The pairs (i < j) worth scoring; every other pair scores nothing (compatibility is checked apart).

    Blocking keeps resolution near-linear: reports of one document are all paired; reports of different documents
    only when one probes a block the other is filed under (the same city, a city and its admin1, neighbouring
    coordinates: _homes, _probes) and their date spans, widened by the day tolerance, can overlap. A report placed
    in no city or admin1 (a country, or nothing: often a headline) is paired with the reports of its country (of
    every country) whose dates overlap.
    """
    tol = int(cfg.date["tolerance_days"])
    out: set[tuple[int, int]] = set()
    by_doc: dict[str, list[int]] = defaultdict(list)
    homes: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        by_doc[p.document].append(i)
        for k in _homes(p):
            homes[k].append(i)
        homes[("country", p.country)].append(i)
    for idx in by_doc.values():
        out.update((i, j) for a, i in enumerate(idx) for j in idx[a + 1 :])
    pools = {k: _sorted_pool(idx, profiles) for k, idx in homes.items()}
    for i, p in enumerate(profiles):
        probes = _probes(p)
        if not probes:  # placed in a country or nowhere: every report of its country (all, if no country)
            probes = [("country", p.country)] if p.country else [k for k in pools if k[0] == "country"]
            probes.append(("country", None))
        for k in probes:
            got = pools.get(k)
            if got is None:
                continue
            dated, undated = got
            for j in (*_window(dated, p, profiles, tol), *undated):
                if j != i:
                    out.add((i, j) if i < j else (j, i))
    return out


def pair_scores(profiles: list[Profile], cfg: ResolveConfig, text: TextIndex | None = None) -> Scores:
    """Scores of the candidate pairs (i < j) that are compatible; compatibility of any pair: Scores.ok."""
    out = Scores(profiles, cfg)
    for i, j in sorted(candidate_pairs(profiles, cfg)):
        s = pair_score(profiles[i], profiles[j], cfg, text)
        if s is not None:
            out[(i, j)] = s
    return out


class Scores(dict):
    """(i, j) -> score of the scored compatible pairs, and `ok(i, j)`: whether any pair can share an event."""

    def __init__(self, profiles: list[Profile], cfg: ResolveConfig):
        super().__init__()
        self.profiles, self.cfg = profiles, cfg
        self._ok: dict[tuple[int, int], bool] = {}

    def ok(self, i: int, j: int) -> bool:
        k = (i, j) if i < j else (j, i)
        if k in self:
            return True
        got = self._ok.get(k)
        if got is None:
            got = self._ok[k] = compatible(self.profiles[i], self.profiles[j], self.cfg)
        return got


def cluster(profiles: list[Profile], cfg: ResolveConfig, text: TextIndex | None = None) -> Clustering:
    return settle(pair_scores(profiles, cfg, text), profiles, cfg)


def settle(scores: Scores, profiles: list[Profile], cfg: ResolveConfig) -> Clustering:
    """The clustering that pair scores give under cfg's thresholds."""
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


def _mergeable(a: list[int] | set[int], b: list[int] | set[int], scores: Scores) -> bool:
    return all(scores.ok(i, j) for i in a for j in b)


def _link(i: int, members, scores) -> float:
    return max((_s(scores, i, j) or 0.0 for j in members if j != i), default=0.0)


def _agglomerate(n: int, scores, cfg: ResolveConfig, excluded: set[int]) -> list[list[int]]:
    sets = DisjointSets(range(n), order=int)  # the smaller index names a cluster
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    edges = sorted(
        (-s, i, j)
        for (i, j), s in scores.items()
        if s >= cfg.merge_threshold and i not in excluded and j not in excluded
    )
    for _, i, j in edges:
        a, b = sets.find(i), sets.find(j)
        if a == b or not _mergeable(members[a], members[b], scores):
            continue
        root = sets.union(a, b)
        other = b if root == a else a
        members[root] = sorted(members[root] + members.pop(other))
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
        fits = [
            g
            for g in others.values()
            if _mergeable([i], g, scores) and _link(i, g, scores) >= own - cfg.ambiguity_margin
        ]
        if home and any(not _mergeable(home, g, scores) for g in fits):
            out.add(i)
        elif not home and any(not _mergeable(a, b, scores) for k, a in enumerate(fits) for b in fits[k + 1 :]):
            out.add(i)
    return out


def _settle(
    groups: list[list[int]], excluded: set[int], scores, cfg: ResolveConfig, profiles: list[Profile]
) -> Clustering:
    """An excluded report with one candidate left joins it; with two or more it stays alone, ambiguous."""
    groups = [list(g) for g in groups if not (len(g) == 1 and g[0] in excluded)]
    ambiguous: dict[int, list[tuple[int, float]]] = {}
    alone: list[list[int]] = []
    fits: dict[int, list[tuple[int, float]]] = {}
    for i in sorted(excluded, key=lambda x: profiles[x].key):
        fits[i] = [
            (k, _link(i, g, scores))
            for k, g in enumerate(groups)
            if _mergeable([i], g, scores) and _link(i, g, scores) >= cfg.merge_threshold
        ]
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
