"""Run every benchmark and write BENCHMARKS.md (`make bench`).

    .venv/bin/python benchmarks/run.py [--quick] [--write BENCHMARKS.md]

Each benchmark runs in its own process (so peak memory is its own) and prints JSON; this script
collects them, compares them with the targets the issues set, and says plainly which are met.
`--quick` uses small sizes: a smoke run that checks the benchmarks work, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = ROOT.parent / "shared" / "data" / "article-extraction"


def bench(script: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args, *([] if script == "ingest_throughput.py" else ["--json"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    if out.returncode != 0:
        why = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode
        raise SystemExit(f"benchmarks/{script} failed: {why}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "met" if ok else "**BELOW TARGET**"


def machine() -> dict:
    mem = None
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "cores": os.cpu_count(),
        "ram_gb": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_1min_at_start": load,
    }


def commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def run(quick: bool) -> dict:
    sizes = (
        {
            "events": 2000,
            "requests": 20,
            "extract_docs": 30,
            "feed_items": 100,
            "main_job_docs": 20,
            "memory_items": [200, 1000],
        }
        if quick
        else {
            "events": 100_000,
            "requests": 300,
            "extract_docs": 200,
            "feed_items": 500,
            "main_job_docs": 200,
            "memory_items": [10_000, 100_000],
        }
    )
    res: dict = {
        "machine": machine(),
        "commit": commit(),
        "quick": quick,
        "sizes": sizes,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    t = time.perf_counter()
    res["api"] = bench("api_latency.py", "--events", str(sizes["events"]), "--requests", str(sizes["requests"]))
    res["extract"] = bench("extract_speed.py", str(sizes["extract_docs"]), "--workers", "2")
    res["ingest"] = [
        bench("ingest_throughput.py", "--case", "feed", "--items", str(sizes["feed_items"]), "--workers", w)
        for w in ("1", "2")
    ]
    if not quick and ARTICLES.exists():
        res["ingest"].append(bench("ingest_throughput.py", "--case", "articles", "--workers", "2"))
    res["main_job"] = bench("main_job.py", "--docs", str(sizes["main_job_docs"]))
    res["memory"] = [
        bench("ingest_throughput.py", "--case", "feed", "--items", str(k), "--per-file", "500", "--no-extract")
        for k in sizes["memory_items"]
    ]
    res["seconds"] = round(time.perf_counter() - t)
    return res


def markdown(r: dict, command: str) -> str:
    m, api, ex = r["machine"], r["api"], r["extract"]
    out = [
        "# EventLedger benchmarks",
        "",
        f"Regenerate with `make bench` (= `{command}`). Measured {r['date']} at commit {r['commit']}"
        + (" (QUICK smoke sizes: not a measurement)" if r["quick"] else "")
        + f", {r['seconds']} s in all.",
        "",
        f"Machine: {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, SQLite {m['sqlite']}, "
        f"{m['platform']}; "
        f"1-minute load when the run started: {m['load_1min_at_start']:.2f}."
        if m["load_1min_at_start"] is not None
        else "",
        "",
        f"## API latency ({api['events']:,} synthetic events, SQLite, in process, {r['sizes']['requests']} requests "
        f"per row)",
        "",
        "Target (issue 6): median under 50 ms and 99th percentile under 200 ms for the list and dossier endpoints.",
        "",
        "| request | median ms | p99 ms | target |",
        "|---|---|---|---|",
    ]
    for name, c in api["cases"].items():
        out.append(
            f"| {name} | {c['median_ms']:.1f} | {c['p99_ms']:.1f} | "
            f"{verdict(c['median_ms'] < 50 and c['p99_ms'] < 200)} |"
        )
    w2 = ex.get("docs_per_s_2_workers")
    out += [
        "",
        f"Store built in {api['build_s']} s.",
        "",
        f"## Extraction speed ({ex['documents']} documents of ~600 words, MUC-4 dev text)",
        "",
        "Target (issue 4): 25 documents/s or more with both cores, end to end from text to reports; at least half "
        "the speed of spaCy NER alone on the same text.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| extraction, 2 processes | {w2} docs/s | {verdict(w2 is not None and w2 >= 25)} |",
        f"| extraction, 1 process | {ex['docs_per_s_1_process']} docs/s | |",
        f"| spaCy NER alone (tok2vec + ner), 1 process | {ex['spacy_ner_docs_per_s_1_process']} docs/s | |",
        f"| ratio extraction / NER alone | {ex['ratio_to_ner']} | {verdict(ex['ratio_to_ner'] >= 0.5)} |",
        f"| peak memory, 1 process | {ex['peak_rss_mb']} MB | |",
        f"| peak memory per worker, 2 processes | {ex.get('peak_rss_mb_per_worker_2_workers')} MB | |",
        "",
        "## Ingest throughput (the whole main job: read, clean, dedupe, extract, store, resolve)",
        "",
        "| case | documents | workers | seconds | docs/s | reports | events | peak RSS MB (main / workers) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in r["ingest"]:
        out.append(
            f"| {c['case']} | {c['documents']} | {c['workers']} | {c['seconds']} | {c['docs_per_s']} | "
            f"{c['reports']} | "
            f"{c['events']} | {c['peak_rss_mb']} / {c['peak_rss_children_mb']} |"
        )
    out += main_job_section(r["main_job"]) + memory_section(r["memory"])
    out += [
        "",
        "Speed targets live here, never in timed unit tests; `pytest -m slow tests/test_benchmarks.py` runs "
        "`benchmarks/run.py --quick` as a smoke check.",
        "",
    ]
    return "\n".join(out)


def main_job_section(j: dict) -> list[str]:
    ner = j["ner_alone"]
    rows = [(f"(default: {j['default']['workers']} workers)", j["default"])] if "default" in j else []
    rows += [("--workers 1", j["workers_1"]), ("--workers 2", j["workers_2"])]
    rows += [("--scheduler (Dask)", j["dask"])] if "dask" in j else []
    out = [
        "",
        f"## The main job: `eventledger ingest` end to end beside spaCy NER alone ({j['documents']} MUC-4 dev texts)",
        "",
        "Target (issue 15): ingest with default settings at least 0.5x spaCy NER alone on the same texts; "
        "--workers 2 at least 1.6x --workers 1 with identical ids. `python benchmarks/main_job.py`; "
        f"1-minute load at the end: {j['load_1min']}.",
        "",
        "Ingest is timed from outside, start-up (imports, model loads) and resolution included; NER alone as "
        "`nlp.pipe` over the texts with the model loaded (and, in brackets, its whole process with the load).",
        "",
        "| run | seconds | docs/s | vs NER alone | same ids as 1 worker | peak RSS MB: driver / largest worker / all |",
        "|---|---|---|---|---|---|",
        f"| spaCy NER alone (tok2vec + ner) | {ner['seconds']} (load {ner['load_s']}) | {ner['docs_per_s_pipe']} "
        f"({ner['docs_per_s_process']}) | 1 | | {ner['peak_rss_mb']} |",
    ]
    for name, c in rows:
        ratio = round(c["docs_per_s"] / ner["docs_per_s_pipe"], 2)
        out.append(
            f"| ingest {name} | {c['seconds']} | {c['docs_per_s']} | {ratio} | {c.get('same_ids_as_1_worker', '')} | "
            f"{c.get('peak_rss_mb_driver')} / {c.get('peak_rss_mb_worker') or '-'} / {c.get('peak_rss_mb_all')} |"
        )
    default = "default" if "default" in j else "1_worker"
    ok = verdict(j[f"ratio_{default}_to_ner"] >= 0.5)
    out += [
        "",
        f"Ratio to NER alone with default settings: {j[f'ratio_{default}_to_ner']} ({ok}; "
        f"{j[f'ratio_{default}_to_ner_process']} against NER's whole process); with --workers 1: "
        f"{j['ratio_1_worker_to_ner']} ({j['ratio_1_worker_to_ner_process']}); "
        f"speed-up of 2 workers: {j['speedup_2_workers']} ({verdict(j['speedup_2_workers'] >= 1.6)}).",
    ]
    return out


def memory_section(rows: list[dict]) -> list[str]:
    out = [
        "",
        "## Memory: peak RSS as the corpus grows (synthetic feeds of 500 items a file, every stage but extraction)",
        "",
        "`python benchmarks/ingest_throughput.py --case feed --items N --per-file 500 --no-extract`",
        "",
        "| documents | seconds | docs/s | peak RSS MB |",
        "|---|---|---|---|",
    ]
    for c in rows:
        out.append(f"| {c['documents']:,} | {c['seconds']} | {c['docs_per_s']} | {c['peak_rss_mb']} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="Small sizes: a smoke run, not a measurement.")
    ap.add_argument("--write", type=Path, help="Write the Markdown report here.")
    a = ap.parse_args()
    r = run(a.quick)
    text = markdown(
        r,
        "python benchmarks/run.py" + (" --quick" if a.quick else "") + (f" --write {a.write.name}" if a.write else ""),
    )
    if a.write:
        a.write.write_text(text, encoding="utf-8")
        print(f"wrote {a.write}", file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    main()
