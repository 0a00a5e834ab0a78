"""The main job: read -> clean/segment -> dedupe -> extract -> store, then resolve.

One executor (pipeline.Executor) runs the per-document stages (clean, extract) here, in a process pool or
on a Dask cluster; the stages that need everything seen so far (dedupe, store) run here, in input order,
so the documents, reports and events do not depend on --workers. Input streams through in chunks: memory
stays bounded whatever the corpus size. A duplicate is linked before extraction and never parsed. Bad
input is kept aside with its reason; a document already stored is skipped before any work; the documents
of a chunk are written in one transaction each.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from eventledger.pipeline import Executor, Failed, WorkerError
from eventledger.records import NO_DATE, Document, Quarantined
from eventledger.stages import TASK, ParseOriginals, processing_stages
from eventledger.store import Store
from eventledger.store.db import now

if TYPE_CHECKING:
    from datasketch import LeanMinHash

BATCH = 64  # documents deduplicated together; fixed, so within-batch links do not depend on --workers
REFRESH_MARGIN_S = 600  # how far back a run looks for documents other runs stored (see _looked_at)

__all__ = [
    "BATCH",
    "IngestError",
    "IngestResult",
    "ParseOriginals",
    "StoreDeduper",
    "TASK",
    "WorkerError",
    "ingest",
    "ingest_bytes",
    "processing_stages",
    "resolve_store",
]


class IngestError(Exception):
    """The ingest cannot run as asked (e.g. a cluster with a SQLite store)."""


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


def _phases(stages) -> tuple[list, list]:
    """A plain list of stages (as tests inject) runs whole before dedupe; a pair is (before dedupe, after)."""
    return (list(stages), []) if isinstance(stages, list) else (list(stages[0]), list(stages[1]))


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    store: Store | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    resolve: bool = True,
    on_error: Callable[[Quarantined], None] | None = None,
    progress: Callable[[int], None] | None = None,
    records: Iterable[Document | Quarantined] | None = None,
) -> IngestResult:
    """Ingest files and directories; `scheduler` (tcp://host:port) runs clean and extract on a Dask cluster.

    `records` (documents already read, e.g. a fetched feed) are ingested after the paths.
    """
    store = store or Store(db)
    if scheduler and store.dialect == "sqlite":
        raise IngestError(
            "a Dask cluster needs a store every machine of it could share: give --db postgresql://...; "
            f"the SQLite file {store.url} is refused"
        )
    result = IngestResult()
    run = _Run(store, result, on_error or _print_error, progress)
    before, after = _phases(processing_stages())
    # the fork server builds extraction's models; the cleaner mostly runs here (see below), a worker builds it
    # itself if it ever cleans
    with Executor(workers=workers, scheduler=scheduler, preload=after) as ex:
        if scheduler:
            ex.warm(before + after)  # each Dask worker loads its models once, now; a failure stops here
        # cleaning is cheap: it runs here while no worker is free (while they start, then while they parse),
        # so they find documents ready to parse and none of them loads the cleaner's language model for it
        cleaned = _flat(ex.map(before, _chunks(run.fresh(paths, records or ()), TASK), here_when_busy=True))
        deduped = _chunks(run.dedupe(cleaned), TASK)
        warm, frozen = None, False
        with contextlib.ExitStack() as models_built:
            for chunk in ex.map(after, deduped) if after else deduped:
                if warm is None and resolve and not ex.local:  # workers parse: this process mostly waits on them
                    warm = threading.Thread(target=_prepare_resolution, name="eventledger-warm-resolve", daemon=True)
                    warm.start()
                if ex.local and not frozen:
                    # parsing here: the models are built with the first chunk; as in a worker (pipeline._freeze_heap)
                    # the collector stops walking them for the rest of the job
                    models_built.enter_context(_heap_frozen())
                    frozen = True
                run.store(chunk)
    if warm is not None:
        warm.join()
    if resolve:
        with _heap_frozen():
            resolve_store(store, incremental=True)
    result.events = store.counts()["events"]
    store.record_ingest(
        started=result.started,
        counts={
            "read": result.read,
            "stored": result.stored,
            "skipped": result.skipped,
            "quarantined": len(result.quarantined),
            "reports": result.reports,
            "events": result.events,
        },
    )
    return result


class _Run:
    """The driver's side of one ingest: what only one process may do (read, dedupe, store) and the counts."""

    def __init__(self, store: Store, result: IngestResult, report, progress):
        self.s, self.result, self.report, self.progress = store, result, report, progress
        self.deduper = StoreDeduper.from_store(store)
        self.signatures: dict[str, bytes] = {}  # of documents deduplicated and not yet stored
        self.seen: set[str] = set()  # ids read in this run: a second copy of a file is not processed again

    def fresh(self, paths: Iterable[str | Path], records: Iterable[Document | Quarantined] = ()) -> Iterator[Document]:
        """Documents read and not yet stored; unreadable input is quarantined here."""
        from itertools import chain

        from eventledger.read import Reader, iter_inputs

        def documents() -> Iterator[Document]:
            for rec in chain(Reader().run(iter_inputs(paths)), records):
                if isinstance(rec, Quarantined):
                    self.quarantine(rec)
                else:
                    self.result.read += 1
                    yield rec

        for batch in _chunks(documents(), BATCH):
            known = self.s.known_documents(d.id for d in batch)
            for d in batch:
                if d.id in known or d.id in self.seen:
                    self.result.skipped += 1
                else:
                    self.seen.add(d.id)
                    yield d

    def dedupe(self, records: Iterable[Any]) -> Iterator[Any]:
        """Link copies before extraction: within each batch (Deduper), then against the store and this run."""
        from eventledger.dedupe import Deduper

        for batch in _chunks(records, BATCH):
            docs = [r for r in batch if isinstance(r, Document)]
            try:
                list(Deduper().run(docs))
            except Exception:
                docs = self._one_by_one(docs)
            for doc in docs:
                try:
                    self.signatures[doc.id] = self.deduper.check(doc)
                except Exception as e:
                    self.quarantine(_failed(doc, "dedupe", e))
                    continue
                yield doc
            for r in batch:
                if isinstance(r, Failed):
                    yield r  # quarantined when its turn to be stored comes, in input order

    def _one_by_one(self, docs: list[Document]) -> list[Document]:
        from eventledger.dedupe import Deduper

        out = []
        for d in docs:
            try:
                out.extend(Deduper().run([d]))
            except Exception as e:
                self.quarantine(_failed(d, "dedupe", e))
        return out

    def store(self, chunk: list[Any]) -> None:
        """Write a chunk in one transaction; when it fails, document by document, so only the bad one is lost.

        Under the store's writer lock, after taking in what concurrent runs stored meanwhile: a near-duplicate
        pair split across two runs is linked whichever stores first.
        """
        with self.s.exclusive():
            if self.deduper.refresh(self.s):
                self._recheck(chunk)
            self._store(chunk)

    def _recheck(self, chunk: list[Any]) -> None:
        """Check the chunk's originals again against documents another run stored since they were deduplicated."""
        for rec in chunk:
            if isinstance(rec, Document) and not rec.duplicate_of:
                relink = rec.meta.get("_relink", [])
                self.signatures[rec.id] = self.deduper.check(rec)
                rec.meta["_relink"] = sorted(set(relink) | set(rec.meta.get("_relink", [])))
                if rec.duplicate_of:  # a copy found only now keeps nothing of its parse, as if found before it
                    rec.mentions, rec.reports, rec.statements = [], [], []

    def _store(self, chunk: list[Any]) -> None:
        docs: list[tuple[Document, bytes | None, list]] = []
        for rec in chunk:
            if isinstance(rec, Failed):
                self.deduper.forget(rec.record.id)
                self.signatures.pop(rec.record.id, None)
                self.quarantine(_failed(rec.record, rec.step, rec.error, stage="process"))
            else:  # the relink note leaves the document before it is written, so it is not stored in meta
                docs.append((rec, self.signatures.pop(rec.id, None), self.deduper.relinks(rec)))
        try:
            saved = self.s.save_documents([(d, sig) for d, sig, _ in docs])
        except Exception:
            saved = [self._save_one(d, sig) for d, sig, _ in docs]
        for (doc, _, relinks), ok in zip(docs, saved):
            if ok is None:
                continue
            self.deduper.stored(doc.id)
            if ok:
                self.result.stored += 1
                self.result.reports += len(doc.reports)
                self.result.statements += len(doc.statements)
                for item, original in relinks:
                    self.s.mark_duplicate(item, original, level="document", method="near")
            else:
                self.result.skipped += 1
        if self.progress:
            self.progress(len(chunk))

    def _save_one(self, doc: Document, signature: bytes | None) -> bool | None:
        try:
            return self.s.save_document(doc, signature=signature)
        except Exception as e:  # save_document is one transaction: nothing of this document was kept
            self.quarantine(_failed(doc, "store", e))
            self.deduper.forget(doc.id)  # nothing may link to a document that is not stored
            return None

    def quarantine(self, q: Quarantined) -> None:
        _quarantine(self.s, q, self.result, self.report)


def _chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _flat(chunks: Iterable[list[Any]]) -> Iterator[Any]:
    for chunk in chunks:
        yield from chunk


def ingest_bytes(data: bytes, name: str, *, store: Store) -> IngestResult:
    """Ingest one uploaded file (API write endpoint)."""
    import tempfile

    safe = Path(name).name or "upload"
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / safe
        p.write_bytes(data)
        return ingest([p], store=store)


def _failed(doc: Document, step: str, e: BaseException, *, stage: str | None = None) -> Quarantined:
    """`stage` is the part of the job (process = the per-document stages, dedupe, store); `step` the stage itself."""
    message = " ".join(str(e).split())[:300]
    return Quarantined(
        doc.path, f"{step} failed on document {doc.id}: {type(e).__name__}: {message}", stage=stage or step
    )


def _quarantine(store: Store, q: Quarantined, result: IngestResult, report) -> None:
    from eventledger.read.common import printable

    # Whatever the input held, the record stored is valid text (lone surrogates and NUL escaped) and the
    # one reported has every control character escaped, so a file name cannot drive the terminal.
    q.path, q.reason = (
        x.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00") for x in (q.path, q.reason)
    )
    result.quarantined.append(q)
    store.quarantine(q)
    report(Quarantined(printable(q.path), printable(q.reason), stage=q.stage))


def _print_error(q: Quarantined) -> None:
    print(f"error: {q.path}: {q.reason}", file=sys.stderr)


class StoreDeduper:
    """Near-duplicate check of new documents against the store and earlier documents of this run.

    Stored documents are found through their LSH band keys in the store (an indexed query), so memory does
    not grow with the store or the run; documents checked here and not yet stored wait in a small index.
    The original of a pair is the earlier published one, then the smaller id, so which copy is the
    original does not depend on the order of ingestion.
    """

    def __init__(self, store: Store, *, since: str | None = None):
        from eventledger.dedupe import DuplicateIndex

        self.store = store
        self.pending = DuplicateIndex()  # checked in this run, not yet stored
        self.meta: dict[str, tuple[str, str | None]] = {}  # (published, duplicate_of) of the pending ones
        self.since = since  # documents stored from then on may be unknown here (another run stored them)
        self.mine: dict[str, str] = {}  # ids this run stored since `since`, with when: not news to `refresh`

    @classmethod
    def from_store(cls, store: Store) -> StoreDeduper:
        return cls(store, since=_looked_at())

    def refresh(self, store: Store) -> int:
        """How many documents other runs stored since the last look (call under `store.exclusive()`): when
        any, the documents checked before they came are checked again."""
        stamp = _looked_at()
        new = sum(1 for doc_id, *_ in store.signatures(since=self.since) if doc_id not in self.mine)
        self.since = stamp
        self.mine = {i: t for i, t in self.mine.items() if t >= stamp}
        return new

    def _matches(self, doc_id: str, m: LeanMinHash) -> dict[str, tuple[str, str | None]]:
        """Near copies of the MinHash, stored or pending: id -> (published, duplicate_of)."""
        from eventledger.dedupe.index import band_keys, similar

        candidates = [c for c in self.store.near_copy_candidates(band_keys(m)) if c[0] != doc_id]
        confirmed = similar(m, [c[3] for c in candidates])
        out = {i: (published or NO_DATE, dup) for (i, published, dup, _), ok in zip(candidates, confirmed) if ok}
        out.update((i, self.meta[i]) for i in self.pending.query(m) if i != doc_id)
        return out

    def _published(self, ids: set[str], known: dict[str, tuple[str, str | None]]) -> dict[str, str]:
        """Publication dates of originals: those matched or pending are known here, the others are asked for."""
        known = {**self.meta, **known}
        asked = self.store.document_links(ids - known.keys()) if ids - known.keys() else {}
        return {i: (known.get(i) or asked.get(i) or (None, None))[0] or NO_DATE for i in ids}

    def check(self, doc: Document) -> bytes:
        """Link `doc` to the earliest original among its near copies; returns its signature, for the store."""
        from eventledger.dedupe.index import MIN_WORDS_NEAR
        from eventledger.dedupe.minhash import minhash, minhash_signature, normalise

        text = doc.kept_text
        m = minhash(text)  # one MinHash for the store's bands, the pending index and the stored signature
        key = (doc.published.value or NO_DATE, doc.id)
        doc.meta.pop("_relink", None)
        matches = self._matches(doc.id, m) if len(normalise(text).split()) >= MIN_WORDS_NEAR else {}
        originals: set[str] = set()
        if matches and not doc.duplicate_of:
            # follow stored links to the original of each match, then pick the earliest; a copy already
            # linked to this document leads back to it, and a document is not its own original
            originals = {dup or i for i, (_, dup) in matches.items()} - {doc.id}
        if originals:
            published = self._published(originals, matches)
            first = min(originals, key=lambda i: (published[i], i))
            if (published[first], first) < key:
                doc.duplicate_of = first
                doc.meta["duplicate_method"] = "near"
            else:
                doc.meta["_relink"] = sorted(originals)  # the stored ones are copies of this one
        self.pending.add(doc.id, m)
        self.meta[doc.id] = (doc.published.value or NO_DATE, doc.duplicate_of)
        return minhash_signature(text)

    def stored(self, doc_id: str) -> None:
        """A document is in the store now: the store's band keys find it from here on."""
        self.forget(doc_id)
        self.mine[doc_id] = _looked_at(margin=0)

    def forget(self, doc_id: str) -> None:
        """A document that will not be stored (or is stored now) leaves the pending index."""
        if doc_id in self.pending:
            self.pending.remove(doc_id)
        self.meta.pop(doc_id, None)

    def relinks(self, doc: Document) -> list[tuple[str, str]]:
        out = [(old, doc.id) for old in doc.meta.pop("_relink", [])]
        for old, new in out:
            if old in self.meta:
                self.meta[old] = (self.meta[old][0], new)
        return out


def _looked_at(margin: int = REFRESH_MARGIN_S) -> str:
    # A document's ingested_at is stamped before its transaction commits, and hosts writing to one
    # PostgreSQL store may disagree on the time: look back a margin (known ids are skipped).
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) - timedelta(seconds=margin)).isoformat(timespec="seconds")


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep what is alive now (the modules, the models of a run without workers, the store) out of the garbage
    collector's sight while parsing here, and while resolution, which allocates much, runs at the end of the job
    with nothing beside it: its full collections walked all of it (resolution of the 200 MUC-4 dev texts: 0.09 of
    0.52 CPU s in collections, 0.015 frozen). Thawed after, so a long-running watch keeps no garbage frozen. A
    heap someone froze already is left as it is."""
    import gc

    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _prepare_resolution() -> None:
    """What the first resolution in a process pays before it starts: its imports (scipy's sparse matrices
    among them) and its settings files. Run while the workers parse, it is off the job's serial tail."""
    try:
        import scipy.sparse  # noqa: F401 - resolve.text imports it where it is used

        from eventledger.resolve.config import ResolveConfig

        ResolveConfig.load()
    except Exception:  # noqa: BLE001 - resolution itself says what is wrong
        pass


