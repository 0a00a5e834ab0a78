"""Issue 14: hostile inputs that once aborted a batch, hung it, or reached the store; each is one test.

Every test names the input that broke. A bad input must become one Quarantined record with a one-line
reason naming the file, and the good files of the same batch must be stored.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from eventledger.ingest import ingest
from eventledger.read import Reader
from eventledger.read import reader as reader_module
from eventledger.read.validate import check_document
from eventledger.records import Document, Quarantined
from eventledger.store import Store

FIX = Path(__file__).parent / "fixtures" / "read"
GOOD = b"Gunmen opened fire on a checkpoint in Kano on March 3, 2024, killing three people, police said.\n"


def fixture_json(name: str):
    return json.loads((FIX / name).read_text())


def read_one(path: Path) -> list:
    out = list(Reader().run([path]))
    for rec in out:
        assert isinstance(rec, (Document, Quarantined)), rec
        if isinstance(rec, Quarantined):
            assert rec.path == str(path) and rec.reason and "\n" not in rec.reason
        else:
            assert check_document(rec, max_bytes=Reader().max_bytes) is None
    return out


def quarantined(out: list) -> list[str]:
    return [r.reason for r in out if isinstance(r, Quarantined)]


@pytest.fixture(scope="module")
def shared_stages():
    # one Extractor (one spaCy load) for all ingests of this module; stages keep no state between documents
    from eventledger import ingest as ingest_module

    stages = ingest_module.processing_stages()
    return lambda: stages


@pytest.fixture
def run_ingest(tmp_path, monkeypatch, shared_stages):
    monkeypatch.setattr("eventledger.ingest.processing_stages", shared_stages)
    url = f"sqlite:///{tmp_path / 'store.db'}"

    def run(*paths):
        errors: list[Quarantined] = []
        result = ingest(list(paths), db=url, on_error=errors.append, resolve=False)
        return result, errors, Store(url)

    return run


# --- item 2: one bad file must not abort the batch ------------------------------------------------


def test_issue14_deeply_nested_json_is_quarantined(tmp_path):
    p = tmp_path / "deep.json"
    p.write_bytes(b"[" * 100_000 + b"]" * 100_000)  # raised RecursionError
    assert quarantined(read_one(p)) == ["JSON nested deeper than 200 levels"]


def test_issue14_deep_json_line_costs_only_its_line(tmp_path):
    lines = (FIX / "scraped.jsonl").read_text().splitlines()
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([lines[0], '{"url": "x", "title": "t", "text": ' + "[" * 5000 + "]" * 5000 + "}", lines[1]]))
    out = read_one(p)
    assert [type(r).__name__ for r in out] == ["Document", "Quarantined", "Document"]
    assert out[1].reason == "line 2: JSON nested deeper than 200 levels"


@pytest.mark.parametrize("value", [{}, {"first_name": "Ivan"}, ["Ivan"], 42])
def test_issue14_telegram_from_of_the_wrong_type_is_quarantined_alone(tmp_path, run_ingest, value):
    export = fixture_json("telegram_result.json")
    messages = [m for m in export["messages"] if m.get("type") == "message" and m.get("text")]
    messages[0]["from"] = value  # {"first_name": ...} reached the store: sqlite ProgrammingError
    p = tmp_path / "result.json"
    p.write_text(json.dumps(export))
    result, errors, store = run_ingest(p)
    assert result.stored == len(messages) - 1
    kind = {dict: "an object", list: "an array", int: "a number"}[type(value)]
    assert [e.reason for e in errors] == [f"message {messages[0]['id']}: 'from' is {kind}, expected text"]
    assert store.counts()["quarantined"] == 1


@pytest.mark.parametrize("url", [{}, {"href": "https://example.org/a"}, ["https://example.org/a"], 7])
def test_issue14_scraped_url_of_the_wrong_type_is_quarantined(tmp_path, run_ingest, url):
    p = tmp_path / "scraped.jsonl"
    good = {"url": "https://example.org/b", "title": "Checkpoint attack in Kano", "text": GOOD.decode()}
    bad = {"url": url, "title": "Bus bombing in Quetta", "text": "A bomb on a bus killed five people in Quetta."}
    p.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    result, errors, _ = run_ingest(p)
    assert result.stored == 1 and len(errors) == 1 and errors[0].reason.startswith("line 1: 'url' is ")


def test_issue14_reddit_listing_data_array(tmp_path):
    p = tmp_path / "thread.json"
    p.write_text(json.dumps([{"kind": "Listing", "data": []}]))  # raised AttributeError
    [reason] = quarantined(read_one(p))
    assert reason.startswith("item 1: unrecognised JSON")


def _set(obj, path: list, value) -> None:
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


REDDIT_POST = [0, "data", "children", 0, "data"]
REDDIT_COMMENT = [1, "data", "children", 0, "data"]


@pytest.mark.parametrize(
    ("fixture", "path", "label"),
    [
        ("reddit_thread.json", REDDIT_POST + ["title"], "Reddit thread: 'title'"),
        ("reddit_thread.json", REDDIT_POST + ["selftext"], "Reddit thread: 'selftext'"),
        ("reddit_thread.json", REDDIT_POST + ["author"], "Reddit thread: 'author'"),
        ("reddit_thread.json", REDDIT_COMMENT + ["body"], "Reddit thread: 'body'"),
        ("lemmy_thread.json", ["post_view", "post", "name"], "Lemmy thread: 'name'"),
        ("lemmy_thread.json", ["post_view", "post", "body"], "Lemmy thread: 'body'"),
        ("lemmy_thread.json", ["comments", 0, "comment", "content"], "Lemmy thread: 'content'"),
        ("lemmy_thread.json", ["post_view", "creator", "name"], "Lemmy thread: 'name'"),
    ],
)
@pytest.mark.parametrize("value", [5, ["a"], {"a": 1}, True])
def test_issue14_non_string_title_name_or_content_in_threads(tmp_path, fixture, path, label, value):
    obj = fixture_json(fixture)
    _set(obj, path, value)  # each raised AttributeError
    p = tmp_path / fixture
    p.write_text(json.dumps(obj))
    [reason] = quarantined(read_one(p))
    assert reason.startswith(label + " is ") and reason.endswith("expected text")


@pytest.mark.parametrize("value", [5, ["a"], {"a": 1}])
def test_issue14_non_string_nostr_content_costs_only_its_note(tmp_path, value):
    lines = (FIX / "nostr_notes.jsonl").read_text().splitlines()
    notes = [json.loads(line) for line in lines]
    events = [n[2] if isinstance(n, list) else n for n in notes]  # relay messages ["EVENT", sub, event]
    first_post = next(i for i, e in enumerate(events) if e["kind"] == 1)
    events[first_post]["content"] = value  # raised AttributeError
    p = tmp_path / "notes.jsonl"
    p.write_text("\n".join(json.dumps(n) for n in notes))
    out = read_one(p)
    assert quarantined(out) == [
        f"line {first_post + 1}: 'content' is "
        f"{ {int: 'a number', list: 'an array', dict: 'an object'}[type(value)] }, expected text"
    ]
    want = sum(1 for e in events if e["kind"] == 1) - 1
    assert len([r for r in out if isinstance(r, Document)]) == want


def test_issue14_5000_digit_integer(tmp_path):
    p = tmp_path / "big.json"
    p.write_bytes(b'{"url": "https://example.org/a", "title": "t", "text": "x", "score": ' + b"9" * 5000 + b"}")
    [reason] = quarantined(read_one(p))  # raised ValueError (int max str digits)
    assert reason.startswith("JSON number too long: Exceeds the limit (4300 digits)")


def test_issue14_lone_surrogate_in_json(tmp_path):
    p = tmp_path / "cut.jsonl"
    good = json.dumps({"url": "https://example.org/b", "title": "Kano", "text": GOOD.decode()})
    p.write_text('{"url": "https://example.org/a", "title": "Bus bomb \\ud800", "text": "Five killed."}\n' + good)
    out = read_one(p)  # raised UnicodeEncodeError
    assert [type(r).__name__ for r in out] == ["Quarantined", "Document"]
    assert out[0].reason.startswith("line 1: 'title' holds a lone surrogate (U+D800) at 9")


def test_issue14_lone_surrogate_in_a_telegram_message_costs_only_that_message(tmp_path):
    export = fixture_json("telegram_result.json")
    messages = [m for m in export["messages"] if m.get("type") == "message" and m.get("text")]
    p = tmp_path / "result.json"
    messages[0]["text"] += "\udc00"  # json.dumps writes it as the escape "\\udc00"
    p.write_text(json.dumps(export))
    out = read_one(p)
    assert len([r for r in out if isinstance(r, Document)]) == len(messages) - 1
    [reason] = quarantined(out)
    assert reason.startswith(f"message {messages[0]['id']}: message text holds a lone surrogate (U+DC00)")


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "undefined", "idna", "utf-7"])
def test_issue14_meta_charset_that_is_no_charset(tmp_path, charset):
    page = (FIX / "article.html").read_bytes()
    p = tmp_path / "page.html"
    p.write_bytes(page.replace(b"<head>", f'<head><meta charset="{charset}">'.encode(), 1))
    [doc] = read_one(p)  # rot13 raised LookupError; the declaration is ignored, the bytes are UTF-8
    assert isinstance(doc, Document) and doc.title == "Attackers storm hotel in Mogadishu"


def test_issue14_undecodable_file_name_is_read_under_an_escaped_name(tmp_path, run_ingest):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"report-\xff\xfe.txt")
    try:
        (folder / name).write_bytes(GOOD)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take undecodable names")
    (folder / "other.txt").write_bytes(GOOD.replace(b"Kano", b"Kaduna"))
    result, errors, store = run_ingest(folder)  # raised UnicodeEncodeError in the store
    assert result.stored == 2 and not errors
    from eventledger.export.jsonl import records

    paths = sorted(d["path"] for d in records(store, "documents"))
    assert paths == sorted([str(folder / "other.txt"), str(folder) + "/report-\\xff\\xfe.txt"])


def test_issue14_folder_of_four_keeps_the_good_files(tmp_path, run_ingest):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    (folder / "b.json").write_bytes(b"[" * 50_000 + b"]" * 50_000)
    export = fixture_json("telegram_result.json")
    next(m for m in export["messages"] if m.get("type") == "message" and m.get("text"))["from"] = {"id": 1}
    (folder / "c.json").write_text(json.dumps(export))
    (folder / "d.txt").write_bytes(GOOD.replace(b"Kano", b"Zaria"))
    result, errors, store = run_ingest(folder)  # stored 0: the crash after a.txt lost everything
    good_messages = sum(1 for m in export["messages"] if m.get("type") == "message" and m.get("text")) - 1
    assert result.stored == 2 + good_messages
    assert sorted(Path(e.path).name for e in errors) == ["b.json", "c.json"]
    assert store.counts()["documents"] == 2 + good_messages


# --- ingest: a document failing after the read stage is quarantined alone ----------------------------


def test_issue14_document_failing_in_extraction_alone_in_its_batch(tmp_path, run_ingest, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(GOOD)

    class Boom:
        name = "boom"

        def run(self, records, **kw):
            for r in records:
                raise RuntimeError("extractor fault")
                yield r

    monkeypatch.setattr("eventledger.ingest.processing_stages", lambda: [Boom()])
    result, errors, store = run_ingest(p)  # a batch of one re-raised
    assert result.stored == 0 and [e.stage for e in errors] == ["process"]
    assert errors[0].reason.endswith("RuntimeError: extractor fault") and store.counts()["quarantined"] == 1


def test_issue14_document_failing_at_store_time_is_quarantined_and_the_rest_stored(tmp_path, run_ingest, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for city in ("Kano", "Zaria", "Gombe"):
        (folder / f"{city}.txt").write_bytes(GOOD.replace(b"Kano", city.encode()))
    real_write = Store._write  # the one writer of a document, whether it is saved alone or in a chunk

    def write(self, session, doc, signature):
        if "Zaria" in doc.text:
            raise ValueError("value the database refuses")
        return real_write(self, session, doc, signature)

    monkeypatch.setattr(Store, "_write", write)
    result, errors, store = run_ingest(folder)  # aborted the batch
    assert result.stored == 2 and [(Path(e.path).name, e.stage) for e in errors] == [("Zaria.txt", "store")]
    assert store.counts()["documents"] == 2


# --- item 3: FIFOs and devices ----------------------------------------------------------------------


def test_issue14_fifo_in_the_input_folder_is_quarantined_not_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    fifo = folder / "b.pipe"
    os.mkfifo(fifo)
    out: list = []
    reader = threading.Thread(target=lambda: out.extend(Reader().run([folder])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    hung = reader.is_alive()
    if hung:  # release the reader that waits for a writer, so the test ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=5)
    assert not hung, "the reader opened the FIFO and waited for a writer"
    assert [type(r).__name__ for r in out] == ["Document", "Quarantined"]
    assert out[1].path == str(fifo) and out[1].reason == "not read: a named pipe (FIFO); only regular files are read"


DEV_ZERO = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1500 * 2**20, 1500 * 2**20))  # on failure: MemoryError, not a dead machine
from eventledger.read import Reader
print([r.reason for r in Reader().run(["/dev/zero"])])
"""


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_issue14_dev_zero_is_refused(tmp_path):
    r = subprocess.run([sys.executable, "-c", DEV_ZERO], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-500:]  # it read until memory ran out
    assert r.stdout.strip() == "['not read: a character device; only regular files are read']"


