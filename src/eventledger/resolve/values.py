"""Count values per source and the summaries derived from them (range, best under a named policy, contested)."""

from __future__ import annotations

from collections import Counter
from statistics import median_low
from typing import TYPE_CHECKING

from eventledger.knowledge.count_words import OTHERS

if TYPE_CHECKING:
    from eventledger.resolve.config import ResolveConfig

INF = float("inf")
FIRM = ("exact", "at least", "more than")  # figures a conservative count may rest on
# tolls that only grow as a story goes on (a wounded victim dies later; the injured may fall as they do)
ONLY_GROWS = frozenset({"killed"})


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


def point(v: dict) -> int | None:
    """The one number a figure stands for, inside its own range: 'more than 100' is 101, 'dozens' its low end."""
    if v.get("value") is None:
        return v.get("low")
    if v.get("qualifier") == "more than":
        return v["low"] if v.get("low") is not None else v["value"] + 1
    return v["value"]


def _firm(v: dict) -> bool:
    return (v.get("qualifier") or "exact") in FIRM


def _earlier(a: str | None, b: str | None) -> bool:
    """`a` was published strictly before `b` (two days, or two times of one day; a bare day is not before its times)."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def superseded(v: dict, others: list[dict], kind: str | None = None) -> bool:
    """A figure another figure of the same group makes obsolete: a lower bound ('at least 40') under a firm figure
    ('137 killed'), or an early figure under a higher one published later (the toll of 22 March under that of the
    25th). A figure of the whole toll is made obsolete by a higher firm figure of a part of it too ("the woman
    killed", at least 1, or "1 killed", under "2 women died": the whole is at least as large as any of its parts).
    A death toll a story tells exactly under a lower bound the same story gives ("two dead", then "a third victim
    has died"; "killed five before killing himself") is its earlier or partial toll. Kept in `values`, never the
    best, never a contradiction."""
    p, g = point(v), _group(v)
    if p is None:
        return False
    bound = v.get("qualifier") in ("at least", "more than", "vague")
    for o in others:
        q = point(o)
        if o is v or q is None or q <= p:
            continue
        if _group(o) != g:
            if not g and v.get("qualifier") != "vague" and _firm(o):
                return True  # the whole is at least as large as any of its parts
            continue
        if bound and (_firm(o) or o.get("qualifier") == "vague" and v.get("qualifier") == "vague"):
            return True
        if _earlier(v.get("published"), o.get("published")):
            return True
        if (
            kind in ONLY_GROWS
            and o.get("qualifier") in ("at least", "more than")
            and v.get("document")
            and v["document"] == o.get("document")
        ):
            return True  # the story itself says the toll is higher than its exact figure
    return False


def current(values: list[dict], kind: str | None = None) -> list[dict]:
    """The credible figures no other figure supersedes (`kind`: the count they are figures of)."""
    vs = credible(values)
    return [v for v in vs if not superseded(v, vs, kind)]


def pool(values: list[dict], kind: str | None = None) -> list[dict]:
    """Figures for the whole event: those not limited to a group of victims, when there are any besides vague
    ones; else with them the figures of people besides someone told apart ("wounded five others"), the nearest
    to a whole; else every figure."""
    vs = current(values, kind)
    whole = [v for v in vs if not _group(v)]
    if any(v.get("qualifier") != "vague" for v in whole):
        return whole
    return whole + [v for v in vs if _group(v) == OTHERS] or vs


def contested(values: list[dict], cfg: ResolveConfig, kind: str | None = None) -> bool:
    """Two figures for the same group whose ranges cannot both hold (137 exact vs 144 exact; 137 exact vs
    'at least 139').

    Figures for different groups (13 soldiers, about 170 civilians) do not contradict each other, nor does a lower
    bound or an early figure the later figures supersede ('at least 40', then 137).
    """
    rs = [(_group(v), count_range(v, cfg)) for v in current(values, kind) if v.get("qualifier") != "vague"]
    return any(ga == gb and (a[1] < b[0] or b[1] < a[0]) for i, (ga, a) in enumerate(rs) for gb, b in rs[i + 1 :])


_QUALIFIER_ORDER = ("exact", "at least", "more than", "around", "nearly", "up to", "vague")


def disagreeing(values: list[dict], cfg: ResolveConfig, kind: str | None = None) -> list[dict]:
    """The figures in dispute, one entry per figure with every report that gives it, for the contradiction record:
    [{value, qualifier, qualifiers, reports}]; 139 told by two reports, one of them as 'at least 139', is one value."""
    groups: dict[int | None, dict[str, set[str]]] = {}
    for v in current(values, kind):
        g = groups.setdefault(v.get("value"), {})
        g.setdefault(v.get("qualifier") or "exact", set()).add(v["report"])
    out = []
    for value in sorted(groups, key=lambda x: (x is None, x or 0)):
        quals = sorted(groups[value], key=lambda q: _QUALIFIER_ORDER.index(q) if q in _QUALIFIER_ORDER else 99)
        out.append(
            {
                "value": value,
                "qualifier": quals[0],
                "qualifiers": quals,
                "reports": sorted(set().union(*groups[value].values())),
            }
        )
    return out


def best(values: list[dict], policy: str, kind: str | None = None) -> int | None:
    """The best estimate under a named policy (README, "Best estimates"), always one of the current figures."""
    vs = [v for v in pool(values, kind) if point(v) is not None]
    if not vs:
        return None
    if policy == "acled":
        firm = [point(v) for v in vs if _firm(v)]
        return min(firm or [point(v) for v in vs])
    if policy == "gtd":
        return _gtd(vs)
    if policy == "median":
        per_origin: dict[str, list[int]] = {}
        for v in vs:
            per_origin.setdefault(v.get("origin") or v["report"], []).append(point(v))
        return median_low(sorted(median_low(sorted(x)) for x in per_origin.values()))
    raise ValueError(f"unknown count policy {policy!r}; use acled, gtd or median")


def _gtd(vs: list[dict]) -> int:
    """Most recent report's figure; else the majority figure; else the lowest."""
    dated = [v for v in vs if v.get("published")]
    if dated:
        last = max(v["published"] for v in dated)
        figs = {point(v) for v in dated if v["published"] == last}
        if len(figs) == 1:
            return figs.pop()
    counts = Counter(point(v) for v in vs).most_common()
    if len(counts) == 1 or counts[0][1] > counts[1][1]:
        return counts[0][0]
    return min(point(v) for v in vs)


def summarize(values: list[dict], *, policy: str, cfg: ResolveConfig, kind: str | None = None) -> dict:
    """Range and best of the current figures of a count `kind` for the whole event; the best is always inside
    [low, high]."""
    vs = pool(values, kind)
    rs = [count_range(v, cfg) for v in vs]
    points = [p for v in vs if (p := point(v)) is not None]
    # an open figure ('at least 139') bounds the high end by what it states
    lows = [lo for lo, _ in rs] + points
    highs = [hi if hi != INF else lo for lo, hi in rs] + points
    low = int(min(lows)) if lows else None
    high = int(max(highs)) if highs else None
    b = best(values, policy, kind)
    if b is not None and low is not None and high is not None:
        b = min(max(b, low), high)  # a point is inside its own range; this only guards the promise
    return {
        "values": values,
        "low": low,
        "high": high,
        "best": b,
        "policy": policy,
        "contested": contested(values, cfg, kind),
    }


def _exactly(summary: dict, kind: str) -> bool:
    """Some current figure tells the summary's best exactly ("two were wounded", not "a second victim")."""
    return any(
        v.get("qualifier") == "exact" and point(v) == summary.get("best")
        for v in current(summary.get("values") or [], kind)
    )


def hit_not_killed(counts: dict[str, dict], *, policy: str) -> None:
    """The injured as people hit and not killed, where the reports count people shot: "seven people were shot, two
    of them fatally" is 5 injured, and "a teen was shot" in an article that tells his death is none. A report that
    counts the wounded as such ("5 wounded") gives the injured figure; a count of the shot (killed and wounded
    alike) gives it less the killed where it says more (GVA counts every person shot, and wounded is shot and not
    killed), unless the shot are only bounded from below ("a fifth victim") and the wounded counted exactly. The
    derived figure is recorded beside the values, which stay as told; best stays inside [low, high]."""
    shot = (counts.get("shot") or {}).get("best")
    if shot is None:
        return
    killed = (counts.get("killed") or {}).get("best") or 0
    derived = max(shot - killed, 0)
    inj = counts.get("injured")
    if inj is not None and inj.get("best") is not None and inj["best"] >= derived and not _told_apart(inj, counts):
        return
    if inj is not None and _exactly(inj, "injured") and not _exactly(counts["shot"], "shot"):
        return  # "a third victim" (at least 3) bounds the shot from below; "two were wounded" says how many
    low = derived if inj is None or inj.get("low") is None else min(inj["low"], derived)
    high = derived if inj is None or inj.get("high") is None else max(inj["high"], derived)
    counts["injured"] = {
        "values": (inj or {}).get("values") or [],
        "low": low,
        "high": high,
        "best": derived,
        "policy": policy,
        "contested": bool((inj or {}).get("contested")),
        "derived": {"from": "shot - killed", "shot": shot, "killed": killed},
    }


def _told_apart(inj: dict, counts: dict[str, dict]) -> bool:
    """One person told hurt without a number ("his cousin was wounded": at least 1) where the reports count the shot
    exactly and as many killed ("four people were shot", "four dead"): nobody hit lived, so the one told hurt is one
    of the dead, told before he died; the exact count of the hit says so."""
    shot, killed = counts["shot"], counts.get("killed") or {}
    return (
        inj["best"] == 1
        and shot["best"] == killed.get("best")
        and _exactly(shot, "shot")
        and all(_one_person(v) and v.get("qualifier") != "exact" for v in current(inj.get("values") or [], "injured"))
    )


def _one_person(v: dict) -> bool:
    """A figure of one person ("a clerk was badly hurt": at least 1, "one woman was hospitalized"), not of one
    besides someone told apart ("one other person was hurt")."""
    return v.get("value") == 1 and v.get("qualifier") in ("at least", "exact") and _group(v) != OTHERS


def hurt_then_dead(counts: dict[str, dict]) -> None:
    """The injured that are the killed: one person told hurt by documents that tell no death, where the other
    documents tell one person dead and nobody hurt ("a woman badly hurt", then "the woman has died"), is
    the same person at two times; GVA counts every person shot once, by how it ended. Only when the hurt are told
    no later than the last death, and every figure on both sides names one person; the values stay as told and the
    derived figure is recorded beside them."""
    inj, killed = counts.get("injured"), counts.get("killed")
    if not inj or not killed or inj.get("derived") or not inj.get("best"):
        return
    hurt, dead = current(inj["values"], "injured"), current(killed["values"], "killed")
    if not hurt or not dead or not all(_one_person(v) for v in hurt + dead):
        return
    hurt_docs = {v.get("document") for v in inj["values"]}
    dead_docs = {v.get("document") for v in killed["values"]}
    if hurt_docs & dead_docs:
        return  # a document that tells the death and someone hurt tells two people
    last_death = max((v.get("published") or "" for v in dead), default="")
    if any((v.get("published") or "") > last_death for v in hurt):
        return
    counts["injured"] = {
        **inj,
        "low": 0,
        "high": inj.get("high"),
        "best": 0,
        "derived": {"from": "hurt, then told dead", "killed": killed.get("best")},
    }