def resolve_store(store: Store, *, policy: str | None = None, incremental: bool = False) -> None:
    """Resolve the store's reports into events; ids of events that persist are kept.

    Whole (the default, `eventledger resolve`): every report again. `incremental` (what ingest and watch do): only
    the reports stored since the last resolution, with the stored events they could change (resolve/incremental.py);
    nothing new, nothing done."""
    from eventledger.resolve import resolve

    with store.exclusive():  # a concurrent run must not replace the events with ones built from older reads
        scope = _reopened(store) if incremental else None
        if scope is not None and not scope.events and not scope.reports:
            return
        if scope is None:
            reports, previous = store.reports(), store.events()
            contexts = store.report_contexts(reports)
            statements, corrections = store.statements(), store.corrections()
        else:
            # the new reports and their contexts were read to choose the scope; the re-opened events' are read now
            known = {r["id"] for r in scope.new}
            others = list(store.reports_by_id(scope.reports - known).values())
            reports, contexts = scope.new + others, {**scope.contexts, **store.report_contexts(others)}
            previous, corrections = store.event_payloads(scope.events), scope.corrections
            statements = store.statements_near(documents={r["document"] for r in reports}, events=scope.events)
        res = resolve(
            reports,
            contexts=contexts,
            statements=statements,
            previous_events=previous,
            corrections=corrections,
            **({"config": {"policy": policy}} if policy else {}),
        )
        store.replace_events(
            res.events,
            ambiguous=res.ambiguous,
            revisions=res.revisions,
            resolved=[r["id"] for r in reports],
            scope=None if scope is None else (scope.events, scope.reports),
        )


