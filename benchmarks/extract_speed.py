"""Extraction speed on ~600-word news documents, end to end, beside spaCy NER alone; with peak memory.

Usage: .venv/bin/python benchmarks/extract_speed.py [N_DOCS] [--workers 2] [--json]
Documents are MUC-4 dev texts (../shared/data/muc4/dev.json) cut or joined to about 600 words; the same
texts go through spaCy NER alone (tok2vec + ner) for the ratio.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from eventledger.extract import Extractor, extract_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def texts(n: int) -> list[str]:
    words: list[str] = []
    out = []
    with (SHARED / "data" / "muc4" / "dev.json").open() as f:
        for line in f:
            words += json.loads(line)["doctext"].split(" ")
            while len(words) >= 600 and len(out) < n:
                out.append(" ".join(words[:600]))
                words = words[600:]
    return out


def _worker(docs: list[str], start, q) -> None:
    """One process: load the pipeline, wait for the others, then extract its share and report the time."""
    ex = Extractor()
    extract_text(docs[0], extractor=ex)  # warm up
    start.wait()
    t = time.perf_counter()
    for d in docs:
        extract_text(d, extractor=ex)
    q.put((len(docs), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def parallel(docs: list[str], workers: int) -> dict:
    """`workers` processes at once, each with its own pipeline; throughput = documents / the slowest's time."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    start, q = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(docs[k::workers], start, q)) for k in range(workers)]
    for p in procs:
        p.start()
    res = [q.get() for _ in procs]
    for p in procs:
        p.join()
    return {
        "docs_per_s": round(len(docs) / max(t for _, t, _ in res), 1),
        "peak_rss_mb_per_worker": round(max(m for _, _, m in res)),
    }


def measure(n: int, workers: int) -> dict:
    docs = texts(n)
    ex = Extractor()
    extract_text(docs[0], extractor=ex)  # warm up
    t = time.perf_counter()
    for d in docs:
        extract_text(d, extractor=ex)
    full = len(docs) / (time.perf_counter() - t)
    ner = ex.nlp.select_pipes(enable=["tok2vec", "ner"])
    t = time.perf_counter()
    for _ in ex.nlp.pipe(docs, batch_size=32):
        pass
    ner_speed = len(docs) / (time.perf_counter() - t)
    ner.restore()
    out = {
        "documents": len(docs),
        "words_per_document": 600,
        "docs_per_s_1_process": round(full, 1),
        "spacy_ner_docs_per_s_1_process": round(ner_speed, 1),
        "ratio_to_ner": round(full / ner_speed, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if workers > 1:
        del ex
        out.update({f"{k}_{workers}_workers": v for k, v in parallel(docs, workers).items()})
    return out


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=200, help="documents")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = measure(a.n, a.workers)
    if a.json:
        print(json.dumps(r))
        return
    print(
        f"docs {r['documents']} x ~600 words: extraction {r['docs_per_s_1_process']} docs/s in one process, spaCy "
        f"NER alone "
        f"{r['spacy_ner_docs_per_s_1_process']} docs/s, ratio {r['ratio_to_ner']}, peak memory {r['peak_rss_mb']} MB"
        + (f"; {a.workers} processes: {r[f'docs_per_s_{a.workers}_workers']} docs/s" if a.workers > 1 else "")
    )


if __name__ == "__main__":
    main()
