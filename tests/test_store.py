"""The store on SQLite and PostgreSQL: idempotent writes, all-or-nothing documents, events swap."""

from __future__ import annotations

import pytest

from eventledger.export.jsonl import records
from eventledger.ids import make_id
from eventledger.records import (
    Count,
    DateValue,
    Document,
    Dropped,
    Event,
    Evidence,
    Piece,
    Place,
    Quarantined,
    Report,
    Segment,
    Statement,
)
from eventledger.store import Store, StoreError


def make_doc(text: str = "Gunmen attacked a market in Kano on Monday, killing 12 people.") -> Document:
    doc_id = make_id("doc", text)
    doc = Document(
        id=doc_id,
        path="x/news.txt",
        kind="article",
        content=text.encode(),
        text=text,
        source="Daily Example",
        published=DateValue("2024-05-06", "day"),
        language="en",
    )
    seg = Segment(
        id=make_id("seg", doc_id, 0),
        document=doc_id,
        index=0,
        kind="article",
        text=text,
        pieces=[Piece(0, 0, len(text))],
        language="en",
    )
    doc.segments.append(seg)
    doc.dropped.append(Dropped("menu", "navigation list", 42, None, None, "Home | World"))
    start = text.index("12 people")
    ev = Evidence(doc_id, seg.id, start, start + 9, text[start : start + 9])
    doc.reports.append(
        Report(
            id=make_id("rep", seg.id, 0),
            document=doc_id,
            segment=seg.id,
            source="Daily Example",
            type="armed-assault",
            date=DateValue("2024-05-06", "day"),
            place=Place(name="Kano", country="NG"),
            counts={"killed": [Count(12, "exact", 12, 12, "people", ev)]},
            evidence=ev,
        )
    )
    doc.statements.append(
        Statement(
            id=make_id("sta", seg.id, 0),
            document=doc_id,
            segment=seg.id,
            speaker="Police",
            speaker_role=None,
            kind="quote",
            text=text,
            evidence=Evidence(doc_id, seg.id, 0, len(text), text),
        )
    )
    return doc


def test_save_is_idempotent(store: Store):
    doc = make_doc()
    assert store.save_document(doc) is True
    assert store.save_document(make_doc()) is False
    c = store.counts()
    assert (c["documents"], c["segments"], c["reports"], c["statements"], c["dropped"], c["sources"]) == (
        1,
        1,
        1,
        1,
        1,
        1,
    )


def test_document_export_shape_and_evidence(store: Store):
    store.save_document(make_doc())
    (d,) = records(store, "documents")
    assert d["published"] == {"value": "2024-05-06", "precision": "day"}
    assert d["source"] == "Daily Example" and d["segments"][0]["kind"] == "article"
    assert d["dropped"] == [
        {"kind": "menu", "reason": "navigation list", "chars": 42, "start": None, "end": None, "text": "Home | World"}
    ]
    (r,) = records(store, "reports")
    ev = r["counts"]["killed"][0]["evidence"]
    assert d["text"][ev["start"] : ev["end"]] == ev["text"] == "12 people"


def test_failed_document_leaves_nothing(store: Store):
    doc = make_doc()
    doc.reports.append(None)  # breaks in the middle of the write
    with pytest.raises(Exception):
        store.save_document(doc)
    assert store.counts()["documents"] == 0 and store.counts()["segments"] == 0


def test_quarantine_once_per_reason(store: Store):
    q = Quarantined("in/bad.json", "malformed JSON: line 1 column 5")
    store.quarantine(q)
    store.quarantine(q)
    assert store.counts()["quarantined"] == 1


def test_replace_events_keeps_unchanged_rows(store: Store):
    store.save_document(make_doc())
    (r,) = records(store, "reports")
    ev = {
        "id": "evt_1",
        "type": "armed-assault",
        "date": r["date"],
        "place": r["place"],
        "reports": [{"id": r["id"]}],
        "statements": [],
        "independent_sources": 1,
        "contradictions": [],
    }
    first = [{"event": "evt_1", "change": "new", "why": "first report"}]
    store.replace_events([Event.from_dict(ev)], ambiguous=[], revisions=first)
    store.replace_events([Event.from_dict(ev)], ambiguous=[], revisions=[])
    (e,) = records(store, "events")
    assert e["id"] == "evt_1" and store.counts()["events"] == 1
    store.replace_events([], ambiguous=[], revisions=[])
    assert store.counts()["events"] == 0


def test_bad_url_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open store"):
        Store("postgresql://nobody@127.0.0.1:1/none")
