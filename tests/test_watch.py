"""`eventledger watch`: new files picked up once, feeds polled conditionally over HTTP on loopback, a failing
feed reported and backed off, and kill -9 in the middle of a batch followed by a restart loses nothing and
reads nothing twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventledger.store import Store
from eventledger.watch import Watcher, parse_every, read_feed_list

PLACES = ["Kano", "Mogadishu", "Kabul", "Peshawar", "Gao", "Mosul", "Idlib", "Bamako"]


def story(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"Gunmen attacked a market in {place} on Tuesday, killing {3 + i % 17} people and wounding "
        f"{5 + i % 11} others, officials said. Witnesses said the attackers arrived on motorbikes and fired "
        f"at traders before fleeing. Police in {place} said {1 + i % 4} suspects had been detained (report {i}).\n"
    )


def feed(items: range) -> bytes:
    body = "".join(
        f"<item><title>Attack {i}</title><guid>urn:item:{i}</guid>"
        f"<pubDate>Tue, 0{1 + i % 8} Oct 2024 10:00:00 GMT</pubDate>"
        f"<description>{story(i)}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>{body}</channel></rss>'
    ).encode()


@pytest.fixture
def light(monkeypatch):
    """Clean only: these tests are about what is read and when, not about extraction."""
    from eventledger.clean import Cleaner
    from eventledger.pipeline import Lazy

    monkeypatch.setattr("eventledger.ingest.processing_stages", lambda: ([Lazy(Cleaner)], []))


def _docs(store: Store) -> list[str]:
    return sorted(d.path for d in store.documents())


def test_parse_every_and_feed_list(tmp_path):
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    assert parse_every("5") == 5
    with pytest.raises(ValueError):
        parse_every("soon")
    f = tmp_path / "feeds.txt"
    f.write_text("# wires\nhttp://127.0.0.1:1/a.xml\n\nhttps://example.org/b  # second\n")
    assert read_feed_list(f) == ["http://127.0.0.1:1/a.xml", "https://example.org/b"]
    f.write_text("ftp://example.org/c\n")
    with pytest.raises(ValueError, match="not an http"):
        read_feed_list(f)


def test_new_files_are_read_once_even_across_restarts(tmp_path, light):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(story(1))
    (inbox / ".b.txt.part").write_text(story(2))  # a download in progress
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = Store(url)
    w = Watcher([inbox], store=store, every=0.1, settle=0, say=lambda m: None)
    assert w.round().files == 1
    assert w.round().files == 0
    (inbox / "c.txt").write_text(story(3))
    r = w.round()
    assert r.files == 1 and r.result.read == 1  # only the new file was read
    restarted = Watcher([inbox], store=Store(url), every=0.1, settle=0, say=lambda m: None)
    assert restarted.round().files == 0
    assert [Path(p).name for p in _docs(store)] == ["a.txt", "c.txt"]


def test_a_file_still_being_written_waits_for_the_next_round(tmp_path, light):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(story(1))
    w = Watcher([inbox], store=Store(f"sqlite:///{tmp_path / 's.db'}"), every=0.1, settle=60, say=lambda m: None)
    assert w.round().files == 0


class Feeds(BaseHTTPRequestHandler):
    """/wire.xml answers with an ETag and Last-Modified (304 when they match); /down fails until `up`."""

    state: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        st = Feeds.state
        st["requests"].append((self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")))
        if self.path == "/down.xml" and not st["up"]:
            self.send_response(503)
            self.end_headers()
            return
        body = st["body"]
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Tue, 01 Oct 2024 10:00:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Feeds.state = {"requests": [], "body": feed(range(3)), "up": False}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feeds_are_polled_conditionally_and_only_new_items_ingested(tmp_path, light, server):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    url = f"sqlite:///{tmp_path / 's.db'}"
    wire = f"{server}/wire.xml"
    w = Watcher([inbox], store=Store(url), feeds=[wire], every=0.1, settle=0, say=lambda m: None)
    r = w.round()
    assert r.feeds_changed == 1 and r.result.stored == 3
    assert Feeds.state["requests"][-1] == ("/wire.xml", None, None)
    r = w.round()
    path, etag, since = Feeds.state["requests"][-1]
    assert etag and since == "Tue, 01 Oct 2024 10:00:00 GMT"  # conditional GET
    assert r.feeds_polled == 1 and r.feeds_changed == 0
    Feeds.state["body"] = feed(range(5))  # two new items
    restarted = Watcher([inbox], store=Store(url), feeds=[wire], every=0.1, settle=0, say=lambda m: None)
    r = restarted.round()
    assert Feeds.state["requests"][-1][1] == etag  # the ETag was kept in the store across the restart
    assert r.feeds_changed == 1 and r.result.read == 5 and r.result.stored == 2 and r.result.skipped == 3
    assert sum(p == wire for p in _docs(Store(url))) == 5


def test_a_failing_feed_is_reported_and_retried_with_back_off(tmp_path, light, server):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    said: list[str] = []
    down = f"{server}/down.xml"
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    now = [1000.0]
    w = Watcher([inbox], store=store, feeds=[down], every=60, settle=0, say=said.append, clock=lambda: now[0])
    r = w.round()
    assert r.feeds_failed == [down] and "503" in said[-1] and down in said[-1] and "1 in a row" in said[-1]
    assert w.round().feeds_polled == 0  # backing off: not asked again at once
    now[0] += 60
    assert w.round().feeds_failed == [down] and "2 in a row" in said[-1]  # retried after one interval
    now[0] += 60
    assert w.round().feeds_polled == 0  # the second failure doubled the wait
    now[0] += 60
    Feeds.state["up"] = True
    r = w.round()
    assert r.feeds_failed == [] and r.feeds_changed == 1 and r.result.stored == 3
    assert "failures" not in next(iter(store.watched("feed").values()))


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_in_the_middle_of_a_batch_then_restart_loses_nothing_and_reads_nothing_twice(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    n = 64  # four chunks of 16: the kill lands after the first is stored, before the last
    for i in range(n):
        (inbox / f"{i:03d}.txt").write_text(story(i))
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "eventledger", "watch", str(inbox), "--db", f"sqlite:///{db}", "--every", "1s"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 600
    while _count(db, "select count(*) from documents") == 0:
        assert p.poll() is None, p.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    stored_before = _count(db, "select count(*) from documents")
    assert 0 < stored_before < n  # killed mid-batch
    # the killed watcher may have finished a round of the files already settled before the kill
    runs_before = _count(db, "select count(*) from ingest_runs")
    out = subprocess.run([*cmd, "--rounds", "1"], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    store = Store(f"sqlite:///{db}")
    docs = list(store.documents())
    assert len(docs) == n and len({d.path for d in docs}) == n
    assert all(d.segments for d in docs)  # no document without its segments: nothing half-written
    # nothing read twice: the restart stored only what the killed run had not, and skipped nothing it stored
    runs = store.ingest_runs()
    restart = sorted(runs, key=lambda r: r["id"])[runs_before:]
    assert restart and sum(r["stored"] for r in restart) == n - stored_before
    assert len(store.watched("file")) == n
    # every report is resolved into an event after the restart
    reports = {r["id"] for r in store.reports()}
    in_events = {r["id"] for e in store.events() for r in (e.to_dict() if hasattr(e, "to_dict") else e)["reports"]}
    assert reports and reports == in_events
    json.dumps(runs)  # the runs' counts are plain data
