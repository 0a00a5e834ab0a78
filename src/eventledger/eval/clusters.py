"""Clustering scores (B-cubed and pairwise) that can be restricted to a subset of the items.

A subset is scored against the full clustering: an item's B-cubed precision still counts every item of its
predicted cluster, and pairwise counts every pair with at least one end in the subset. So merging a hard
incident with any other article is penalised, not only merges inside the subset.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _touching(members: Counter, outside: Counter) -> int:
    """Pairs with an end in the subset, summed over the groups: all pairs minus the pairs wholly outside."""
    return sum(_pairs(n) - _pairs(outside[k]) for k, n in members.items())


def scores(
    gold: Mapping[Hashable, Hashable],
    pred: Mapping[Hashable, Hashable | None],
    *,
    subset: Iterable[Hashable] | None = None,
) -> dict[str, Any]:
    """Items are the keys of `gold`; an item missing from `pred` or predicted None stands alone."""
    full = {i: (pred.get(i) if pred.get(i) is not None else ("__alone__", i)) for i in gold}
    sub = set(gold) if subset is None else set(subset) & set(gold)
    g_size, p_size = Counter(gold.values()), Counter(full.values())
    cell = Counter((gold[i], full[i]) for i in gold)
    g_out = Counter(gold[i] for i in gold if i not in sub)
    p_out = Counter(full[i] for i in gold if i not in sub)
    cell_out = Counter((gold[i], full[i]) for i in gold if i not in sub)
    hit, n_gold, n_pred = _touching(cell, cell_out), _touching(g_size, g_out), _touching(p_size, p_out)
    prec = hit / n_pred if n_pred else 0.0
    rec = hit / n_gold if n_gold else 0.0
    n = len(sub)
    b3p = sum(cell[gold[i], full[i]] / p_size[full[i]] for i in sub) / n if n else 0.0
    b3r = sum(cell[gold[i], full[i]] / g_size[gold[i]] for i in sub) / n if n else 0.0
    return {
        "p": prec,
        "r": rec,
        "f1": _f1(prec, rec),
        "b3_p": b3p,
        "b3_r": b3r,
        "b3_f1": _f1(b3p, b3r),
        "pairs_gold": n_gold,
        "pairs_predicted": n_pred,
        "pairs_correct": hit,
        "items": n,
        "gold_clusters": len({gold[i] for i in sub}),
        "predicted_clusters": len({full[i] for i in sub}),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
