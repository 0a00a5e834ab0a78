"""The read stage's boundary check: each kind of bad value it stops, and the quarantine that replaces the document."""

from __future__ import annotations

import math

import pytest

from eventledger.read import Reader
from eventledger.read.common import Part, structured_document
from eventledger.read.validate import check_document
from eventledger.records import DateValue, Document, Piece, Quarantined

TEXT = "Gunmen killed three people at a checkpoint in Kano."


def document(**fields) -> Document:
    doc = structured_document(
        [Part(kind="post", text=TEXT, score=3, depth=0)],
        item_bytes=TEXT.encode(),
        path="in/a.json",
        kind="post",
        meta={"format": "nostr", "event_id": "ab12"},
    )
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc


def test_a_sound_document_passes():
    assert check_document(document(), max_bytes=2**20) is None


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": {"href": "x"}}, "url is an object, expected text"),
        ({"author": 7}, "author is a number, expected text"),
        ({"title": "cut \ud800"}, "title holds a lone surrogate (U+D800) at 4"),
        ({"source": "a\x00b"}, "source holds a NUL character at 1"),
        ({"title": "x" * 10_001}, "title is 10001 characters, over the limit of 10000"),
        ({"text": ""}, "text is empty"),
        ({"content": "not bytes"}, "content is str, expected bytes"),
        ({"published": DateValue("2024-13-45", "day")}, "published '2024-13-45' is not a real date"),
        ({"published": DateValue("2024-03", "day")}, "published '2024-03' is not an ISO date of precision 'day'"),
        ({"published": DateValue(None, "day")}, "published has precision 'day' but no value"),
        ({"meta": {"x": math.nan}}, "meta cannot be stored as JSON: ValueError"),
        ({"meta": {"x": "a\x00"}}, "meta holds a NUL character"),
        ({"meta": {"x": object()}}, "meta cannot be stored as JSON: TypeError"),
    ],
)
def test_each_bad_value_is_named(fields, reason):
    assert check_document(document(**fields), max_bytes=2**20).startswith(reason)


def test_segment_values_and_offsets_are_checked():
    doc = document()
    doc.segments[0].score = 2**63
    assert check_document(doc, max_bytes=2**20) == (
        "segment 0 score is 9223372036854775808, outside the 64-bit range a store column holds"
    )
    doc = document()
    doc.segments[0].pieces = [Piece(0, 5, 10)]
    assert check_document(doc, max_bytes=2**20) == "segment 0 does not match the document text at offset 5"


def test_content_over_the_limit():
    assert check_document(document(), max_bytes=10) == f"content is {len(TEXT)} bytes, over the 10-byte limit"


def test_a_document_failing_the_check_leaves_the_reader_as_a_quarantine(monkeypatch):
    bad = document(title="x\x00")
    monkeypatch.setattr("eventledger.read.reader.read_content", lambda data, path: iter([bad, document()]))
    out = list(Reader().read_bytes(b"anything", path="in/a.json"))
    assert isinstance(out[0], Quarantined) and isinstance(out[1], Document)
    assert out[0].path == "in/a.json"
    assert (
        out[0].reason == "event ab12: invalid document: title holds a NUL character at 1: binary data in a text field"
    )


def test_a_reader_fault_costs_the_rest_of_its_file_only(monkeypatch):
    def faulty(data, path):
        yield document()
        raise KeyError("surprise")

    monkeypatch.setattr("eventledger.read.reader.read_content", faulty)
    out = list(Reader().read_bytes(b"anything", path="in/a.json"))
    assert [type(r).__name__ for r in out] == ["Document", "Quarantined"]
    assert out[1].reason == "reader failed: KeyError: 'surprise'; the rest of this file was not read"
