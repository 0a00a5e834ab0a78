"""Uploads ingested off the request path: POST /api/documents queues a job and answers 202 at once;
GET /api/jobs/{id} says where it is (queued, running, done with what was stored and quarantined, failed).

One worker thread per server runs the jobs in turn (ingest writes under the store's writer lock
anyway), so a large upload never holds the event loop or other requests. Jobs live in memory: the
last MAX_JOBS are kept, and a restart forgets them (the documents an upload stored stay stored).
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

MAX_JOBS = 1000  # finished jobs remembered for GET /api/jobs/{id}
MAX_QUEUED = 100  # uploads waiting; more are refused with 503 until the queue drains


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class QueueFull(Exception):
    pass


class Jobs:
    def __init__(self, run: Callable[[bytes, str], dict]):
        self._run = run  # (data, name) -> the result shown when done
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventledger-upload")
        self._jobs: OrderedDict[str, dict] = OrderedDict()
        self._futures: dict[str, Future] = {}
        self._lock = threading.Lock()

    def submit(self, data: bytes, name: str) -> dict:
        with self._lock:
            if sum(1 for j in self._jobs.values() if j["status"] in ("queued", "running")) >= MAX_QUEUED:
                raise QueueFull(f"{MAX_QUEUED} uploads are waiting; try again later")
            job = {
                "id": f"job_{uuid.uuid4().hex[:16]}",
                "status": "queued",
                "name": name,
                "bytes": len(data),
                "created": _now(),
                "started": None,
                "finished": None,
                "result": None,
                "error": None,
            }
            self._jobs[job["id"]] = job
            while len(self._jobs) > MAX_JOBS:
                old = next(iter(self._jobs))
                if self._jobs[old]["status"] in ("queued", "running"):
                    break
                self._jobs.pop(old)
                self._futures.pop(old, None)
            self._futures[job["id"]] = self._pool.submit(self._work, job["id"], data, name)
            return dict(job)

    def _work(self, job_id: str, data: bytes, name: str) -> None:
        self._set(job_id, status="running", started=_now())
        try:
            result = self._run(data, name)
        except Exception as e:  # the job fails, with one line; the server goes on
            why = f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"
            self._set(job_id, status="failed", finished=_now(), error=why)
            return
        self._set(job_id, status="done", finished=_now(), result=result)

    def _set(self, job_id: str, **kw) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id].update(kw)

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return dict(job) if job else None

    def future(self, job_id: str) -> Future | None:
        with self._lock:
            return self._futures.get(job_id)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
