"""The server stays responsive and safe: uploads are jobs run off the request path (202 + /api/jobs/{id}),
bodies are size-limited, and every response carries the security headers, errors and 500s included
(issue 14, failure 6). docs/reliability.md, "Server"."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from eventledger.serve import create_app
from eventledger.serve.security import HEADERS
from eventledger.store import Store

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = (
    b"Gunmen attacked a police checkpoint in Kano on July 2, 2024, killing 4 officers, a police spokesman "
    b"said. The attackers escaped with rifles taken from the officers.\n"
)


@pytest.fixture()
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield s
    s.close()


def _has_headers(r) -> None:
    for k, v in HEADERS.items():
        assert r.headers.get(k) == v, (r.status_code, k)


def test_issue14_security_headers_on_500(store, monkeypatch):
    app = create_app(store, write_token=TOKEN)

    def broken(*a, **kw):
        raise RuntimeError("the store fell over")

    monkeypatch.setattr(Store, "event", broken)
    monkeypatch.setattr(Store, "event_ids_starting", broken, raising=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/api/events/evt_0123456789abcdef")
        assert r.status_code == 500
        _has_headers(r)  # were absent on 500s
        assert r.json() == {"detail": "internal server error"} and "fell over" not in r.text
        page = client.get("/events/evt_0123456789abcdef")
        assert page.status_code == 500
        _has_headers(page)


@pytest.mark.parametrize("path", ["/api/events/evt_nope", "/nowhere", "/api/events?limit=100000"])
def test_headers_on_errors(store, path):
    with TestClient(create_app(store, write_token=TOKEN), raise_server_exceptions=False) as client:
        r = client.get(path)
        assert r.status_code in (404, 422)
        _has_headers(r)


def test_issue14_a_slow_upload_does_not_block_other_requests(store, monkeypatch):
    """A 4 MB upload used to hold every other request for its whole ingest (19 s): the route ran the
    ingest on the event loop. Here the ingest is made to take 3 s."""
    release = threading.Event()

    def slow_ingest(data, name, *, store):
        release.wait(3)  # holds its thread, as a long ingest does
        from eventledger.ingest import IngestResult

        return IngestResult(read=1)

    monkeypatch.setattr("eventledger.ingest.ingest_bytes", slow_ingest)
    with TestClient(create_app(store, write_token=TOKEN)) as client:
        t0 = time.monotonic()
        r = client.post("/api/documents", files={"file": ("big.txt", b"x" * 4_000_000)}, headers=AUTH)
        assert r.status_code == 202 and time.monotonic() - t0 < 2.5
        job = r.json()
        assert job["status"] in ("queued", "running") and r.headers["location"] == f"/api/jobs/{job['id']}"
        t1 = time.monotonic()
        assert client.get("/api/events").status_code == 200
        assert client.get(f"/api/jobs/{job['id']}").json()["status"] in ("queued", "running")
        assert time.monotonic() - t1 < 1.5  # served while the ingest runs
        waiter = {}
        th = threading.Thread(
            target=lambda: waiter.update(
                r=client.post("/api/documents", files={"file": ("b.txt", b"y")}, headers=AUTH, params={"wait": 30})
            )
        )
        th.start()
        time.sleep(0.3)
        t2 = time.monotonic()
        assert client.get("/api/events").status_code == 200 and time.monotonic() - t2 < 1.5  # ?wait= holds no loop
        release.set()
        th.join(30)
        assert waiter["r"].json()["status"] == "done"
        assert client.get(f"/api/jobs/{job['id']}").json()["result"]["read"] == 1


def test_upload_job_ingests_and_reports(store):
    with TestClient(create_app(store, write_token=TOKEN)) as client:
        r = client.post("/api/documents", files={"file": ("kano.txt", STORY)}, headers=AUTH)
        assert r.status_code == 202
        job_id = r.json()["id"]
        for _ in range(600):
            job = client.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        assert job["status"] == "done" and job["result"]["stored"] == 1 and job["result"]["quarantined"] == []
        assert job["started"] and job["finished"] and store.counts()["documents"] == 1
        assert client.get("/api/jobs/job_nope").status_code == 404


def test_a_failing_job_is_failed_with_a_reason_not_a_dead_server(store, monkeypatch):
    def broken(data, name, *, store):
        raise OSError("disk full")

    monkeypatch.setattr("eventledger.ingest.ingest_bytes", broken)
    with TestClient(create_app(store, write_token=TOKEN)) as client:
        r = client.post("/api/documents", files={"file": ("a.txt", b"x")}, headers=AUTH, params={"wait": 30})
        assert r.status_code == 202 and r.json()["status"] == "failed" and r.json()["error"] == "OSError: disk full"
        assert client.get("/api/events").status_code == 200


def test_size_limits_hold_with_and_without_a_declared_length(store):
    app = create_app(store, write_token=TOKEN, max_upload=1000)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/documents", files={"file": ("a.txt", b"x" * 5000)}, headers=AUTH)
        assert r.status_code == 413
        _has_headers(r)
        r = client.post("/api/documents", files={"file": ("a.txt", b"x" * 1500)}, headers=AUTH)  # within the framing
        assert r.status_code == 413 and "MiB" in r.json()["detail"]

        def chunks():  # no Content-Length: counted as read
            for _ in range(6):
                yield b"x" * 2**20

        r = client.post(
            "/api/events/evt_x/corrections", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
        )
        assert r.status_code == 413
        _has_headers(r)
        assert store.counts()["documents"] == 0