class _Scope(NamedTuple):
    """What an incremental resolution resolves: the events it re-opens, the ids of their reports and of the new
    ones (a report of a re-opened event may be gone: its document turned copy), the corrections that concern
    them, and the new reports with their contexts, as read to choose the events."""

    events: set[str]
    reports: set[str]
    corrections: list[dict]
    new: list[dict]
    contexts: dict[str, dict]


def _namesakes(store: Store, contexts: dict[str, dict]) -> set[str]:
    """The events of stored segments naming a person a new segment introduces with an age, or a street it names:
    resolution links documents naming one rare person or street years apart (resolve/text.py namesakes), beyond the
    windows of days. A name in more segments than resolution counts as rare is left out, as resolution leaves it
    out."""
    from eventledger.resolve.text import PEOPLE_DF, aged_names, streets
    from eventledger.store.search import matching_segment_ids

    names: set[str] = set()
    for c in contexts.values():
        names |= aged_names(c.get("text") or "") | streets(c.get("text") or "")
    segments: set[str] = set()
    for name in sorted(names):
        got = matching_segment_ids(store, name, limit=PEOPLE_DF + 1)
        if len(got) <= PEOPLE_DF:
            segments.update(got)
    return {e for es in store.segment_events(segments).values() for e in es}


_LOOSE = "report:"  # marks a report in no event among the event ids of the re-opened spans


