"""Fuzzing of every reader and the sniffers: any bytes become valid Documents or Quarantined, never an exception.

Inputs are mostly real-shaped: the reader fixtures with fields swapped for values of the wrong type,
keys removed, deep nesting, 5,000-digit integers, lone surrogates and NUL escapes spliced in, then
sometimes cut or byte-flipped; plus generated HTML, feeds, WARCs and archives, and random bytes.

`make test` runs each target with a fixed, derandomised budget (EVENTLEDGER_FUZZ_EXAMPLES, default 200).
The long run is marked slow (EVENTLEDGER_FUZZ_SLOW_EXAMPLES per target, default 2,000; ten targets):
    .venv/bin/python -m pytest -n 2 -m slow tests/test_fuzz_readers.py --hypothesis-show-statistics
"""

from __future__ import annotations

import copy
import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.read import Reader, sniff
from eventledger.read.common import printable
from eventledger.read.decode import declared_charset, decode, html_charset, normalise_codec
from eventledger.read.validate import check_document
from eventledger.records import Document, Quarantined

FIX = Path(__file__).parent / "fixtures" / "read"
LIMIT = 2**20  # a small reader limit, so that "too large" is reachable too
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example, HealthCheck.filter_too_much]
CI = settings(
    max_examples=int(os.environ.get("EVENTLEDGER_FUZZ_EXAMPLES", "200")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=HEALTH,
)
LONG = settings(
    max_examples=int(os.environ.get("EVENTLEDGER_FUZZ_SLOW_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=HEALTH,
)


def check(data: bytes, name: str) -> None:
    """The property: every record is a valid Document or a one-line, printable quarantine naming the input."""
    for rec in Reader(max_bytes=LIMIT).read_bytes(data, path=name):
        assert rec.path.startswith(name)  # the file, or name!member for what came out of a zip
        if isinstance(rec, Document):
            assert check_document(rec, max_bytes=LIMIT) is None
            continue
        assert isinstance(rec, Quarantined), rec
        assert rec.reason and rec.reason == printable(rec.reason) and len(rec.reason) <= 300
        # the reader's last-resort net is for faults we have not met; a fuzz hit is a reader bug to fix
        assert not rec.reason.startswith("reader failed"), rec.reason


# --- building blocks ----------------------------------------------------------------------------------

# Values that broke readers or the store once, written as raw JSON text so they reach the parser as such.
RAW_JSON = [
    "9" * 5000,
    "-" + "1" * 4400,
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    str(2**63),
    str(-(2**63) - 1),
    '"\\ud800"',
    '"cut \\udc00 here"',
    '"a\\u0000b"',
    "[" * 3000 + "]" * 3000,
    '{"a":' * 250 + "1" + "}" * 250,
    '""',
    "{}",
    "[]",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1.5",
    '"[deleted]"',
    '"2024-13-45"',
    '"' + "9" * 300 + '"',
    '"\\u001b[31mred"',
    '"<script>x</script>"',
]
JSON_LEAF = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON_ANY = st.recursive(
    JSON_LEAF, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=12
)


def _slots(obj) -> list:
    """Every (container, key) in a JSON value, where a value can be swapped or removed."""
    out, stack = [], [obj]
    while stack:
        o = stack.pop()
        items = o.items() if isinstance(o, dict) else enumerate(o) if isinstance(o, list) else ()
        for k, v in items:
            out.append((o, k))
            stack.append(v)
    return out


@st.composite
def mutated_json(draw, base) -> str:
    """The base value with 1-4 slots swapped for random or known-bad values, or removed."""
    obj = copy.deepcopy(base)
    raws: dict[str, str] = {}
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(obj)
        if not slots:
            break
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        op = draw(st.sampled_from(["value", "raw", "raw", "delete"]))
        if op == "delete":
            container.pop(key)
        elif op == "raw":
            token = f"__raw{len(raws)}__"
            raws[token] = draw(st.sampled_from(RAW_JSON))
            container[key] = token
        else:
            container[key] = draw(JSON_ANY)
    text = json.dumps(obj)
    for token, raw in raws.items():
        text = text.replace(json.dumps(token), raw)
    return text


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """Usually the bytes as they are; sometimes cut, byte-flipped or with bytes inserted."""
    op = draw(st.sampled_from(["keep", "keep", "keep", "cut", "flip", "insert"]))
    if not data or op == "keep":
        return data
    at = draw(st.integers(0, len(data) - 1))
    if op == "cut":
        return data[:at]
    if op == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]


def fixture(name: str):
    return json.loads((FIX / name).read_text())


def json_lines(name: str) -> list:
    return [json.loads(line) for line in (FIX / name).read_text().splitlines() if line.strip()]


@st.composite
def mutated_lines(draw, lines: list) -> str:
    out = [json.dumps(x) for x in lines]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(out) - 1))
        out[i] = draw(st.one_of(mutated_json(lines[i]), st.text(max_size=40), st.sampled_from(RAW_JSON)))
    return "\n".join(out)


