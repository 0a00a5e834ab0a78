"""Resolution: do reports of the same event end up in one event, and reports of different events apart?

Scored pairwise (the standard for entity/event coreference by clustering): over all pairs of items,
precision = pairs put together that belong together / pairs put together, recall = pairs put together that
belong together / pairs that belong together; an empty denominator gives 0. B-cubed precision and recall
(per item, the share of its predicted cluster that is in its gold cluster, and the converse, averaged)
are given beside them.

The test set is built at evaluation time from the development data (nothing is copied into the project):

- **seeds**: one item per (seed document, gold event it reports), from `reported_in` in seeds-gold.json
  (21 items, 17 events). The documents are ingested together; an item's predicted event is the event of
  that document's report matching the gold event by date and place as check-seeds matches them, else
  the event (holding a report of that document) whose own date and place match; else the item stands alone.
- **muc4**: one item per dev document with templates. Two documents report the same incident when their
  templates share a victim named by a name of two or more words that is not a description ("bernardo
  jaramillo ossa", not "two individuals") and an incident type; gold clusters are the connected
  components. This is deliberately conservative: every other document is its own incident. The documents
  are ingested together as undated texts; a document's predicted event is the event holding most of its
  reports (ties: the smaller id).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from eventledger.eval.errors import EvalError

# words that make a victim mention a description of people, not a name of one
_DESCRIPTIVE = {"individuals", "persons", "people", "peasants", "members", "civilians", "soldiers", "troops", "guerrillas",
                "traffickers", "workers", "officers", "students", "men", "women", "children", "policemen", "agents",
                "passengers", "employees", "leaders", "unidentified", "several", "two", "three", "four", "five", "six"}


def _pairs(clusters: Mapping[Hashable, Hashable]) -> set[frozenset]:
    groups: dict[Hashable, list] = defaultdict(list)
    for item, c in clusters.items():
        groups[c].append(item)
    return {frozenset(p) for g in groups.values() for p in combinations(sorted(g, key=repr), 2)}


def pairwise(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable | None]) -> dict[str, Any]:
    """Scores over the items of `gold`; an item missing from `pred` (or predicted None) stands alone."""
    full = {i: (pred.get(i) if pred.get(i) is not None else ("__alone__", i)) for i in gold}
    g, p = _pairs(gold), _pairs(full)
    hit = len(g & p)
    prec = hit / len(p) if p else 0.0
    rec = hit / len(g) if g else 0.0
    members_g: dict = defaultdict(set)
    members_p: dict = defaultdict(set)
    for i in gold:
        members_g[gold[i]].add(i)
        members_p[full[i]].add(i)
    n = len(gold)
    b3p = sum(len(members_p[full[i]] & members_g[gold[i]]) / len(members_p[full[i]]) for i in gold) / n if n else 0.0
    b3r = sum(len(members_p[full[i]] & members_g[gold[i]]) / len(members_g[gold[i]]) for i in gold) / n if n else 0.0
    return {
        "p": prec, "r": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "pairs_gold": len(g), "pairs_predicted": len(p), "pairs_correct": hit,
        "b3_p": b3p, "b3_r": b3r, "b3_f1": 2 * b3p * b3r / (b3p + b3r) if b3p + b3r else 0.0,
        "items": n, "gold_clusters": len(set(gold.values())), "predicted_clusters": len(set(full.values())),
    }


def _ingest(folder: Path) -> tuple[list[dict], list[dict], list[dict]]:
    from eventledger.export.jsonl import records
    from eventledger.ingest import ingest
    from eventledger.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/resolution.db"
        ingest([folder], db=url, on_error=lambda q: None)
        store = Store(url)
        try:
            return tuple(list(records(store, w)) for w in ("documents", "reports", "events"))  # type: ignore[return-value]
        finally:
            store.close()


def seeds_set(gold_path: Path, corpus: Path) -> tuple[dict, dict]:
    from eventledger.eval.seeds import _seed_of, date_ok, place_ok

    gold_doc = json.loads(gold_path.read_text(encoding="utf-8"))
    docs, reports, events = _ingest(corpus)
    seed = {d["id"]: _seed_of(d.get("path", ""), gold_doc) for d in docs}
    event_of = {r["id"]: e["id"] for e in events for r in e.get("reports") or ()}
    by_id = {e["id"]: e for e in events}
    gold, pred = {}, {}
    for ev in gold_doc["events"]:
        tol = ev.get("tolerance_days", 0)
        for s in ev.get("reported_in") or ():
            item = (s, ev["id"])
            gold[item] = ev["id"]
            mine = [r for r in reports if seed.get(r["document"]) == s and r["id"] in event_of]
            hits = Counter(event_of[r["id"]] for r in mine
                           if date_ok(r.get("date"), ev["date"], tol) and place_ok(r.get("place"), ev.get("place", {})))
            if not hits:
                hits = Counter(event_of[r["id"]] for r in mine
                               if date_ok(by_id[event_of[r["id"]]].get("date"), ev["date"], tol)
                               and place_ok(by_id[event_of[r["id"]]].get("place"), ev.get("place", {})))
            pred[item] = min(hits, key=lambda e: (-hits[e], e)) if hits else None
    return gold, pred


def _victim_names(doc: dict) -> dict[str, set[str]]:
    from eventledger.eval.ceaf import normalize

    out: dict[str, set[str]] = defaultdict(set)
    for t in doc["templates"]:
        types = {x.strip() for x in t["incident_type"].split("/")}
        for ent in t.get("Victim") or ():
            for mention, _ in ent:
                words = normalize(mention).split()
                if len(words) >= 2 and not _DESCRIPTIVE & set(words):
                    for ty in types:
                        out[ty].add(" ".join(words))
    return out


def muc4_set(path: Path, limit: int | None = None) -> tuple[dict, dict]:
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    docs = [d for d in docs if d["templates"]][:limit]
    names = {d["docid"]: _victim_names(d) for d in docs}
    parent = {d["docid"]: d["docid"] for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in combinations(parent, 2):
        if any(names[a][t] & names[b].get(t, set()) for t in names[a]):
            parent[find(a)] = find(b)
    gold = {d: find(d) for d in parent}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "muc4"
        folder.mkdir()
        for d in docs:
            (folder / f"{d['docid']}.txt").write_text(d["doctext"], encoding="utf-8")
        stored, reports, events = _ingest(folder)
    docid = {x["id"]: Path(x.get("path", "")).stem for x in stored}
    event_of = {r["id"]: e["id"] for e in events for r in e.get("reports") or ()}
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in reports:
        if r["id"] in event_of and r["document"] in docid:
            votes[docid[r["document"]]][event_of[r["id"]]] += 1
    pred = {d: (min(v, key=lambda e: (-v[e], e)) if (v := votes.get(d)) else None) for d in gold}
    return gold, pred


def run(paths: Mapping[str, Path], *, limit: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"sets": {}}
    t0 = time.perf_counter()
    if paths["seeds-gold"].exists() and paths["seeds"].exists():
        out["sets"]["seeds"] = pairwise(*seeds_set(paths["seeds-gold"], paths["seeds"]))
    if paths["muc4"].exists():
        out["sets"]["muc4"] = pairwise(*muc4_set(paths["muc4"], limit=limit))
    if not out["sets"]:
        raise EvalError("eval resolution needs ../shared/eval/seeds-gold.json with ../shared/corpus/seeds, or MUC-4 dev")
    # micro over the sets: pairs summed
    g = sum(s["pairs_gold"] for s in out["sets"].values())
    p = sum(s["pairs_predicted"] for s in out["sets"].values())
    c = sum(s["pairs_correct"] for s in out["sets"].values())
    prec, rec = (c / p if p else 0.0), (c / g if g else 0.0)
    out["micro"] = {"p": prec, "r": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                    "pairs_gold": g, "pairs_predicted": p, "pairs_correct": c}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def headline(result: dict) -> dict[str, float]:
    h = {"resolution.pairwise.micro.f1": result["micro"]["f1"]}
    for name, s in result["sets"].items():
        h[f"resolution.{name}.pairwise.f1"] = s["f1"]
    return h
