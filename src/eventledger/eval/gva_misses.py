"""`eval gva-misses ERRORS...`: the misses of `eval gva --errors` files counted by mechanism, side by side.

Counts only, never an example: a held-out part's misses can be compared with the training part's (where does
the day go wrong: a value never extracted, or the wrong one chosen?) without reading its articles, which would
make its figure worthless as a check. Buckets:
- every field: the misses, and how many come with a clustering error (no event, split, merged); of those with no
  event, how many have articles no report was extracted from (a page with no story of a shooting, or a story
  extraction missed);
- day: how far the event's day is from the gold one, whether the gold day is among the event's values, whether
  the chosen day is an article's publication day, and where the chosen value's date came from (`date_from`);
- city: whether the gold town is written in the articles at all (`gold_town_written`: a town the text never
  names is beyond any rule), whether it is among the event's values, whether the event's state is right, and
  how the chosen place's reports came by it (the outlet's web address, a guess among namesakes by size, or told).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

FIELDS = ("killed", "injured", "day", "city")
NEAR_DAYS = 3  # offsets up to this many days are counted one by one, further ones together


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _offset(best: str, gold: str) -> str:
    days = (date.fromisoformat(best[:10]) - date.fromisoformat(gold[:10])).days
    if abs(days) > NEAR_DAYS:
        return f"{'+' if days > 0 else '-'}{NEAR_DAYS + 1} or more days"
    return f"{days:+d} day{'s' if abs(days) != 1 else ''}"


def _day(r: Mapping[str, Any]) -> Iterable[str]:
    d = (r.get("predicted") or {}).get("date") or {}
    best, gold = d.get("value"), r["gold"].get("date")
    if not best or len(best) < 10 or not gold:
        yield f"chosen date not a day ({d.get('precision') or 'none'})"
        return
    values = d.get("values") or ()
    yield f"off by {_offset(best, gold)}"
    yield (
        "gold day among the values"
        if any((v.get("value") or "")[:10] == gold[:10] for v in values)
        else ("gold day in no value")
    )
    published = {(a.get("published") or "")[:10] for a in r.get("articles") or ()}
    yield "chosen day is a publication day" if best[:10] in published else "chosen day is no publication day"
    sources = Counter(v.get("from") or "own sentence" for v in values if v.get("value") == best)
    if sources:
        yield f"chosen value from: {sources.most_common(1)[0][0]}"


def _same_town(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return (s or "").split(" (")[0].lower().replace("saint ", "st. ").strip()

    return bool(a) and norm(a) == norm(b)


def _city(r: Mapping[str, Any]) -> Iterable[str]:
    p = (r.get("predicted") or {}).get("place") or {}
    gold = r["gold"]
    if "gold_town_written" in r:  # files written before it was recorded have no such key
        yield "gold town written in an article" if r["gold_town_written"] else "gold town written in no article"
    if not p.get("city"):
        yield "event has no town"
    among = any(_same_town(v.get("city") or v.get("name"), gold.get("city_or_county")) for v in p.get("values") or ())
    yield "gold town among the values" if among else "gold town in no value"
    state = "state right" if p.get("admin1") == gold.get("state") else "state wrong"
    yield state
    chosen = [v for v in p.get("values") or () if v.get("admin1") == p.get("admin1") and v.get("city") == p.get("city")]
    if chosen:
        how = (
            "from the web address"
            if any(v.get("from") == "url" for v in chosen)
            else ("a guess among namesakes" if all(v.get("guess") for v in chosen) else "told")
        )
        yield f"{state}, chosen place {how}"


def buckets(records: Iterable[Mapping[str, Any]]) -> Counter:
    """(field, bucket) -> misses."""
    out: Counter = Counter()
    for r in records:
        flags = set(r.get("errors") or ())
        for field in FIELDS:
            if field not in flags:
                continue
            out[(field, "misses")] += 1
            for flag in ("no_event", "split", "merged"):
                if flag in flags:
                    out[(field, f"with {flag.replace('_', ' ')}")] += 1
            if "no_event" in flags and any(a.get("reports") == 0 for a in r.get("articles") or ()):
                out[(field, "with no event, an article with no report")] += 1
            if r.get("predicted") is None:
                continue
            detail = _day(r) if field == "day" else _city(r) if field == "city" else ()
            for b in detail:
                out[(field, b)] += 1
    return out


# buckets of one kind stay together, in this order; within a kind the first file's biggest first
GROUPS = ("misses", "with ", "off by", "gold ", "chosen day", "chosen value", "chosen date", "event has", "state")


def _group(bucket: str) -> int:
    return next((k for k, g in enumerate(GROUPS) if bucket.startswith(g)), len(GROUPS))


def table(named: Mapping[str, Counter]) -> list[list[str]]:
    """Rows (field, bucket, one count per file), fields in FIELDS order, buckets grouped by kind."""
    names = list(named)
    keys = {k for c in named.values() for k in c}
    first = named[names[0]]
    rows = []
    for field in FIELDS:
        mine = sorted((k for k in keys if k[0] == field), key=lambda k: (_group(k[1]), -first[k], k[1]))
        rows += [[field, k[1], *(str(named[n][k]) for n in names)] for k in mine]
    return rows