NAMES = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["a", "évé\x1b[2J", "x\u202eevil", "..", ""]
)


def named(payloads, *suffixes: str):
    return st.tuples(payloads, st.tuples(NAMES, st.sampled_from(suffixes)).map("".join))


# --- one strategy per reader ----------------------------------------------------------------------------

CODECS = ["utf-8", "utf-16", "cp1252", "cp1251", "koi8_r", "gb18030", "shift_jis", "latin-1", "utf-8-sig"]


@st.composite
def text_files(draw) -> bytes:
    kind = draw(st.sampled_from(["text", "page", "bytes", "high"]))
    if kind == "text":
        return draw(st.text(max_size=400)).encode(draw(st.sampled_from(CODECS)), "replace")
    if kind == "page":
        return draw(damaged((FIX / "page.txt").read_bytes()))
    if kind == "high":
        return bytes(b | 0x80 for b in draw(st.binary(min_size=1, max_size=3000)))
    return draw(st.binary(max_size=2000))


CHARSETS = [
    "utf-8",
    "UTF-16",
    "windows-1251",
    "latin1",
    "rot13",
    "base64",
    "zlib",
    "undefined",
    "idna",
    "utf-7",
    "utf-32",
    "x-unknown",
    "",
    "shift_jis",
    '"utf-8"',
    "unicode_escape",
]


@st.composite
def html_pages(draw) -> bytes:
    if draw(st.booleans()):
        return draw(damaged((FIX / "article.html").read_bytes()))
    depth = draw(st.sampled_from([0, 1, 5, 300, 3000]))
    body = "".join(draw(st.lists(st.text(max_size=120), max_size=6)))
    title = draw(st.text(max_size=80))
    meta = f'<meta charset="{draw(st.sampled_from(CHARSETS))}">' if draw(st.booleans()) else ""
    page = (
        f'<!DOCTYPE html><html lang="{draw(st.text(max_size=4))}"><head>{meta}<title>{title}</title></head>'
        f"<body>{'<div>' * depth}<article><p>{body}</p><p>{body[::-1]}</p></article>{'</div>' * depth}</body></html>"
    )
    return page.encode(draw(st.sampled_from(CODECS)), "replace")


@st.composite
def feeds(draw) -> bytes:
    if draw(st.booleans()):
        return draw(damaged((FIX / draw(st.sampled_from(["feed_rss.xml", "feed_atom.xml"]))).read_bytes()))
    items = "".join(
        f"<item><title>{draw(st.text(max_size=60)).replace('<', '&lt;')}</title>"
        f"<description><![CDATA[{draw(st.text(max_size=200)).replace(']]>', '')}]]></description>"
        f"<pubDate>{draw(st.text(max_size=30)).replace('<', '')}</pubDate>"
        f"<link>{draw(st.text(max_size=30)).replace('<', '')}</link><guid>{draw(st.integers())}</guid></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    return draw(damaged(xml.encode("utf-8", "surrogatepass")))


@st.composite
def warcs(draw) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=draw(st.booleans()))
    for n in range(draw(st.integers(0, 4))):
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "2OO OK", "", "999 Odd", "200"]))
        ctype = draw(
            st.sampled_from(
                [
                    "text/html; charset=utf-8",
                    "text/html; charset=rot13",
                    "image/png",
                    "application/xhtml+xml",
                    "text/html;charset=",
                ]
            )
        )
        payload = draw(st.one_of(html_pages(), st.binary(max_size=300)))
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",  # same bytes each run
            "WARC-Date": draw(st.sampled_from(["2024-03-25T10:00:00Z", "", "x"])),
        }
        w.write_record(
            w.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict=warc_headers,
            )
        )
    raw = buf.getvalue()
    if draw(st.booleans()):  # a Content-Length that lies
        raw = raw.replace(b"Content-Length: ", b"Content-Length: " + str(draw(st.integers(0, 9))).encode(), 1)
    return draw(damaged(raw))


