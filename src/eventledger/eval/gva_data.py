"""The GVA corpus (articles.jsonl + incidents.jsonl), its fixed split by incident, and the --limit subset.

Gold clusters are incident groups: incidents that share an article are one group (on gva-dev 5 articles are
listed under two GVA incidents each, e.g. the same Chicago party shooting recorded as Chicago and as Austin, its
neighbourhood), so that every article has exactly one gold cluster. Fields are still scored per incident.

The split: a group is in the training part when sha256("eventledger-gva-split:" + its smallest incident id),
read as an integer, is even, else in the dev-test part. It depends on nothing but the ids, so it is the same
on every machine and for the held-out half. `--limit N` keeps the first groups in the order of that same hash
until N incidents are taken: a fixed sample spread over the whole period, with every cluster whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eventledger.eval.errors import EvalError
from eventledger.groups import DisjointSets

PARTS = ("train", "test", "all")
_SALT = "eventledger-gva-split:"


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    date: str
    state: str
    city_or_county: str
    address: str
    killed: int
    injured: int
    articles: tuple[str, ...]


@dataclass(slots=True)
class Corpus:
    articles: dict[str, dict]  # id -> the scraper record, first occurrence
    incidents: list[Incident]
    group: dict[str, str]  # incident id -> group id (smallest incident id of the incidents sharing articles)

    def article_gold(self) -> dict[str, str]:
        return {a: self.group[i.id] for i in self.incidents for a in i.articles}


def _lines(path: Path) -> Iterable[dict]:
    if not path.is_file():
        raise EvalError(f"{path}: no such file (a GVA folder holds articles.jsonl and incidents.jsonl)")
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise EvalError(f"{path}:{n}: not JSON ({e.msg})") from e


def load(folder: Path) -> Corpus:
    articles: dict[str, dict] = {}
    for a in _lines(folder / "articles.jsonl"):
        articles.setdefault(str(a["id"]), a)
    incidents = [
        Incident(
            id=str(x["incident"]),
            date=str(x["date"])[:10],
            state=x.get("state") or "",
            city_or_county=x.get("city_or_county") or "",
            address=x.get("address") or "",
            killed=int(x["killed"]),
            injured=int(x["injured"]),
            articles=tuple(dict.fromkeys(str(a) for a in x["articles"])),
        )
        for x in _lines(folder / "incidents.jsonl")
    ]
    unknown = sorted({a for i in incidents for a in i.articles} - set(articles))
    if unknown:
        raise EvalError(
            f"{folder}: {len(unknown)} article ids of incidents.jsonl are not in articles.jsonl (first: {unknown[0]})"
        )
    return Corpus(articles=articles, incidents=incidents, group=_groups(incidents))


def _groups(incidents: list[Incident]) -> dict[str, str]:
    sets = DisjointSets((i.id for i in incidents), order=_order)  # the smallest incident id names a group
    first_of: dict[str, str] = {}
    for i in incidents:
        for a in i.articles:
            if a in first_of:
                sets.union(first_of[a], i.id)
            else:
                first_of[a] = i.id
    return sets.roots()


def _order(incident_id: str) -> tuple[int, str]:
    """Numeric ids compare as numbers (GVA's are integers), others as text."""
    return (int(incident_id), "") if incident_id.isdigit() else (1 << 62, incident_id)


def _hash(group: str) -> int:
    return int(hashlib.sha256((_SALT + group).encode()).hexdigest(), 16)


def part_of(group: str) -> str:
    return "train" if _hash(group) % 2 == 0 else "test"


def select(corpus: Corpus, part: str, limit: int | None = None) -> Corpus:
    """The incidents (and their articles) of one part, or of the first `limit` incidents of it in hash order."""
    if part not in PARTS:
        raise EvalError(f"unknown part '{part}': choose one of {', '.join(PARTS)}")
    chosen = [i for i in corpus.incidents if part == "all" or part_of(corpus.group[i.id]) == part]
    if limit is not None:
        by_group: dict[str, list[Incident]] = {}
        for i in chosen:
            by_group.setdefault(corpus.group[i.id], []).append(i)
        keep: set[str] = set()
        taken = 0
        for g in sorted(by_group, key=_hash):
            if taken >= limit:
                break
            keep.add(g)
            taken += len(by_group[g])
        chosen = [i for i in chosen if corpus.group[i.id] in keep]
    ids = {a for i in chosen for a in i.articles}
    return Corpus(
        articles={k: v for k, v in corpus.articles.items() if k in ids},
        incidents=chosen,
        group={i.id: corpus.group[i.id] for i in chosen},
    )
