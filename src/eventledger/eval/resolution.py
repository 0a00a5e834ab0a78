"""Resolution: do reports of the same event end up in one event, and reports of different events apart?

Scored pairwise (the standard for entity/event coreference by clustering): over all pairs of items,
precision = pairs put together that belong together / pairs put together, recall = pairs put together that
belong together / pairs that belong together; an empty denominator gives 0. B-cubed precision and recall
(per item, the share of its predicted cluster that is in its gold cluster, and the converse, averaged)
are given beside them.

The test set is built at evaluation time from the development data (nothing is copied into the project):

- **seeds**: one item per (seed document, gold event it reports), from `reported_in` in seeds-gold.json
  (22 items, 17 events). The documents are ingested together; an item's predicted event is the event of
  that document's report matching the gold event by date and place as check-seeds matches them, else
  the event (holding a report of that document) whose own date and place match; else the item stands alone.
  Either way the report must be of the gold event's family (attack, arrest, plot...), so the arrests after
  an attack, reported by the same page in the same month and country, are not counted as the attack.
- **muc4**: one item per dev document with templates. Two documents report the same incident when their
  templates share a victim named by a name of two or more words that is not a description ("bernardo
  jaramillo ossa", not "two individuals") and an incident type; gold clusters are the connected
  components. This is deliberately conservative: every other document is its own incident (so a true
  merge the rule cannot see, e.g. a template without victim names, counts against precision). The
  documents are ingested together as undated texts (no publication date). A MUC-4 document is about one
  incident but yields several reports, so its predicted event is the event of its report that names the
  most of its templates' fillers (any role, normalised as CEAF does, in the report's sentence or role
  fillers), the way the seeds item picks the report matching its gold event; ties, and documents none of
  whose reports names a filler, take the event holding most of the document's reports (then the smaller id).
  Items are documents, not templates: tried on dev, (document, template) items made 34 of 37 predicted
  pairs within-document pairs of templates that name the same fillers (a kidnapping and the murder of the
  same victim, or two templates naming only "fmln"), negatives the data does not make confident. Train
  is not used either: there the same rule chains assassinations (Galan, Jaramillo, Valencia Garcia) into
  one 52-document component through templates listing several victims.
- **wikievents**: one item per dev document. WikiEvents has no cross-document event links; the only
  grouping its data supports is the id scheme `wiki_<topic>_<n>_news_<m>`: news articles collected as
  sources of the same Wikipedia event page `wiki_<topic>_<n>` report that event (on dev: the two Bloody
  Friday articles). Every other document is its own event (the KAIROS scenario ids name a scenario, not
  an event). Documents are ingested together as undated texts; a document's predicted event is the event
  holding most of its reports (ties: the smaller id).

Items with no report in any event are predicted alone. Pairwise scores with no predicted (or no gold)
pairs are 0; the micro row sums pairs over the sets.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from eventledger.eval.errors import EvalError
from eventledger.groups import DisjointSets

# words that make a victim mention a description of people, not a name of one
_DESCRIPTIVE = {
    "individuals",
    "persons",
    "people",
    "peasants",
    "members",
    "civilians",
    "soldiers",
    "troops",
    "guerrillas",
    "traffickers",
    "workers",
    "officers",
    "students",
    "men",
    "women",
    "children",
    "policemen",
    "agents",
    "passengers",
    "employees",
    "leaders",
    "unidentified",
    "several",
    "two",
    "three",
    "four",
    "five",
    "six",
}


def _pairs(clusters: Mapping[Hashable, Hashable]) -> set[frozenset]:
    groups: dict[Hashable, list] = defaultdict(list)
    for item, c in clusters.items():
        groups[c].append(item)
    return {frozenset(p) for g in groups.values() for p in combinations(sorted(g, key=repr), 2)}


Assignments = Mapping[Hashable, Hashable | None] | Iterable[tuple[Hashable, Hashable | None]]


def as_map(assign: Assignments) -> dict:
    """An item listed twice with the same cluster counts once (never paired with itself); with two clusters it is an
    error."""
    if isinstance(assign, Mapping):
        return dict(assign)
    out: dict = {}
    for item, c in assign:
        if item in out and out[item] != c:
            raise ValueError(f"item {item!r} assigned to both {out[item]!r} and {c!r}")
        out[item] = c
    return out


def pairwise(gold: Assignments, pred: Assignments) -> dict[str, Any]:
    """Scores over the items of `gold`; an item missing from `pred` (or predicted None) stands alone."""
    gold, pred = as_map(gold), as_map(pred)
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
        "p": prec,
        "r": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "pairs_gold": len(g),
        "pairs_predicted": len(p),
        "pairs_correct": hit,
        "b3_p": b3p,
        "b3_r": b3r,
        "b3_f1": 2 * b3p * b3r / (b3p + b3r) if b3p + b3r else 0.0,
        "items": n,
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters": len(set(full.values())),
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
    from eventledger.resolve.config import ResolveConfig

    family = ResolveConfig.load().family
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
            # a report stands for the gold event only if it is of its kind (an arrest report is no attack)
            kinds = {family(t) for t in ev.get("type") or ()} - {None}
            mine = [
                r
                for r in reports
                if seed.get(r["document"]) == s
                and r["id"] in event_of
                and (not kinds or family(r.get("type")) in kinds | {None})
            ]
            hits = Counter(
                event_of[r["id"]]
                for r in mine
                if date_ok(r.get("date"), ev["date"], tol) and place_ok(r.get("place"), ev.get("place", {}))
            )
            if not hits:
                hits = Counter(
                    event_of[r["id"]]
                    for r in mine
                    if date_ok(by_id[event_of[r["id"]]].get("date"), ev["date"], tol)
                    and place_ok(by_id[event_of[r["id"]]].get("place"), ev.get("place", {}))
                )
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


def _fillers(doc: dict) -> set[str]:
    """Normalised filler mentions of a document's templates that can name it: multi-word, or one word not a
    description."""
    from eventledger.eval.ceaf import normalize

    out = set()
    for t in doc["templates"]:
        for role, ents in t.items():
            if role == "incident_type":
                continue
            for ent in ents or ():
                for mention, _ in ent:
                    words = normalize(mention).split()
                    if len(words) >= 2 or (words and len(words[0]) >= 4 and words[0] not in _DESCRIPTIVE):
                        out.add(" ".join(words))
    return out


def _report_words(r: dict) -> str:
    from eventledger.eval.ceaf import normalize

    parts = [(r.get("evidence") or {}).get("text") or ""]
    for role in ("perpetrator_orgs", "perpetrator_individuals", "targets", "victims", "weapons"):
        for x in r.get(role) or ():
            parts += [str(x.get(k) or "") for k in ("name", "text", "actor")] if isinstance(x, dict) else [str(x)]
    return f" {normalize(' '.join(parts))} "


def _predict_docs(folder: Path, fillers: Mapping[str, set[str]] | None = None) -> dict[str, str]:
    """Document stem -> predicted event: of the report naming most fillers (if given), else by majority."""
    stored, reports, events = _ingest(folder)
    stem = {x["id"]: Path(x.get("path", "")).stem for x in stored}
    event_of = {r["id"]: e["id"] for e in events for r in e.get("reports") or ()}
    mine: dict[str, list[dict]] = defaultdict(list)
    for r in reports:
        if r["id"] in event_of and r["document"] in stem:
            mine[stem[r["document"]]].append(r)
    out = {}
    for d, rs in mine.items():
        votes = Counter(event_of[r["id"]] for r in rs)
        names = (fillers or {}).get(d) or set()
        named = {r["id"]: sum(f" {f} " in _report_words(r) for f in names) for r in rs}
        best = max(named.values(), default=0)
        pool = {event_of[r["id"]] for r in rs if named[r["id"]] == best} if best else set(votes)
        out[d] = min(pool, key=lambda e: (-votes[e], e))
    return out


def muc4_gold(docs: list[dict]) -> dict[str, str]:
    """docid -> incident: connected components of 'shares a named victim under a shared incident type'."""
    names = {d["docid"]: _victim_names(d) for d in docs}
    sets = DisjointSets(d["docid"] for d in docs)
    for a, b in combinations(list(sets.parent), 2):
        if any(names[a][t] & names[b].get(t, set()) for t in names[a]):
            sets.union(b, a)
    return sets.roots()


def muc4_set(path: Path, limit: int | None = None) -> tuple[dict, dict]:
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    docs = [d for d in docs if d["templates"]][:limit]
    gold = muc4_gold(docs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "muc4"
        folder.mkdir()
        for d in docs:
            (folder / f"{d['docid']}.txt").write_text(d["doctext"], encoding="utf-8")
        pred = _predict_docs(folder, {d["docid"]: _fillers(d) for d in docs})
    return gold, {d: pred.get(d) for d in gold}


_WIKI_NEWS = re.compile(r"^(wiki_.+_\d+)_news_\d+$")


def wikievents_gold(doc_ids: Iterable[str]) -> dict[str, str]:
    """Articles collected for the same Wikipedia event page share its id prefix; every other id is its own event."""
    return {d: (m.group(1) if (m := _WIKI_NEWS.match(d)) else d) for d in doc_ids}


def wikievents_set(path: Path, limit: int | None = None) -> tuple[dict, dict]:
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()][:limit]
    gold = wikievents_gold(d["doc_id"] for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "wikievents"
        folder.mkdir()
        for d in docs:
            (folder / f"{d['doc_id']}.txt").write_text(d.get("text") or " ".join(d["tokens"]), encoding="utf-8")
        pred = _predict_docs(folder)
    return gold, {d: pred.get(d) for d in gold}


def run(paths: Mapping[str, Path], *, limit: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"sets": {}}
    t0 = time.perf_counter()
    if paths["seeds-gold"].exists() and paths["seeds"].exists():
        out["sets"]["seeds"] = pairwise(*seeds_set(paths["seeds-gold"], paths["seeds"]))
    if paths["muc4"].exists():
        out["sets"]["muc4"] = pairwise(*muc4_set(paths["muc4"], limit=limit))
    if paths.get("wikievents") and paths["wikievents"].exists():
        out["sets"]["wikievents"] = pairwise(*wikievents_set(paths["wikievents"], limit=limit))
    if not out["sets"]:
        raise EvalError(
            "eval resolution needs ../shared/eval/seeds-gold.json with ../shared/corpus/seeds, MUC-4 dev or "
            "WikiEvents dev"
        )
    # micro over the sets: pairs summed
    g = sum(s["pairs_gold"] for s in out["sets"].values())
    p = sum(s["pairs_predicted"] for s in out["sets"].values())
    c = sum(s["pairs_correct"] for s in out["sets"].values())
    prec, rec = (c / p if p else 0.0), (c / g if g else 0.0)
    out["micro"] = {
        "p": prec,
        "r": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "pairs_gold": g,
        "pairs_predicted": p,
        "pairs_correct": c,
    }
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def headline(result: dict) -> dict[str, float]:
    h = {f"resolution.pairwise.micro.{k}": result["micro"][k] for k in ("f1", "p", "r")}
    for name, s in result["sets"].items():
        h[f"resolution.{name}.pairwise.f1"] = s["f1"]
    return h
