"""The main job timed end to end beside spaCy NER alone on the same texts, in the same run.

    .venv/bin/python benchmarks/main_job.py [--docs 200] [--no-dask] [--json]

The texts are the first N MUC-4 dev documents (../shared/data/muc4/dev.json, as eval/muc4.py finds them),
written one per file. Measured, one after the other:
- spaCy NER alone (the pipeline extraction loads, only tok2vec + ner enabled) over the texts in one process:
  docs/s of `nlp.pipe`, and of the whole process with the model load;
- `eventledger ingest DIR` as a user runs it (a fresh SQLite store, start-up and resolution included) with
  default settings (one worker per core), with --workers 1 and with --workers 2: wall seconds, docs/s,
  peak RSS of the driver and of any worker;
- the same on a Dask cluster (`dask scheduler` + two `dask worker` processes on loopback) into PostgreSQL
  (127.0.0.1:5432, or $EVENTLEDGER_TEST_PG), when one is reachable;
and whether every run stored the same document, report and event ids.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUC4_DEV = ROOT.parent / "shared" / "data" / "muc4" / "dev.json"
BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get("EVENTLEDGER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")

NER_ALONE = """
import json, resource, sys, time
t0 = time.perf_counter()
from eventledger.extract.work import load_nlp
nlp = load_nlp()
texts = [json.loads(l)["doctext"] for l in open(sys.argv[1])][: int(sys.argv[2])]
t1 = time.perf_counter()
with nlp.select_pipes(enable=["tok2vec", "ner"]):
    for _ in nlp.pipe(texts, batch_size=32):
        pass
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": t1 - t0, "pipe_s": t2 - t1, "rss_mb": rss}))
"""


def write_texts(folder: Path, n: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    k = 0
    with MUC4_DEV.open(encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= n:
                return k
            (folder / f"{k:04d}.txt").write_text(json.loads(line)["doctext"], encoding="utf-8")
    return k + 1


def ner_alone(n: int) -> dict:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", NER_ALONE, str(MUC4_DEV), str(n)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    wall = time.perf_counter() - t
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "docs_per_s_pipe": round(n / r["pipe_s"], 1),
        "docs_per_s_process": round(n / wall, 1),
        "load_s": round(r["load_s"], 1),
        "seconds": round(wall, 1),
        "peak_rss_mb": round(r["rss_mb"]),
    }


def ids(url: str) -> dict:
    from eventledger.export.jsonl import records
    from eventledger.store import Store

    s = Store(url)
    try:
        return {w: sorted(r["id"] for r in records(s, w)) for w in ("documents", "reports", "events")}
    finally:
        s.close()


def _sample_rss(pid: int, peaks: dict, stop: threading.Event) -> None:
    """Peak RSS of the driver, of the largest other process of its tree, and of the whole tree (psutil)."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    cpu: dict[int, float] = {}  # CPU seconds of every process of the tree, as last seen
    while not stop.wait(0.2):
        rss = {}
        for p in [root, *_children(root)]:
            try:
                rss[p.pid] = p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
            except psutil.Error:
                continue
        peaks["cpu_s"] = sum(cpu.values())
        others = [v for k, v in rss.items() if k != pid]
        peaks["driver"] = max(peaks.get("driver", 0), rss.get(pid, 0))
        peaks["worker"] = max(peaks.get("worker", 0), max(others, default=0))
        peaks["tree"] = max(peaks.get("tree", 0), sum(rss.values()))


def _children(root) -> list:
    import psutil

    try:
        return root.children(recursive=True)
    except psutil.Error:
        return []


