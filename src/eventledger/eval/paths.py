"""Where the shared development data lives (read in place, never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    """EVENTLEDGER_SHARED overrides the default ../shared next to the checkout."""
    return Path(os.environ.get("EVENTLEDGER_SHARED") or ROOT.parent / "shared")


def default_paths() -> dict[str, Path]:
    s = shared_dir()
    return {
        "muc4": s / "data" / "muc4" / "dev.json",
        "wikievents": s / "data" / "wikievents" / "dev.jsonl",
        "rams": s / "data" / "rams" / "dev.jsonlines",
        "articles": s / "data" / "article-extraction",
        "gva": s / "data" / "gva-dev",
        "wcxb": s / "data" / "wcxb-dev",
        "seeds-gold": s / "eval" / "seeds-gold.json",
        "seeds": s / "corpus" / "seeds",
    }