def json_target(fixture_value, lines: bool = False):
    strategy = mutated_lines(fixture_value) if lines else mutated_json(fixture_value)
    return strategy.map(lambda t: t.encode("utf-8", "surrogatepass")).flatmap(damaged)


@st.composite
def archives(draw) -> bytes:
    inner = st.one_of(text_files(), json_target(fixture("lemmy_thread.json")))
    members = draw(st.lists(st.tuples(NAMES, inner), max_size=4))
    if draw(st.booleans()):
        buf = io.BytesIO()
        method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
        with zipfile.ZipFile(buf, "w", compression=method) as zf:
            for i, (name, data) in enumerate(members):
                zf.writestr(f"{i}/{name or 'x'}.{draw(st.sampled_from(['txt', 'json', 'gz']))}", data)
        data = buf.getvalue()
    else:
        data = b"".join(gzip.compress(m) for _, m in members) or gzip.compress(b"")
    if draw(st.booleans()):
        data = gzip.compress(data)  # an archive inside an archive
    return draw(damaged(data))


TARGETS = {
    "text": named(text_files(), ".txt", ".md", ""),
    "html": named(html_pages(), ".html", ".txt"),
    "feed": named(feeds(), ".xml", ".rss"),
    "warc": named(warcs(), ".warc", ".warc.gz"),
    "nostr": named(json_target(json_lines("nostr_notes.jsonl"), lines=True), ".jsonl", ".txt"),
    "telegram": named(json_target(fixture("telegram_result.json")), ".json"),
    "reddit": named(json_target(fixture("reddit_thread.json")), ".json"),
    "lemmy": named(json_target(fixture("lemmy_thread.json")), ".json"),
    "scraped": named(json_target(json_lines("scraped.jsonl"), lines=True), ".jsonl", ".json", ".txt"),
    "archive": named(archives(), ".zip", ".gz"),
}


@pytest.mark.parametrize("target", sorted(TARGETS))
@CI
@given(data=st.data())
def test_reader_fuzz(target, data):
    payload, name = data.draw(TARGETS[target])
    check(payload, name)


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(TARGETS))
@LONG
@given(data=st.data())
def test_reader_fuzz_long(target, data):
    payload, name = data.draw(TARGETS[target])
    check(payload, name)


# --- the sniffers -------------------------------------------------------------------------------------

SNIFF_INPUT = st.one_of(
    st.binary(max_size=600), text_files(), html_pages(), json_target(fixture("telegram_result.json"))
)
FORMATS = {"json", "feed", "html", "xml", "text"}


def check_sniffers(data: bytes, path: str, charset: str) -> None:
    assert sniff.container(data) in (None, "gzip", "zip")
    assert sniff.archive(data) in (None, "warc", "arc")
    assert sniff.binary_kind(data) is None or isinstance(sniff.binary_kind(data), str)
    for codec in (html_charset(data), declared_charset(data), normalise_codec(charset)):
        if codec is not None:
            data.decode(codec, "replace")  # whatever a sniffer names must be a charset Python can decode with
    text, codec = decode(data, declared=charset)
    assert isinstance(text, str) and (codec is None or isinstance(codec, str))
    assert sniff.text_format(text.lstrip("\ufeff \t\r\n"), path) in FORMATS


@CI
@given(data=SNIFF_INPUT, path=NAMES, charset=st.sampled_from(CHARSETS) | st.text(max_size=12))
def test_sniffers_fuzz(data, path, charset):
    check_sniffers(data, path, charset)


@pytest.mark.slow
@LONG
@given(data=SNIFF_INPUT, path=NAMES, charset=st.sampled_from(CHARSETS) | st.text(max_size=12))
def test_sniffers_fuzz_long(data, path, charset):
    check_sniffers(data, path, charset)
