"""The Store: one SQL database (SQLite by default, PostgreSQL for a server) behind a small API.

Every document is written with all its segments, mentions, reports and statements
in one transaction, so a crash or kill never leaves half a document behind, and
rows are keyed by content ids, so writing the same document again changes nothing.

Several processes may use one store at once (docs/reliability.md, "Concurrent use"): every write
transaction on SQLite starts with BEGIN IMMEDIATE (writers queue on the busy timeout instead of
failing on a lock upgrade), and work that reads the store and then writes from what it read (migrations,
an ingest batch with its near-duplicate check, a resolution) holds the store's writer lock,
`Store.exclusive()`: a file lock beside a SQLite file, an advisory lock on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from eventledger.ids import content_hash, make_id
from eventledger.records import Document, Event, Quarantined, Source
from eventledger.store import models as m
from eventledger.store.events import EventReads
from eventledger.store.reads import RecordReads, id_chunks

DEFAULT_URL = "sqlite:///eventledger.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def resolve_url(url: str | None) -> str:
    url = url or os.environ.get("EVENTLEDGER_DB") or DEFAULT_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]  # psycopg 3 is the driver we ship
    elif "://" not in url:
        url = f"sqlite:///{url}"  # a bare path means a SQLite file
    return url


BUSY_TIMEOUT_S = 30  # how long a SQLite writer waits for another's transaction before giving up
# the PostgreSQL advisory lock that stands for "the store's writer lock" (advisory locks are per database)
PG_LOCK_KEY = int.from_bytes(hashlib.sha256(b"eventledger writer lock").digest()[:8], "big", signed=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # the driver's own transaction handling would BEGIN DEFERRED behind our back; we emit BEGIN ourselves
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    # A write transaction takes the write lock at BEGIN: two deferred transactions that both read and
    # then write would deadlock, and SQLite fails one at once ("database is locked") without waiting.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


NEAR_COPY_CANDIDATES = 32  # stored documents a near-copy check compares with at most (near_copy_candidates)
BAND_POSTINGS = 200  # documents read per band key by that check: a key shared by more says little


@lru_cache(maxsize=64)
def _postings(n: int):
    """The first BAND_POSTINGS documents of each of n band keys (:k0 ... :k{n-1}), one row per (key, document):
    one statement per key count, compiled once, each part reading its key's index entries in order."""
    table = m.DocumentBandRow.__tablename__
    part = (
        "SELECT document_id FROM (SELECT document_id FROM {t} WHERE key = :k{i} ORDER BY document_id LIMIT {n}) AS p{i}"
    )
    return text(" UNION ALL ".join(part.format(t=table, i=i, n=BAND_POSTINGS) for i in range(n)))


class StoreError(Exception):
    pass


