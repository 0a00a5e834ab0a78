"""Pinned headline numbers (eval/baseline.json) and the hashes of the data they were measured on.

A floor fails when a metric falls more than one point (0.01 on the 0-1 scale)
below its pinned value, or rises more than one point for a lower-is-better
metric, or when a data file's hash differs from the pinned one (so editing the
data cannot move a floor quietly).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from eventledger.eval.paths import ROOT, default_paths

BASELINE = ROOT / "eval" / "baseline.json"
TOLERANCE = 0.01
LOWER_IS_BETTER = ("muc4.false_alarm.rate", "gva.events_per_article")
# task -> options used when pinning and when checking; "ci" says whether the floors test runs it
DEFAULT_TASKS: dict[str, dict[str, Any]] = {
    "muc4": {"limit": None, "ci": True},
    "wikievents": {"limit": None, "ci": True},
    "rams": {"limit": 200, "ci": True},
    "articles": {"limit": None, "ci": False},
    "seeds": {"limit": None, "ci": True},
    "resolution": {"limit": None, "ci": True},
    "gva": {"limit": None, "ci": True},  # the whole dev-test part (866 incidents), as the issues' targets; ~2 min
}
DATA_FOR_TASK = {
    "muc4": ("muc4",),
    "wikievents": ("wikievents",),
    "rams": ("rams",),
    "articles": ("articles", "wcxb"),
    "seeds": ("seeds-gold", "seeds"),
    "resolution": ("seeds-gold", "seeds", "muc4", "wikievents"),
    "gva": ("gva",),
}


def sha256_path(path: Path) -> str:
    """A file's sha256; for a folder, the sha256 of its files' relative paths and hashes, in sorted order."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    h = hashlib.sha256()
    for p in sorted(x for x in path.rglob("*") if x.is_file()):
        h.update(f"{p.relative_to(path).as_posix()}\0{sha256_path(p)}\n".encode())
    return h.hexdigest()


def data_hashes(tasks=DEFAULT_TASKS) -> dict[str, str]:
    paths = default_paths()
    return {key: sha256_path(paths[key]) for t in tasks for key in DATA_FOR_TASK[t] if paths[key].exists()}


def load(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def write(
    results: dict[str, dict],
    *,
    commit: str | None,
    path: Path = BASELINE,
    tasks: dict[str, dict] = DEFAULT_TASKS,
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Pin the tasks that ran; those that could not run are listed with the reason, never silently left out."""
    from eventledger.eval.tasks import headline

    data = {
        "about": "Headline numbers pinned by `eventledger eval baseline --update`; tests/test_floors.py fails "
        "when one drops more than `tolerance` below (or, for lower_is_better, rises above) its value.",
        "date": date.today().isoformat(),
        "commit": commit,
        "tolerance": TOLERANCE,
        "lower_is_better": list(LOWER_IS_BETTER),
        "data_sha256": data_hashes(tasks),
        "not_pinned": dict(sorted((errors or {}).items())),
        "tasks": {
            t: {"options": {k: v for k, v in tasks[t].items()}, "metrics": headline(t, results[t])}
            for t in tasks
            if t in results
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return data


def check(task: str, result: dict, pinned: dict[str, Any]) -> list[str]:
    """Failures of one task's fresh result against the pinned baseline ([] when it holds)."""
    from eventledger.eval.tasks import headline

    tol = pinned.get("tolerance", TOLERANCE)
    lower = set(pinned.get("lower_is_better", LOWER_IS_BETTER))
    now = headline(task, result)
    out = []
    for name, value in pinned["tasks"][task]["metrics"].items():
        got = now.get(name)
        if got is None:
            out.append(f"{name}: no longer measured (pinned {value:.4f})")
        elif name in lower and got > value + tol:
            out.append(f"{name}: {got:.4f} rose above the pinned {value:.4f} + {tol}")
        elif name not in lower and got < value - tol:
            out.append(f"{name}: {got:.4f} fell below the pinned {value:.4f} - {tol}")
    return out


def check_hashes(pinned: dict[str, Any]) -> list[str]:
    paths = default_paths()
    out = []
    for key, digest in pinned.get("data_sha256", {}).items():
        if not paths[key].exists():
            continue
        now = sha256_path(paths[key])
        if now != digest:
            out.append(
                f"{paths[key]} changed (sha256 {now[:12]}..., pinned {digest[:12]}...): "
                "re-measure and re-pin with `eventledger eval baseline --update` if the change is intended"
            )
    return out