def test_issue14_size_limit_holds_on_bytes_read_not_on_st_size(tmp_path, monkeypatch):
    p = tmp_path / "grows.txt"
    p.write_bytes(GOOD * 100)
    real_fstat = os.fstat

    def lying_fstat(fd):  # /proc files and files that grow after the stat say less than they hold
        st = real_fstat(fd)
        return os.stat_result(
            (
                st.st_mode,
                st.st_ino,
                st.st_dev,
                st.st_nlink,
                st.st_uid,
                st.st_gid,
                0,
                st.st_atime,
                st.st_mtime,
                st.st_ctime,
            )
        )

    monkeypatch.setattr(os, "fstat", lying_fstat)
    asked: list[tuple[int, int]] = []
    real_read = reader_module._read_at_most

    def spy(f, n):
        data = real_read(f, n)
        asked.append((n, len(data)))
        return data

    monkeypatch.setattr(reader_module, "_read_at_most", spy)  # main had no bounded read: AttributeError
    limit = len(GOOD) * 10
    [q] = Reader(max_bytes=limit).run([p])
    assert isinstance(q, Quarantined) and q.reason == f"too large: more than {limit} bytes read, over the limit"
    assert asked == [(limit + 1, limit + 1)]


# --- item 6: smaller failures -----------------------------------------------------------------------


