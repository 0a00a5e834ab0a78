"""The learned pair model: P(two reports of different documents tell one event) from their pair features.

A logistic regression over the features resolve/features.py computes (pair_features). Its weights ship as
data/resolution_model.json (plain coefficients, no pickle) and are reproduced by `eventledger train
resolution`. Training is L2-regularised towards a prior: the hand-set weights of resolution.yaml (scaled so
that the old merge threshold is the 0.5 point). A feature the training data never shows (a perpetrator in
common: the GVA news name none) therefore keeps its hand-set weight instead of falling to zero.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.resolve.config import DATA

MODEL_PATH = DATA / "resolution_model.json"


@dataclass(frozen=True, slots=True)
class PairModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    about: dict = field(default_factory=dict, compare=False)
    threshold: float | None = None  # the merge probability chosen with these weights (None: resolution.yaml's)
    read_threshold: float | None = None  # ... of news reports of two documents the document model reads (None: same)

    def logit(self, x: Mapping[str, float]) -> float:
        w = self.about.get("_w")
        if w is None:  # a feature -> weight table, built once (x holds few of the features)
            w = self.about["_w"] = dict(zip(self.features, self.weights))
        return self.bias + sum(w.get(f, 0.0) * v for f, v in x.items())

    def probability(self, x: Mapping[str, float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0

    def to_dict(self) -> dict:
        return {
            "about": {k: v for k, v in self.about.items() if not k.startswith("_")},
            "threshold": self.threshold,
            **({"read_threshold": self.read_threshold} if self.read_threshold is not None else {}),
            "bias": round(self.bias, 6),
            "weights": {f: round(w, 6) for f, w in zip(self.features, self.weights)},
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, d: Mapping) -> PairModel:
        w = d.get("weights")
        if not isinstance(w, dict) or "bias" not in d:
            raise ValueError("a resolution model holds 'bias' and a 'weights' mapping of feature -> coefficient")
        t, r = d.get("threshold"), d.get("read_threshold")
        return cls(
            tuple(w),
            tuple(float(v) for v in w.values()),
            float(d["bias"]),
            dict(d.get("about") or {}),
            None if t is None else float(t),
            None if r is None else float(r),
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> PairModel:
        p = Path(path) if path else MODEL_PATH
        return cls.from_dict(json.loads(p.read_text(encoding="utf-8")))

    @classmethod
    def train(
        cls,
        rows: Sequence[Mapping[str, float]],
        labels: Sequence[bool],
        prior: PairModel,
        *,
        sample_weight: Sequence[float] | None = None,
        l2: float = 1.0,
        about: dict | None = None,
    ) -> PairModel:
        """Weighted logistic regression (L-BFGS) with an L2 pull of l2 towards the prior's coefficients."""
        import numpy as np
        from scipy.optimize import minimize

        if len(rows) != len(labels) or not rows or len(set(labels)) < 2:
            raise ValueError("training needs as many labels as pairs, and pairs of both kinds")
        names = prior.features
        x = np.array([[r.get(f, 0.0) for f in names] for r in rows], dtype=float)
        y = np.asarray(labels, dtype=float)
        sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        total = sw.sum()
        w0 = np.array(list(prior.weights) + [prior.bias])

        def loss(wb):
            z = x @ wb[:-1] + wb[-1]
            p = 1.0 / (1.0 + np.exp(-z))
            d = wb - w0
            nll = np.sum(sw * (np.logaddexp(0.0, z) - y * z)) / total + 0.5 * l2 * (d[:-1] @ d[:-1]) / total
            g = sw * (p - y)
            return nll, np.concatenate([(x.T @ g) / total + l2 * d[:-1] / total, [g.sum() / total]])

        res = minimize(loss, w0.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
        info = dict(about or {}, pairs=len(y), positive=int(y.sum()), l2=l2)
        return cls(names, tuple(float(v) for v in res.x[:-1]), float(res.x[-1]), info)


def prior(cfg) -> PairModel:
    """The hand-set weights of resolution.yaml as a model: logit = old score - its merge score (`prior_offset`)."""
    from eventledger.resolve.features import DATE_KINDS, FEATURES, PLACE_KINDS

    w = cfg.weights
    known = {f"date_{k}": cfg.date.get(k, 0.0) for k in DATE_KINDS}
    known |= {f"place_{k}": cfg.place.get(k, 0.0) for k in PLACE_KINDS}
    known |= {
        "type_same": w["type_same"],
        "type_family": w["type_family"],
        "perpetrator_same": w["perpetrator_same"],
        "perpetrator_related": w["perpetrator_related"],
        "names_shared": w["name_shared"],
        "venue_words": w["venue_word"],
        "words": w["words_max"],
        "count_exact_same": w["count_exact_same"],
        "count_overlap": w["count_overlap"],
        "dated_one": -w["undated_one"],
        "dated_none": -w["undated_both"],
    }
    return PairModel(
        FEATURES,
        tuple(float(known.get(f, 0.0)) for f in FEATURES),
        -float(w["prior_offset"]),
        {"prior": "resolution.yaml weights"},
    )
