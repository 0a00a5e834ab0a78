"""Word-shingle scoring of main-text extraction, as the Scrapinghub article-extraction benchmark does it.

Tokens are `\\w+` runs (case kept), shingles are 4-grams (a text shorter than
four tokens is one shingle), true/false positives and negatives count shingle
multiplicities and are normalised per page to sum to 1. Precision is the mean
over pages that predicted something, recall the mean over pages whose truth
has text, and F1 is computed from those two means.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

TOKEN = re.compile(r"\w+", re.UNICODE)
N = 4


def shingles(text: str | None, n: int = N) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def tp_fp_fn(true: str | None, pred: str | None, n: int = N) -> tuple[float, float, float]:
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(rows: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    ps = [precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [recall(*r) for r in rows if r[0] + r[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "pages": len(rows),
        "pages_predicted": len(ps),
        "pages_with_truth": len(rs),
    }
