"""Helpers of the reliability tests: a small corpus with near-duplicate pairs, `eventledger ingest` runs in
subprocesses started together, and a store's content as one comparable value."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import inspect, select

from eventledger.store import Store
from eventledger.store import models as m

_MARKET = (
    "Gunmen on motorbikes attacked the cattle market in Maiduguri on May 4, 2024, killing 12 traders and wounding "
    "20 others, police said. Witnesses said the attackers arrived at dawn and fired on stalls for half an hour "
    "before fleeing towards the Sambisa forest. The state governor ordered the market closed for a week and sent "
    "troops to the roads around the town. Hospital staff appealed for blood donors as the wounded arrived."
)
_BUS = (
    "A bomb hidden under a seat exploded on a passenger bus in Quetta on June 9, 2024, killing 3 passengers and "
    "injuring 11, officials said. The bus was travelling from the city centre to the airport road when the device "
    "went off near a police checkpoint. No group has said it planted the bomb, and police sealed off the area while "
    "investigators collected fragments from the wreck."
)
_CHECKPOINT = (
    "Gunmen attacked a police checkpoint in Kano on July 2, 2024, killing 4 officers, a police spokesman said. "
    "The attackers escaped with rifles taken from the officers, and soldiers searched nearby villages overnight."
)
_CHURCH = (
    "A suicide bomber blew himself up at the gate of a church in Peshawar on August 11, 2024, killing 6 people "
    "and injuring 19, a hospital official said. Guards had stopped the man at the gate before he detonated his vest."
)


def corpus(root: Path) -> list[Path]:
    """Three folders; each near-duplicate pair is split across two of them."""
    files = {
        "one": {
            "market.txt": "Market attack in Maiduguri\n\n" + _MARKET,
            "bus.txt": "Bus bombing in Quetta\n\n" + _BUS,
        },
        "two": {
            "market-copy.txt": "Maiduguri market attack kills 12\n\n" + _MARKET + " Reporting by a local stringer.",
            "checkpoint.txt": "Checkpoint attack in Kano\n\n" + _CHECKPOINT,
        },
        "three": {
            "bus-copy.txt": "Quetta bus blast\n\n" + _BUS.replace("officials said", "officials told reporters"),
            "church.txt": "Church bombing in Peshawar\n\n" + _CHURCH,
        },
    }
    out = []
    for group, texts in files.items():
        folder = root / group
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (folder / name).write_text(text + "\n", encoding="utf-8")
        out.append(folder)
    return out


def contents(url: str) -> dict:
    """What a store holds that must not depend on how it was filled: documents and their near-duplicate links,
    reports, events with their reports (ids included), quarantined inputs."""
    s = Store(url, migrate=False)
    try:
        with s.session() as x:
            docs = dict(x.execute(select(m.DocumentRow.id, m.DocumentRow.duplicate_of)).all())
            # document links only: segment copies are linked within one batch (dedupe.Deduper), so they
            # depend on which files share a run even when runs are sequential
            dups = sorted(
                x.execute(
                    select(m.DuplicateRow.item_id, m.DuplicateRow.original_id).where(m.DuplicateRow.level == "document")
                ).all()
            )
            reports = sorted(x.scalars(select(m.ReportRow.id)))
            events: dict[str, list[str]] = {}
            for eid, rid in x.execute(select(m.EventReportRow.event_id, m.EventReportRow.report_id)):
                events.setdefault(eid, []).append(rid)
            quarantined = x.scalar(select(m.QuarantineRow.id).limit(1))
        return {
            "documents": docs,
            "duplicates": [tuple(d) for d in dups],
            "reports": reports,
            "events": {k: sorted(v) for k, v in sorted(events.items())},
            "quarantined": quarantined,
        }
    finally:
        s.close()


# Each run loads its models, says it is ready, and waits for the others, so that they open the store and
# write at the same moment (the races of issue 14 need that; a staggered start hides them).
_WORKER = r"""
import sys, time
from pathlib import Path
from eventledger.ingest import processing_stages
processing_stages()
Path(sys.argv[2]).touch()
while not Path(sys.argv[1]).exists():
    time.sleep(0.002)
from eventledger.cli import app
app(sys.argv[3:], prog_name="eventledger")
"""


def start_together(runs: list[list[str]], url: str, tmp: Path, *, timeout: float = 900) -> list[subprocess.Popen]:
    """`eventledger ingest PATHS --db url` for each list of paths, started at once once all loaded their
    models (each in its own process group, so a test can kill it with its workers)."""
    go = tmp / f"go-{time.time_ns()}"
    procs = []
    for k, paths in enumerate(runs):
        ready = tmp / f"{go.name}-ready-{k}"
        cmd = [sys.executable, "-c", _WORKER, str(go), str(ready), "ingest", *map(str, paths), "--db", url, "--quiet"]
        procs.append(
            (
                subprocess.Popen(
                    cmd,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                    start_new_session=True,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                ),
                ready,
            )
        )
    deadline = time.time() + timeout
    while not all(r.exists() for _, r in procs):
        if time.time() > deadline or any(p.poll() is not None for p, _ in procs):
            break
        time.sleep(0.05)
    go.touch()
    return [p for p, _ in procs]


def ingest_together(runs: list[list[str]], url: str, tmp: Path, *, timeout: float = 900) -> list[tuple[int, str]]:
    """`eventledger ingest PATHS --db url` for each list of paths, all at once; (exit code, stderr) of each."""
    deadline = time.time() + timeout
    out = []
    for p in start_together(runs, url, tmp, timeout=timeout):
        try:
            _, err = p.communicate(timeout=max(1.0, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
        out.append((p.returncode, err))
    return out


def orphans(url: str) -> dict[str, int]:
    """Rows whose document (or event) is missing: a half-written document or resolution leaves some."""
    s = Store(url, migrate=False)
    try:
        if not inspect(s.engine).has_table("event_reports"):  # killed before the store was made
            return dict.fromkeys(("segments", "reports", "statements", "event_reports", "unresolved_reports"), 0)
        with s.session() as x:
            docs = set(x.scalars(select(m.DocumentRow.id)))
            reports = set(x.scalars(select(m.ReportRow.id)))
            events = set(x.scalars(select(m.EventRow.id)))
            return {
                "segments": sum(1 for d in x.scalars(select(m.SegmentRow.document_id)) if d not in docs),
                "reports": sum(1 for d in x.scalars(select(m.ReportRow.document_id)) if d not in docs),
                "statements": sum(1 for d in x.scalars(select(m.StatementRow.document_id)) if d not in docs),
                "event_reports": sum(
                    1
                    for e, r in x.execute(select(m.EventReportRow.event_id, m.EventReportRow.report_id))
                    if e not in events or r not in reports
                ),
                "unresolved_reports": len(reports - set(x.scalars(select(m.EventReportRow.report_id)))),
            }
    finally:
        s.close()
