"""Incremental against whole resolution on real news: the GVA training part ingested in batches.

    .venv/bin/python benchmarks/incremental_gva.py [--limit 300] [--batches 6] [--order date|SEED]

The articles of the training part (its first --limit incidents; all of it without --limit) are ingested in
--batches batches, in publication order (or shuffled with a seed), each resolved incrementally as `ingest` and
`watch` do; then a copy of the store is resolved whole (`eventledger resolve`). Printed: B-cubed F1 of the
article clustering against the GVA labels for both, the events each holds, how many events each batch re-opened,
the seconds of each resolution, and whether both stores group the reports into the same events with the same ids.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from eventledger.eval import clusters, gva, gva_data
from eventledger.export.jsonl import records
from eventledger.ingest import _reopened, ingest, resolve_store
from eventledger.store import Store

GVA_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "gva-dev"


def _ledger(store: Store) -> dict[str, list]:
    return {w: list(records(store, w)) for w in ("documents", "reports", "events")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=GVA_DEV)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batches", type=int, default=6)
    ap.add_argument("--order", default="date", help="date, or a seed to shuffle the articles with")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    corpus = gva_data.select(gva_data.load(a.data), "train", a.limit)
    articles = list(corpus.articles.values())
    if a.order == "date":
        articles.sort(key=lambda x: (x.get("published") or "", x["id"]))
    else:
        random.Random(int(a.order)).shuffle(articles)
    gold = corpus.article_gold()
    tmp = Path(tempfile.mkdtemp())
    try:
        store = Store(f"sqlite:///{tmp}/incremental.db")
        n, took = len(articles), []
        for k in range(a.batches):
            part = tmp / f"batch{k}.jsonl"
            part.write_text(
                "".join(json.dumps(x) + "\n" for x in articles[k * n // a.batches : (k + 1) * n // a.batches])
            )
            ingest([part], store=store, workers=a.workers, resolve=False, on_error=lambda q: None)
            scope = _reopened(store)
            opened = "all" if scope is None else f"{len(scope.events)} of {store.counts()['events']}"
            t = time.perf_counter()
            resolve_store(store, incremental=True)
            took.append(time.perf_counter() - t)
            print(
                f"batch {k + 1}: {len(part.read_text().splitlines())} articles, re-opened {opened} events, "
                f"{took[-1]:.1f} s",
                flush=True,
            )
        inc = _ledger(store)
        store.close()
        shutil.copy(tmp / "incremental.db", tmp / "whole.db")
        store = Store(f"sqlite:///{tmp}/whole.db")
        t = time.perf_counter()
        resolve_store(store)
        whole_s = time.perf_counter() - t
        whole = _ledger(store)
        store.close()
        a_inc = clusters.scores(gold, gva.article_events(inc)[0])
        a_whole = clusters.scores(gold, gva.article_events(whole)[0])
        groups = [{(e["id"], frozenset(r["id"] for r in e["reports"])) for e in x["events"]} for x in (inc, whole)]
        print(f"{n} articles in {a.batches} batches ({a.order} order)")
        print(f"incremental: B-cubed F1 {100 * a_inc['b3_f1']:.2f}, {len(inc['events'])} events, {sum(took):.1f} s")
        print(f"whole: B-cubed F1 {100 * a_whole['b3_f1']:.2f}, {len(whole['events'])} events, {whole_s:.1f} s")
        print(f"same events with the same ids: {groups[0] == groups[1]} ({len(groups[0] & groups[1])} shared)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
