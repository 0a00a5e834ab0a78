"""Precision, recall and F1 from summed numerators and denominators."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PRF:
    """Sums kept separately so that roles and documents micro-average by adding."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    def add(self, other: PRF) -> PRF:
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den
        return self

    @property
    def p(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def r(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "p": self.p,
            "r": self.r,
            "f1": self.f1,
            "p_num": self.p_num,
            "p_den": self.p_den,
            "r_num": self.r_num,
            "r_den": self.r_den,
        }


def set_prf(pred: set, gold: set) -> PRF:
    """Exact-match scoring of two sets of hashable items."""
    hit = len(pred & gold)
    return PRF(hit, len(pred), hit, len(gold))