class Store(EventReads, RecordReads):
    """Writes here; reads in events.py (events, revisions, corrections) and reads.py (the rest)."""

    def __init__(self, url: str | None = None, *, migrate: bool = True):
        self.url = resolve_url(url)
        self.engine: Engine = self._engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(write=True), expire_on_commit=False)
        self._lock = threading.RLock()
        self._held = 0
        if migrate:
            self.migrate()

    def _engine(self) -> Engine:
        if self.url.startswith("sqlite"):
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        try:
            return create_engine(self.url, pool_pre_ping=True)
        except Exception as e:  # bad URL or missing driver: say which
            raise StoreError(f"cannot open store {self.url}: {e}") from e

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            # under the writer lock: two processes opening a new store must not both create its tables
            with self.exclusive(), self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"cannot open store {self.url}: {e.__class__.__name__}: {str(e).splitlines()[0]}") from e

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error."""
        with self._sessions.begin() as s:
            yield s

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: on SQLite it holds the database's write lock from its first statement."""
        with self._writes.begin() as s:
            yield s

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """The store's writer lock, held across several transactions; other processes (and threads) that
        ask for it wait. Re-entrant within a thread. Released by the OS if the process dies."""
        with self._lock:
            if self._held:
                self._held += 1
                try:
                    yield
                finally:
                    self._held -= 1
                return
            release = self._acquire()
            self._held = 1
            try:
                yield
            finally:
                self._held = 0
                release()

    def _acquire(self):
        if self.dialect == "sqlite":
            path = self.url.split("///", 1)[-1]
            if not path or path == ":memory:":
                return lambda: None
            try:
                import fcntl
            except ImportError:  # no flock (Windows): BEGIN IMMEDIATE still serialises each transaction
                return lambda: None
            fd = os.open(f"{Path(path).expanduser()}.lock", os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise

            def release() -> None:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

            return release
        if self.dialect == "postgresql":
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_LOCK_KEY})
            except BaseException:
                conn.close()
                raise

            def release() -> None:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                finally:
                    conn.close()

            return release
        return lambda: None

    def close(self) -> None:
        self.engine.dispose()

    # -- documents -------------------------------------------------------

    def known_documents(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.session() as s:
            for i in range(0, len(ids), 500):
                found.update(s.scalars(select(m.DocumentRow.id).where(m.DocumentRow.id.in_(ids[i : i + 500]))))
        return found

    def save_document(self, doc: Document, *, signature: bytes | None = None) -> bool:
        """Write a document and everything made from it; False when it was already stored."""
        return self.save_documents([(doc, signature)])[0]

    def save_documents(self, docs: Iterable[tuple[Document, bytes | None]]) -> list[bool]:
        """Write documents (with their MinHash signatures) in ONE transaction: all of them or, on error, none.

        One commit and two flushes per chunk instead of a commit and two flushes per document: the document
        rows first (their sources before them), then every row that points at them, as multi-row INSERTs.
        Returns, per document, False when it was already stored.
        """
        docs = list(docs)
        with self.writing() as s, s.no_autoflush:
            stored = set(s.scalars(select(m.DocumentRow.id).where(m.DocumentRow.id.in_({d.id for d, _ in docs}))))
            sources = {src.id: src for src in (_source(d) for d, _ in docs if d.id not in stored) if src}
            known = set(s.scalars(select(m.SourceRow.id).where(m.SourceRow.id.in_(sources)))) if sources else set()
            s.add_all(
                m.SourceRow(id=x.id, name=x.name, kind=x.kind, url=x.url) for i, x in sources.items() if i not in known
            )
            s.flush()  # each flush below is one INSERT per table; the unit of work does not order them by foreign key
            saved = []
            for doc, signature in docs:
                saved.append(doc.id not in stored and self._write(s, doc, signature))
                stored.add(doc.id)
            s.flush()
            for (doc, signature), new in zip(docs, saved):
                if new:
                    self._write_parts(s, doc)
                    if signature:
                        s.add_all(_band_rows(doc.id, signature))
        return saved

    def _write(self, s: Session, doc: Document, signature: bytes | None) -> bool:
        """Add the document's row (its source is in already)."""
        src = _source(doc)
        s.add(_document_row(doc, src.id if src else None, signature))
        return True

    def _write_parts(self, s: Session, doc: Document) -> None:
        s.add_all(_segment_rows(doc))
        s.add_all(
            m.DroppedRow(
                document_id=doc.id,
                idx=i,
                kind=d.kind,
                reason=d.reason,
                chars=d.chars,
                start=d.start,
                end=d.end,
                text=d.text,
            )
            for i, d in enumerate(doc.dropped)
        )
        s.add_all(_duplicate_rows(doc))
        s.add_all(
            m.MentionRow(
                id=x.id,
                document_id=doc.id,
                segment_id=x.segment,
                kind=x.kind,
                text=x.text,
                start=x.start,
                end=x.end,
                label=x.label,
                resolved=x.resolved,
            )
            for x in {x.id: x for x in doc.mentions}.values()
        )
        s.add_all(
            m.ReportRow(
                id=r.id,
                document_id=doc.id,
                segment_id=r.segment,
                source=r.source,
                type=r.type,
                date_value=r.date.value,
                date_precision=r.date.precision,
                country=r.place.country,
                opinion=r.opinion,
                payload=r.to_dict(),
            )
            for r in {r.id: r for r in doc.reports}.values()
        )
        s.add_all(
            m.StatementRow(
                id=st.id,
                document_id=doc.id,
                segment_id=st.segment,
                report_id=st.report,
                event_id=st.event,
                speaker=st.speaker,
                kind=st.kind,
                payload=st.to_dict(),
            )
            for st in {st.id: st for st in doc.statements}.values()
        )

    def mark_duplicate(self, item_id: str, original_id: str, *, level: str, method: str) -> None:
        """Link an already stored item to an original found later (keeps the result order-independent)."""
        with self.writing() as s:
            row = s.get(m.DocumentRow if level == "document" else m.SegmentRow, item_id)
            if row is None:
                return
            row.duplicate_of = original_id
            s.merge(m.DuplicateRow(item_id=item_id, original_id=original_id, level=level, method=method))
            if level == "document":
                # a copy is never parsed (ingest dedupes before extraction); one parsed before its original
                # came loses what was made from it, so the store is what one run of every file gives
                for table in (m.StatementRow, m.ReportRow, m.MentionRow):
                    s.execute(delete(table).where(table.document_id == item_id))

    def quarantine(self, q: Quarantined) -> None:
        qid = make_id("qua", q.path, q.reason, q.stage)
        with self.writing() as s:
            if s.get(m.QuarantineRow, qid) is None:
                s.add(m.QuarantineRow(id=qid, path=q.path, reason=q.reason, stage=q.stage, created_at=now()))

    def near_copy_candidates(
        self, keys: Iterable[int], *, limit: int = NEAR_COPY_CANDIDATES
    ) -> list[tuple[str, str | None, str | None, bytes]]:
        """(document id, published, duplicate_of, signature) of stored documents sharing an LSH band key with
        `keys` (dedupe.index.band_keys): the candidates a near-copy check confirms by similarity.

        At most `limit`, those sharing the most band keys (the expected number of shared bands grows with the
        similarity), found among the first BAND_POSTINGS documents of each key: a templated feed (police
        blotters, wire alerts) shares a band or two with thousands of stored items, and reading them all made
        each check slower the larger the store grew. A true copy shares many keys, so it is found by the
        others when one of them is that common."""
        D = m.DocumentRow
        keys = sorted(set(keys))
        if not keys:
            return []
        shared: Counter[str] = Counter()
        with self.session() as s:
            for i in range(0, len(keys), 50):  # SQLite allows 500 terms in a compound select
                chunk = keys[i : i + 50]
                params = {f"k{n}": k for n, k in enumerate(chunk)}
                shared.update(r[0] for r in s.execute(_postings(len(chunk)), params))
            top = sorted(shared, key=lambda d: (-shared[d], d))[:limit]
            if not top:
                return []
            stmt = select(D.id, D.published_value, D.duplicate_of, D.signature).where(D.id.in_(top)).order_by(D.id)
            return [tuple(r) for r in s.execute(stmt)]

    def document_links(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Stored documents' (published, duplicate_of), by id."""
        D = m.DocumentRow
        ids = sorted(set(ids))
        out: dict[str, tuple[str | None, str | None]] = {}
        with self.session() as s:
            for i in range(0, len(ids), 500):
                stmt = select(D.id, D.published_value, D.duplicate_of).where(D.id.in_(ids[i : i + 500]))
                out.update((r[0], (r[1], r[2])) for r in s.execute(stmt))
        return out

    def signatures(self, *, since: str | None = None) -> Iterator[tuple[str, str | None, str | None, bytes]]:
        """(document id, published, duplicate_of, MinHash signature) of stored documents (those stored at
        or after `since`, an ISO time, if given)."""
        D = m.DocumentRow
        stmt = select(D.id, D.published_value, D.duplicate_of, D.signature).where(D.signature.is_not(None))
        if since is not None:
            stmt = stmt.where(D.ingested_at >= since)
        with self.session() as s:
            yield from s.execute(stmt)

    # -- reading ---------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = {
            "sources": m.SourceRow,
            "documents": m.DocumentRow,
            "segments": m.SegmentRow,
            "dropped": m.DroppedRow,
            "duplicates": m.DuplicateRow,
            "quarantined": m.QuarantineRow,
            "mentions": m.MentionRow,
            "reports": m.ReportRow,
            "statements": m.StatementRow,
            "events": m.EventRow,
            "ambiguous": m.AmbiguousRow,
            "corrections": m.CorrectionRow,
        }
        with self.session() as s:
            return {k: s.scalar(select(func.count()).select_from(t)) or 0 for k, t in tables.items()}

    # -- events ----------------------------------------------------------

    def replace_events(
        self,
        records: Iterable[Event],
        *,
        ambiguous: list[dict],
        revisions: list[dict],
        resolved: Iterable[str] = (),
        scope: tuple[set[str], set[str]] | None = None,
    ) -> None:
        """Swap in a new resolution in one transaction; ids are stable, so unchanged rows stay equal.

        `resolved`: the ids of the reports it took in (stamped, so the next incremental resolution starts after them).
        `scope`: (event ids, report ids) an incremental resolution re-opened and re-resolved: only those events,
        their report links and the ambiguity of those reports are replaced; None replaces every event."""
        events = [e.to_dict() for e in records]  # the payload is the export shape
        stamp = now()
        ER, A = m.EventReportRow, m.AmbiguousRow
        with self.writing() as s:
            old = _cleared(s, scope, events)
            keep = {e["id"] for e in events}
            for eid in set(old) - keep:
                s.delete(old[eid])
            for e in events:
                row = old.get(e["id"])
                cols = _event_columns(e)
                if row is None:
                    s.add(m.EventRow(id=e["id"], updated_at=stamp, payload=e, **cols))
                elif row.payload != e:
                    for k, v in cols.items():
                        setattr(row, k, v)
                    row.payload, row.updated_at = e, stamp
            s.flush()
            s.add_all(
                ER(event_id=e["id"], report_id=r["id"])
                for e in events
                for r in {r["id"]: r for r in e.get("reports", [])}.values()
            )
            s.add_all(A(report_id=a["report"], payload=a) for a in {a["report"]: a for a in ambiguous}.values())
            s.add_all(
                m.RevisionRow(
                    event_id=r["event"], at=stamp, change=r.get("change", "update"), why=r.get("why", ""), payload=r
                )
                for r in revisions
            )
            _point_statements(s, events, scope, keep)
            for chunk in id_chunks(resolved):
                s.execute(update(m.ReportRow).where(m.ReportRow.id.in_(chunk)).values(resolved_in=stamp))

    def record_ingest(self, *, started: str, counts: dict) -> None:
        """Note one finished `ingest` run (started then, ending now) and what it stored."""
        with self.writing() as s:
            s.add(m.IngestRunRow(started_at=started, finished_at=now(), payload=dict(counts)))

    def watched(self, kind: str) -> dict[str, dict]:
        """What `watch` has read of this kind: key -> {name, read_at, and the input's payload}."""
        with self.session() as s:
            rows = s.scalars(select(m.WatchedInputRow).where(m.WatchedInputRow.kind == kind))
            return {r.key: {**(r.payload or {}), "name": r.name, "read_at": r.read_at} for r in rows}

    def mark_watched(self, key: str, *, kind: str, name: str, payload: dict) -> None:
        with self.session() as s:
            s.merge(m.WatchedInputRow(key=key, kind=kind, name=name, read_at=now(), payload=dict(payload)))

    def add_correction(self, correction: dict) -> None:
        """Store a correction made by `resolve.corrections.make`; recording it again puts it back in force."""
        with self.writing() as s:
            s.merge(
                m.CorrectionRow(
                    id=correction["id"],
                    kind=correction["kind"],
                    event_id=correction.get("event"),
                    created_at=correction.get("created") or now(),
                    payload=correction,
                )
            )

    def withdraw_correction(self, correction_id: str, *, by: str | None = None, note: str = "") -> dict | None:
        """Take a correction out of force: its row stays (marked `withdrawn`: at, by, note) and the event's
        revision log says so. None when there is no such correction."""
        stamp = now()
        with self.writing() as s:
            row = s.get(m.CorrectionRow, correction_id)
            if row is None:
                return None
            if row.payload.get("withdrawn"):
                return dict(row.payload)
            row.payload = {**row.payload, "withdrawn": {"at": stamp, "by": by, "note": note}}
            why = f"correction {correction_id} ({row.kind}) withdrawn" + (f": {note}" if note else "")
            s.add(
                m.RevisionRow(
                    event_id=row.event_id or "",
                    at=stamp,
                    change="correction-withdrawn",
                    why=why,
                    payload={"correction": correction_id, "by": by, "note": note},
                )
            )
            return dict(row.payload)


def _source(doc: Document) -> Source | None:
    return Source.named(doc.source, kind=doc.meta.get("source_kind", "outlet")) if doc.source else None


def _band_rows(doc_id: str, signature: bytes) -> list[m.DocumentBandRow]:
    from eventledger.dedupe.index import band_keys

    return [m.DocumentBandRow(key=k, document_id=doc_id) for k in sorted(set(band_keys(signature)))]


def _document_row(doc: Document, source_id: str | None, signature: bytes | None) -> m.DocumentRow:
    return m.DocumentRow(
        id=doc.id,
        path=doc.path,
        source_id=source_id,
        kind=doc.kind,
        url=doc.url,
        title=doc.title,
        published_value=doc.published.value,
        published_precision=doc.published.precision,
        fetched=doc.fetched,
        language=doc.language,
        author=doc.author,
        content_hash=content_hash(doc.content),
        content=doc.content,
        text=doc.text,
        meta={**doc.meta, "source": doc.source},
        duplicate_of=doc.duplicate_of,
        signature=signature,
        ingested_at=now(),
    )


def _segment_rows(doc: Document) -> Iterator[m.SegmentRow]:
    for seg in {s.id: s for s in doc.segments}.values():
        yield m.SegmentRow(
            id=seg.id,
            document_id=doc.id,
            idx=seg.index,
            kind=seg.kind,
            title=seg.title,
            date_value=seg.date.value,
            date_precision=seg.date.precision,
            author=seg.author,
            source=seg.source,
            score=seg.score,
            depth=seg.depth,
            parent=seg.parent,
            language=seg.language,
            duplicate_of=seg.duplicate_of,
            text=seg.text,
            pieces=[p.to_dict() for p in seg.pieces],
            meta=seg.meta,
        )


def _duplicate_rows(doc: Document) -> Iterator[m.DuplicateRow]:
    if doc.duplicate_of:
        yield m.DuplicateRow(
            item_id=doc.id,
            original_id=doc.duplicate_of,
            level="document",
            method=doc.meta.get("duplicate_method", "near"),
        )
    for seg in doc.segments:
        if seg.duplicate_of:
            yield m.DuplicateRow(
                item_id=seg.id,
                original_id=seg.duplicate_of,
                level="segment",
                method=seg.meta.get("duplicate_method", "near"),
            )


def _cleared(s, scope: tuple[set[str], set[str]] | None, events: list[dict]) -> dict[str, m.EventRow]:
    """Delete the report links and ambiguity a resolution replaces (all, or those of its scope); returns the stored
    events it may replace, by id."""
    ER, A, E = m.EventReportRow, m.AmbiguousRow, m.EventRow
    if scope is None:
        s.execute(delete(ER))
        s.execute(delete(A))
        return {r.id: r for r in s.scalars(select(E))}
    events_in, reports_in = scope
    for chunk in id_chunks(events_in):
        s.execute(delete(ER).where(ER.event_id.in_(chunk)))
    for chunk in id_chunks(reports_in):
        s.execute(delete(A).where(A.report_id.in_(chunk)))
    # a new event of the batch may carry the id of a stored one it now founds again
    ids = set(events_in) | {e["id"] for e in events}
    return {r.id: r for chunk in id_chunks(ids) for r in s.scalars(select(E).where(E.id.in_(chunk)))}


def _point_statements(s, events: list[dict], scope: tuple[set[str], set[str]] | None, keep: set[str]) -> None:
    """Statements point at the event they concern: the one that lists them, else the one their report is in."""
    S = m.StatementRow
    by_report = {r["id"]: e["id"] for e in events for r in e.get("reports", [])}
    listed = {st: e["id"] for e in events for st in e.get("statements", [])}
    if scope is None:
        stmts = list(s.scalars(select(S)))
    else:
        near = set(scope[0]) | keep
        stmts = [st for chunk in id_chunks(near) for st in s.scalars(select(S).where(S.event_id.in_(chunk)))]
        stmts += [st for chunk in id_chunks(scope[1]) for st in s.scalars(select(S).where(S.report_id.in_(chunk)))]
        stmts += [st for chunk in id_chunks(listed) for st in s.scalars(select(S).where(S.id.in_(chunk)))]
    for st in {st.id: st for st in stmts}.values():
        eid = listed.get(st.id) or st.payload.get("event") or by_report.get(st.report_id)
        if st.event_id != eid:
            st.event_id = eid
            st.payload = {**st.payload, "event": eid}


def _event_columns(e: dict) -> dict:
    # corrections are checked when made, but an event built from an older row must still be storable
    date = e.get("date") if isinstance(e.get("date"), dict) else {}
    place = e.get("place") if isinstance(e.get("place"), dict) else {}
    counts = e.get("counts") if isinstance(e.get("counts"), dict) else {}
    killed = counts.get("killed") or {}
    return {
        "type": e.get("type") or "unknown",
        "date_value": date.get("value"),
        "date_precision": date.get("precision"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "killed_best": killed.get("best") if isinstance(killed, dict) else None,
        "independent_sources": e.get("independent_sources") or 0,
        "contested": bool(e.get("contradictions")),
    }