def ingest(folder: Path, n: int, url: str, *extra: str) -> dict:
    t = time.perf_counter()
    p = subprocess.Popen(
        [str(BIN / "eventledger"), "ingest", str(folder), "--db", url, "-q", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    peaks: dict = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_rss, args=(p.pid, peaks, stop), daemon=True)
    sampler.start()
    stdout, stderr = p.communicate()
    wall = time.perf_counter() - t
    stop.set()
    sampler.join()
    if p.returncode != 0:
        raise SystemExit(f"ingest {' '.join(extra)} failed: {stderr.strip()[-500:]}")
    cpu_s = peaks.pop("cpu_s", None)
    mb = {k: round(v / 2**20) for k, v in peaks.items()}
    return {
        "seconds": round(wall, 1),
        "docs_per_s": round(n / wall, 2),
        "summary": stdout.strip().splitlines()[0],
        "peak_rss_mb_driver": mb.get("driver"),
        "peak_rss_mb_worker": mb.get("worker") or None,
        "peak_rss_mb_all": mb.get("tree"),
        "ids": ids(url),
        # CPU seconds of the driver and its workers (sampled every 0.2 s, so the last moments are missed):
        # on a loaded machine, the work done, where wall seconds only say how long the queue was
        "cpu_s_sampled": round(cpu_s, 1) if cpu_s is not None else None,
    }


def pg_database() -> str | None:
    try:
        import psycopg

        name = f"el_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    except Exception:
        return None


def drop_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def dask_run(folder: Path, n: int, tmp: Path) -> dict | None:
    url = pg_database()
    if url is None:
        return None
    info = tmp / "scheduler.json"
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    try:
        while not info.exists() or not info.read_text().strip():
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        procs += [
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
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            for _ in range(2)
        ]
        from dask.distributed import Client

        with Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=300)
        out = ingest(folder, n, url, "--scheduler", address)
        out["note"] = "2 dask workers on this machine, PostgreSQL store; worker start-up not included"
        return out
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            p.wait(timeout=60)
        drop_pg(url)


def available_cores() -> int:
    from eventledger.pipeline import available_cores as cores

    return cores()


def measure(n: int, dask: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="el-mainjob-"))
    folder = tmp / "muc4"
    n = write_texts(folder, n)
    res: dict = {"documents": n, "ner_alone": ner_alone(n)}
    res["default"] = ingest(folder, n, f"sqlite:///{tmp / 'default.db'}")  # no --workers: one per core
    res["default"]["workers"] = available_cores()
    for w in (1, 2):
        res[f"workers_{w}"] = ingest(folder, n, f"sqlite:///{tmp / f'w{w}.db'}", "--workers", str(w))
    if dask:
        d = dask_run(folder, n, tmp)
        if d is not None:
            res["dask"] = d
    base = res["workers_1"]["ids"]
    for k in ("default", "workers_2", "dask"):
        if k in res:
            res[k]["same_ids_as_1_worker"] = res[k]["ids"] == base
    for k in ("default", "workers_1", "workers_2", "dask"):
        if k in res:
            ids_ = res[k].pop("ids")
            res[k]["ids"] = {w: len(v) for w, v in ids_.items()}
    ner = res["ner_alone"]["docs_per_s_pipe"]
    per_s = res["workers_1"]["docs_per_s"]
    res["ratio_default_to_ner"] = round(res["default"]["docs_per_s"] / ner, 2)
    res["ratio_default_to_ner_process"] = round(
        res["default"]["docs_per_s"] / res["ner_alone"]["docs_per_s_process"], 2
    )
    res["ratio_1_worker_to_ner_process"] = round(per_s / res["ner_alone"]["docs_per_s_process"], 2)
    res["ratio_1_worker_to_ner"] = round(res["workers_1"]["docs_per_s"] / ner, 2)
    res["ratio_2_workers_to_ner"] = round(res["workers_2"]["docs_per_s"] / ner, 2)
    res["speedup_2_workers"] = round(res["workers_1"]["seconds"] / res["workers_2"]["seconds"], 2)
    res["load_1min"] = round(os.getloadavg()[0], 2)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = measure(a.docs, not a.no_dask)
    print(json.dumps(r) if a.json else json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
