"""The analyst's views without a browser: what the briefing says is new after a second ingest, how the
timeline draws gaps and coarse dates, and what search finds."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from eventledger.ids import make_id
from eventledger.records import Count, DateValue, Document, Event, Evidence, Piece, Place, Report, Segment
from eventledger.serve import create_app
from eventledger.serve.briefing import briefing
from eventledger.serve.timeline import axis, geometry, timeline
from eventledger.store import EventFilter, Store
from eventledger.store.db import now
from support.sample import build_sample


@pytest.fixture()
def sample(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'l.db'}")
    ids = build_sample(store)
    yield store, ids
    store.close()


def _later_report(store, crocus_id: str) -> tuple[str, str]:
    """A new outlet reports 150 dead and blames a group: a second ingest, a second later."""
    text = "Officials now say 150 people were killed in the Krasnogorsk concert hall attack."
    doc_id = make_id("doc", text)
    doc = Document(
        id=doc_id,
        path="later.txt",
        kind="article",
        content=text.encode(),
        text=text,
        source="Late Post",
        title="Toll revised again",
        published=DateValue("2024-04-09", "day"),
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
    ev = Evidence(doc_id, seg.id, text.index("150 people"), text.index("150 people") + 10, "150 people")
    rep = Report(
        id=make_id("rep", seg.id, 0),
        document=doc_id,
        segment=seg.id,
        source="Late Post",
        type="armed-assault",
        date=DateValue("2024-03-22", "day"),
        place=Place(name="Crocus City Hall", country="RU"),
        counts={"killed": [Count(150, "exact", 150, 150, "people", ev)]},
        evidence=Evidence(doc_id, seg.id, 0, len(text), text),
    )
    doc.reports.append(rep)
    store.save_document(doc)
    events = store.events()
    for e in events:
        if e["id"] == crocus_id:
            e["reports"].append({"id": rep.id, "document": doc_id, "segment": seg.id, "source": "Late Post"})
            e["sources"].append({"name": "Late Post", "document": doc_id})
            e["counts"]["killed"]["values"].append(
                {
                    "value": 150,
                    "qualifier": "exact",
                    "low": 150,
                    "high": 150,
                    "who": "people",
                    "evidence": ev.to_dict(),
                    "report": rep.id,
                    "source": "Late Post",
                }
            )
            e["counts"]["killed"]["high"] = 150
            e["perpetrators"].append(
                {
                    "actor": "Some Front",
                    "actor_id": None,
                    "basis": "attributed",
                    "by": "Late Post officials",
                    "reports": [rep.id],
                }
            )
            e["contradictions"][0]["values"].append({"value": 150, "reports": [rep.id]})
    store.replace_events([Event.from_dict(e) for e in events], ambiguous=[], revisions=[])
    return rep.id, doc_id


def test_briefing_after_a_second_ingest_says_what_is_new(sample):
    store, ids = sample
    store.record_ingest(started="2000-01-01T00:00:00+00:00", counts={"read": 5, "stored": 5})
    time.sleep(1.1)  # stamps are to the second
    started = now()
    _later_report(store, ids["crocus"])
    store.record_ingest(started=started, counts={"read": 1, "stored": 1})
    b = briefing(store)
    assert b["since"] == started and b["run"]["stored"] == 1 and len(b["runs"]) == 2
    assert [e["id"] for e in b["events"]] == [ids["crocus"]]  # nothing else changed
    new = {(n["kind"], n["text"]) for n in b["events"][0]["new"]}
    assert ("new figure", "killed: 150 (Late Post)") in new
    assert ("new attribution", "Some Front, blamed by Late Post officials") in new
    assert not any(k == "new event" for k, _ in new)
    assert not any(k == "new contradiction" for k, _ in new)  # killed was already disputed before
    assert (
        b["events"][0]["summary"][0]["new"] and "150" in b["events"][0]["summary"][0]["text"]
    )  # the new sentence first
    everything = briefing(store, "2000-01-01")
    assert {e["id"] for e in everything["events"]} == {ids["crocus"], ids["borno"], ids["kano"]}


def test_briefing_api_defaults_and_rejects_bad_since(sample):
    store, ids = sample
    client = TestClient(create_app(store))
    body = client.get("/api/briefing").json()
    assert body["since"] and "no record of its ingest runs" in body["basis"]
    assert client.get("/api/briefing", params={"since": "yesterday"}).status_code == 422
    assert client.get("/briefing", params={"since": "yesterday"}).status_code == 200  # the page says why instead


def _periods(rows):
    class Fake:
        def event_periods(self, f, actor_id=None):
            return rows

    return Fake()


def test_timeline_keeps_gaps_folds_long_ones_and_bands_coarse_dates():
    rows = [
        {"date": "2017-10-14", "precision": "day", "type": "bombing", "killed": 500, "policy": "acled"},
        {"date": "2024-03-22", "precision": "day", "type": "armed assault", "killed": 40, "policy": "acled"},
        {"date": "2024-03", "precision": "month", "type": "arrest", "killed": None, "policy": None},
        {"date": "2004", "precision": "year", "type": "armed assault", "killed": 334, "policy": "acled"},
        {"date": None, "precision": None, "type": "arrest", "killed": None, "policy": None},
    ]
    t = timeline(_periods(rows), EventFilter(), unit="month")
    assert [b["bucket"] for b in t["buckets"]] == ["2017-10", "2024-03"]
    assert t["gaps"] == [{"after": "2017-10", "before": "2024-03", "empty": 76}]
    assert t["counts"] == {"day": 2, "month": 1, "year": 1, "undated": 1} and t["policies"] == {"acled": 3}
    slots = axis(t)  # 2004-01 .. 2024-03 is longer than the axis can show: empty stretches fold
    assert sum(1 for s in slots if s.get("gap")) == 2 and sum(s.get("empty", 1) for s in slots) == 243
    fold = next(s for s in slots if s.get("gap") and s["from"].startswith("2004"))
    assert fold["coarse"] == 1  # the year-only 2004 event falls inside it, drawn in the band
    g = geometry(t, colour={})
    assert {b["title"].split(" (")[1].split(" ")[0] for b in g["band"]} == {"month", "year"}
    assert len(g["breaks"]) == 2 and len(g["lines"]) == 2  # the deaths line is broken at a fold


def test_short_gaps_stay_on_the_axis():
    rows = [
        {"date": "2024-01-04", "precision": "day", "type": "bombing", "killed": 95, "policy": "acled"},
        {"date": "2024-03-22", "precision": "day", "type": "armed assault", "killed": 40, "policy": "acled"},
    ]
    slots = axis(timeline(_periods(rows), EventFilter(), unit="month"))
    assert [s["bucket"] for s in slots] == ["2024-01", "2024-02", "2024-03"] and slots[1]["events"] == 0


def test_search_api_events_then_passages(sample):
    store, ids = sample
    client = TestClient(create_app(store))
    body = client.get("/api/search", params={"q": "Maiduguri"}).json()
    assert body["events"][0]["id"] == ids["borno"] and body["events"][0]["matched"] == "place"
    (hit,) = body["items"]
    assert (
        hit["source"] == "Sahel Desk"
        and hit["date"]["value"] == "2024-05-08"
        and hit["events"][0]["id"] == ids["borno"]
    )
    assert hit["title"] is None  # the segment's title is its page's: said once, as document_title
    isk = client.get("/api/search", params={"q": "ISKP"}).json()  # an alias the text never uses
    assert [e["id"] for e in isk["events"]] == [ids["crocus"]] and isk["events"][0]["matched"] == "actor"


def test_events_filter_by_admin1(sample):
    store, ids = sample
    client = TestClient(create_app(store))
    items = client.get("/api/events", params={"admin1": "borno"}).json()["items"]
    assert [e["id"] for e in items] == [ids["borno"]]  # the event's own province, any case


def test_whats_new_names_each_kind():
    from eventledger.serve.briefing import whats_new

    stored, since = {"r_old": "2024-01-01T00:00:00+00:00", "r_new": "2024-06-01T00:00:00+00:00"}, "2024-05-01"
    e = {
        "reports": [{"id": "r_old"}, {"id": "r_new"}],
        "counts": {
            "killed": {
                "values": [
                    {"value": 12, "report": "r_old", "source": "A"},
                    {"value": 15, "report": "r_new", "source": "B"},
                ]
            }
        },
        "perpetrators": [
            {"actor": "Northern Front", "basis": "claimed", "reports": ["r_new"]},
            {"actor": "gunmen", "basis": "reported", "reports": ["r_old"]},
        ],
        "contradictions": [
            {
                "field": "counts.killed",
                "values": [{"value": 12, "reports": ["r_old"]}, {"value": 15, "reports": ["r_new"]}],
            }
        ],
    }
    assert [(n["kind"], n["text"]) for n in whats_new(e, stored, since, [])] == [
        ("new figure", "killed: 15 (B)"),
        ("new claim", "Northern Front claimed it"),
        ("new contradiction", "counts.killed: 12 vs 15"),
    ]
    only_old = {**e, "reports": [{"id": "r_old"}], "counts": {}, "perpetrators": [], "contradictions": []}
    assert whats_new(only_old, stored, since, [{"change": "update", "why": "merged by an analyst"}]) == [
        {"kind": "changed", "text": "update: merged by an analyst"}
    ]
    assert whats_new({"reports": [{"id": "r_new"}]}, stored, since, [])[0] == {
        "kind": "new event",
        "text": "first reported: 1 report",
    }
