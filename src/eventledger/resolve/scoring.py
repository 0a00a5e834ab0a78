"""Pairwise precision and recall of a clustering against gold clusters (the resolution test set)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations


def _pairs(clusters: Iterable[Iterable[str]], keep: set[str] | None) -> set[tuple[str, str]]:
    out = set()
    for c in clusters:
        items = sorted({x for x in c if keep is None or x in keep})
        out.update(combinations(items, 2))
    return out


def pairwise_scores(
    pred_clusters: Iterable[Iterable[str]], gold_clusters: Iterable[Iterable[str]], *, common_only: bool = True
) -> dict:
    """Pairs of items put together. Items the gold does not know are left out when `common_only`.

    An empty denominator scores 1.0: no pair claimed means no pair claimed wrongly.
    """
    pred, gold = [list(c) for c in pred_clusters], [list(c) for c in gold_clusters]
    keep = ({x for c in pred for x in c} & {x for c in gold for x in c}) if common_only else None
    p, g = _pairs(pred, keep), _pairs(gold, keep)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pred_pairs": len(p),
        "gold_pairs": len(g),
        "true_pairs": tp,
    }
