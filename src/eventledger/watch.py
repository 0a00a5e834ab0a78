"""Continuous ingestion: `eventledger watch DIR... [--feeds FILE] [--every 15m]`.

Each round ingests the files that appeared in the folders since they were last read and the feeds that
changed, then resolves the new reports into the events (incrementally: events keep their ids). What was read
is recorded in the store (watched_inputs), after its documents are stored, so a restart reads nothing twice:
a file is known by its path, size and modification time, a feed polled with If-None-Match/If-Modified-Since.
Stopping at any moment is safe: each chunk of documents is one transaction, and an input whose documents
were stored but not yet recorded is read again and its documents skipped by their content ids.
A feed that fails is reported and retried after a back-off that doubles with each failure.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eventledger.ingest import IngestResult, ingest
from eventledger.records import Document, Quarantined
from eventledger.store import Store

EVERY = "15m"
SETTLE_SECONDS = 2.0  # a file changed this recently may still be being written: it waits for the next round
FILES_PER_BATCH = 200  # files ingested (and recorded as read) together: a stop loses at most this much work
FETCH_TIMEOUT_SECONDS = 30
MAX_BACKOFF_ROUNDS = 64  # a failing feed is retried after 1, 2, 4, ... intervals (--every), at most this many
USER_AGENT = "EventLedger-watch/1 (+https://github.com/eventledger)"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '30s', '1h', '2d' or plain seconds -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m or float(m[1]) <= 0:
        raise ValueError(f"not an interval: {text!r} (e.g. 30s, 15m, 1h)")
    return float(m[1]) * _UNITS[m[2] or "s"]


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and # comments ignored."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            if not re.match(r"https?://", line):
                raise ValueError(f"{path}: not an http(s) URL: {line}")
            urls.append(line)
    return urls


def _key(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(slots=True)
class Round:
    """What one round did."""

    files: int = 0
    feeds_polled: int = 0
    feeds_changed: int = 0
    feeds_failed: list[str] = field(default_factory=list)
    result: IngestResult | None = None


class Watcher:
    def __init__(
        self,
        dirs: Iterable[str | Path],
        *,
        store: Store,
        feeds: Iterable[str] = (),
        every: float = 900.0,
        workers: int = 1,
        settle: float = SETTLE_SECONDS,
        say: Callable[[str], None] | None = None,
        on_error: Callable[[Quarantined], None] | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.dirs = [Path(d) for d in dirs]
        self.store, self.feeds, self.every, self.workers, self.settle = store, list(feeds), every, workers, settle
        self.say = say or (lambda msg: print(msg, file=sys.stderr))
        self.on_error = on_error
        self.clock = clock  # wall-clock seconds: file ages and feed back-off (a test passes its own)
        self.rounds = 0

    # -- files -------------------------------------------------------------

    def new_files(self) -> list[tuple[Path, str]]:
        """Files not read yet (or changed since), settled, in sorted order, each with its key."""
        from eventledger.read import iter_inputs

        seen = self.store.watched("file")
        now = self.clock()
        out = []
        for p in iter_inputs(self.dirs):
            if p.name.startswith("."):  # hidden: editors' and downloaders' partial files
                continue
            try:
                st = p.stat()
            except OSError:
                continue  # gone since the listing
            if now - st.st_mtime < self.settle:
                continue
            key = _key("file", p.resolve(), st.st_size, st.st_mtime_ns)
            if key not in seen:
                out.append((p, key))
        return out

    # -- feeds -------------------------------------------------------------

    def poll(self, url: str, state: dict) -> tuple[bytes | None, dict]:
        """GET the feed conditionally; (None, state) when it has not changed. Raises on failure."""
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        if state.get("etag"):
            req.add_header("If-None-Match", state["etag"])
        if state.get("last_modified"):
            req.add_header("If-Modified-Since", state["last_modified"])
        try:
            with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT_SECONDS) as resp:
                data = resp.read()
                new = {"etag": resp.headers.get("ETag"), "last_modified": resp.headers.get("Last-Modified")}
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return None, state
            raise
        return data, {**state, **{k: v for k, v in new.items() if v}}

    def _due_feeds(self) -> Iterator[tuple[str, str, dict]]:
        known = self.store.watched("feed")
        for url in self.feeds:
            key = _key("feed", url)
            state = {k: v for k, v in known.get(key, {}).items() if k not in ("name", "read_at")}
            if state.get("retry_at", 0) > self.clock():
                continue
            yield url, key, state

    def fetch_feeds(self, rnd: Round) -> list[tuple[str, str, dict, bytes]]:
        got = []
        for url, key, state in self._due_feeds():
            rnd.feeds_polled += 1
            try:
                data, state = self.poll(url, state)
            except Exception as e:  # network, HTTP error, bad URL: report it, back off, go on with the others
                failures = state.get("failures", 0) + 1
                wait = min(2 ** (failures - 1), MAX_BACKOFF_ROUNDS)
                why = " ".join(str(e).split())[:200]
                self.store.mark_watched(
                    key,
                    kind="feed",
                    name=url,
                    payload={
                        **state,
                        "failures": failures,
                        "retry_at": self.clock() + wait * self.every,
                        "error": f"{type(e).__name__}: {why}",
                    },
                )
                rnd.feeds_failed.append(url)
                self.say(
                    f"feed failed ({failures} in a row): {url}: {type(e).__name__}: {why}; "
                    f"next try in {wait} round{'s' if wait > 1 else ''}"
                )
                continue
            clean = {k: v for k, v in state.items() if k not in ("failures", "retry_at", "error")}
            if data is None:
                self.store.mark_watched(key, kind="feed", name=url, payload=clean)
                continue
            rnd.feeds_changed += 1
            got.append((url, key, clean, data))
        return got

    # -- rounds ------------------------------------------------------------

    def round(self) -> Round:
        """One poll of every folder and every due feed; what it read is ingested and resolved."""
        from eventledger.read import Reader

        rnd = Round()
        files = self.new_files()
        feeds = self.fetch_feeds(rnd)
        rnd.files = len(files)
        batches = [files[i : i + FILES_PER_BATCH] for i in range(0, len(files), FILES_PER_BATCH)] or [[]]
        for k, batch in enumerate(batches):
            records: list[Document | Quarantined] = []
            if k == len(batches) - 1:  # feeds go with the last batch
                for url, _, _, data in feeds:
                    records.extend(Reader().read_bytes(data, path=url))
            first_round = self.rounds == 0 and k == 0  # a stopped watcher may have stored without resolving
            if not batch and not records and not first_round:
                continue
            rnd.result = ingest(
                [p for p, _ in batch], store=self.store, workers=self.workers, records=records, on_error=self.on_error
            )
            for p, key in batch:
                st = p.stat() if p.exists() else None
                self.store.mark_watched(key, kind="file", name=str(p), payload={"size": st.st_size if st else None})
        for url, key, state, _ in feeds:
            self.store.mark_watched(key, kind="feed", name=url, payload=state)
        self.rounds += 1
        return rnd

    def run(self, *, rounds: int | None = None) -> None:
        """Round after round, every `every` seconds, until Ctrl-C (or `rounds` rounds)."""
        try:
            while rounds is None or self.rounds < rounds:
                started = time.monotonic()
                rnd = self.round()
                if rnd.result is not None and (rnd.files or rnd.feeds_changed or rnd.result.stored):
                    self.say(
                        f"{_stamp()} {rnd.files} new files, {rnd.feeds_changed} of {rnd.feeds_polled} feeds "
                        f"changed: {rnd.result.summary()}"
                    )
                if rounds is not None and self.rounds >= rounds:
                    break
                time.sleep(max(0.0, self.every - (time.monotonic() - started)))
        except KeyboardInterrupt:
            self.say("stopped: what was stored is complete; unfinished inputs are read again at the next start")


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