def _warc_with_bad_middle_record() -> bytes:
    import re

    from support.warc import warc_bytes

    raw = warc_bytes(gz=False)
    starts = [m.start() for m in re.finditer(rb"WARC/1\.", raw)]
    rec = raw[starts[4] : starts[5]]  # the response for https://example.org/b
    m = re.search(rb"Content-Length: (\d+)", rec)
    bad = rec[: m.start(1)] + str(int(m.group(1)) - 10).encode() + rec[m.end(1) :]
    return raw[: starts[4]] + bad + raw[starts[5] :]


def test_issue14_warc_bad_middle_record_is_quarantined(tmp_path, capfd):
    p = tmp_path / "crawl.warc"
    p.write_bytes(_warc_with_bad_middle_record())
    out = read_one(p)  # skipped silently, with a warning printed by warcio
    assert [getattr(r, "url", None) for r in out] == ["https://example.org/a", None, "https://example.org/c"]
    assert out[1].reason.startswith("WARC record 5: its Content-Length does not match the record")
    assert "WARNING" not in capfd.readouterr().err


def test_issue14_warc_malformed_http_status_is_quarantined(tmp_path):
    from support.warc import warc_bytes

    raw = warc_bytes(gz=False).replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 2OO OK", 1)  # the page at /a
    p = tmp_path / "crawl.warc"
    p.write_bytes(raw)
    out = read_one(p)  # skipped silently: its status was not "200"
    assert [getattr(r, "url", None) for r in out] == [None, "https://example.org/b", "https://example.org/c"]
    assert out[0].reason == "WARC record 2 (https://example.org/a): malformed HTTP status line '2OO OK'"


