"""API contract: status codes, cursor pagination, filters, token-guarded writes, security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventledger.serve import create_app
from eventledger.serve.views import source_id
from eventledger.store import Store
from support.sample import XSS, build_sample

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('api') / 'ledger.db'}")
    ids = build_sample(store)
    client = TestClient(create_app(store, write_token=TOKEN))
    yield client, ids, store
    store.close()


def test_events_page_through_with_cursor(env):
    client, ids, _ = env
    seen, cursor = [], None
    for _ in range(5):
        r = client.get("/api/events", params={"limit": 1, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == 3
        seen += [e["id"] for e in body["items"]]
        cursor = body["next"]
        if not cursor:
            break
    assert seen == [ids["kano"], ids["borno"], ids["crocus"]]  # newest first, each once


@pytest.mark.parametrize("sort", ["date", "-killed", "killed", "sources", "-sources", "-updated"])
def test_every_sort_pages_without_loss(env, sort):
    client, ids, _ = env
    seen, cursor = [], None
    while True:
        body = client.get(
            "/api/events", params={"limit": 2, "sort": sort, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [e["id"] for e in body["items"]]
        cursor = body["next"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids[k] for k in ("crocus", "borno", "kano"))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"country": "ng"}, {"borno", "kano"}),
        ({"contested": "true"}, {"crocus"}),
        ({"min_sources": 2}, {"crocus"}),
        ({"type": "bombing"}, {"kano"}),
        ({"date_from": "2024-05-01", "date_to": "2024-05-10"}, {"borno"}),
        ({"actor": "ISKP"}, {"crocus"}),
        ({"q": "cattle market"}, {"borno"}),
        ({"q": "Krasnogorsk"}, {"crocus"}),
    ],
)
def test_filters(env, params, expected):
    client, ids, _ = env
    body = client.get("/api/events", params=params).json()
    assert {e["id"] for e in body["items"]} == {ids[k] for k in expected}


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"date_from": "March"},
        {"country": "Nigeria"},
        {"sort": "price"},
        {"min_sources": -1},
        {"cursor": "not-a-cursor"},
    ],
)
def test_bad_params_are_422(env, params):
    client, _, _ = env
    assert client.get("/api/events", params=params).status_code == 422


def test_cursor_from_another_sort_is_422(env):
    client, _, _ = env
    nxt = client.get("/api/events", params={"limit": 1, "sort": "killed"}).json()["next"]
    assert client.get("/api/events", params={"limit": 1, "cursor": nxt}).status_code == 422


def test_dossier_has_every_value_with_evidence(env):
    client, ids, _ = env
    d = client.get(f"/api/events/{ids['crocus']}").json()
    (killed,) = [c for c in d["counts"] if c["kind"] == "killed"]
    assert sorted((v["value"], v["source"]) for v in killed["values"]) == [
        (137, "Northern Wire"),
        (139, "Daily Example"),
        (144, "Metro Bulletin"),
    ]
    assert all(v["evidence"]["context"]["ok"] for v in killed["values"]) and killed["contested"]
    assert {p["basis"] for p in d["perpetrators"]} == {"claimed", "attributed"}
    assert d["corrections"][0]["kind"] == "note" and len(d["statements"]) == 2


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/evt_nope",
        "/api/reports/rep_nope",
        "/api/statements/sta_nope",
        "/api/documents/doc_nope",
        "/api/actors/no-such-actor",
        "/api/sources/src_nope",
    ],
)
def test_unknown_ids_are_404(env, path):
    client, _, _ = env
    assert client.get(path).status_code == 404


def test_lists_and_details(env):
    client, ids, _ = env
    for path, n in (("/api/reports", 5), ("/api/statements", 3), ("/api/documents", 5)):
        body = client.get(path, params={"limit": 2}).json()
        assert len(body["items"]) == 2 and body["next"]
        rest = client.get(path, params={"limit": 10, "cursor": body["next"]}).json()
        assert len(rest["items"]) == n - 2 and rest["next"] is None
    assert client.get(f"/api/reports/{ids['reports']['a']}").json()["source"] == "Northern Wire"
    assert client.get(f"/api/statements/{ids['statements']['claim']}").json()["event"] == ids["crocus"]
    doc = client.get(f"/api/documents/{ids['docs']['x']}").json()
    assert doc["dropped"][0]["kind"] == "menu" and doc["segments"][0]["text"].count("<script>") == 1
    a = client.get("/api/actors/islamic-state-khorasan").json()
    assert a["parent"]["id"] == "islamic-state" and a["events"][0]["roles"] == ["perpetrator (claimed)"]
    assert a["statements_by"][0]["kind"] == "claim-of-responsibility"
    src = client.get(f"/api/sources/{source_id('Northern Wire')}").json()
    assert src["agreement"] == {**src["agreement"], "events_compared": 1, "events_disagreed": 1}
    assert any(s["name"] == "Daily Example" for s in client.get("/api/sources").json()["items"])


def test_search_briefing_map_timeline(env):
    client, ids, _ = env
    hits = client.get("/api/search", params={"q": "death toll"}).json()["items"]
    assert [h["document"] for h in hits] == [ids["docs"]["b"]] and "\x02" in hits[0]["snippet"]
    assert client.get("/api/search", params={"q": '"unbalanced AND ('}).status_code == 200
    b = client.get("/api/briefing", params={"since": "2000-01-01"}).json()
    crocus = next(e for e in b["events"] if e["id"] == ids["crocus"])
    docs = {ids["docs"][k]: k for k in "abc"}
    assert crocus["summary"] and all(s["document"] in docs for s in crocus["summary"])
    assert client.get("/api/briefing", params={"since": "2999-01-01"}).json()["events"] == []
    fc = client.get("/api/map", params={"country": "RU"}).json()
    assert fc["matched"] == 1 and fc["features"][0]["geometry"]["coordinates"] == [37.39, 55.826]
    tl = client.get("/api/timeline", params={"unit": "week"}).json()
    assert tl["buckets"][0]["bucket"] == "2024-03-18" and tl["buckets"][0]["killed"] == 144


def test_briefing_sentences_are_quotes(env):
    client, _, store = env
    from eventledger.export.jsonl import records

    texts = {d["id"]: d["text"] for d in records(store, "documents")}
    for e in client.get("/api/briefing", params={"since": "2000-01-01"}).json()["events"]:
        for s in e["summary"]:
            assert texts[s["document"]][s["start"] : s["end"]] == s["text"]


def test_writes_need_the_token(env):
    client, ids, store = env
    body = {"kind": "set-best", "field": "killed", "value": 145, "note": "hospital list"}
    url = f"/api/events/{ids['borno']}/corrections"
    r = client.post(url, json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post(url, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert (
        client.post(
            "/api/events/evt_nope/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        ).status_code
        == 404
    )
    assert client.post(url, json={"kind": "rewrite"}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    # a known kind without what it needs is refused when written, not when the next resolution runs
    bad = client.post(
        url, json={"kind": "set-best", "field": "killed", "value": "many"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert bad.status_code == 422 and "whole number" in bad.json()["detail"]
    before = store.counts()["corrections"]
    r = client.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["event"] == ids["borno"]
    assert store.counts()["corrections"] == before + 1
    assert client.post("/api/documents", files={"file": ("a.txt", b"x")}).status_code == 401


def test_writes_disabled_without_configured_token(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'ro.db'}")
    client = TestClient(create_app(store, write_token=""))
    r = client.post("/api/documents", files={"file": ("a.txt", b"x")}, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "EVENTLEDGER_TOKEN" in r.json()["detail"]


def test_pages_escape_and_send_csp(env):
    client, ids, _ = env
    for path in (
        "/events",
        f"/events/{ids['kano']}",
        f"/documents/{ids['docs']['x']}",
        "/briefing?since=2000-01-01",
        "/search?q=script",
        "/map",
        "/timeline",
        "/sources",
        f"/events/{ids['crocus']}",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert (
            "script-src 'self'" in r.headers["content-security-policy"]
            and r.headers["x-content-type-options"] == "nosniff"
        )
        for payload in (x for x in XSS if "<" in x):
            assert payload not in r.text, (path, payload)  # only the escaped form may appear
        assert 'href="javascript:' not in r.text.lower()  # scraped URLs are text, never links
        assert r.text.count("<script") == 1  # the static app.js, nothing inline
    assert client.get("/events/evt_nope").status_code == 404
    assert client.get("/no/such/page").status_code == 404


def test_openapi_describes_the_api(env):
    client, _, _ = env
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/events/{event_id}/corrections" in spec["paths"]
    assert not any(p.startswith("/events") for p in spec["paths"])  # pages are not API


def test_a_background_event_is_marked_in_the_list_the_page_and_the_api(env):
    client, ids, _ = env
    flags = {e["id"]: e["background"] for e in client.get("/api/events").json()["items"]}
    assert flags == {ids["crocus"]: False, ids["borno"]: True, ids["kano"]: False}
    listing = client.get("/events").text
    assert listing.count('class="badge background"') == 1
    assert 'id="background"' in client.get(f"/events/{ids['borno']}").text
    assert 'id="background"' not in client.get(f"/events/{ids['crocus']}").text


def test_a_list_row_names_each_actor_once_per_basis():
    from eventledger.serve.events import _perpetrators

    perps = [
        {"actor": "Band of the North", "actor_id": "band-north", "basis": "claimed", "by": "Band of the North"},
        {"actor": "Band of the North", "actor_id": "band-north", "basis": "attributed", "by": "analysts"},
        {"actor": "Band of the North", "actor_id": "band-north", "basis": "attributed", "by": "a channel"},
        {"actor": "two gunmen", "actor_id": None, "basis": "reported", "by": None},
    ]
    assert [(p["actor"], p["basis"]) for p in _perpetrators(perps)] == [
        ("Band of the North", "claimed"),
        ("Band of the North", "attributed"),
        ("two gunmen", "reported"),
    ]
