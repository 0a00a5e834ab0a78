"""The main job: read -> clean/segment -> dedupe -> extract -> store -> resolve.

Each stage is a plain stage object (pipeline.py); this module only wires them to
the store, keeps bad input aside with its reason, and makes re-runs safe: a
document already stored is skipped before any work, and each document is
written in one transaction.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.pipeline import chain, run_processes
from eventledger.records import Document, Quarantined
from eventledger.store import Store
from eventledger.store.db import now

BATCH = 64


@dataclass(slots=True)
class IngestResult:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    quarantined: list[Quarantined] = field(default_factory=list)
    reports: int = 0
    statements: int = 0
    events: int = 0
    started: str = field(default_factory=now)  # the briefing shows what changed since the last run began

    def summary(self) -> str:
        return (
            f"{self.read} documents read, {self.stored} stored, {self.skipped} already stored, "
            f"{len(self.quarantined)} quarantined, {self.reports} reports, {self.statements} statements, "
            f"{self.events} events in the store"
        )


def processing_stages() -> list:
    """The stages between reading and storing, freshly configured (safe to ship to workers)."""
    from eventledger.clean import Cleaner
    from eventledger.extract import Extractor

    return [Cleaner(), Extractor()]


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    store: Store | None = None,
    workers: int = 1,
    resolve: bool = True,
    on_error: Callable[[Quarantined], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    from eventledger.read import Reader, iter_inputs

    store = store or Store(db)
    result = IngestResult()
    report = on_error or _print_error
    pending: list[Document] = []
    deduper = _deduper(store)
    for rec in Reader().run(iter_inputs(paths)):
        if isinstance(rec, Quarantined):
            _quarantine(store, rec, result, report)
            continue
        result.read += 1
        pending.append(rec)
        if len(pending) >= BATCH * max(1, workers):
            _process(store, pending, deduper, result, report, workers=workers)
            if progress:
                progress(len(pending))
            pending = []
    if pending:
        _process(store, pending, deduper, result, report, workers=workers)
        if progress:
            progress(len(pending))
    if resolve:
        resolve_store(store)
    result.events = store.counts()["events"]
    store.record_ingest(started=result.started, counts={"read": result.read, "stored": result.stored, "skipped": result.skipped,
                        "quarantined": len(result.quarantined), "reports": result.reports, "events": result.events})
    return result


def ingest_bytes(data: bytes, name: str, *, store: Store) -> IngestResult:
    """Ingest one uploaded file (API write endpoint)."""
    import tempfile

    safe = Path(name).name or "upload"
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / safe
        p.write_bytes(data)
        return ingest([p], store=store)


def _process(store: Store, docs: list[Document], deduper, result: IngestResult, report, *, workers: int) -> None:
    """Clean, extract, dedupe and store a batch; a document that fails any step is quarantined alone."""
    known = store.known_documents(d.id for d in docs)
    fresh: dict[str, Document] = {}
    for d in docs:
        if d.id in known or d.id in fresh:
            result.skipped += 1
        else:
            fresh[d.id] = d
    if not fresh:
        return
    from eventledger.dedupe import Deduper

    processed = _run_stages(list(fresh.values()), store, result, report, workers=workers)
    # Within-batch copies are linked here, in one process, so that the links do not depend on --workers.
    try:
        processed = list(Deduper().run(processed))
    except Exception:
        processed = _one_by_one(Deduper().run, processed, "dedupe", store, result, report)
    for doc in processed:
        try:
            doc = deduper.check(doc)
            saved = store.save_document(doc, signature=deduper.signature(doc))
        except Exception as e:  # save_document is one transaction: nothing of this document was kept
            _quarantine(store, _failed(doc, "store", e), result, report)
            # it is in the near-duplicate index now; rebuild from the store so nothing links to it
            rebuilt = StoreDeduper.from_store(store)
            deduper.index, deduper.meta = rebuilt.index, rebuilt.meta
            continue
        if saved:
            result.stored += 1
            result.reports += len(doc.reports)
            result.statements += len(doc.statements)
            for item, original in deduper.relinks(doc):
                store.mark_duplicate(item, original, level="document", method="near")
        else:
            result.skipped += 1


def _run_stages(docs: list[Document], store: Store, result: IngestResult, report, *, workers: int) -> list[Document]:
    """Run clean+extract over a batch; a document that breaks a stage is quarantined alone."""
    try:
        if workers > 1 and len(docs) > 1:
            return list(run_processes(processing_stages(), docs, workers=workers))
        # Stages change documents in place and cleaning twice is not idempotent: a failed batch must leave
        # the documents as they were for the one-by-one retry.
        return list(chain(processing_stages(), copy.deepcopy(docs)))
    except Exception:
        pass  # some document broke a stage; find which by running them one at a time
    stages = processing_stages()
    return _one_by_one(lambda batch: chain(stages, batch), docs, "process", store, result, report)


def _one_by_one(run, docs: list[Document], step: str, store: Store, result: IngestResult,
                report) -> list[Document]:
    out: list[Document] = []
    for d in docs:
        try:
            out.extend(run([d]))
        except Exception as e:  # one bad document must not stop the batch
            _quarantine(store, _failed(d, step, e), result, report)
    return out


def _failed(doc: Document, step: str, e: Exception) -> Quarantined:
    message = " ".join(str(e).split())[:300]
    return Quarantined(doc.path, f"{step} failed on document {doc.id}: {type(e).__name__}: {message}", stage=step)


def _quarantine(store: Store, q: Quarantined, result: IngestResult, report) -> None:
    from eventledger.read.common import printable

    # Whatever the input held, the record stored is valid text (lone surrogates and NUL escaped) and the
    # one reported has every control character escaped, so a file name cannot drive the terminal.
    q.path, q.reason = (x.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
                        for x in (q.path, q.reason))
    result.quarantined.append(q)
    store.quarantine(q)
    report(Quarantined(printable(q.path), printable(q.reason), stage=q.stage))


def _print_error(q: Quarantined) -> None:
    print(f"error: {q.path}: {q.reason}", file=sys.stderr)


class StoreDeduper:
    """Near-duplicate check of new documents against the store and earlier documents of this run.

    The original of a pair is the earlier published one, then the smaller id, so
    which copy is the original does not depend on the order of ingestion.
    """

    def __init__(self, rows: Iterable[tuple[str, str | None, str | None, bytes]]):
        from eventledger.dedupe import DuplicateIndex

        self.index = DuplicateIndex()
        self.meta: dict[str, tuple[str, str | None]] = {}
        for doc_id, published, duplicate_of, sig in rows:
            self._add(doc_id, published, duplicate_of, sig)

    @classmethod
    def from_store(cls, store: Store) -> StoreDeduper:
        return cls(store.signatures())

    def _add(self, doc_id: str, published: str | None, duplicate_of: str | None, sig: bytes) -> None:
        self.index.add(doc_id, sig)
        self.meta[doc_id] = (published or "9999", duplicate_of)

    def signature(self, doc: Document) -> bytes:
        from eventledger.dedupe import minhash_signature

        return minhash_signature(doc.text)

    def check(self, doc: Document) -> Document:
        sig = self.signature(doc)
        key = (doc.published.value or "9999", doc.id)
        doc.meta.pop("_relink", None)
        matches = [m for m in self.index.query(sig) if m != doc.id]
        if matches and not doc.duplicate_of:
            # follow stored links to the original of each match, then pick the earliest
            originals = {self.meta[m][1] or m for m in matches}
            first = min(originals, key=lambda i: (self.meta.get(i, ("9999", None))[0], i))
            if (self.meta.get(first, ("9999", None))[0], first) < key:
                doc.duplicate_of = first
                doc.meta["duplicate_method"] = "near"
            else:
                doc.meta["_relink"] = sorted(originals)  # the stored ones are copies of this one
        self._add(doc.id, doc.published.value, doc.duplicate_of, sig)
        return doc

    def relinks(self, doc: Document) -> list[tuple[str, str]]:
        out = [(old, doc.id) for old in doc.meta.pop("_relink", [])]
        for old, new in out:
            self.meta[old] = (self.meta[old][0], new)
        return out


def _deduper(store: Store) -> StoreDeduper:
    return StoreDeduper.from_store(store)


def resolve_store(store: Store, *, policy: str | None = None) -> None:
    """Re-resolve all reports into events; ids of events that persist are kept (incremental)."""
    from eventledger.resolve import resolve

    reports = store.reports()
    res = resolve(
        reports,
        contexts=store.report_contexts(reports),
        statements=store.statements(),
        previous_events=store.events(),
        corrections=store.corrections(),
        **({"config": {"policy": policy}} if policy else {}),
    )
    store.replace_events(res.events, ambiguous=res.ambiguous, revisions=res.revisions)


def run_files(paths: Sequence[str | Path], **kw) -> IngestResult:
    return ingest(paths, **kw)
