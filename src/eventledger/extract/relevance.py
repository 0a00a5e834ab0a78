"""An optional learned stage: does this document report an incident at all?

A logistic regression over word and word-pair counts, trained on CPU in seconds from any corpus of
documents labelled relevant or not (`eventledger train relevance ../shared/data/muc4/train.json`, where a
document is relevant when it has a template). The rule-based extractor finds violence in any text that
mentions it; this model learns a collection's own notion of "an incident is reported here" (MUC-4 leaves
out military clashes, old events and threats). It is off by default: its vocabulary is that of its training
corpus, so it belongs to runs on text like that corpus, and the figures with and without it are reported
side by side in EVAL.md.

The saved model is JSON: the vocabulary with one weight each, the bias, the threshold, and where it came
from, so anyone can read what it learned.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
FORMAT = "eventledger-relevance/1"


def features(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower())
    feats = Counter(words)
    feats.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return feats


def _vectors(texts: Sequence[str], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        f = {vocab[k]: 1.0 + math.log(v) for k, v in features(t).items() if k in vocab}
        norm = math.sqrt(sum(x * x for x in f.values())) or 1.0
        for j, x in f.items():
            rows.append(i)
            cols.append(j)
            vals.append(x / norm)
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))


@dataclass(slots=True)
class RelevanceModel:
    vocab: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float = 0.35
    about: dict = field(default_factory=dict)

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[bool],
        *,
        min_df: int = 2,
        l2: float = 0.3,
        about: dict | None = None,
    ) -> RelevanceModel:
        """L2-regularised logistic regression, fitted with L-BFGS."""
        from scipy.optimize import minimize

        if len(texts) != len(labels) or not texts:
            raise ValueError("need as many labels as texts, and at least one of each")
        if len(set(labels)) < 2:
            raise ValueError("training needs relevant and irrelevant documents")
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(features(t)))
        vocab = {k: i for i, k in enumerate(sorted(k for k, n in df.items() if n >= min_df))}
        x = _vectors(texts, vocab)
        y = np.asarray(labels, dtype=float)
        n = len(y)

        def loss(wb):
            w, b = wb[:-1], wb[-1]
            z = x @ w + b
            p = 1.0 / (1.0 + np.exp(-z))
            # log(1 + e^z) - y z, computed stably
            nll = np.sum(np.logaddexp(0.0, z) - y * z) / n + 0.5 * l2 * (w @ w) / n
            g = p - y
            return nll, np.concatenate([(x.T @ g) / n + l2 * w / n, [g.sum() / n]])

        res = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
        return cls(
            vocab,
            res.x[:-1],
            float(res.x[-1]),
            about=dict(about or {}, documents=n, relevant=int(y.sum()), features=len(vocab), l2=l2, min_df=min_df),
        )

    def scores(self, texts: Iterable[str]) -> list[float]:
        texts = list(texts)
        if not texts:
            return []
        z = _vectors(texts, self.vocab) @ self.weights + self.bias
        return [float(s) for s in 1.0 / (1.0 + np.exp(-z))]

    def relevant(self, text: str) -> tuple[bool, float]:
        p = self.scores([text])[0]
        return p >= self.threshold, p

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        words = sorted(self.vocab, key=self.vocab.get)
        data = {
            "format": FORMAT,
            "about": self.about,
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": {w: round(float(self.weights[self.vocab[w]]), 6) for w in words},
        }
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RelevanceModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ValueError(f"{path}: cannot read a relevance model ({e})") from e
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a relevance model (format {data.get('format')!r}, want {FORMAT})")
        words = list(data["weights"])
        return cls(
            {w: i for i, w in enumerate(words)},
            np.array([data["weights"][w] for w in words]),
            float(data["bias"]),
            float(data.get("threshold", 0.5)),
            data.get("about") or {},
        )


def muc4_examples(path: Path) -> tuple[list[str], list[bool]]:
    """MUC-4 JSON lines: a document is relevant when it has at least one template."""
    texts, labels = [], []
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                texts.append(d["doctext"])
                labels.append(bool(d.get("templates")))
    return texts, labels
