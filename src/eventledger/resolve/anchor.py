"""An event no source dates to a day joins the one dated event of its city that it can only be.

A story about something else names an earlier attack in passing ("last spring the group bombed a market
there, killing some forty"), or a page with no publication date tells it with "this year": its words and
its month share little with the attack's own coverage, so the pair model leaves it an event of its own, a second
row for one happening. Such an event (no report of it states a day) joins a dated event when that event is the
only one of the same city and period that it fits (every pair of their reports compatible: family, dates, places;
no perpetrator and no death toll in disagreement), and the two name the same perpetrator (or a group and its
branch): a named group and a toll in one city and month tell one happening, where a city and month alone do not
(two shootings of a city in a month are common, and the same city's other dated events stop the join).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.features import Profile, compatible, dated, day_dated, related


def _cities(g: list[int], profiles: list[Profile]) -> set[tuple]:
    return {(profiles[i].country, profiles[i].city) for i in g if profiles[i].city}


def _perps(g: list[int], profiles: list[Profile]) -> set[str]:
    return set().union(*(profiles[i].perps for i in g))


def _killed(g: list[int], profiles: list[Profile]) -> list[tuple[float, float]]:
    return [(lo, hi) for i in g for lo, hi, _ in profiles[i].counts.get("killed", ())]


def _same_group(a: set[str], b: set[str], cfg: ResolveConfig) -> bool:
    return bool(a & b) or any(related(x, y, cfg.parents) for x in a for y in b)


def _toll_agrees(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    return not a or not b or any(x[0] <= y[1] and y[0] <= x[1] for x in a for y in b)


def anchor(clusters: list[list[int]], profiles: list[Profile], cfg: ResolveConfig, keep: set[int]) -> list[list[int]]:
    """The clusters after each undated one (no report states a day) joins the single dated cluster of its city
    it fits with a perpetrator in common. `keep`: reports whose clusters stay as they are (ambiguous ones).

    Two passes: a cluster with no day joins a day-dated one; then a cluster no report of which states any date
    joins one dated to a day or a month ("in January the group bombed the city" is the month's event, whether or
    not a source gave its day). Every choice is made against the clusters as the pass is given them: a function of
    the set of reports, never of an order."""
    some = _join(clusters, profiles, cfg, keep, targets=day_dated, undated_only=False)
    return _join(some, profiles, cfg, keep, targets=_month_dated, undated_only=True)


def _month_dated(p: Profile) -> bool:
    return dated(p) and p.date.precision in ("day", "month")


def _join(
    clusters: list[list[int]],
    profiles: list[Profile],
    cfg: ResolveConfig,
    keep: set[int],
    *,
    targets: Callable[[Profile], bool],
    undated_only: bool,
) -> list[list[int]]:
    """Clusters with no day-dated report (with no dated report at all, if `undated_only`) join the single cluster
    of their city holding a report that passes `targets`."""
    dated_in: dict[tuple, list[int]] = defaultdict(list)  # (country, city) -> target clusters
    for k, g in enumerate(clusters):
        if any(targets(profiles[i]) for i in g):
            for c in _cities(g, profiles):
                dated_in[c].append(k)
    joins: dict[int, list[int]] = defaultdict(list)  # dated cluster -> undated clusters joining it
    for k, g in enumerate(clusters):
        if any(day_dated(profiles[i]) for i in g) or keep.intersection(g):
            continue
        if undated_only and any(dated(profiles[i]) for i in g):
            continue
        perps, killed = _perps(g, profiles), _killed(g, profiles)
        if not perps:
            continue
        fits = []
        for d in sorted({d for c in _cities(g, profiles) for d in dated_in.get(c, ())} - {k}):
            h = clusters[d]
            other = _perps(h, profiles)
            if other and not _same_group(perps, other, cfg):
                continue
            if not _toll_agrees(killed, _killed(h, profiles)):
                continue
            if all(compatible(profiles[i], profiles[j], cfg) for i in g for j in h):
                fits.append((d, bool(other)))
        if len(fits) == 1 and fits[0][1]:
            joins[fits[0][0]].append(k)
    if not joins:
        return clusters
    gone = {k for ks in joins.values() for k in ks}
    out = [g + [i for k in joins.get(d, ()) for i in clusters[k]] for d, g in enumerate(clusters) if d not in gone]
    return sorted(sorted(g) for g in out)
