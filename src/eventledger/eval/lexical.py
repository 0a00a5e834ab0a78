"""The lexical baseline resolution must beat: TF-IDF cosine of title+text within a publication-date window.

Nothing of EventLedger is used: words are lowercased runs of letters and digits (two or more characters),
weighted by sublinear tf (1 + log tf) times smoothed idf (log((1 + n) / (1 + df)) + 1) over the articles being
clustered (no labels), rows L2-normalised, cosine = dot product. Two articles whose publication dates lie more
than `window_days` apart have distance 1 (cosine 0); an article with no date is within every window. The
distance matrix is clustered by agglomerative linkage cut at 1 - threshold.

The shipped setting (DEFAULT) was chosen on the training part of ../shared/data/gva-dev only, by `tune()`
(`eventledger eval gva --tune-lexical`), and is fixed: it is never re-tuned on the part being scored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

_WORD = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True, slots=True)
class LexicalConfig:
    threshold: float
    window_days: int
    linkage: str  # "single" or "average" (scipy.cluster.hierarchy.linkage methods)

    def __post_init__(self) -> None:
        if self.linkage not in ("single", "average", "complete"):
            raise ValueError(f"linkage must be single, average or complete, not {self.linkage!r}")
        if not 0.0 < self.threshold <= 1.0 or self.window_days < 0:
            raise ValueError("threshold must lie in (0, 1] and window_days be >= 0")


# tuned on the gva-dev training part (see the module docstring and EVAL.md)
DEFAULT = LexicalConfig(threshold=0.2, window_days=14, linkage="average")


def tfidf(texts: Sequence[str]) -> csr_matrix:
    """Rows are L2-normalised sublinear-tf x smoothed-idf vectors."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for word, tf in Counter(_WORD.findall(text.lower())).items():
            rows.append(r)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(1.0 + math.log(tf))
    m = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)), dtype=np.float64)
    df = np.bincount(m.indices, minlength=len(vocab))
    m = m.multiply(np.log((1 + len(texts)) / (1 + df)) + 1.0).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def distances(articles: Sequence[Mapping], window_days: int) -> np.ndarray:
    """Square cosine distances over title + text; pairs published further apart than the window get 1."""
    x = tfidf([f"{a.get('title') or ''}\n{a.get('text') or ''}" for a in articles])
    d = 1.0 - (x @ x.T).toarray()
    np.clip(d, 0.0, 1.0, out=d)
    days = [_day(a.get("published")) for a in articles]
    known = np.array([dd is not None for dd in days])
    ordinal = np.array([dd.toordinal() if dd else 0 for dd in days])
    apart = (np.abs(ordinal[:, None] - ordinal[None, :]) > window_days) & known[:, None] & known[None, :]
    d[apart] = 1.0
    np.fill_diagonal(d, 0.0)
    return d


def _cut(tree: np.ndarray | None, n: int, threshold: float) -> list[int]:
    if tree is None:
        return list(range(1, n + 1))  # numbered from 1, as fcluster numbers
    # a tiny margin so that a merge at exactly 1 - threshold (cosine == threshold) is kept
    return [int(c) for c in fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")]


def _tree(d: np.ndarray, method: str) -> np.ndarray | None:
    return linkage(squareform(d, checks=False), method=method) if len(d) > 1 else None


def cluster(articles: Sequence[Mapping], config: LexicalConfig = DEFAULT) -> dict[Hashable, int]:
    """Article id -> cluster number."""
    tree = _tree(distances(articles, config.window_days), config.linkage)
    return dict(zip((a["id"] for a in articles), _cut(tree, len(articles), config.threshold)))


def tune(
    articles: Sequence[Mapping],
    gold: Mapping[Hashable, Hashable],
    *,
    thresholds: Iterable[float] = tuple(round(0.025 * k, 3) for k in range(2, 25)),
    windows: Iterable[int] = (1, 2, 3, 5, 7, 10, 14, 30),
    methods: Iterable[str] = ("single", "average"),
) -> list[dict]:
    """B-cubed F1 of every setting of the grid, best first (ties: the earlier setting of the grid)."""
    from eventledger.eval.clusters import scores

    thresholds = list(thresholds)
    out = []
    for w in windows:
        d = distances(articles, w)
        for method in methods:
            tree = _tree(d, method)
            for t in thresholds:
                pred = dict(zip((a["id"] for a in articles), _cut(tree, len(articles), t)))
                s = scores(gold, pred)
                out.append({"threshold": t, "window_days": w, "linkage": method, "b3_f1": s["b3_f1"], "f1": s["f1"]})
    return sorted(out, key=lambda r: -r["b3_f1"])