def test_issue14_warc_bad_middle_record_strict_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc").write_bytes(_warc_with_bad_middle_record())
    cmd = [
        sys.executable,
        "-m",
        "eventledger",
        "ingest",
        str(tmp_path / "in"),
        "--db",
        f"sqlite:///{tmp_path / 's.db'}",
        "--quiet",
        "--strict",
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 2 and "crawl.warc: WARC record 5" in r.stderr and "WARNING" not in r.stderr


@pytest.mark.parametrize("size", [200, 4000, 100_000])
def test_issue14_random_high_bytes_named_txt_are_not_stored(tmp_path, size):
    rng = random.Random(size)
    p = tmp_path / "notes.txt"
    p.write_bytes(bytes(rng.randrange(128, 256) for _ in range(size)))
    assert quarantined(read_one(p)) == ["binary or undecodable: not UTF-8, and no known encoding reads it as text"]


def test_issue14_escape_codes_in_file_names_are_not_printed_raw(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]0;pwned\x07\x1b[2J.txt").write_bytes(b"")
    cmd = [
        sys.executable,
        "-m",
        "eventledger",
        "ingest",
        str(folder),
        "--db",
        f"sqlite:///{tmp_path / 's.db'}",
        "--quiet",
    ]
    r = subprocess.run(cmd, capture_output=True, timeout=600)
    assert r.returncode == 0
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert b"evil\\x1b]0;pwned\\x07\\x1b[2J.txt: empty file" in r.stderr


def test_issue14_escape_codes_in_a_missing_path_are_not_printed_raw(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "eventledger", "ingest", str(tmp_path / "no\x1b[31m.txt")],
        capture_output=True,
        timeout=600,
    )
    assert r.returncode == 1 and b"\x1b" not in r.stderr and b"no\\x1b[31m.txt: no such file" in r.stderr


# --- the same inputs through the upload API: a job done with the quarantine, never 500 ------------------------


@pytest.fixture(scope="module")
def api(tmp_path_factory, shared_stages):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    from eventledger.serve import create_app

    mp = pytest.MonkeyPatch()
    mp.setattr("eventledger.ingest.processing_stages", shared_stages)
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('upload') / 'ledger.db'}")
    yield TestClient(create_app(store, write_token="t0ken"), raise_server_exceptions=False)
    store.close()
    mp.undo()


