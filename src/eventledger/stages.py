"""The per-document stages of the main job (ingest.py) as recipes, in a module light to import.

The recipes name their factories by path ("module:Class"), so building the stage list imports neither the
cleaner nor the extractor, and unpickling it in the fork server imports what the stages need and nothing
of the driver's side (the store, dedupe): the fork server builds the models on the critical path of every
pooled run, before any worker can start.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventledger.pipeline import Lazy, built
from eventledger.records import Document

TASK = 16  # documents per chunk sent to a worker: small enough to share out, large enough for spaCy batches
MANY_DOCUMENTS_BYTES = 256 * 1024  # a file this big may hold many documents (a feed, an archive, JSON lines)
CLEANER = "eventledger.clean.cleaner:Cleaner"
EXTRACTOR = "eventledger.extract.stage:Extractor"


class ParseOriginals:
    """Extraction of the documents that are not copies: a document linked to an original is never parsed."""

    name = "extract"

    def __init__(self, stage: Any):
        self.stage = stage

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        records = list(records)
        parse = [isinstance(r, Document) and not r.duplicate_of for r in records]  # a failed record passes by
        originals = [r for r, p in zip(records, parse) if p]
        done = iter(list(built(self.stage).run(originals, rank=rank, world_size=world_size)) if originals else [])
        for r, p in zip(records, parse):
            yield next(done) if p else r


def processing_stages() -> tuple[list, list]:
    """(the stages before dedupe, the stages after it): recipes that each worker builds once, when first used."""
    return [Lazy(CLEANER, name="clean")], [ParseOriginals(Lazy(EXTRACTOR, name="extract"))]


def looks_like_work_for_workers(paths: Iterable[str | Path]) -> bool:
    """Whether the input looks like more than one chunk (the executor runs one chunk here, without workers):
    more than `TASK` files, or a file big enough to hold many documents. Cheap: it lists, it does not read."""
    count = 0
    for p in map(Path, paths):
        if p.is_dir():
            for _, _, files in os.walk(p):
                count += len(files)
                if count > TASK:
                    return True
            continue
        try:
            if p.stat().st_size >= MANY_DOCUMENTS_BYTES:
                return True
        except OSError:
            pass
        count += 1
        if count > TASK:
            return True
    return False


def start_early(paths: Iterable[str | Path], *, workers: int, scheduler: str | None = None) -> bool:
    """Start the fork server building the stages now, when a pool of workers will likely run them: the
    models load (seconds) while this process imports, opens the store, reads and cleans. Call it before any
    of that; the ingest's pool then uses the server already running. Returns whether it started it."""
    if scheduler or workers < 2 or not looks_like_work_for_workers(paths):
        return False
    from eventledger.pipeline import start_forkserver

    start_forkserver(processing_stages()[1])  # as ingest's pool preloads: extraction
    return True
