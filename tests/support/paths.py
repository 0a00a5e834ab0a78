"""Where the project and the shared development data are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEMO = ROOT / "demo" / "corpus"