def _telegram_with_bad_from() -> bytes:
    export = fixture_json("telegram_result.json")
    next(m for m in export["messages"] if m.get("type") == "message" and m.get("text"))["from"] = {"id": 1}
    return json.dumps(export).encode()


UPLOADS = [
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, 1),
    ("result.json", None, 1),  # Telegram "from": {...}
    ("scraped.jsonl", json.dumps({"url": {"a": 1}, "title": "t", "text": "x"}).encode(), 1),
    ("thread.json", json.dumps([{"kind": "Listing", "data": []}]).encode(), 1),
    ("big.json", b'{"url": "u", "title": "t", "text": ' + b"9" * 5000 + b"}", 1),
    ("cut.jsonl", b'{"url": "u", "title": "a \\ud800", "text": "x"}', 1),
    (
        "page.html",
        b'<html><head><meta charset="rot13"><title>Raid</title></head><body><p>' + GOOD + b"</p></body></html>",
        0,
    ),
    ("..", GOOD, 0),
    ("x" * 300 + ".txt", GOOD, 0),
    ("noise.txt", random.Random(1).randbytes(3000).translate(bytes(range(128, 256)) * 2), 1),
]


@pytest.mark.parametrize(("name", "data", "bad"), UPLOADS, ids=[u[0][:20] for u in UPLOADS])
def test_issue14_hostile_uploads_are_quarantined_not_500(api, name, data, bad):
    data = _telegram_with_bad_from() if data is None else data
    r = api.post(
        "/api/documents", files={"file": (name, data)}, headers={"Authorization": "Bearer t0ken"}, params={"wait": 60}
    )  # an upload is a job (202); wait for it to finish
    assert r.status_code == 202 and r.json()["status"] == "done", r.text[:300]
    assert len(r.json()["result"]["quarantined"]) == bad


# --- found by tests/test_fuzz_readers.py ------------------------------------------------------------


def test_feed_with_a_non_utf8_byte_in_its_encoding_declaration(tmp_path):
    p = tmp_path / "feed.xml"
    p.write_bytes(
        b'<?xml version="1.0" encoding="\x80utf-8"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    )  # feedparser raised UnicodeDecodeError
    [reason] = quarantined(read_one(p))
    assert reason.startswith("malformed feed XML: feedparser failed: UnicodeDecodeError")


def test_declared_charset_with_a_nul_in_its_name():
    from eventledger.read.decode import decode, normalise_codec

    assert normalise_codec("utf\x008") is None  # codecs.lookup raised ValueError
    assert decode(GOOD, declared="utf\x008") == (GOOD.decode(), "utf_8")
