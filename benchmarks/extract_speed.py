"""Extraction speed on ~600-word news documents, end to end, beside spaCy NER alone; with peak memory.

Usage: .venv/bin/python benchmarks/extract_speed.py [N_DOCS]
Documents are MUC-4 dev texts (../shared/data/muc4/dev.json) cut or joined to about 600 words; the same
texts go through spaCy NER alone (tok2vec + ner) for the ratio.
"""

from __future__ import annotations

import json
import resource
import sys
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"docs {len(docs)} x ~600 words: extraction {full:.1f} docs/s, spaCy NER alone {ner_speed:.1f} docs/s, "
          f"ratio {full / ner_speed:.2f}, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
