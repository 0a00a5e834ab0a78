"""Count values per source and the summaries derived from them (range, best under a named policy, contested)."""

from __future__ import annotations

from collections import Counter
from statistics import median_low
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventledger.resolve.config import ResolveConfig

INF = float("inf")
FIRM = ("exact", "at least", "more than")  # figures a conservative count may rest on


def count_range(c: dict, cfg: ResolveConfig) -> tuple[float, float]:
    """What a stated figure allows: 'at least 139' -> [139, inf); stated low/high win over the rule."""
    v, q = c.get("value"), c.get("qualifier") or "exact"
    rule = cfg.qualifier_ranges.get(q)
    if v is None or rule is None:
        lo = c.get("low")
        hi = c.get("high")
        return (float(lo) if lo is not None else 0.0, float(hi) if hi is not None else INF)
    lo = c.get("low") if c.get("low") is not None else (v + 1 if q == "more than" else rule[0] * v)
    hi = c.get("high") if c.get("high") is not None else (INF if rule[1] is None else rule[1] * v)
    return float(lo), float(hi)


def credible(values: list[dict]) -> list[dict]:
    """Values a summary may use: told as fact (not in a comment) and carrying a number."""
    return [v for v in values if not v.get("opinion") and (v.get("value") is not None or v.get("low") is not None)]


def _group(v: dict) -> str:
    return " ".join((v.get("who") or "").casefold().split())


def pool(values: list[dict]) -> list[dict]:
    """Figures for the whole event: those not limited to a group of victims, when there are any."""
    vs = credible(values)
    return [v for v in vs if not _group(v)] or vs


def contested(values: list[dict], cfg: ResolveConfig) -> bool:
    """Two figures for the same group whose ranges cannot both hold (137 exact vs 144 exact; 137 exact vs 'at least 139').

    Figures for different groups (13 soldiers, about 170 civilians) do not contradict each other.
    """
    rs = [(_group(v), count_range(v, cfg)) for v in credible(values) if v.get("qualifier") != "vague"]
    return any(ga == gb and (a[1] < b[0] or b[1] < a[0]) for i, (ga, a) in enumerate(rs) for gb, b in rs[i + 1 :])


def disagreeing(values: list[dict], cfg: ResolveConfig) -> list[dict]:
    """The values grouped by figure, for the contradiction record: [{value, qualifier, reports}]."""
    groups: dict[tuple, set[str]] = {}
    for v in credible(values):
        groups.setdefault((v.get("value"), v.get("qualifier")), set()).add(v["report"])
    return [{"value": k[0], "qualifier": k[1], "reports": sorted(r)} for k, r in sorted(groups.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1] or ""))]


def _num(v: dict) -> int | None:
    return v.get("value") if v.get("value") is not None else v.get("low")


def best(values: list[dict], policy: str) -> int | None:
    vs = [v for v in pool(values) if _num(v) is not None]
    if not vs:
        return None
    if policy == "acled":
        firm = [_num(v) for v in vs if (v.get("qualifier") or "exact") in FIRM]
        return min(firm or [_num(v) for v in vs])
    if policy == "gtd":
        return _gtd(vs)
    if policy == "median":
        per_origin: dict[str, list[int]] = {}
        for v in vs:
            per_origin.setdefault(v.get("origin") or v["report"], []).append(_num(v))
        return median_low(sorted(median_low(sorted(x)) for x in per_origin.values()))
    raise ValueError(f"unknown count policy {policy!r}; use acled, gtd or median")


def _gtd(vs: list[dict]) -> int:
    """Most recent report's figure; else the majority figure; else the lowest."""
    dated = [v for v in vs if v.get("published")]
    if dated:
        last = max(v["published"] for v in dated)
        figs = {_num(v) for v in dated if v["published"] == last}
        if len(figs) == 1:
            return figs.pop()
    counts = Counter(_num(v) for v in vs).most_common()
    if len(counts) == 1 or counts[0][1] > counts[1][1]:
        return counts[0][0]
    return min(_num(v) for v in vs)


def summarize(values: list[dict], *, policy: str, cfg: ResolveConfig) -> dict:
    rs = [count_range(v, cfg) for v in pool(values)]
    lows = [lo for lo, _ in rs]
    # an open figure ('at least 139') bounds the high end by what it states
    highs = [hi if hi != INF else lo for lo, hi in rs]
    return {
        "values": values,
        "low": int(min(lows)) if lows else None,
        "high": int(max(highs)) if highs else None,
        "best": best(values, policy),
        "policy": policy,
        "contested": contested(values, cfg),
    }
