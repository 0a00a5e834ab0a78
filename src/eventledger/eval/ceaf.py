"""CEAF-REE: role-filler entity scoring of the GRIT/GTT papers (Du et al. 2021).

Per document and role, gold and predicted entities are clusters of mention
strings. Predicted entities are matched one to one to gold entities by the
Hungarian algorithm, maximising the summed similarity; precision divides that
sum by the number of predicted entities, recall by the number of gold
entities. Sums are added over documents and roles before dividing (micro).

Two deliberate choices, both documented in EVAL.md:
- mentions are de-duplicated within an entity after normalisation. The
  reference counts gold mentions found in the prediction, so a gold entity
  listing "the extraditables" and '"the extraditables"' would score a
  proportional similarity of 2 for one predicted mention; with de-duplication
  the proportional score is the fraction of predicted mentions in the gold
  entity, as the papers define it. Strict scores are unchanged.
- gold entities of a document's templates are merged as GRIT's preprocessing
  does: an entity is kept only when it is neither a subset nor a superset of
  one kept before.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from eventledger.eval.metrics import PRF

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
Entity = list[str]
_PUNCT = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)


def normalize(text: str) -> str:
    """The reference order: lowercase, drop ASCII punctuation, drop articles anywhere, collapse spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def normalize_entity(mentions: Iterable[str]) -> Entity:
    out: Entity = []
    for m in mentions:
        n = normalize(m)
        if n not in out:
            out.append(n)
    return out


def phi_strict(gold: Sequence[str], pred: Sequence[str]) -> float:
    return 1.0 if all(m in gold for m in pred) else 0.0


def phi_prop(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(1 for m in pred if m in gold) / len(pred) if pred else 0.0


PHIS: dict[str, Callable[[Sequence[str], Sequence[str]], float]] = {"strict": phi_strict, "prop": phi_prop}


def ceaf(pred: Sequence[Entity], gold: Sequence[Entity], phi) -> PRF:
    """One document, one role."""
    pred = [e for e in pred if e]
    gold = [e for e in gold if e]
    scores = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            scores[i, j] = phi(g, p)
    rows, cols = linear_sum_assignment(-scores)
    sim = float(scores[rows, cols].sum())
    return PRF(sim, len(pred), sim, len(gold))


def merge_gold(entities: Iterable[Sequence[str]]) -> list[Entity]:
    """Union of the templates' entities for one role, as GRIT merges them (subset rule, first kept)."""
    kept: list[list[str]] = []
    for cand in entities:
        cand = [m.lower() for m in cand]
        if not cand:
            continue
        if any(set(cand) <= set(e) or set(e) <= set(cand) for e in kept):
            continue
        kept.append(cand)
    return kept


def score(
    preds: Mapping[str, Mapping[str, Sequence[Sequence[str]]]],
    golds: Mapping[str, Mapping[str, Sequence[Sequence[str]]]],
) -> dict[str, dict[str, PRF]]:
    """{'strict'|'prop': {role|'micro': PRF}} over the gold documents; a document with no prediction predicts
    nothing."""
    out: dict[str, dict[str, PRF]] = {}
    for name, phi in PHIS.items():
        per = {role: PRF() for role in ROLES}
        for docid, gold in golds.items():
            pred = preds.get(docid, {})
            for role in ROLES:
                g = [normalize_entity(e) for e in gold.get(role, [])]
                p = [normalize_entity(e) for e in pred.get(role, [])]
                per[role].add(ceaf(p, g, phi))
        micro = PRF()
        for role in ROLES:
            micro.add(per[role])
        out[name] = {**per, "micro": micro}
    return out
