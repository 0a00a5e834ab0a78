"""`eventledger ingest --scheduler`: the per-document stages on a real Dask cluster (a `dask scheduler` and two
`dask worker` processes on loopback), the results in PostgreSQL, the same documents, reports and events as a
local run; a SQLite store is refused for a cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventledger.export.jsonl import records
from eventledger.ingest import IngestError, ingest
from eventledger.store import Store

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
FILES = [DEMO / "feed.xml", DEMO / "atom.xml", DEMO / "scraper.jsonl"]
BIN = Path(sys.executable).parent


def _export(url: str) -> dict:
    s = Store(url)
    try:
        return {
            what: sorted(json.dumps(r, sort_keys=True) for r in records(s, what))
            for what in ("documents", "reports", "events", "statements")
        }
    finally:
        s.close()


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded worker processes on 127.0.0.1; yields the scheduler's address."""
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "scheduler.log", "w"),
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() or not info.read_text().strip():
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()[-2000:]
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for k in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        str(BIN / "dask"),
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                        "--memory-limit",
                        "0",
                        "--name",
                        f"w{k}",
                    ],
                    env=env,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=open(tmp_path / f"worker{k}.log", "w"),
                )
            )
        from dask.distributed import Client

        with Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


@pytest.mark.postgres
def test_dask_cluster_into_postgres_gives_the_same_ids_as_a_local_run(tmp_path, pg_url, cluster):
    local = f"sqlite:///{tmp_path / 'local.db'}"
    ingest(FILES, db=local, on_error=lambda q: None)
    out = subprocess.run(
        [sys.executable, "-m", "eventledger", "ingest", *map(str, FILES), "--db", pg_url, "--scheduler", cluster, "-q"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr
    want, got = _export(local), _export(pg_url)
    assert want["reports"] and want["events"]
    assert got == want


def test_a_cluster_refuses_a_sqlite_store(tmp_path):
    with pytest.raises(IngestError, match="postgresql"):
        ingest(FILES[:1], db=f"sqlite:///{tmp_path / 's.db'}", scheduler="tcp://127.0.0.1:9")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventledger",
            "ingest",
            str(FILES[0]),
            "--db",
            f"sqlite:///{tmp_path / 't.db'}",
            "--scheduler",
            "tcp://127.0.0.1:9",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1 and "SQLite" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.postgres
def test_an_unreachable_scheduler_is_an_error_with_its_cause(pg_url):
    from eventledger.pipeline import WorkerError

    with pytest.raises(WorkerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        ingest(FILES[:1], db=pg_url, scheduler="tcp://127.0.0.1:9")
