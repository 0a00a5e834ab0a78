"""What the reports' own words say about whether two reports tell one happening: TF-IDF cosine of their
segments (title + text) and of their sentences, and the rare proper names two segments share (victims,
streets, venues).

Idf is computed over the segments being resolved (no labels, nothing shipped), so the figures are a function
of the set of reports, never of their order. A segment's vector is kept as a sorted term -> weight dict,
L2-normalised; a cosine is the dot product over the shorter dict. Pair cosines are cached per segment pair:
the many reports of one segment share them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

WORD = re.compile(r"[a-z0-9]{2,}")
# a capitalised word not opening a sentence: the stuff of names (people, streets, venues, towns)
PROPER = re.compile(r"(?<=[a-z0-9,;:)\]’'\"] )[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def proper_names(text: str) -> Counter:
    return Counter(m.group().lower() for m in PROPER.finditer(text))


def _unit(tf: Counter, idf: Mapping[str, float], default: float) -> dict[str, float]:
    v = {t: (1.0 + math.log(n)) * idf.get(t, default) for t, n in tf.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[t] for t, x in a.items() if t in b)


def _idf(docs: Iterable[Counter]) -> tuple[dict[str, float], float]:
    """Smoothed idf (log((1 + n) / (1 + df)) + 1) and the idf of a word never seen."""
    df: Counter = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(d.keys())
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}, math.log(1 + n) + 1.0


@dataclass(slots=True)
class TextIndex:
    """Per-segment word and name vectors and per-report sentence vectors, with cached pair cosines."""

    segment_of: dict[str, str]  # report id -> segment id
    text: dict[str, dict[str, float]]  # segment id -> unit TF-IDF vector of title + text
    names: dict[str, dict[str, float]]  # segment id -> unit TF-IDF vector of its proper names
    sentence: dict[str, dict[str, float]]  # report id -> unit TF-IDF vector of its sentence
    _cache: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, reports: Iterable[dict], contexts: Mapping[str, dict]) -> TextIndex:
        reports = list(reports)
        seg_text: dict[str, str] = {}
        for r in reports:
            ctx = contexts.get(r["id"]) or {}
            body = ctx.get("text")
            if body is None:  # no segment text given: the report's own sentence stands for it
                body = (r.get("evidence") or {}).get("text") or ""
            t = f"{ctx.get('title') or ''}\n{body}"
            if len(t) > len(seg_text.get(r["segment"], "")):
                seg_text[r["segment"]] = t
        segs = sorted(seg_text)
        tfs = {s: words(seg_text[s]) for s in segs}
        pns = {s: proper_names(seg_text[s]) for s in segs}
        idf, unseen = _idf(tfs[s] for s in segs)
        nidf, nunseen = _idf(pns[s] for s in segs)
        return cls(
            segment_of={r["id"]: r["segment"] for r in reports},
            text={s: _unit(tfs[s], idf, unseen) for s in segs},
            names={s: _unit(pns[s], nidf, nunseen) for s in segs},
            sentence={r["id"]: _unit(words((r.get("evidence") or {}).get("text") or ""), idf, unseen) for r in reports},
        )

    def segments(self, a: str, b: str) -> tuple[float, float]:
        """(text cosine, proper-name cosine) of the segments of reports a and b."""
        sa, sb = self.segment_of.get(a), self.segment_of.get(b)
        if sa is None or sb is None:
            return 0.0, 0.0
        k = (sa, sb) if sa <= sb else (sb, sa)
        got = self._cache.get(k)
        if got is None:
            got = (cosine(self.text[sa], self.text[sb]), cosine(self.names[sa], self.names[sb]))
            self._cache[k] = got
        return got

    def sentences(self, a: str, b: str) -> float:
        va, vb = self.sentence.get(a), self.sentence.get(b)
        return cosine(va, vb) if va and vb else 0.0