def _reopened(store: Store) -> _Scope | None:
    """The scope of an incremental resolution; None when everything is resolved (no events yet, a report with no
    date at all, new resolution settings). A correction that names a re-opened event or report re-opens every
    event and report it names (a merge of a new event with an old one)."""
    from eventledger.resolve.cluster import DocumentModel
    from eventledger.resolve.config import ResolveConfig
    from eventledger.resolve.corrections import ids_of
    from eventledger.resolve.incremental import StoredSpan, reopened

    cfg = ResolveConfig.load()
    if store.resolution_version() != cfg.version:
        return None  # no events yet, or settings changed since they were built: everything
    new = store.unresolved_reports()
    orphaned = store.orphaned_events()  # a report of theirs is gone: its document became a copy
    if not new and not orphaned:
        return _Scope(set(), set(), [], [], {})
    doc = DocumentModel.load()
    spans = [StoredSpan(*row) for row in store.resolution_spans()]
    # a stored report in no event (it founds none) is re-opened as an event of its own would be: new reports may
    # bring the event it joins
    spans += [StoredSpan(_LOOSE + r, d, p, c) for r, d, p, c in store.unheld_spans()]
    contexts = store.report_contexts(new)
    events = reopened(new, contexts, spans, cfg, doc.window if doc else 0)
    if events is None:
        return None
    loose = {e for e in events if e.startswith(_LOOSE)}
    events = (events - loose) | orphaned | _namesakes(store, contexts)
    reports = {r["id"] for r in new} | {r for rs in store.event_members(events).values() for r in rs}
    reports |= {e[len(_LOOSE) :] for e in loose}
    chosen: list[dict] = []
    named = [
        (c, {c.get("event")} | set(ids_of(c.get("target"))) | set(ids_of(c.get("value")))) for c in store.corrections()
    ]
    grew = True
    while grew:  # corrections chain (merge A B, then split B): follow them until nothing more is re-opened
        grew = False
        for c, ids in named:
            if c in chosen or not ids & (events | reports):
                continue
            chosen.append(c)
            more = {i for i in ids if i} - events - reports
            loose = more - set(store.event_members(more))  # report ids, not event ids
            added = ((more - loose) | set(store.event_of_reports(loose).values())) - events
            events |= added
            reports |= {r for rs in store.event_members(added).values() for r in rs} | set(store.reports_by_id(loose))
            grew = True
    return _Scope(events, reports, sorted(chosen, key=lambda c: c["id"]), new, contexts)
