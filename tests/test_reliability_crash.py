"""kill -9 an ingest at random points, N times, then run it to the end: the store holds exactly what one
clean run gives (documents, near-duplicate links, reports, events and their ids), with nothing half
written. SQLite and PostgreSQL. docs/reliability.md, "Crash safety"."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from eventledger.ingest import ingest
from support.runs import contents, corpus, orphans, start_together

KILL_WINDOW_S = (0.0, 12.0)  # after the models are loaded: reading, extraction, the store, the resolution


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("crash-corpus"))


@pytest.fixture(scope="module")
def clean(folders, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('crash-clean') / 'clean.db'}"
    ingest(folders, db=url, on_error=lambda q: None)
    return contents(url)


def _kill_and_finish(url, folders, tmp_path, *, kills: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    where = []
    for _ in range(kills):
        [proc] = start_together([folders], url, tmp_path)
        delay = rng.uniform(*KILL_WINDOW_S)
        t0 = time.monotonic()
        while proc.poll() is None and time.monotonic() - t0 < delay:
            time.sleep(0.01)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        where.append("finished first" if finished else f"killed at {delay:.2f}s")
        assert orphans(url)["segments"] == orphans(url)["reports"] == orphans(url)["event_reports"] == 0
    done = subprocess.run(
        [sys.executable, "-m", "eventledger", "ingest", *map(str, folders), "--db", url, "--quiet"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return where


def _check(url, folders, clean, tmp_path, kills, seed):
    where = _kill_and_finish(url, folders, tmp_path, kills=kills, seed=seed)
    assert contents(url) == clean, where
    assert set(orphans(url).values()) == {0}


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_killed_ingest_rerun_equals_a_clean_run(folders, clean, request, tmp_path, kind):
    url = f"sqlite:///{tmp_path / 'k.db'}" if kind == "sqlite" else request.getfixturevalue("pg_url")
    _check(url, folders, clean, tmp_path, kills=2 if kind == "sqlite" else 1, seed=14)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_killed_ingest_many_times(folders, clean, request, tmp_path, kind):
    url = f"sqlite:///{tmp_path / 'k.db'}" if kind == "sqlite" else request.getfixturevalue("pg_url")
    _check(url, folders, clean, tmp_path, kills=int(os.environ.get("EVENTLEDGER_CRASH_KILLS", "8")), seed=41)
